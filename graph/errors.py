"""Typed errors: every refusal the engine makes has a class and a message a user can read.

The refusals an interface shows most (wiring, typed values, opening a file) also carry a
``code`` and its ``params``: ``MESSAGES[code].format(**params)`` is the English message
(the templates live in ``graph/messages.py``; ``MESSAGES`` is re-exported here),
and the editor phrases the same code in the interface language (``editor/i18n.py``,
``error_text``). A param may itself be a coded error (a file problem inside "{source}:
{problem}"). The command line prints the English message, as before.
"""

from __future__ import annotations

from typing import Any, TypeVar

from chainwire.graph.messages import MESSAGES

__all__ = ["MESSAGES", "ChainwireError", "CircuitError", "CodedText", "CycleError",
           "ExpressionError", "FileFormatError", "NotAFileError", "PortError",
           "UnknownGateError", "UnknownNodeError", "coded", "coded_os", "coded_text",
           "error_from", "text_of"]

E = TypeVar("E", bound=BaseException)
OSE = TypeVar("OSE", bound=OSError)


class CodedText(str):
    """An English message (a plain ``str`` to every reader) that also carries its
    ``code`` and ``params``, for the reasons kept as text rather than raised."""

    code: str
    params: dict[str, Any]


def coded_text(code: str, /, **params: Any) -> CodedText:
    """``MESSAGES[code]`` filled with ``params``, remembering both."""
    text = CodedText(MESSAGES[code].format(**params))
    text.code, text.params = code, params
    return text


def coded(kind: type[E], code: str, /, **params: Any) -> E:
    """An error of ``kind`` whose message is ``MESSAGES[code]`` filled with ``params``."""
    error = kind(MESSAGES[code].format(**params))
    # any exception class may carry them (ValueError too), so none declares them
    error.code, error.params = code, params  # type: ignore[attr-defined]
    return error


def text_of(error: BaseException) -> str:
    """``str(error)``, as a ``CodedText`` when the error is coded: a refusal kept as text
    (an evaluation's shape problems) can still be phrased in the interface language."""
    code = getattr(error, "code", None)
    return coded_text(code, **getattr(error, "params", {})) if code in MESSAGES else str(error)


def coded_os(kind: type[OSE], number: int | None, code: str, /, **params: Any) -> OSE:
    """``coded`` for an OSError: ``MESSAGES[code]`` filled in is its ``strerror`` (errno
    ``number``), or, ``number`` None, its one message."""
    text = MESSAGES[code].format(**params)
    error = kind(text) if number is None else kind(number, text)
    error.code, error.params = code, params  # type: ignore[attr-defined]
    return error


def error_from(kind: type[E], text: str) -> E:
    """An error of ``kind`` saying ``text``, keeping its code when ``text`` is coded."""
    if isinstance(text, CodedText):
        return coded(kind, text.code, **text.params)
    return kind(text)


class ChainwireError(Exception):
    """Base of every error Chainwire raises on purpose."""


class CircuitError(ChainwireError):
    """An edit to a circuit was refused; the circuit is unchanged."""


class CycleError(CircuitError):
    """The wire would close a loop; circuits are acyclic."""


class PortError(CircuitError):
    """The port does not exist or is already taken."""


class UnknownGateError(CircuitError):
    """No gate type has this name."""


class UnknownNodeError(CircuitError, KeyError):
    """No node has this id."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0]) if self.args else ""


class FileFormatError(ChainwireError):
    """A circuit file cannot be read; the message names what is wrong and where."""


class ExpressionError(ChainwireError):
    """An expression cannot be turned into a circuit; ``column`` is 1-based, or None."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


class NotAFileError(OSError):
    """The path names a FIFO, socket, device or stream, not a regular file: Chainwire
    neither reads nor replaces it (``graph/fileio/targets.py``). An OSError, so code that
    handles disk problems handles this one too."""
