"""Gradient check: every input's analytic gradient against a centred finite difference.

The cs231n notes insist on checking backprop numerically; this is that check, judged
the way the notes judge it. For each input (each element of an array input), with
``x`` its value::

    h        = STEP · max(1, |x|)                       (STEP = 1e-5)
    numeric  = (f(x + h) − f(x − h)) / (2h)             f summed if it is not a scalar
    noise    = NOISE · ε · (|f(x + h)| + |f(x − h)|) / (2h)   what rounding can explain
    error    = max(0, |analytic − numeric| − noise) / max(|analytic|, |numeric|, FLOOR)

The absolute floor (``FLOOR`` = 1e-8) keeps two gradients that are both about zero from
dividing by zero (the notes: "keep track of the case where both are zero"); subtracting
the rounding noise keeps a tiny true gradient of a large f from failing only because a
difference quotient cannot resolve it. When the first step disagrees by more than
``FINE``, the difference is taken again with h/10 and the smaller error kept: curvature
error shrinks 100-fold, a wrong gradient stays wrong.

Verdicts, from the notes' bands: error < 1e-7 **fine**; < 1e-4 **look closer**; < 1e-2
**suspect** (the notes: "should make you feel uncomfortable"; in float64, with kinks
told apart and the step retried, a correct gradient does not land there, so it counts
as a failure); otherwise **wrong**. **kink**: some ``max`` or ``relu`` gate switches
inputs between x − h, x and x + h, so the difference straddles a kink and cannot judge
the gradient; not a failure. **not finite**: a value or gradient is NaN/inf.

Nothing here imports Qt: the editor's Tools → Check Gradients and ``chainwire check``
share it. Inputs are perturbed on a copy, so the circuit itself never changes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.cli_args import add_source_arguments
from chainwire.graph.cli_output import json_value, shape_problem_text
from chainwire.graph.errors import ChainwireError
from chainwire.graph.evaluate import Evaluation, evaluate
from chainwire.graph.gates_group import part_routes
from chainwire.graph.numbers import format_number

STEP = 1e-5
"""Relative step: h = STEP · max(1, |x|)."""
FLOOR = 1e-8
"""Absolute floor of the error's denominator."""
NOISE = 8.0
"""How many ulps of f the rounding noise allowance counts."""
FINE, LOOK_CLOSER, SUSPECT = 1e-7, 1e-4, 1e-2
"""The bands' upper edges."""

MAX_CHECKED = 100_000
"""At most this many input elements are checked (each costs two to four evaluations of
the circuit: about a minute and a half for 100,000 elements on a laptop); more is refused
with a message rather than left running for a quarter of an hour."""
KINKED = frozenset({"max", "relu"})
"""Gates whose output switches between inputs: where they tie, f has a kink."""
VERDICTS = ("fine", "look closer", "kink", "suspect", "wrong", "not finite")
"""From best to worst; a row's verdict is one of these."""
FAILING = frozenset({"suspect", "wrong", "not finite"})
"""Verdicts that fail the check (``chainwire check`` exits 1)."""


class GradCheckError(ChainwireError):
    """The circuit cannot be checked (no output, an undefined output...)."""


@dataclass(frozen=True)
class Row:
    """One input element: its gradients, how far apart they are and the verdict."""

    node: str
    label: str
    index: tuple[int, ...] | None  # the element of an array input; None for a scalar
    value: float
    analytic: float
    numeric: float
    h: float
    error: float
    verdict: str


@dataclass(frozen=True)
class Report:
    """A whole check: f, the output's id and one Row per input element (node order)."""

    output: str
    f: float
    rows: tuple[Row, ...]

    @property
    def passed(self) -> bool:
        return not any(r.verdict in FAILING for r in self.rows)

    def verdict_of(self, node_id: str) -> str:
        """The worst verdict among ``node_id``'s elements."""
        found = [VERDICTS.index(r.verdict) for r in self.rows if r.node == node_id]
        return VERDICTS[max(found)] if found else "fine"

    def node_verdicts(self) -> dict[str, str]:
        return {r.node: self.verdict_of(r.node) for r in self.rows}


