"""Array circuits: Chainwire's evaluator against the same computation written in numpy.

    python benchmarks/arrays.py                 # 50 × (matmul + relu) on 256×256, ~10 s
    python benchmarks/arrays.py --layers 10 --size 64 --check

The circuit is a chain H_i = relu(W_i · H_{i-1}) from an input X, with f = H_50 (a
matrix, so the gradients are those of sum(f)). The numpy version is what one writes by
hand: forward keeping Z_i and H_i, backward dZ = dH·[Z > 0], dW = dZ·Hᵀ, dH = Wᵀ·dZ.
Both compute every W's and X's gradient; the times are the best of several interleaved
wall-clock runs. Target: Chainwire within 1.5× of numpy. On a busy machine multi-threaded
BLAS times swing; ``OPENBLAS_NUM_THREADS=1`` gives steadier numbers for both.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import Plan

TARGET = 1.5


def chain(layers: int, size: int, seed: int = 0) -> tuple[Circuit, list, np.ndarray]:
    """The circuit, its weights (He-initialised, so activations stay moderate) and X."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((size, size))
    ws = [rng.standard_normal((size, size)) * np.sqrt(2.0 / size) for _ in range(layers)]
    c = Circuit()
    c.add_node("input", "X", value=x)
    prev = "X"
    for i, w in enumerate(ws):
        c.add_node("input", f"W{i}", value=w)
        c.add_node("matmul", f"Z{i}")
        c.connect(f"W{i}", f"Z{i}", 0)
        c.connect(prev, f"Z{i}", 1)
        c.add_node("relu", f"H{i}")
        c.connect(f"Z{i}", f"H{i}", 0)
        prev = f"H{i}"
    c.set_output(prev)
    return c, ws, x


def by_hand(ws: list, x: np.ndarray) -> tuple[np.ndarray, list, np.ndarray]:
    """The same forward and backward pass, written directly in numpy."""
    hs, zs = [x], []
    for w in ws:
        z = w @ hs[-1]
        zs.append(z)
        hs.append(np.maximum(z, 0.0))
    dh = np.ones_like(hs[-1])
    dws = [None] * len(ws)
    for i in range(len(ws) - 1, -1, -1):
        dz = dh * (zs[i] > 0.0)
        dws[i] = dz @ hs[i].T
        dh = ws[i].T @ dz
    return hs[-1], dws, dh


def best_of(fn: Callable[[], object], reps: int) -> float:
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", type=int, default=50)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = ap.parse_args(argv)
    c, ws, x = chain(args.layers, args.size)
    plan = Plan(c)
    inputs, params = plan.gather(c)
    e = plan.run(inputs, params)
    f, dws, dx = by_hand(ws, x)
    assert e.output_summed and np.allclose(e.value(e.output), f)
    assert np.allclose(e.grad("X"), dx)
    assert all(np.allclose(e.grad(f"W{i}"), dw) for i, dw in enumerate(dws))
    ours = theirs = float("inf")
    for _ in range(args.reps):  # interleaved, so a burst of load hits both
        theirs = min(theirs, best_of(lambda: by_hand(ws, x), 1))
        ours = min(ours, best_of(lambda: plan.run(inputs, params), 1))
    ratio = ours / theirs
    print(f"{args.layers} × (matmul + relu) on {args.size}×{args.size}, forward + backward:")
    print(f"  numpy by hand   {theirs * 1e3:8.1f} ms")
    print(f"  Chainwire       {ours * 1e3:8.1f} ms   ({ratio:.2f}× numpy; target ≤ {TARGET}×)")
    return 1 if args.check and ratio > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
