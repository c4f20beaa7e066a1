"""What a ``.chainwire`` file is: its name, version, keys and limits (docs/file-format.md).

The other modules read the limits at call time (``spec.MAX_BYTES``), so a test can lower
one with ``monkeypatch.setattr(spec, "MAX_ITEMS", 1)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chainwire.graph.circuit import MAX_PORTS
from chainwire.graph.gates import GATES

FORMAT_NAME = "chainwire"
FORMAT_VERSION = 1
"""The newest format version this code reads and the one it writes."""
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
NODE_KEYS = frozenset(("id", "type", "label", "value", "param", "pos"))
WIRE_KEYS = frozenset(("from", "to", "port"))
ANNOTATION_KEYS = ("text", "pos", "font_size")
KNOWN_GATES = ", ".join(GATES)
PORTS = {name: 0 if name == "input" else 1 if g.unary else MAX_PORTS
         for name, g in GATES.items()}
"""How many input ports a node of each type has (0 for inputs)."""

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""Migrations from version N to N+1, applied in order to the raw dict before checking it
(docs/file-format.md, "Versions"). Version 1 is the first format: nothing to migrate yet."""
