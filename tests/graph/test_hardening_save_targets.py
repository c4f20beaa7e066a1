"""Issue 11, item 1: saving writes only regular files, reading reads only regular files.

A hypothesis fuzzer tries every kind of target (a new file, a regular file, a read-only
one, a FIFO, a Unix socket, a folder, a device node where the system lets us make one,
a link to each, a dangling link, a link standing for an open stream) through the one
save path (``fileio.save``: the CLI's ``new -o``, the editor's Save) and checks that
only a regular file or a new one is written and anything else is refused before a byte
is written, leaving it as it was and no temporary file behind. Tests may run as root,
which may write a 0444 file: read-only is then injected where the check asks the system.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chainwire.graph import cli, fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import NotAFileError
from chainwire.graph.fileio import targets

OLD = b'{"format": "chainwire", "version": 1, "nodes": []}\n'
KINDS = ("missing", "regular", "read_only", "fifo", "socket", "folder", "device")


def circuit() -> Circuit:
    c = Circuit()
    c.add_node("input", "x", value=2.0, pos=(0, 0))
    c.add_node("square", "f", pos=(160, 0))
    c.connect("x", "f", 0)
    return c


def make(folder: Path, kind: str, name: str = "target") -> Path:
    """A file of ``kind`` at ``folder/name`` (skips what this system cannot make)."""
    p = folder / name
    if kind == "regular":
        p.write_bytes(OLD)
    elif kind == "read_only":
        p.write_bytes(OLD)
        p.chmod(0o444)
    elif kind == "fifo":
        os.mkfifo(p)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        try:
            s.bind(str(p))
        except OSError as e:  # a path too long for a socket
            pytest.skip(f"cannot make a socket here: {e}")
        finally:
            s.close()
    elif kind == "folder":
        p.mkdir()
    elif kind == "device":
        try:
            os.mknod(p, 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        except OSError as e:
            pytest.skip(f"cannot make a device node here: {e}")
    return p


def snapshot(p: Path) -> tuple:
    """What a path is: its kind, bits and (for a regular file) bytes."""
    try:
        st_ = os.lstat(p)
    except FileNotFoundError:
        return ("missing",)
    data = p.read_bytes() if stat.S_ISREG(st_.st_mode) else None
    return (stat.S_IFMT(st_.st_mode), stat.S_IMODE(st_.st_mode), data)


def as_non_root(monkeypatch) -> None:
    """Answer ``access(W_OK)`` as the system would for a user who is not root."""
    real = os.access

    def access(path, mode, **kw):
        if mode & os.W_OK and not os.stat(path).st_mode & 0o222:
            return False
        return real(path, mode, **kw)
    monkeypatch.setattr(targets.os, "access", access)


def temps(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(targets.TEMP_SUFFIX)]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), via_link=st.booleans(), hops=st.integers(1, 3))
def test_fuzz_only_regular_or_new_files_are_written(tmp_path_factory, monkeypatch, kind,
                                                    via_link, hops):
    folder = tmp_path_factory.mktemp("save")
    target = make(folder, kind)
    path = target
    if via_link:
        for i in range(hops):  # a chain of links, relative and absolute
            link = folder / f"link{i}"
            link.symlink_to(path.name if i % 2 else path)
            path = link
    as_non_root(monkeypatch)
    before = snapshot(target)
    c = circuit()
    if kind == "missing" and via_link:  # a dangling link: refused, not created behind it
        with pytest.raises(FileNotFoundError, match="symbolic link to .*, which does not"):
            fileio.save(c, path)
        assert snapshot(target) == before
    elif kind in ("missing", "regular"):
        fileio.save(c, path)
        assert fileio.load(target) == c
        assert not via_link or path.is_symlink()  # the link stays, its target is written
        if kind == "regular":
            assert stat.S_IMODE(os.stat(target).st_mode) == before[1]
    else:
        with pytest.raises(OSError) as info:
            fileio.save(c, path)
        e = info.value
        expected = {"read_only": PermissionError, "folder": IsADirectoryError}.get(
            kind, NotAFileError)
        assert isinstance(e, expected), (kind, type(e), e)
        words = {"read_only": "read-only", "fifo": "named pipe", "socket": "socket",
                 "folder": "folder", "device": "device"}[kind]
        assert words in str(e) and str(path) in str(e)
        assert snapshot(target) == before  # not replaced, not touched
    assert temps(folder) == []


def test_reading_anything_but_a_regular_file_is_refused_at_once(tmp_path):
    """A FIFO without a writer would block ``open`` forever: read in a child, with a
    timeout; each kind must be refused with its own words."""
    expected = {"fifo": "NotAFileError it is a named pipe (FIFO), not a regular file",
                "socket": "NotAFileError it is a socket, not a regular file",
                "device": "NotAFileError it is a character device, not a regular file",
                "folder": "IsADirectoryError it is a folder, not a file",
                "dangling": "FileNotFoundError"}
    paths = {}
    for kind in expected:
        if kind == "dangling":
            paths[kind] = tmp_path / kind
            paths[kind].symlink_to(tmp_path / "nowhere")
            continue
        try:
            paths[kind] = make(tmp_path, kind, kind)
        except pytest.skip.Exception:
            continue
        link = tmp_path / f"link-to-{kind}"
        link.symlink_to(paths[kind])
        paths[f"link-to-{kind}"] = link
    code = ("import sys\nfrom chainwire.graph import fileio\n"
            "for p in sys.argv[1:]:\n    try:\n        fileio.load(p)\n"
            "    except OSError as e:\n        print(type(e).__name__, e.strerror)\n")
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code, *map(str, paths.values())],
                         capture_output=True, text=True, timeout=60)
    assert time.monotonic() - t0 < 30 and out.returncode == 0, out.stderr
    for (name, _p), line in zip(paths.items(), out.stdout.splitlines(), strict=True):
        assert line.startswith(expected[name.removeprefix("link-to-")]), (name, line)


def test_links_to_open_streams_are_refused(tmp_path, monkeypatch):
    """``/dev/stdout`` or ``/proc/self/fd/2`` (here: a stand-in folder) names this
    process's stream: ``-o /dev/stderr 2>>log`` must not replace the log."""
    streams = tmp_path / "proc" / "fd"
    streams.mkdir(parents=True)
    log = tmp_path / "log"
    log.write_bytes(b"keep me\n")
    (streams / "2").symlink_to(log)
    monkeypatch.setattr(targets, "STREAM_DIRS", (str(tmp_path / "proc"),))
    with pytest.raises(NotAFileError, match="link in .* to an open stream"):
        fileio.save(circuit(), streams / "2")
    assert log.read_bytes() == b"keep me\n"
    for name in ("/dev/stdout", "/dev/stderr", "/proc/self/fd/1"):
        if os.path.islink(name):
            with pytest.raises(OSError):
                targets.save_target(name)  # the check alone: never a write there


