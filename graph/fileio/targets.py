"""What a path names, checked before Chainwire reads or replaces it: regular files only.

A save renames a temporary file over its target, so without a check whatever the path
named (a FIFO, a socket, a device such as ``/dev/null``) would silently become a plain
file, and opening a FIFO would wait forever for a writer. Here every other kind of file
is refused before anything is read or written (docs/file-format.md, "Saving is safe").

Decisions: a symbolic link is followed when its final target is a regular file (or a
new file in an existing folder is not: a dangling link is refused); links that live in
``/dev`` or ``/proc`` (``/dev/stdout``, ``/proc/self/fd/2``) name this process's open
streams, not files, and are refused. A file is read-only when the system would refuse
to open it for writing (``access(W_OK)`` with the effective ids: root may replace a
0444 file, as ``echo > file`` could).
"""

from __future__ import annotations

import errno
import os
import stat
import time

from chainwire.graph.errors import NotAFileError, coded_os, coded_text

MAX_LINKS = 40
"""Links followed before giving up (Linux's own limit)."""
STREAM_DIRS = ("/dev", "/proc")
"""Links living here point at open streams of a process, never at a file to replace."""
TEMP_MARK = ".cw"
"""Temporary files are ``.<name>.cw<pid>-<random>.tmp`` (``temp_prefix``)."""
TEMP_SUFFIX = ".tmp"
STALE_AFTER_S = 24 * 3600.0
"""A temporary file this old is stale even if its process id is in use again."""


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words (coded, but a regular file's and a
    folder's, which are never refused by it)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return coded_text("os_fifo")
    if stat.S_ISSOCK(mode):
        return coded_text("os_socket")
    if stat.S_ISCHR(mode):
        return coded_text("os_char")
    if stat.S_ISBLK(mode):
        return coded_text("os_block")
    if stat.S_ISLNK(mode):
        return coded_text("os_link")
    return coded_text("os_special")


def refuse_kind(mode: int, path: str) -> OSError:
    """The error for a file that is not a regular file (a folder gets IsADirectoryError)."""
    if stat.S_ISDIR(mode):
        return coded_os(IsADirectoryError, errno.EISDIR, "os_folder")
    return coded_os(NotAFileError, errno.EINVAL, "os_not_regular", kind=kind(mode))


def read_regular(path: str | os.PathLike[str], limit: int) -> tuple[bytes, int]:
    """At most ``limit + 1`` bytes of a regular file (none if it says it is larger) and its
    size; anything else is refused at once (a FIFO would block forever, ``/dev/zero``
    never ends)."""
    name = os.fspath(path)
    st = os.stat(name)  # follows links; refuse before open: opening a device may act
    if not stat.S_ISREG(st.st_mode):
        raise _named(refuse_kind(st.st_mode, name), name)
    with open(name, "rb", opener=_no_wait) as f:  # builtins.open: tests can inject
        st = os.fstat(f.fileno())  # the file opened is the file checked (no swap between)
        if not stat.S_ISREG(st.st_mode):
            raise _named(refuse_kind(st.st_mode, name), name)
        if st.st_size > limit:
            return b"", st.st_size  # refused by the caller without reading
        if hasattr(os, "set_blocking"):
            os.set_blocking(f.fileno(), True)
        return f.read(limit + 1), st.st_size


def _no_wait(path: str, flags: int) -> int:
    """Open without waiting for a FIFO's writer or becoming a terminal's reader."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _named(e: OSError, name: str) -> OSError:
    e.filename = name
    return e


def save_target(path: str | os.PathLike[str],
                follow_symlinks: bool = True) -> tuple[str, os.stat_result | None]:
    """The path a save replaces and its ``lstat`` (None: a new file), or an OSError.

    With ``follow_symlinks`` a link is followed to its final target, which must be a
    regular file; without, the link itself is what gets replaced.
    """
    name = os.fspath(path)
    if not name:
        raise coded_os(FileNotFoundError, errno.ENOENT, "os_no_name")
    p = os.path.abspath(name)
    if name.endswith(("/", os.sep)) or os.path.basename(p) in ("", ".", ".."):
        raise coded_os(IsADirectoryError, errno.EISDIR, "os_folder")
    for hop in range(MAX_LINKS + 1):
        folder, base = os.path.split(p)
        folder = os.path.realpath(folder)  # folders on the way may be links themselves
        p = os.path.join(folder, base)
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            if not os.path.isdir(folder):
                raise coded_os(FileNotFoundError, errno.ENOENT, "os_no_folder",
                               folder=folder) from None
            if hop:
                raise coded_os(FileNotFoundError, errno.ENOENT, "os_dangling",
                               target=p) from None
            return p, None
        if stat.S_ISLNK(st.st_mode):
            if not follow_symlinks:
                return p, st
            if _in_stream_dir(folder):
                raise coded_os(NotAFileError, errno.EINVAL, "os_stream", folder=folder)
            p = os.path.normpath(os.path.join(folder, os.readlink(p)))
            continue
        if not stat.S_ISREG(st.st_mode):
            raise refuse_kind(st.st_mode, p)
        return p, st
    raise coded_os(OSError, errno.ELOOP, "os_links")


def _in_stream_dir(folder: str) -> bool:
    return any(folder == d or folder.startswith(d + "/") for d in STREAM_DIRS)


def check_writable(path: str) -> None:
    """Refuse an existing file the system would not let this process write to."""
    try:
        ok = os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
    except OSError:
        return  # cannot tell: the write itself will say
    if not ok:
        if _read_only_fs(path):
            raise coded_os(OSError, errno.EROFS, "os_read_only_fs")
        raise coded_os(PermissionError, errno.EACCES, "os_read_only")


def _read_only_fs(path: str) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def temp_prefix(base: str, pid: int | None = None) -> str:
    """``.<base>.cw<pid>-``: whose temporary file it is, so a later save can tell a dead
    process's leftover from a live write (names are cut to stay under 255 bytes)."""
    return f".{base[:150]}{TEMP_MARK}{os.getpid() if pid is None else pid}-"


def remove_stale_temps(folder: str, base: str | None = None) -> list[str]:
    """Remove temporary files of saves whose process died (of ``base``'s saves, or of any
    save when None). Best effort, never raises; returns the names removed."""
    removed: list[str] = []
    start = f".{base[:150]}{TEMP_MARK}" if base is not None else "."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(start) and name.endswith(TEMP_SUFFIX)):
            continue
        pid = _pid_of(name)
        if pid is None or not _stale(entry, pid):
            continue
        try:
            os.unlink(entry.path)
            removed.append(name)
        except OSError:
            pass
    return removed


def _pid_of(name: str) -> int | None:
    """The process id in a temporary file's name, or None if it is not one of ours."""
    head, mark, tail = name[: -len(TEMP_SUFFIX)].rpartition(TEMP_MARK)
    digits = tail.partition("-")[0]
    if not head or not mark or not digits.isdigit() or "-" not in tail:
        return None
    return int(digits)


def _stale(entry: os.DirEntry, pid: int) -> bool:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if time.time() - st.st_mtime > STALE_AFTER_S:
        return True
    return pid != os.getpid() and not _alive(pid)


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (POSIX; elsewhere assume it does)."""
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    return True
