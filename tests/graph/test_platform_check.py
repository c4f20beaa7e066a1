"""The first-launch check: which system libraries Qt's window plugin lacks, without Qt.

``ldd`` is replaced by canned output (taken from a fresh Debian 12 with PySide6 6.11),
so these tests run the same on any machine and never need a display.
"""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

import chainwire.editor.platform_check as pc

# `ldd libqxcb.so libQt6XcbQpa.so.6` on Debian 12 before libxcb-icccm4/libxcb-keysyms1
FRESH_DEBIAN = """\
/x/Qt/plugins/platforms/libqxcb.so:
\tlinux-vdso.so.1 (0x00007fdbeeda4000)
\tlibQt6XcbQpa.so.6 => /x/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007fdb)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007fdbeec46000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007fdbeebec000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007fdbeeda6000)
/x/Qt/lib/libQt6XcbQpa.so.6:
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fdbece1e000)
"""
ALL_FOUND = """\
\tlibxcb-icccm.so.4 => /lib/x86_64-linux-gnu/libxcb-icccm.so.4 (0x00007f0000000000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0000000000)
"""
WAYLAND_MISSING = "\tlibwayland-cursor.so.0 => not found\n"
X11 = {"DISPLAY": ":0"}


@pytest.fixture
def pyside(tmp_path, monkeypatch):
    """A stand-in PySide6 folder holding (empty) plugin files, found instead of the real one."""
    for rel in pc.XCB_FILES + pc.WAYLAND_FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    monkeypatch.setattr(pc, "_pyside6_dir", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def ldd(monkeypatch, pyside):
    """Replace the ldd runner: set ``.outputs[plugin file name]``; ``.calls`` records runs."""

    class FakeLdd:
        def __init__(self):
            self.outputs: dict[str, str | None] = {}
            self.calls: list[list[str]] = []

        def __call__(self, paths):
            self.calls.append(list(paths))
            return self.outputs.get(Path(paths[0]).name, ALL_FOUND)

    fake = FakeLdd()
    monkeypatch.setattr(pc, "run_ldd", fake)
    return fake


def test_missing_libraries_give_the_package_names_and_the_apt_get_line(ldd):
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    message = pc.missing_platform_libraries(X11, "linux")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message  # each once
    assert message.endswith("sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")
    assert "\n" not in message
    # both of Qt's xcb files are handed to ldd (the plugin and its QPA library)
    assert [Path(p).name for p in ldd.calls[0]] == ["libqxcb.so", "libQt6XcbQpa.so.6"]


def test_nothing_missing_is_none(ldd):
    assert pc.missing_platform_libraries(X11, "linux") is None
    assert len(ldd.calls) == 1


def test_unknown_sonames_are_listed_as_they_are(ldd):
    ldd.outputs["libqxcb.so"] = ("\tlibxcb-cursor.so.0 => not found\n"
                                 "\tlibfancy-new.so.3 => not found\n")
    message = pc.missing_platform_libraries(X11, "linux")
    assert message.endswith("sudo apt-get install -y libxcb-cursor0 libfancy-new.so.3")


@pytest.mark.parametrize("platform", ["offscreen", "wayland", "minimal", "wayland;xcb", "vnc"])
def test_another_qt_platform_is_not_checked(ldd, platform):
    env = {**X11, "QT_QPA_PLATFORM": platform}
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    assert pc.missing_platform_libraries(env, "linux") is None
    assert ldd.calls == []  # ldd never ran


@pytest.mark.parametrize("platform", ["xcb", "XCB", " xcb:nograb"])
def test_an_explicit_xcb_is_checked(ldd, platform):
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    message = pc.missing_platform_libraries({**X11, "QT_QPA_PLATFORM": platform}, "linux")
    assert "libxcb-icccm4" in message


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_other_systems_are_not_checked(ldd, platform):
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    assert pc.missing_platform_libraries(X11, platform) is None
    assert ldd.calls == []


def test_no_display_at_all_says_so_without_running_ldd(ldd):
    message = pc.missing_platform_libraries({}, "linux")
    assert message.startswith("no display") and "DISPLAY" in message
    assert "chainwire render" in message and ldd.calls == []
    explicit = pc.missing_platform_libraries({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert "QT_QPA_PLATFORM=xcb but DISPLAY is not set" in explicit


def test_wayland_session_is_blocked_only_when_no_plugin_can_load(ldd):
    session = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    assert pc.missing_platform_libraries(session, "linux") is None  # wayland loads
    ldd.outputs["libqwayland.so"] = WAYLAND_MISSING
    ldd.outputs["libqxcb.so"] = ALL_FOUND
    assert pc.missing_platform_libraries(session, "linux") is None  # XWayland loads
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    both = pc.missing_platform_libraries(session, "linux")
    assert both.endswith(
        "sudo apt-get install -y libwayland-cursor0 libxcb-icccm4 libxcb-keysyms1")
    assert "wayland and xcb platform plugins need" in both
    only_wayland = pc.missing_platform_libraries({"XDG_SESSION_TYPE": "wayland"}, "linux")
    assert only_wayland.endswith("sudo apt-get install -y libwayland-cursor0")


def test_ldd_that_cannot_tell_never_blocks(ldd):
    ldd.outputs["libqxcb.so"] = None  # absent, failed or timed out
    assert pc.missing_platform_libraries(X11, "linux") is None


def test_no_pyside6_or_no_plugin_never_blocks(monkeypatch, pyside, ldd):
    ldd.outputs["libqxcb.so"] = FRESH_DEBIAN
    (pyside / pc.XCB_FILES[0]).unlink()
    assert pc.missing_platform_libraries(X11, "linux") is None
    monkeypatch.setattr(pc, "_pyside6_dir", lambda: None)
    assert pc.missing_platform_libraries(X11, "linux") is None
    assert ldd.calls == []


def test_a_surprise_never_blocks(monkeypatch, pyside):
    def broken(paths):
        raise RuntimeError("surprise")

    monkeypatch.setattr(pc, "run_ldd", broken)
    assert pc.missing_platform_libraries(X11, "linux") is None


def test_run_ldd_without_ldd_is_none(monkeypatch):
    monkeypatch.setattr(pc.shutil, "which", lambda name: None)
    assert pc.run_ldd(["/bin/sh"]) is None


def test_run_ldd_timeout_or_failure_is_none(monkeypatch):
    monkeypatch.setattr(pc.shutil, "which", lambda name: "/usr/bin/ldd")

    def slow(cmd, **kwargs):
        assert kwargs["timeout"] == pc.LDD_TIMEOUT
        raise subprocess.TimeoutExpired(cmd, kwargs["timeout"])

    monkeypatch.setattr(pc.subprocess, "run", slow)
    assert pc.run_ldd(["/bin/sh"]) is None

    def failing(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 1, "", "not a dynamic executable")

    monkeypatch.setattr(pc.subprocess, "run", failing)
    assert pc.run_ldd(["/bin/sh"]) is None

    def missing(cmd, **kwargs):
        raise FileNotFoundError(cmd[0])

    monkeypatch.setattr(pc.subprocess, "run", missing)
    assert pc.run_ldd(["/bin/sh"]) is None


def test_docstring_examples():
    assert doctest.testmod(pc).failed == 0


def _real_plugin() -> list[str]:
    root = pc._pyside6_dir()
    if root is None or not (root / pc.XCB_FILES[0]).is_file() or pc.run_ldd(["/bin/sh"]) is None:
        pytest.skip("needs Linux, ldd and PySide6 with the xcb plugin")
    return [str(root / rel) for rel in pc.XCB_FILES]


def test_the_table_knows_every_x11_library_the_real_plugin_loads():
    """ldd on this machine's PySide6: every X11/xcb/GL library it names has a package."""
    output = pc.run_ldd(_real_plugin())
    names = {line.split()[0] for line in output.splitlines() if "=>" in line}
    x11ish = {n for n in names if n.startswith(("libxcb", "libX", "libxkb", "libGL", "libEGL",
                                                "libfontconfig", "libdbus", "libglib"))}
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"} <= x11ish
    assert sorted(x11ish - set(pc.DEBIAN_PACKAGES)) == []


def test_the_real_check_answers_without_qt():
    _real_plugin()
    code = ("import sys\nfrom chainwire.editor.platform_check import missing_platform_libraries"
            " as m\nr = m({'DISPLAY': ':0'})\n"
            "assert r is None or 'sudo apt-get install -y ' in r, r\n"
            "assert not [k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))]\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def _launch_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    return {**env, **extra}


def test_the_command_reports_missing_libraries_with_exit_2_and_no_qt(tmp_path):
    """Through chainwire.entry.main, as the `chainwire` script runs it (ldd canned)."""
    for rel in pc.XCB_FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    code = (
        "import pathlib, sys\n"
        "import chainwire.editor.platform_check as pc\n"
        f"pc.run_ldd = lambda paths: {FRESH_DEBIAN!r}\n"
        f"pc._pyside6_dir = lambda: pathlib.Path({str(tmp_path)!r})\n"
        "from chainwire.entry import main\n"
        "status = main([])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
        "sys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=_launch_env(DISPLAY=":99"))
    assert done.returncode == 2, done.stderr
    assert done.stdout.strip() == "[]"  # Qt was never imported
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("chainwire: error: Qt cannot open a window")
    assert lines[0].endswith("sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")


def test_the_command_without_a_display_explains_instead_of_aborting():
    """No patching at all: `python -m chainwire` with no display exits 2, one line."""
    done = subprocess.run([sys.executable, "-m", "chainwire"], capture_output=True,
                          text=True, timeout=60, env=_launch_env())
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("chainwire: error: no display")
    assert len(done.stderr.splitlines()) == 1


def test_help_is_never_blocked(monkeypatch):
    import chainwire.entry as entry

    def no_check():
        raise AssertionError("the platform check ran for --help")

    seen = []
    monkeypatch.setattr(entry, "_platform_problem", no_check)
    monkeypatch.setattr(entry, "_delegate", lambda module, what, argv: seen.append(argv) or 0)
    assert entry.main(["circuit.chainwire", "--help"]) == 0
    assert seen == [["circuit.chainwire", "--help"]]


@pytest.mark.parametrize("problem", [None, "Qt cannot open a window: ..."])
def test_render_draws_offscreen_where_no_window_could_open(monkeypatch, problem):
    import chainwire.entry as entry

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    seen = []
    monkeypatch.setattr(entry, "_platform_problem", lambda: problem)
    monkeypatch.setattr(entry, "_delegate", lambda module, what, argv: seen.append(
        (module, argv, os.environ.get("QT_QPA_PLATFORM"))) or 0)
    assert entry.main(["render", "c.chainwire", "-o", "c.png"]) == 0
    expected = "offscreen" if problem else None
    assert seen == [("chainwire.editor.render_cli", ["c.chainwire", "-o", "c.png"], expected)]
