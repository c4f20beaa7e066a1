"""``chainwire --install-desktop`` / ``--uninstall-desktop`` (chainwire/desktop.py, no Qt).

Every test points ``XDG_DATA_HOME`` at a temporary folder: nothing lands in the real
~/.local/share. The cache updaters run when this machine has them (their absence is
no error), so both paths are exercised somewhere.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from chainwire import desktop

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data


def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() + ("/" if p.is_dir() else "")
            for p in folder.rglob("*")} if folder.exists() else set()


def _entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    return parser["Desktop Entry"]


def test_install_puts_launcher_icons_and_mime_type_under_xdg_data_home(home):
    assert desktop.data_home() == home
    report = desktop.install(run_tools=False)
    names = {p.relative_to(home).as_posix() for p in report.files}
    assert "applications/io.github.chainwire.Chainwire.desktop" in names
    assert "mime/packages/chainwire.xml" in names
    assert "metainfo/io.github.chainwire.Chainwire.metainfo.xml" in names
    for kind, icon in (("apps", "chainwire"), ("mimetypes", "application-x-chainwire")):
        assert f"icons/hicolor/scalable/{kind}/{icon}.svg" in names
        for size in desktop.ICON_SIZES:
            assert f"icons/hicolor/{size}x{size}/{kind}/{icon}.png" in names
    assert all(p.is_file() and p.stat().st_size > 0 for p in report.files)
    assert all(home in p.parents for p in report.files)


def test_the_launcher_passes_the_double_clicked_file(home):
    desktop.install(run_tools=False, exec_cmd=["/opt/chainwire/chainwire"])
    entry = _entry((home / "applications" / desktop.DESKTOP_FILE).read_text("utf-8"))
    assert entry["Exec"] == "/opt/chainwire/chainwire %f"
    assert entry["TryExec"] == "/opt/chainwire/chainwire"
    assert entry["MimeType"] == "application/x-chainwire;"
    assert entry["Icon"] == "chainwire" and entry["Type"] == "Application"


@pytest.mark.parametrize("cmd, expected", [
    (["/home/ms kim/.venv/bin/chainwire"], '"/home/ms kim/.venv/bin/chainwire" %f'),
    (["/usr/bin/python3", "-m", "chainwire"], "/usr/bin/python3 -m chainwire %f"),
    (["/a/50%/chainwire"], "/a/50%%/chainwire %f"),
    (['/a/"q"$x/chainwire'], r'"/a/\\"q\\"\\$x/chainwire" %f'),
])
def test_exec_is_quoted_as_the_desktop_entry_spec_says(cmd, expected):
    assert _entry(desktop.desktop_entry(cmd))["Exec"] == expected


def test_the_installed_launcher_starts_this_installation(home):
    """Install through the real command, then run its Exec line (with --version)."""
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    done = subprocess.run([sys.executable, "-m", "chainwire", "--install-desktop"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--uninstall-desktop" in done.stdout
    exec_line = _entry((home / "applications" / desktop.DESKTOP_FILE).read_text())["Exec"]
    argv = shlex.split(exec_line.replace(" %f", ""))
    ran = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0 and ran.stdout.startswith("chainwire "), ran.stderr


def test_the_desktop_commands_load_no_qt(home):
    code = ("import sys\nfrom chainwire.entry import main\n"
            "assert main(['--install-desktop']) == 0\n"
            "assert main(['--uninstall-desktop']) == 0\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "assert not bad, bad\n")
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("run_tools", [False, True])
def test_uninstall_removes_exactly_what_was_installed(home, run_tools):
    mine = home / "applications" / "someone-else.desktop"
    theirs = home / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    for p in (mine, theirs):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("not ours")
    before = _tree(home)
    desktop.install(run_tools=run_tools)
    desktop.install(run_tools=run_tools)  # a second install is recorded too
    assert _tree(home) > before
    report = desktop.uninstall(run_tools=run_tools)
    assert len(report.files) == 2 + 2 * (1 + len(desktop.ICON_SIZES)) + 1
    after = _tree(home) - {"applications/mimeinfo.cache"}  # regenerated for their entry
    assert after == before
    assert mine.read_text() == "not ours" and theirs.read_text() == "not ours"


def test_uninstall_in_an_empty_home_leaves_it_empty(home):
    desktop.install()
    desktop.uninstall()
    assert _tree(home) == set()


def test_uninstall_without_an_install_does_nothing(home, capsys):
    assert desktop.main(["--uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out
    assert not home.exists()


def test_a_damaged_manifest_is_not_followed(home):
    (home / "chainwire").mkdir(parents=True)
    (home / desktop.MANIFEST).write_text(
        '{"files": ["../outside", "applications/../../outside", "notes.txt"], "dirs": 3}')
    outside, notes = home.parent / "outside", home / "notes.txt"
    outside.write_text("keep me")
    notes.write_text("keep me too")
    assert desktop.uninstall(run_tools=False).files == []
    assert outside.read_text() == "keep me" and notes.read_text() == "keep me too"


@pytest.mark.parametrize("argv", [["--install-desktop", "extra"], ["--remove-desktop"]])
def test_bad_usage_is_one_error_line(argv, capsys):
    assert desktop.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error:") and err.count("\n") == 1


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="shared-mime-info is not installed here")
def test_the_mime_database_knows_chainwire_files(home):
    report = desktop.install()
    assert "update-mime-database" in report.tools and not report.warnings
    assert "application/x-chainwire:*.chainwire" in (home / "mime" / "globs2").read_text()
    assert b'"format": "chainwire"' in (home / "mime" / "magic").read_bytes()
    assert "application-x-chainwire" in (home / "mime" / "icons").read_text()


def test_packaging_copies_are_what_the_installer_writes():
    """packaging/ keeps static copies for distribution packagers: never out of step."""
    assert (PACKAGING / desktop.DESKTOP_FILE).read_text() == desktop.desktop_entry()
    assert (PACKAGING / "chainwire.mime.xml").read_text() == desktop.mime_xml()
    assert (PACKAGING / desktop.METAINFO_FILE).read_text() == desktop.metainfo_xml()


def test_metainfo_release_is_the_package_version():
    text = (ROOT / "pyproject.toml").read_text()
    assert desktop.RELEASE[0] == re.search(r'^version = "([^"]+)"', text, re.M).group(1)


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates():
    done = subprocess.run(["appstreamcli", "validate", "--no-net",
                           str(PACKAGING / desktop.METAINFO_FILE)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    done = subprocess.run(["desktop-file-validate", str(PACKAGING / desktop.DESKTOP_FILE)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout


@pytest.mark.parametrize("name", ["chainwire", "application-x-chainwire"])
def test_every_icon_size_is_a_png_of_that_size(name):
    assert (ICONS / f"{name}.svg").is_file()
    for size in desktop.ICON_SIZES:
        data = (ICONS / f"{name}-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)
