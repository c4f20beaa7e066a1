"""What a new user met in the window (issue 8), each fixed and checked through the widgets."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import networkx
import numpy
import PySide6
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, qVersion
from PySide6.QtGui import QCursor, QFontMetrics, QImage
from PySide6.QtWidgets import QFileDialog, QLabel

import chainwire
from chainwire.editor import dialogs, export, files
from chainwire.editor.view import GATE_MIME
from chainwire.editor.window import MainWindow
from chainwire.editor.wording import english_plural

from .test_gestures import deliver_drop

EDITOR = Path(__file__).resolve().parents[2] / "editor"


@pytest.fixture
def big_window(qtbot, no_dialogs):
    """A fresh window as a user first sees it: large, empty, nothing adjusted by tests."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(20)  # the first fit runs from the event loop
    yield win
    win.doc.undo_stack.setClean()


def body_centre_on_screen(win, node_id: str) -> QPoint:
    item = win.scene.nodes[node_id]
    return win.view.mapFromScene(item.mapToScene(item.body_rect().center()))


def drop_gate(win, type_: str, at: QPoint) -> str:
    mime = QMimeData()
    mime.setData(GATE_MIME, type_.encode("utf-8"))
    before = set(win.doc.circuit.node_ids())
    deliver_drop(win, mime, at)
    (nid,) = set(win.doc.circuit.node_ids()) - before
    return nid


def assert_near(p: QPoint, q: QPoint, tol: int = 2) -> None:
    assert abs(p.x() - q.x()) <= tol and abs(p.y() - q.y()) <= tol, (p, q)


# ----- gates land under the cursor ---------------------------------------------------------
@pytest.mark.parametrize("type_", ["multiply", "input", "add"])
@pytest.mark.parametrize("where", [(120, 90), (1100, 700), (600, 400)])
def test_first_gate_dropped_on_an_empty_canvas_lands_under_the_cursor(big_window, type_,
                                                                      where):
    at = QPoint(*where)
    nid = drop_gate(big_window, type_, at)
    assert_near(body_centre_on_screen(big_window, nid), at)


def test_every_later_drop_lands_under_the_cursor_too_even_zoomed(big_window):
    win = big_window
    points = [QPoint(100, 80), QPoint(1150, 720), QPoint(60, 700), QPoint(1100, 60)]
    ids = [drop_gate(win, "sigmoid", p) for p in points]
    for nid, p in zip(ids, points, strict=True):  # nothing already there moved
        assert_near(body_centre_on_screen(win, nid), p)
    win.view.set_zoom(1.7)
    at = QPoint(90, 650)
    nid = drop_gate(win, "exp", at)
    assert_near(body_centre_on_screen(win, nid), at)


def test_quick_add_by_double_click_lands_under_the_cursor(qtbot, big_window):
    win = big_window
    at = QPoint(140, 110)
    qtbot.mouseDClick(win.view.viewport(), Qt.LeftButton, pos=at)
    assert win.quick_add.isVisible()
    qtbot.keyClicks(win.quick_add.edit, "sigm")
    qtbot.keyClick(win.quick_add.edit, Qt.Key_Return)
    (nid,) = win.doc.circuit.node_ids()
    assert_near(body_centre_on_screen(win, nid), at)


def test_tab_quick_add_lands_under_the_mouse(qtbot, big_window):
    win = big_window
    at = QPoint(1000, 130)
    QCursor.setPos(win.view.viewport().mapToGlobal(at))
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key_Tab)
    qtbot.keyClicks(win.quick_add.edit, "exp")
    qtbot.keyClick(win.quick_add.edit, Qt.Key_Return)
    (nid,) = win.doc.circuit.node_ids()
    assert_near(body_centre_on_screen(win, nid), at)


# ----- New resets the view, Open fits --------------------------------------------------------
def test_new_resets_zoom_and_centre(qtbot, window):
    window.controller.add_gate("add", QPointF(900, 700))
    window.view.set_zoom(2.7)
    window.view.centerOn(QPointF(900, 700))
    window.act_new.trigger()  # the no_dialogs fixture answers "Discard"
    assert len(window.doc.circuit) == 0
    assert window.view.zoom() == pytest.approx(1.0)
    assert window.zoom_label.text() == "100 %"
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert abs(centre.x()) <= 2 and abs(centre.y()) <= 2


def test_opening_a_file_fits_the_circuit(qtbot, window):
    window.view.set_zoom(5.0)
    window.view.centerOn(QPointF(5000, 5000))
    example = str(files.default_example())
    assert window.open_path(example, example=True)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    for item in window.scene.nodes.values():
        assert visible.contains(item.sceneBoundingRect())
    assert window.view.zoom() <= 1.6 + 1e-9
    assert window.zoom_label.text() == f"{round(window.view.zoom() * 100)} %"


