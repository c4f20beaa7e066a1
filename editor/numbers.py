"""The editor's name for the one number formatter, ``chainwire.graph.numbers``.

Kept so editor code can go on importing ``format_number`` from here; everything that
turns a number into text (labels, callouts, inspector, exports, the command line) uses
the same functions, so one number reads the same everywhere.
"""

from __future__ import annotations

from chainwire.graph.numbers import (
    UNDEFINED,
    Arithmetic,
    checks_product,
    checks_sum,
    format_brief,
    format_number,
    format_product,
    format_shown,
    format_sum,
    format_value,
    is_flagged,
    parse_number,
)

__all__ = ["UNDEFINED", "Arithmetic", "checks_product", "checks_sum", "format_brief",
           "format_number", "format_product", "format_shown", "format_sum", "format_value",
           "is_flagged", "parse_number"]
