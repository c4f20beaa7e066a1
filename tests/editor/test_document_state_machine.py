"""A hypothesis state machine over a live document: model, undo stack and scene together.

Every step is a real verb through ``EditController`` (the path the window's gestures
take), including the ones it refuses (loops, non-numbers). After every step:

- the graph is a DAG, every wire's ends exist, each input port has one source;
- the scene shows exactly the model (node items by id, wire items by (dst, port));
- modified ⇔ the undo stack is not clean;
- undoing everything gives back the initial document, redoing everything the latest
  one, and returning to the current index gives the current one (scene checked at each).

Uses the session ``qapp`` fixture (``qtbot`` is function-scoped and trips hypothesis's
health check).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QPointF

from chainwire.editor.controller import EditController
from chainwire.editor.document import Document
from chainwire.editor.scene import CircuitScene
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.gates import GATE_ORDER

TYPES = sorted(GATE_ORDER)  # what a user adds (a group is made by grouping)
coords = st.floats(-2000, 2000, allow_nan=False).map(lambda v: round(v, 2))
value_text = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.integers(-10, 10).map(str),
    st.sampled_from(["abc", "", "nan", "inf", "-inf", "1e999", "2,5", "−3"]),
)


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.doc = Document()
        self.scene = CircuitScene(self.doc)
        self.ctl = EditController(self.doc, self.scene)
        self.initial = self.doc.circuit.copy()  # the document at undo index 0
        self.top = self.doc.circuit.copy()  # the document at the top of the stack
        self.folder = Path(tempfile.mkdtemp(prefix="chainwire-sm-"))


    def teardown(self) -> None:
        self.scene.detach()
        self.scene.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ----- helpers ---------------------------------------------------------------------
    @property
    def c(self) -> Circuit:
        return self.doc.circuit

    def _ids(self) -> list[str]:
        return self.c.node_ids()

    def _inputs(self) -> list[str]:
        return [n for n in self._ids() if self.c.type_of(n) == "input"]

    # ----- verbs --------------------------------------------------------------------------
    @rule(type_=st.sampled_from(TYPES), x=coords, y=coords)
    def add(self, type_, x, y):
        nid = self.ctl.add_gate(type_, QPointF(x, y))
        assert nid in self.c

    @precondition(lambda self: len(self.c) > 0)
    @rule(type_=st.sampled_from([t for t in TYPES if t != "input"]), data=st.data())
    def add_wired(self, type_, data):  # grow deeper circuits faster: a gate fed by 1-3
        srcs = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, max_size=3))
        nid = self.ctl.add_gate(type_, QPointF(len(self.c) * 50.0, 0.0))
        for port, src in enumerate(srcs[:self.c.port_count(nid)]):
            self.ctl.connect_wire(src, nid, port, None)
            assert self.c.source_at(nid, port) == src

    @precondition(lambda self: len(self.c) > 0)
    @rule(data=st.data())
    def remove(self, data):
        ids = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, unique=True))
        wires = data.draw(st.lists(st.sampled_from(list(self.c.wires())), unique=True)
                          if self.c.graph.number_of_edges() else st.just([]))
        self.scene.select_ids(ids)
        for w in wires:
            self.scene.wire_items[(w.dst, w.port)].setSelected(True)
        self.ctl.delete_selection()
        assert not set(ids) & set(self._ids())

    @precondition(lambda self: len(self.c) > 1)
    @rule(data=st.data(), port=st.integers(0, 3))
    def connect(self, data, port):
        src = data.draw(st.sampled_from(self._ids()))
        dst = data.draw(st.sampled_from(self._ids()))
        before = self.doc.undo_stack.count()
        would_loop = src == dst or nx.has_path(self.c.graph, dst, src)
        self.ctl.connect_wire(src, dst, port, None)
        if would_loop:  # refused, and nothing was pushed
            assert self.doc.undo_stack.count() == before

    @precondition(lambda self: any(self.c.type_of(n) != "input" for n in self.c.node_ids()))
    @rule(data=st.data())
    def connect_legal(self, data):  # biased towards wires that are allowed: deeper graphs
        dst = data.draw(st.sampled_from([n for n in self._ids()
                                         if self.c.type_of(n) != "input"]))
        srcs = [n for n in self._ids() if n != dst and not nx.has_path(self.c.graph, dst, n)]
        if not srcs:
            return
        src = data.draw(st.sampled_from(srcs))
        port = data.draw(st.integers(0, min(3, self.c.port_count(dst) - 1)))
        self.ctl.connect_wire(src, dst, port, None)
        assert self.c.source_at(dst, port) == src
        event(f"wires after a legal connect: {min(self.c.graph.number_of_edges(), 5)}+")

    @precondition(lambda self: self.c.graph.number_of_edges() > 0)
    @rule(data=st.data())
    def disconnect(self, data):
        w = data.draw(st.sampled_from(list(self.c.wires())))
        self.ctl.disconnect_wire(w)
        assert self.c.source_at(w.dst, w.port) is None

    @precondition(lambda self: self.c.graph.number_of_edges() > 0 and len(self.c) > 1)
    @rule(data=st.data(), port=st.integers(0, 3))
    def move_wire_end(self, data, port):
        w = data.draw(st.sampled_from(list(self.c.wires())))
        dst = data.draw(st.sampled_from(self._ids()))
        self.ctl.connect_wire(w.src, dst, port, w)

    @precondition(lambda self: len(self.c) > 0)
    @rule(data=st.data(), dx=coords, dy=coords)
    def move(self, data, dx, dy):
        ids = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, unique=True))
        moves = {}
        for n in ids:
            x, y = self.c.node(n).pos
            moves[n] = ((x, y), (x + dx, y + dy))
        self.ctl.move_nodes(moves)

    @precondition(lambda self: bool(self._inputs()))
    @rule(data=st.data(), text=value_text)
    def set_value(self, data, text):
        self.ctl.set_value_text(data.draw(st.sampled_from(self._inputs())), text)

    @precondition(lambda self: bool(self._inputs()))
    @rule(data=st.data(), steps=st.integers(-3, 3), fine=st.booleans())
    def scrub(self, data, steps, fine):  # merging commands: one undo step per run
        self.ctl.scrub(data.draw(st.sampled_from(self._inputs())), steps, fine)

    @precondition(lambda self: len(self.c) > 0)
    @rule(data=st.data())
    def set_output(self, data):
        self.ctl.set_output(data.draw(st.one_of(st.none(), st.sampled_from(self._ids()))))

    @precondition(lambda self: len(self.c) > 0)
    @rule(data=st.data(), x=coords, y=coords)
    def copy_paste(self, data, x, y):
        ids = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, unique=True))
        inner = sum(1 for w in self.c.wires() if w.src in ids and w.dst in ids)
        n_before, w_before = len(self.c), self.c.graph.number_of_edges()
        self.scene.select_ids(ids)
        assert self.ctl.copy()
        new = self.ctl.paste(QPointF(x, y))
        assert len(new) == len(ids) and len(self.c) == n_before + len(ids)
        assert self.c.graph.number_of_edges() == w_before + inner

    @rule()
    def undo(self):
        self.doc.undo_stack.undo()

    @rule()
    def redo(self):
        self.doc.undo_stack.redo()

    @rule()
    def save(self):
        path = self.folder / "doc.chainwire"
        fileio.save(self.c, path)
        self.doc.mark_saved(str(path))
        assert not self.doc.modified
        assert fileio.load(path) == self.c

    @rule()
    def save_and_reload(self):
        path = self.folder / "doc.chainwire"
        fileio.save(self.c, path)
        loaded = fileio.load(path)
        assert loaded == self.c
        self.doc.replace(loaded, str(path))  # a fresh history starts here
        assert self.doc.undo_stack.count() == 0 and not self.doc.modified
        self.initial = self.c.copy()
        self.top = self.c.copy()

    # ----- invariants -------------------------------------------------------------------
    def _check_model_and_scene(self) -> None:
        c = self.c
        assert nx.is_directed_acyclic_graph(c.graph)
        ports = [(w.dst, w.port) for w in c.wires()]
        assert len(ports) == len(set(ports)), "two wires into one port"
        for w in c.wires():
            assert w.src in c and w.dst in c
        assert set(self.scene.nodes) == set(c.node_ids())
        assert set(self.scene.wire_items) == set(ports)
        for w in c.wires():
            assert self.scene.wire_items[(w.dst, w.port)].wire == w
        for nid, item in self.scene.nodes.items():
            x, y = c.node(nid).pos
            assert (item.pos().x(), item.pos().y()) == (x, y)

    @invariant()
    def consistent_everywhere(self):
        stack = self.doc.undo_stack
        assert self.doc.modified == (not stack.isClean())
        self._check_model_and_scene()
        here = self.c.copy()
        index = stack.index()
        if index == stack.count():
            self.top = here
        stack.setIndex(0)
        assert self.c == self.initial, "undoing everything did not restore the start"
        self._check_model_and_scene()
        stack.setIndex(stack.count())
        assert self.c == self.top, "redoing everything did not restore the latest"
        self._check_model_and_scene()
        stack.setIndex(index)
        assert self.c == here
        self._check_model_and_scene()
        assert self.doc.modified == (not stack.isClean())


def test_document_state_machine(qapp):
    run_state_machine_as_test(
        DocumentMachine,
        settings=settings(max_examples=30, stateful_step_count=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow]))
