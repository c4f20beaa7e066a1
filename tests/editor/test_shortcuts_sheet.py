"""Help → Keyboard Shortcuts: read from the live actions, searchable, printable to PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QFileDialog

from chainwire.editor.shortcuts import (
    PATH_SEPARATOR,
    ShortcutsSheet,
    key_text,
    open_sheet,
    plain_text,
    shortcut_rows,
)


@pytest.fixture
def sheet(window) -> ShortcutsSheet:
    s = open_sheet(window)
    yield s
    s.close()


def _all_actions(window) -> list[QAction]:
    return [a for a in window.actions() if not a.isSeparator()]


def _pdf_text(path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout


def test_every_action_with_a_shortcut_is_listed(window, sheet):
    listed = {(r.command, r.keys) for r in sheet.rows}
    # (a standard key this platform leaves unbound, like Quit offscreen, has no key text)
    with_keys = [a for a in _all_actions(window) if key_text(a) and plain_text(a)]
    assert len(with_keys) >= 30
    for a in with_keys:
        assert (plain_text(a), key_text(a)) in listed, plain_text(a)
    assert all(r.keys for r in sheet.rows)  # without the checkbox: keys only
    assert sheet.count.text() == f"{len(sheet.rows)} of {len(sheet.rows)} commands"


def test_the_sheet_is_read_again_and_never_stale(window, sheet):
    window.act_layout.setShortcut(QKeySequence("Ctrl+Alt+K"))
    extra = QAction("Brand-&New Thing", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(extra)
    open_sheet(window)  # Help → Keyboard Shortcuts again, while it is open
    rows = {r.command: r for r in sheet.rows}
    assert rows["Auto Layout"].keys == QKeySequence("Ctrl+Alt+K").toString(
        QKeySequence.NativeText)
    assert rows["Brand-New Thing"].menu == "(no menu: keyboard only)"
    sheet.close()
    window.removeAction(extra)
    sheet.show()  # and each time it is shown
    assert "Brand-New Thing" not in {r.command for r in sheet.rows}


def test_rows_carry_their_menu_path(window, sheet):
    rows = {r.command: r for r in sheet.rows}
    assert rows["Save"].menu == "File"
    assert rows["Next Step"].menu == PATH_SEPARATOR.join(["View", "Steps"])
    assert rows["Preferences…"].menu == "Edit"
    assert rows["Keyboard Shortcuts"].menu == "Help"
    assert "&" not in "".join(r.command + r.menu for r in sheet.rows)


def test_commands_without_keys_can_be_listed_too(window, sheet):
    before = len(sheet.rows)
    sheet.unbound.setChecked(True)
    rows = {r.command: r for r in sheet.rows}
    assert len(sheet.rows) > before
    assert rows["Show Grid"].keys == "" and rows["Show Grid"].menu == "View"
    assert rows["About Chainwire"].menu == "Help"


@pytest.mark.parametrize("text, expected", [("export", {"Export Image…"}),
                                            ("CTRL+S", {"Save", "Save As…"}),
                                            ("steps", {"Next Step", "Previous Step",
                                                       "Start", "End (Show All)"})])
def test_search_filters_commands_keys_and_menus(sheet, text, expected):
    sheet.search.setText(text)
    shown = {r.command for r in sheet.visible_rows()}
    assert expected <= shown
    assert all(r.matches(text) for r in sheet.visible_rows())
    assert len(shown) < len(sheet.rows)
    assert not sheet.empty.isVisible()
    assert sheet.count.text().startswith(f"{len(shown)} of ")


def test_a_search_that_matches_nothing_says_so(sheet):
    sheet.show()
    sheet.search.setText("no such command at all")
    assert sheet.visible_rows() == [] and sheet.empty.isVisible()
    sheet.search.clear()
    assert len(sheet.visible_rows()) == len(sheet.rows) and not sheet.empty.isVisible()


def test_printing_to_a_pdf_file(sheet, tmp_path):
    path = tmp_path / "shortcuts.pdf"
    sheet.save_pdf(str(path))
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    text = _pdf_text(path)
    if text is not None:
        assert "Chainwire keyboard shortcuts" in text
        for r in sheet.rows[:5]:
            assert r.command in text


def test_a_filtered_sheet_prints_what_it_shows(sheet, tmp_path):
    sheet.search.setText("step")
    path = tmp_path / "steps.pdf"
    sheet.save_pdf(str(path))
    text = _pdf_text(path)
    if text is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "Next Step" in text and "Save As" not in text


def test_print_button_uses_the_print_dialog(sheet, monkeypatch):
    printed = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.Accepted)
    monkeypatch.setattr(ShortcutsSheet, "print_to", lambda self, p: printed.append(p))
    sheet.print_button.click()
    assert len(printed) == 1
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.Rejected)
    sheet.print_button.click()
    assert len(printed) == 1


def test_save_as_pdf_button(sheet, monkeypatch, tmp_path):
    target = tmp_path / "keys"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    sheet.pdf_button.click()
    assert (tmp_path / "keys.pdf").read_bytes().startswith(b"%PDF")


def test_help_menu_opens_one_non_modal_sheet(window):
    assert window.act_shortcuts in window.help_menu.actions()
    window.act_shortcuts.trigger()
    sheet = window.shortcuts_sheet
    assert sheet.isVisible() and not sheet.isModal()
    window.act_shortcuts.trigger()
    assert window.shortcuts_sheet is sheet
    sheet.close()


def test_mnemonics_and_literal_ampersands():
    a = QAction("Copy && &Paste")
    assert plain_text(a) == "Copy & Paste"


def test_rows_of_a_bare_window(qtbot):
    from PySide6.QtWidgets import QMainWindow
    w = QMainWindow()
    qtbot.addWidget(w)
    a = w.menuBar().addMenu("&Tools").addAction("&Frob")
    a.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+K"), QKeySequence("F9")])
    (row,) = shortcut_rows(w)
    assert (row.command, row.menu) == ("Frob", "Tools")
    assert row.keys == "Ctrl+K, F9"
