"""graph.fileio.atomic: the one atomic writer (saves, autosaves and backups use it)."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from chainwire.graph.fileio.atomic import write_atomic

OLD = b"the old version\n"
NEW = b"the new version, longer than the old one\n" * 100


@pytest.fixture
def target(tmp_path):
    p = tmp_path / "f.chainwire"
    p.write_bytes(OLD)
    return p


def only(tmp_path, *names: str) -> None:
    """The folder holds exactly these files: no temporary file was left behind."""
    assert sorted(os.listdir(tmp_path)) == sorted(names)


def test_writes_and_replaces(tmp_path, target):
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    write_atomic(str(tmp_path / "fresh"), b"")  # a str path, an empty file
    assert (tmp_path / "fresh").read_bytes() == b""
    only(tmp_path, "f.chainwire", "fresh")


@pytest.mark.parametrize("fn, error", [
    ("write", OSError(errno.ENOSPC, "No space left on device")),
    ("fsync", OSError(errno.EIO, "Input/output error")),
    ("fchmod", PermissionError(errno.EPERM, "Operation not permitted")),
    ("replace", PermissionError(errno.EACCES, "Permission denied")),
])
def test_a_failed_write_keeps_the_old_file_and_removes_the_temp(tmp_path, target,
                                                                  monkeypatch, fn, error):
    seen = []

    def boom(*a, **k):
        seen.append(a)
        raise error
    monkeypatch.setattr(os, fn, boom)
    with pytest.raises(type(error)) as info:
        write_atomic(target, NEW)
    monkeypatch.undo()
    assert seen and info.value is error  # the original error, untouched
    assert target.read_bytes() == OLD
    only(tmp_path, "f.chainwire")


def test_an_interrupt_cleans_up_too(tmp_path, target, monkeypatch):
    def interrupt(*a):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    only(tmp_path, "f.chainwire")


def test_short_writes_are_completed_and_no_progress_fails(tmp_path, target, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    monkeypatch.setattr(os, "write",
                        lambda fd, data: real_write(fd, bytes(data[:100])) if len(data) > 500
                        else 0)
    with pytest.raises(OSError, match="could be written") as info:
        write_atomic(target, NEW + b"!")
    assert info.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert target.read_bytes() == NEW
    only(tmp_path, "f.chainwire")


def test_a_folder_or_a_missing_folder_is_refused_before_writing(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        write_atomic(tmp_path, NEW)
    assert info.value.errno == errno.EISDIR and info.value.strerror == "it is a folder, not a file"
    missing = tmp_path / "no" / "such" / "file"
    with pytest.raises(FileNotFoundError) as info:
        write_atomic(missing, NEW)
    assert info.value.strerror == f"the folder {tmp_path / 'no' / 'such'} does not exist"
    only(tmp_path)


def test_permission_bits(tmp_path, target):
    os.chmod(target, 0o640)
    write_atomic(target, NEW)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # an existing file keeps its own
    write_atomic(target, NEW, mode=0o600)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # unless told otherwise
    old_mask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new", NEW)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o640  # 0o666 minus umask


def test_symlinks_followed_or_replaced(tmp_path, target):
    link = tmp_path / "link"
    link.symlink_to(target)
    write_atomic(link, NEW)
    assert link.is_symlink() and target.read_bytes() == NEW
    write_atomic(link, b"own", follow_symlinks=False)
    assert not link.is_symlink() and link.read_bytes() == b"own"
    assert target.read_bytes() == NEW
    only(tmp_path, "f.chainwire", "link")


def test_the_temp_file_is_a_hidden_sibling(tmp_path, target, monkeypatch):
    """Recovery removes stale ``.*.tmp`` files a killed process left in its folder."""
    made = []
    real_replace = os.replace

    def spy(src, dst):
        made.append(os.path.basename(src))
        return real_replace(src, dst)
    monkeypatch.setattr(os, "replace", spy)
    write_atomic(target, NEW)
    (name,) = made
    assert name.startswith(".f.chainwire.") and name.endswith(".tmp")
