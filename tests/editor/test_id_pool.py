"""Fresh ids for a compound command: the first free numbers, none handed out twice."""

from __future__ import annotations

from chainwire.editor.command_base import IdPool, fresh_id
from chainwire.editor.commands import paste
from chainwire.graph.circuit import Circuit


def test_the_pool_fills_holes_first_and_never_repeats():
    c = Circuit()
    for nid in ("add2", "add4", "x1"):
        c.add_node("add" if nid.startswith("add") else "input", nid)
    pool = IdPool(c)
    assert [pool.take("add") for _ in range(4)] == ["add1", "add3", "add5", "add6"]
    assert pool.take("x") == "x2" and pool.take("mul") == "mul1"
    assert fresh_id(c, "add") == "add1"  # without a pool: the circuit alone


def test_a_big_paste_gets_distinct_ids_that_fill_the_holes():
    c = Circuit()
    c.add_node("add", "add2")
    fragment = Circuit()
    for i in range(3000):
        fragment.add_node("add", f"a{i}")
    macro, ids = paste(c, fragment, (0.0, 0.0))
    assert ids[:3] == ["add1", "add3", "add4"] and len(set(ids)) == 3000
    assert "add2" not in ids and ids[-1] == "add3001"
    macro.redo()
    assert len(c) == 3001
