"""Issue 11 in the Qt half: ``chainwire render`` answers every hostile but valid file with
one message within a bounded cost (a 20,000-gate chain, positions near 1.8e308, a huge
PNG, a FIFO as output), and the editor's Open and Save share the engine's file checks:
a FIFO is refused at once, a failed save loses nothing, start-up clears dead temps."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chainwire.editor import recovery
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.fileio import targets

LIMIT_MB = 300
pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"),
                                reason="peak RSS from /proc")


def chain(n: int) -> Circuit:
    c = Circuit()
    c.add_node("input", "x", value=0.5, pos=(0, 0))
    prev = "x"
    for i in range(n):
        c.add_node("sigmoid" if i % 2 else "scale", f"g{i}", pos=(160.0 * (i + 1), 0),
                   param=None if i % 2 else 0.9)
        c.connect(prev, f"g{i}", 0)
        prev = f"g{i}"
    return c


RUN = """
import os, sys
from chainwire.entry import main
code = main(sys.argv[1:])
with open("/proc/self/status") as f:  # VmHWM: ru_maxrss would carry pytest's own peak
    hwm = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
with open(os.environ["HWM_FILE"], "w") as f:
    f.write(hwm)
sys.exit(code)
"""


def render(*argv: str) -> tuple[int, str, float, int]:
    """Run ``chainwire render`` in a child: status, stderr, seconds, peak RSS in MB."""
    hwm = Path(argv[argv.index("-o") + 1]).with_name("hwm.txt")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HWM_FILE": str(hwm)}
    t0 = time.monotonic()
    child = subprocess.run([sys.executable, "-c", RUN, "render", *argv], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    return (child.returncode, child.stderr.decode(), time.monotonic() - t0,
            int(hwm.read_text()) // 1024)


def assert_one_error(code: int, err: str, *words: str) -> None:
    assert code == 2 and err.startswith("chainwire: error: ") and err.count("\n") == 1, err
    for w in words:
        assert w in err, err


@pytest.fixture(scope="module")
def chain_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chains")
    big, small = folder / "chain20000.chainwire", folder / "chain2000.chainwire"
    fileio.save(chain(20_000), big)
    fileio.save(chain(2_000), small)
    return big, small


@pytest.mark.parametrize("out", ["x.svg", "x.png", "x.pdf"])
def test_render_of_a_20000_gate_chain_answers_within_300_mb(chain_files, tmp_path, out):
    """It took 37 s and 1.2 GB (SVG, last step) before; now one message, at once."""
    code, err, seconds, mb = render(str(chain_files[0]), "-o", str(tmp_path / out),
                                    "--step", "-1")
    assert_one_error(code, err, "20,001 nodes are more than render draws")
    assert mb < LIMIT_MB and seconds < 20, (mb, seconds)


def test_render_of_a_2000_gate_chain_at_its_last_step_stays_under_300_mb(chain_files,
                                                                          tmp_path):
    out = tmp_path / "chain.pdf"
    code, err, seconds, mb = render(str(chain_files[1]), "-o", str(out), "--step", "-1")
    assert (code, err) == (0, "")
    assert out.stat().st_size > 0 and mb < LIMIT_MB and seconds < 30, (mb, seconds)
    code, err, _s, mb = render(str(chain_files[1]), "-o", str(tmp_path / "c.png"))
    assert_one_error(code, err, "at least 640,000 × 1 pixels", "smaller --scale")
    assert mb < LIMIT_MB


def far_file(folder: Path, x: float, span: float = 100.0) -> Path:
    c = Circuit()
    c.add_node("input", "x", value=1.0, pos=(-x, 0))
    c.add_node("square", "f", pos=(x, span))
    c.connect("x", "f", 0)
    p = folder / "far.chainwire"
    fileio.save(c, p)
    return p


@pytest.mark.parametrize("x, out, words", [
    (1.7e308, "o.png", "too far out to draw"),  # was an OverflowError traceback
    (1.7e308, "o.svg", "too far out to draw"),
    (1e300, "o.pdf", "too far out to draw"),
    (5e6, "o.png", "pixels"),  # was a hang allocating a 20,000,000-pixel-wide image
])
def test_render_of_positions_that_overflow_is_one_message(tmp_path, x, out, words):
    code, err, seconds, mb = render(str(far_file(tmp_path, x)), "-o", str(tmp_path / out))
    assert_one_error(code, err, words)
    assert seconds < 20 and mb < LIMIT_MB
    assert not (tmp_path / out).exists()


def test_render_into_a_fifo_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "slide.png"
    os.mkfifo(fifo)
    code, err, seconds, _mb = render(str(far_file(tmp_path, 100.0)), "-o", str(fifo))
    assert_one_error(code, err, "named pipe")
    assert seconds < 20


# ----- the editor: Open and Save ----------------------------------------------------------
def test_opening_a_fifo_is_refused_at_once_and_changes_nothing(window, tmp_path, no_dialogs):
    fifo = tmp_path / "pipe.chainwire"
    os.mkfifo(fifo)
    before = fileio.dumps(window.doc.circuit)
    t0 = time.monotonic()
    assert not window.open_path(str(fifo), ask=False)  # used to freeze the window forever
    assert time.monotonic() - t0 < 5
    assert fileio.dumps(window.doc.circuit) == before
    assert any("named pipe" in text for _kind, text in no_dialogs), no_dialogs


@pytest.mark.parametrize("kind", ["fifo", "read_only"])
def test_a_refused_save_says_why_and_loses_nothing(window, tmp_path, no_dialogs, monkeypatch,
                                                    kind):
    p = tmp_path / "c.chainwire"
    if kind == "fifo":
        os.mkfifo(p)
    else:
        p.write_text("old")
        p.chmod(0o444)
        monkeypatch.setattr(targets.os, "access", lambda *a, **k: False)  # as a user would
    window.doc.circuit.add_node("input", "extra", value=1.0, pos=(0, 0))
    work = fileio.dumps(window.doc.circuit)
    assert not window.save_to(str(p))
    assert window.doc.modified or window.doc.path != str(p)
    assert fileio.dumps(window.doc.circuit) == work
    words = "named pipe" if kind == "fifo" else "read-only"
    assert any(words in text for _kind, text in no_dialogs), no_dialogs
    if kind == "read_only":
        assert p.read_text() == "old"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_start_up_removes_temp_files_of_dead_autosaves(data_dir):
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    dead = folder / f"{targets.temp_prefix('abc.chainwire', child.pid)}x1y2z3w4.tmp"
    mine = folder / f"{targets.temp_prefix('def.chainwire')}x1y2z3w4.tmp"
    dead.write_text("{")
    mine.write_text("{")
    assert recovery.find_recoverable() == []
    assert not dead.exists() and mine.exists()  # ours may be a live write


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data"
