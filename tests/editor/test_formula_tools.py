"""Tools → Check Gradients (table and badges) and File → Export as TikZ, in the window."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QFileDialog

from chainwire.editor.check_dialog import BadgeItem
from chainwire.graph import fileio
from chainwire.graph.expr import parse


def load(window, text: str, **values: float) -> None:
    c = parse(text)
    for k, v in values.items():
        c.set_value(k, v)
    window.doc.replace(c, None)


def table(window) -> list[list[str]]:
    t = window.formula.dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


# ----- gradient check --------------------------------------------------------------------

def test_check_shows_a_table_and_a_badge_per_input(qtbot, window):
    load(window, "(x + y) * z", x=-2.0, y=5.0, z=-4.0)
    before = fileio.dumps(window.doc.circuit)
    window.formula.act_check.trigger()
    d = window.formula.dialog
    assert d.isVisible() and d.windowTitle() == "Check Gradients"
    rows = table(window)
    assert [r[0] for r in rows] == ["x", "y", "z"]
    assert [r[2] for r in rows] == ["-4.000000", "-4.000000", "3.000000"]
    assert [r[5] for r in rows] == ["fine", "fine", "fine"]
    assert d.summary.text() == "All 3 gradients pass the check (f = -12.000000)."
    badges = window.formula.badges.items
    assert set(badges) == {"x", "y", "z"}
    for nid, b in badges.items():
        assert isinstance(b, BadgeItem) and b.verdict == "fine"
        assert b.parentItem() is window.scene.nodes[nid] and b.isVisible()
        assert "analytic" in b.toolTip()
    assert fileio.dumps(window.doc.circuit) == before  # no edit...
    assert window.doc.undo_stack.count() == 0  # ...and no undo step
    assert "all 3 pass" in window.statusBar().currentMessage()


def test_a_kink_is_marked_as_such(qtbot, window):
    load(window, "max(x, y) * z", x=1.0, y=1.0, z=2.0)
    window.formula.check_gradients()
    assert [r[5] for r in table(window)] == ["kink", "kink", "fine"]
    assert {n: b.verdict for n, b in window.formula.badges.items.items()} == {
        "x": "kink", "y": "kink", "z": "fine"}


def test_a_failing_check_says_so(qtbot, window):
    load(window, "1/x", x=0.0)
    assert window.formula.check_gradients() is False
    assert table(window)[0][5] == "not finite"
    assert "1 of 1 failed" in window.statusBar().currentMessage()
    assert window.formula.dialog.summary.text().startswith("1 of 1 gradients failed")


def test_the_next_edit_removes_the_badges_and_dates_the_table(qtbot, window):
    load(window, "x * y", x=2.0, y=3.0)
    window.formula.check_gradients()
    badge = window.formula.badges.items["x"]
    window.controller.set_value_text("x", "5")
    assert window.formula.badges.items == {} and badge.scene() is None
    assert window.formula.dialog.summary.text().startswith("⚠ The circuit changed")
    window.formula.dialog.again.click()
    assert table(window)[1][2] == "5.000000"  # y's gradient is x now
    assert set(window.formula.badges.items) == {"x", "y"}


def test_no_output_is_explained_and_opens_nothing(qtbot, window):
    c = parse("x * y")
    c.add_node("input", "z", value=1.0)
    c.set_output(None)
    window.doc.replace(c, None)
    assert window.formula.check_gradients() is False
    assert window.formula.dialog is None
    assert "no gradients to check" in window.statusBar().currentMessage()


def test_check_is_in_the_tools_menu_with_its_key(qtbot, window):
    tools = window.tools_menu
    assert window.menuBar().actions()[-2] is tools.menuAction()  # just before Help
    assert window.formula.act_check in tools.actions()
    assert window.formula.act_check.shortcut().toString() == "Ctrl+K"


# ----- TikZ -------------------------------------------------------------------------

def test_export_tikz_writes_the_picture(qtbot, window, monkeypatch, tmp_path):
    load(window, "(x + y) * z", x=-2.0, y=5.0, z=-4.0)
    target = tmp_path / "first"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "TikZ picture for LaTeX (*.tex)"))
    assert window.formula.act_tikz in window.file_menu.actions()
    window.formula.act_tikz.trigger()
    tex = (tmp_path / "first.tex").read_text(encoding="utf-8")
    assert "\\documentclass[tikz]{standalone}" in tex and "{$-12.00$}" in tex
    assert "at step" not in tex.splitlines()[0]
    assert "Exported first.tex" in window.statusBar().currentMessage()


def test_export_tikz_while_stepping_shows_that_step(qtbot, window, monkeypatch, tmp_path):
    load(window, "(x + y) * z", x=-2.0, y=5.0, z=-4.0)
    overlay = window.classroom.overlay
    overlay.go(1)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "s.tex"), ""))
    assert window.formula.export_tikz()
    tex = (tmp_path / "s.tex").read_text(encoding="utf-8")
    assert tex.splitlines()[0].endswith("at step 1")
    assert "node[cw grad]" not in tex  # no gradient is known at a forward step


def test_export_tikz_failure_is_reported(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "missing" / "x.tex"), ""))
    window.controller.add_gate("input", QPointF(0, 0))
    assert window.formula.export_tikz() is False
    assert window.statusBar().currentMessage().startswith("Could not export")
