"""Circuits the layout and routing tests share: the examples, some expressions, and
seeded random DAGs of up to 60 gates (forks, n-ary gates, unwired gates, long wires)."""

from __future__ import annotations

import random
from pathlib import Path

from chainwire import resources
from chainwire.graph.circuit import Circuit

EXAMPLES = sorted((Path(resources.__file__).parent / "examples").glob("*.chainwire"))
EXPRESSIONS = [
    "(x + y) * z",
    "sigmoid(w0*x0 + w1*x1 + w2)",
    "(x + sigmoid(y)) / (sigmoid(x) + (x + y)**2)",
    "max(a, b) * c - exp(-a) / (b + c)",
    "x*x*x + y",
    "((a + b) * (c + d) + (e - f) * (g + h)) ** 2",
]
RANDOM_SEEDS = range(200)


def random_circuit(seed: int, max_gates: int = 60) -> Circuit:
    """A seeded random DAG: 1-6 inputs, up to ``max_gates`` gates of every arity, wired
    mostly to recent nodes (deep circuits) and sometimes to any (long wires, forks)."""
    rnd = random.Random(seed)
    c = Circuit()
    ids = [c.add_node("input", f"i{k}", value=1.0) for k in range(rnd.randint(1, 6))]
    for k in range(rnd.randint(1, max_gates)):
        unary = rnd.random() < 0.4
        t = rnd.choice(["sigmoid", "square", "exp", "scale", "offset"]) if unary else \
            rnd.choice(["add", "multiply", "max"])
        g = c.add_node(t, f"g{k}", param=2.0 if t in ("scale", "offset") else None)
        if rnd.random() < 0.03:
            ids.append(g)
            continue  # a gate with nothing wired in yet (a half-built circuit)
        n = 1 if unary else rnd.choice([2, 2, 2, 3, 4])
        for port in range(n):
            pool = ids[-6:] if rnd.random() < 0.7 else ids
            c.connect(rnd.choice(pool), g, port)
        ids.append(g)
    return c
