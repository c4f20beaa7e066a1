"""A circuit as a standalone Python script in the notes' staged style: ``to_python``.

The notes move between a circuit and staged code (``sigx = 1.0 / (1.0 + np.exp(-x))``
... ``dx += (1.0 - sigx) * sigx * dsigx``); ``chainwire code`` and File → Export as Python…
write that code for any circuit. The script needs only numpy: the inputs, then the
forward pass, one line per gate in topological order, then the backward pass, the
gates last to first, one ``d<name>`` line per wire commented with the pattern it
follows ("# multiply swaps"), ``+=`` where a node forks (its gradient starts at 0 and
its wires' gradients add up), and finally it prints every value and gradient as
``chainwire eval --json`` does. The gates write their own code (``Gate.code_forward``,
``Gate.code_backward``); this module only names, orders and assembles.

Nothing from the file becomes code but numbers (``repr`` of a float) and identifiers made
from labels (ASCII letters, digits and ``_``: ``w₀`` is ``w0``, ``σ`` is ``sigma``; made
unique, ids as fallback). Ids, types and labels reach the report as one JSON text inside
a string literal written by ``repr``: data, never code.

The backward pass runs in the engine's order and sums forks in the engine's order, so
the numbers agree with ``evaluate`` exactly for most gates and to the last bits where
numpy's exp, tanh and power or the notes' σ(1−σ) round differently.

>>> from chainwire.graph.expr import parse
>>> print(backward_lines(parse("x * y")))
dmultiply1 = np.float64(1.0)  # df/df = 1
# multiply1 = x * y
dx = y * dmultiply1  # multiply swaps
dy = x * dmultiply1  # multiply swaps
"""

from __future__ import annotations

import builtins
import json
import keyword
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import numpy as np

from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import Plan
from chainwire.graph.evaluation import Evaluation
from chainwire.graph.gate_base import Gate

MAX_NAME = 40
"""Longest variable name made from a label."""
SCRIPT_NAMES = frozenset({"np", "json", "NAMES", "values", "grads", "wire_grads",
                          "report", "number", "shape"})
"""Names the script itself uses; no node may take them."""
_TAKEN = SCRIPT_NAMES | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) \
    | frozenset(dir(builtins))
_GREEK = re.compile(r"GREEK (SMALL|CAPITAL) LETTER (\w+)")

__all__ = ["backward_lines", "identifier", "to_python", "variable_names"]


# ----- names ---------------------------------------------------------------------------------
def identifier(text: str | None) -> str:
    """``text`` as an ASCII Python identifier, or "" when nothing usable is left.

    >>> identifier("w₀"), identifier("σ(x)"), identifier("x + y"), identifier("日本")
    ('w0', 'sigma_x', 'x_y', '')
    """
    if not text:
        return ""
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if ch.isascii():
            out.append(ch if ch.isalnum() or ch == "_" else "_")
        elif not unicodedata.combining(ch):
            m = _GREEK.fullmatch(unicodedata.name(ch, ""))
            word = m.group(2).lower() if m else ""
            out.append(f"_{word.capitalize() if m and m.group(1) == 'CAPITAL' else word}_")
    name = re.sub("_+", "_", "".join(out)).strip("_")[:MAX_NAME].rstrip("_")
    return "" if name[:1].isdigit() else name


def variable_names(circuit: Circuit, order: Iterable[str]) -> dict[str, str]:
    """{node id: its variable}, from the label, else the id, else ``node``; unique, never
    a keyword, builtin or script name, and ``d`` + name free for its gradient too."""
    used: set[str] = set()
    out: dict[str, str] = {}
    for nid in order:
        label = circuit.node(nid).label
        base = identifier(label) or identifier(nid) or "node"
        name, k = base, 2
        while not (_free(name, used) and _free("d" + name, used)):
            name, k = f"{base}_{k}", k + 1
        used.update((name, "d" + name))
        out[nid] = name
    return out


def _free(name: str, used: set[str]) -> bool:
    return name not in used and name not in _TAKEN


class _Temps:
    """Fresh names for the gradients of forked wires, clear of every node's names."""

    def __init__(self, names: dict[str, str]) -> None:
        self.used = set(names.values()) | {"d" + n for n in names.values()}

    def new(self, base: str) -> str:
        name, k = base, 2
        while not _free(name, self.used):
            name, k = f"{base}_{k}", k + 1
        self.used.add(name)
        return name


