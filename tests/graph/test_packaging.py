"""The wheel installs one `chainwire` package: nothing named graph, editor or resources.

Built from a copy of the source tree (so no build/ or egg-info lands in the checkout) with
the setuptools already installed (`--no-build-isolation`, ~1 s); where that setuptools is
too old, pip builds in isolation, and without a network to fetch setuptools the test skips.
"""

from __future__ import annotations

import configparser
import importlib.metadata
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# layout folder -> installed package, as pyproject.toml maps them
MAPPED = {"chainwire": "chainwire", "graph": "chainwire/graph", "editor": "chainwire/editor",
          "resources": "chainwire/resources"}
SKIP_DIRS = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache",
             ".hypothesis", "tests", "benchmarks", "docs"}


def _version(name: str) -> tuple[int, ...]:
    try:
        text = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ()
    return tuple(int(p) for p in text.split(".")[:2] if p.isdigit())


def _can_build_here() -> bool:
    """setuptools>=68 (pyproject's requirement) that can make wheels by itself or with wheel."""
    setuptools = _version("setuptools")
    return setuptools >= (70, 1) or (setuptools >= (68,) and _version("wheel") > ())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, src, dirs_exist_ok=True,
                    ignore=lambda d, names: [n for n in names
                                             if n in SKIP_DIRS or n.endswith(".egg-info")])
    cmd = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
           "-w", str(out), str(src)]
    isolated = not _can_build_here()
    if not isolated:
        cmd.insert(5, "--no-build-isolation")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and isolated:
        pytest.skip("no setuptools>=68 here and pip could not fetch one (offline?): "
                    + done.stderr.strip()[-300:])
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("chainwire-*.whl")
    with zipfile.ZipFile(built) as z:
        yield z


def _names(wheel: zipfile.ZipFile) -> list[str]:
    return [n for n in wheel.namelist() if not n.endswith("/")]


def test_everything_installs_under_one_chainwire_package(wheel):
    tops = {n.split("/")[0] for n in _names(wheel)}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert len(dist_info) == 1 and next(iter(dist_info)).startswith("chainwire-")
    assert tops - dist_info == {"chainwire"}, tops
    top_level = wheel.read(f"{next(iter(dist_info))}/top_level.txt").decode().split()
    assert top_level == ["chainwire"]


def test_every_source_module_is_in_the_wheel(wheel):
    """A new module or sub-package (say graph/fileio/) missing from pyproject is caught."""
    names = set(_names(wheel))
    expected = {f"{MAPPED[folder]}/{p.relative_to(ROOT / folder).as_posix()}"
                for folder in MAPPED for p in (ROOT / folder).rglob("*.py")
                if "__pycache__" not in p.parts}
    assert "chainwire/graph/circuit.py" in expected
    assert sorted(expected - names) == []


def test_examples_themes_and_icons_are_inside(wheel):
    names = set(_names(wheel))
    data = [p for pattern in ("examples/*.chainwire", "themes/*.json", "icons/*.svg",
                              "icons/*.png", "i18n/*.ts")
            for p in (ROOT / "resources").glob(pattern)]
    assert any(p.parent.name == "i18n" for p in data)  # the catalogue (.qm built on use)
    assert any(p.parent.name == "examples" for p in data)
    assert any(p.parent.name == "themes" for p in data)
    assert any(p.parent.name == "icons" for p in data)
    missing = [p.relative_to(ROOT).as_posix() for p in data
               if f"chainwire/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
               not in names]
    assert missing == []
    assert "chainwire/resources/examples/neuron.chainwire" in names  # the editor's default


def test_the_console_script_is_the_thin_entry(wheel):
    (entry_points,) = [n for n in _names(wheel) if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(entry_points).decode())
    assert dict(parser["console_scripts"]) == {"chainwire": "chainwire.entry:main"}
