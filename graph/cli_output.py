"""What the command line prints and how: the wire table, and honest standard streams.

Text from a file (ids, labels, file names) reaches a terminal only escaped: a label must
not clear the screen, a newline in an id must not break a row, a lone surrogate must not
crash the encoder. Everything goes out as UTF-8 whatever the locale says, so the text
``new -o -`` prints is a file ``eval -`` reads. A closed or failing standard stream is an
error with a message and status 2, never a silent exit 0; when stderr itself is gone,
only the status tells.
"""

from __future__ import annotations

import errno
import io
import math
import os
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.numbers import format_value
from chainwire.graph.shapes import Value


class StreamError(Exception):
    """A standard stream is closed or failing; the message says which and why."""


# ----- escaping ----------------------------------------------------------------------------
def printable(text: str) -> str:
    """``text`` with every character a terminal would act on, or could not show, escaped
    as ``\\xNN``/``\\uNNNN`` (controls, separators, format characters, lone surrogates).

    >>> printable("a\\x1b[2Jb\\nc")
    'a\\\\x1b[2Jb\\\\nc'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(c: str) -> str:
    if c in _NAMED:
        return _NAMED[c]
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


# ----- the wire table ----------------------------------------------------------------------
def cell(v: Value | None, decimals: int) -> str:
    """A value in the table, on one line: a number with ``decimals`` places, an array as
    its shape and a preview (``numbers.format_value``, the one formatter); "n/a" when
    undefined, "nan"/"inf" spelled as Python does."""
    return format_value(v, decimals, lines=False, undefined="n/a", nan="nan")


def json_value(v: Value | None) -> float | str | list | None:
    """A value as ``--json`` writes it: a number, nested lists for an array, NaN and
    ±inf as the strings "nan", "inf", "-inf", undefined as None.

    >>> json_value(np.array([1.0, np.nan])), json_value(-np.inf), json_value(None)
    ([1.0, 'nan'], '-inf', None)
    """
    if v is None:
        return None
    if isinstance(v, np.ndarray) and v.ndim:
        return [json_value(x) for x in v]
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def name(circuit: Circuit, nid: str) -> str:
    """``id (label)`` on one line, escaped."""
    label = circuit.node(nid).label
    shown = nid if not label or label == nid else f"{nid} ({label})"
    return printable(shown)


def shape_problem_text(circuit: Circuit, ev: Any) -> str | None:
    """The first gate whose input shapes clash, why, and how many more there are; None
    when every gate's shapes fit. One line: the command line's error, the check's."""
    problems = ev.shape_problems
    if not problems:
        return None
    nid, why = next(iter(problems.items()))
    more = len(problems) - 1
    return (f"shapes do not fit at {name(circuit, nid)}: {why}"
            + (f" (and at {more} more gate{'s' * (more > 1)})" if more else ""))


def format_table(circuit: Circuit, ev: Any, decimals: int = 2) -> str:
    """The wires as the notes draw them: value above, gradient below, here side by side."""
    rows = [("from", "to/port", "value", "gradient")]
    for w in ev.wires:
        rows.append((name(circuit, w.src), f"{name(circuit, w.dst)}/{w.port}",
                     cell(ev.raw_value(w.src), decimals), cell(ev.raw_wire_grad(w), decimals)))
    inputs = [nid for nid in ev.order if circuit.type_of(nid) == "input"]
    lines = []
    if len(rows) > 1:
        lines += _columns(rows)
    if inputs:
        if lines:
            lines.append("")
        irows = [("input", "", "value", "gradient")]
        irows += [(name(circuit, n), "", cell(ev.raw_value(n), decimals),
                   cell(ev.raw_grad(n), decimals)) for n in inputs]
        lines += _columns(irows)
    lines.append("")
    if ev.output is not None:
        lines.append(f"f = {cell(ev.raw_value(ev.output), decimals)}   "
                     f"(output: {name(circuit, ev.output)})")
        if ev.output_summed:
            lines.append("f is an array: the gradients are those of sum(f)")
    else:
        lines.append(f"no gradients: {printable(ev.no_gradient_reason)}")
    for why in ev.undefined.values():
        lines.append(f"undefined: {printable(why)}")
    bad = ev.first_nonfinite
    if bad is not None:
        lines.append(f"note: the first value that is not a finite number is at "
                     f"{name(circuit, bad)}")
    return "\n".join(lines)


