"""Shared cases for the fileio tests: a known circuit, minimal files, and how to expect
a refusal (docs/file-format.md, "When a file is refused")."""

from __future__ import annotations

import json
import random

import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit, port_count
from chainwire.graph.errors import FileFormatError
from chainwire.graph.gates import GATE_ORDER, GATES

SRC = "bad.chainwire"


def example() -> Circuit:
    """f = (x + y) * z with a scale gate on the side, as in the notes."""
    c = Circuit()
    c.add_node("input", "x", label="x", value=-2.0, pos=(0, 0))
    c.add_node("input", "y", label="y", value=5.0, pos=(0, 80))
    c.add_node("input", "z", label="z", value=-4.0, pos=(0, 160))
    c.add_node("add", "q", pos=(160, 40))
    c.add_node("multiply", "f", pos=(320, 100))
    c.add_node("scale", "s", param=-1.5, pos=(160, 240))
    c.connect("x", "q", 0)
    c.connect("y", "q", 1)
    c.connect("q", "f", 0)
    c.connect("z", "f", 1)
    c.connect("z", "s", 0)
    c.set_output("f")
    return c


def doc(nodes=None, wires=None, **top) -> dict:
    """A minimal valid file as a dict, with overrides."""
    d = {"format": "chainwire", "version": fileio.FORMAT_VERSION,
         "nodes": nodes if nodes is not None else [
             {"id": "x", "type": "input", "value": 1.0, "pos": [0, 0]},
             {"id": "q", "type": "square", "pos": [100, 0]}],
         "wires": wires if wires is not None else [{"from": "x", "to": "q", "port": 0}]}
    d.update(top)
    return d


def fails(data, *needles: str, source: str = SRC) -> str:
    """Load ``data`` (dict → JSON text, or raw str/bytes); assert one FileFormatError."""
    text = json.dumps(data) if isinstance(data, dict) else data
    with pytest.raises(FileFormatError) as info:
        fileio.loads(text, source)
    msg = str(info.value)
    assert msg.startswith(f"{source}: "), msg
    for n in needles:
        assert n in msg, f"{n!r} not in {msg!r}"
    return msg


def node_fails(node: dict, *needles: str) -> str:
    return fails(doc(nodes=[node], wires=[]), *needles)


def random_circuit(n_gates: int, seed: int = 1) -> Circuit:
    """A random DAG; nodes are listed in an order that is *not* topological."""
    rng = random.Random(seed)
    d = {"format": "chainwire", "version": fileio.FORMAT_VERSION, "nodes": [], "wires": []}
    n_inputs = max(2, n_gates // 10)
    ids = [f"x{i}" for i in range(n_inputs)]
    for i in ids:
        d["nodes"].append({"id": i, "type": "input", "value": rng.uniform(-3, 3),
                           "pos": [rng.randint(0, 4000), rng.random() * 4000]})
    types = [t for t in GATE_ORDER if t != "input"]  # the palette's: no group
    for g in range(n_gates):
        t = rng.choice(types)
        gid = f"g{g}"
        node = {"id": gid, "type": t, "pos": [rng.randint(0, 4000), rng.randint(0, 4000)]}
        if GATES[t].has_param:
            node["param"] = rng.uniform(-2, 2)
        d["nodes"].append(node)
        for port in range(min(rng.choice((2, 2, 3)), port_count(t))):
            d["wires"].append({"from": rng.choice(ids[-500:]), "to": gid, "port": port})
        ids.append(gid)
    rng.shuffle(d["nodes"])
    return fileio.from_dict(d)
