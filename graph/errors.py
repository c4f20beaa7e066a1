"""Typed errors: every refusal the engine makes has a class and a message a user can read."""

from __future__ import annotations


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