# ----- the script ------------------------------------------------------------------------------
def to_python(circuit: Circuit) -> str:
    """The staged forward and backward pass of ``circuit`` as a standalone numpy script
    that prints what ``chainwire eval --json`` prints."""
    s = _Script(circuit)
    lines = [*_HEADER, "", "# inputs"]
    lines += s.inputs()
    lines += ["", "# forward pass: one line per gate, inputs to f"]
    lines += s.forward()
    lines += ["", "# backward pass: from f back to the inputs, one line per wire"]
    lines += s.backward()
    lines += ["", "", *_REPORT, "", ""]
    lines += s.report_data()
    lines += ["report(values, grads, wire_grads)", ""]
    return "\n".join(lines)


def backward_lines(circuit: Circuit) -> str:
    """Only the backward pass of ``to_python`` (for docs and tests)."""
    return "\n".join(_Script(circuit).backward())


class _Script:
    """One circuit's evaluation, names and plan, read once by every section."""

    def __init__(self, circuit: Circuit) -> None:
        self.c = circuit
        self.plan = plan = Plan(circuit)
        self.ev: Evaluation = plan.run(*plan.gather(circuit))
        self.names = variable_names(circuit, plan.ids)
        self.ops = {op.slot: op for op in plan.forward_ops}
        self.wire_grads: list[str] | None = None  # filled by ``backward``

    def _args(self, op) -> list[str]:
        ids = self.plan.ids
        return [self.names[ids[j]] for j in op.ins]

    def _shapes(self, op) -> list[tuple[int, ...]]:
        """The shapes of ``op``'s inputs: all defined, since callers refuse circuits with
        shape problems first (``codegen_cli``)."""
        ids = self.plan.ids
        shapes = []
        for j in op.ins:
            shape = self.ev.shape(ids[j])
            if shape is None:
                raise ValueError(f"{ids[j]!r} is undefined: a circuit whose shapes do not fit "
                                 "has no code")
            shapes.append(shape)
        return shapes

    def _param(self, nid: str) -> float | None:
        return self.c.node(nid).param

    def inputs(self) -> list[str]:
        return [f"{self.names[n]} = {_literal(self.ev.raw_value(n))}"
                for n in self.plan.ids if self.c.type_of(n) == "input"]

    def forward(self) -> list[str]:
        out = []
        for slot, nid in enumerate(self.plan.ids):
            if self.c.type_of(nid) == "input":
                continue
            op = self.ops.get(slot)
            if op is None or self.ev.raw_value(nid) is None:
                out.append(f"{self.names[nid]} = None  # no value: an open port, or shapes "
                           "that do not fit")
                continue
            code = op.gate.code_forward(self._args(op), self._param(nid), self._shapes(op))
            out.append(f"{self.names[nid]} = {code}  # {op.gate.name}")
        return out or ["# (no gates)"]

    def backward(self) -> list[str]:
        ev, plan, names = self.ev, self.plan, self.names
        ids, wires = plan.ids, plan.wires
        self.wire_grads = ["None"] * len(wires)
        if ev.output is None:
            return ["# no gradients: the circuit has no output f (chainwire eval says why)"]
        ops = plan.backward_ops
        forks = Counter(j for op in ops for j in op.ins)
        f = ev.output
        fname = names[f]
        seed = "np.ones_like(" + fname + ")  # the gradients of sum(f)" if ev.output_summed \
            else "np.float64(1.0)  # df/df = 1"
        out = [f"d{fname} = {seed}"]
        for slot, nid in enumerate(ids):
            v, n = ev.raw_value(nid), forks[slot]
            if nid == f or n == 1:
                continue
            zero = "None" if v is None else _zero(names[nid], v)
            why = ("forks: its wires' gradients add up" if n else "does not reach f") \
                if v is not None else "has no value"
            out.append(f"d{names[nid]} = {zero}  # {names[nid]} {why}")
        temps = _Temps(names)
        for op in ops:
            nid = ids[op.slot]
            args = self._args(op)
            c = self._param(nid)
            shapes = self._shapes(op)
            out.append(f"# {names[nid]} = {op.gate.code_forward(args, c, shapes)}")
            grads = op.gate.code_backward(args, names[nid], "d" + names[nid], c, shapes)
            for port, (j, wi, g) in enumerate(zip(op.ins, op.wires, grads, strict=True)):
                src = names[ids[j]]
                why = _why(op.gate, port, args, names[nid])
                if forks[j] == 1:
                    out.append(f"d{src} = {g}  # {why}")
                    self.wire_grads[wi] = "d" + src
                else:
                    t = temps.new(f"d{src}_{names[nid]}")
                    out += [f"{t} = {g}  # {why}", f"d{src} += {t}  # forks add up"]
                    self.wire_grads[wi] = t
        for wi, w in enumerate(wires):  # wires into gates that do not reach f: 0
            if self.wire_grads[wi] == "None" and ev.raw_value(w.dst) is not None:
                self.wire_grads[wi] = _zero(names[w.src], ev.raw_value(w.src))
        return out

    def report_data(self) -> list[str]:
        """The lists ``report`` reads, and the names (ids, types, labels) as JSON text."""
        if self.wire_grads is None:
            self.backward()
        c, names, ev = self.c, self.names, self.ev
        nodes = list(c.nodes())
        meta = {"output": ev.output, "nodes": [[n.id, n.type, n.label] for n in nodes],
                "wires": [[w.src, w.dst, w.port] for w in self.plan.wires]}
        text = json.dumps(meta, ensure_ascii=True, separators=(",", ":"))
        have_grads = ev.output is not None
        return [
            f"NAMES = json.loads({text!r})  # ids, types and labels: text, never code",
            *_listing("values", [names[n.id] for n in nodes]),
            *_listing("grads", [("d" + names[n.id]) if have_grads else "None"
                                for n in nodes]),
            *_listing("wire_grads", self.wire_grads or []),
        ]


