"""Seeded random circuits for the benchmarks, built through the public ``Circuit`` API.

Two shapes: ``deep`` (each gate reads recent nodes, so chains are long) and ``wide``
(layers that read the previous layer). Values stay bounded (|v| <= ~1) so neither
Chainwire nor micrograd meets inf/NaN: unbounded gates (add, exp, offset, reciprocal)
are always followed by a squashing gate (scale 0.5, sigmoid), and the pool that later
gates read from only holds bounded nodes. Every gate is upstream of the output: nodes
nobody read are summed into it at the end, so backward really visits every gate.
"""

from __future__ import annotations

import random

from chainwire.graph.circuit import Circuit


class _Builder:
    """Adds gates to a circuit and keeps the bounded-node pool honest."""

    def __init__(self, seed: int) -> None:
        self.c = Circuit()
        self.rng = random.Random(seed)
        self.gates = 0
        self.unread: dict[str, None] = {}  # insertion-ordered set of nodes nobody reads yet

    def inp(self, value: float) -> str:
        nid = self.c.add_node("input", f"i{len(self.c)}", value=value)
        self.unread[nid] = None
        return nid

    def gate(self, type_: str, srcs: list[str], param: float | None = None) -> str:
        nid = self.c.add_node(type_, f"g{self.gates}", param=param)
        self.gates += 1
        for port, s in enumerate(srcs):
            self.c.connect(s, nid, port)
            self.unread.pop(s, None)
        self.unread[nid] = None
        return nid

    def bounded(self, pick) -> str:
        """One 'step': 1-2 gates whose result has |value| <= 1 given inputs in [-1, 1]."""
        r = self.rng.random()
        if r < 0.22:
            return self.gate("multiply", [pick(), pick()])
        if r < 0.30:
            return self.gate("multiply", [pick(), pick(), pick()])
        if r < 0.50:
            return self.gate("scale", [self.gate("add", [pick(), pick()])], 0.5)
        if r < 0.56:
            srcs = [pick(), pick(), pick()]
            return self.gate("scale", [self.gate("add", srcs)], 1 / 3)
        if r < 0.68:
            return self.gate("max", [pick() for _ in range(self.rng.choice((2, 2, 3)))])
        if r < 0.80:
            return self.gate("sigmoid", [pick()])
        if r < 0.86:
            return self.gate("square", [pick()])
        if r < 0.91:
            return self.gate("scale", [self.gate("offset", [pick()], -0.5)], 0.5)
        if r < 0.96:
            return self.gate("sigmoid", [self.gate("exp", [pick()])])
        # 1/(x + 2) for x in [-1, 1] lies in [1/3, 1]
        return self.gate("reciprocal", [self.gate("offset", [pick()], 2.0)])

    def finish(self) -> Circuit:
        """Sum every node nobody reads into one output (4-input adds, each scaled)."""
        left = list(self.unread)
        while len(left) > 1:
            nxt = []
            for i in range(0, len(left), 4):
                chunk = left[i:i + 4]
                if len(chunk) == 1:
                    nxt.append(chunk[0])
                else:
                    nxt.append(self.gate("scale", [self.gate("add", chunk)], 0.25))
            left = nxt
        self.c.set_output(left[0])
        return self.c


def deep_random(n_gates: int, seed: int = 0, window: int = 8) -> Circuit:
    """About ``n_gates`` gates, each reading nodes among the ``window`` most recent ones."""
    b = _Builder(seed)
    rng = b.rng
    recent = [b.inp(rng.uniform(-1, 1)) for _ in range(window)]
    while b.gates < n_gates - 8:
        unread_recent = [n for n in recent if n in b.unread]

        def pick(unread_recent=unread_recent, recent=recent) -> str:
            if unread_recent and rng.random() < 0.5:  # nodes nobody reads come first
                return unread_recent.pop(0)
            return rng.choice(recent)

        nid = b.bounded(pick)
        recent.append(nid)
        if len(recent) > window:
            recent.pop(0)
        if rng.random() < 0.01:  # a fresh input now and then
            recent[rng.randrange(window)] = b.inp(rng.uniform(-1, 1))
    return b.finish()


def wide_layered(n_gates: int, seed: int = 0, width: int | None = None) -> Circuit:
    """Layers of ``width`` nodes (default: ~sqrt-ish of n, 100..1000) reading the layer before."""
    if width is None:
        width = max(100, min(1000, n_gates // 30))
    b = _Builder(seed)
    rng = b.rng
    prev = [b.inp(rng.uniform(-1, 1)) for _ in range(width)]
    while b.gates < n_gates - width // 2:
        perm = prev[:]
        rng.shuffle(perm)
        layer = []
        for j in range(width):
            first = [perm[j]]  # every node of the previous layer is read at least once

            def pick(first=first, prev=prev) -> str:
                return first.pop() if first else rng.choice(prev)

            layer.append(b.bounded(pick))
            if b.gates >= n_gates - width // 2:
                break
        prev = layer
    return b.finish()


SHAPES = {"deep": deep_random, "wide": wide_layered}
