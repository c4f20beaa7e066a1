"""What a ``.chainwire`` file is: its name, version, keys and limits (docs/file-format.md).

The other modules read the limits at call time (``spec.MAX_BYTES``), so a test can lower
one with ``monkeypatch.setattr(spec, "MAX_ITEMS", 1)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chainwire.graph.circuit import port_count
from chainwire.graph.gates import GATES

FORMAT_NAME = "chainwire"
FORMAT_VERSION = 2
"""The newest format version this code reads and the one it writes (2: an input's value
may be a vector or a matrix, written as a nested list; ``group`` is reserved)."""
EXTENSION = ".chainwire"

MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused before reading: no teaching circuit comes near this."""
MAX_ITEMS = 1_000_000
"""At most this many nodes, wires or annotations."""
MAX_TOKENS = 5_000_000
"""At most this many JSON tokens: ``[ { , :`` outside text, plus one (about one per value
or key; a 100,000-gate circuit has 2.1 million). Bounds the cost of parsing whatever the
keys: at the limit, parsing takes about a second and 400 MB at worst."""
MAX_DEPTH = 64
"""At most this many nested JSON objects/lists (the circuit itself needs 4)."""

TOP_KEYS = ("format", "version", "title", "notes", "output", "nodes", "wires",
            "annotations", "view")
RESERVED_NODE_KEYS = frozenset(("group",))
"""Node keys with a meaning in version 2 that a hook in ``NODE_ENTRY_HOOKS`` reads:
``group`` belongs to compound gates (issue 9; graph/fileio/groups.py). Never kept as an
unknown key; without its hook, a file using it is refused rather than misread."""
NODE_KEYS = frozenset(("id", "type", "label", "value", "param", "pos")) | RESERVED_NODE_KEYS
WIRE_KEYS = frozenset(("from", "to", "port"))
ANNOTATION_KEYS = ("text", "pos", "font_size")
KNOWN_GATES = ", ".join(GATES)
PORTS = {name: port_count(name) for name in GATES}
"""How many input ports a node of each type has (0 for inputs; a group's count is its
definition's: ``circuit.port_count(type, c)`` is the one answer)."""

NodeEntryHook = Callable[[Any, dict[str, Any]], None]
NODE_ENTRY_HOOKS: dict[str, NodeEntryHook] = {}
"""How a reserved node key is read: ``hook(value, attrs)`` checks the key's value
(raising ``values.Invalid`` with what is wrong) and puts what it means into the node's
attributes, which ``Circuit.assemble`` receives. Registered by the module that owns the
key (``group``: graph/fileio/groups.py)."""
NodeWriteHook = Callable[[Any, str, dict[str, Any]], None]
NODE_WRITE_HOOKS: list[NodeWriteHook] = []
"""Called by ``convert.to_dict`` as ``hook(circuit, node_id, node_dict)`` for every node,
to write back what a ``NODE_ENTRY_HOOKS`` entry read."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had scalar values only, a subset of version 2: only the number changes.
    A new dict, so the caller's data is never modified."""
    return {**data, "version": 2}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""Migrations from version N to N+1, applied in order to the raw dict before checking it
(docs/file-format.md, "Versions")."""
