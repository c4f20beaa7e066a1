"""Images for slides: headless ``chainwire render`` and the export functions (issue 4)."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chainwire.editor import export
from chainwire.editor.document import Document
from chainwire.editor.overlay import ClassroomOverlay
from chainwire.editor.render_cli import main
from chainwire.editor.scene import CircuitScene
from chainwire.graph import fileio

ROOT = Path(__file__).resolve().parents[2]
NEURON = ROOT / "resources" / "examples" / "neuron.chainwire"


@pytest.fixture
def neuron_file(tmp_path) -> Path:
    from tests.editor.test_classroom import neuron
    path = tmp_path / "neuron.chainwire"
    fileio.save(neuron(), path)
    return path


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def svg_text(path: Path) -> str:
    """The words an SVG shows (its text elements), not its path coordinates."""
    root = ET.parse(path).getroot()
    return " ".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))


def test_render_png_svg_pdf(qapp, neuron_file, tmp_path):
    png, svg, pdf = (tmp_path / f"out.{e}" for e in ("png", "svg", "pdf"))
    assert main([str(neuron_file), "-o", str(png)]) == 0
    w, h = png_size(png)
    assert w > 600 and h > 400
    assert main([str(neuron_file), "-o", str(png), "--scale", "1"]) == 0
    assert png_size(png)[0] == pytest.approx(w / 2, abs=2)
    assert main([str(neuron_file), "-o", str(svg), "--theme", "projector"]) == 0
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text("utf-8")
    assert "0.73" in text and "0.20" in text and "-0.39" in text
    assert main([str(neuron_file), "-o", str(pdf), "--theme", "dark"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 1000


def test_render_a_step(qapp, neuron_file, tmp_path):
    start, first_back = tmp_path / "s0.svg", tmp_path / "s5.svg"
    assert main([str(neuron_file), "-o", str(start), "--step", "0"]) == 0
    assert main([str(neuron_file), "-o", str(first_back), "--step", "5"]) == 0
    assert "0.73" not in svg_text(start)  # f not computed yet at the start
    back = svg_text(first_back)
    # the callout's text (the SVG splits it into runs where the font falls back)
    assert "0.73" in back and "σ(1−σ)" in back and "0.20 × 1.00 = " in back
    assert main([str(neuron_file), "-o", str(tmp_path / "last.png"), "--step", "-1"]) == 0


@pytest.mark.parametrize("args, message", [
    (["missing.chainwire", "-o", "x.png"], "cannot read 'missing.chainwire'"),
    (["{f}", "-o", "x.gif"], "cannot tell the image format"),
    (["{f}", "-o", "x.png", "--step", "99"], "--step 99 is out of range"),
    (["{f}", "-o", "x.png", "--theme", "neon"], "invalid choice"),
    (["{f}"], "required: -o/--output"),
    (["{f}", "-o", "/nonexistent-dir/x.png"], "cannot write"),
])
def test_render_errors_are_one_line(qapp, neuron_file, capsys, args, message):
    args = [a.replace("{f}", str(neuron_file)) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: ") and message in err
    assert err.count("\n") == 1


def test_render_refuses_a_bad_circuit_file(qapp, tmp_path, capsys):
    bad = tmp_path / "bad.chainwire"
    bad.write_text('{"format": "chainwire", "version": 1, "nodes": 3}', "utf-8")
    assert main([str(bad), "-o", str(tmp_path / "x.png")]) == 2
    assert capsys.readouterr().err.startswith("chainwire: error: ")


def test_export_every_step_and_restore_state(qapp, tmp_path):
    from tests.editor.test_classroom import neuron
    doc = Document(neuron())
    scene = CircuitScene(doc)
    overlay = ClassroomOverlay(scene)
    paths = export.export_steps(scene, overlay, str(tmp_path), "neuron", 0.5)
    assert [Path(p).name for p in paths] == [f"neuron-{i:02d}.png" for i in range(9)]
    assert all(png_size(Path(p)) for p in paths)
    assert not overlay.stepping and scene.label_filter is None
    scene.show_grid = True
    node = next(iter(scene.nodes.values()))
    node.setSelected(True)
    image = export.copy_image(scene, 1.0)
    assert not image.isNull()
    assert scene.show_grid and node.isSelected()  # restored after rendering
    scene.detach()
