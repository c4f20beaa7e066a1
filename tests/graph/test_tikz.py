"""TikZ export: the picture's content, escaping, steps, and that pdflatex compiles it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.steps import build_steps
from chainwire.graph.tikz import escape, name_tex, number_tex, render_tex, symbol_tex, to_tikz

EXAMPLES = sorted((Path(__file__).parents[2] / "resources" / "examples").glob("*.chainwire"))
PDFLATEX = shutil.which("pdflatex")


def first_example():
    c = parse("(x + y) * z")
    for k, v in (("x", -2.0), ("y", 5.0), ("z", -4.0)):
        c.set_value(k, v)
    return c


def values_and_grads(tex: str) -> tuple[list[str], list[str]]:
    return (re.findall(r"node\[cw value\] \{(.*?)\}(?= |;)", tex),
            re.findall(r"node\[cw grad\] \{(.*?)\};", tex))


# ----- pieces ------------------------------------------------------------------------

@pytest.mark.parametrize("text, tex", [
    ("plain", "plain"), ("a_b", r"a\_b"), ("50%", r"50\%"), ("#1 & $2", r"\#1 \& \$2"),
    ("{x}", r"\{x\}"), ("~^\\", r"\textasciitilde{}\textasciicircum{}\textbackslash{}"),
    ("σ·2", r"$\sigma$$\cdot$2"), ("café", "café"), ("日本", "??"), ("a\nb", "a?b"),
])
def test_escape(text, tex):
    assert escape(text) == tex


def test_names_numbers_and_symbols():
    assert [name_tex(n) for n in ("x", "w0", "W12", "dot", "x_1")] == [
        "$x$", "$w_{0}$", "$W_{12}$", "dot", r"x\_1"]
    assert [number_tex(v, 2) for v in (-4.0, 3.14159, -0.001, None)] == [
        "$-4.00$", "$3.14$", "$0.00$", "?"]
    assert number_tex(float("inf"), 2) == r"$\infty$"
    assert number_tex(float("-inf"), 2) == r"$-\infty$"
    assert number_tex(float("nan"), 2) == "NaN"
    assert [symbol_tex(t, p) for t, p in (("add", None), ("multiply", None), ("max", None),
                                          ("sigmoid", None), ("scale", -1.0), ("scale", 2.0),
                                          ("offset", 1.0), ("offset", -3.0))] == [
        "$+$", r"$\times$", r"$\max$", r"$\sigma$", r"$\cdot(-1)$", r"$\cdot2$", "$+1$",
        "$-3$"]
    assert [symbol_tex(t, None) for t in ("matmul", "sum", "transpose", "relu")] == [
        "$@$", r"$\Sigma$", r"$x^{\top}$", r"$\mathrm{relu}$"]


# ----- the picture -------------------------------------------------------------------

def test_the_first_example_as_the_notes_draw_it():
    tex = to_tikz(first_example())
    assert "\\documentclass[tikz]{standalone}" in tex and tex.endswith("\\end{document}\n")
    assert tex.count("\\node[") == 5  # three inputs, two gates
    assert tex.count("\\draw[cw wire]") == 5  # four wires and f's stub
    values, grads = values_and_grads(tex)
    # wires in the circuit's order (x, y into add; then add, z into multiply), then f
    assert sorted(values) == sorted(["$-2.00$", "$5.00$", "$3.00$", "$-4.00$", "$-12.00$"])
    assert sorted(grads) == sorted(["$-4.00$", "$-4.00$", "$-4.00$", "$3.00$", "$1.00$"])
    assert "cwvalue}{HTML}{1B7A2A" in tex and "cwgrad}{HTML}{C0182B" in tex
    assert "cw output" in tex and r"{$\times$}" in tex and "{$x$}" in tex


def test_decimals_and_colour_blind_colours():
    tex = to_tikz(first_example(), decimals=0, colorblind=True)
    assert "{$-12$}" in tex and "cwvalue}{HTML}{0072B2" in tex


def test_without_an_output_there_are_values_but_no_gradients():
    c = parse("x * y")
    c.add_node("input", "z", value=2.0)
    c.set_output(None)
    values, grads = values_and_grads(to_tikz(c))
    assert len(values) == 2 and grads == []


def test_labels_are_escaped_in_the_document():
    c = parse("x * y")
    c.set_label("x", "50% & {cost}")
    c.set_label("multiply1", "a_b")
    tex = to_tikz(c)
    assert r"{50\% \& \{cost\}}" in tex and r"above:{a\_b}" in tex


def test_a_step_shows_what_is_revealed_so_far():
    c = first_example()
    seq = build_steps(c, evaluate(c))
    start = to_tikz(c, step=0)
    values, grads = values_and_grads(start)
    assert len(values) == 3 and grads == []  # the inputs' wires only
    after_forward = to_tikz(c, step=2)
    values, grads = values_and_grads(after_forward)
    assert len(values) == 5 and grads == []
    assert "cw current" in after_forward.split("\\begin{tikzpicture}")[1].split(
        "cw current/.style")[1]
    last = to_tikz(c, step=-1)
    assert to_tikz(c, step=len(seq) - 1) == last
    assert len(values_and_grads(last)[1]) == 5
    with pytest.raises(ValueError, match="step 5 is out of range: this circuit has steps 0 to 4"):
        to_tikz(c, step=5)
    with pytest.raises(ValueError):
        to_tikz(c, step=-6)


def test_render_tex_writes_the_file(tmp_path):
    out = tmp_path / "neuron.tex"
    assert render_tex(str(EXAMPLES[0]), str(out), step=1) == str(out)
    assert out.read_text(encoding="utf-8").startswith("% ")
    with pytest.raises(ValueError, match="--decimals"):
        render_tex(str(EXAMPLES[0]), str(out), decimals=9)
    with pytest.raises(OSError):
        render_tex(str(tmp_path / "missing.chainwire"), str(out))


# ----- it compiles --------------------------------------------------------------------

def _compile(tmp_path: Path, name: str, tex: str) -> Path:
    src = tmp_path / f"{name}.tex"
    src.write_text(tex, encoding="utf-8")
    r = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", src.name],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-2000:]
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.stat().st_size > 1000
    if shutil.which("pdfinfo"):  # one page: the picture fits the page made for it
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), info
    return pdf


@pytest.mark.skipif(PDFLATEX is None, reason="no pdflatex (TeX) installed here")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_compiles_with_pdflatex(tmp_path, path):
    _compile(tmp_path, path.stem, to_tikz(fileio.load(path)))


@pytest.mark.skipif(PDFLATEX is None, reason="no pdflatex (TeX) installed here")
def test_awkward_labels_a_step_and_an_empty_circuit_compile(tmp_path):
    c = parse("2*a_b + (x - 3)/y + max(0, z)")
    c.set_label("x", "50% & {σ} #日 \\ ~^$ \"q\" <>|")
    _compile(tmp_path, "awkward", to_tikz(c, step=4))
    _compile(tmp_path, "empty", to_tikz(Circuit()))


# ----- arrays ------------------------------------------------------------------------

W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def test_array_labels_show_the_shape_and_a_preview():
    c = parse("x * y + w * 2")
    c.set_value("x", np.array([1.0, -2.0]))
    c.set_value("y", 3.0)
    c.set_value("w", np.ones((3, 4)))
    c.set_output(None)  # x·y and 2w do not add up: no output, values only
    values, grads = values_and_grads(to_tikz(c))
    assert r"$(2)\ [1.00\ \ {-}2.00]$" in values and grads == []
    assert r"$(3{\times}4)\ [1.00\ \ldots\ 1.00]$" in values


def test_a_small_matrix_is_set_row_by_row_and_the_page_makes_room():
    assert number_tex(np.array([[1.0, -2.0], [3.0, 4.5]]), 2) == (
        r"$(2{\times}2)$\\$[1.00\ \ {-}2.00]$\\$[3.00\ \ \phantom{0}4.50]$")
    assert number_tex(np.array([np.nan, np.inf]), 1) == r"$(2)\ [\mathrm{NaN}\ \ \infty]$"
    c = parse("sum(W @ X)")
    c.set_value("W", W)
    c.set_value("X", X)
    tall = to_tikz(c)
    c.set_value("W", np.ones((2, 5)))
    c.set_value("X", np.ones((5, 2)))  # the 2×2 product, but W and X now on one line

    def box_height(tex: str) -> float:
        y0, y1 = re.search(r"useasboundingbox \([-\d.]+,([-\d.]+)\) rectangle "
                           r"\([-\d.]+,([-\d.]+)\)", tex).groups()
        return float(y1) - float(y0)

    assert box_height(tall) > box_height(to_tikz(c))  # W (2×3) and X (3×2): 3 lines each
    assert "align=center" in tall


@pytest.mark.skipif(PDFLATEX is None, reason="no pdflatex (TeX) installed here")
def test_array_circuits_compile_and_show_their_numbers(tmp_path):
    c = parse("sum(relu(W @ X + b))")
    c.set_value("W", W)
    c.set_value("X", X)
    c.set_value("b", np.array([-30.0, 0.5]))
    pdf = _compile(tmp_path, "layer", to_tikz(c))
    c.set_value("X", np.ones((3, 7)))
    _compile(tmp_path, "wide", to_tikz(c, step=-1))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "(2×3)" in text and "(3×2)" in text and "[22.00" in text


def _node_positions(tex: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in
            re.findall(r"\\node\[[^\n]*?\] \(n\d+\) at \(([-\d.]+),([-\d.]+)\)", tex)]


def test_nodes_move_apart_only_where_array_labels_need_room():
    from chainwire.graph.tikz import CM_PER_PX

    roomy = fileio.load(EXAMPLES[[p.stem for p in EXAMPLES].index("matmul-wx")])
    assert _node_positions(to_tikz(roomy)) == [
        (pytest.approx(x * CM_PER_PX, abs=1e-3), pytest.approx(-y * CM_PER_PX, abs=1e-3))
        for x, y in (roomy.node(n).pos for n in roomy.node_ids())]
    tight = parse("sum(W @ X)")  # laid out for the numbers 1.0 its inputs started with
    tight.set_value("W", W)
    tight.set_value("X", X)
    (wx, wy), (xx, xy_), *_ = _node_positions(to_tikz(tight))
    gap = abs(tight.node("W").pos[1] - tight.node("X").pos[1]) * CM_PER_PX
    assert wx == xx and abs(wy - xy_) >= 2 * 3 * 0.45 > gap  # three lines above, three below