def _why(gate: Gate, port: int, args: list[str], out: str) -> str:
    """The comment of a backward line: the notes' pattern, else the local gradient."""
    if gate.pattern:
        return f"{gate.name} {gate.pattern}"
    if gate.elementwise:
        return f"{gate.name}: local gradient {gate.local_text}"
    return f"{gate.name}: {gate.grad_text(port, args, out)}"


def _zero(name: str, v) -> str:
    return f"np.zeros_like({name})" if isinstance(v, np.ndarray) else "0.0"


def _literal(v) -> str:
    """An input's value as code: ``np.float64(-2.0)`` or ``np.array([[1.0, 2.0], ...])``
    (floats written by ``repr``, which reads back bit for bit)."""
    if not isinstance(v, np.ndarray):
        return f"np.float64({float(v)!r})"
    if v.ndim == 1:
        return "np.array(" + _row(v) + ")"
    rows = ",\n".join("    " + _row(r) for r in v)
    return "np.array([\n" + rows + ",\n])"


def _row(r: np.ndarray) -> str:
    return "[" + ", ".join(repr(float(x)) for x in r) + "]"


def _listing(name: str, items: list[str], width: int = 92) -> list[str]:
    """``name = [a, b, ...]`` wrapped to lines of about ``width`` characters."""
    if not items:
        return [f"{name} = []"]
    lines, line = [f"{name} = ["], "   "
    for item in items:
        if len(line) + len(item) + 2 > width and line.strip():
            lines.append(line.rstrip())
            line = "   "
        line += f" {item},"
    lines += [line.rstrip(), "]"]
    return lines


_HEADER = [
    '"""The forward and backward pass of a Chainwire circuit, staged as in the cs231n notes.',
    "",
    "Written by Chainwire (chainwire code). It needs only numpy; run it to print every",
    "value and gradient as `chainwire eval --json` prints them.",
    '"""',
    "",
    "import json",
    "",
    "import numpy as np",
    "",
    'np.seterr(all="ignore")  # inf and NaN are values here, not errors, as in Chainwire',
]

_REPORT = [
    "def number(v):",
    '    """A value as JSON: NaN and infinities as text, an array as nested lists."""',
    "    if v is None:",
    "        return None",
    "    if np.ndim(v):",
    "        return [number(e) for e in v]",
    "    v = float(v)",
    "    if np.isnan(v):",
    '        return "nan"',
    "    if np.isinf(v):",
    '        return "inf" if v > 0 else "-inf"',
    "    return v",
    "",
    "",
    "def shape(v):",
    '    """A value\'s shape as a list ([] for a number), None when it has no value."""',
    "    return None if v is None else list(np.shape(v))",
    "",
    "",
    "def report(values, grads, wire_grads):",
    '    """Print every node (file order) and wire (evaluation order) with its value and',
    '    gradient, as `chainwire eval --json` prints them."""',
    '    ids = [node[0] for node in NAMES["nodes"]]',
    "    value_of = dict(zip(ids, values))",
    "    nodes = {}",
    '    for (nid, kind, label), v, g in zip(NAMES["nodes"], values, grads):',
    '        nodes[nid] = {"type": kind, "label": label, "shape": shape(v),',
    '                      "value": number(v), "grad": number(g)}',
    '    wires = [{"from": a, "to": b, "port": p, "value": number(value_of[a]),',
    '              "grad": number(g)} for (a, b, p), g in zip(NAMES["wires"], wire_grads)]',
    '    print(json.dumps({"output": NAMES["output"], "nodes": nodes, "wires": wires},',
    "                     indent=2))",
]
