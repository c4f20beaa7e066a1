"""Issue 11, items 2 and 5: the loader's cost is bounded whatever the keys (JSON tokens
are counted before parsing, exactly, outside strings), and expression names mean what was
typed (no NFKC merging; a flat chain is one level)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chainwire.graph import fileio
from chainwire.graph.errors import ExpressionError, FileFormatError
from chainwire.graph.expr import parse
from chainwire.graph.fileio import budget, spec

from .test_hardening_memory import PEAK

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)


def reference_count(raw: bytes) -> int:
    """The slow, obvious count: strip strings, count the four characters."""
    s = _STRING.sub(b"", raw)
    return sum(s.count(c) for c in (b",", b":", b"[", b"{")) + 1


TEXT = st.text(alphabet=st.sampled_from('ab,:[{"\\\u00e9\u2028 '), max_size=8)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(TEXT, inner, max_size=4), max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(value=JSON, chunk=st.sampled_from([3, 7, 64, 1 << 20]), ascii_only=st.booleans())
def test_token_count_is_exact_outside_strings_across_chunks(value, chunk, ascii_only):
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    old = budget._CHUNK
    budget._CHUNK = chunk
    try:
        assert budget.count_tokens(raw) == reference_count(raw)
    finally:
        budget._CHUNK = old


def test_the_limit_counts_exactly_and_text_does_not_count(monkeypatch):
    monkeypatch.setattr(spec, "MAX_TOKENS", 40)
    head = '{"format": "chainwire", "version": 1, "nodes": [], "x": ['
    # { : , : , : [ , : [ are 10, plus one; each item after the first adds a comma
    ok = head + ", ".join(["0"] * 30) + "]}"
    assert budget.count_tokens(ok.encode()) == 40
    assert len(fileio.loads(ok)) == 0
    with pytest.raises(FileFormatError, match="too many JSON tokens"):
        fileio.loads(head + ", ".join(["0"] * 31) + "]}")
    commas = head + '"' + ",:[{" * 1000 + '"]}'  # punctuation inside text is text
    assert fileio.loads(commas.encode()).extra["x"] == [",:[{" * 1000]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak RSS from /proc")
def test_a_hostile_60_mb_file_is_refused_fast_and_small(tmp_path):
    """60 MB of ``{}`` under an unknown key: 64 s and 4.5 GB before issue 11."""
    p = tmp_path / "hostile.chainwire"
    n = 20_000_000
    with open(p, "wb") as f:
        f.write(b'{"format": "chainwire", "version": 1, "nodes": [], "junk": [')
        f.write(b"{}," * (n - 1) + b"{}]}")
    code = (PEAK + "import sys, time\nfrom chainwire.graph import fileio\n"
            "t = time.monotonic()\ntry:\n    fileio.load(sys.argv[1])\n"
            "except Exception as e:\n    print(type(e).__name__, e)\n"
            "print(time.monotonic() - t)\n"
            "print(peak_mb())\n")
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True,
                         text=True, timeout=120)
    message, seconds, mb = out.stdout.splitlines()
    assert message.startswith("FileFormatError") and "too many JSON tokens" in message
    assert float(seconds) < 10 and int(mb) < 300, (seconds, mb)


def test_unknown_entries_at_the_limit_load_without_copies(monkeypatch):
    """What passes the count is walked once, level by level, never deep-copied."""
    data = {"format": "chainwire", "version": 1, "nodes": [], "junk": [{}] * 3}
    text = json.dumps(data)
    c = fileio.loads(text)
    assert c.extra["junk"] == [{}, {}, {}]
    called = []
    monkeypatch.setattr("copy.deepcopy", lambda *a, **k: called.append(1))
    fileio.loads(text)
    assert called == []
    c2 = fileio.from_dict(data)  # code handing in its own data still gets a copy
    assert c2.extra["junk"] is not data["junk"]


@pytest.mark.parametrize("deep", ['[' * 70 + ']' * 70, '{"a":' * 70 + "1" + "}" * 70])
def test_nesting_is_bounded_in_unknown_entries(deep):
    text = '{"format": "chainwire", "version": 1, "nodes": [], "x": ' + deep + "}"
    with pytest.raises(FileFormatError, match="nested more than 64 levels"):
        fileio.loads(text)


# ----- expressions -------------------------------------------------------------------------
def test_names_keep_their_spelling():
    c = parse("ℌ * x")
    assert "ℌ" in c and "H" not in c and c.node("ℌ").label == "ℌ"
    assert set(parse("ﬁ * ﬁ").node_ids()) == {"ﬁ", "multiply1"}


@pytest.mark.parametrize("text, words", [
    ("ﬁ + fi", "'fi' and 'ﬁ' are different names that Python reads as one"),
    ("H * ℌ", "'ℌ' and 'H' are different names"),
    ("ｍａｘ(a, b)", "unknown function 'ｍａｘ'"),
    ("ｅｘｐ + 1", "'ｅｘｐ' reads as 'exp', which cannot be a variable name"),
    ("x * \udcff", "'\\udcff' is not a character"),
])
def test_names_python_would_merge_or_misread_are_refused(text, words):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert words in str(info.value), str(info.value)


def test_a_flat_product_of_3000_terms_is_one_level_and_quick():
    t0 = time.monotonic()
    c = parse("*".join(f"x{i}" for i in range(1500)))  # 10,000 characters at most
    assert time.monotonic() - t0 < 10
    assert len([n for n in c.nodes() if n.type == "input"]) == 1500
    c = parse("*".join(["x"] * 3000))
    assert c.output is not None and sys.getrecursionlimit() < 4000


TERMS = st.sampled_from(["x", "y", "-z", "2", "(a*b)", "x**2", "sigmoid(x)", "max(x, y)",
                         "-(x+y)", "3*x", "- -y", "exp(x/2)", "x % 2", "ﬁ", "max", "(x+y)",
                         "((a/b))", "(a-b)", "max(x*y*z*w*v, 1)"])


@settings(max_examples=150, deadline=None)
@given(terms=st.lists(TERMS, min_size=1, max_size=30),
       ops=st.lists(st.sampled_from(["+", "-", "*", "/", " * ", "\n+ "]), min_size=29,
                    max_size=29),
       wrap=st.sampled_from(["{}", "sigmoid({})", "({}) * w", "max(v, {})"]))
def test_regrouped_long_chains_build_the_same_circuit_or_refusal(terms, ops, wrap):
    """Python 3.12 cannot nest a chain of ~3,000 terms; the regrouped parse (forced here,
    with short runs) must give the same circuit, or the same refusal at the same column."""
    from chainwire.graph import expr, expr_chains

    text = wrap.format(terms[0] + "".join(o + t for o, t in zip(ops, terms[1:],
                                                                strict=False)))

    def result() -> str:
        try:
            return fileio.dumps(parse(text))
        except ExpressionError as e:
            return f"refused: {e}"

    expected = result()
    assume("syntax error" not in expected)  # Python says so before it nests anything
    real = expr.ast.parse
    calls: list[int] = []

    def first_call_too_deep(*a, **k):
        calls.append(1)
        if len(calls) == 1:
            raise RecursionError("as Python 3.12 says for a chain of 3,000 terms")
        return real(*a, **k)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(expr_chains, "RUN", 3)
        assume(expr_chains.regroup(text.lstrip()) is not None)  # some chain of 4 or more
        mp.setattr(expr.ast, "parse", first_call_too_deep)
        assert result() == expected, text
