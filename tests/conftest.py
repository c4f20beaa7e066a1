"""Test set-up: offscreen Qt, and settings/data folders that never touch the user's own."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_home = tempfile.mkdtemp(prefix="chainwire-tests-")
# QSettings (recent files) and QStandardPaths (recovery files) follow XDG on Linux
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_home, "cache")


def pytest_sessionfinish(session, exitstatus):
    """Empty the clipboard before Python shuts down.

    Copy hands Qt a Python-made QMimeData; the offscreen clipboard frees it only in Qt's
    own exit-time destructors, after the interpreter is gone, and Shiboken then crashes
    (status 139) — for any subset of tests that copies. Clearing it here frees it while
    Python is still alive.
    """
    import sys

    if "PySide6.QtGui" not in sys.modules:
        return
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()
