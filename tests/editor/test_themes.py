"""Themes: contrast computed from the theme files, and projector-sized labels (issue 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chainwire.editor.style import COLORBLIND

ROOT = Path(__file__).resolve().parents[2]
THEMES = ROOT / "resources" / "themes"
TEXT_ROLES = ("node_text", "value_text", "grad_text", "callout_text", "warn", "output_border")
BACKGROUNDS = ("background", "label_bg", "callout_bg", "node_fill", "input_fill")


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb' (an alpha suffix is ignored)."""
    h = hex_colour.lstrip("#")[:6]
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def load(name: str) -> dict:
    return json.loads((THEMES / f"{name}.json").read_text("utf-8"))


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name, minimum", [("projector", 7.0), ("light", 4.5), ("dark", 4.5)])
def test_text_contrast(name, minimum):
    t = load(name)
    for bg in BACKGROUNDS:
        assert not t[bg][7:] or t[bg][7:] in ("ff", "d9"), "translucent backgrounds stay near"
        for fg in TEXT_ROLES:
            assert contrast(t[fg], t[bg]) >= minimum, (name, fg, bg)


@pytest.mark.parametrize("name, minimum", [("projector", 7.0), ("light", 4.5), ("dark", 4.5)])
def test_colorblind_palette_keeps_the_contrast(name, minimum):
    t = load(name)
    for colour in COLORBLIND[name]:
        for bg in BACKGROUNDS:
            assert contrast(colour, t[bg]) >= minimum, (name, colour, bg)


def test_value_and_gradient_differ_beyond_colour(qapp):
    from chainwire.editor.style import Style
    s = Style()
    assert s.grad_font().italic() and not s.value_font().italic()


PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QFontMetricsF
app = QApplication([])
from chainwire.editor.window import MainWindow
from tests.editor.test_classroom import neuron
w = MainWindow(neuron())
w.show()
app.processEvents()
w.classroom.act_present.trigger()
for _ in range(5):
    app.processEvents()
w.classroom.overlay.go(w.classroom.overlay.last)  # every label shown
w.classroom.presenter.settle()  # the camera's glide ends
view, scene = w.view, w.scene
out = {"screen": [w.screen().geometry().width(), w.screen().geometry().height()],
       "window": [w.width(), w.height()], "labels": [], "symbol_px": 0, "theme":
       scene.style.theme.name}
for item in list(scene.wire_items.values()) + [scene.stub]:
    for label in (item.value_label, item.grad_label):
        if label.isVisible():
            # the font's pixel height mapped to the screen: line height x view scale
            h = QFontMetricsF(label.font()).height() * view.transform().m22()
            out["labels"].append(h)
node = scene.nodes["w0x0"]
f = scene.style.font(scene.style.symbol_pt, bold=True)
out["symbol_px"] = QFontMetricsF(f).height() * view.transform().m22()
w.classroom.act_labels_bigger.trigger()
w.classroom.presenter.settle()
label = scene.stub.value_label
out["bigger"] = QFontMetricsF(label.font()).height() * view.transform().m22()
w.doc.undo_stack.setClean()
print(json.dumps(out))
"""


def test_presentation_labels_are_4_percent_of_a_1080p_projector(tmp_path):
    """Runs in its own process: the offscreen screen's size is fixed per process."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "projector", "x": 0, "y": 0,
                                               "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(ROOT))
    env.pop("DISPLAY", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["screen"] == [1920, 1080] and out["window"] == [1920, 1080]
    assert out["theme"] == "projector"
    assert len(out["labels"]) == 9 * 2
    assert min(out["labels"]) >= 0.04 * 1080
    assert out["symbol_px"] >= 1.4 * min(out["labels"])  # gate symbols in proportion
    assert out["bigger"] == pytest.approx(1.15 * min(out["labels"]), rel=0.05)
