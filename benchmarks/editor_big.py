"""Big circuits in the editor (issue 13): the table of open, edit, add, drag, fit, memory.

    QT_QPA_PLATFORM=offscreen python benchmarks/editor_big.py            # 1k, 10k, 100k
    python benchmarks/editor_big.py --sizes 1000,10000 --json out.json   # shorter

Each size runs in its own child process (a clean peak RSS, no leftovers from the size
before) on the seeded grid circuits of ``editor_live.py`` (built in bulk here so that
100,000 gates are built in seconds): the circuit is saved to a temporary file and then

- **open → first paint**: File → Open of that file in a shown 1280×800 main window,
  until the window has painted the opened circuit (the idle label batches after it are
  not counted);
- **value edit**: one ``SetValue`` command + synchronous repaint at 100 % zoom (median of 20);
- **add + wire**: ``AddNode`` + ``Connect`` (two commands) + repaint (median of 10);
- **drag frame**: one visible node moved by the mouse's way (``setPos``) + repaint (median of 30);
- **fit repaint**: the whole circuit fitted, then one repaint (median of 5);
- **peak RSS**: the child's maximum resident set size at the end.

Then, in one more child, the engine's cold load + compile + evaluate of a 100,000-gate
file (``benchmarks/circuits.py``'s deep circuit, as in ``run.py``) against micrograd
building and back-propagating the same circuit. Times are CPU time of the process
(``--wall``: wall clock), as in ``run.py``. The core count is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLOCK = time.process_time
"""CPU time of the process, as ``run.py`` (other jobs on a shared machine inflate wall
time); ``--wall`` switches to the wall clock."""
sys.path.insert(0, HERE)

TARGETS = {
    10_000: {"open_s": 1.0, "edit_ms": 25, "add_wire_ms": 30, "drag_ms": 12, "fit_ms": 100,
             "rss_mb": 400},
    100_000: {"open_s": 6.0, "edit_ms": 150, "add_wire_ms": 150, "drag_ms": 16,
              "fit_ms": 300, "rss_mb": 1024},
}
COLUMNS = (("open_s", "open → first paint", "s"), ("edit_ms", "value edit", "ms"),
           ("add_wire_ms", "add + wire", "ms"), ("drag_ms", "drag frame", "ms"),
           ("fit_ms", "fit repaint", "ms"), ("rss_mb", "peak RSS", "MB"))


def grid_circuit(gates: int, seed: int = 1):
    """``editor_live.random_circuit`` built with ``Circuit.assemble`` (same structure,
    positions and values; seconds instead of minutes at 100,000 gates)."""
    from chainwire.graph.circuit import Circuit

    rng = random.Random(seed)
    nodes, wires = [], []
    ids = []
    for i in range(20):
        nid = f"x{i + 1}"
        nodes.append((nid, {"type": "input", "label": f"i{i}", "pos": (0.0, 80.0 * i),
                            "value": rng.uniform(-1, 1)}))
        ids.append(nid)
    kinds = ["add", "multiply", "sigmoid", "scale", "offset", "max"]
    params = {"scale": 1.0, "offset": 0.0}
    per_col = 50
    for g in range(gates):
        k = rng.choice(kinds)
        nid = f"g{g + 1}"
        attrs = {"type": k, "label": f"g{g}",
                 "pos": (200.0 + 180 * (g // per_col), 90.0 * (g % per_col))}
        if k in params:
            attrs["param"] = params[k]
        nodes.append((nid, attrs))
        pool = ids[-60:]
        if k in ("add", "multiply", "max"):
            a, b = rng.sample(pool, 2)
            wires += [(a, nid, 0, None), (b, nid, 1, None)]
        else:
            wires.append((rng.choice(pool), nid, 0, None))
        ids.append(nid)
    return Circuit.assemble(nodes, wires, output=ids[-1])


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1e3


def measure_editor(gates: int) -> dict:
    """One size, in this process: every column of the table."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from chainwire.editor import commands as cmd
    from chainwire.editor.window import MainWindow
    from chainwire.graph import fileio

    app = QApplication.instance() or QApplication([])
    circuit = grid_circuit(gates)
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, f"grid{gates}.chainwire")
    fileio.save(circuit, path)
    del circuit
    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    app.processEvents()

    t0 = CLOCK()
    win.open_path(path, ask=False)
    while getattr(win, "opening", None) is not None:  # an open in the background
        app.processEvents()
        time.sleep(0.002)
    win.view.viewport().repaint()
    open_s = CLOCK() - t0
    app.processEvents()

    doc, view = win.doc, win.view
    c = doc.circuit
    view.set_zoom(1.0)
    view.centerOn(0, 0)
    app.processEvents()
    view.viewport().repaint()
    inputs = [n for n in c.node_ids() if c.type_of(n) == "input"]
    edits = []
    for i in range(20):
        t = CLOCK()
        doc.push(cmd.SetValue(c, inputs[i % len(inputs)], 0.1 * i - 1))
        view.viewport().repaint()
        edits.append(CLOCK() - t)

    adds = []
    for i in range(10):
        t = CLOCK()
        add = cmd.AddNode(c, "sigmoid", (100.0, 40.0 + 90 * i))
        doc.push(add)
        doc.push(cmd.Connect(c, inputs[i], add.node_id, 0))
        view.viewport().repaint()
        adds.append(CLOCK() - t)

    item = win.scene.nodes.get("g3")  # a gate on screen at 100 %
    drags = []
    if item is not None:
        start = item.pos()
        for i in range(30):
            t = CLOCK()
            item.setPos(start + QPointF(3.0 * (i + 1), 2.0 * (i + 1)))
            view.viewport().repaint()
            drags.append(CLOCK() - t)
        item.setPos(start)

    view.fit()
    app.processEvents()
    fits = []
    for _ in range(5):
        t = CLOCK()
        view.viewport().repaint()
        fits.append(CLOCK() - t)

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    doc.undo_stack.setClean()
    win.close()
    return {"gates": gates, "nodes": len(c), "open_s": open_s, "edit_ms": _median_ms(edits),
            "add_wire_ms": _median_ms(adds), "drag_ms": _median_ms(drags) if drags else None,
            "fit_ms": _median_ms(fits), "rss_mb": rss_mb}