def test_the_cli_and_the_save_path_say_the_same_in_one_line(tmp_path, capsys):
    fifo = make(tmp_path, "fifo", "f.chainwire")
    code = cli.main(["new", "--expr", "x*y", "-o", str(fifo)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("chainwire: error: cannot save ") and "named pipe" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_read_only_file_is_refused_as_a_direct_write_would_be(tmp_path, monkeypatch):
    p = make(tmp_path, "read_only", "c.chainwire")
    as_non_root(monkeypatch)
    with pytest.raises(PermissionError) as info:
        fileio.save(circuit(), p)
    assert info.value.errno == errno.EACCES
    assert "permission denied: the file is read-only" in str(info.value)
    assert p.read_bytes() == OLD and temps(tmp_path) == []
    monkeypatch.undo()  # root (or the owner after chmod) may write it: like `echo > file`
    p.chmod(0o644)
    fileio.save(circuit(), p)
    assert fileio.load(p) == circuit()


# ----- temporary files of dead processes ---------------------------------------------------
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_save_removes_temp_files_of_dead_processes_only(tmp_path):
    p = tmp_path / "c.chainwire"
    fileio.save(circuit(), p)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = {
            "dead": f"{targets.temp_prefix(p.name, dead_pid())}abcd1234.tmp",
            "alive": f"{targets.temp_prefix(p.name, alive.pid)}abcd1234.tmp",
            "mine": f"{targets.temp_prefix(p.name)}abcd1234.tmp",
            "other file": f"{targets.temp_prefix('other.chainwire', dead_pid())}x.tmp",
            "not ours": ".c.chainwire.abcdefgh.tmp",
        }
        for n in names.values():
            (tmp_path / n).write_bytes(b"{")
        old = tmp_path / f"{targets.temp_prefix(p.name, alive.pid)}old00000.tmp"
        old.write_bytes(b"{")
        os.utime(old, (0, 0))  # a day old: its pid may have been reused
        fileio.save(circuit(), p)
        left = set(os.listdir(tmp_path))
        assert names["dead"] not in left and old.name not in left
        assert {names["alive"], names["mine"], names["other file"], names["not ours"]} <= left
    finally:
        alive.kill()
        alive.wait()


def test_a_save_killed_mid_write_leaves_a_temp_the_next_save_removes(tmp_path):
    p = tmp_path / "c.chainwire"
    code = ("import os, sys, time\nfrom chainwire.graph import fileio\n"
            "from chainwire.graph.circuit import Circuit\n"
            "os.fsync = lambda fd: (print('writing', flush=True), time.sleep(60))\n"
            "fileio.save(Circuit(), sys.argv[1])\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(p)], stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        child.kill()
        child.wait()
    assert len(temps(tmp_path)) == 1 and not p.exists()  # the kill left it: nothing saved
    fileio.save(circuit(), p)
    assert temps(tmp_path) == [] and fileio.load(p) == circuit()


def test_temp_names_carry_the_pid_and_stay_short(tmp_path):
    long = "x" * 240 + ".chainwire"
    made = []
    real = os.replace

    def spy(src, dst):
        made.append(os.path.basename(src))
        return real(src, dst)
    os.replace = spy
    try:
        fileio.save(circuit(), tmp_path / long)
    finally:
        os.replace = real
    (name,) = made
    assert targets._pid_of(name) == os.getpid() and len(name) < 255
