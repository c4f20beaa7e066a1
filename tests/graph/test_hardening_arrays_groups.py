"""Hostile input against arrays, groups and array expressions (issue 9, hardening pass).

Crafted files, typed values, ``--set`` texts and expressions, as a careless or a hostile
user writes them. The contract for each: one clear line (``chainwire: error: ...``, exit
status 2 on the command line), never a traceback, an "internal error", a hang or a
memory blow-up; nothing in the text is executed.
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from chainwire.graph import fileio
from chainwire.graph.cli import main
from chainwire.graph.errors import FileFormatError
from chainwire.graph.evaluate import evaluate
from chainwire.graph.expr import parse
from chainwire.graph.fileio.groups import group_entry
from chainwire.graph.group_edits import GroupError, apply_edit, expand_edit, group_edit
from chainwire.graph.groups import parts_def

PYTHONISMS = ("Traceback", "internal error", "sys.set_int_max_str_digits", "Error:")


def sigmoid_entry() -> dict:
    return group_entry(parts_def("sigmoid"))


def file_with(entry: dict | None, *, node_type: str = "group", x=0.5, version=2) -> dict:
    node = {"id": "g", "type": node_type, "pos": [100, 0]}
    if entry is not None:
        node["group"] = entry
    return {"format": "chainwire", "version": version, "output": "g",
            "nodes": [{"id": "x", "type": "input", "value": x, "pos": [0, 0]}, node],
            "wires": [{"from": "x", "to": "g", "port": 0}]}


def nested(levels: int, inner: dict | None = None) -> dict:
    """A group holding a group ... ``levels`` times around ``inner`` (the sigmoid)."""
    e = copy.deepcopy(inner or sigmoid_entry())
    for _ in range(levels):
        e = {"name": "n", "symbol": "n", "ports": ["p"], "output": "s",
             "nodes": [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]},
                       {"id": "s", "type": "group", "pos": [0, 0], "group": e}],
             "wires": [{"from": "p", "to": "s", "port": 0}]}
    return e


def refused_everywhere(text: str, needle: str, tmp_path, capsys) -> None:
    """Refused by the loader with one line naming ``needle``, and by ``chainwire eval``
    with one ``chainwire: error:`` line, status 2."""
    with pytest.raises(FileFormatError) as info:
        fileio.loads(text, source="bad.chainwire")
    message = str(info.value)
    assert needle in message and "\n" not in message
    assert not any(p in message for p in PYTHONISMS), message
    path = tmp_path / "bad.chainwire"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["eval", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("chainwire: error: ") and err.count("\n") == 1
    assert needle in err and not any(p in err for p in PYTHONISMS), err


# ----- crafted groups ---------------------------------------------------------------------
def _cycle(e):
    for w in e["wires"]:
        if w["from"] == e["ports"][0]:
            w["from"] = e["output"]  # the output feeds the first part: a loop inside


def _port(value):
    def change(e):
        e["ports"] = value
    return change


def _set(key, value):
    def change(e):
        e[key] = value
    return change


def _dup_part(e):
    e["nodes"].append(copy.deepcopy(e["nodes"][1]))


def _wide(e):
    """300 ports (more than an n-ary gate has): each its own input feeding adds."""
    e["nodes"] = [{"id": f"p{i}", "type": "input", "value": 0.0, "pos": [0, i]}
                  for i in range(300)]
    e["nodes"] += [{"id": "a", "type": "add", "pos": [9, 0]},
                   {"id": "b", "type": "add", "pos": [9, 9]},
                   {"id": "top", "type": "add", "pos": [19, 0]}]
    e["wires"] = [{"from": f"p{i}", "to": "a" if i < 150 else "b", "port": i % 150}
                  for i in range(300)]
    e["wires"] += [{"from": "a", "to": "top", "port": 0}, {"from": "b", "to": "top", "port": 1}]
    e["ports"], e["output"] = [f"p{i}" for i in range(300)], "top"


GROUP_ATTACKS = [
    (_cycle, "make a loop"),
    (_port(["scale1"]), "port 'scale1' must be one of its input parts"),
    (_port(["nope"]), "port 'nope' must be one of its input parts"),
    (_port(["x1", "x1"]), "a port is listed twice"),
    (_port("x1"), '"ports" must be a list of node ids'),
    (_port([1]), '"ports" must be a list of node ids'),
    (_dup_part, "the id 'scale1' is already used"),
    (_set("output", "nowhere"), "its output 'nowhere' must be one of its gates"),
    (_set("output", "x1"), "its output 'x1' must be one of its gates"),
    (_set("output", None), '"output" must be text'),
    (_set("nodes", {}), '"nodes" must be a list'),
    (_set("wires", None), '"wires" must be a list'),
    (_set("name", ""), "a group needs a name"),
    (_set("symbol", "σ" * 9), "symbol has at most 8 characters"),
    (_set("extra", 1), "unknown entry 'extra'"),
    (_wide, "a group has at most 256 ports"),
]


@pytest.mark.parametrize("change, needle", GROUP_ATTACKS,
                         ids=[n for _c, n in GROUP_ATTACKS])
def test_a_crafted_group_is_refused_in_one_line_naming_the_slip(change, needle, tmp_path,
                                                                capsys):
    entry = sigmoid_entry()
    change(entry)
    refused_everywhere(json.dumps(file_with(entry)), needle, tmp_path, capsys)


@pytest.mark.parametrize("data, needle", [
    (file_with(sigmoid_entry(), node_type="add"), 'only a node of type "group" has one'),
    (file_with(None), 'a group node needs its "group" entry'),
    ({**file_with(None), "nodes": [{"id": "x", "type": "input", "value": 0.5, "pos": [0, 0]},
                                   {"id": "g", "type": "group", "pos": [0, 0], "group": None}]},
     "it must be an object, not null"),
    (file_with(nested(8)), "groups are nested more than 8 deep"),
], ids=["group-on-add", "no-entry", "null-entry", "nine-deep"])
def test_misplaced_missing_and_too_deep_groups_are_refused(data, needle, tmp_path, capsys):
    refused_everywhere(json.dumps(data), needle, tmp_path, capsys)


def test_groups_nested_thousands_deep_are_refused_by_the_text_depth_limit(tmp_path, capsys):
    """Written by hand (json.dumps itself would recurse too deep): no RecursionError."""
    inner = json.dumps(sigmoid_entry())
    head = ('{"name": "n", "symbol": "n", "ports": ["p"], "output": "s", "wires": '
            '[{"from": "p", "to": "s", "port": 0}], "nodes": [{"id": "p", "type": "input", '
            '"value": 0.0, "pos": [0, 0]}, {"id": "s", "type": "group", "pos": [0, 0], '
            '"group": ')
    entry = head * 2000 + inner + "}]}" * 2000
    text = json.dumps(file_with({})).replace('"group": {}', '"group": ' + entry)
    refused_everywhere(text, "nested more than 64 levels deep", tmp_path, capsys)


def test_seven_groups_inside_a_group_evaluate_as_the_sigmoid(capsys, tmp_path):
    c = fileio.loads(json.dumps(file_with(nested(7), x=0.5)))
    assert evaluate(c).raw_value("g") == pytest.approx(1 / (1 + np.exp(-0.5)), rel=1e-15)
    path = tmp_path / "deep.chainwire"
    fileio.save(c, path)
    assert main(["eval", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["nodes"]["g"]["shape"] == []


def test_a_shape_clash_deep_inside_nested_groups_is_one_error_line(capsys, tmp_path):
    mm = {"name": "mm", "symbol": "@", "ports": ["p"], "output": "m",
          "nodes": [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]},
                    {"id": "W", "type": "input", "value": [[1, 2, 3], [4, 5, 6]],
                     "pos": [0, 0]},
                    {"id": "m", "type": "matmul", "pos": [0, 0]}],
          "wires": [{"from": "W", "to": "m", "port": 0}, {"from": "p", "to": "m", "port": 1}]}
    path = tmp_path / "clash.chainwire"
    path.write_text(json.dumps(file_with(nested(3, mm), x=[[1, 2], [3, 4]])))
    assert main(["eval", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainwire: error: shapes do not fit at g: inside the n group")
    assert "matmul needs (2×3)·(3×k): got (2×3) and (2×2)" in err and err.count("\n") == 1


def test_expand_refuses_parts_that_would_lie_too_far_out_to_draw():
    for group_x, part_x in ((0.0, 1e300), (1e15, 1e15), (-1e308, -1e308)):
        entry = sigmoid_entry()
        entry["nodes"][2]["pos"] = [part_x, 0]
        data = file_with(entry)
        data["nodes"][1]["pos"] = [group_x, 0]
        c = fileio.loads(json.dumps(data))
        before = fileio.dumps(c)
        with pytest.raises(GroupError, match="too far out to draw"):
            expand_edit(c, "g")
        assert fileio.dumps(c) == before


# ----- group gestures, at the engine ---------------------------------------------------------
def test_grouping_everything_or_just_the_output_keeps_every_number():
    c = parse("sigmoid(w0*x0 + w1*x1 + w2)")
    f = evaluate(c).raw_value(c.output)
    for ids in (c.node_ids(), [c.output]):
        g = c.copy()
        apply_edit(g, group_edit(g, ids, "all", "A"))
        ev = evaluate(g)
        assert g.output == c.output and ev.raw_value(g.output) == f
        back = g.copy()
        apply_edit(back, expand_edit(back, g.output))
        assert fileio.dumps(back) == fileio.dumps(c) or ids == c.node_ids()
        assert evaluate(back).raw_value(back.output) == f


@pytest.mark.parametrize("ids, needle", [
    ([], "select the gates to group"),
    (["w0", "x0"], "inputs alone make no gate"),
    (["multiply1", "sigmoid1"], "a group has one output"),
    (["multiply1", "multiply2"], "a group has one output"),
    (["nope"], "no node with id 'nope'"),
])
def test_group_refusals_say_why_and_change_nothing(ids, needle):
    c = parse("sigmoid(w0*x0 + w1*x1 + w2)")
    before = fileio.dumps(c)
    with pytest.raises(GroupError, match=needle):
        group_edit(c, ids)
    assert fileio.dumps(c) == before


def test_expanding_where_every_part_id_is_taken_gives_fresh_ids_and_the_same_numbers():
    c = parse("sigmoid(x)")
    f = evaluate(c).raw_value("sigmoid1")
    apply_edit(c, expand_edit(c, "sigmoid1"))
    apply_edit(c, group_edit(c, ["scale1", "exp1", "offset1", "sigmoid1"], "s", "σ"))
    for nid, t in (("exp1", "exp"), ("scale1", "scale"), ("offset1", "offset"),
                   ("x1", "input")):
        c.add_node(t, nid, value=2.0 if t == "input" else None)
    edit = expand_edit(c, "sigmoid1")
    assert not set(edit.new_ids) & {"exp1", "scale1", "offset1", "x1"}
    apply_edit(c, edit)
    assert evaluate(c).raw_value("sigmoid1") == f and len(set(c.node_ids())) == len(c)


def test_a_group_of_fifty_thousand_parts_fanning_out_loads_and_evaluates():
    """One port feeding 50,000 parts: checking the definition scanned every wire per part
    and every child list per wire, minutes for this file; now linear."""
    n = 50_000
    nodes = [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]}]
    nodes += [{"id": f"e{i}", "type": "exp", "pos": [0, 0]} for i in range(n)]
    wires = [{"from": "p", "to": f"e{i}", "port": 0} for i in range(n)]
    adds = [f"a{k}" for k in range(0, n, 250)]
    nodes += [{"id": a, "type": "add", "pos": [0, 0]} for a in adds]
    wires += [{"from": f"e{i}", "to": f"a{i - i % 250}", "port": i % 250} for i in range(n)]
    nodes.append({"id": "top", "type": "add", "pos": [0, 0]})
    wires += [{"from": a, "to": "top", "port": j} for j, a in enumerate(adds)]
    entry = {"name": "fan", "symbol": "f", "ports": ["p"], "output": "top", "nodes": nodes,
             "wires": wires}
    c = fileio.loads(json.dumps(file_with(entry, x=0.0)))
    ev = evaluate(c)
    assert ev.raw_value("g") == n and ev.raw_grad("x") == n


def test_expanding_a_group_of_twenty_thousand_parts_saved_bottom_up_is_linear():
    """Parts listed from the output back: Expand connected them in that order, each loop
    check searching the chain already wired below (minutes; past the test timeout)."""
    n = 20_000
    ids = [f"g{i}" for i in range(n)]
    nodes = [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]}]
    nodes += [{"id": g, "type": "scale", "param": -1.0, "pos": [i, 0]}
              for i, g in reversed(list(enumerate(ids)))]
    wires = [{"from": a, "to": b, "port": 0} for a, b in zip(["p", *ids[:-1]], ids, strict=True)]
    entry = {"name": "chain", "symbol": "c", "ports": ["p"], "output": ids[-1],
             "nodes": nodes, "wires": wires}
    c = fileio.loads(json.dumps(file_with(entry, x=0.25)))
    apply_edit(c, expand_edit(c, "g"))
    assert len(c) == n + 1 and c.output == "g"
    assert evaluate(c).raw_value("g") == 0.25 and evaluate(c).raw_grad("x") == 1.0


def chain_group_file(n: int) -> dict:
    """x into a group of n parts in a chain, exp and scale(-1) in turn."""
    ids = [f"g{i}" for i in range(n)]
    nodes = [{"id": "p", "type": "input", "value": 0.0, "pos": [0, 0]}]
    nodes += [{"id": g, "type": "scale", "param": -1.0, "pos": [i, 0]} if i % 2 == 0 else
              {"id": g, "type": "exp", "pos": [i, 0]} for i, g in enumerate(ids)]
    wires = [{"from": a, "to": b, "port": 0}
             for a, b in zip(["p", *ids[:-1]], ids, strict=True)]
    return file_with({"name": "chain", "symbol": "c", "ports": ["p"], "output": ids[-1],
                      "nodes": nodes, "wires": wires}, x=-30.0)


def test_code_for_a_huge_group_is_refused_instead_of_composed(tmp_path, capsys):
    """Each part's code holds its inputs': 20,000 parts composed tens of GB (killed);
    3,000 already make expressions of millions of characters."""
    path = tmp_path / "chain.chainwire"
    path.write_text(json.dumps(chain_group_file(3000)))
    assert main(["code", str(path)]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("chainwire: error: the chain group is too large to write as code")
    assert "expand it first" in err and err.count("\n") == 1
    c = fileio.load(path)
    apply_edit(c, expand_edit(c, "g"))  # expanded, it is written part by part
    fileio.save(c, path)
    assert main(["code", str(path)]) == 0
