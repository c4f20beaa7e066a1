"""Faults injected into saving and opening, through the editor (issue 5, part 4).

Promise: one clear message, the old file byte-identical, the document still modified and
savable elsewhere; a bad file opened in the editor changes nothing. These tests run as
root here, so permission faults are injected (PermissionError), never set up with chmod.
The loader fuzzing at the end checks that only ``FileFormatError`` escapes ``loads``.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QFileDialog

from chainwire.editor import recovery
from chainwire.editor.window import MainWindow
from chainwire.graph import fileio
from chainwire.graph.errors import FileFormatError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "add-multiply.chainwire"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.DATA_DIR_ENV, str(tmp_path / "data"))


@pytest.fixture
def lesson(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    path = folder / "lesson.chainwire"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


@pytest.fixture
def edited(qtbot, no_dialogs, lesson):
    """A window showing ``lesson``, with one unsaved edit."""
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(str(lesson))
    win.controller.add_gate("input", QPointF(0, 200))
    assert win.doc.modified
    yield win
    win.doc.undo_stack.setClean()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _assert_failed_safely(win: MainWindow, lesson: Path, old: bytes, shown: list) -> None:
    assert lesson.read_bytes() == old, "the old file changed"
    assert win.doc.modified and win.isWindowModified()
    assert win.doc.path == str(lesson)
    criticals = [t for kind, t in shown if kind == "critical"]
    assert len(criticals) == 1 and "lesson.chainwire" in criticals[0]
    assert "Save failed" in win.statusBar().currentMessage()
    assert _leftovers(lesson.parent) == []


def _assert_savable_elsewhere(win: MainWindow, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere.chainwire"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    win.act_save_as.trigger()
    assert not win.doc.modified and fileio.load(elsewhere) == win.doc.circuit


# ----- injected errors during Save ------------------------------------------------------
def _fail_write(real):
    def write(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")
    return write


def _short_write(real):
    def write(fd, data):  # half goes through, then nothing: what a full disk does
        n = len(data) // 2
        return real(fd, bytes(data[:n])) if n else 0
    return write


def _fail_fsync(real):
    def fsync(fd):
        raise OSError(errno.EIO, "Input/output error")
    return fsync


def _fail_replace_onto(target: Path):
    real = os.replace

    def replace(src, dst, *a, **k):
        if os.path.realpath(dst) == os.path.realpath(target):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real(src, dst, *a, **k)
    return replace


@pytest.mark.parametrize("fault", ["write", "short-write", "fsync", "replace", "read-only"])
def test_injected_fault_during_save(fault, edited, lesson, no_dialogs, tmp_path, monkeypatch):
    old = lesson.read_bytes()
    with monkeypatch.context() as m:
        if fault == "write":
            m.setattr(os, "write", _fail_write(os.write))
        elif fault == "short-write":
            m.setattr(os, "write", _short_write(os.write))
        elif fault == "fsync":
            m.setattr(os, "fsync", _fail_fsync(os.fsync))
        elif fault == "replace":
            m.setattr(os, "replace", _fail_replace_onto(lesson))
        else:  # a read-only folder, as seen by a non-root user
            def mkstemp(*a, **k):
                raise PermissionError(errno.EACCES, "Permission denied")
            m.setattr(tempfile, "mkstemp", mkstemp)
        edited.act_save.trigger()
    _assert_failed_safely(edited, lesson, old, no_dialogs)
    _assert_savable_elsewhere(edited, tmp_path, monkeypatch)


def test_saving_onto_a_folder(edited, lesson, no_dialogs, tmp_path, monkeypatch):
    folder = tmp_path / "folder.chainwire"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me")
    assert not edited.save_to(str(folder))
    assert folder.is_dir() and (folder / "inside.txt").read_text() == "keep me"
    (msg,) = [t for kind, t in no_dialogs if kind == "critical"]
    assert "folder" in msg
    assert edited.doc.modified and edited.doc.path == str(lesson)
    _assert_savable_elsewhere(edited, tmp_path, monkeypatch)


def test_file_deleted_under_us_is_simply_written_again(edited, lesson, no_dialogs):
    lesson.unlink()
    edited.act_save.trigger()
    assert not edited.doc.modified and fileio.load(lesson) == edited.doc.circuit
    assert not Path(str(lesson) + ".bak").exists()
    assert [k for k, _t in no_dialogs if k == "critical"] == []


def test_folder_deleted_under_us(edited, lesson, no_dialogs, tmp_path, monkeypatch):
    lesson.unlink()
    lesson.parent.rmdir()
    edited.act_save.trigger()
    (msg,) = [t for kind, t in no_dialogs if kind == "critical"]
    assert "does not exist" in msg
    assert edited.doc.modified
    _assert_savable_elsewhere(edited, tmp_path, monkeypatch)


def test_disk_full_in_a_real_process(lesson, tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse writes past a size (EFBIG), like a full disk:
    the editor's own Save, in a process of its own, with a circuit too big to fit."""
    resource = pytest.importorskip("resource")
    assert resource  # the child imports it again
    script = textwrap.dedent("""
        import json, os, resource, signal, sys
        from PySide6.QtCore import QPointF
        from PySide6.QtWidgets import QApplication, QMessageBox
        app = QApplication([])
        from chainwire.editor.window import MainWindow
        shown = []
        QMessageBox.critical = staticmethod(lambda *a, **k: shown.append(a[2]))
        path, elsewhere = sys.argv[1], sys.argv[2]
        win = MainWindow()
        assert win.open_path(path)
        for i in range(60):
            win.controller.add_gate("input", QPointF(i, 300))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, not a kill
        limit = os.path.getsize(path) + 2048
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        saved = win.save()
        after = {"saved": saved, "shown": shown, "modified": win.doc.modified}
        resource.setrlimit(resource.RLIMIT_FSIZE,
                          (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        after["elsewhere"] = win.save_to(elsewhere)
        win.doc.undo_stack.setClean()
        print(json.dumps(after))
    """)
    old = lesson.read_bytes()
    elsewhere = tmp_path / "elsewhere.chainwire"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               CHAINWIRE_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", script, str(lesson), str(elsewhere)],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["saved"] is False and result["modified"] is True
    assert len(result["shown"]) == 1 and "lesson.chainwire" in result["shown"][0]
    assert "too large" in result["shown"][0] or "disk" in result["shown"][0], result
    assert lesson.read_bytes() == old
    assert _leftovers(lesson.parent) == []
    assert Path(str(lesson) + ".bak").read_bytes() == old  # the backup fitted
    assert result["elsewhere"] is True and len(fileio.load(elsewhere)) == 5 + 60


