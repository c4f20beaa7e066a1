"""The translation catalogue's files: extracting strings, compiling ``.qm``, finding it.

The ``.ts`` sources live in ``resources/i18n/`` (one per language, edited by people); a
``.qm`` is compiled from them with the ``lrelease`` that ships in the PySide6 wheel:
by ``packaging/build-bundle.sh`` into the bundle, and for a source or pip install on
first use into the user's cache folder (never into site-packages), named by a digest of
the ``.ts`` so an edited or upgraded catalogue is compiled afresh. No ``lrelease`` (or
a failing one) means English, never an error.

Contexts: PySide's ``tr()`` looks a string up under every class name of the object's
MRO, module helpers use fixed contexts, and lupdate guesses contexts from the call's
spelling (``tr = self.tr`` gives none). So the compiled catalogue is keyed by source
text (and disambiguation) alone: :func:`compile_qm` merges the contexts into one, and
``i18n.Catalogue`` looks every string up there whatever context the caller named. The
same English text has one translation everywhere; where it must differ, the call gives a
disambiguation (tr's second argument). The ``.ts`` keeps lupdate's contexts, so a
translator sees where a string is used.

Texts that come from data, not from a ``tr()`` call (gate titles, summaries, formulas and
pattern words; theme titles; the examples' menu titles; the coded engine refusals), are
listed by :func:`data_texts` from their one source (``GATES``, ``THEMES``, the examples
folder, ``errors.MESSAGES``) and handed to lupdate as a generated file, so the
catalogue's data contexts are extracted like the rest and cannot go stale.

``python -m chainwire.editor.catalogue update`` refreshes the ``.ts`` (what
``packaging/update-translations.sh`` runs); ``... compile OUT.qm`` compiles one.
Imports no Qt library (only the PySide6 package's path, to find its tools).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

SHIPPED = ("ko",)  # languages with a catalogue; English is the source text
TARGET_LANGUAGE = {"ko": "ko_KR"}
DATA_CONTEXTS = ("gates", "themes", "examples", "errors")
GATE_TEXT_FIELDS = ("title", "summary", "formula", "pattern")
FLAT_CONTEXT = "Chainwire"  # the one context of a compiled catalogue
EDITOR_DIR = Path(__file__).resolve().parent
TOOL_TIMEOUT_S = 120


@dataclass(frozen=True)
class Message:
    """One entry of a ``.ts`` file (obsolete and vanished entries are left out)."""

    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]  # one per plural form (one for Korean), or the single one
    finished: bool


# ----- where things are ---------------------------------------------------------------
def ts_path(language: str) -> Path:
    """The catalogue's source in the installed package (``resources/i18n``)."""
    folder = resources.files("chainwire.resources").joinpath("i18n")
    return Path(str(folder)) / f"chainwire_{language}.ts"


def shipped_qm(language: str) -> Path:
    """Where a bundle (or a build) puts the compiled catalogue: beside the ``.ts``."""
    return ts_path(language).with_suffix(".qm")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chainwire" / "i18n"


def qt_tool(name: str) -> Path | None:
    """``lupdate`` or ``lrelease`` from the PySide6 wheel, or None if it is not there."""
    try:
        import PySide6  # the package's folder only: no Qt library is loaded
    except ImportError:
        return None
    exe = Path(PySide6.__file__).resolve().parent / (name + (".exe" if os.name == "nt" else ""))
    return exe if exe.is_file() and os.access(exe, os.X_OK) else None


# ----- texts from data ------------------------------------------------------------------
def data_texts() -> dict[str, list[str]]:
    """The user-visible texts that live in data, by context, in a stable order."""
    from chainwire.editor.files import example_name, examples_dir
    from chainwire.editor.theme import THEME_NAMES, THEMES
    from chainwire.graph.errors import MESSAGES
    from chainwire.graph.fileio import EXTENSION
    from chainwire.graph.gates import GATES

    gates: list[str] = []
    for gate in GATES.values():
        for field in GATE_TEXT_FIELDS:
            text = getattr(gate, field)
            if text and text not in gates:
                gates.append(text)
    themes = list(dict.fromkeys(THEMES[n].title for n in THEME_NAMES))
    examples = sorted({example_name(p) for p in examples_dir().glob(f"*{EXTENSION}")})
    return {"gates": gates, "themes": themes, "examples": examples,
            "errors": list(MESSAGES.values())}


def _data_module(path: Path) -> None:
    """A Python file of ``QT_TRANSLATE_NOOP`` lines for lupdate (generated, not kept)."""
    lines = ["# generated by chainwire.editor.catalogue for lupdate; not imported\n"]
    for context, texts in data_texts().items():
        lines += [f"QT_TRANSLATE_NOOP({context!r}, {t!r})\n" for t in texts]
    path.write_text("".join(lines), "utf-8")


