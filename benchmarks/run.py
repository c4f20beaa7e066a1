"""Chainwire's evaluator against micrograd, and file load/save, on random circuits.

    python benchmarks/run.py              # 1k, 10k, 100k gates, both shapes (~2 min)
    python benchmarks/run.py --quick      # 1k and 10k only, file test at 10k (~20 s)
    python benchmarks/run.py --json results.json --check
    python benchmarks/run.py --wall       # wall-clock times instead of CPU time

Forward+backward time per gate for ``Plan.run`` (compile time reported separately) and
for micrograd building and back-propagating the same circuit (micrograd evaluates while
it builds, so its build *is* its forward pass). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from circuits import SHAPES  # noqa: E402

from chainwire.graph.circuit import Circuit  # noqa: E402
from chainwire.graph.evaluate import Plan  # noqa: E402

TARGETS = {100_000: 10.0, 10_000: 5.0}
"""Minimum speed-up over micrograd (forward+backward) by circuit size."""
LOAD_TARGET_S = 2.0


# ----- micrograd, with the two gates it lacks written in its own style --------------------
def _micrograd():
    from micrograd.engine import Value

    def sigmoid(v: Value) -> Value:
        x = v.data
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        out = Value(s, (v,), "sigmoid")

        def _backward():
            v.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out

    def exp(v: Value) -> Value:
        e = math.exp(v.data)
        out = Value(e, (v,), "exp")

        def _backward():
            v.grad += e * out.grad
        out._backward = _backward
        return out

    def vmax(vs: list[Value]) -> Value:
        m = max(x.data for x in vs)
        winners = [x for x in vs if x.data == m]
        share = 1.0 / len(winners)
        out = Value(m, tuple(vs), "max")

        def _backward():
            for x in winners:
                x.grad += share * out.grad
        out._backward = _backward
        return out

    def add(vs: list[Value]) -> Value:
        out = vs[0]
        for v in vs[1:]:
            out = out + v
        return out

    def mul(vs: list[Value]) -> Value:
        out = vs[0]
        for v in vs[1:]:
            out = out * v
        return out

    unary: dict[str, Callable] = {
        "sigmoid": lambda v, c: sigmoid(v), "exp": lambda v, c: exp(v),
        "reciprocal": lambda v, c: v**-1, "square": lambda v, c: v**2,
        "scale": lambda v, c: v * c, "offset": lambda v, c: v + c,
    }
    nary: dict[str, Callable] = {"add": add, "multiply": mul, "max": vmax}
    return Value, unary, nary


def flat_ops(c: Circuit) -> tuple[list[tuple], int]:
    """The circuit as a plain op list in topological order (what micrograd's user writes)."""
    plan = Plan(c)
    ops = []
    for n in plan.ids:
        d = c.node(n)
        srcs = [plan.index[s] for _, s in sorted(c.inputs_of(n).items())]
        ops.append((d.type, srcs, d.value if d.type == "input" else d.param))
    return ops, plan.index[plan.output]


def micrograd_build_and_backward(ops: list[tuple], out: int, mg) -> float:
    """Build the circuit as micrograd Values (its forward pass), then backward()."""
    Value, unary, nary = mg
    vals: list = [None] * len(ops)
    for i, (t, srcs, x) in enumerate(ops):
        if t == "input":
            vals[i] = Value(x)
        elif t in unary:
            vals[i] = unary[t](vals[srcs[0]], x)
        else:
            vals[i] = nary[t]([vals[j] for j in srcs])
    vals[out].backward()
    return vals[out].data


# ----- timing helpers -------------------------------------------------------------------------
CLOCK = time.process_time
"""CPU time of this process: both sides are single-threaded Python, and on a shared machine
wall time also counts the time spent waiting for a CPU. ``--wall`` switches to wall time."""


def best_of(fn: Callable[[], object], reps: int) -> float:
    """Minimum time over ``reps`` runs (the least disturbed by other processes)."""
    best = math.inf
    for _ in range(reps):
        t = CLOCK()
        fn()
        best = min(best, CLOCK() - t)
        gc.collect()
    return best


def gates_of(c: Circuit) -> int:
    return sum(1 for n in c.node_ids() if c.type_of(n) != "input")


def bench_shape(shape: str, n: int, mg, reps: int) -> dict:
    c = SHAPES[shape](n, seed=1)
    g = gates_of(c)
    compile_s = best_of(lambda: Plan(c), max(1, reps // 2))
    plan = Plan(c)
    inputs, params = plan.gather(c)
    run_s = best_of(lambda: plan.run(inputs, params), reps)
    e = plan.run(inputs, params)
    assert e.first_nonfinite is None and e.first_nonfinite_grad is None
    ops, out = flat_ops(c)
    mg_s = best_of(lambda: micrograd_build_and_backward(ops, out, mg), max(1, reps // 2))
    mg_f = micrograd_build_and_backward(ops, out, mg)
    assert math.isclose(mg_f, e.raw_value(e.output), rel_tol=1e-9), (mg_f, e.output)
    return {
        "shape": shape, "gates": g, "nodes": len(c), "wires": len(plan.wires),
        "compile_s": compile_s, "compile_us_per_gate": compile_s / g * 1e6,
        "run_us_per_gate": run_s / g * 1e6, "micrograd_us_per_gate": mg_s / g * 1e6,
        "speedup": mg_s / run_s, "target_speedup": TARGETS.get(n),
    }


def bench_file(n: int, mg, reps: int) -> dict:
    from chainwire.graph import fileio

    c = SHAPES["deep"](n, seed=2)
    g = gates_of(c)
    ops, out = flat_ops(c)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.chainwire")
        save_s = best_of(lambda: fileio.save(c, path), reps)
        size = os.path.getsize(path)
        load_s = best_of(lambda: fileio.load(path), reps)

        def ours() -> None:
            loaded = fileio.load(path)
            p = Plan(loaded)
            p.run(*p.gather(loaded))

        ours_s = best_of(ours, reps)
        assert fileio.load(path) == c
    mg_s = best_of(lambda: micrograd_build_and_backward(ops, out, mg), reps)
    return {"gates": g, "bytes": size, "save_s": save_s, "load_s": load_s,
            "load_compile_eval_s": ours_s, "micrograd_build_eval_s": mg_s,
            "speedup": mg_s / ours_s, "load_target_s": LOAD_TARGET_S}


# ----- report ------------------------------------------------------------------------------------
def report(rows: list[dict], file: dict) -> list[str]:
    """Print the tables; return the targets missed."""
    missed = []
    print(f"\n{'shape':<6}{'gates':>8}{'compile':>10}{'compile':>10}{'run':>10}"
          f"{'micrograd':>11}{'speed-up':>10}{'target':>8}")
    print(f"{'':<6}{'':>8}{'ms':>10}{'µs/gate':>10}{'µs/gate':>10}{'µs/gate':>11}"
          f"{'×':>10}{'×':>8}")
    for r in rows:
        t = r["target_speedup"]
        ok = t is None or r["speedup"] >= t
        if not ok:
            missed.append(f"{r['shape']} {r['gates']}: {r['speedup']:.1f}× < {t}×")
        print(f"{r['shape']:<6}{r['gates']:>8}{r['compile_s'] * 1e3:>10.1f}"
              f"{r['compile_us_per_gate']:>10.2f}{r['run_us_per_gate']:>10.2f}"
              f"{r['micrograd_us_per_gate']:>11.2f}{r['speedup']:>10.1f}"
              f"{('' if t is None else f'≥{t:g}') + ('' if ok else ' ✗'):>8}")
    f = file
    print(f"\nfile with {f['gates']} gates ({f['bytes'] / 1e6:.1f} MB):")
    print(f"  save                          {f['save_s']:8.3f} s")
    print(f"  load                          {f['load_s']:8.3f} s   (target < {LOAD_TARGET_S} s)")
    print(f"  load + compile + evaluate     {f['load_compile_eval_s']:8.3f} s")
    print(f"  micrograd build + evaluate    {f['micrograd_build_eval_s']:8.3f} s"
          f"   → ours {f['speedup']:.2f}× faster")
    if f["load_s"] >= LOAD_TARGET_S:
        missed.append(f"load {f['load_s']:.2f} s >= {LOAD_TARGET_S} s")
    if f["speedup"] <= 1.0:
        missed.append("load+compile+eval is not faster than micrograd build+eval")
    print("\nall targets met" if not missed else "\ntargets missed:\n  " + "\n  ".join(missed))
    return missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1k and 10k gates only (~20 s)")
    ap.add_argument("--json", metavar="PATH", help="also write the results as JSON here")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--wall", action="store_true", help="time with the wall clock, not CPU")
    args = ap.parse_args(argv)
    if args.wall:
        global CLOCK
        CLOCK = time.perf_counter
    sys.setrecursionlimit(1_000_000)  # micrograd's topological sort is recursive
    mg = _micrograd()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    reps = {1_000: 15, 10_000: 5, 100_000: 3}
    rows = []
    for n in sizes:
        for shape in SHAPES:
            print(f"{shape} {n} ...", file=sys.stderr, flush=True)
            rows.append(bench_shape(shape, n, mg, reps[n]))
            gc.collect()
    file_n = 10_000 if args.quick else 100_000
    print(f"file {file_n} ...", file=sys.stderr, flush=True)
    file = bench_file(file_n, mg, 2 if file_n > 10_000 else 3)
    missed = report(rows, file)
    if args.json:
        meta = {"python": platform.python_version(), "machine": platform.machine(),
                "cpus": os.cpu_count(), "quick": args.quick,
                "clock": "wall" if args.wall else "cpu"}
        Path(args.json).write_text(json.dumps(
            {"meta": meta, "evaluate": rows, "file": file, "missed": missed}, indent=2) + "\n")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