# ----- bad files opened in the editor ----------------------------------------------------
VALID = json.loads(EXAMPLE.read_text())


def _with(**changes) -> str:
    d = json.loads(json.dumps(VALID))
    d.update(changes)
    return json.dumps(d)


BAD_FILES: dict[str, bytes | None] = {
    "empty": b"",
    "whitespace": b"  \n\t ",
    "not json": b"hello, teacher",
    "truncated": EXAMPLE.read_bytes()[:200],
    "not utf-8": b'{"format": "chainwire", "title": "\xff\xfe\xfa"}',
    "utf-16": EXAMPLE.read_text().encode("utf-16"),
    "a json list": b"[1, 2, 3]",
    "wrong format name": _with(format="graphviz").encode(),
    "newer version": _with(version=99).encode(),
    "no nodes": json.dumps({"format": "chainwire", "version": 1}).encode(),
    "duplicate id": _with(nodes=VALID["nodes"] + [VALID["nodes"][0]]).encode(),
    "unknown gate": _with(nodes=[{"id": "a", "type": "tanhh", "pos": [0, 0]}],
                          wires=[], output=None).encode(),
    "dangling wire": _with(wires=VALID["wires"] + [{"from": "ghost", "to": "f",
                                                     "port": 2}]).encode(),
    "two wires into a port": _with(wires=VALID["wires"] + [{"from": "x", "to": "f",
                                                             "port": 0}]).encode(),
    "cycle": _with(wires=VALID["wires"] + [{"from": "f", "to": "q", "port": 2}]).encode(),
    "NaN value": EXAMPLE.read_bytes().replace(b'"value": -2.0', b'"value": NaN'),
    "huge number": EXAMPLE.read_bytes().replace(b'"value": -2.0', b'"value": 1e999'),
    "duplicate key": EXAMPLE.read_bytes().replace(b'"format": "chainwire"',
                                                  b'"format": "chainwire", '
                                                  b'"format": "chainwire"', 1),
    "too deep": ('{"format": "chainwire", "version": 1, "nodes": [], "x": '
                 + "[" * 500 + "]" * 500 + "}").encode(),
    "output names no node": _with(output="nobody").encode(),
    "a folder": None,
    "missing": None,
    "unreadable": None,
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_changes_nothing(kind, qtbot, no_dialogs, tmp_path, monkeypatch):
    win = MainWindow()
    qtbot.addWidget(win)
    good = tmp_path / "good.chainwire"
    good.write_bytes(EXAMPLE.read_bytes())
    assert win.open_path(str(good))
    x = win.controller.add_gate("input", QPointF(0, 300))
    win.controller.set_value_text(x, "7")  # an edit with history to keep
    before = (win.doc.circuit.copy(), win.doc.undo_stack.count(), win.doc.undo_stack.index(),
              win.windowTitle(), win.doc.path, win.doc.modified, set(win.scene.nodes))

    bad = tmp_path / f"bad{fileio.EXTENSION}"
    content = BAD_FILES[kind]
    if content is not None:
        bad.write_bytes(content)
    elif kind == "a folder":
        bad.mkdir()
    elif kind == "unreadable":  # as root chmod would not stop us: inject it
        bad.write_bytes(EXAMPLE.read_bytes())
        real_open = open

        def deny(file, *a, **k):
            if os.fspath(file) == str(bad):
                raise PermissionError(errno.EACCES, "Permission denied", str(bad))
            return real_open(file, *a, **k)
        monkeypatch.setattr("builtins.open", deny)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    win.act_open.trigger()  # asks Save/Discard first: no_dialogs answers Discard

    after = (win.doc.circuit, win.doc.undo_stack.count(), win.doc.undo_stack.index(),
             win.windowTitle(), win.doc.path, win.doc.modified, set(win.scene.nodes))
    assert after == before
    criticals = [t for k, t in no_dialogs if k == "critical"]
    assert len(criticals) == 1 and "bad.chainwire" in criticals[0]
    assert "unchanged" in criticals[0]
    win.doc.undo_stack.undo()  # the history still works
    assert win.doc.circuit.node(x).value == 0.0


# ----- loader fuzzing ----------------------------------------------------------------------
FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
VALID_BYTES = EXAMPLE.read_bytes()


def _load_or_refuse(data: bytes | str) -> None:
    """Either a circuit that survives a round trip, or FileFormatError. Nothing else."""
    try:
        c = fileio.loads(data, source="fuzz")
    except FileFormatError as e:
        assert str(e).startswith("fuzz")
        return
    assert fileio.loads(fileio.dumps(c)) == c


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(data):
    _load_or_refuse(data)


@FUZZ
@given(st.text(max_size=300))
def test_fuzz_random_text(text):
    _load_or_refuse(text)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["flip", "delete", "insert", "cut"]),
                          st.integers(0, len(VALID_BYTES) - 1), st.binary(min_size=1,
                                                                          max_size=4)),
                min_size=1, max_size=6))
def test_fuzz_mutated_valid_bytes(mutations):
    data = bytearray(VALID_BYTES)
    for op, at, junk in mutations:
        at %= max(1, len(data))
        if op == "flip" and data:
            data[at] ^= junk[0] or 1
        elif op == "delete":
            del data[at:at + len(junk)]
        elif op == "insert":
            data[at:at] = junk
        else:
            del data[at:]
    _load_or_refuse(bytes(data))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=12)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


ALL_PATHS = [p for p in _paths(VALID) if p]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), st.booleans(), json_values),
                min_size=1, max_size=4))
def test_fuzz_structurally_mutated_files(mutations):
    """Replace or delete values anywhere in a valid file: wrong types, NaN, huge ints,
    missing keys, nested junk."""
    d = json.loads(json.dumps(VALID))
    for path, delete, value in mutations:
        parent = d
        try:
            for key in path[:-1]:
                parent = parent[key]
            if delete:
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    _load_or_refuse(json.dumps(d))  # json.dumps writes NaN/Infinity: refused, not crashed
