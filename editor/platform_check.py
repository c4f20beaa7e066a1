"""Will Qt be able to open a window here? Asked before Qt is loaded, so never imports it.

On a fresh Debian or Ubuntu desktop, PySide6's wheels bring Qt but not the X11 client
libraries that Qt's ``xcb`` platform plugin links against (libxcb-icccm4,
libxcb-keysyms1, libxcb-cursor0, ...). Qt then aborts with "Could not load the Qt
platform plugin "xcb" even though it was found", a core dump, and no word of which
package to install. :func:`missing_platform_libraries` runs ``ldd`` on the plugin first
and turns any "not found" into the exact ``apt-get install`` line.

The rule is to be conservative: a launch that could work is never blocked. Anything this
check cannot settle (not Linux, PySide6 laid out differently, no ``ldd``, ``ldd``
failing or slow) means "go ahead" and Qt speaks for itself. What is checked:

- ``QT_QPA_PLATFORM`` set to anything but ``xcb`` (``offscreen``, ``wayland``, ...):
  nothing; that platform is not ours to judge.
- ``QT_QPA_PLATFORM=xcb`` or unset in an X11 session (``DISPLAY`` set): the xcb plugin's
  libraries.
- unset in a Wayland session (``WAYLAND_DISPLAY`` set, or ``XDG_SESSION_TYPE=wayland``):
  Qt may pick either plugin, so this reports only when the Wayland plugin cannot load
  *and* the xcb one cannot either (or there is no ``DISPLAY`` for it).
- no display at all (``DISPLAY`` and ``WAYLAND_DISPLAY`` unset, not a Wayland session):
  Qt could only abort, so the message says there is no display and what to do instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

LDD_TIMEOUT = 5.0  # seconds; ldd on the plugin takes ~50 ms

# Qt plugin/library paths inside the PySide6 package, per platform plugin.
XCB_FILES = ("Qt/plugins/platforms/libqxcb.so", "Qt/lib/libQt6XcbQpa.so.6")
WAYLAND_FILES = ("Qt/plugins/platforms/libqwayland.so", "Qt/lib/libQt6WaylandClient.so.6")

# soname -> Debian/Ubuntu package. Checked with `ldd` + `dpkg -S` on Debian 12 against
# PySide6 6.11's libqxcb.so and libQt6XcbQpa.so.6 (direct and indirect dependencies).
DEBIAN_PACKAGES: dict[str, str] = {
    # the xcb plugin's own X11 libraries
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libXrender.so.1": "libxrender1",
    "libXext.so.6": "libxext6",
    "libXi.so.6": "libxi6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    # what QtGui itself loads
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpng16.so.16": "libpng16-16",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libexpat.so.1": "libexpat1",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    # the Wayland plugin
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

LddRunner = Callable[[Sequence[str]], "str | None"]


def missing_platform_libraries(env: Mapping[str, str] | None = None,
                               platform: str | None = None) -> str | None:
    """Why Qt could not open a window here, as one paragraph; None when all looks fine.

    ``env`` (default ``os.environ``) and ``platform`` (default ``sys.platform``) are
    parameters for the tests. Never raises: any surprise means None.
    """
    try:
        return _diagnose(os.environ if env is None else env,
                         sys.platform if platform is None else platform)
    except Exception:  # a helper must never stop a launch by itself
        return None


def _diagnose(env: Mapping[str, str], platform: str) -> str | None:
    if not platform.startswith("linux"):
        return None
    requested = _requested_platform(env)
    if requested not in ("", "xcb"):
        return None  # offscreen, wayland, vnc, eglfs...: not ours to judge
    has_x11 = bool(env.get("DISPLAY"))
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    if requested == "xcb" or not wayland:
        if not has_x11:
            return _no_display_message(requested)
        missing = _missing_for(XCB_FILES)
        return _install_message(missing, "xcb") if missing else None
    # A Wayland session with the platform left to Qt: it may use either plugin.
    missing_wayland = _missing_for(WAYLAND_FILES)
    if not missing_wayland:  # it loads, or we cannot tell
        return None
    if not has_x11:
        return _install_message(missing_wayland, "wayland")
    missing_xcb = _missing_for(XCB_FILES)
    if not missing_xcb:  # XWayland will do
        return None
    return _install_message(_unique(missing_wayland + missing_xcb), "wayland and xcb")


def _requested_platform(env: Mapping[str, str]) -> str:
    """The first plugin named in QT_QPA_PLATFORM ("wayland;xcb", "xcb:arg=1"), or ""."""
    value = env.get("QT_QPA_PLATFORM", "").strip()
    return value.split(";")[0].split(":")[0].strip().lower()


def _missing_for(relative_files: Sequence[str]) -> list[str] | None:
    """Sonames ldd cannot find for these PySide6 files; None when it cannot tell."""
    root = _pyside6_dir()
    if root is None:
        return None
    files = [root / rel for rel in relative_files]
    if not files[0].is_file():
        return None  # a PySide6 without this plugin (or laid out differently)
    output = run_ldd([str(f) for f in files if f.is_file()])
    if output is None:
        return None
    return parse_not_found(output)


def _pyside6_dir() -> Path | None:
    """PySide6's install folder, found without importing it (that would load Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def run_ldd(paths: Sequence[str]) -> str | None:
    """``ldd``'s output for ``paths``; None if ldd is absent, fails or takes too long."""
    ldd = shutil.which("ldd")
    if ldd is None or not paths:
        return None
    try:
        done = subprocess.run([ldd, *paths], capture_output=True, text=True,
                              timeout=LDD_TIMEOUT, env={**os.environ, "LC_ALL": "C"},
                              check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout


def parse_not_found(ldd_output: str) -> list[str]:
    """The sonames ldd reports as "=> not found", each once, in order.

    >>> parse_not_found("\\tlibxcb-icccm.so.4 => not found\\n\\tlibc.so.6 => /lib/libc.so.6"
    ...                 " (0x1)\\n\\tlibxcb-icccm.so.4 => not found\\n")
    ['libxcb-icccm.so.4']
    """
    found = []
    for line in ldd_output.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip() == "not found" and name.strip():
            found.append(name.strip())
    return _unique(found)


def debian_packages(sonames: Sequence[str]) -> list[str]:
    """Debian package names for ``sonames``; an unknown soname stays as it is.

    >>> debian_packages(["libxcb-keysyms.so.1", "libgthread-2.0.so.0", "libfoo.so.9"])
    ['libxcb-keysyms1', 'libglib2.0-0', 'libfoo.so.9']
    """
    return _unique([DEBIAN_PACKAGES.get(s, s) for s in sonames])


def _install_message(missing: Sequence[str], plugin: str) -> str:
    packages = debian_packages(missing)
    verb = "plugins need" if " and " in plugin else "plugin needs"
    return (f"Qt cannot open a window: its {plugin} platform {verb} system libraries "
            f"that are not installed ({', '.join(missing)}); on Debian or Ubuntu install "
            f"them with: sudo apt-get install -y {' '.join(packages)}")


def _no_display_message(requested: str) -> str:
    why = ("QT_QPA_PLATFORM=xcb but DISPLAY is not set" if requested
           else "neither DISPLAY nor WAYLAND_DISPLAY is set")
    return (f"no display to open the editor on ({why}); run it inside a desktop session "
            "(or ssh -X), or without a window: chainwire render FILE -o OUT.png, or "
            "QT_QPA_PLATFORM=offscreen chainwire FILE --screenshot OUT.png")


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))
