"""Reading and writing ``.chainwire`` files: versioned JSON, validated, written atomically.

A file is checked completely, on the raw JSON, before any ``Circuit`` is built: networkx
would silently merge duplicate ids and invent nodes for dangling wires, and Python's
``json`` happily accepts ``NaN``, ``Infinity`` and ``1e999``. Every bad file raises one
``FileFormatError`` whose message names the source, what is wrong and where; loading
never returns a partial circuit. The format is the contract of DESIGN §3 and is
documented for users in ``docs/file-format.md``.

Saving writes a temporary file next to the target, fsyncs it and renames it over the
target, so a crash, a full disk or an error leaves the previous file byte-identical.

>>> from chainwire.graph.circuit import Circuit
>>> c = Circuit()
>>> _ = c.add_node("input", "x", value=-2.0, pos=(0, 0))
>>> _ = c.add_node("square", "f", pos=(160, 0))
>>> c.connect("x", "f", 0)
>>> loads(dumps(c)) == c
True
"""

from __future__ import annotations

import contextlib
import copy
import errno
import gc
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

import networkx as nx

from chainwire.graph.circuit import MAX_PORTS, Circuit
from chainwire.graph.errors import FileFormatError
from chainwire.graph.gates import GATES

__all__ = [
    "DEFAULT_FONT_SIZE", "EXTENSION", "FORMAT_NAME", "FORMAT_VERSION", "MAX_BYTES",
    "MAX_DEPTH", "MAX_ITEMS", "dumps", "from_dict", "load", "loads", "save", "to_dict",
    "validate",
]

FORMAT_NAME = "chainwire"
FORMAT_VERSION = 1
"""The newest format version this code reads and the one it writes."""
EXTENSION = ".chainwire"

MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused before reading: no teaching circuit comes near this."""
MAX_ITEMS = 1_000_000
"""At most this many nodes, wires or annotations."""
MAX_DEPTH = 64
"""At most this many nested JSON objects/lists (the circuit itself needs 4)."""
DEFAULT_FONT_SIZE = 14.0
"""Font size of a canvas annotation that does not give one."""

_TOP_KEYS = ("format", "version", "title", "notes", "output", "nodes", "wires",
             "annotations", "view")
_NODE_KEYS = frozenset(("id", "type", "label", "value", "param", "pos"))
_WIRE_KEYS = frozenset(("from", "to", "port"))
_ANNOTATION_KEYS = ("text", "pos", "font_size")
_KNOWN_GATES = ", ".join(GATES)
_PORTS = {name: 0 if name == "input" else 1 if g.unary else MAX_PORTS
          for name, g in GATES.items()}
_NUMBER_TYPES = frozenset((int, float))
_INF = math.inf
_UTF8_BOM = b"\xef\xbb\xbf"

# Migrations from version N to N+1, applied in order to the raw dict before checking it.
# Version 1 is the first format, so there is nothing to migrate yet.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


# ===== reading =====================================================================

class _Invalid(Exception):
    """Internal: one problem, worded for the user; the source name is added later."""


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


def loads(text: str | bytes, source: str = "<string>") -> Circuit:
    """Parse the text of a ``.chainwire`` file into a new Circuit.

    Parameters
    ----------
    text : str or bytes
        The file's content; bytes must be UTF-8 (a leading byte-order mark is accepted).
    source : str
        Named in error messages, normally the file name.

    Raises
    ------
    FileFormatError
        The text is not a valid circuit file; the message says what and where.
    """
    with _gc_paused():
        return from_dict(_parse(text, source), source)


def _parse(text: str | bytes | bytearray | memoryview, source: str) -> Any:
    """The raw JSON value of ``text``, refusing what ``json`` would let through."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if len(raw) > MAX_BYTES:
            raise FileFormatError(f"{source}: the file is too large ({_mib(len(raw))}; "
                                  f"the limit is {_mib(MAX_BYTES)})")
        if raw.startswith(_UTF8_BOM):
            raw = raw[len(_UTF8_BOM):]
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FileFormatError(f"{source}: the file is UTF-16 text; Chainwire files "
                                  "are UTF-8 (save it again as UTF-8)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
            raise FileFormatError(
                f"{source}: line {line}, column {col}: not UTF-8 text (byte "
                f"0x{raw[e.start]:02x}); is this really a Chainwire file?") from None
    elif isinstance(text, str):
        if len(text) > MAX_BYTES:
            raise FileFormatError(f"{source}: the text is too large ({len(text):,} "
                                  f"characters; the limit is {MAX_BYTES:,})")
        if text.startswith("\ufeff"):
            text = text[1:]
    else:
        raise TypeError(f"loads() needs str or bytes, not {type(text).__name__}")
    if not text.strip():
        raise FileFormatError(f"{source}: the file is empty")
    try:
        return json.loads(text, object_pairs_hook=_pairs_hook, parse_float=_parse_float,
                          parse_constant=_parse_constant)
    except json.JSONDecodeError as e:
        what = f"not valid JSON: {e.msg}"
        if not text[e.pos:].strip():
            what += " (the file ends too early: was it cut off?)"
        raise FileFormatError(f"{source}: line {e.lineno}, column {e.colno}: {what}") from None
    except _HookError as e:
        raise FileFormatError(f"{source}: {_locate_hook_problem(text, str(e))}") from None
    except RecursionError:
        where = _locate_depth(text)
        raise FileFormatError(f"{source}: {where}nested more than {MAX_DEPTH} levels "
                              "deep") from None
    except ValueError as e:  # e.g. an integer with more than 4300 digits
        raise FileFormatError(f"{source}: not a usable JSON number: {e}") from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_TOKEN = re.compile(r'[ \t\n\r]*(?:(")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))')


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"line {line}, column {pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


def _locate_hook_problem(text: str, token: str) -> str:
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
                    return f"{_line_col(text, start)}: duplicate key {key!r} in one object"
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
                return (f"{_line_col(text, start)}: {tok} is not allowed: numbers in a "
                        "circuit file must be finite")
            if tok[:1] in "-0123456789" and any(ch in tok for ch in ".eE"):
                try:
                    too_big = math.isinf(float(tok))
                except ValueError:
                    too_big = False
                if too_big:
                    return (f"{_line_col(text, start)}: the number {tok} is too large "
                            "(it overflows to infinity)")
    if token == "duplicate key":
        return "duplicate key in an object"
    return f"{token} is not allowed: numbers in a circuit file must be finite"


def _locate_depth(text: str) -> str:
    """'line L, column C: ' where nesting first exceeds MAX_DEPTH, or ''."""
    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text, re.S):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"{_line_col(text, m.start())}: "
        elif c in "]}":
            depth -= 1
    return ""


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def load(path: str | os.PathLike[str]) -> Circuit:
    """Read a ``.chainwire`` file.

    Raises
    ------
    OSError
        The file cannot be opened or read (missing, a folder, no permission...).
    FileFormatError
        The file is not a valid circuit file; the message names the file.
    """
    source = os.fspath(path)
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_BYTES:
            raise FileFormatError(f"{source}: the file is too large ({_mib(size)}; the "
                                  f"limit is {_mib(MAX_BYTES)})")
        raw = f.read(MAX_BYTES + 1)  # a device or growing file may report a wrong size
    return loads(raw, source)


# ----- checking the raw data -------------------------------------------------------

@dataclass
class _Checked:
    """Everything needed to build the circuit, already validated."""

    nodes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    wires: list[tuple[str, str, int, dict[str, Any]]] = field(default_factory=list)
    output: str | None = None
    title: str | None = None
    notes: str | None = None
    view: dict[str, Any] = field(default_factory=dict)
    annotations: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def validate(data: Any, source: str = "<data>") -> None:
    """Raise ``FileFormatError`` if ``data`` (parsed JSON) is not a valid circuit file."""
    _check(data, source)