def _columns(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1]),
                 r[2].rjust(widths[2]), r[3].rjust(widths[3])]
        out.append("  ".join(c for c in cells if c.strip() or widths[1]).rstrip())
    return out


# ----- the standard streams ----------------------------------------------------------------
def prepare_streams() -> None:
    """UTF-8 out and err whatever the locale; closed descriptors 0-2 get /dev/null, so a
    file opened later can never take their number (and receive what was meant for them)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                spare = os.open(os.devnull, os.O_RDWR)
                if spare != fd:
                    os.dup2(spare, fd)
                    os.close(spare)
            except OSError:
                pass
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue  # None (closed at start) or not a text file (a test's StringIO)
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (ValueError, OSError):
            pass


class ClosedOutput:
    """Stands in for a stdout closed at start-up (Python sets ``sys.stdout = None`` and
    ``print`` then writes nothing, silently): any write is a StreamError."""

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise StreamError("standard output is closed: nothing could be printed")

    def flush(self) -> None:
        pass


def write_out(text: str) -> None:
    """Print ``text`` on stdout now; StreamError if it is closed or the write fails."""
    stream = sys.stdout
    if stream is None:
        raise StreamError("standard output is closed: nothing could be printed")
    try:
        _write_all(stream, text)
    except BrokenPipeError:
        _silence(1)
        raise StreamError("standard output was closed before everything was printed "
                          "(broken pipe)") from None
    except (OSError, ValueError) as e:
        _silence(1)
        raise StreamError(f"cannot print to standard output: "
                          f"{getattr(e, 'strerror', None) or e}") from None


def _write_all(stream: Any, text: str) -> None:
    """Write every byte as UTF-8. Not ``stream.write``: after a short write to a pipe whose
    reader left, Python's text layer drops the rest silently instead of failing."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a test's StringIO
        stream.write(text)
        stream.flush()
        return
    stream.flush()  # whatever print() left in the text layer goes first
    view = memoryview(text.encode("utf-8", "backslashreplace"))
    while view:
        n = buffer.write(view)
        if not n:
            raise OSError(errno.EIO, "the output accepted no more bytes")
        view = view[n:]
    buffer.flush()


def flush_out() -> None:
    """Flush stdout (what ``print`` left in its buffer); StreamError if that fails."""
    if sys.stdout is not None:
        write_out("")


def write_err(text: str) -> bool:
    """Print ``text`` on stderr; False (and nothing else) if stderr is closed or failing."""
    stream = sys.stderr
    if stream is None:
        return False
    try:
        _write_all(stream, text)
    except (OSError, ValueError):
        _silence(2)
        return False
    return True


def read_stdin(limit: int) -> bytes:
    """At most ``limit + 1`` bytes of standard input (never all of an endless stream)."""
    stream = sys.stdin
    if stream is None:
        raise StreamError("standard input is closed: there is no circuit to read from '-'")
    source = getattr(stream, "buffer", stream)
    try:
        data = source.read(limit + 1)
        if data is None:  # a non-blocking descriptor with nothing ready yet
            os.set_blocking(stream.fileno(), True)
            data = source.read(limit + 1)
    except (OSError, ValueError) as e:
        raise StreamError(f"cannot read standard input: "
                          f"{getattr(e, 'strerror', None) or e}") from None
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return data or b""


def _silence(fd: int) -> None:
    """Point ``fd`` at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass
