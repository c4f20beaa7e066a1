"""Layout quality: wire crossings of our layout per example, next to Graphviz dot's.

Both are counted the same way, geometrically, on what would be drawn: our routed
polylines (``graph.routing``), and dot's edge splines (``dot -Tplain``, each Bézier
sampled into a polyline) for the same graph with the inputs pinned to the first rank
and the output to the last, as ours are. Without ``dot`` on the
PATH (``apt-get install graphviz``) that column says "n/a". dot gets the same ports as
ours (record nodes, one field per input port, top to bottom), so a wire entering a gate
in the wrong order crosses in both drawings.

Also reports, per example: wires passing through a gate body (must be 0), bends, the
drawing's size, and the time to lay out and to route.

``--big 1000,10000,100000`` times instead the engine part of Auto Layout (``layout``,
CPU seconds) at those sizes (gates) on ``editor_big.grid_circuit`` and ``circuits.SHAPES``,
and on the adversarial ``fan`` (one input feeding every layer of a deep chain) at
``--fan`` gates: the issue-13 targets are 2 s at 10,000 gates and for the fan at 2,000,
20 s at 100,000.

    python benchmarks/layout_quality.py [--random N] [--json] [--big SIZES [--fan N]]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from chainwire import resources
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.geometry import (
    body_rect,
    count_crossings,
    polyline_hits_rect,
    shown_ports,
    sizes_of,
)
from chainwire.graph.layout import apply_layout
from chainwire.graph.routing import route

EXAMPLES = sorted((Path(resources.__file__).parent / "examples").glob("*.chainwire"))


def ours(c: Circuit) -> dict:
    t0 = time.perf_counter()
    apply_layout(c)
    t1 = time.perf_counter()
    lines = route(c)
    t2 = time.perf_counter()
    size = sizes_of(c)
    pos = {n.id: n.pos for n in c.nodes()}
    through = sum(polyline_hits_rect(pts, body_rect(pos[n], size[n]))
                  for w, pts in lines.items() for n in pos if n not in (w.src, w.dst))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return {"crossings": count_crossings(lines.values()), "through_gates": through,
            "bends": sum(len(p) - 2 for p in lines.values()),
            "width": round(max(xs) - min(xs)), "height": round(max(ys) - min(ys)),
            "layout_ms": round((t1 - t0) * 1e3, 1), "route_ms": round((t2 - t1) * 1e3, 1)}


def dot_crossings(c: Circuit) -> int | None:
    """Crossings in Graphviz dot's drawing of the same graph, or None without dot."""
    exe = shutil.which("dot")
    if exe is None:
        return None
    size = sizes_of(c)
    out = c.resolved_output()[0]
    lines = ["digraph G {", "rankdir=LR; ranksep=1.5; nodesep=0.6;",
             "node [shape=box, fixedsize=true, label=\"\"];"]
    for n in c.node_ids():
        w, h = size[n]
        ports = shown_ports(c, n)
        shape = ""
        if ports:  # a record: one field per input port, top to bottom (rankdir=LR)
            fields = "|".join(f"<p{p}>" for p in ports)
            shape = f', shape=record, label="{fields}"'
        lines.append(f'"{n}" [width={w / 72:.3f}, height={h / 72:.3f}{shape}];')
    inputs = [n for n in c.node_ids() if c.type_of(n) == "input"]
    lines.append("{rank=min; " + " ".join(f'"{n}";' for n in inputs) + "}")
    if out is not None:
        lines.append(f'{{rank=max; "{out}";}}')
    for w in c.wires():
        lines.append(f'"{w.src}":e -> "{w.dst}":p{w.port}:w;')
    lines.append("}")
    text = subprocess.run([exe, "-Tplain"], input="\n".join(lines), capture_output=True,
                          text=True, check=True).stdout
    polylines = []
    for row in text.splitlines():
        f = row.split()
        if f and f[0] == "edge":
            n = int(f[3])
            pts = [(float(f[4 + 2 * i]), float(f[5 + 2 * i])) for i in range(n)]
            polylines.append(_sample_bezier(pts))
    return count_crossings(polylines)


def _sample_bezier(ctrl: list[tuple[float, float]], steps: int = 12) -> list:
    """dot's B-spline (cubic pieces p0 p1 p2 p3, p3 p4 p5 p6, ...) as a polyline."""
    out = [ctrl[0]]
    for i in range(0, len(ctrl) - 3, 3):
        p0, p1, p2, p3 = ctrl[i:i + 4]
        for s in range(1, steps + 1):
            t = s / steps
            u = 1 - t
            out.append(tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * cc + t ** 3 * d
                             for a, b, cc, d in zip(p0, p1, p2, p3, strict=True)))
    return out


