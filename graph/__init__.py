"""Chainwire's engine: circuits, gates, evaluation and files. Pure Python, never Qt."""

from chainwire.graph.circuit import Change, Circuit, NodeData, Wire
from chainwire.graph.errors import (
    ChainwireError,
    CircuitError,
    CycleError,
    ExpressionError,
    FileFormatError,
    PortError,
    UnknownGateError,
    UnknownNodeError,
)
from chainwire.graph.evaluate import Evaluation, evaluate
from chainwire.graph.gates import GATES, Gate

__all__ = [
    "GATES", "ChainwireError", "Change", "Circuit", "CircuitError", "CycleError", "Evaluation",
    "ExpressionError", "FileFormatError", "Gate", "NodeData", "PortError", "UnknownGateError",
    "UnknownNodeError", "Wire", "evaluate",
]
