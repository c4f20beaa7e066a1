"""Circuits and a runner for the staged-code tests: random scalar and array circuits,
the engine's results in ``chainwire eval --json``'s shape, and generated scripts run in
one child process (each in a fresh namespace, as ``python script.py`` would)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.cli import result_dict
from chainwire.graph.evaluate import evaluate
from chainwire.graph.gates import GATES
from chainwire.graph.shapes import ShapeError

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples")
                  .glob("*.chainwire"))
SCALAR_TYPES = ["add", "multiply", "max", "sigmoid", "exp", "reciprocal", "square", "scale",
                "offset", "relu", "tanh", "pow", "sum", "transpose"]
EXACT_TYPES = ["add", "multiply", "max", "reciprocal", "square", "scale", "offset", "relu",
               "sum", "transpose"]
"""Gates whose code computes the engine's very bits (add and multiply with two inputs)."""
ARRAY_TYPES = ["add", "multiply", "max", "sigmoid", "exp", "square", "scale", "offset",
               "relu", "tanh", "matmul", "matmul", "sum", "transpose"]
SHAPES = [(), (3,), (2, 3), (3, 2), (1, 3), (2, 1), (3, 3)]
LABELS = [None, None, "x", "w₀", "σ", "dx", "q", "def", "ef", "print", "np", "日本", "2"]

_RUNNER = """
import contextlib, io, json, runpy, sys
out = []
for path in sys.argv[1:]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(path, run_name="__main__")
    out.append(buf.getvalue())
json.dump(out, sys.stdout)
"""


def run_scripts(codes: list[str], folder: Path) -> list[dict]:
    """Each script's printed JSON, all run by one child Python (numpy imported once)."""
    return [json.loads(text) for text in run_scripts_text(codes, folder)]


