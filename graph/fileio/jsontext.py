"""Strict JSON text: reading it (refusing what ``json`` lets through) and writing it.

Python's ``json`` accepts ``NaN``, ``Infinity``, ``1e999`` and duplicate keys; a circuit
file must not contain them (docs/file-format.md, "The text"), so the parse hooks refuse
them and, on that rare error path only, a small tokenizer finds the line and column.
Writing puts one node, wire or annotation per line so diffs stay readable.
"""

from __future__ import annotations

import json
import math
import re
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

from chainwire.graph.errors import MESSAGES, CodedText, FileFormatError, coded, coded_text
from chainwire.graph.fileio import spec
from chainwire.graph.fileio.budget import check_tokens

_NUMBER_TYPES = frozenset((int, float))
_INF = math.inf
_UTF8_BOM = b"\xef\xbb\xbf"


JSON_DETAILS = {MESSAGES[code]: code for code in MESSAGES if code.startswith("json_")}
"""Python's json messages by their words, to code them (any other stays Python's)."""


class _HookError(Exception):
    """Internal: raised from inside json's parse hooks (duplicate key, NaN, 1e999)."""


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _HookError("duplicate key")
    return d


def _parse_constant(token: str) -> float:
    raise _HookError(token)


def _parse_float(token: str) -> float:
    f = float(token)
    if f == _INF or f == -_INF:
        raise _HookError(token)
    return f


def parse(text: str | bytes | bytearray | memoryview, source: str) -> Any:
    """The raw JSON value of ``text``, refusing what ``json`` would let through."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if len(raw) > spec.MAX_BYTES:
            raise too_large(source, len(raw))
        if raw.startswith(_UTF8_BOM):
            raw = raw[len(_UTF8_BOM):]
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise coded(FileFormatError, "utf16", source=source)
        check_tokens(raw, source)  # before decoding or building anything
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
            raise coded(FileFormatError, "not_utf8", source=source, line=line, column=col,
                        byte=f"{raw[e.start]:02x}") from None
    elif isinstance(text, str):
        if len(text) > spec.MAX_BYTES:
            raise coded(FileFormatError, "text_too_large", source=source,
                        count=f"{len(text):,}", most=f"{spec.MAX_BYTES:,}")
        if text.startswith("\ufeff"):
            text = text[1:]
        check_tokens(text, source)
    else:
        raise TypeError(f"loads() needs str or bytes, not {type(text).__name__}")
    if not text.strip():
        raise coded(FileFormatError, "file_empty", source=source)
    try:
        return json.loads(text, object_pairs_hook=_pairs_hook, parse_float=_parse_float,
                          parse_constant=_parse_constant)
    except json.JSONDecodeError as e:
        code = "not_json" if text[e.pos:].strip() else "not_json_cut"
        detail = coded_text(JSON_DETAILS[e.msg]) if e.msg in JSON_DETAILS else e.msg
        raise coded(FileFormatError, code, source=source, line=e.lineno, column=e.colno,
                    detail=detail) from None
    except _HookError as e:
        raise coded(FileFormatError, "file_problem", source=source,
                    problem=_locate_hook_problem(text, str(e))) from None
    except RecursionError:
        at = _locate_depth(text)
        if at is None:
            raise coded(FileFormatError, "nested", source=source, most=spec.MAX_DEPTH) from None
        raise coded(FileFormatError, "nested_at", source=source, line=at[0], column=at[1],
                    most=spec.MAX_DEPTH) from None
    except ValueError:  # an integer of more than 4,300 digits; Python's own message
        # would tell a user to call sys.set_int_max_str_digits()
        raise coded(FileFormatError, "huge_integer", source=source) from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_TOKEN = re.compile(r'[ \t\n\r]*(?:(")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))')


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind(chr(10), 0, pos) + 1) + 1


def _at(text: str, pos: int, code: str, **params: Any) -> CodedText:
    """``code``'s problem at ``pos``: "line 2, column 5: ..." """
    line, column = _line_col(text, pos)
    return coded_text("line_column", line=line, column=column,
                      problem=coded_text(code, **params))