def from_dict(data: Any, source: str = "<data>") -> Circuit:
    """Build a Circuit from parsed JSON, validating everything first.

    ``data`` is not modified. Raises ``FileFormatError`` naming ``source``, what is wrong
    and where (node id and index, wire index).
    """
    with _gc_paused():
        checked = _check(data, source)
        c = Circuit()
        # Built directly on the graph, after full validation (including the acyclicity
        # check): Circuit.connect's per-wire path search makes big files quadratic.
        # The attributes are exactly those Circuit.add_node / connect would store.
        _build_graph(c.graph, checked)
    c._output = checked.output
    c.title, c.notes = checked.title, checked.notes
    c.view = checked.view
    c.annotations = checked.annotations
    c.extra = checked.extra
    c.structure_version += 1
    return c


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many containers.

    Parsing and checking a big file creates millions of dicts and tuples; each batch
    triggers a collection that walks all of them again (about a third of the load time
    of a 100,000-node file). Nothing built here is cyclic garbage.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _build_graph(g: nx.MultiDiGraph, checked: _Checked) -> None:
    """Fill an empty graph with the checked nodes and wires.

    networkx's ``add_edges_from`` costs ~10 µs per edge on a MultiDiGraph; writing its
    adjacency dicts directly is ~10x faster. That layout (``_node``, ``_adj`` == ``_succ``
    and ``_pred`` sharing one key dict per node pair) has been stable since networkx 2.0;
    if it ever changes, the public (slower) path is taken.
    """
    fast = (type(g) is nx.MultiDiGraph and len(g) == 0 and g._succ is g._adj
            and getattr(g, "edge_key_dict_factory", None) is dict
            and getattr(g, "edge_attr_dict_factory", None) is dict
            and getattr(g, "node_attr_dict_factory", None) is dict
            and getattr(g, "adjlist_inner_dict_factory", None) is dict)
    if not (fast and _FAST_BUILD):
        g.add_nodes_from(checked.nodes)
        g.add_edges_from(checked.wires)
        return
    node, succ, pred = g._node, g._succ, g._pred
    for nid, attrs in checked.nodes:
        node[nid] = attrs
        succ[nid] = {}
        pred[nid] = {}
    for s, d, port, attrs in checked.wires:
        out = succ[s]
        keys = out.get(d)
        if keys is None:
            keys = out[d] = {}
            pred[d][s] = keys
        keys[port] = attrs


_FAST_BUILD = True
"""Tests set this to False to check the public-API build gives the same graph."""


def _check(data: Any, source: str) -> _Checked:
    try:
        return _check_raw(data)
    except _Invalid as e:
        raise FileFormatError(f"{source}: {e}") from None


