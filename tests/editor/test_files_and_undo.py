"""Files through the menu actions, the unsaved-changes prompt, and undo of every verb."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from chainwire.editor import commands as cmd
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit

from .conftest import drag_wire, port_pos, view_pos
from .test_gestures import deliver_drop


def _small(window) -> tuple[str, str]:
    c = window.controller
    x = c.add_gate("input", QPointF(-150, 0))
    s = c.add_gate("scale", QPointF(100, 0))
    c.connect_wire(x, s, 0, None)
    return x, s


def test_save_then_reopen_through_the_menu(qtbot, window, tmp_path, monkeypatch):
    x, s = _small(window)
    window.controller.set_value_text(x, "2.5")
    target = tmp_path / "lesson"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.act_save.trigger()  # untitled: Save asks where
    saved = str(target) + ".chainwire"
    assert os.path.exists(saved)
    assert not window.isWindowModified() and window.doc.path == saved
    assert window.windowTitle().startswith("lesson.chainwire")
    original = window.doc.circuit.copy()

    window.act_new.trigger()
    assert len(window.doc.circuit) == 0 and window.scene.nodes == {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (saved, ""))
    window.act_open.trigger()
    assert window.doc.circuit == original
    assert window.scene.wire_items[(s, 0)].value_label.text() == "2.50"
    assert window.scene.wire_items[(s, 0)].grad_label.text() == "-1.00"
    assert window.recent_menu.actions()[0].text() == "lesson.chainwire"


def test_unsaved_changes_prompt_cancel_keeps_everything(qtbot, window, monkeypatch):
    _small(window)
    asked = []

    def answer(choice):
        def fake(*a, **k):
            asked.append(a[1])
            return choice
        return fake

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Cancel))
    before = window.doc.circuit.copy()
    window.act_new.trigger()
    assert asked and window.doc.circuit == before
    assert not window.close() and window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Discard))
    window.act_new.trigger()
    assert len(window.doc.circuit) == 0 and not window.isWindowModified()


def test_prompt_save_choice_saves_first(qtbot, window, tmp_path, monkeypatch):
    _small(window)
    target = str(tmp_path / "kept.chainwire")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    assert window.close()
    assert len(fileio.load(target)) == 2


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"format": "chainwire", '
                                     b'"version": 99, "nodes": [], "wires": []}',
                                     b"\xff\xfe garbage"])
def test_failed_open_keeps_the_document(qtbot, window, tmp_path, no_dialogs, content):
    _small(window)
    before = window.doc.circuit.copy()
    count, title = window.doc.undo_stack.count(), window.windowTitle()
    bad = tmp_path / "bad.chainwire"
    bad.write_bytes(content)
    assert not window.open_path(str(bad), ask=False)
    assert window.doc.circuit == before
    assert window.doc.undo_stack.count() == count and window.windowTitle() == title
    assert len(window.scene.nodes) == 2
    assert no_dialogs and no_dialogs[-1][0] == "critical"
    assert "bad.chainwire" in no_dialogs[-1][1]


def test_failed_save_reports_and_stays_modified(qtbot, window, tmp_path, no_dialogs,
                                                monkeypatch):
    _small(window)
    path = tmp_path / "old.chainwire"
    path.write_text("previous contents")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio, "save", boom)
    assert not window.save_to(str(path))
    assert window.isWindowModified() and window.doc.modified
    assert path.read_text() == "previous contents"
    assert "No space left" in no_dialogs[-1][1]


def test_dropping_a_file_on_the_canvas_opens_it(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    c = Circuit()
    c.add_node("input", "a", value=1.0)
    p = tmp_path / "dropped.chainwire"
    fileio.save(c, str(p))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p))])
    deliver_drop(window, mime, QPoint(200, 200))
    assert window.doc.circuit.node_ids() == ["a"] and window.doc.path == str(p)


def test_examples_menu_opens_every_example_untitled(qtbot, window):
    actions = window.examples_menu.actions()
    assert len(actions) >= 5
    for a in actions:
        a.trigger()
        assert len(window.doc.circuit) > 0 and window.doc.path is None
        assert not window.isWindowModified()
        assert window.windowTitle().endswith("(example)[*] — Chainwire")


def test_undo_redo_every_command_kind(qtbot, window):
    doc = window.doc
    c = doc.circuit
    snapshots = [c.copy()]

    def push(command):
        doc.push(command)
        snapshots.append(c.copy())

    a = cmd.AddNode(c, "input", (0, 0), label="a", value=1.0)
    push(a)
    b = cmd.AddNode(c, "offset", (150, 0))
    push(b)
    push(cmd.Connect(c, a.node_id, b.node_id, 0))
    push(cmd.SetValue(c, a.node_id, 4.0))
    push(cmd.SetParam(c, b.node_id, 2.5))
    push(cmd.SetLabel(c, b.node_id, "q"))
    push(cmd.MoveNodes(c, {b.node_id: ((150, 0), (200, 50))}))
    push(cmd.SetOutput(c, b.node_id))
    push(cmd.Disconnect(c, b.node_id, 0))
    push(cmd.connect_replacing(c, a.node_id, b.node_id, 0))
    frag = window.controller.fragment([a.node_id, b.node_id])
    macro, _ids = cmd.paste(c, frag, (0, 200))
    push(macro)
    push(cmd.remove_selection(c, [a.node_id]))
    assert len(snapshots) == doc.undo_stack.count() + 1
    for i in range(len(snapshots) - 1, 0, -1):
        doc.undo_stack.undo()
        assert c == snapshots[i - 1], f"undo of step {i}"
        assert set(window.scene.nodes) == set(c.node_ids())
        assert set(window.scene.wire_items) == {(w.dst, w.port) for w in c.wires()}
    for i in range(1, len(snapshots)):
        doc.undo_stack.redo()
        assert c == snapshots[i], f"redo of step {i}"
    assert c.node_ids() == snapshots[-1].node_ids()


def test_copy_paste_between_windows_via_clipboard(qtbot, window, no_dialogs):
    from chainwire.editor.window import MainWindow
    x, s = _small(window)
    window.scene.select_ids([x, s])
    window.act_copy.trigger()
    other = MainWindow()
    qtbot.addWidget(other)
    other.show()
    ids = other.controller.paste(QPointF(10, 10))
    assert len(ids) == 2
    c = other.doc.circuit
    assert len(list(c.wires())) == 1
    assert {c.type_of(i) for i in ids} == {"input", "scale"}
    other.doc.undo_stack.undo()
    assert len(c) == 0
    other.doc.undo_stack.setClean()


def test_build_xyz_from_an_empty_canvas_with_gestures_only(qtbot, window, monkeypatch):
    """The newcomer's path: drop five gates, wire them, type three values, read the wires."""
    target = {}
    monkeypatch.setattr(QDrag, "exec", lambda drag, *a, **k: (
        deliver_drop(window, drag.mimeData(), target["pos"]), Qt.CopyAction)[1])

    def drop(type_, x, y):
        target["pos"] = view_pos(window, QPointF(x, y))
        before = set(window.doc.circuit.node_ids())
        pal = window.palette_widget
        pal.setCurrentItem(pal.item_for(type_))
        pal.startDrag(Qt.CopyAction)
        (nid,) = set(window.doc.circuit.node_ids()) - before
        return nid

    x = drop("input", -300, -100)
    y = drop("input", -300, 0)
    z = drop("input", -300, 130)
    q = drop("add", -80, -50)
    f = drop("multiply", 140, 20)
    for src, dst, port in ((x, q, 0), (y, q, 1), (q, f, 0), (z, f, 1)):
        drag_wire(qtbot, window, port_pos(window, src, None), port_pos(window, dst, port))
    for nid, text in ((x, "-2"), (y, "5"), (z, "-4")):
        qtbot.mouseDClick(window.view.viewport(), Qt.LeftButton,
                          pos=view_pos(window, window.scene.nodes[nid].scenePos()))
        edit = window.view.viewport().findChild(QLineEdit, "inlineEditor")
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key_Return)
    w = window.scene.wire_items
    shown = {k: (item.value_label.text(), item.grad_label.text()) for k, item in w.items()}
    assert shown == {(q, 0): ("-2.00", "-4.00"), (q, 1): ("5.00", "-4.00"),
                     (f, 0): ("3.00", "-4.00"), (f, 1): ("-4.00", "3.00")}
    assert (window.scene.stub.value_label.text(), window.scene.stub.grad_label.text()) == \
        ("-12.00", "1.00")
    assert {window.doc.circuit.node(n).label for n in (x, y, z)} == {"x", "y", "z"}


def test_screenshot_command_line(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    example = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "examples",
                           "add-multiply.chainwire")
    r = subprocess.run([sys.executable, "-m", "chainwire", example, "--screenshot", str(out)],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    from PySide6.QtGui import QImage
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 800)


def test_screenshot_of_a_bad_file_says_why_without_traceback(tmp_path):
    bad = tmp_path / "bad.chainwire"
    bad.write_text("{")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "chainwire", str(bad), "--screenshot",
                        str(tmp_path / "x.png")], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    assert "chainwire: error:" in r.stderr and "Traceback" not in r.stderr
