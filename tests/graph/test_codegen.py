"""Staged code export (issue 12, item 2): the generated script, run in a child Python,
prints the engine's values and gradients for every example, random scalar circuits and
random array circuits; its lines follow the notes' staged style."""

from __future__ import annotations

import json

import numpy as np
import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.cli import result_dict
from chainwire.graph.codegen import backward_lines, to_python
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.gates import GATES
from tests.graph.codegen_cases import (
    EXACT_TYPES,
    EXAMPLES,
    assert_same,
    engine_json,
    random_array_circuit,
    random_scalar_circuit,
    run_scripts,
    run_scripts_text,
    signed_zero_tie,
)

SEEDS = range(60)
# Gates whose numbers may differ in the last bits: numpy's exp/tanh/power against the C
# library's, the notes' σ(1−σ) against the engine's σ(x)·σ(−x), a + b + c against fsum.
ROUNDING = {"sigmoid", "exp", "tanh", "pow", "matmul"}


def exact_circuit(c: Circuit) -> bool:
    return not any(n.type in ROUNDING or (n.type == "add" and len(c.wires_into(n.id)) > 2)
                   for n in c.nodes())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("staged")


@pytest.fixture(scope="module")
def examples(folder):
    circuits = [fileio.load(p) for p in EXAMPLES]
    return circuits, run_scripts_text([to_python(c) for c in circuits], folder)


# ----- every example ----------------------------------------------------------------------
@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[p.stem for p in EXAMPLES])
def test_every_example_prints_the_engines_values_and_gradients(examples, index):
    circuits, printed = examples
    c = circuits[index]
    assert_same(json.loads(printed[index]), engine_json(c), exact=exact_circuit(c))


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[p.stem for p in EXAMPLES])
def test_the_output_is_eval_json_itself(examples, index):
    """Same keys, same order, same numbers: where the gates round alike, the very text
    ``chainwire eval --json`` prints."""
    circuits, printed = examples
    c = circuits[index]
    want = json.dumps(result_dict(c, evaluate(c)), indent=2) + "\n"
    if exact_circuit(c):
        assert printed[index] == want
    else:
        assert json.loads(printed[index]).keys() == json.loads(want).keys()


# ----- random circuits ---------------------------------------------------------------------
def _compare(circuits: list[Circuit], folder, exact) -> int:
    kept = [c for c in circuits if not signed_zero_tie(c)]
    for c, got in zip(kept, run_scripts([to_python(c) for c in kept], folder), strict=True):
        assert_same(got, engine_json(c), exact=exact if exact is not None
                    else exact_circuit(c))
    return len(kept)


def test_random_scalar_circuits_every_gate(folder):
    assert _compare([random_scalar_circuit(s) for s in SEEDS], folder, None) >= 50


def test_random_scalar_circuits_bit_for_bit(folder):
    """add and multiply with two inputs, max, 1/x, x², ·c, +c, relu, sum, transpose: the
    script's code is the engine's arithmetic in the engine's order."""
    circuits = [random_scalar_circuit(s, EXACT_TYPES, max_inputs=2) for s in SEEDS]
    assert _compare(circuits, folder, True) >= 50


def test_random_array_circuits(folder):
    circuits = [random_array_circuit(s) for s in SEEDS]
    matmuls = sum(1 for c in circuits for n in c.nodes()
                  if n.type == "matmul" and evaluate(c).raw_value(n.id) is not None)
    broadcast = 0
    for c in circuits:
        ev = evaluate(c)
        for n in c.nodes():
            shapes = {ev.shape(w.src) for w in c.wires_into(n.id)}
            broadcast += GATES[n.type].elementwise and len(shapes - {None}) > 1
    assert matmuls >= 20 and broadcast >= 20
    assert _compare(circuits, folder, None) >= 50