def random_circuit(seed: int, gates: int) -> Circuit:
    """A seeded random DAG of add/multiply/max/unary gates over a few inputs."""
    rnd = random.Random(seed)
    c = Circuit()
    ids = [c.add_node("input", f"i{k}", value=1.0) for k in range(rnd.randint(1, 6))]
    for k in range(gates):
        unary = rnd.random() < 0.4
        t = rnd.choice(["sigmoid", "square", "exp"]) if unary else rnd.choice(
            ["add", "multiply", "max"])
        srcs = [rnd.choice(ids[-8:] if rnd.random() < 0.7 else ids)
                for _ in range(1 if unary else rnd.randint(2, 3))]
        g = c.add_node(t, f"g{k}")
        for port, s in enumerate(srcs):
            c.connect(s, g, port)
        ids.append(g)
    return c


def fan_chain(gates: int) -> Circuit:
    """One input feeding every gate of a chain ``gates`` deep: ~gates²/2 dummies in full."""
    c = Circuit()
    x = c.add_node("input", "x", value=0.5)
    prev = c.add_node("sigmoid", "g0")
    c.connect(x, prev, 0)
    for k in range(1, gates):
        g = c.add_node("add", f"g{k}")
        c.connect(prev, g, 0)
        c.connect(x, g, 1)
        prev = g
    c.set_output(prev)
    return c


def big_timings(sizes: list[int], fan: int) -> list[dict]:
    """CPU seconds of ``layout`` per shape and size (each circuit built first, untimed)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from circuits import SHAPES
    from editor_big import grid_circuit

    from chainwire.graph.layout import layout

    builders = {"grid": grid_circuit, **SHAPES}
    cases = [(shape, n, build) for n in sizes for shape, build in builders.items()]
    rows = []
    for shape, n, build in [*cases, ("fan", fan, fan_chain)]:
        c = build(n)
        t0 = time.process_time()
        layout(c)
        rows.append({"shape": shape, "gates": n, "nodes": len(c),
                     "wires": c.number_of_wires(), "layout_s": round(time.process_time() - t0, 2)})
        r = rows[-1]
        print(f"{shape:5} {n:>7} gates  {r['nodes']:>7} nodes {r['wires']:>7} wires  "
              f"layout {r['layout_s']:6.2f} s CPU", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--random", type=int, default=20, help="random circuits to add (seeded)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--big", help="time Auto Layout at these sizes, e.g. 1000,10000")
    ap.add_argument("--fan", type=int, default=2000, help="the adversarial case's gates")
    ns = ap.parse_args(argv)
    if ns.big:
        big_timings([int(v) for v in ns.big.split(",")], ns.fan)
        return 0
    rows = []
    cases = [(p.stem, fileio.load(p)) for p in EXAMPLES]
    cases += [(f"random-{s}", random_circuit(s, 10 + s % 50)) for s in range(ns.random)]
    for name, c in cases:
        r = {"name": name, "gates": len(c), "wires": c.number_of_wires(), **ours(c),
             "dot": dot_crossings(c)}
        rows.append(r)
    if ns.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'circuit':26} {'nodes':>5} {'wires':>5} {'ours':>5} {'dot':>5} {'thru':>4} "
          f"{'bends':>5} {'w×h':>10} {'layout ms':>9} {'route ms':>8}")
    for r in rows:
        dot = "n/a" if r["dot"] is None else r["dot"]
        print(f"{r['name']:26} {r['gates']:5} {r['wires']:5} {r['crossings']:5} {dot:>5} "
              f"{r['through_gates']:4} {r['bends']:5} {r['width']:>5}×{r['height']:<4} "
              f"{r['layout_ms']:9} {r['route_ms']:8}")
    have = [r for r in rows if r["dot"] is not None]
    if have:
        worse = [r["name"] for r in have if r["crossings"] > r["dot"]]
        print(f"\ntotal crossings: ours {sum(r['crossings'] for r in have)}, "
              f"dot {sum(r['dot'] for r in have)}; more than dot on {len(worse)} of "
              f"{len(have)}: {', '.join(worse) or '-'}")
    return 1 if any(r["through_gates"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
