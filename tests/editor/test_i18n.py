"""The Korean interface, really shown (the catalogue itself: test_i18n_catalogue.py).

The checks install the translators as ``app.main`` does (or start the real editor under
``LANG=ko_KR.UTF-8``) and read what the widgets say: every action and menu, every
dialog, the inspector, the presentation's badge, status line and tags, the engine's
refusals must be Korean, leaving only names (Chainwire, file formats, keys), gate
symbols and numbers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
)

from chainwire.editor import catalogue, files, i18n, settings
from chainwire.editor.preferences import PreferencesDialog
from chainwire.editor.settings import Preferences
from chainwire.editor.window import MainWindow
from chainwire.graph import fileio

# what may stay in Latin letters on a Korean screen: names, formats, keys, math
ALLOWED = {
    "chainwire", "png", "svg", "pdf", "json", "tikz", "latex", "python", "numpy", "cs231n",
    "micrograd", "relu", "tanh", "sigmoid", "max", "exp", "sum", "lr", "wx", "mit",
    "ctrl", "shift", "alt", "tab", "esc", "enter", "space", "home", "end", "left", "right",
    "del", "backspace", "english", "pt", "qt", "pyside6", "networkx",
    "backpropagation", "intuitions",  # the title of the cs231n notes
} | {f"f{k}" for k in range(1, 13)}  # function keys
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def english_words(text: str) -> list[str]:
    """Latin-letter words in ``text`` that are not names, keys or symbols."""
    text = re.sub(r"\(&\w\)", "", text).replace("&", "")  # accelerators: 파일(&F)
    text = re.sub(r"<[^>]+>", " ", text)  # rich-text tags
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


# ----- choosing the language ---------------------------------------------------------------
def test_the_language_setting_round_trips_and_decides(tmp_path, monkeypatch):
    store = settings.QSettings(str(tmp_path / "s.conf"), settings.QSettings.IniFormat)
    for code in settings.LANGUAGES:
        assert settings.save(Preferences(language=code), store) is None
        assert settings.load(store).language == code
    monkeypatch.setattr(i18n, "system_language", lambda: "ko")
    assert [i18n.chosen_language(c) for c in ("", "en", "ko")] == ["ko", "en", "ko"]
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    assert i18n.chosen_language("") == "en"


def test_lang_ko_starts_the_editor_in_korean(tmp_path):
    """``LANG=ko_KR.UTF-8 chainwire FILE``: the real start-up, in a child process."""
    script = (
        "import sys\n"
        "from chainwire.editor import app\n"
        "shown = app.MainWindow.show\n"
        "def show(self):\n"
        "    print('MENUS', '|'.join(a.text() for a in self.menuBar().actions()))\n"
        "    shown(self)\n"
        "app.MainWindow.show = show\n"
        "sys.exit(app.main([sys.argv[1], '--screenshot', sys.argv[2]]))\n")
    example = Path(str(catalogue.resources.files("chainwire.resources"))) / "examples"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env.update(LANG="ko_KR.UTF-8", QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "c"))
    done = subprocess.run([sys.executable, "-c", script, str(example / "neuron.chainwire"),
                           str(tmp_path / "shot.png")], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    menus = next(line for line in done.stdout.splitlines() if line.startswith("MENUS"))
    assert "파일(&F)" in menus and "도움말(&H)" in menus
    assert not english_words(menus[len("MENUS"):]), menus


# ----- what the Korean interface shows ------------------------------------------------------
@pytest.fixture
def korean(qapp):
    assert i18n.install("ko") == "ko"
    yield
    i18n.install("en")


@pytest.fixture
def korean_window(korean, qtbot, no_dialogs):
    win = MainWindow(fileio.load(str(files.default_example())))  # the cs231n neuron
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.doc.undo_stack.setClean()


def _action_texts(win: MainWindow) -> list[str]:
    recent = set(win.recent_menu.actions())  # the user's file names
    texts = []
    for a in win.findChildren(QAction):
        if a in recent:
            continue
        for text in (a.text(), a.toolTip(), a.statusTip()):
            if text:
                texts.append(text)
    for m in win.findChildren(QMenu):
        texts.append(m.title())
    return texts


def test_every_action_and_menu_is_korean(korean_window):
    win = korean_window
    win.controller.add_gate("multiply", win._view_centre())  # an undo text, too
    texts = _action_texts(win)
    assert len(texts) > 150
    english = {t: english_words(t) for t in texts if english_words(t)}
    assert not english, english
    assert win.act_undo.text() == "곱셈 추가 실행 취소(&U)"  # Korean word order
    assert win.act_undo.toolTip() == "곱셈 추가 실행 취소"  # the toolbar's, no "(U)"
    win.act_undo.trigger()
    assert win.act_redo.text() == "곱셈 추가 다시 실행(&R)"
    assert win.act_undo.text() == "실행 취소(&U)" and not win.act_undo.isEnabled()
    assert win.act_save.iconText() == "저장" and win.act_save.toolTip() == "저장"  # no "(S)"
    assert win.act_open.iconText() == "열기"
    from chainwire.editor.shortcuts import menu_paths, plain_text

    assert plain_text(win.act_save) == "저장"  # the shortcuts sheet's words
    assert menu_paths(win)[id(win.act_save)] == "파일"


def test_gate_texts_palette_and_inspector_are_korean(korean_window):
    win = korean_window
    titles = [win.palette_widget.item(i).text() for i in range(win.palette_widget.count())]
    assert "덧셈" in titles and "곱셈" in titles and "시그모이드" in titles
    tip = win.palette_widget.item_for("add").toolTip()
    assert "상류 기울기" in tip and "국소 기울기" in tip and not english_words(tip)
    gate = next(n for n in win.doc.circuit.node_ids() if win.doc.circuit.type_of(n) == "add")
    win.scene.select_ids([gate])
    shown = " ".join(w.text() for w in win.inspector.findChildren(QLabel) if w.isVisible())
    shown = shown.replace(gate, "")  # the node's id is a name
    assert "덧셈" in shown and "분배" in shown and not english_words(shown), shown


def test_preferences_dialog_is_korean(korean_window):
    dialog = PreferencesDialog(korean_window)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.title() for w in dialog.findChildren(QGroupBox)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    buttons = [b.text() for b in dialog.findChildren(QAbstractButton)]
    assert all(buttons), buttons  # none left blank (Qt's own texts come from qtbase_ko)
    assert {"확인", "취소", "적용"} <= set(buttons)
    texts = [t for t in texts if t]
    assert "다음에 시작할 때부터" in " ".join(texts)  # the language note
    english = {t: english_words(t) for t in texts if english_words(t)}
    assert not english, english
    dialog.deleteLater()


def test_presentation_shows_korean(korean_window, qtbot):
    win, cl = korean_window, korean_window.classroom
    cl.act_patterns.trigger()
    cl.presenter.enter()
    try:
        cl.act_step_mode.trigger()
        cl.overlay.go(0)
        assert "처음" in win.badge.text() and "다음" in win.badge.text()
        cl.overlay.go(1)
        assert "순전파 1 / " in win.badge.text()
        cl.overlay.go(cl.overlay.last)
        assert "역전파" in win.badge.text()
        status = win.statusBar().currentMessage()
        head = status.split("—")[0]  # then the gate's label and its callouts' symbols
        assert head.startswith("단계: 역전파") and not english_words(head), status
        tags = [d.text for d in cl.overlay.decorations if d.kind == "tag"]
        assert tags and all(not english_words(t) for t in tags), tags
        assert any("교환" in t for t in tags)  # the neuron's multiply gates swap
    finally:
        cl.presenter.leave()


# ----- fonts -------------------------------------------------------------------------------
def test_a_hangul_family_is_a_fallback_only_when_installed(qapp, monkeypatch):
    i18n.hangul_family.cache_clear()
    try:
        monkeypatch.setattr(QFontDatabase, "families",
                            staticmethod(lambda *a: ["DejaVu Sans", "NanumGothic"]))
        assert i18n.hangul_family() == "NanumGothic"
        assert i18n.with_hangul(QFont("DejaVu Sans")).families() == ["DejaVu Sans",
                                                                      "NanumGothic"]
        i18n.hangul_family.cache_clear()
        monkeypatch.setattr(QFontDatabase, "families",  # and none for the Korean script
                            staticmethod(lambda *a: [] if a else ["DejaVu Sans"]))
        assert i18n.hangul_family() is None
        assert i18n.with_hangul(QFont("DejaVu Sans")).families() == ["DejaVu Sans"]
    finally:
        i18n.hangul_family.cache_clear()


# ----- engine refusals ---------------------------------------------------------------------
def _loop_error():
    from chainwire.graph.circuit import Circuit
    from chainwire.graph.errors import CycleError

    c = Circuit()
    for n in ("a", "b"):
        c.add_node("offset" if n == "b" else "input", n)
    c.connect("a", "b", 0)
    c.add_node("offset", "c")
    c.connect("b", "c", 0)
    with pytest.raises(CycleError) as caught:
        c.connect("c", "b", 0, replace=True)
    return caught.value


def test_coded_refusals_read_in_english_without_a_translator(qapp):
    error = _loop_error()
    assert error.code == "loop"
    assert i18n.error_text(error) == str(error) == (
        "wiring 'c' into 'b' would make a loop: b → c → b")


def test_refused_edits_and_files_are_phrased_in_korean(korean_window, tmp_path):
    win = korean_window
    assert i18n.error_text(_loop_error()) == "'c'을(를) 'b'에 연결하면 고리가 생깁니다: b → c → b"
    x = next(n for n in win.doc.circuit.node_ids() if win.doc.circuit.type_of(n) == "input")
    assert not win.controller.set_value_text(x, "two")
    status = win.statusBar().currentMessage()
    assert status.startswith("거부됨: 'two'은(는) 숫자도 아니고") and "[[1, 2], [3, 4]]" in status
    newer = tmp_path / "newer.chainwire"
    newer.write_text('{"format": "chainwire", "version": 99}', "utf-8")
    with pytest.raises(fileio.FileFormatError) as caught:
        fileio.load(str(newer))
    shown = i18n.error_text(caught.value)
    assert shown == f"{newer}: 더 새로운 Chainwire로 저장한 파일입니다 (형식 99). 이 버전은 " \
                    f"형식 {fileio.spec.FORMAT_VERSION}까지 읽을 수 있습니다. 열려면 " \
                    "Chainwire를 업데이트하세요."
    assert "written by a newer Chainwire (format 99)" in str(caught.value)  # the CLI's

def _dialogs():
    from chainwire.editor.check_dialog import CheckDialog
    from chainwire.editor.dialogs import ImageScaleDialog
    from chainwire.editor.expr_dialog import ExpressionDialog
    from chainwire.editor.help import QuickGuide, about_box
    from chainwire.editor.shortcuts import ShortcutsSheet
    from chainwire.editor.welcome import WelcomeDialog

    return {"check": lambda w: CheckDialog(w, lambda: None),
            "image scale": lambda w: ImageScaleDialog(w, 2.0),
            "new from expression": lambda w: ExpressionDialog(w, None, ""),
            "insert expression": lambda w: ExpressionDialog(w, w.doc.circuit, "x * y"),
            "quick guide": QuickGuide, "about": about_box, "shortcuts": ShortcutsSheet,
            "welcome": WelcomeDialog}


def _visible_words(widget) -> list[str]:
    from PySide6.QtWidgets import QHeaderView, QLineEdit, QTextBrowser

    texts = [widget.windowTitle()]
    texts += [w.text() for w in widget.findChildren(QLabel)]
    texts += [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.title() for w in widget.findChildren(QGroupBox)]
    texts += [w.placeholderText() for w in widget.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in widget.findChildren(QTextBrowser)]
    for header in widget.findChildren(QHeaderView):
        model = header.model()
        texts += [str(model.headerData(i, header.orientation()) or "")
                  for i in range(header.count())]
    if hasattr(widget, "text") and callable(widget.text) and not isinstance(widget, QLabel):
        texts.append(widget.text())  # a QMessageBox's own text
    return [t for t in texts if t]


@pytest.mark.parametrize("name", sorted(_dialogs()))
def test_every_dialog_is_korean(korean_window, name):
    dialog = _dialogs()[name](korean_window)
    try:
        texts = _visible_words(dialog)
        english = {t[:80]: english_words(t) for t in texts if english_words(t)}
        # an expression example is code: its names stay
        english = {t: w for t, w in english.items()
                   if not set(w) <= {"w0", "x0", "w1", "x1", "w2"}}
        assert not english, english
    finally:
        dialog.deleteLater()


def test_why_a_value_is_undefined_is_said_in_korean(korean_window):
    """A gate just dragged in has too few inputs: the inspector says so in Korean (the
    evaluation's reasons are coded text, graph.errors.CodedText)."""
    win = korean_window
    node = win.controller.add_gate("max", win._view_centre())
    win.scene.select_ids([node])
    shown = " ".join(w.text() for w in win.inspector.findChildren(QLabel) if w.isVisible())
    assert f"최댓값 게이트 '{node}'에는 입력이 2개 이상 필요한데 0개입니다" in shown
    assert not english_words(shown.replace(node, "")), shown
    assert str(win.doc.evaluation.undefined[node]).startswith("max gate")  # the CLI's words


def test_expression_errors_are_said_in_korean(korean):
    from chainwire.editor.expr_dialog import caret_text
    from chainwire.graph.errors import ExpressionError
    from chainwire.graph.expr import parse

    with pytest.raises(ExpressionError) as caught:
        parse("(a + b) % c")
    assert caret_text("(a + b) % c", caught.value).splitlines()[2] == (
        "9번째 글자: 연산자 '%'은(는) 쓸 수 없습니다 (쓸 수 있는 것: + - * / @ **2)")
    assert str(caught.value).startswith("column 9: operator '%' is not allowed")


def test_undo_and_redo_keep_their_english_word_order(qtbot, no_dialogs):
    """Without a translator the menu reads as before: "&Undo Add multiply"."""
    win = MainWindow(fileio.load(str(files.default_example())))
    qtbot.addWidget(win)
    assert win.act_undo.text() == "&Undo" and not win.act_undo.isEnabled()
    win.controller.add_gate("multiply", win._view_centre())
    assert win.act_undo.text() == "&Undo Add multiply" and win.act_undo.isEnabled()
    win.act_undo.trigger()
    assert win.act_redo.text() == "&Redo Add multiply"
    win.doc.undo_stack.setClean()


def test_group_refusals_are_said_in_korean(korean):
    """Grouping and expanding refusals (graph/group_edits.py, groups.py) are coded: a gate
    is named by its Korean title, the command line keeps the English."""
    from chainwire.graph.circuit import Circuit
    from chainwire.graph.group_edits import GroupError, expand_edit, group_edit

    c = Circuit()
    for n in ("a", "b"):
        c.add_node("input", n)
    for n in ("m1", "m2"):
        c.add_node("multiply", n)
        c.connect("a", n, 0)
        c.connect("b", n, 1)
    with pytest.raises(GroupError) as two:
        group_edit(c, ["m1", "m2"], "g", "g")
    assert str(two.value) == "a group has one output, but the selection ends in 'm1' and 'm2'"
    assert i18n.error_text(two.value) == "그룹의 출력은 하나인데, 선택이 'm1' 및 'm2'에서 끝납니다"
    with pytest.raises(GroupError) as plain:
        expand_edit(c, "m1")
    assert i18n.error_text(plain.value).startswith("'m1'(곱셈)은(는) 펼칠 수 없습니다")
    assert not english_words(i18n.error_text(plain.value).replace("m1", ""))


def test_a_group_too_large_for_code_is_said_in_korean(korean):
    from chainwire.graph import gates_group
    from chainwire.graph.codegen import to_python
    from tests.graph.test_hardening_arrays_groups import chain_group_file

    with pytest.raises(gates_group.CodeTooLong) as caught:
        to_python(fileio.loads(json.dumps(chain_group_file(3000))))
    assert str(caught.value).startswith("the chain group is too large to write as code")
    said = i18n.error_text(caught.value)
    assert said.startswith("chain 그룹은 코드로 쓰기에 너무 큽니다") and "편집 → 펼치기" in said