def run_scripts_text(codes: list[str], folder: Path) -> list[str]:
    """What each script prints, all run by one child Python."""
    paths = []
    for i, code in enumerate(codes):
        p = folder / f"staged{i}.py"
        p.write_text(code, encoding="utf-8")
        paths.append(str(p))
    r = subprocess.run([sys.executable, "-c", _RUNNER, *paths], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def engine_json(c: Circuit) -> dict:
    """What ``chainwire eval --json`` prints (its own ``result_dict``)."""
    return json.loads(json.dumps(result_dict(c, evaluate(c))))


def signed_zero_tie(c: Circuit) -> bool:
    """Whether a max gate sees +0.0 and -0.0 at once: which zero wins is numpy's choice in
    the script and the first input's in the engine's float pass (so 1/that may differ in
    sign). The comparisons leave such circuits out."""
    ev = evaluate(c)
    for n in c.nodes():
        if n.type != "max":
            continue
        xs = [np.ravel(ev.raw_value(w.src)) for w in c.wires_into(n.id)
              if ev.raw_value(w.src) is not None]
        zeros = [x[x == 0.0] for x in xs]
        signs = {bool(s) for z in zeros for s in np.signbit(z)}
        if len(signs) == 2:
            return True
    return False


def _floats(v) -> np.ndarray:
    return np.array(v if isinstance(v, list) else [v], dtype=object).astype(float) \
        if not isinstance(v, str) else np.array([float(v)])


def same_number(a, b, exact: bool) -> bool:
    if a is None or b is None:
        return a is b
    fa, fb = _floats(a), _floats(b)
    if fa.shape != fb.shape:
        return False
    if exact:
        return bool(np.array_equal(fa, fb, equal_nan=True))
    return bool(np.allclose(fa, fb, rtol=1e-9, atol=1e-12, equal_nan=True))


def assert_same(got: dict, want: dict, exact: bool = True) -> None:
    """Same ids, types, labels, output and wire order; every number equal (``exact``) or
    within 1e-9 relative (1e-12 absolute)."""
    assert got["output"] == want["output"]
    assert list(got["nodes"]) == list(want["nodes"])
    for nid, w in want["nodes"].items():
        g = got["nodes"][nid]
        assert (g["type"], g["label"], g["shape"]) == (w["type"], w["label"], w["shape"])
        for k in ("value", "grad"):
            assert same_number(g[k], w[k], exact), (nid, k, g[k], w[k])
    assert [(w["from"], w["to"], w["port"]) for w in got["wires"]] == \
        [(w["from"], w["to"], w["port"]) for w in want["wires"]]
    for g, w in zip(got["wires"], want["wires"], strict=True):
        for k in ("value", "grad"):
            assert same_number(g[k], w[k], exact), (w, k, g[k], w[k])


def random_scalar_circuit(seed: int, types: list[str] = SCALAR_TYPES,
                          n_gates: int = 25, max_inputs: int = 3) -> Circuit:
    """Floats only: forks, x*x, n-ary gates, open ports, all gate types, odd labels."""
    rng = random.Random(seed)
    c = Circuit()
    nodes = []
    for i in range(rng.randint(1, 5)):
        v = rng.choice([rng.uniform(-2, 2)] * 5 + [0.0, -0.0, 1.0])
        nodes.append(c.add_node("input", f"x{i}", label=rng.choice(LABELS), value=v))
    for i in range(n_gates):
        t = rng.choice(types)
        nid = c.add_node(t, f"g{i}", label=rng.choice(LABELS), param=_param(rng, t))
        k = 1 if GATES[t].max_inputs == 1 else rng.randint(2, max_inputs)
        for port in range(k):
            if rng.random() > 0.03:  # now and then an open port: undefined downstream
                c.connect(rng.choice(nodes[-8:]), nid, port)
        nodes.append(nid)
    if rng.random() < 0.9:
        c.set_output(rng.choice(nodes[-3:]))
    return c


def _param(rng: random.Random, t: str) -> float | None:
    if t in ("scale", "offset"):
        return rng.choice([rng.uniform(-2, 2), -1.0, 0.0])
    if t == "pow":
        return rng.choice([2.0, 3.0, -1.0, 0.5, -0.5, rng.uniform(-2, 3)])
    return None


class _Seeded(random.Random):
    """``random.Random`` that also draws arrays (numpy's generator, the same seed)."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.numpy = np.random.default_rng(seed)

    def array(self, shape: tuple[int, ...]) -> list:
        return self.numpy.uniform(-2, 2, shape).tolist()


def random_array_circuit(seed: int, n_gates: int = 20) -> Circuit:
    """``array_circuit`` from a seed."""
    return array_circuit(_Seeded(seed), n_gates)


def array_circuit(rng, n_gates: int = 20) -> Circuit:
    """Vectors, matrices and scalars mixed: broadcasting, matmul, sum, transpose. A wire
    the shapes refuse is not drawn (the port stays open: undefined downstream). ``rng``
    answers ``random.Random``'s randint, choice, uniform, sample and random, and
    ``array(shape)`` (a seeded generator, or hypothesis draws)."""
    c = Circuit()
    nodes = []
    for i in range(rng.randint(2, 5)):
        shape = rng.choice(SHAPES)
        v = rng.array(shape) if shape else rng.uniform(-2, 2)
        nodes.append(c.add_node("input", f"a{i}", label=rng.choice(LABELS), value=v))
    for i in range(n_gates):
        t = rng.choice(ARRAY_TYPES)
        nid = c.add_node(t, f"g{i}", label=rng.choice(LABELS), param=_param(rng, t))
        k = 1 if GATES[t].max_inputs == 1 else 2 if t == "matmul" else rng.randint(2, 3)
        for port in range(k):
            for src in rng.sample(nodes[-8:], min(4, len(nodes[-8:]))):
                try:
                    c.connect(src, nid, port)
                    break
                except ShapeError:
                    continue
        nodes.append(nid)
    c.set_output(rng.choice(nodes[-3:]))
    return c
