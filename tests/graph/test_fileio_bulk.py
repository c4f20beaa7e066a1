"""graph.fileio.bulk: the column-by-column check accepts exactly what the element-by-element
check accepts, with the very same attributes, and leaves every refusal (and its message)
to the element-by-element check."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainwire.graph import fileio
from chainwire.graph.errors import FileFormatError
from chainwire.graph.fileio import bulk
from chainwire.graph.fileio.values import Invalid

# the package exports a function named ``validate``, which hides the module's name
check_module = importlib.import_module("chainwire.graph.fileio.validate")

_NODE_VARIANTS = [
    {"id": "i", "type": "input", "value": 0.5, "pos": [0, 0]},
    {"id": "i", "type": "input", "value": -0.0, "label": "x", "pos": [1.5, -2]},
    {"id": "g", "type": "add", "pos": [10, 20]},
    {"id": "g", "type": "sigmoid", "label": None, "pos": [0.25, 0]},
    {"id": "g", "type": "scale", "param": 0.5, "pos": [3, 4]},
    {"id": "g", "type": "offset", "pos": [3, 4]},  # the default constant
    {"id": "g", "type": "pow", "param": None, "pos": [3, 4]},
    # unusual but valid: the element-by-element check takes these
    {"id": "i", "type": "input", "value": 2, "pos": [0, 0]},
    {"id": "i", "type": "input", "value": [1.0, 2.0], "pos": [0, 0]},
    {"id": "g", "type": "scale", "param": 3, "pos": [0, 0]},
    {"id": "g", "type": "add", "pos": [0, 0], "colour": "red"},
    # refused
    {"id": "g", "type": "add", "value": 1.0, "pos": [0, 0]},
    {"id": "g", "type": "add", "param": 1.0, "pos": [0, 0]},
    {"id": "g", "type": "add", "pos": [0, True]},
    {"id": "g", "type": "add", "pos": [0, 10**400]},
    {"id": "g", "type": "add", "pos": [0]},
    {"id": "g", "type": "add", "pos": (0, 0)},
    {"id": "g", "type": "add"},
    {"id": "g", "type": "nosuchgate", "pos": [0, 0]},
    {"id": "g", "type": 3, "pos": [0, 0]},
    {"id": "g", "type": [], "pos": [0, 0]},
    {"id": [], "type": "add", "pos": [0, 0]},
    {"id": "g", "type": "add", "label": [], "pos": [0, 0]},
    {"id": "i", "type": "input", "value": {}, "pos": [0, 0]},
    {"id": "g", "type": "scale", "param": [], "pos": [0, 0]},
    {"id": "", "type": "add", "pos": [0, 0]},
    {"id": 7, "type": "add", "pos": [0, 0]},
    {"type": "add", "pos": [0, 0]},
    {"id": "g", "type": "add", "label": 5, "pos": [0, 0]},
    {"id": "i", "type": "input", "pos": [0, 0]},
    {"id": "i", "type": "input", "value": True, "pos": [0, 0]},
    {"id": "i", "type": "input", "value": 1e308 * 10, "pos": [0, 0]},
    {"id": "g", "type": "scale", "param": "2", "pos": [0, 0]},
    {"id": "g", "type": "group", "pos": [0, 0]},
    {"id": "g", "type": "add", "pos": [0, 0], "group": {}},
    "not a node",
]
_PLAIN_VALID = 7  # the first variants: what a file written by Chainwire holds


def _node(variant: int, k: int) -> object:
    nd = _NODE_VARIANTS[variant]
    if not isinstance(nd, dict):
        return nd
    nd = dict(nd)
    if isinstance(nd.get("id"), str) and nd["id"]:
        nd["id"] = f"{nd['id']}{k}"
    return nd


def _slow(nodes: list) -> tuple | None:
    out = check_module.Checked()
    try:
        index_of, ports_of = check_module._check_nodes(nodes, out, True)
    except Invalid:
        return None
    return out.nodes, index_of, ports_of


def _exact(nodes: list) -> list:
    """Nodes with their attributes' order and every number's type spelled out."""
    return [(nid, [(k, type(v), v) for k, v in a.items()]) for nid, a in nodes]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_NODE_VARIANTS) - 1), st.integers(0, 3)),
                max_size=8))
def test_nodes_the_bulk_check_accepts_are_exactly_the_element_checks(picks):
    nodes = [_node(v, k) for v, k in picks]
    fast, slow = bulk.nodes(nodes), _slow(nodes)
    if fast is None:
        plain = nodes and all(v < _PLAIN_VALID for v, _k in picks)
        unique = len({repr(nd.get("id")) for nd in nodes if isinstance(nd, dict)}) == len(nodes)
        assert not (plain and unique), "a plain valid file must take the bulk path"
        return
    assert slow is not None, "the bulk check accepted what the element check refuses"
    assert _exact(fast[0]) == _exact(slow[0])
    assert fast[1:] == slow[1:]


_WIRE_VARIANTS = [
    lambda s, d: {"from": s, "to": d, "port": 0},
    lambda s, d: {"from": s, "to": d, "port": 1},
    lambda s, d: {"from": s, "to": d, "port": 3},
    lambda s, d: {"from": d, "to": s, "port": 0},  # backwards: maybe a loop
    lambda s, d: {"from": s, "to": d, "port": -1},
    lambda s, d: {"from": s, "to": d, "port": True},
    lambda s, d: {"from": s, "to": d, "port": 0.0},
    lambda s, d: {"from": s, "to": "nobody", "port": 0},
    lambda s, d: {"from": "nobody", "to": d, "port": 0},
    lambda s, d: {"from": s, "to": d},
    lambda s, d: {"from": s, "to": d, "port": 0, "colour": "red"},
    lambda s, d: [s, d, 0],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_WIRE_VARIANTS) - 1), st.integers(0, 4),
                          st.integers(0, 4)), max_size=8))
def test_wires_the_bulk_check_accepts_are_exactly_the_element_checks(picks):
    names = ["x", "y", "neg", "sum", "sq"]
    nodes = [{"id": "x", "type": "input", "value": 1.0, "pos": [0, 0]},
             {"id": "y", "type": "input", "value": 2.0, "pos": [0, 0]},
             {"id": "neg", "type": "scale", "pos": [0, 0]},
             {"id": "sum", "type": "add", "pos": [0, 0]},
             {"id": "sq", "type": "square", "pos": [0, 0]}]
    wires = [_WIRE_VARIANTS[v](names[a], names[b]) for v, a, b in picks]
    data = {"format": "chainwire", "version": 2, "nodes": nodes, "wires": wires}
    checked = bulk.nodes(nodes)
    assert checked is not None
    _nodes, index_of, ports_of = checked
    fast = bulk.wires(wires, index_of, ports_of)
    out = check_module.Checked()
    try:
        forward = check_module._check_wires_one_by_one(wires, index_of, ports_of, out, True)
    except Invalid:
        assert fast is None, "the bulk check accepted what the element check refuses"
        with pytest.raises(FileFormatError):
            fileio.from_dict(data)
        return
    if fast is not None:
        assert fast == (out.wires, forward)
    elif all(v < 4 for v, _a, _b in picks):
        pytest.fail("plain valid wires must take the bulk path")


def test_a_file_written_by_chainwire_is_checked_in_bulk(monkeypatch):
    """The saved example loads without the node-by-node or wire-by-wire check."""
    from tests.graph.fileio_cases import example

    text = fileio.dumps(example())

    def refuse(*_a, **_k):
        raise AssertionError("checked one by one")

    monkeypatch.setattr(check_module, "_check_nodes", refuse)
    monkeypatch.setattr(check_module, "_check_wires_one_by_one", refuse)
    assert fileio.loads(text) == example()