# ----- export dialogs ---------------------------------------------------------------------------
def test_png_scale_dialog_speaks_of_image_scale_and_pixels(qtbot, window):
    window.controller.add_gate("sigmoid", QPointF(0, 0))
    d = dialogs.ImageScaleDialog(window, 2.0, lambda s: export.image_size(window.scene, s))
    qtbot.addWidget(d)
    d.show()
    assert d.windowTitle() == "Export PNG Image"
    assert [d.combo.itemText(i) for i in range(d.combo.count())] == ["1×", "2×", "3×", "4×"]
    assert d.combo.currentText() == "2×" and d.scale() == 2.0
    size = export.image_size(window.scene, 3.0)
    d.combo.setCurrentIndex(2)
    assert d.pixels.text() == f"{size.width()} × {size.height()} pixels"
    assert d.scale() == 3.0
    # wide enough for its title in any window manager's title font
    title_px = QFontMetrics(d.font()).horizontalAdvance(d.windowTitle() + " — Chainwire")
    assert d.width() >= max(dialogs.DIALOG_MIN_WIDTH, title_px + 120)
    assert not any("canvas unit" in label.text() for label in d.findChildren(QLabel))


def test_export_image_asks_titled_questions_and_writes_the_chosen_scale(qtbot, window,
                                                                        tmp_path,
                                                                        monkeypatch):
    window.controller.add_gate("input", QPointF(0, 0))
    asked = {}

    def save_name(parent, title, start, filters, *a, **k):
        asked["title"], asked["start"], asked["filters"] = title, start, filters
        return str(tmp_path / "slide"), filters.split(";;")[0]

    def scale(parent, current, size_at):
        asked["scale_from"] = current
        asked["size_at_4"] = size_at(4.0)
        return 3.0

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(dialogs, "ask_image_scale", scale)
    window.classroom.act_export.trigger()  # File → Export Image… (Ctrl+E)
    assert asked["title"] == "Export Image"
    assert asked["start"].endswith("Untitled.png")
    assert "PNG image (*.png)" in asked["filters"]
    out = tmp_path / "slide.png"
    assert out.exists()
    image = QImage(str(out))
    assert image.size() == export.image_size(window.scene, 3.0)
    assert asked["size_at_4"] == export.image_size(window.scene, 4.0)
    assert window.export_scale == 3.0  # Copy Image follows the chosen scale
    assert "Exported slide.png" in window.statusBar().currentMessage()


def test_cancelling_the_scale_question_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "x.png"), ""))
    monkeypatch.setattr(dialogs, "ask_image_scale", lambda *a, **k: None)
    window.classroom.act_export.trigger()
    assert not (tmp_path / "x.png").exists()


def test_export_every_step_asks_for_a_folder_with_a_proper_title(qtbot, window, tmp_path,
                                                                 monkeypatch):
    window.open_path(str(files.default_example()), example=True)
    asked = {}

    def folder(parent, title, start, *a, **k):
        asked["title"], asked["start"] = title, start
        return str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    window.classroom.act_export_steps.trigger()
    assert asked["title"] == "Export Every Step into a Folder"
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pngs and pngs[0].startswith("neuron-")
    assert window.statusBar().currentMessage() == \
        f"Exported {len(pngs)} step images into {tmp_path}"


# ----- file dialogs remember their folders ---------------------------------------------------
@pytest.fixture
def forget_folders():
    files.settings().remove("lastFolder")
    yield
    files.settings().remove("lastFolder")


def test_file_dialogs_remember_the_last_folder_per_kind(qtbot, window, tmp_path,
                                                        monkeypatch, forget_folders):
    circuits, images = tmp_path / "lessons", tmp_path / "slides"
    circuits.mkdir()
    images.mkdir()
    starts: list[tuple[str, str]] = []

    def answer(path):
        def fake(parent, title, start, *a, **k):
            starts.append((title, start))
            return str(path), ""
        return fake

    # first Save As and Export: sensible defaults, not remembered yet
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(circuits / "one"))
    window.controller.add_gate("input", QPointF(0, 0))
    assert window.save_as()
    assert os.path.dirname(starts[-1][1]) == files.standard_folder(files.CIRCUITS)
    monkeypatch.setattr(dialogs, "ask_image_scale", lambda *a, **k: 1.0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(images / "one.png"))
    assert window.export_image_dialog()
    # before any image was exported, Export starts beside the circuit
    assert os.path.dirname(starts[-1][1]) == str(circuits)

    # a new, untitled circuit: Save As starts where circuits went, Export where images went
    window.act_new.trigger()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(circuits / "two"))
    assert window.save_as()
    assert os.path.dirname(starts[-1][1]) == str(circuits)
    window.act_new.trigger()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer(images / "two.png"))
    assert window.export_image_dialog()
    assert os.path.dirname(starts[-1][1]) == str(images)

    # Open remembers the circuits folder too, and all of it survives a restart
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer(""))
    window.act_open.trigger()
    assert starts[-1][1] == str(circuits)
    assert files.last_folder(files.CIRCUITS) == str(circuits)
    assert files.last_folder(files.IMAGES) == str(images)


