"""What every item needs to know to paint: theme, fonts, decimals, geometry constants.

One ``Style`` lives on the scene; items read it when they paint, and the scene calls
``update()`` when it changes. Items hold no model state of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont

from chainwire.editor.i18n import with_hangul
from chainwire.editor.theme import DEFAULT_THEME, Theme, qcolor

GATE_RADIUS = 30.0
PORT_RADIUS = 6.5
PORT_SPACING = 22.0
INPUT_WIDTH = 92.0
INPUT_HEIGHT = 52.0
GRID = 20.0
FONT_FAMILY = "DejaVu Sans"  # with a Hangul-capable fallback when one is installed
# colour-blind-safe (value, gradient) text colours per theme: Okabe–Ito blue and vermilion,
# lightened for dark and darkened for light/projector backgrounds (see tests/editor/test_themes)
COLORBLIND = {"light": ("#0072b2", "#b34700"), "dark": ("#56b4e9", "#e69f00"),
              "projector": ("#00527f", "#8f3b00")}


@dataclass
class Style:
    theme: Theme = DEFAULT_THEME
    decimals: int = 2
    label_pt: float = 11.0  # wire labels at 100 % zoom
    symbol_pt: float = 17.0
    colorblind: bool = False  # values blue, gradients orange (Okabe–Ito) instead of green/red
    generation: int = 0  # bumped by the scene on every restyle, so labels re-apply fonts
    extras: dict = field(default_factory=dict)  # cached fonts, keyed by role and size

    def font(self, pt: float, bold: bool = False, italic: bool = False) -> QFont:
        f = with_hangul(QFont(FONT_FAMILY))  # labels may be Korean in any interface language
        f.setPointSizeF(pt)
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def value_font(self) -> QFont:
        key = ("value", self.label_pt)
        if key not in self.extras:
            self.extras[key] = self.font(self.label_pt, bold=True)
        return self.extras[key]

    def grad_font(self) -> QFont:
        # told apart by typography too, not only colour: gradients are italic
        key = ("grad", self.label_pt)
        if key not in self.extras:
            self.extras[key] = self.font(self.label_pt, bold=True, italic=True)
        return self.extras[key]

    def value_color(self) -> QColor:
        if self.colorblind:  # per theme, so text contrast holds (≥ 7:1 on the projector)
            return qcolor(COLORBLIND.get(self.theme.name, COLORBLIND["light"])[0])
        return self.theme.color("value_text")

    def grad_color(self) -> QColor:
        if self.colorblind:
            return qcolor(COLORBLIND.get(self.theme.name, COLORBLIND["light"])[1])
        return self.theme.color("grad_text")