def _kind(v: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"the number {v!r}"
    if isinstance(v, str):
        return f"the text {_short(v)}"
    if isinstance(v, (list, tuple)):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


def _short(s: str) -> str:
    return repr(s if len(s) <= 40 else s[:37] + "...")


def _number(v: Any, what: str) -> float:
    """A finite float from a JSON number; booleans are not numbers."""
    if isinstance(v, float) and not isinstance(v, bool):  # the common case, fast
        if v - v == 0.0:
            return v
        raise _Invalid(f"{what} must be a finite number, not {v!r}")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Invalid(f"{what} must be a number, not {_kind(v)}")
    try:
        f = float(v)
    except OverflowError:
        raise _Invalid(f"{what} is too large to be a number ({len(str(v))} digits)") from None
    if f - f != 0.0:
        raise _Invalid(f"{what} must be a finite number, not {f!r}")
    return f


def _pos(v: Any, what: str) -> tuple[float, float]:
    if not isinstance(v, (list, tuple)) or len(v) != 2:
        got = f"a list of {len(v)}" if isinstance(v, (list, tuple)) else _kind(v)
        raise _Invalid(f"{what} must be two numbers [x, y], not {got}")
    return (_number(v[0], f"{what} x"), _number(v[1], f"{what} y"))


def _free(value: Any, depth: int, what: str) -> None:
    """Check a free-form value (unknown key, view) is plain JSON, finite and not too deep.

    ``depth`` is the number of objects/lists around ``value``. Iterative, so no nesting
    can exhaust the Python stack.
    """
    stack = [(value, depth)]
    while stack:
        v, d = stack.pop()
        if v is None or isinstance(v, (str, bool, int)):
            continue
        if isinstance(v, float):
            if v - v != 0.0:
                raise _Invalid(f"{what} contains {v!r}: numbers must be finite")
            continue
        if isinstance(v, dict):
            children = v.values()
            if any(not isinstance(k, str) for k in v):
                raise _Invalid(f"{what} has an object key that is not text")
        elif isinstance(v, (list, tuple)):
            children = v
        else:
            raise _Invalid(f"{what} contains a {type(v).__name__}, which is not a JSON value")
        if d + 1 > MAX_DEPTH:
            raise _Invalid(f"{what} is nested more than {MAX_DEPTH} levels deep")
        stack.extend((x, d + 1) for x in children)


def _node_where(i: int, nid: Any) -> str:
    return f"node {nid!r} (nodes[{i}])" if isinstance(nid, str) and nid else f"nodes[{i}]"


def _check_header(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _Invalid(f"the top level must be a JSON object, not {_kind(data)}")
    if "format" not in data:
        raise _Invalid('not a Chainwire file: there is no "format": "chainwire" entry')
    if data["format"] != FORMAT_NAME:
        raise _Invalid(f'not a Chainwire file: "format" is {_kind(data["format"])}, '
                       f'expected "{FORMAT_NAME}"')
    if "version" not in data:
        raise _Invalid('the "version" entry is missing (this Chainwire writes version '
                       f"{FORMAT_VERSION})")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Invalid(f'"version" must be a whole number like {FORMAT_VERSION}, '
                       f"not {_kind(version)}")
    if version > FORMAT_VERSION:
        raise _Invalid(f"the file was made by a newer Chainwire: it uses file format "
                       f"version {version}, and this Chainwire reads versions up to "
                       f"{FORMAT_VERSION}. Update Chainwire to open it.")
    if version < 1:
        raise _Invalid(f'"version" {version} does not exist: versions start at 1')
    for v in range(version, FORMAT_VERSION):
        data = _MIGRATIONS[v](data)
    return data


def _check_raw(data: Any) -> _Checked:
    data = _check_header(data)
    out = _Checked()

    # ----- nodes
    if "nodes" not in data:
        raise _Invalid('there is no "nodes" list')
    nodes = data["nodes"]
    if not isinstance(nodes, list):
        raise _Invalid(f'"nodes" must be a list, not {_kind(nodes)}')
    if len(nodes) > MAX_ITEMS:
        raise _Invalid(f"too many nodes ({len(nodes):,}; the limit is {MAX_ITEMS:,})")
    index_of: dict[str, int] = {}
    ports_of: dict[str, int] = {}  # how many input ports a node has (0 for inputs)
    append_node = out.nodes.append
    for i, nd in enumerate(nodes):
        if type(nd) is not dict and not isinstance(nd, dict):
            raise _Invalid(f"nodes[{i}] must be an object, not {_kind(nd)}")
        nid = nd.get("id")
        try:
            attrs = _check_node(nd, nid, index_of)
        except _Invalid as e:
            raise _Invalid(f"{_node_where(i, nid)}: {e}") from None
        append_node((nid, attrs))
        index_of[nid] = i
        ports_of[nid] = _PORTS[attrs["type"]]

    # ----- wires
    wires = data.get("wires", [])
    if not isinstance(wires, list):
        raise _Invalid(f'"wires" must be a list, not {_kind(wires)}')
    if len(wires) > MAX_ITEMS:
        raise _Invalid(f"too many wires ({len(wires):,}; the limit is {MAX_ITEMS:,})")
    taken: dict[tuple[str, int], int] = {}
    forward = True  # every wire runs from an earlier node to a later one: surely acyclic
    append_wire = out.wires.append
    for i, w in enumerate(wires):
        # fast path for the plain, valid wire; anything else gets the full check
        if type(w) is dict and len(w) == 3:
            src, dst, port = w.get("from"), w.get("to"), w.get("port")
            if (type(src) is str and type(dst) is str and type(port) is int
                    and src in index_of and 0 <= port < ports_of.get(dst, 0)
                    and (dst, port) not in taken):
                taken[dst, port] = i
                append_wire((src, dst, port, {}))
                if forward and index_of[src] >= index_of[dst]:
                    forward = False
                continue
        try:
            wire = _check_wire(w, ports_of, taken, i)
        except _Invalid as e:
            raise _Invalid(f"wires[{i}]{_wire_what(w)}: {e}") from None
        append_wire(wire)
        forward = forward and index_of[wire[0]] < index_of[wire[1]]
    if not forward:
        _check_acyclic(index_of, out.wires)

    # ----- the rest
    output = data.get("output")
    if output is not None:
        if not isinstance(output, str):
            raise _Invalid(f'"output" must be a node id, not {_kind(output)}')
        if output not in index_of:
            raise _Invalid(f'"output" names node {output!r}, but there is no such node')
    out.output = output
    for key in ("title", "notes"):
        v = data.get(key)
        if v is not None and not isinstance(v, str):
            raise _Invalid(f'"{key}" must be text, not {_kind(v)}')
        setattr(out, key, v)
    view = data.get("view")
    if view is not None:
        if not isinstance(view, dict):
            raise _Invalid(f'"view" must be an object, not {_kind(view)}')
        _free(view, 1, '"view"')
        out.view = copy.deepcopy(view)
    out.annotations = _check_annotations(data.get("annotations"))
    for k, v in data.items():
        if k not in _TOP_KEYS:
            _free(v, 1, f"the entry {k!r}")
            out.extra[k] = copy.deepcopy(v)
    return out


def _check_node(nd: dict[str, Any], nid: Any, index_of: dict[str, int]) -> dict[str, Any]:
    """The graph attributes of one node, exactly as Circuit.add_node stores them.

    Written for speed on valid nodes (100,000-node files); the helpers it falls back
    to on anything unusual produce the messages.
    """
    if not isinstance(nid, str) or not nid:
        if "id" not in nd:
            raise _Invalid('it has no "id"')
        raise _Invalid(f'"id" must be a non-empty text, not {_kind(nid)}')
    if nid in index_of:
        raise _Invalid(f"the id {nid!r} is already used by nodes[{index_of[nid]}]; "
                       "ids must be unique")
    type_ = nd.get("type")
    gate = GATES.get(type_) if isinstance(type_, str) else None
    if gate is None:
        if "type" not in nd:
            raise _Invalid(f'it has no "type" (one of: {_KNOWN_GATES})')
        if not isinstance(type_, str):
            raise _Invalid(f'"type" must be text, not {_kind(type_)}')
        raise _Invalid(f"unknown gate type {type_!r} (known: {_KNOWN_GATES})")
    label = nd.get("label")
    if label is not None and not isinstance(label, str):
        raise _Invalid(f'"label" must be text, not {_kind(label)}')
    pos = nd.get("pos")
    if type(pos) is list and len(pos) == 2 and type(pos[0]) in _NUMBER_TYPES \
            and type(pos[1]) in _NUMBER_TYPES:
        try:
            xy = (float(pos[0]), float(pos[1]))
        except OverflowError:
            xy = (_INF, _INF)
        if xy[0] - xy[0] != 0.0 or xy[1] - xy[1] != 0.0:
            xy = _pos(pos, '"pos"')  # raises, with the message
    elif "pos" not in nd:
        raise _Invalid('it has no "pos" [x, y]')
    else:
        xy = _pos(pos, '"pos"')
    attrs: dict[str, Any] = {"type": type_, "label": label, "pos": xy}
    if type_ == "input":
        value = nd.get("value")
        if type(value) is float and value - value == 0.0:
            attrs["value"] = value
        elif "value" not in nd:
            raise _Invalid('an input node needs a "value"')
        else:
            attrs["value"] = _number(value, '"value"')
    elif nd.get("value") is not None:
        raise _Invalid(f'a {type_} gate has no "value" (only input nodes do)')
    param = nd.get("param")
    if gate.param_default is not None:
        if type(param) is float and param - param == 0.0:
            attrs["param"] = param
        else:
            attrs["param"] = (gate.param_default if param is None
                              else _number(param, '"param"'))
    elif param is not None:
        raise _Invalid(f'a {type_} gate has no "param" (only scale and offset do)')
    if not _NODE_KEYS.issuperset(nd):
        extra = {k: v for k, v in nd.items() if k not in _NODE_KEYS}
        _free(extra, 2, "an unknown entry")
        attrs["extra"] = copy.deepcopy(extra)
    return attrs


def _wire_what(w: Any) -> str:
    if isinstance(w, dict) and isinstance(w.get("from"), str) and isinstance(w.get("to"), str):
        return f" ({w['from']!r} → {w['to']!r})"
    return ""


def _check_wire(w: Any, ports_of: dict[str, int], taken: dict[tuple[str, int], int],
                i: int) -> tuple[str, str, int, dict[str, Any]]:
    """The full check of one wire, with a message for every problem."""
    if not isinstance(w, dict):
        raise _Invalid(f"a wire must be an object, not {_kind(w)}")
    ends = []
    for key in ("from", "to"):
        if key not in w:
            raise _Invalid(f'it has no "{key}"')
        v = w[key]
        if not isinstance(v, str):
            raise _Invalid(f'"{key}" must be a node id, not {_kind(v)}')
        if v not in ports_of:
            raise _Invalid(f'"{key}" names node {v!r}, but there is no such node')
        ends.append(v)
    src, dst = ends
    if "port" not in w:
        raise _Invalid('it has no "port"')
    port = w["port"]
    if isinstance(port, bool) or not isinstance(port, int):
        raise _Invalid(f'"port" must be a whole number, not {_kind(port)}')
    ports = ports_of[dst]
    if ports == 0:
        raise _Invalid(f"{dst!r} is an input node: it has no input ports")
    if ports == 1 and port != 0:
        raise _Invalid(f"{dst!r} has one input, port 0; there is no port {port}")
    if not 0 <= port < ports:
        raise _Invalid(f"{dst!r} has ports 0 to {ports - 1}; there is no port {port}")
    port = int(port)
    first = taken.setdefault((dst, port), i)
    if first != i:
        raise _Invalid(f"port {port} of {dst!r} is already wired by wires[{first}]; "
                       "a port takes one wire")
    attrs: dict[str, Any] = {}
    extra = {k: v for k, v in w.items() if k not in _WIRE_KEYS}
    if extra:
        _free(extra, 2, "an unknown entry")
        attrs["extra"] = copy.deepcopy(extra)
    return (src, dst, port, attrs)


def _check_acyclic(index_of: dict[str, int],
                   wires: list[tuple[str, str, int, dict[str, Any]]]) -> None:
    """Kahn's algorithm, iterative; on a loop, name its nodes and wires."""
    n_nodes = len(index_of)
    indeg = [0] * n_nodes
    succ: list[list[int]] = [[] for _ in range(n_nodes)]
    for s, d, _p, _a in wires:
        di = index_of[d]
        succ[index_of[s]].append(di)
        indeg[di] += 1
    ready = [i for i, k in enumerate(indeg) if k == 0]
    done = 0
    while ready:
        n = ready.pop()
        done += 1
        for d in succ[n]:
            indeg[d] -= 1
            if indeg[d] == 0:
                ready.append(d)
    if done == n_nodes:
        return
    # Every node left has a predecessor that is also left: walk back until one repeats.
    pred: dict[str, str] = {}
    first_wire: dict[tuple[str, str], int] = {}
    for i, (s, d, _p, _a) in enumerate(wires):
        if indeg[index_of[d]] > 0 and indeg[index_of[s]] > 0:
            pred.setdefault(d, s)
            first_wire.setdefault((s, d), i)
    n = next(iter(pred))
    seen: dict[str, int] = {}
    path: list[str] = []
    while n not in seen:
        seen[n] = len(path)
        path.append(n)
        n = pred[n]
    loop = path[seen[n]:][::-1]  # forward direction
    idx = [first_wire[a, b] for a, b in zip(loop, loop[1:] + loop[:1], strict=True)]
    k = idx.index(min(idx))  # start at the loop's first wire in the file
    loop, idx = loop[k:] + loop[:k], idx[k:] + idx[:k]
    names = " → ".join(repr(x) for x in [*loop, loop[0]])
    ws = ", ".join(f"wires[{i}]" for i in idx)
    raise _Invalid(f"{ws} make a loop: {names}; a circuit must not feed back into itself")


def _check_annotations(anns: Any) -> list[dict[str, Any]]:
    if anns is None:
        return []
    if not isinstance(anns, list):
        raise _Invalid(f'"annotations" must be a list, not {_kind(anns)}')
    if len(anns) > MAX_ITEMS:
        raise _Invalid(f"too many annotations ({len(anns):,}; the limit is {MAX_ITEMS:,})")
    result = []
    for i, a in enumerate(anns):
        where = f"annotations[{i}]"
        if not isinstance(a, dict):
            raise _Invalid(f"{where} must be an object, not {_kind(a)}")
        text = a.get("text")
        if not isinstance(text, str):
            raise _Invalid(f'{where}: "text" must be text, not '
                           f"{_kind(text) if 'text' in a else 'missing'}")
        if "pos" not in a:
            raise _Invalid(f'{where}: it has no "pos" [x, y]')
        try:
            pos = _pos(a["pos"], '"pos"')
            size = a.get("font_size")
            size = DEFAULT_FONT_SIZE if size is None else _number(size, '"font_size"')
        except _Invalid as e:
            raise _Invalid(f"{where}: {e}") from None
        if size <= 0:
            raise _Invalid(f'{where}: "font_size" must be positive, not {size!r}')
        ann: dict[str, Any] = {"text": text, "pos": pos, "font_size": size}
        rest = {k: v for k, v in a.items() if k not in _ANNOTATION_KEYS}
        if rest:
            _free(rest, 3, f"{where}: an unknown entry")
            ann.update(copy.deepcopy(rest))
        result.append(ann)
    return result


# ===== writing =====================================================================

def _coord(x: float) -> float | int:
    """Whole coordinates are written as integers ([160, 40]): shorter, nicer diffs."""
    if x.is_integer() and abs(x) < 2.0**53 and (x != 0.0 or math.copysign(1.0, x) > 0):
        return int(x)
    return x


def to_dict(circuit: Circuit) -> dict[str, Any]:
    """The circuit as plain JSON data (format version ``FORMAT_VERSION``).

    Node and wire order follow the circuit's. Optional entries that are empty (no
    title, no output named, no annotations...) are left out. Unknown entries read from
    a file (``extra``) are written back; they never override a known entry.
    """
    d: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    if circuit.title is not None:
        d["title"] = circuit.title
    if circuit.notes is not None:
        d["notes"] = circuit.notes
    if circuit.output is not None:
        d["output"] = circuit.output
    nodes = []
    for nid, a in circuit.graph.nodes(data=True):
        nd: dict[str, Any] = {"id": nid, "type": a["type"]}
        if a.get("label") is not None:
            nd["label"] = a["label"]
        if "value" in a:
            nd["value"] = a["value"]
        if a.get("param") is not None:
            nd["param"] = a["param"]
        x, y = a["pos"]
        nd["pos"] = [_coord(x), _coord(y)]
        extra = a.get("extra")
        if extra:
            for k, v in extra.items():
                nd.setdefault(k, v)
        nodes.append(nd)
    d["nodes"] = nodes
    wires = []
    for src, dst, port, extra in circuit.graph.edges(keys=True, data="extra"):
        w = {"from": src, "to": dst, "port": port}
        if extra:
            for k, v in extra.items():
                w.setdefault(k, v)
        wires.append(w)
    d["wires"] = wires
    if circuit.annotations:
        anns = []
        for a in circuit.annotations:
            ann = dict(a)
            if isinstance(ann.get("pos"), (list, tuple)) and len(ann["pos"]) == 2:
                ann["pos"] = [_coord(float(ann["pos"][0])), _coord(float(ann["pos"][1]))]
            anns.append(ann)
        d["annotations"] = anns
    if circuit.view:
        d["view"] = dict(circuit.view)
    for k, v in circuit.extra.items():
        d.setdefault(k, v)
    return d


def _render(d: dict[str, Any], ensure_ascii: bool) -> str:
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
        for k, v in x.items():  # keys are text: _check_raw ran first
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


def _encode(circuit: Circuit) -> tuple[str, bytes]:
    with _gc_paused():
        return _encode_unpaused(circuit)


def _encode_unpaused(circuit: Circuit) -> tuple[str, bytes]:
    d = to_dict(circuit)
    try:
        # Saving must never produce a file that loading refuses (NaN or a set put into
        # ``extra`` by code, an annotation without text...).
        _check_raw(d)
        text = _render(d, ensure_ascii=False)
        try:
            return text, text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in some text: escape everything
            text = _render(d, ensure_ascii=True)
            return text, text.encode("ascii")
    except _Invalid as e:
        raise FileFormatError(f"the circuit cannot be written as a valid file: {e}") from None
    except (TypeError, ValueError, RecursionError) as e:
        raise FileFormatError(f"the circuit cannot be written as JSON: {e}") from None


def dumps(circuit: Circuit) -> str:
    """The text of a ``.chainwire`` file for ``circuit`` (strict JSON, trailing newline).

    Floats are written with ``repr`` and so read back bit for bit (``-0.0`` included).
    Raises ``FileFormatError`` if the circuit holds something a file cannot (for
    example NaN in an ``extra`` entry): a file we write always loads.
    """
    return _encode(circuit)[0]


def save(circuit: Circuit, path: str | os.PathLike[str]) -> None:
    """Write ``circuit`` to ``path`` atomically.

    The bytes go to a temporary file in the same folder, which is fsynced and then
    renamed over ``path`` (a symlink is followed: its target is replaced). On any failure
    the temporary file is removed and an existing file at ``path`` is left untouched.
    An existing file's permission bits are kept; a new file gets 0o666 minus the umask.

    Raises
    ------
    OSError
        Writing failed (folder missing, ``path`` is a folder, disk full, ...). The
        message names ``path``; the original errno and exception class are kept.
    FileFormatError
        The circuit holds data a file cannot (see ``dumps``); nothing is written.
    """
    shown = os.fspath(path)
    try:
        _, data = _encode(circuit)
    except FileFormatError as e:
        raise FileFormatError(f"cannot save {shown}: {e}") from None
    target = os.path.realpath(shown)
    folder = os.path.dirname(target) or "."
    if os.path.isdir(target):
        raise _os_error(IsADirectoryError(errno.EISDIR, "Is a directory"), shown,
                        "it is a folder, not a file")
    if not os.path.isdir(folder):
        raise _os_error(FileNotFoundError(errno.ENOENT, "No such file or directory"), shown,
                        f"the folder {folder} does not exist")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as e:
        raise _os_error(e, shown) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                   dir=folder)
    except OSError as e:
        raise _os_error(e, shown) from None
    try:
        try:
            _write_all(fd, data)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _os_error(e, shown) from None
        raise
    _fsync_dir(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if not n or n < 0:
            raise OSError(errno.ENOSPC, f"only {len(data) - len(view)} of {len(data)} bytes "
                          "could be written (is the disk full?)")
        view = view[n:]


def _fsync_dir(folder: str) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it the only portable way
    os.umask(mask)
    return mask


def _os_error(e: OSError, shown: str, why: str | None = None) -> OSError:
    """The same kind of OSError, with a message that names the file being saved."""
    reason = why or e.strerror or str(e)
    msg = f"cannot save {shown}: {reason}"
    try:
        err = type(e)(msg)
    except Exception:  # an OSError subclass with an unusual constructor
        err = OSError(msg)
    err.errno = e.errno  # (setting .filename would make str() ignore our message)
    return err
