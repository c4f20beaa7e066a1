r"""A circuit as a standalone TikZ picture, for teachers' notes and slides.

``to_tikz(circuit)`` writes a LaTeX document (``\documentclass[tikz]{standalone}``) that
draws the circuit as the cs231n notes do: gates as circles with their symbol, inputs as
rounded boxes, and on every wire its value above (green, upright) and its gradient below
(red, italic); an array shows its shape and a preview, as the editor's labels do
(``numbers.format_value``). With ``step`` the picture shows the step-through at that position
(``graph.steps``): only the numbers revealed so far, the current gate ringed.

Positions are the editor's (scene pixels, y down, ``graph.geometry`` sizes) scaled to
centimetres; the bounding box is fixed, so the page is exactly the picture. Teachers
with a minimal TeX install lack the ``standalone`` class: the document then falls back to
an ``article`` page of the picture's size, so it still compiles with plain pdflatex.
Labels are escaped (``\ # $ % & _ { } ~ ^``); names like ``w0`` are set as ``$w_{0}$``;
characters pdflatex cannot set become ``?``. Nothing here imports Qt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from itertools import pairwise

import numpy as np

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit, Wire
from chainwire.graph.errors import ChainwireError, coded
from chainwire.graph.evaluate import Evaluation, evaluate
from chainwire.graph.fileio.atomic import write_atomic
from chainwire.graph.gates import GATES, format_constant
from chainwire.graph.geometry import node_size, out_port_offset, port_offsets
from chainwire.graph.numbers import FIGURE_SPACE, format_number, format_value
from chainwire.graph.shapes import Value
from chainwire.graph.steps import build_steps

CM_PER_PX = 1 / 60
"""Scene pixels to centimetres: a column (230 px) is 3.8 cm, a gate 1 cm across."""
MARGIN = 0.9
"""Room (cm) around the nodes for labels, names and the output stub."""
LINE = 0.45
"""Height (cm) of one more line of a label (a small matrix shows a row per line)."""
CHAR = 0.19
"""Width (cm) of one character of a label, roughly (small digits, some room)."""
ROW_ROOM, COLUMN_ROOM = 0.4, 0.8
"""Room (cm) between array labels of neighbouring wires: down, across (beside gates)."""
SLACK = 0.01
"""Paper (cm) beyond the picture: TeX's and TikZ's rounding must not push it onto a
second page of the fallback ``article`` document."""
STUB = 1.6
"""Length (cm) of the output's stub wire, which carries f and df/df = 1."""
COLOURS = {False: ("1B7A2A", "C0182B"), True: ("0072B2", "B34700")}
"""(value, gradient) colours: the light theme's, or Okabe–Ito when colour-blind-safe."""

_SPECIAL = {"\\": r"\textbackslash{}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
            "|": r"\textbar{}", "\"": "''"}
_GREEK = dict(zip("αβγδεζηθικλμνξπρστυφχψωΔΘΛΞΠΣΦΨΩ",
                  r"\alpha \beta \gamma \delta \epsilon \zeta \eta \theta \iota \kappa "
                  r"\lambda \mu \nu \xi \pi \rho \sigma \tau \upsilon \phi \chi \psi \omega "
                  r"\Delta \Theta \Lambda \Xi \Pi \Sigma \Phi \Psi \Omega".split(), strict=True))
_MATH = {**_GREEK, "×": r"\times", "·": r"\cdot", "−": "-", "²": "^2", "³": "^3",
         "∂": r"\partial", "∞": r"\infty", "≤": r"\leq", "≥": r"\geq", "÷": r"\div"}
_NAME = re.compile(r"([A-Za-z])(\d+)?")
_SYMBOLS = {"add": "+", "multiply": r"\times", "max": r"\max", "sigmoid": r"\sigma",
            "exp": r"\exp", "reciprocal": "1/x", "square": "x^2", "matmul": "@",
            "sum": r"\Sigma", "transpose": r"x^{\top}", "relu": r"\mathrm{relu}"}


def escape(text: str) -> str:
    r"""``text`` as LaTeX text that pdflatex sets as is.

    >>> escape("50% of a_b & {c}"), escape("σ(x)·2"), escape("日")
    ('50\\% of a\\_b \\& \\{c\\}', '$\\sigma$(x)$\\cdot$2', '?')
    """
    out = []
    for ch in text:
        if ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ch in _MATH:
            out.append(f"${_MATH[ch]}$")
        elif ch.isprintable() and (ord(ch) < 128 or ("À" <= ch <= "ÿ" and ch.isalpha())):
            out.append(ch)
        else:
            out.append("?")
    return "".join(out)


