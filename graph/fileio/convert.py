"""Converting between a file's data (plain JSON values) and a ``Circuit``.

``from_dict`` checks everything first (``validate``) and then builds through
``Circuit.assemble`` only; ``to_dict`` reads only the circuit's public API. Unknown keys
ride along in each record's ``extra`` and are written back (docs/file-format.md,
"Unknown keys are kept").
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Iterator
from typing import Any

from chainwire.graph.circuit import Circuit
from chainwire.graph.fileio import spec
from chainwire.graph.fileio.validate import check
from chainwire.graph.records import Annotation
from chainwire.graph.value_text import value_to_json


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many containers.

    Parsing and checking a big file creates millions of dicts and tuples; each batch
    triggers a collection that walks all of them again (about a third of the load time
    of a 100,000-node file). Nothing built here is cyclic garbage.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def from_dict(data: Any, source: str = "<data>") -> Circuit:
    """Build a Circuit from parsed JSON, validating everything first.

    ``data`` is not modified. Raises ``FileFormatError`` naming ``source``, what is wrong
    and where (node id and index, wire index).
    """
    return build(data, source)


def build(data: Any, source: str, parsed: bool = False) -> Circuit:
    """``from_dict``; ``parsed``: ``data`` is the parser's own (``validate.check``)."""
    with gc_paused():
        checked = check(data, source, parsed)
        # Everything is checked (acyclicity included), so the bulk build may skip
        # Circuit.connect's per-wire path search, which makes big files quadratic.
        return Circuit.assemble(checked.nodes, checked.wires, output=checked.output,
                                annotations=checked.annotations, title=checked.title,
                                notes=checked.notes, view=checked.view,
                                extra=checked.extra)


def _coord(x: float) -> float | int:
    """Whole coordinates are written as integers ([160, 40]): shorter, nicer diffs."""
    if x.is_integer() and abs(x) < 2.0**53 and (x != 0.0 or math.copysign(1.0, x) > 0):
        return int(x)
    return x


def to_dict(circuit: Circuit) -> dict[str, Any]:
    """The circuit as plain JSON data (format version ``FORMAT_VERSION``).

    Nodes follow the circuit's order; wires are sorted by source node, target node
    and port (node order), so the text depends on the circuit alone and not on the order
    its wires were made in: an undo or a failed edit gives back the very same file
    (issue 11). Optional entries that are empty (no
    title, no output named, no annotations...) are left out. Unknown entries read from
    a file (``extra``) are written back; they never override a known entry.
    """
    d: dict[str, Any] = {"format": spec.FORMAT_NAME, "version": spec.FORMAT_VERSION}
    if circuit.title is not None:
        d["title"] = circuit.title
    if circuit.notes is not None:
        d["notes"] = circuit.notes
    if circuit.output is not None:
        d["output"] = circuit.output
    nodes: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    write_hooks = spec.NODE_WRITE_HOOKS
    for nid, type_, label, value, param, (x, y), extra in circuit.node_fields():
        index[nid] = len(nodes)
        nd: dict[str, Any] = {"id": nid, "type": type_}
        if label is not None:
            nd["label"] = label
        if value is not None:
            nd["value"] = value if type(value) is float else value_to_json(value)
        if param is not None:
            nd["param"] = param
        nd["pos"] = [_coord(x), _coord(y)]
        for hook in write_hooks:  # reserved keys (spec.NODE_WRITE_HOOKS: groups)
            hook(circuit, nid, nd)
        if extra:
            for k, v in extra.items():
                nd.setdefault(k, v)
        nodes.append(nd)
    d["nodes"] = nodes
    wires = []
    ordered = list(circuit.wires_with_extra())  # grouped by source, in node order
    ordered.sort(key=lambda we: (index[we[0][0]], index[we[0][1]], we[0][2]))
    for (src, dst, port), extra in ordered:
        w = {"from": src, "to": dst, "port": port}
        if extra:
            for k, v in extra.items():
                w.setdefault(k, v)
        wires.append(w)
    d["wires"] = wires
    annotations = circuit.annotations()
    if annotations:
        d["annotations"] = [_annotation_dict(a) for a in annotations]
    if circuit.view:
        d["view"] = dict(circuit.view)
    for k, v in circuit.extra.items():
        d.setdefault(k, v)
    return d


def _annotation_dict(a: Annotation) -> dict[str, Any]:
    x, y = a.pos
    ann: dict[str, Any] = {"text": a.text, "pos": [_coord(float(x)), _coord(float(y))],
                           "font_size": a.font_size}
    for k, v in a.extra.items():
        ann.setdefault(k, v)
    return ann
