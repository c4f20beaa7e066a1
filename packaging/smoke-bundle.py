"""Check a built bundle the way a teacher would use it, offscreen; exit 0 when all is well.

``python3 packaging/smoke-bundle.py [BUNDLE]`` (default: packaging/dist/chainwire/chainwire).
Needs only the standard library: the bundle must bring its own Python, Qt and engine.
It asks the version, finds the examples, themes, icons and the compiled Korean catalogue
(and Qt's own) inside, opens every example in the editor (and saves a picture of the
window; one more in Korean), renders one to PNG and PDF, saves a new circuit and
evaluates it again, and installs and removes the desktop entry in a throwaway data
folder. Settings, recovery copies and the data folder all live in a temporary home, so
the user's own are never touched.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PNG = b"\x89PNG\r\n\x1a\n"


def fail(text: str) -> None:
    print(f"smoke-bundle: FAILED: {text}", file=sys.stderr)
    raise SystemExit(1)


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else HERE / "dist" / "chainwire" / "chainwire").resolve()
    if not bundle.is_file():
        fail(f"no bundle at {bundle} (run packaging/build-bundle.sh)")
    inside = bundle.parent / "_internal" / "chainwire" / "resources"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="chainwire-smoke-") as tmp:
        home = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home),
                   XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   XDG_CACHE_HOME=str(home / "cache"), CHAINWIRE_DATA_DIR=str(home / "cw"))

        def run(*args: str, timeout: float = 60) -> str:
            done = subprocess.run([str(bundle), *args], env=env, capture_output=True,
                                  text=True, timeout=timeout, cwd=home)
            if done.returncode != 0:
                fail(f"chainwire {shlex.join(args)} exited {done.returncode}:\n"
                     + (done.stderr or done.stdout)[-2000:])
            return done.stdout

        version = run("--version").strip()
        if not version.startswith("chainwire ") or "development" in version:
            fail(f"--version says {version!r}")
        print(f"ok  {version}")

        for folder, pattern in (("examples", "*.chainwire"), ("themes", "*.json"),
                                ("icons", "*.svg"), ("icons", "*-256.png")):
            if not list((inside / folder).glob(pattern)):
                fail(f"no {pattern} in the bundle's {folder}/")
        catalogue = inside / "i18n" / "chainwire_ko.qm"
        if not catalogue.is_file() or catalogue.stat().st_size < 1000:
            fail(f"no compiled Korean catalogue at {catalogue}")
        if not list(bundle.parent.glob("_internal/PySide6/Qt/translations/qtbase_ko.qm")):
            fail("no qtbase_ko.qm (Qt's own Korean texts) in the bundle")
        examples = sorted((inside / "examples").glob("*.chainwire"))
        print(f"ok  resources: {len(examples)} examples, themes, icons, the Korean catalogue")

        for ex in examples:  # the editor itself: open, first paint, picture, quit
            shot = home / f"{ex.stem}-window.png"
            run(str(ex), "--screenshot", str(shot), "--size", "1024x700")
            if not shot.read_bytes().startswith(PNG):
                fail(f"{shot.name} is not a PNG")
        print(f"ok  opened all {len(examples)} examples in the editor")

        env_en = dict(env)
        env.update(LANG="ko_KR.UTF-8", LC_ALL="ko_KR.UTF-8", LANGUAGE="ko")
        run(str(examples[0]), "--screenshot", str(home / "korean.png"), "--size", "1024x700")
        env.clear()
        env.update(env_en)
        if (home / "cache" / "chainwire" / "i18n").exists():
            fail("the bundle compiled a catalogue into the cache instead of using its own")
        print("ok  started in Korean (LANG=ko_KR.UTF-8) on the bundle's own catalogue")

        first = next((e for e in examples if e.stem == "neuron"), examples[0])
        for suffix in (".png", ".pdf"):
            out = home / f"render{suffix}"
            run("render", str(first), "-o", str(out), "--step", "3")
            head = out.read_bytes()[:8]
            if head[:len(PNG)] != PNG and not head.startswith(b"%PDF"):
                fail(f"render wrote no {suffix} ({head!r})")
        print(f"ok  rendered {first.name} to PNG and PDF")

        saved = home / "lesson" / "saved.chainwire"
        saved.parent.mkdir()
        run("new", "--expr", "(x + y) * z", "-o", str(saved))
        result = json.loads(run("eval", str(saved), "--set", "x=-2", "--set", "y=5",
                                "--set", "z=-4", "--json"))
        grads = {n: v["grad"] for n, v in result["nodes"].items()}
        if grads.get("x") != -4 or grads.get("z") != 3:
            fail(f"eval of the saved file gave {grads}")
        print("ok  saved a circuit and read it back (df/dx = -4, df/dz = 3)")

        run("--install-desktop")
        entry = home / "data" / "applications" / "io.github.chainwire.Chainwire.desktop"
        text = entry.read_text("utf-8")
        if f"Exec={bundle} %f" not in text and f'Exec="{bundle}" %f' not in text:
            fail(f"the desktop entry does not start this bundle:\n{text}")
        run("--uninstall-desktop")
        if entry.exists():
            fail("--uninstall-desktop left the desktop entry behind")
        print("ok  --install-desktop / --uninstall-desktop")
    print(f"smoke-bundle: all checks passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