def name_tex(label: str) -> str:
    """A node's name: ``x`` and ``w0`` as maths (x, w₀), anything else as escaped text.

    >>> name_tex("w0"), name_tex("x"), name_tex("bias term")
    ('$w_{0}$', '$x$', 'bias term')
    """
    m = _NAME.fullmatch(label)
    if m:
        return f"${m[1]}_{{{m[2]}}}$" if m[2] else f"${m[1]}$"
    return escape(label)


def number_tex(v, decimals: int) -> str:
    r"""A wire number in maths (a real minus sign); undefined is ``?``. An array is what
    the one formatter (``numbers.format_value``) makes of it, its shape and a preview: a
    small matrix row by row on lines of its own (``\\``), larger arrays on one line.

    >>> import numpy as np
    >>> number_tex(np.array([1.0, -2.0]), 1), number_tex(np.zeros((3, 4)), 2)
    ('$(2)\\ [1.0\\ \\ {-}2.0]$', '$(3{\\times}4)\\ [0.00\\ \\ldots\\ 0.00]$')
    >>> number_tex(np.eye(2), 0)
    '$(2{\\times}2)$\\\\$[1\\ \\ 0]$\\\\$[0\\ \\ 1]$'
    """
    if v is not None and np.ndim(v) > 0:
        text = format_value(np.asarray(v, dtype=float), decimals)
        return "\\\\".join(f"${_ARRAY_WORD.sub(_array_word, line).translate(_ARRAY_TEX)}$"
                           for line in text.split("\n"))
    text = format_number(v, decimals)
    if text in ("inf", "-inf"):
        return "$-\\infty$" if text.startswith("-") else "$\\infty$"
    if text[:1] == "-" or text[:1].isdigit():
        return f"${text}$"
    return escape(text)


_ARRAY_WORD = re.compile(r"NaN|inf|\?")
_ARRAY_TEX = str.maketrans({"×": "{\\times}", "…": "\\ldots", " ": "\\ ",
                            FIGURE_SPACE: "\\phantom{0}", "-": "{-}", "+": "{+}"})
"""Maths for a preview's characters; a sign in braces is a sign, not a binary operator
(which TeX would space out after ``\\ ``)."""


def _array_word(m: re.Match) -> str:
    """The words an array preview may hold, as maths."""
    return {"NaN": "\\mathrm{NaN}", "inf": "\\infty", "?": "{?}"}[m[0]]


def _wire_numbers(circuit: Circuit, ev: Evaluation) -> list:
    """Every value and gradient a wire label may show (the output's stub too)."""
    output = ev.output
    out = [ev.raw_value(w.src) for w in circuit.wires()]
    if output is not None:
        out += [ev.raw_wire_grad(w) for w in circuit.wires()]
        out += [ev.raw_value(output), ev.raw_grad(output)]
    return out


def _spread(xy: dict, numbers: list, decimals: int) -> tuple[float, float, int]:
    """(cm per scene pixel across, and down; the most lines a label takes): where the
    nodes stand closer than array labels need (a column's stacked nodes, for a matrix's
    lines above and below each wire; neighbouring columns, for a long preview), the
    picture is stretched until they fit. CM_PER_PX when they fit already (numbers only,
    or a layout that made room for the arrays)."""
    texts = [format_value(v, decimals) for v in numbers if v is not None and np.ndim(v)]
    if not texts:
        return CM_PER_PX, CM_PER_PX, 1
    lines = max(t.count("\n") + 1 for t in texts)
    chars = max(len(line) for t in texts for line in t.split("\n"))
    columns: dict[float, list[float]] = {}
    for x, y in xy.values():
        columns.setdefault(round(x), []).append(y)
    down_gap = min((_closest(ys) for ys in columns.values()), default=math.inf)
    down = (2 * lines * LINE + ROW_ROOM) / (down_gap * CM_PER_PX)
    across = (chars * CHAR + COLUMN_ROOM) / (_closest(list(columns)) * CM_PER_PX)
    return CM_PER_PX * max(1.0, across), CM_PER_PX * max(1.0, down), lines


def _closest(values: list[float]) -> float:
    """The smallest positive distance between ``values`` (inf when there is none)."""
    ordered = sorted(set(values))
    return min((b - a for a, b in pairwise(ordered)), default=math.inf)


def symbol_tex(type_: str, param: float | None) -> str:
    """The symbol drawn in a gate (``scale`` and ``offset`` show their constant)."""
    if type_ == "scale":
        c = 1.0 if param is None else param
        return f"$\\cdot{format_constant(c)}$" if c >= 0 else f"$\\cdot({format_constant(c)})$"
    if type_ == "offset":
        c = 0.0 if param is None else param
        return f"${'+' if c >= 0 else '-'}{format_constant(abs(c))}$"
    if type_ in _SYMBOLS:
        return f"${_SYMBOLS[type_]}$"
    gate = GATES.get(type_)
    return escape(gate.display_symbol(param) if gate is not None else type_)


