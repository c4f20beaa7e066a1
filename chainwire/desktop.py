"""``chainwire --install-desktop`` / ``--uninstall-desktop``: menu entry, icons, file type.

A teacher who installed with pip (or unpacked the bundle) gets what a distribution
package would give: a launcher in the desktop's menu, the icon at every size, and
``*.chainwire`` files that show their own icon and open in Chainwire on a double-click.
Everything goes under the user's XDG data folder (``$XDG_DATA_HOME``, else
``~/.local/share``); no root, no system folder touched. A manifest records exactly the
files written and the folders created, so uninstalling removes those and nothing else.

The freedesktop files are generated here (this module is their one source; the copies
in ``packaging/`` for distribution packagers are checked against it by the tests), with
``Exec`` pointing at the command that ran the install, so the entry works from a venv
or a bundle that is not on ``PATH``. Imports no Qt: it runs headless.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

APP_ID = "io.github.chainwire.Chainwire"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
MIME_TYPE = "application/x-chainwire"
MIME_FILE = "chainwire.xml"  # mime/packages/<name>.xml
APP_ICON = "chainwire"
MIME_ICON = "application-x-chainwire"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
MANIFEST = Path("chainwire") / "desktop-install.json"
RELEASE = ("0.1.0", "2026-12-01")  # the newest release listed in the AppStream file

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")  # Desktop Entry spec: quote args holding these


def desktop_entry(exec_cmd: Sequence[str] = ("chainwire",)) -> str:
    """The launcher (.desktop); ``%f`` passes the double-clicked file as one path."""
    cmd = " ".join(_exec_quote(a) for a in exec_cmd)
    try_exec = _escape_value(exec_cmd[0])
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Chainwire\n"
        "GenericName=Backpropagation Circuit Editor\n"
        "Comment=Build circuits of gates and see every wire's value and gradient\n"
        f"TryExec={try_exec}\n"
        f"Exec={_escape_value(cmd)} %f\n"
        f"Icon={APP_ICON}\n"
        "Terminal=false\n"
        "StartupNotify=true\n"
        "StartupWMClass=chainwire\n"
        "Categories=Education;Math;\n"
        f"MimeType={MIME_TYPE};\n"
        "Keywords=backpropagation;gradient;chain rule;neural;network;autodiff;cs231n;\n"
    )


def mime_xml() -> str:
    """shared-mime-info for ``.chainwire``: the glob, plus magic for files without it."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <sub-class-of type="application/json"/>
    <comment>Chainwire circuit</comment>
    <acronym>JSON</acronym>
    <icon name="{MIME_ICON}"/>
    <glob pattern="*.chainwire" weight="80"/>
    <magic priority="60">
      <match type="string" offset="0:256" value="&quot;format&quot;: &quot;chainwire&quot;"/>
    </magic>
  </mime-type>
</mime-info>
"""


def metainfo_xml() -> str:
    """AppStream metadata (software centres); validated with ``appstreamcli validate``."""
    version, date = RELEASE
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <name>Chainwire</name>
  <summary>Backpropagation circuits you can touch</summary>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <description>
    <p>Drag gates (add, multiply, max, sigmoid, exp, 1/x, x², scale, offset) onto a
    canvas, wire them, set the inputs and read on every wire its forward value and the
    gradient flowing back, as in the cs231n notes. Step through the forward and backward
    pass one gate at a time on a projector, and export slides.</p>
  </description>
  <categories>
    <category>Education</category>
    <category>Science</category>
  </categories>
  <launchable type="desktop-id">{DESKTOP_FILE}</launchable>
  <provides>
    <binary>chainwire</binary>
    <mediatype>{MIME_TYPE}</mediatype>
  </provides>
  <releases>
    <release version="{version}" date="{date}"/>
  </releases>
  <content_rating type="oars-1.1"/>
</component>
"""


def _exec_quote(arg: str) -> str:
    """One Exec argument, double-quoted when the spec asks (spaces, quotes, $ ...)."""
    arg = arg.replace("%", "%%")
    if not arg or _RESERVED & set(arg):
        return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg


def _escape_value(text: str) -> str:
    """A .desktop string value: backslashes doubled (the spec's second escaping level)."""
    return text.replace("\\", "\\\\")


def launcher_command() -> list[str]:
    """How to start this very installation: the bundle, the script that ran, or -m."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(script) == "chainwire" and os.access(script, os.X_OK):
        return [script]
    found = shutil.which("chainwire")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "chainwire"]


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when absolute (the spec ignores relative ones), else ~/.local/share."""
    env = os.environ.get("XDG_DATA_HOME", "")
    if env and os.path.isabs(env):
        return Path(env)
    return Path.home() / ".local" / "share"


@dataclass
class Report:
    """What an install or uninstall did, for the command's output and the tests."""

    files: list[Path] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)  # the cache updaters that ran
    warnings: list[str] = field(default_factory=list)
    exec_cmd: list[str] = field(default_factory=list)  # what the launcher runs


def _payload(exec_cmd: Sequence[str]) -> dict[Path, bytes]:
    """Relative path under the data folder -> content, for every file installed."""
    icons = resources.files("chainwire.resources").joinpath("icons")
    out: dict[Path, bytes] = {
        Path("applications") / DESKTOP_FILE: desktop_entry(exec_cmd).encode(),
        Path("mime") / "packages" / MIME_FILE: mime_xml().encode(),
        Path("metainfo") / METAINFO_FILE: metainfo_xml().encode(),
    }
    hicolor = Path("icons") / "hicolor"
    for name, kind in ((APP_ICON, "apps"), (MIME_ICON, "mimetypes")):
        out[hicolor / "scalable" / kind / f"{name}.svg"] = icons.joinpath(
            f"{name}.svg").read_bytes()
        for size in ICON_SIZES:
            png = icons.joinpath(f"{name}-{size}.png")
            out[hicolor / f"{size}x{size}" / kind / f"{name}.png"] = png.read_bytes()
    return out


