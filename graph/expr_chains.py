"""Long flat chains (``x1*x2*...*x3000``) for Pythons whose parser cannot nest them.

``ast`` builds ``a*b*c*d`` as ``((a*b)*c)*d``: one level per operator. Python 3.12 turns
that into Python objects under a fixed C recursion limit, so a flat chain of about 3,000
terms is refused there however the recursion limit is set, though the docs count a flat
chain as one level. When that happens, ``regroup`` puts the chain's items, from the
second on, in parenthesised runs of ``RUN`` (``a*(b*...*k)*(l*...)``): the tree is then
shallow. The builder unfolds those synthetic groups back into the one chain (the first
item of a group takes the operator before the group), so the circuit is exactly the one
the text describes; ``Source`` maps columns back to the text as typed.
"""

from __future__ import annotations

import io
import sys
import tokenize
from collections.abc import Iterator
from contextlib import contextmanager

RUN = 64
"""Items per synthetic group: a chain of n items nests about n / RUN + RUN levels."""
AST_RECURSION = 4000
"""Recursion limit while ``ast.parse`` builds the tree: enough for the longest chain on
Pythons that honour it (3.11 refuses about 3,000 terms at the default limit of 1000)."""


@contextmanager
def deep_enough() -> Iterator[None]:
    """Let ``ast.parse`` build a long flat chain (``AST_RECURSION``); restored after."""
    old = sys.getrecursionlimit()
    if old < AST_RECURSION:
        sys.setrecursionlimit(AST_RECURSION)
    try:
        yield
    finally:
        if sys.getrecursionlimit() == AST_RECURSION and old < AST_RECURSION:
            sys.setrecursionlimit(old)

_ADD = frozenset(("+", "-"))
_MUL = frozenset(("*", "/"))
_OTHER_MUL = frozenset(("//", "%", "@"))  # same precedence, refused later: runs stop there
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_ARITH = _ADD | _MUL | _OTHER_MUL | {"**", "~"}
_SKIP = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
         tokenize.ENDMARKER)

Unit = tuple[int, int, str]
"""(start, end, text) of a token, or of a whole bracketed group (text "()"), by offset."""


def regroup(src: str) -> tuple[str, list[int], set[tuple[int, int]]] | None:
    """``src`` with synthetic groups, the offsets (in the new text) of the characters
    inserted, and each group's (start, end) inside its parentheses; None if no chain is
    long enough to matter or the text cannot be tokenized."""
    starts = [0]
    for line in io.StringIO(src):
        starts.append(starts[-1] + len(line))
    inserts: list[tuple[int, str]] = []  # (offset in src, "(" or ")")
    stack: list[list[Unit]] = [[]]
    try:
        ended = False  # a line break outside brackets: parentheses would hide it
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type in _SKIP:
                ended = ended or tok.type == tokenize.NEWLINE
                continue
            if ended:
                return None
            a = starts[tok.start[0] - 1] + tok.start[1]
            b = starts[tok.end[0] - 1] + tok.end[1]
            if tok.string in _OPEN:
                stack.append([(a, b, "(")])
            elif tok.string in _CLOSE and len(stack) > 1:
                level = stack.pop()
                _chains(level[1:], inserts)
                stack[-1].append((level[0][0], b, "()"))
            else:
                stack[-1].append((a, b, tok.string if tok.type == tokenize.OP else "x"))
    except (tokenize.TokenError, SyntaxError):
        return None
    for level in stack:
        _chains(level, inserts)
    if not inserts:
        return None
    return _apply(src, inserts)


def _chains(units: list[Unit], inserts: list[tuple[int, str]]) -> None:
    """Find the long + and * chains among one bracket level's units; note their groups."""
    segment: list[Unit] = []
    for u in [*units, (0, 0, ",")]:
        if u[2] in ("x", "()") or u[2] in _ARITH:
            segment.append(u)
            continue
        terms = _split(segment, _ADD)
        if terms is not None:
            _group(terms, inserts)
            for term in terms:
                run: list[Unit] = []
                for u in [*term, (0, 0, "%")]:
                    if u[2] not in _OTHER_MUL:
                        run.append(u)
                        continue
                    factors = _split(run, _MUL)
                    if factors is not None:
                        _group(factors, inserts)
                    run = []
        segment = []


def _split(units: list[Unit], ops: frozenset[str]) -> list[list[Unit]] | None:
    """The items between binary ``ops`` (a + or - after an operator is unary)."""
    items: list[list[Unit]] = [[]]
    for u in units:
        binary = items[-1] and items[-1][-1][2] in ("x", "()")
        if u[2] in ops and (binary or ops is _MUL):
            items.append([])
        else:
            items[-1].append(u)
    return items if all(items) else None


def _group(items: list[list[Unit]], inserts: list[tuple[int, str]]) -> None:
    """Parenthesise runs of RUN items from the second on. A run never starts with a
    bracketed item such as ``(a*b)``: unfolding would walk into it as if it were part of
    the chain, where the text keeps it as a gate of its own."""
    if len(items) <= RUN:
        return
    g = 1
    while g < len(items) - 1:
        if len(items[g]) == 1 and items[g][0][2] == "()":
            g += 1
            continue
        run = items[g:g + RUN]
        if len(run) >= 2:
            inserts.append((run[0][0][0], "("))
            inserts.append((run[-1][-1][1], ")"))
        g += RUN


def _apply(src: str, inserts: list[tuple[int, str]]
           ) -> tuple[str, list[int], set[tuple[int, int]]]:
    inserts.sort(key=lambda i: (i[0], i[1] == "("))  # at one offset: close, then open
    out: list[str] = []
    added: list[int] = []
    groups: set[tuple[int, int]] = set()
    opened: list[int] = []
    last = 0
    for offset, ch in inserts:
        out.append(src[last:offset])
        last = offset
        new = offset + len(added)
        added.append(new)
        out.append(ch)
        if ch == "(":
            opened.append(new + 1)
        else:
            groups.add((opened.pop(), new))
    out.append(src[last:])
    return "".join(out), added, groups