TEX_MOST_CM = 575
"""TeX's largest dimension is 16383.99 pt (575.8 cm): a wider page or coordinate stops
pdflatex with "Dimension too large", so such a picture is refused before it is written."""


class TooLargeForTeX(ChainwireError):
    """The picture cannot be set by TeX at all (SVG or PDF can draw it)."""


def _cm(x: float) -> str:
    v = round(x, 3)
    return "0" if v == 0 else f"{v:g}"


def to_tikz(circuit: Circuit, evaluation: Evaluation | None = None, *,
            step: int | None = None, decimals: int = 2, colorblind: bool = False) -> str:
    """The LaTeX document of ``circuit`` (evaluated unless ``evaluation`` is given).

    ``step`` shows that position of the step-through (negative counts from the end);
    a step outside the sequence raises ``ValueError``.
    """
    ev = evaluation if evaluation is not None else evaluate(circuit)
    shown_values: Iterable | None = None
    shown_grads: Iterable | None = None
    current = None
    if step is not None:
        seq = build_steps(circuit, ev, decimals)
        n = len(seq)
        pos = step + n if step < 0 else step
        if not 0 <= pos < n:
            raise ValueError(f"step {step} is out of range: this circuit has steps 0 to "
                             f"{n - 1}")
        s = seq[pos]
        shown_values, shown_grads, current, step = s.values, s.grads, s.node, pos
    values = None if shown_values is None else set(shown_values)
    grads = None if shown_grads is None else set(shown_grads)

    ids = circuit.node_ids()
    name = {nid: f"n{i}" for i, nid in enumerate(ids)}
    size = {nid: node_size(circuit, nid) for nid in ids}
    xy = {nid: circuit.node(nid).pos for nid in ids}
    kx, ky, lines = _spread(xy, _wire_numbers(circuit, ev), decimals)

    def place(nid: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
        """Centimetres: the node's centre (spread for array labels) plus an offset in
        scene pixels (not spread: ports stay on their node)."""
        x, y = xy[nid]
        return x * kx + dx * CM_PER_PX, -(y * ky + dy * CM_PER_PX)

    def at(p: tuple[float, float]) -> str:
        return f"({_cm(p[0])},{_cm(p[1])})"

    body: list[str] = []
    for nid in ids:
        d = circuit.node(nid)
        width, height = size[nid]
        opts = []
        if nid == ev.output:
            opts.append("cw output")
        if nid == current:
            opts.append("cw current")
        if d.type == "input":
            style = ["cw input", f"minimum width={_cm(width * CM_PER_PX)}cm",
                     f"minimum height={_cm(height * CM_PER_PX)}cm"]
            text = name_tex(d.label or d.id)
        else:
            style = ["cw gate", f"minimum size={_cm(width * CM_PER_PX)}cm"]
            text = symbol_tex(d.type, d.param)
            if d.label:
                style.append(f"label={{[cw name]above:{{{name_tex(d.label)}}}}}")
        body.append(f"  \\node[{', '.join(style + opts)}] ({name[nid]}) at {at(place(nid))} "
                    f"{{{text}}};")

    def labels(key: Wire | None, value: Value | None, grad: Value | None) -> str:
        parts = []
        if values is None or key in values:
            parts.append(f"node[cw value] {{{number_tex(value, decimals)}}}")
        if ev.output is not None and (grads is None or key in grads):
            parts.append(f"node[cw grad] {{{number_tex(grad, decimals)}}}")
        return " ".join(parts)

    for w in circuit.wires():
        ox, oy = out_port_offset(*size[w.src])
        ix, iy = port_offsets(circuit, w.dst, size[w.dst]).get(w.port, (-size[w.dst][0] / 2, 0))
        a, b = place(w.src, ox, oy), place(w.dst, ix, iy)
        bend = max(20.0 * CM_PER_PX, (b[0] - a[0]) / 2)
        val = ev.raw_value(w.src)
        grad = ev.raw_wire_grad(w) if ev.output is not None else None
        body.append(f"  \\draw[cw wire] {at(a)} .. controls {at((a[0] + bend, a[1]))} and "
                    f"{at((b[0] - bend, b[1]))} .. {at(b)} {labels(w, val, grad)};")
    right = max((place(n, size[n][0] / 2)[0] for n in ids), default=0.0)
    if ev.output is not None:
        start, y = place(ev.output, size[ev.output][0] / 2)
        stub = [ev.raw_value(ev.output), ev.raw_grad(ev.output)]
        # its labels are centred 40 % along the stub: room for a long array preview
        half = max(len(format_value(v, decimals, lines=False)) for v in stub) * CHAR / 2
        right = max(right, start + STUB, start + 0.4 * STUB + half - MARGIN)
        body.append(f"  \\draw[cw wire] {at((start, y))} -- {at((start + STUB, y))} "
                    f"{labels(None, *stub)};")
    left = min((place(n, -size[n][0] / 2)[0] for n in ids), default=0.0)
    top = max((place(n, 0.0, -size[n][1] / 2)[1] for n in ids), default=0.0)
    bottom = min((place(n, 0.0, size[n][1] / 2)[1] for n in ids), default=0.0)
    extra = LINE * (lines - 1)  # a matrix's rows above the top wire, below the bottom one
    box = (left - MARGIN, bottom - MARGIN - extra, right + MARGIN, top + MARGIN + extra)
    width, height = box[2] - box[0], box[3] - box[1]
    if max(width, height, *(abs(v) for v in box)) > TEX_MOST_CM:
        raise coded(TooLargeForTeX, "tikz_too_large", width=f"{width:,.0f}",
                    height=f"{height:,.0f}", most=TEX_MOST_CM)
    return _document(circuit, box, body, colorblind, step)


def _document(circuit: Circuit, box: tuple[float, float, float, float], body: list[str],
              colorblind: bool, step: int | None) -> str:
    x0, y0, x1, y1 = (float(_cm(v)) for v in box)  # the page fits the box as written
    value, grad = COLOURS[colorblind]
    title = " ".join((circuit.title or "a Chainwire circuit").split())
    head = [
        f"% {title}: made by Chainwire"
        + (f" at step {step}" if step is not None else ""),
        "% values above the wires (green), gradients below (red)",
        "\\IfFileExists{standalone.cls}{%",
        "  \\documentclass[tikz]{standalone}%",
        "}{% no standalone class (a minimal TeX install): a page of the picture's size",
        "  \\documentclass{article}%",
        f"  \\usepackage[paperwidth={_cm(x1 - x0 + SLACK)}cm,"
        f"paperheight={_cm(y1 - y0 + SLACK)}cm,"
        "margin=0pt]{geometry}%",
        "  \\usepackage{tikz}\\pagestyle{empty}\\setlength{\\parindent}{0pt}%",
        "  \\setlength{\\topskip}{0pt}\\setlength{\\parskip}{0pt}%",
        "}",
        f"\\definecolor{{cwvalue}}{{HTML}}{{{value}}}",
        f"\\definecolor{{cwgrad}}{{HTML}}{{{grad}}}",
        "\\definecolor{cwoutput}{HTML}{1F5FBF}",
        "\\definecolor{cwcurrent}{HTML}{FFD54F}",
        "\\begin{document}",
        "\\begin{tikzpicture}[font=\\small,",
        "  cw gate/.style={circle, draw, thick, fill=white, inner sep=1pt},",
        "  cw input/.style={rounded corners=6pt, draw, thick, fill=blue!3, inner sep=2pt},",
        "  cw output/.style={double, draw=cwoutput, double distance=1.2pt},",
        "  cw current/.style={fill=cwcurrent},",
        "  cw name/.style={font=\\footnotesize\\itshape, text=black!60},",
        "  cw wire/.style={->, >=stealth, semithick, black!80},",
        "  cw label/.style={pos=0.4, inner sep=1.2pt, fill=white, fill opacity=0.8,"
        " text opacity=1, align=center},",
        "  cw value/.style={cw label, above, text=cwvalue, font=\\small\\bfseries},",
        "  cw grad/.style={cw label, below, text=cwgrad, font=\\small\\bfseries\\itshape}]",
        f"  \\useasboundingbox ({_cm(x0)},{_cm(y0)}) rectangle ({_cm(x1)},{_cm(y1)});",
    ]
    return "\n".join([*head, *body, "\\end{tikzpicture}", "\\end{document}", ""])


def render_tex(path: str, out: str, *, step: int | None = None, decimals: int = 2,
               colorblind: bool = False) -> str:
    """``chainwire render FILE -o OUT.tex``: load, draw, write atomically; returns ``out``.

    Raises ``ChainwireError`` (a bad file), ``ValueError`` (a step out of range) or
    ``OSError`` (reading or writing), each with a message for one error line.
    """
    if not 0 <= decimals <= 6:
        raise ValueError(f"--decimals must be between 0 and 6, not {decimals}")
    circuit = fileio.load(path)
    try:
        text = to_tikz(circuit, step=step, decimals=decimals, colorblind=colorblind)
    except ValueError as e:  # the step is out of range: name the option
        raise ValueError(f"--{e}") from None
    write_atomic(out, text.encode("utf-8"))
    return out

