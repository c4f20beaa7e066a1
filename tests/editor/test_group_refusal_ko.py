"""Edit → Group into Gate refused in the Korean editor: the status bar says why in Korean
(the controller words the engine's coded refusal, the CLI's English is unchanged)."""

from __future__ import annotations

import re

from .test_i18n import korean, korean_window  # noqa: F401 - fixtures


def test_a_refused_group_is_said_in_korean_in_the_status_bar(korean_window, monkeypatch):  # noqa: F811
    win = korean_window
    monkeypatch.setattr("chainwire.editor.menus.ask_group_name", lambda parent: ("block", "B"))
    c = win.doc.circuit
    products = [n for n in c.node_ids() if c.type_of(n) == "multiply"]
    assert len(products) == 2  # the neuron's w0·x0 and w1·x1, both read by the add
    win.scene.select_ids(products)  # a group of them would have two outputs
    before = c.copy()
    win.act_group.trigger()
    said = win.statusBar().currentMessage()
    assert said and re.search("[가-힣]", said)
    assert "selection ends in" not in said and "a group has" not in said
    assert c == before  # nothing changed