def _known_paths() -> tuple[set[str], set[str]]:
    """Every file an install can write and every folder on the way, relative to home."""
    files = {p.as_posix() for p in _payload(["chainwire"])}
    dirs = {parent.as_posix() for f in files for parent in Path(f).parents[:-1]}
    return files, dirs | {MANIFEST.parent.as_posix()}


def _read_manifest(home: Path) -> dict:
    """The record of a previous install, reduced to paths an install could have made
    (a damaged or edited record never makes uninstall delete anything else)."""
    try:
        data = json.loads((home / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    files, dirs = _known_paths()
    known = {"files": files, "dirs": dirs}
    if not isinstance(data, dict):
        data = {}
    out = {}
    for k in ("files", "dirs"):
        listed = data.get(k)
        out[k] = sorted({p for p in listed if isinstance(p, str) and p in known[k]}
                        if isinstance(listed, list) else set())
    return out


def install(home: Path | None = None, exec_cmd: Sequence[str] | None = None,
            run_tools: bool = True) -> Report:
    """Write the launcher, icons, MIME type and metainfo under ``home``; refresh caches."""
    home = data_home() if home is None else Path(home)
    exec_cmd = list(exec_cmd) if exec_cmd else launcher_command()
    manifest = _read_manifest(home)  # a second install adds to the first one's record
    created = set(manifest["dirs"])
    report = Report(exec_cmd=exec_cmd)
    for rel, content in _payload(exec_cmd).items():
        target = home / rel
        for parent in reversed(target.relative_to(home).parents[:-1]):
            if not (home / parent).exists():
                created.add(parent.as_posix())
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
        report.files.append(target)
    files = sorted(set(manifest["files"]) | {p.relative_to(home).as_posix()
                                              for p in report.files})
    (home / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (home / MANIFEST).write_text(json.dumps({"files": files, "dirs": sorted(created),
                                             "exec": exec_cmd}, indent=1), "utf-8")
    if run_tools:
        _refresh_caches(home, report)
    return report


def uninstall(home: Path | None = None, run_tools: bool = True) -> Report:
    """Remove exactly the files a previous install recorded (and folders it created)."""
    home = data_home() if home is None else Path(home)
    manifest = _read_manifest(home)
    report = Report()
    for rel in manifest["files"]:
        target = home / rel
        if target.is_file() or target.is_symlink():
            target.unlink()
            report.files.append(target)
    (home / MANIFEST).unlink(missing_ok=True)
    if run_tools:
        _refresh_caches(home, report)
    created = set(manifest["dirs"]) | ({MANIFEST.parent.as_posix()} if manifest["files"]
                                       else set())
    for rel in sorted(created, key=lambda p: p.count("/"), reverse=True):
        _remove_if_only_generated(home / rel, home)
    return report


GENERATED = {"mimeinfo.cache", "icon-theme.cache"}  # written by the cache updaters


def _remove_if_only_generated(folder: Path, home: Path) -> None:
    """Remove a folder the install created once nothing but tool caches is left in it."""
    if not folder.is_dir():
        return
    if folder == home / "mime":  # all of it is update-mime-database's output
        packages = folder / "packages"
        if not packages.exists() or not any(packages.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
        return
    left = list(folder.iterdir())
    if all(p.is_file() and p.name in GENERATED for p in left):
        for p in left:
            p.unlink()
        folder.rmdir()


def _refresh_caches(home: Path, report: Report) -> None:
    """Run the desktop's cache updaters that exist here; a missing one is no error."""
    runs = []
    if (home / "mime").is_dir():
        runs.append(["update-mime-database", str(home / "mime")])
    if (home / "applications").is_dir():
        runs.append(["update-desktop-database", "-q", str(home / "applications")])
    hicolor = home / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").exists():  # a stale cache would hide the new icons
        runs.append(["gtk-update-icon-cache", "-f", "-t", "-q", str(hicolor)])
    elif hicolor.is_dir():
        os.utime(hicolor)  # icon themes re-scan a folder whose time changed
    for cmd in runs:
        if shutil.which(cmd[0]) is None:
            continue
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as e:
            report.warnings.append(f"{cmd[0]}: {e}")
            continue
        report.tools.append(cmd[0])
        if done.returncode != 0:
            report.warnings.append(f"{cmd[0]} exited with {done.returncode}: "
                                   + (done.stderr.strip().splitlines() or [""])[-1])


def main(argv: Sequence[str]) -> int:
    """``chainwire --install-desktop`` or ``--uninstall-desktop`` (no other arguments)."""
    args = list(argv)
    if len(args) != 1 or args[0] not in ("--install-desktop", "--uninstall-desktop"):
        print("chainwire: error: usage: chainwire --install-desktop | --uninstall-desktop",
              file=sys.stderr)
        return 2
    home = data_home()
    try:
        if args[0] == "--install-desktop":
            report = install(home)
            verb = "installed"
        else:
            report = uninstall(home)
            verb = "removed"
    except OSError as e:
        print(f"chainwire: error: {e.filename or home}: {e.strerror or e}", file=sys.stderr)
        return 2
    for path in report.files:
        print(f"{verb} {path}")
    for w in report.warnings:
        print(f"chainwire: warning: {w}", file=sys.stderr)
    if args[0] == "--install-desktop":
        print(f"Chainwire is in the applications menu and opens .chainwire files "
              f"(it runs: {' '.join(report.exec_cmd)}). "
              "`chainwire --uninstall-desktop` removes it again.")
    elif not report.files:
        print(f"nothing to remove: no desktop install recorded in {home / MANIFEST}")
    return 0