def _locate_hook_problem(text: str, token: str) -> CodedText:
    """Where the first duplicate key or non-finite number is (error path only: slow)."""
    stack: list[list[Any]] = []  # [is_object, keys seen, expecting a key]
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        start = m.start(m.lastindex) if m.lastindex else m.end()
        if m.group(1):
            s = _STRING.match(text, start)
            if s is None:
                break
            pos = s.end()
            top = stack[-1] if stack else None
            if top is not None and top[0] and top[2]:
                key = json.loads(s.group())
                if key in top[1]:
                    return _at(text, start, "duplicate_key", key=repr(key))
                top[1].add(key)
            continue
        pos = m.end()
        if m.group(2):
            c = m.group(2)
            if c in "{[":
                stack.append([c == "{", set(), True])
            elif c in "}]":
                if stack:
                    stack.pop()
            elif stack and stack[-1][0]:
                stack[-1][2] = c == ","
        else:
            tok = m.group(3)
            if tok in ("NaN", "Infinity", "-Infinity"):
                return _at(text, start, "token_not_finite", token=tok)
            if tok[:1] in "-0123456789" and any(ch in tok for ch in ".eE"):
                try:
                    too_big = math.isinf(float(tok))
                except ValueError:
                    too_big = False
                if too_big:
                    return _at(text, start, "number_overflows", token=tok)
    if token == "duplicate key":
        return coded_text("duplicate_key_somewhere")
    return coded_text("token_not_finite", token=token)


def _locate_depth(text: str) -> tuple[int, int] | None:
    """(line, column) where nesting first exceeds ``spec.MAX_DEPTH``, or None."""
    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text, re.S):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > spec.MAX_DEPTH:
                return _line_col(text, m.start())
        elif c in "]}":
            depth -= 1
    return None


def mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def too_large(source: str, size: int) -> FileFormatError:
    """The refusal of a file of ``size`` bytes, over ``spec.MAX_BYTES``."""
    return coded(FileFormatError, "file_too_large", source=source, size=mib(size),
                 most=mib(spec.MAX_BYTES))


def render(d: dict[str, Any], ensure_ascii: bool) -> str:
    """Indent-2 JSON with one node, wire or annotation per line (readable diffs).

    Calling ``JSONEncoder.encode`` per line costs ~4 µs; the plain shapes every node and
    wire has are formatted here directly (strings still go through json's own C
    escaper), everything else through the encoder.
    """
    enc = json.JSONEncoder(ensure_ascii=ensure_ascii, allow_nan=False,
                           separators=(", ", ": ")).encode
    esc = encode_basestring_ascii if ensure_ascii else encode_basestring
    num = _NUMBER_TYPES
    fr = float.__repr__

    def value(v: Any) -> str:
        t = type(v)
        if t is str:
            return esc(v)
        if t is float and v - v == 0.0:
            return fr(v)
        if t is int:
            return int.__repr__(v)
        if t is list and len(v) == 2 and type(v[0]) in num and type(v[1]) in num \
                and v[0] - v[0] == 0 and v[1] - v[1] == 0:
            return f"[{value(v[0])}, {value(v[1])}]"
        return enc(v)

    def line(x: Any) -> str:
        if type(x) is not dict:
            return enc(x)
        if len(x) == 3 and type(x.get("from")) is str and type(x.get("to")) is str \
                and type(x.get("port")) is int:
            return f'{{"from": {esc(x["from"])}, "to": {esc(x["to"])}, "port": {x["port"]}}}'
        parts = []
        for k, v in x.items():  # keys are text: the file was checked first
            t = type(v)
            if t is str:
                parts.append(f"{esc(k)}: {esc(v)}")
            elif t is float and v - v == 0.0:
                parts.append(f"{esc(k)}: {fr(v)}")
            else:
                parts.append(f"{esc(k)}: {value(v)}")
        return "{" + ", ".join(parts) + "}"

    lines = ["{"]
    last = len(d) - 1
    for i, (k, v) in enumerate(d.items()):
        comma = "," if i < last else ""
        if k in ("nodes", "wires", "annotations") and type(v) is list and v:
            lines.append(f"  {esc(k)}: [")
            lines.append(",\n".join([f"    {line(x)}" for x in v]))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {esc(k)}: {enc(v)}{comma}")
    lines.append("}\n")
    return "\n".join(lines)
