"""graph.fileio.save: atomic, permission-keeping, and never writing what cannot load
(docs/file-format.md, "Saving is safe")."""

from __future__ import annotations

import math
import os
import stat

import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import ChainwireError, FileFormatError
from chainwire.graph.records import Annotation
from tests.graph.fileio_cases import example

# ----- saving ------------------------------------------------------------------------------

def _saved_pair(tmp_path):
    p = tmp_path / "c.chainwire"
    fileio.save(example(), p)
    old = p.read_bytes()
    c = example()
    c.set_value("x", 123.0)  # a different circuit, so a successful save would change bytes
    return p, old, c


def _no_temp_left(tmp_path):
    assert sorted(os.listdir(tmp_path)) == ["c.chainwire"]


@pytest.mark.parametrize("fn, error", [
    ("write", OSError(28, "No space left on device")),
    ("fsync", OSError(5, "Input/output error")),
    ("replace", PermissionError(13, "Permission denied")),
])
def test_save_failure_keeps_old_file(tmp_path, monkeypatch, fn, error):
    p, old, c = _saved_pair(tmp_path)

    def boom(*a, **k):
        raise error
    monkeypatch.setattr(os, fn, boom)
    with pytest.raises(OSError) as info:
        fileio.save(c, p)
    monkeypatch.undo()
    assert isinstance(info.value, type(error)) and info.value.errno == error.errno
    assert str(p) in str(info.value) and error.strerror in str(info.value)
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_short_writes_are_completed(tmp_path, monkeypatch):
    p, old, c = _saved_pair(tmp_path)
    real_write = os.write
    calls = []

    def short(fd, data):
        calls.append(len(data))
        return real_write(fd, bytes(data[:7]))  # at most 7 bytes per call
    monkeypatch.setattr(os, "write", short)
    fileio.save(c, p)
    monkeypatch.undo()
    assert len(calls) > 10
    assert fileio.load(p) == c and p.read_bytes() != old
    _no_temp_left(tmp_path)


def test_write_making_no_progress_fails(tmp_path, monkeypatch):
    p, old, c = _saved_pair(tmp_path)
    real_write = os.write
    monkeypatch.setattr(os, "write",
                        lambda fd, data: real_write(fd, bytes(data[:100])) if len(data) > 500
                        else 0)
    with pytest.raises(OSError, match="could be written") as info:
        fileio.save(c, p)
    monkeypatch.undo()
    assert str(p) in str(info.value)
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_interrupt_during_save_cleans_up(tmp_path, monkeypatch):
    p, old, c = _saved_pair(tmp_path)

    def interrupt(*a):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        fileio.save(c, p)
    monkeypatch.undo()
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_save_to_directory_or_missing_folder(tmp_path):
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        fileio.save(example(), tmp_path)
    missing = tmp_path / "no" / "such" / "c.chainwire"
    with pytest.raises(FileNotFoundError, match="does not exist") as info:
        fileio.save(example(), missing)
    assert str(missing) in str(info.value)
    assert os.listdir(tmp_path) == []


def test_unsavable_circuit_refused_and_old_file_kept(tmp_path):
    p, old, c = _saved_pair(tmp_path)
    c.extra["bad"] = math.nan
    with pytest.raises(FileFormatError, match=r"cannot save .*c\.chainwire.*'bad' contains nan"):
        fileio.save(c, p)
    c.extra["bad"] = {1, 2}
    with pytest.raises(ChainwireError, match="set"):
        fileio.dumps(c)
    c.extra.clear()
    # an Annotation made without the model's checks (its text is not text)
    c = Circuit.assemble([], [], annotations=[Annotation(None, (0.0, 0.0))])  # type: ignore
    with pytest.raises(FileFormatError, match=r"annotations\[0\]"):
        fileio.save(c, p)
    assert p.read_bytes() == old
    _no_temp_left(tmp_path)


def test_save_keeps_permission_bits(tmp_path):
    p, _old, c = _saved_pair(tmp_path)
    os.chmod(p, 0o640)
    fileio.save(c, p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640
    os.chmod(p, 0o604)
    fileio.save(c, p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o604


def test_new_file_gets_umask_mode(tmp_path):
    old_mask = os.umask(0o027)
    try:
        fileio.save(example(), tmp_path / "new.chainwire")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.chainwire").st_mode) == 0o640


def test_save_through_symlink_replaces_target(tmp_path):
    real = tmp_path / "real.chainwire"
    fileio.save(example(), real)
    link = tmp_path / "link.chainwire"
    link.symlink_to(real)
    c = example()
    c.set_value("y", 9.0)
    fileio.save(c, link)
    assert link.is_symlink() and fileio.load(real) == c


def test_save_overwrites_and_output_is_utf8(tmp_path):
    p = tmp_path / "c.chainwire"
    c = example()
    c.title = "σ-gate ünïcode"
    fileio.save(c, p)
    fileio.save(c, p)
    raw = p.read_bytes()
    assert raw.decode("utf-8") == fileio.dumps(c) and "σ-gate".encode() in raw
    assert raw.endswith(b"}\n")
