"""How strongly the classroom view draws each wire: the gradient's size and sign (the
"gradient colouring" option) and the max gates' winners (the patterns overlay, "max
routes"). Pure functions of the evaluation, kept out of ``editor/overlay.py``.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable

import numpy as np

from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.evaluation import Evaluation


def gradient_sizes(ev: Evaluation, keys: Iterable[Wire | None],
                   only: Container | None = None) -> dict:
    """{wire key: (size, sign)} of each key's gradient (None: the output stub), for the
    keys in ``only`` when given (a step shows only the gradients found so far). An array
    is as thick as its norm and has no sign; undefined and non-finite ones are left out."""
    sizes: dict = {}
    if ev.output is None:
        return sizes
    for key in keys:
        if only is not None and key not in only:
            continue
        g = ev.raw_grad(ev.output) if key is None else ev.raw_wire_grad(key)
        if g is None:
            continue
        if isinstance(g, np.ndarray):
            size, sign = float(np.linalg.norm(g)), 0.0
        else:
            size, sign = abs(g), g
        if math.isfinite(size):
            sizes[key] = (size, sign)
    return sizes


def max_winners(circuit: Circuit, ev: Evaluation) -> set[Wire]:
    """The wires into max gates that carry the winning value; an array input wins where
    it wins in every element (max routes each element on its own)."""
    won: set[Wire] = set()
    for nid in circuit.node_ids():
        if circuit.type_of(nid) == "max" and nid not in ev.undefined:
            out = ev.raw_value(nid)
            won |= {w for w in circuit.wires_into(nid)
                    if bool(np.all(np.equal(ev.raw_value(w.src), out)))}
    return won
