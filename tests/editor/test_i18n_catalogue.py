"""The Korean catalogue: complete, in step with the sources and the data, compiled where
it may be (the cache, never site-packages) and used only when it is really there.

The strings are extracted afresh with lupdate (what packaging/update-translations.sh
runs) and compared with the committed ``.ts``; Python's own parser double-checks that
lupdate read every ``tr()`` text.
"""

from __future__ import annotations

import re

import pytest

from chainwire.editor import catalogue, i18n
from chainwire.graph.gates import GATES

TS = catalogue.ts_path("ko")


# ----- the catalogue ---------------------------------------------------------------------
def _keys(messages) -> set[tuple[str, str]]:
    return {(m.source, m.comment) for m in messages}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[catalogue.Message]:
    ts = tmp_path_factory.mktemp("lupdate") / "fresh_ko.ts"
    catalogue.extract(ts)
    return catalogue.read_ts(ts)


def test_every_source_string_has_a_finished_korean_translation(extracted):
    committed = catalogue.read_ts(TS)
    missing = _keys(extracted) - _keys(committed)
    stale = _keys(committed) - _keys(extracted)
    assert not missing, f"run packaging/update-translations.sh and translate: {missing}"
    assert not stale, f"entries no source uses any more: {stale}"
    unfinished = [m.source for m in committed if not m.finished]
    assert not unfinished, f"unfinished translations: {unfinished}"
    assert len(committed) > 300


def test_the_data_contexts_are_the_data(extracted):
    """The gates', themes' and examples' texts are in the catalogue exactly as the gate
    classes, theme files and example files have them."""
    by_context: dict[str, set[str]] = {}
    for m in catalogue.read_ts(TS):
        by_context.setdefault(m.context, set()).add(m.source)
    data = catalogue.data_texts()
    for context in catalogue.DATA_CONTEXTS:
        assert by_context[context] == set(data[context])
    gate_texts = {getattr(g, f) for g in GATES.values() for f in catalogue.GATE_TEXT_FIELDS}
    assert by_context["gates"] == gate_texts - {""}


def test_one_text_has_one_translation_and_keeps_its_placeholders():
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    marks = re.compile(r"\{[^}]*\}|%n|%\d")
    for m in catalogue.read_ts(TS):
        key = (m.source, m.comment)
        if not m.finished:
            continue  # the test above names it
        assert seen.setdefault(key, m.translations) == m.translations, key
        for form in m.translations:
            assert sorted(marks.findall(form)) == sorted(marks.findall(m.source)), (
                m.source, form)
            assert "(s)" not in form, form


# ----- compiling and finding the .qm -------------------------------------------------------
@pytest.fixture
def private_ts(tmp_path, monkeypatch):
    """A copy of the catalogue and a cache folder of this test's own."""
    ts = tmp_path / "i18n" / "chainwire_ko.ts"
    ts.parent.mkdir()
    ts.write_bytes(TS.read_bytes())
    monkeypatch.setattr(catalogue, "ts_path", lambda language: ts)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return ts


def test_the_catalogue_is_compiled_into_the_cache_and_again_when_edited(private_ts):
    qm = catalogue.compiled("ko")
    assert qm == catalogue.cached_qm("ko") and qm.parent == catalogue.cache_dir()
    assert qm.stat().st_size > 1000
    assert not catalogue.shipped_qm("ko").exists()  # never written beside the sources
    assert catalogue.compiled("ko") == qm  # already there: used as it is
    private_ts.write_text(private_ts.read_text("utf-8").replace("양호", "좋음"), "utf-8")
    edited = catalogue.compiled("ko")  # an edited (or upgraded) catalogue: its own .qm
    assert edited != qm and edited.is_file() and qm.is_file()


def test_a_shipped_catalogue_is_used_before_the_cache(private_ts):
    assert catalogue.compile_qm(private_ts, catalogue.shipped_qm("ko"))
    assert catalogue.compiled("ko") == catalogue.shipped_qm("ko")
    assert not catalogue.cache_dir().exists()


def test_without_lrelease_the_interface_stays_english(private_ts, qapp, monkeypatch):
    monkeypatch.setattr(catalogue, "qt_tool", lambda name: None)
    try:
        assert i18n.install("ko") == "en"
        assert qapp.translate("MainWindow", "Gates") == "Gates"
    finally:
        i18n.install("en")




def _tr_calls_in_the_sources() -> set[str]:
    """Every literal text given to tr(), _tr() or translate() in editor/, read with
    Python's own parser (lupdate's misses some spellings: a multi-line call with a
    count, an alias of translate)."""
    import ast

    found = set()
    for path in catalogue.EDITOR_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute):
                # tr = QCoreApplication.translate: lupdate reads tr(ctx, text) as text=ctx
                assert node.value.attr != "translate", f"{path}:{node.lineno}: an alias"
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            at = {"tr": 0, "_tr": 0, "translate": 1}.get(name)
            if at is None or len(node.args) <= at:
                continue
            arg = node.args[at]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                found.add(arg.value)
    return found


def test_lupdate_found_every_literal_tr_text(extracted):
    missed = _tr_calls_in_the_sources() - {m.source for m in extracted}
    assert not missed, f"lupdate cannot read these calls (spell them plainly): {missed}"
