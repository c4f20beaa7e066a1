"""Colour themes, read from ``resources/themes/*.json`` (data, never code).

A theme is a flat mapping of role → colour. Items ask the scene's current theme for
colours when they paint, so switching themes is one ``update()``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from PySide6.QtGui import QColor

THEME_ROLES = (
    "background", "grid", "node_fill", "node_border", "node_text", "input_fill",
    "output_border", "wire", "value_text", "grad_text", "label_bg", "selection", "port_fill",
    "port_highlight", "warn", "highlight", "callout_bg", "callout_text", "positive", "negative",
)


def qcolor(text: str) -> QColor:
    """'#rrggbb' or '#rrggbbaa' (CSS order, alpha last) as a QColor."""
    text = text.strip()
    if len(text) == 9 and text.startswith("#"):
        c = QColor(text[:7])
        c.setAlpha(int(text[7:], 16))
        return c
    return QColor(text)


@dataclass(frozen=True)
class Theme:
    name: str
    title: str
    colors: dict[str, str]

    def color(self, role: str) -> QColor:
        """The role's colour; parsed once (paint() asks for colours thousands of times)."""
        cache = _COLOR_CACHE.get(id(self))
        if cache is None:
            cache = _COLOR_CACHE[id(self)] = {}
        c = cache.get(role)
        if c is None:
            c = cache[role] = qcolor(self.colors[role])
        return c


_COLOR_CACHE: dict[int, dict[str, QColor]] = {}


def _load_theme(name: str) -> Theme:
    themes = resources.files("chainwire.resources").joinpath("themes")
    text = themes.joinpath(f"{name}.json").read_text("utf-8")
    data = json.loads(text)
    missing = [r for r in THEME_ROLES if r not in data]
    if missing:
        raise ValueError(f"theme {name!r} lacks {', '.join(missing)}")
    return Theme(data["name"], data.get("title", name), {r: data[r] for r in THEME_ROLES})


THEME_NAMES = ("light", "dark", "projector")
THEMES: dict[str, Theme] = {n: _load_theme(n) for n in THEME_NAMES}
DEFAULT_THEME = THEMES["light"]

__all__ = ["DEFAULT_THEME", "THEMES", "THEME_NAMES", "THEME_ROLES", "Theme", "qcolor"]
