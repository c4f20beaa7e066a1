"""The one atomic file writer: a file is replaced whole or not at all.

Saving a circuit (``fileio.save``), an autosave and the ``.bak`` backup
(``editor/recovery.py``) all go through ``write_atomic``: the bytes go to a temporary
file in the target's folder, are written completely, flushed to disk, and only then
renamed over the target. A crash, a full disk or an error leaves the previous file
byte-identical and no temporary file behind (docs/file-format.md, "Saving is safe").
Only regular files are replaced (``targets``): a FIFO, socket, device or folder at the
path, or a read-only file, is refused before anything is written. A process killed
mid-write leaves its temporary file; the next save to that folder removes it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile

from chainwire.graph.errors import coded_os
from chainwire.graph.fileio.targets import (
    TEMP_SUFFIX,
    check_writable,
    refuse_kind,
    remove_stale_temps,
    save_target,
    temp_prefix,
)

__all__ = ["TEMP_SUFFIX", "write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None,
                 follow_symlinks: bool = True, keep_read_only: bool = True) -> None:
    """Replace the regular file at ``path`` (or create it) with ``data``, atomically.

    ``mode`` gives the new file's permission bits; by default an existing file keeps
    its own and a new one gets 0o666 minus the umask. With ``follow_symlinks`` a symlink
    at ``path`` stays and its target (a regular file) is replaced; without, the link
    itself is replaced. ``keep_read_only=False`` replaces a read-only file too (the
    ``.bak`` backup copies its source's bits, and is Chainwire's own to replace).

    Raises ``OSError`` (the original subclass and errno) on any failure, after removing
    the temporary file; an existing file at ``path`` is then untouched. Before anything
    is written, with a ``strerror`` in words: a folder (``IsADirectoryError``), a missing
    folder (``FileNotFoundError``), a FIFO, socket, device or stream
    (``graph.errors.NotAFileError``), a read-only file (``PermissionError``).
    """
    target, st = save_target(path, follow_symlinks)
    folder, base = os.path.split(target)
    regular = st is not None and stat.S_ISREG(st.st_mode)
    if regular and keep_read_only:
        check_writable(target)
    if mode is None:
        mode = st.st_mode & 0o7777 if st is not None and regular else 0o666 & ~_umask()
    remove_stale_temps(folder, base)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(base), suffix=TEMP_SUFFIX, dir=folder)
    except PermissionError as e:
        raise coded_os(PermissionError, e.errno, "os_cannot_create", folder=folder) from None
    try:
        try:
            _write_all(fd, data)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        _still_replaceable(target, follow_symlinks)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _still_replaceable(target: str, follow_symlinks: bool) -> None:
    """Nothing but a regular file (or nothing) took the target's place while writing."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISREG(st.st_mode) or (stat.S_ISLNK(st.st_mode) and not follow_symlinks):
        return
    raise refuse_kind(st.st_mode, target)


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until everything is written (it may write less than asked)."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if not n or n < 0:
            raise coded_os(OSError, errno.ENOSPC, "os_disk_full", written=len(data) - len(view),
                           total=len(data))
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
