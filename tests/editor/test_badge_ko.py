"""Stepping inside a group in the Korean editor: the step badge words the part's
backward step in Korean (a max part on arrays: "1 if it wins" → "이기면 1")."""

from __future__ import annotations

from chainwire.graph.expr import parse
from chainwire.graph.group_edits import group_edit
from chainwire.graph.value_text import parse_value
from tests.graph.test_groups import applied

from .test_i18n import korean, korean_window  # noqa: F401 - fixtures


def test_the_badge_says_a_parts_backward_step_in_korean(korean_window):  # noqa: F811
    win = korean_window
    c = parse("sum(max(a, b) * c)")
    c.set_value("a", parse_value("[3, 1]"))
    c.set_value("b", parse_value("[1, 2]"))
    c.set_value("c", 2.0)
    win.doc.replace(applied(c, group_edit(c, ["max1", "multiply1"], "scaled max", "M")), None)
    cl = win.classroom
    cl.overlay.set_stepping(True)
    cl.presenter.act_step_inside.trigger()
    cl.overlay.go(1)
    for _ in range(len(cl.overlay.seq)):
        step = cl.overlay.step
        if step.inner is not None and step.inner.part == "max1" and step.phase == "backward":
            break
        cl.overlay.next()
    assert step.inner.text.startswith("da = 1 if it wins")  # the engine's words
    said = win.badge.text()
    assert "이기면 1" in said and "if it wins" not in said