# ----- the notes' staged style ----------------------------------------------------------------
def test_the_staged_example_reads_like_the_notes():
    code = to_python(fileio.load(EXAMPLES[[p.stem for p in EXAMPLES].index("staged")]))
    assert "sigx = 1.0 / (1.0 + np.exp(-x))  # sigmoid" in code
    assert "f = num * invden  # multiply" in code
    back = code.split("# backward pass")[1].split("def number")[0]
    assert "dnum = invden * df  # multiply swaps" in back
    assert "dsigx = dden  # add distributes" in back
    assert "dx = 0.0  # x forks: its wires' gradients add up" in back
    assert back.count("dx += ") == 3 and back.count("dy += ") == 2
    assert "# forks add up" in back
    assert "(1.0 - sigx) * sigx * dsigx  # sigmoid: local gradient σ(1−σ)" in back


def test_the_backward_pass_runs_last_gate_first():
    """A gate's gradient is complete (no += after) before its own inputs' lines."""
    lines = backward_lines(parse("(x + sigmoid(y)) / (sigmoid(x) + (x + y)**2)")).split("\n")
    done = set()
    for line in lines:
        if line.startswith("# ") and " = " in line:
            done.add(line[2:].split(" = ")[0])
            continue
        target = line.split(" ")[0]
        assert target[1:] not in done, line


def test_max_routes_and_ties_share():
    c = parse("max(x, y) * z")
    for nid, v in (("x", 2.0), ("y", 2.0), ("z", 3.0)):
        c.set_value(nid, v)
    back = backward_lines(c)
    assert "# max routes" in back
    assert "dx = (x == max1) / (1.0 * (x == max1) + (y == max1)) * dmax1" in back


def test_wx_plus_b_writes_the_notes_products():
    c = Circuit()
    c.add_node("input", "W", label="W", value=np.arange(6.0).reshape(2, 3))
    c.add_node("input", "X", label="X", value=np.ones((3, 4)))
    c.add_node("input", "b", label="b", value=[1.0, 2.0, 3.0, 4.0])
    c.add_node("matmul", "D", label="D")
    c.add_node("add", "S", label="S")
    c.add_node("sum", "f", label="f")
    for src, dst, port in (("W", "D", 0), ("X", "D", 1), ("D", "S", 0), ("b", "S", 1),
                           ("S", "f", 0)):
        c.connect(src, dst, port)
    back = backward_lines(c)
    assert "dW = dD @ X.T  # matmul: dW = dD · Xᵀ" in back
    assert "dX = W.T @ dD  # matmul: dX = Wᵀ · dD" in back
    assert "db = dS.sum(axis=0)  # add distributes" in back  # b was broadcast over rows
    assert "dS = np.ones_like(S) * df  # sum distributes" in back


def test_undefined_nodes_and_no_output(folder):
    c = parse("x * y + z")
    c.add_node("sigmoid", "hanging")  # no input wired: undefined
    c.add_node("exp", "side")
    c.connect("x", "side", 0)  # does not reach f: its wire's gradient is 0
    with_output = to_python(c)
    assert "hanging = None" in with_output and "dhanging = None" in with_output
    assert "dside = 0.0  # side does not reach f" in with_output
    c.set_output(None)  # several sinks, none named: no gradients
    without = to_python(c)
    assert "# no gradients" in without
    got = run_scripts([with_output, without], folder)
    c.set_output("add1")
    assert_same(got[0], engine_json(c), exact=False)
    side = [w for w in got[0]["wires"] if w["to"] == "side"]
    assert side[0]["grad"] == 0.0 and got[0]["nodes"]["hanging"]["value"] is None
    c.set_output(None)
    assert_same(got[1], engine_json(c), exact=False)
    assert got[1]["output"] is None and got[1]["nodes"]["x"]["grad"] is None


def test_an_input_as_output_and_an_empty_circuit(folder):
    c = Circuit()
    c.add_node("input", "x", label="x", value=2.5)
    empty = Circuit()
    for circuit, got in zip((c, empty), run_scripts([to_python(c), to_python(empty)], folder),
                            strict=True):
        assert_same(got, engine_json(circuit))