def test_a_remembered_folder_that_is_gone_falls_back(qtbot, window, tmp_path, monkeypatch,
                                                     forget_folders):
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    files.remember_folder(files.CIRCUITS, str(gone / "a.chainwire"))
    gone.rmdir()
    seen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda p, t, start, *a, **k: (seen.append(start), ("", ""))[1])
    window.act_open.trigger()
    assert seen == [str(files.examples_dir())]  # a first-time user sees the examples


# ----- help ---------------------------------------------------------------------------------------
def test_quick_guide_covers_building_reading_navigating_and_class(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_F1)
    guide = window.quick_guide
    assert guide is not None and guide.isVisible() and not guide.isModal()
    text = guide.text()
    for needle in ("Drag a gate", "Tab", "output port", "Double-click", "value flowing forward",
                   "gradient", "Ctrl+wheel", "Space+drag", "Fit the whole circuit",
                   "F5", "Space", "Right", "Left", "Home", "End", "Esc", "Quiz", "Patterns",
                   "Ctrl+A", "Arrow keys", "annotation", "Ctrl+E"):
        assert needle in text, needle


def test_quick_guide_reads_the_keys_from_the_actions(qtbot, window):
    window.classroom.act_present.setShortcut("F6")
    window.act_help.trigger()
    assert "F6" in window.quick_guide.text()
    window.classroom.act_present.setShortcut("F5")
    window.act_help.trigger()  # opening again re-reads them
    assert "F6" not in window.quick_guide.text() and "F5" in window.quick_guide.text()


def test_about_shows_every_version(qtbot, window):
    window.act_about.trigger()
    box = window.about_dialog
    assert box.isVisible() and box.windowTitle() == "About Chainwire"
    text = box.text()
    for v in (chainwire.version(), qVersion(), PySide6.__version__,
              platform.python_version(), numpy.__version__, networkx.__version__):
        assert v in text, v
    for name in ("Qt", "PySide6", "Python", "numpy", "networkx"):
        assert name in text
    box.close()


# ----- quick add says when nothing matches ------------------------------------------------------
def test_quick_add_says_when_no_gate_matches(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Tab)
    popup = window.quick_add
    assert popup.isVisible() and not popup.no_match.isVisible()
    qtbot.keyClicks(popup.edit, "xyz")
    assert popup.matches() == []
    assert popup.no_match.isVisible() and not popup.list.isVisible()
    assert "No gate matches 'xyz'" in popup.no_match.text()
    assert "sigmoid" in popup.no_match.text()  # and what could be typed instead
    qtbot.keyClick(popup.edit, Qt.Key_Return)
    assert popup.isVisible() and len(window.doc.circuit) == 0  # Enter adds nothing
    for _ in range(3):
        qtbot.keyClick(popup.edit, Qt.Key_Backspace)
    qtbot.keyClicks(popup.edit, "ex")
    assert popup.matches() == ["exp"]
    assert popup.list.isVisible() and not popup.no_match.isVisible()
    qtbot.keyClick(popup.edit, Qt.Key_Return)
    assert [window.doc.circuit.type_of(n) for n in window.doc.circuit.node_ids()] == ["exp"]


def test_plurals_read_as_english_without_a_translation(qtbot, window):
    a = window.controller.add_gate("sigmoid", QPointF(0, 0))
    b = window.controller.add_gate("exp", QPointF(200, 0))
    window.controller.connect_wire(a, b, 0, None)
    window.act_select_all.trigger()
    assert window.inspector.title.text() == "2 nodes, 1 wire selected"
    assert english_plural("1 node(s)", 1) == "1 node"
    assert english_plural("3 Knoten", 3) == "3 Knoten"  # a translation is left alone


# ----- the window's modules stay small --------------------------------------------------
@pytest.mark.parametrize("name", ["window", "menus", "file_actions", "inline_edit", "help",
                                  "dialogs", "view", "palette", "wording"])
def test_window_modules_stay_under_400_lines(name):
    lines = (EDITOR / f"{name}.py").read_text(encoding="utf-8").count("\n")
    assert lines < 400

