"""Editor responsiveness: one value edit → evaluate → labels updated → repainted.

    QT_QPA_PLATFORM=offscreen python benchmarks/editor_live.py

Reports milliseconds per edit (median of 20) for a classroom circuit (the neuron
example) and for random circuits of 1,000 and 10,000 gates laid out in a grid, seen at
100 % zoom and fitted whole (where painting every item dominates).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from PySide6.QtWidgets import QApplication  # noqa: E402

from chainwire.editor import commands as cmd  # noqa: E402
from chainwire.editor.window import MainWindow  # noqa: E402
from chainwire.graph import fileio  # noqa: E402
from chainwire.graph.circuit import Circuit  # noqa: E402


def random_circuit(gates: int, seed: int = 1) -> Circuit:
    rng = random.Random(seed)
    c = Circuit()
    ids = [c.add_node("input", f"i{i}", value=rng.uniform(-1, 1), pos=(0, 80 * i))
           for i in range(20)]
    kinds = ["add", "multiply", "sigmoid", "scale", "offset", "max"]
    per_col = 50
    for g in range(gates):
        k = rng.choice(kinds)
        nid = c.add_node(k, f"g{g}", pos=(200 + 180 * (g // per_col), 90 * (g % per_col)))
        pool = ids[-60:]
        if k in ("add", "multiply", "max"):
            a, b = rng.sample(pool, 2)
            c.connect(a, nid, 0)
            c.connect(b, nid, 1)
        else:
            c.connect(rng.choice(pool), nid, 0)
        ids.append(nid)
    c.set_output(ids[-1])
    return c


def measure(app: QApplication, circuit: Circuit, label: str, fit: bool) -> None:
    win = MainWindow(circuit)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    if fit:
        win.view.fit()
    else:  # reading zoom: 100 %, looking at the inputs being edited
        win.view.set_zoom(1.0)
        win.view.centerOn(0, 0)
    app.processEvents()
    inputs = [d.id for d in circuit.nodes() if d.type == "input"]
    times = []
    for i in range(20):
        t0 = time.perf_counter()
        win.doc.push(cmd.SetValue(win.doc.circuit, inputs[i % len(inputs)], 0.1 * i - 1))
        win.view.viewport().repaint()
        times.append(time.perf_counter() - t0)
    n = len(circuit)
    view = "fit" if fit else "100%"
    print(f"{label:<22} {n:>7} nodes, view {view:<4}  edit→labels→repaint: median "
          f"{statistics.median(times) * 1e3:7.1f} ms   max {max(times) * 1e3:7.1f} ms")
    win.doc.undo_stack.setClean()
    win.close()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    here = os.path.join(os.path.dirname(__file__), "..", "resources", "examples")
    measure(app, fileio.load(os.path.join(here, "neuron.chainwire")), "neuron example", True)
    for gates in (1000, 10000):
        for fit in (False, True):
            measure(app, random_circuit(gates), f"random {gates:,} gates", fit)


if __name__ == "__main__":
    main()