# ----- extracting -----------------------------------------------------------------------
def extract(ts: Path, language: str = "ko", sources: Path = EDITOR_DIR) -> None:
    """Run lupdate over the editor's sources and the data texts into ``ts`` (created or
    updated: existing translations are kept, vanished strings dropped)."""
    lupdate = qt_tool("lupdate")
    if lupdate is None:
        raise RuntimeError("lupdate is not installed (it comes with PySide6)")
    with tempfile.TemporaryDirectory(prefix="chainwire-lupdate-") as tmp:
        data = Path(tmp) / "data_texts.py"
        _data_module(data)
        files = sorted(str(p) for p in sources.rglob("*.py")) + [str(data)]
        args = [str(lupdate), "-silent", "-no-obsolete", "-locations", "none",
                "-tr-function-alias", "tr+=_tr", "-source-language", "en",
                "-target-language", TARGET_LANGUAGE[language], *files, "-ts", str(ts)]
        done = subprocess.run(args, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"lupdate failed: {done.stderr.strip()[-500:]}")


def read_ts(path: Path) -> list[Message]:
    """The live entries of a ``.ts`` file."""
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            kind = "" if tr is None else tr.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            numerus = m.get("numerus") == "yes"
            forms = tuple((f.text or "") for f in tr.iter("numerusform")) if (
                numerus and tr is not None) else ((tr.text or "",) if tr is not None else ())
            out.append(Message(name, m.findtext("source") or "", m.findtext("comment") or "",
                               numerus, forms, kind == "" and all(forms) and bool(forms)))
    return out


# ----- compiling ------------------------------------------------------------------------
def flatten(ts: Path, out: Path) -> None:
    """``ts`` with every context merged into one (first translation of a text wins)."""
    root = ET.parse(ts).getroot()
    flat_root = ET.Element("TS", root.attrib)
    flat = ET.SubElement(flat_root, "context")
    ET.SubElement(flat, "name").text = FLAT_CONTEXT
    seen = set()
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            key = (m.findtext("source"), m.findtext("comment"))
            if key not in seen:
                seen.add(key)
                for loc in m.findall("location"):
                    m.remove(loc)
                flat.append(m)
    ET.ElementTree(flat_root).write(out, encoding="utf-8", xml_declaration=True)


def compile_qm(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` (flattened) to ``qm``, atomically; False when lrelease is missing or
    fails (the editor then stays in English)."""
    lrelease = qt_tool("lrelease")
    if lrelease is None or not ts.is_file():
        return False
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="chainwire-lrelease-", dir=qm.parent) as tmp:
            flat, built = Path(tmp) / "flat.ts", Path(tmp) / "out.qm"
            flatten(ts, flat)
            done = subprocess.run([str(lrelease), "-silent", str(flat), "-qm", str(built)],
                                  capture_output=True, timeout=TOOL_TIMEOUT_S)
            if done.returncode != 0 or not built.is_file():
                return False
            os.replace(built, qm)
    except (OSError, ET.ParseError, subprocess.SubprocessError):
        return False
    return True


def _fresh(qm: Path, ts: Path) -> bool:
    try:
        return qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime)
    except OSError:
        return False


def cached_qm(language: str) -> Path | None:
    """Where the cache keeps the catalogue compiled from this very ``.ts``: the name holds
    a digest of its bytes, so two installed versions never use each other's."""
    try:
        digest = hashlib.sha256(ts_path(language).read_bytes()).hexdigest()[:16]
    except OSError:
        return None
    return cache_dir() / f"chainwire_{language}-{digest}.qm"


def compiled(language: str) -> Path | None:
    """A ``.qm`` for ``language``: the one shipped beside the ``.ts`` (a bundle) unless
    older than it, else the cache's, compiled there when missing; None when there is none
    and none can be made."""
    if language not in SHIPPED:
        return None
    ts, shipped = ts_path(language), shipped_qm(language)
    if _fresh(shipped, ts):
        return shipped
    qm = cached_qm(language)
    if qm is None:
        return None
    return qm if qm.is_file() or compile_qm(ts, qm) else None


def main(argv: list[str]) -> int:
    """``update`` the .ts files from the sources, or ``compile OUT.qm [LANG]``."""
    if argv[:1] == ["update"]:
        for language in SHIPPED:
            extract(ts_path(language), language)
            print(f"updated {ts_path(language)}")
        return 0
    if argv[:1] == ["compile"] and len(argv) in (2, 3):
        language = argv[2] if len(argv) == 3 else "ko"
        return 0 if compile_qm(ts_path(language), Path(argv[1])) else 1
    print("usage: python -m chainwire.editor.catalogue update | compile OUT.qm [LANG]",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
