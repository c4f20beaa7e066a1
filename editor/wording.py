"""English plurals for ``tr("%n node(s)", "", n)`` when no translation is installed.

Qt picks plural forms from a translation file; without one, English readers would see
"9 node(s)" on the projector. Translated text has no "(s)", so this leaves it alone.
"""

from __future__ import annotations


def english_plural(text: str, n: int) -> str:
    """"1 node(s)" → "1 node", "9 node(s)" → "9 nodes"."""
    return text.replace("(s)", "" if n == 1 else "s")
