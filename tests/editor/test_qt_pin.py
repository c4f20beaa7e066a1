"""Guard against PySide6 releases that leak references to None (6.12.0 on Python 3.11)."""

import sys

from PySide6.QtWidgets import QGraphicsRectItem


def test_void_qt_calls_do_not_steal_references_to_none(qapp):
    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for i in range(5000):
        item.setPos(i, i)  # returns void: must not decref None
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references"
