"""Issue 10's teaching-view checks on 200 seeded random circuits of up to 60 gates, laid
out by ``graph.layout`` as Auto Layout and ``new --expr`` lay them out.

Every circuit gets the still-picture checks (no wire behind a gate, no number over a
number, a gate, a port or another wire's line); the callout checks (on the screen, adding
up, labels big enough) run on three backward steps of each circuit (its first, middle and
last, at both screen sizes), so the whole run stays well under a minute.
"""

from __future__ import annotations

import math
import random

import pytest

from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from chainwire.graph.layout import apply_layout
from tests.editor.test_teaching_view import SIZES, Picture, check_picture

CIRCUITS = 200
MAX_GATES = 60
UNARY = ("sigmoid", "exp", "reciprocal", "square", "scale", "offset")
NARY = ("add", "multiply", "max")


def random_circuit(seed: int) -> Circuit:
    """Inputs, then gates reading mostly recent nodes (as expressions do), everything
    flowing into one output f: the shapes a lesson draws, and some it would not.

    Numbers stay lesson-sized (finite, under 1000 in size): a number's width is what the
    layout leaves room for, and exp(exp(x)) would only test how wide "1.2e+57" is. A draw
    whose numbers run away is drawn again from the next sub-seed, deterministically.
    """
    for attempt in range(100):
        c = _draw(random.Random(seed * 1000 + attempt))
        ev = evaluate(c)
        numbers = [ev.raw_value(n) for n in c.node_ids()] + [ev.raw_grad(n)
                                                              for n in c.node_ids()]
        if all(v is not None and math.isfinite(v) and abs(v) < 1000 for v in numbers):
            break
    apply_layout(c)
    return c


def _draw(rng: random.Random) -> Circuit:
    c = Circuit()
    n_gates = rng.randint(1, MAX_GATES - 1)
    names = [c.add_node("input", f"x{i}", label=f"x{i}", value=round(rng.uniform(-3, 3), 1))
             for i in range(rng.randint(1, min(6, n_gates + 1)))]
    unread = set(names)
    for _ in range(n_gates):
        kind = rng.choice(UNARY + NARY * 2)
        arity = 1 if kind in UNARY else rng.choice((2, 2, 2, 3))
        pool = names[-8:]
        srcs = [rng.choice(sorted(unread)) if unread and rng.random() < 0.5
                else rng.choice(pool) for _ in range(arity)]
        param = round(rng.uniform(-2, 2), 1) if kind in ("scale", "offset") else None
        g = c.add_node(kind, param=param)
        for port, s in enumerate(srcs):
            c.connect(s, g, port)
            unread.discard(s)
        names.append(g)
        unread.add(g)
    sinks = sorted(n for n in unread if n != names[-1]) + [names[-1]]
    if len(sinks) > 1:  # gather loose ends so every node reaches f
        f = c.add_node("add", "f")
        for port, s in enumerate(sinks):
            c.connect(s, f, port)
    else:
        f = sinks[0]
    c.set_output(f)
    return c


def test_random_circuits_are_as_promised():
    sizes = [len(random_circuit(seed).node_ids()) for seed in range(CIRCUITS)]
    assert max(sizes) >= MAX_GATES - 5 and min(sizes) <= 5


@pytest.mark.parametrize("chunk", range(10))
def test_random_circuits_read_from_the_back_row(qapp, chunk):
    problems = []
    for seed in range(chunk, CIRCUITS, 10):
        pic = Picture(random_circuit(seed))
        try:
            seq = pic.overlay.seq
            back = list(range(len(seq) - len(seq.backward), len(seq))) or [0]
            frames = [(SIZES[0], back[0]), (SIZES[1], back[len(back) // 2]),
                      (SIZES[seed % 2], back[-1])]
            problems += [f"seed {seed}: {p}" for p in check_picture(pic, frames)]
        finally:
            pic.close()
    assert problems == []
