"""The one atomic file writer: a file is replaced whole or not at all.

Saving a circuit (``fileio.save``), an autosave and the ``.bak`` backup
(``editor/recovery.py``) all go through ``write_atomic``: the bytes go to a temporary
file in the target's folder, are written completely, flushed to disk, and only then
renamed over the target. A crash, a full disk or an error leaves the previous file
byte-identical and no temporary file behind (docs/file-format.md, "Saving is safe").
"""

from __future__ import annotations

import errno
import os
import tempfile

TEMP_SUFFIX = ".tmp"
"""Temporary files are ``.<name>.<random>.tmp`` next to the target (recovery removes
stale ones a killed process left behind)."""


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None,
                 follow_symlinks: bool = True) -> None:
    """Replace the file at ``path`` with ``data``, atomically.

    ``mode`` gives the new file's permission bits; by default an existing file keeps
    its own and a new one gets 0o666 minus the umask. With ``follow_symlinks`` a symlink
    at ``path`` stays and its target is replaced; without, the link itself is replaced.

    Raises ``OSError`` (the original subclass and errno) on any failure, after removing
    the temporary file; an existing file at ``path`` is then untouched. A folder at
    ``path`` or a missing folder is refused before anything is written, with a
    ``strerror`` saying so in words.
    """
    name = os.fspath(path)
    target = os.path.realpath(name) if follow_symlinks else name
    folder = os.path.dirname(os.path.abspath(target)) or "."
    if os.path.isdir(target):
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file")
    if not os.path.isdir(folder):
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist")
    if mode is None:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=TEMP_SUFFIX,
                               dir=folder)
    try:
        try:
            _write_all(fd, data)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until everything is written (it may write less than asked)."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if not n or n < 0:
            raise OSError(errno.ENOSPC, f"only {len(data) - len(view)} of {len(data)} bytes "
                          "could be written (is the disk full?)")
        view = view[n:]


def _fsync_dir(folder: str) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it the only portable way
    os.umask(mask)
    return mask