def measure_engine(gates: int) -> dict:
    """Cold load + compile + evaluate of a ``gates``-gate file, then micrograd's build +
    evaluate of the same circuit (from a parsed op list, as ``run.py``)."""
    from circuits import SHAPES
    from run import _micrograd, flat_ops, micrograd_build_and_backward

    from chainwire.graph import fileio
    from chainwire.graph.plan import Plan

    c = SHAPES["deep"](gates, seed=2)
    ops, out = flat_ops(c)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.chainwire")
        fileio.save(c, path)
        del c
        steps = {}
        cpu, wall = time.process_time(), time.perf_counter()
        loaded = fileio.load(path)
        steps["load_s"] = time.process_time() - cpu
        t = time.process_time()
        plan = Plan(loaded)
        steps["compile_s"] = time.process_time() - t
        t = time.process_time()
        ev = plan.run(*plan.gather(loaded))
        steps["evaluate_s"] = time.process_time() - t
        ours = time.process_time() - cpu
        ours_wall = time.perf_counter() - wall
    sys.setrecursionlimit(1_000_000)  # micrograd's topological sort is recursive (run.py)
    mg = _micrograd()
    cpu, wall = time.process_time(), time.perf_counter()
    f = micrograd_build_and_backward(ops, out, mg)
    mg_s = time.process_time() - cpu
    mg_wall = time.perf_counter() - wall
    assert abs(f - ev.raw_value(ev.output)) <= 1e-9 * max(1.0, abs(f))
    return {"gates": gates, **steps, "ours_s": ours, "ours_wall_s": ours_wall,
            "micrograd_s": mg_s, "micrograd_wall_s": mg_wall, "ratio": ours / mg_s}


def _child(kind: str, gates: int, clock: str) -> dict:
    """Run one measurement in a fresh interpreter; its JSON line is the result."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", kind,
                           str(gates), clock], capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"gates": gates, "error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(v, unit: str) -> str:
    if v is None:
        return "n/a"
    return f"{v:.2f} s" if unit == "s" else f"{v:.0f} MB" if unit == "MB" else f"{v:.1f} ms"


def report(rows: list[dict], engine: dict | None) -> list[str]:
    """Print the table; return the targets missed."""
    missed = []
    print(f"cores: {os.cpu_count()}  python {sys.version.split()[0]}  load average "
          f"{os.getloadavg()[0]:.1f}")
    print("| gates | " + " | ".join(c[1] for c in COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for r in rows:
        if "error" in r:
            print(f"| {r['gates']:,} | failed: {r['error']} |")
            continue
        cells = []
        for key, name, unit in COLUMNS:
            target = TARGETS.get(r["gates"], {}).get(key)
            cell = _fmt(r[key], unit)
            if target is not None and r[key] is not None and r[key] > target:
                cell += " ✗"
                missed.append(f"{r['gates']:,} gates: {name} {cell} > {target}")
            cells.append(cell)
        print(f"| {r['gates']:,} | " + " | ".join(cells) + " |")
    if engine is not None:
        if "error" in engine:
            print(f"engine: failed: {engine['error']}")
        else:
            print(f"engine, {engine['gates']:,}-gate file (CPU): load {engine['load_s']:.2f} s + "
                  f"compile {engine['compile_s']:.2f} s + evaluate {engine['evaluate_s']:.2f} s "
                  f"= {engine['ours_s']:.2f} s; micrograd build + evaluate "
                  f"{engine['micrograd_s']:.2f} s; ratio {engine['ratio']:.2f} (target ≤ 0.25)")
            if engine["ratio"] > 0.25:
                missed.append(f"engine ratio {engine['ratio']:.2f} > 0.25")
    return missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="gate counts, comma-separated (default 1000,10000,100000)")
    ap.add_argument("--engine", type=int, default=100_000,
                    help="gates of the engine's file test (0: skip it)")
    ap.add_argument("--json", metavar="OUT", help="also write the raw numbers here ('-': stdout)")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--wall", action="store_true", help="time with the wall clock, not CPU")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, n = args.child[0], int(args.child[1])
        if args.child[2] == "wall":
            global CLOCK
            CLOCK = time.perf_counter
        result = measure_editor(n) if kind == "editor" else measure_engine(n)
        print(json.dumps(result))
        return 0
    rows = []
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        rows.append(_child("editor", n, "wall" if args.wall else "cpu"))
        print(f"  {n:,} gates measured", file=sys.stderr)
    engine = _child("engine", args.engine, "cpu") if args.engine else None
    missed = report(rows, engine)
    if args.json:
        data = json.dumps({"cores": os.cpu_count(), "python": sys.version.split()[0],
                           "clock": "wall" if args.wall else "cpu",
                           "editor": rows, "engine": engine, "missed": missed}, indent=1)
        if args.json == "-":
            print(data)
        else:
            with open(args.json, "w", encoding="utf-8") as f:
                f.write(data + "\n")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