def band(error: float) -> str:
    """The verdict for a relative error outside any kink.

    >>> band(3e-11), band(2e-6), band(5e-3), band(0.5)
    ('fine', 'look closer', 'suspect', 'wrong')
    """
    if not math.isfinite(error):
        return "not finite"
    if error < FINE:
        return "fine"
    if error < LOOK_CLOSER:
        return "look closer"
    if error < SUSPECT:
        return "suspect"
    return "wrong"


def relative_error(analytic: float, numeric: float, noise: float = 0.0) -> float:
    """|a − n| beyond the rounding ``noise``, relative to the larger, at least FLOOR.

    >>> relative_error(-4.0, -4.0), relative_error(0.0, 0.0), relative_error(1.0, 1.01)
    (0.0, 0.0, 0.00990099009900991)
    """
    diff = max(0.0, abs(analytic - numeric) - noise)
    return diff / max(abs(analytic), abs(numeric), FLOOR)


def check_gradients(circuit: Circuit) -> Report:
    """Check every input of ``circuit`` (unchanged) against centred differences.

    >>> from chainwire.graph.expr import parse
    >>> c = parse("(x + y) * z")
    >>> c.set_value("x", -2.0); c.set_value("y", 5.0); c.set_value("z", -4.0)
    >>> r = check_gradients(c)
    >>> [(row.label, float(row.analytic), row.verdict) for row in r.rows]
    [('x', -4.0, 'fine'), ('y', -4.0, 'fine'), ('z', 3.0, 'fine')]
    """
    work = circuit.copy()
    ev = evaluate(work)
    if ev.output is None:  # a shape clash upstream is the cause worth naming
        why = shape_problem_text(circuit, ev) or ev.no_gradient_reason
        raise GradCheckError(f"no gradients to check: {why}")
    out = ev.output
    inputs = [(d.id, d.label or d.id, d.value) for d in work.nodes()
              if d.type == "input" and d.value is not None]  # every input has a value
    count = sum(int(np.size(v)) for _nid, _label, v in inputs)
    if count > MAX_CHECKED:
        raise GradCheckError(f"the inputs have {count:,} input elements; at most "
                             f"{MAX_CHECKED:,} are checked one by one (make the arrays "
                             "smaller to check them)")
    routes0 = _routes(work, ev)
    rows: list[Row] = []
    for nid, label, value in inputs:
        base = np.asarray(value, dtype=float)
        grad = np.asarray(ev.raw_grad(nid), dtype=float)
        for idx in (np.ndindex(base.shape) if base.ndim else [None]):
            x = float(base[idx] if idx is not None else base)
            a = float(np.broadcast_to(grad, base.shape)[idx] if idx is not None else grad)
            rows.append(_row(work, nid, label, base, idx, x, a, out, routes0))
        work.set_value(nid, value)  # back to where it was
    return Report(out, _objective(ev, out), tuple(rows))


def _objective(ev: Evaluation, out: str) -> float:
    """sum(f), what the gradients are gradients of (f itself for a scalar); NaN when f is
    undefined."""
    v = ev.raw_value(out)
    return math.nan if v is None else float(np.sum(v))


def _row(work: Circuit, nid: str, label: str, base: np.ndarray, idx: tuple[int, ...] | None,
         x: float, a: float, out: str, routes0: tuple) -> Row:
    def f_at(v: float) -> tuple[float, Evaluation]:
        if idx is None:
            work.set_value(nid, v)
        else:
            arr = base.copy()
            arr[idx] = v
            work.set_value(nid, arr)
        ev = evaluate(work)
        return _objective(ev, out), ev

    h = STEP * max(1.0, abs(x))
    best: tuple[float, float, float] | None = None  # (error, numeric, h)
    kink = False
    with np.errstate(all="ignore"):
        for step in (h, h / 10):
            (fp, evp), (fm, evm) = f_at(x + step), f_at(x - step)
            kink = kink or _routes(work, evp) != routes0 or _routes(work, evm) != routes0
            n = (fp - fm) / (2 * step)
            noise = NOISE * sys.float_info.epsilon * (abs(fp) + abs(fm)) / (2 * step)
            err = relative_error(a, n, noise) if math.isfinite(a) and math.isfinite(n) \
                else math.inf
            if best is None or err < best[0]:
                best = (err, n, step)
            if err < FINE or kink or not math.isfinite(err):
                break
    assert best is not None  # the loop ran at least once
    err, n, step = best
    if not (math.isfinite(a) and math.isfinite(n)):
        verdict = "not finite"
    elif kink:
        verdict = "kink"
    else:
        verdict = band(err)
    return Row(nid, label, idx, x, a, n, step, err, verdict)


