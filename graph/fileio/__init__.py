"""Reading and writing ``.chainwire`` files: versioned JSON, validated, written atomically.

A file is checked completely, on the raw JSON, before any ``Circuit`` is built, and
every bad file raises one ``FileFormatError`` whose message names the source, what is
wrong and where; loading never returns a partial circuit. Saving replaces the file
whole or not at all. The format is documented in ``docs/file-format.md``.

The package, by concern: ``spec`` (names, version, limits), ``jsontext`` (strict JSON
text in and out), ``values``, ``entries`` and ``validate`` (checking the raw data),
``convert`` (data ↔ Circuit) and ``atomic`` (the one atomic file writer).

>>> from chainwire.graph.circuit import Circuit
>>> c = Circuit()
>>> _ = c.add_node("input", "x", value=-2.0, pos=(0, 0))
>>> _ = c.add_node("square", "f", pos=(160, 0))
>>> c.connect("x", "f", 0)
>>> loads(dumps(c)) == c
True
"""

from __future__ import annotations

import os

from chainwire.graph.circuit import Circuit
from chainwire.graph.errors import FileFormatError, coded, coded_os, coded_text, text_of
from chainwire.graph.fileio import groups as _groups  # noqa: F401  (the "group" hooks)
from chainwire.graph.fileio import spec
from chainwire.graph.fileio.atomic import write_atomic
from chainwire.graph.fileio.convert import build, from_dict, gc_paused, to_dict
from chainwire.graph.fileio.jsontext import parse, render, too_large
from chainwire.graph.fileio.spec import (
    EXTENSION,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_ITEMS,
)
from chainwire.graph.fileio.targets import read_regular
from chainwire.graph.fileio.validate import check_raw, validate
from chainwire.graph.fileio.values import Invalid
from chainwire.graph.records import DEFAULT_FONT_SIZE

__all__ = [
    "DEFAULT_FONT_SIZE", "EXTENSION", "FORMAT_NAME", "FORMAT_VERSION", "MAX_BYTES",
    "MAX_DEPTH", "MAX_ITEMS", "dumps", "from_dict", "load", "loads", "save", "to_dict",
    "validate", "write_atomic",
]


def loads(text: str | bytes, source: str = "<string>") -> Circuit:
    """Parse the text of a ``.chainwire`` file into a new Circuit.

    Parameters
    ----------
    text : str or bytes
        The file's content; bytes must be UTF-8 (a leading byte-order mark is accepted).
    source : str
        Named in error messages, normally the file name.

    Raises
    ------
    FileFormatError
        The text is not a valid circuit file; the message says what and where.
    """
    with gc_paused():
        return build(parse(text, source), source, parsed=True)


def load(path: str | os.PathLike[str]) -> Circuit:
    """Read a ``.chainwire`` file; only a regular file is read (a FIFO or a device is
    refused at once instead of blocking or reading forever).

    Raises
    ------
    OSError
        The file cannot be opened or read (missing, a folder, no permission...);
        ``graph.errors.NotAFileError`` for a FIFO, socket or device.
    FileFormatError
        The file is not a valid circuit file; the message names the file.
    """
    source = os.fspath(path)
    raw, size = read_regular(source, spec.MAX_BYTES)  # a growing file may outgrow its size
    if max(size, len(raw)) > spec.MAX_BYTES:
        raise too_large(source, max(size, len(raw)))
    return loads(raw, source)


def dumps(circuit: Circuit) -> str:
    """The text of a ``.chainwire`` file for ``circuit`` (strict JSON, trailing newline).

    Floats are written with ``repr`` and so read back bit for bit (``-0.0`` included).
    Raises ``FileFormatError`` if the circuit holds something a file cannot (for
    example NaN in an ``extra`` entry): a file we write always loads.
    """
    return _encode(circuit)[0]


def save(circuit: Circuit, path: str | os.PathLike[str]) -> None:
    """Write ``circuit`` to ``path`` atomically (``atomic.write_atomic``).

    The bytes go to a temporary file in the same folder, which is fsynced and then
    renamed over ``path`` (a symlink is followed: its target is replaced). On any failure
    the temporary file is removed and an existing file at ``path`` is left untouched.
    An existing file's permission bits are kept; a new file gets 0o666 minus the umask.

    Raises
    ------
    OSError
        Writing failed (folder missing, ``path`` is a folder, disk full, ...). The
        message names ``path``; the original errno and exception class are kept.
    FileFormatError
        The circuit holds data a file cannot (see ``dumps``); nothing is written.
    """
    shown = os.fspath(path)
    try:
        _, data = _encode(circuit)
    except FileFormatError as e:
        raise coded(FileFormatError, "cannot_save", path=shown, reason=e) from None
    try:
        write_atomic(shown, data)
    except OSError as e:
        raise _os_error(e, shown) from None


def _encode(circuit: Circuit) -> tuple[str, bytes]:
    """The file's text and its bytes, checked: saving never writes what loading refuses."""
    with gc_paused():
        d = to_dict(circuit)
        try:
            # NaN or a set put into ``extra`` by code, an annotation without text...
            check_raw(d)
            text = render(d, ensure_ascii=False)
            try:
                return text, text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate in some text: escape everything
                text = render(d, ensure_ascii=True)
                return text, text.encode("ascii")
        except Invalid as e:
            raise coded(FileFormatError, "not_a_valid_file", problem=e) from None
        except (TypeError, ValueError, RecursionError) as e:
            raise FileFormatError(f"the circuit cannot be written as JSON: {e}") from None


def _os_error(e: OSError, shown: str) -> OSError:
    """The same kind of OSError, with a message that names the file being saved."""
    reason = (text_of(e) if getattr(e, "code", None) else
              coded_text("os_says", text=e.strerror or str(e), number=e.errno))
    try:
        err = coded_os(type(e), None, "cannot_save", path=shown, reason=reason)
    except Exception:  # an OSError subclass with an unusual constructor
        err = coded_os(OSError, None, "cannot_save", path=shown, reason=reason)
    err.errno = e.errno  # (setting .filename would make str() ignore our message)
    return err
