"""Edit → Preferences…: the dialog, and how saved preferences reach a window.

Preferences reach the editor only through the knobs its menus already use (the
classroom's theme and colour-blind switches, ``set_decimals``, the grid and snap
actions, the autosaver's interval, the presenter's label scale), so a preference and
the menu item it mirrors can never disagree about what they do. Applying them is not an
edit of the circuit: nothing goes on the undo stack and the document stays unmodified.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chainwire.editor import settings
from chainwire.editor.i18n import theme_title
from chainwire.editor.settings import DEFAULTS, LANGUAGE_NAMES, LANGUAGES, RULES, Preferences
from chainwire.editor.theme import THEME_NAMES, THEMES


# ----- applying ---------------------------------------------------------------------------
def apply_to_window(window: Any, prefs: Preferences, autosave: bool = True) -> None:
    """Make ``window`` show ``prefs``; what already matches is left alone (no repaint).

    ``autosave=False`` leaves the autosaver alone: at start-up it has just read the same
    key itself (``recovery.SETTINGS_INTERVAL``), with its own reading of odd values.
    """
    window.applying_preferences = True  # the menu items it triggers save nothing
    try:
        _apply(window, prefs, autosave)
    finally:
        window.applying_preferences = False


def _apply(window: Any, prefs: Preferences, autosave: bool) -> None:
    scene, style = window.scene, window.scene.style
    classroom = getattr(window, "classroom", None)
    presenter = getattr(classroom, "presenter", None)
    presenting = bool(presenter is not None and presenter.presenting)
    restyle = False
    if classroom is not None and style.colorblind != prefs.colorblind:
        classroom.set_colorblind(prefs.colorblind)
    if not presenting:  # the presentation owns theme and sizes until it ends
        if style.theme.name != prefs.theme:
            if classroom is not None:
                classroom.set_theme(prefs.theme)
            else:
                style.theme = THEMES[prefs.theme]
                restyle = True
        if style.label_pt != prefs.label_pt:
            style.label_pt = prefs.label_pt
            restyle = True
        if presenter is not None:
            presenter.label_scale = prefs.present_label_scale
    if style.decimals != prefs.decimals:
        window.set_decimals(prefs.decimals)  # restyles too
    elif restyle:
        scene.restyle()
        if classroom is not None:
            classroom.overlay.apply()
    for action, on in ((window.act_grid, prefs.show_grid), (window.act_snap, prefs.snap)):
        if action.isChecked() != on:
            action.trigger()  # toggles and runs the menu item's own slot
    saver = getattr(window, "recovery", None)
    if saver is not None and autosave:
        ms = prefs.autosave_s * 1000
        if (saver.timer.interval() if saver.timer.isActive() else 0) != ms:
            saver.set_interval(ms)


def apply_saved(window: Any) -> str | None:
    """At a window's start: check the settings file, apply the saved preferences.

    Returns (and shows in the status bar) the message about a damaged settings file,
    if there was one; the window then runs on the defaults.
    """
    problem = settings.check_store()
    # the autosaver read its key before the check: after a damaged file, reset it too
    apply_to_window(window, settings.load(), autosave=problem is not None)
    window.settings_problem = problem
    if problem:
        window.show_status(problem, 0)
    keep_view_choices(window)
    return problem


def remember(name: str, value: Any) -> str | None:
    """Save one preference, the others as saved; None when kept, else why not."""
    return settings.save(replace(settings.load(), **{name: value}))


def keep_view_choices(window: Any) -> None:
    """The View menu's theme, colour-blind, decimals, grid and snap items are the same
    preferences as the dialog's: choosing one there is saved too (the presentation's
    temporary theme is set without these actions, so it is never saved)."""
    if getattr(window, "view_choices_kept", False):
        return
    window.view_choices_kept = True
    classroom = getattr(window, "classroom", None)
    wires: list[tuple[Any, str, Any]] = [
        (window.act_grid, "show_grid", lambda on: on),
        (window.act_snap, "snap", lambda on: on)]
    wires += [(a, "decimals", lambda _on, d=d: d) for d, a in window.decimal_actions.items()]
    if classroom is not None:
        wires += [(a, "theme", lambda _on, n=n: n) for n, a in classroom.theme_actions.items()]
        wires.append((classroom.act_colorblind, "colorblind", lambda on: on))
    for action, name, value_of in wires:
        action.triggered.connect(
            lambda on=False, name=name, value_of=value_of: _remember_from_menu(
                window, name, value_of(on)))


def _remember_from_menu(window: Any, name: str, value: Any) -> None:
    if getattr(window, "applying_preferences", False):
        return
    problem = remember(name, value)
    if problem:
        window.show_status(problem)


def editor_windows() -> list[QWidget]:
    """Every open main window (preferences apply to all of them)."""
    return [w for w in QApplication.topLevelWidgets()
            if hasattr(w, "doc") and hasattr(w, "scene") and hasattr(w, "act_grid")]


# ----- the dialog -------------------------------------------------------------------------
class PreferencesDialog(QDialog):
    """A form over ``Preferences``; OK and Apply save and apply to every window."""

    applied = Signal(object)  # the Preferences just saved and applied

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Chainwire Preferences"))
        self.theme = QComboBox()
        for name in THEME_NAMES:
            self.theme.addItem(theme_title(THEMES[name]), name)
        self.colorblind = QCheckBox(self.tr("Colour-blind-safe colours (blue and orange)"))
        self.decimals = QSpinBox()
        self.decimals.setRange(int(RULES["decimals"].low), int(RULES["decimals"].high))
        self.label_pt = QDoubleSpinBox()
        self.label_pt.setRange(RULES["label_pt"].low, RULES["label_pt"].high)
        self.label_pt.setDecimals(1)
        self.label_pt.setSingleStep(0.5)
        self.label_pt.setSuffix(self.tr(" pt"))
        self.show_grid = QCheckBox(self.tr("Show the grid"))
        self.snap = QCheckBox(self.tr("Snap gates to the grid"))
        self.present_scale = QSpinBox()
        self.present_scale.setRange(int(RULES["present_label_scale"].low * 100),
                                    int(RULES["present_label_scale"].high * 100))
        self.present_scale.setSingleStep(10)
        self.present_scale.setSuffix(" %")
        self.autosave = QSpinBox()
        self.autosave.setRange(int(RULES["autosave_s"].low), int(RULES["autosave_s"].high))
        self.autosave.setSingleStep(10)
        self.autosave.setSuffix(self.tr(" s"))
        self.autosave.setSpecialValueText(self.tr("Off"))
        self.language = QComboBox()
        for code in LANGUAGES:  # each language by its own name; "" follows the system
            self.language.addItem(self.tr("System default") if code == ""
                                  else LANGUAGE_NAMES[code], code)
        self.message = QLabel()
        self.message.setObjectName("preferencesMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._build()
        self.show_preferences(settings.load())

    def _build(self) -> None:
        tr = self.tr
        canvas = QFormLayout()
        canvas.addRow(tr("Theme:"), self.theme)
        canvas.addRow("", self.colorblind)
        canvas.addRow(tr("Decimals shown:"), self.decimals)
        canvas.addRow(tr("Wire label size:"), self.label_pt)
        canvas.addRow("", self.show_grid)
        canvas.addRow("", self.snap)
        present = QFormLayout()
        present.addRow(tr("Label size when presenting:"), self.present_scale)
        saving = QFormLayout()
        saving.addRow(tr("Autosave a recovery copy every:"), self.autosave)
        lang = QFormLayout()
        lang.addRow(tr("Interface language:"), self.language)
        note = QLabel(tr("A new language is used from the next start of Chainwire."))
        note.setObjectName("languageNote")
        note.setWordWrap(True)
        lang.addRow("", note)
        lay = QVBoxLayout(self)
        for title, form in ((tr("Canvas"), canvas), (tr("Presentation"), present),
                            (tr("Saving"), saving), (tr("Language"), lang)):
            box = QGroupBox(title)
            box.setLayout(form)
            form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
            lay.addWidget(box)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.RestoreDefaults | QDialogButtonBox.Ok | QDialogButtonBox.Cancel
            | QDialogButtonBox.Apply, Qt.Horizontal, self)
        self.buttons.button(QDialogButtonBox.RestoreDefaults).setText(tr("Reset to Defaults"))
        self.buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(
            self.reset_to_defaults)
        self.buttons.button(QDialogButtonBox.Apply).clicked.connect(self.apply)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    # ----- form <-> Preferences -------------------------------------------------------
    def show_preferences(self, prefs: Preferences) -> None:
        """Fill the form (nothing is saved or applied until OK or Apply)."""
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.colorblind.setChecked(prefs.colorblind)
        self.decimals.setValue(prefs.decimals)
        self.label_pt.setValue(prefs.label_pt)
        self.show_grid.setChecked(prefs.show_grid)
        self.snap.setChecked(prefs.snap)
        self.present_scale.setValue(round(prefs.present_label_scale * 100))
        self.autosave.setValue(prefs.autosave_s)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))

    def preferences(self) -> Preferences:
        """What the form says now."""
        return settings.validated(Preferences(
            theme=self.theme.currentData(), colorblind=self.colorblind.isChecked(),
            decimals=self.decimals.value(), label_pt=round(self.label_pt.value(), 1),
            show_grid=self.show_grid.isChecked(), snap=self.snap.isChecked(),
            autosave_s=self.autosave.value(), language=self.language.currentData(),
            present_label_scale=self.present_scale.value() / 100.0))

    def reset_to_defaults(self) -> None:
        """Put the defaults in the form; OK or Apply keeps them."""
        self.show_preferences(DEFAULTS)

    def apply(self) -> bool:
        """Save the form and apply it to every open window; False if it could not be saved."""
        prefs = self.preferences()
        problem = settings.save(prefs)
        for w in editor_windows():
            apply_to_window(w, prefs)
        self.message.setVisible(bool(problem))
        self.message.setText(problem or "")
        self.applied.emit(prefs)
        return problem is None

    def _ok(self) -> None:
        if self.apply():
            self.accept()


def open_preferences(window: Any) -> PreferencesDialog:
    """Edit → Preferences…: one dialog per window, refilled from disk on each opening."""
    dialog = getattr(window, "preferences_dialog", None)
    if dialog is None:
        dialog = window.preferences_dialog = PreferencesDialog(window)
    else:
        dialog.show_preferences(settings.load())
        dialog.message.hide()
    dialog.show()  # not modal: the canvas stays usable, and Apply shows the result on it
    dialog.raise_()
    dialog.activateWindow()
    return dialog