def _routes(circuit: Circuit, ev: Evaluation) -> tuple:
    """Which inputs pass through every max/relu gate (an input equal to the output wins;
    relu is max(0, x)): differs exactly when a step crosses a kink."""
    won = []
    for nid in ev.order:
        if circuit.type_of(nid) == "group" and nid not in ev.undefined:  # its parts' kinks
            xs = [ev.raw_value(w.src) for w in circuit.wires_into(nid)]
            won += part_routes(circuit.node(nid).param, [x for x in xs if x is not None],
                               KINKED)
            continue
        if circuit.type_of(nid) not in KINKED or nid in ev.undefined:
            continue
        out = np.asarray(ev.raw_value(nid))
        for w in circuit.wires_into(nid):
            won.append((np.asarray(ev.raw_value(w.src)) == out).tobytes())
    return tuple(won)


# ----- reporting ---------------------------------------------------------------------

def report_dict(report: Report) -> dict:
    """The ``--json`` shape: output, f, passed, the step rule and one entry per element."""
    return {"output": report.output, "f": json_value(report.f), "passed": report.passed,
            "step": f"h = {STEP:g} * max(1, |x|)",
            "inputs": [{"id": r.node, "label": r.label,
                        "index": None if r.index is None else list(r.index),
                        "value": json_value(r.value), "analytic": json_value(r.analytic),
                        "numeric": json_value(r.numeric), "h": r.h,
                        "relative_error": json_value(r.error), "verdict": r.verdict}
                       for r in report.rows]}


def error_text(error: float) -> str:
    """A relative error as people read them: "3.1e-11" (its order of magnitude matters)."""
    return "nan" if math.isnan(error) else f"{error:.1e}"


def format_report(report: Report, decimals: int = 6) -> str:
    """The table ``chainwire check`` prints, then one summary line."""
    rows = [("input", "value", "analytic", "numeric", "rel. error", "verdict")]
    for r in report.rows:
        name = r.label if r.index is None else f"{r.label}[{','.join(map(str, r.index))}]"
        rows.append((name, format_number(r.value, decimals),
                     format_number(r.analytic, decimals), format_number(r.numeric, decimals),
                     error_text(r.error), r.verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    lines = ["  ".join(c.ljust(w) if i in (0, 5) else c.rjust(w)
                       for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip()
             for row in rows]
    if not report.rows:
        return "the circuit has no inputs to check"
    n = len(report.rows)
    counts = ", ".join(f"{sum(r.verdict == v for r in report.rows)} {v}" for v in VERDICTS
                       if any(r.verdict == v for r in report.rows))
    result = "passed" if report.passed else "FAILED"
    lines.append(f"\n{result}: {n} gradient{'s' * (n != 1)} checked, {counts} "
                 f"(f = {format_number(report.f, decimals)}, output: {report.output})")
    return "\n".join(lines)


# ----- the command line --------------------------------------------------------------

def add_check_arguments(p: argparse.ArgumentParser) -> None:
    """``check``'s arguments, for a subcommand parser or a parser of its own."""
    add_source_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run_check(ns: argparse.Namespace) -> int:
    """Check as ``ns`` says and print the result: exit 0 all pass, 1 some fail.

    Loading and ``--set`` are the command line's own (``graph/cli.py``); its errors
    propagate for the caller to report as one ``chainwire: error:`` line (exit 2).
    """
    from chainwire.graph import cli

    circuit = cli._load(ns)
    cli._apply_sets(circuit, ns.set)
    cli.refuse_shape_problems(circuit, evaluate(circuit))
    try:
        report = check_gradients(circuit)
    except GradCheckError as e:
        raise cli.CliError(str(e)) from None
    if ns.json:
        print(json.dumps(report_dict(report), indent=2))
    else:
        print(format_report(report))
    return 0 if report.passed else 1
