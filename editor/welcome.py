"""The first-run welcome: open an example, or take a five-step tour.

A teacher's first minute decides whether the app gets a second: the welcome offers the
bundled circuits (the cs231n ones first) and a tour of the five gestures the whole tool
rests on — drag, wire, type, step, present — with the keys read from the live actions.
It is shown once, by ``app.main`` only (never by a window's constructor, so tests and
recovered windows never meet it), never modal, and Help → Welcome brings it back.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chainwire.editor import files, settings
from chainwire.editor.help import keys_of


def _tr(text: str) -> str:
    return QCoreApplication.translate("Welcome", text)


def tour_steps(window: Any) -> list[tuple[str, str]]:
    """(title, what to do) for the tour's five steps, keys from ``window``'s actions."""
    cl = getattr(window, "classroom", None)

    def key(owner: Any, name: str, fallback: str) -> str:
        return keys_of(getattr(owner, name, None), fallback)

    return [
        (_tr("1. Drag"), _tr("Drag a gate from the Gates list on the left onto the canvas. "
                             "Or press Tab over the canvas and type its name.")),
        (_tr("2. Wire"), _tr("Drag from a gate's output port (on its right) to another "
                             "gate's input port (on its left). Legal ports light up; drop "
                             "a wire's end on empty canvas to delete it.")),
        (_tr("3. Type"), _tr("Double-click an input and type its value, then Enter. Every "
                             "wire shows its value above it and the gradient flowing back "
                             "below it, in italics.")),
        (_tr("4. Step"), _tr("Press {0} to step through: {1} runs the forward pass one gate "
                             "at a time, then the backward pass with the chain rule written "
                             "beside each wire.").format(
                                 key(cl, "act_step_mode", "Ctrl+Shift+T"),
                                 key(cl, "act_next", "Space"))),
        (_tr("5. Present"), _tr("Press {0} to present full screen with numbers large enough "
                                "for the back row; {1} leaves.").format(
                                    key(cl, "act_present", "F5"),
                                    key(cl, "act_leave", "Esc"))),
    ]


def should_show() -> bool:
    """True on the very first start, or when the user asked to see it at every start."""
    return (not settings.flag(settings.WELCOME_SHOWN)
            or settings.flag(settings.WELCOME_AT_START))


class WelcomeDialog(QDialog):
    """Examples on the left, the tour on the right; non-modal."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Chainwire"))
        intro = QLabel(self.tr(
            "<h2>Welcome to Chainwire</h2><p>Build a circuit of gates and read on every "
            "wire its value and the gradient flowing back: backpropagation you can "
            "touch.</p>"))
        intro.setWordWrap(True)
        self.examples = QListWidget()
        self.examples.setObjectName("welcomeExamples")
        for title, path in files.examples():
            item = QListWidgetItem(title)
            item.setData(Qt.UserRole, str(path))
            self.examples.addItem(item)
        self.examples.setCurrentRow(0)
        self.examples.itemActivated.connect(lambda _item: self.open_example())
        self.open_button = QPushButton(self.tr("&Open Example"))
        self.open_button.clicked.connect(self.open_example)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Start from an example</b>")))
        left.addWidget(self.examples, 1)
        left.addWidget(self.open_button)

        self.pages = QStackedWidget()
        for title, text in tour_steps(window):
            page = QLabel(f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>")
            page.setWordWrap(True)
            page.setAlignment(Qt.AlignTop | Qt.AlignLeft)
            self.pages.addWidget(page)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.position = QLabel()
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.pages.currentIndex() + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.position)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>A short tour</b>")))
        right.addWidget(self.pages, 1)
        right.addLayout(nav)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        self.at_start = QCheckBox(self.tr("Show this window at every start"))
        self.at_start.setChecked(settings.flag(settings.WELCOME_AT_START))
        self.at_start.toggled.connect(
            lambda on: settings.set_flag(settings.WELCOME_AT_START, on))
        close = QPushButton(self.tr("Start &Building"))
        close.setDefault(True)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.at_start)
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(body, 1)
        lay.addLayout(bottom)
        self.resize(720, 420)
        self.go(0)

    def go(self, index: int) -> None:
        """Show tour step ``index`` (clamped)."""
        index = max(0, min(self.pages.count() - 1, index))
        self.pages.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.pages.count() - 1)
        self.position.setText(self.tr("{0} / {1}").format(index + 1, self.pages.count()))

    def open_example(self) -> bool:
        """Open the chosen example in the window (as an untitled copy) and step aside."""
        item = self.examples.currentItem()
        if item is None:
            return False
        opened = self.window_.open_path(item.data(Qt.UserRole), example=True)
        if opened:
            self.close()
        return opened


def open_welcome(window: QWidget) -> WelcomeDialog:
    """Help → Welcome: show (or raise) the welcome; marks it as offered."""
    dialog = getattr(window, "welcome_dialog", None)
    if dialog is None:
        dialog = window.welcome_dialog = WelcomeDialog(window)
    settings.set_flag(settings.WELCOME_SHOWN, True)
    dialog.show()  # non-modal: the canvas stays usable beside it
    dialog.raise_()
    return dialog


def maybe_welcome(window: QWidget) -> WelcomeDialog | None:
    """At start-up (``app.main``): the welcome on a first start, else nothing."""
    return open_welcome(window) if should_show() else None
