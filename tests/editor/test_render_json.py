"""``chainwire render FILE -o OUT.json [--step N] [--theme T] [--size WxH]``: what would be
drawn, in screen pixels (issue 10), and ``--size`` framing for images."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from chainwire.editor.render_cli import main
from tests.editor.test_teaching_view import (
    arithmetic_errors,
    callouts_off_screen,
    label_collisions,
    wires_through_gates,
)

ROOT = Path(__file__).resolve().parents[2]
STAGED = ROOT / "resources" / "examples" / "staged.chainwire"
NEURON = ROOT / "resources" / "examples" / "neuron.chainwire"


def render(tmp_path, *args: str, name: str = "out.json") -> dict:
    out = tmp_path / name
    assert main([*args, "-o", str(out)]) == 0
    return json.loads(out.read_text("utf-8"))


def test_json_describes_every_gate_wire_and_label(qapp, tmp_path):
    geo = render(tmp_path, str(STAGED))
    assert geo["format"] == "chainwire-geometry" and geo["version"] == 1
    assert geo["viewport"] == [0, 0, 1920, 1080]  # the default screen
    assert geo["step"] is None and geo["callouts"] == []
    ids = {g["id"] for g in geo["gates"]}
    assert ids == {"x", "y", "sigy", "num", "sigx", "xpy", "xpysqr", "den", "invden", "f"}
    for g in geo["gates"]:
        x, y, w, h = g["rect"]
        assert w > 0 and h > 0 and g["shape"] in ("box", "circle")
        assert {p["port"] for p in g["ports"]} >= {"out"}
    wires = [(w["from"], w["to"], w["port"]) for w in geo["wires"]]
    assert ("x", "num", 0) in wires and ("f", None, None) in wires  # the output stub
    assert all(len(w["polyline"]) >= 2 for w in geo["wires"])
    # every wire carries its value and its gradient, as the notes draw them
    kinds = {(tuple(label["wire"].values()), label["kind"]) for label in geo["labels"]}
    assert kinds == {(w, k) for w in wires for k in ("value", "gradient")}
    f = next(x for x in geo["labels"] if x["wire"]["from"] == "f" and x["kind"] == "value")
    assert f["text"] == "1.55"
    # in screen pixels: everything drawn lies in the viewport when the whole circuit shows
    assert geo["camera"]["whole"]
    for label in geo["labels"]:
        x, y, w, h = label["rect"]
        assert 0 <= x and x + w <= 1920 and 0 <= y and y + h <= 1080
    assert wires_through_gates(geo) == [] and label_collisions(geo) == []


def test_json_at_a_backward_step_follows_the_gate(qapp, tmp_path):
    geo = render(tmp_path, str(STAGED), "--step", "-1", "--size", "1280x720",
                 "--theme", "projector")
    assert geo["viewport"] == [0, 0, 1280, 720] and geo["theme"] == "projector"
    step = geo["step"]
    assert step["phase"] == "backward" and step["text"].startswith("backward")
    gate = next(g for g in geo["gates"] if g["id"] == step["gate"])
    x, y, w, h = gate["rect"]
    assert 0 <= x and x + w <= 1280 and 0 <= y and y + h <= 720  # the step's gate in view
    assert geo["callouts"] and callouts_off_screen(geo) == []
    assert arithmetic_errors(geo) == []
    # the camera follows: labels as tall as the back row needs
    assert not geo["camera"]["whole"] and geo["camera"]["fits"]
    assert geo["camera"]["label_px"] >= 0.04 * 720
    for c in geo["callouts"]:
        assert c["wire"] is not None and c["text"].count("=") + c["text"].count("≈") == 2


def test_a_small_circuit_shows_whole_with_big_labels(qapp, tmp_path):
    path = ROOT / "resources" / "examples" / "add-multiply.chainwire"
    geo = render(tmp_path, str(path), "--step", "3")
    assert geo["camera"]["whole"] and geo["camera"]["fits"]
    assert min(label["rect"][3] for label in geo["labels"]) >= 0.04 * 1080


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_size_frames_an_image_like_the_screen(qapp, tmp_path):
    out = tmp_path / "slide.png"
    assert main([str(NEURON), "-o", str(out), "--step", "5", "--size", "1280x720",
                 "--theme", "projector"]) == 0
    assert png_size(out) == (1280, 720)
    svg = tmp_path / "slide.svg"
    assert main([str(NEURON), "-o", str(svg), "--size", "800x600"]) == 0
    assert 'width="800' in svg.read_text("utf-8")


@pytest.mark.parametrize("size", ["1920", "axb", "10x10", "1920x99999"])
def test_bad_sizes_are_one_line_errors(qapp, tmp_path, capsys, size):
    assert main([str(NEURON), "-o", str(tmp_path / "x.json"), "--size", size]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: ") and "--size" in err and err.count("\n") == 1
