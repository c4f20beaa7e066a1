"""Where things are in an expression's text, and the refusals that point there.

``ast`` reports positions as (line, UTF-8 byte column) of the text it was given; a
user needs one 1-based character column of the text they typed (``graph/expr.py``
explains the rules). ``Source`` does that arithmetic and words the refusals of syntax
that is not an expression of gates.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections.abc import Callable

from chainwire.graph.errors import MESSAGES, ExpressionError, coded, coded_text
from chainwire.graph.expr_chains import deep_enough, regroup

_KINDS = {  # what the refusal calls the syntax: a code of graph.errors, or Python's word
    ast.Compare: "expr_comparison", ast.BoolOp: "'and'/'or'", ast.Lambda: "expr_lambda",
    ast.IfExp: "expr_conditional", ast.Subscript: "expr_indexing",
    ast.Attribute: "expr_attribute", ast.Tuple: "expr_tuple", ast.List: "expr_list",
    ast.Dict: "expr_dict", ast.Set: "expr_set", ast.ListComp: "expr_comprehension",
    ast.SetComp: "expr_comprehension", ast.DictComp: "expr_comprehension",
    ast.GeneratorExp: "expr_generator", ast.JoinedStr: "expr_f_string",
    ast.NamedExpr: "':='", ast.Starred: "expr_star_argument", ast.Await: "'await'",
    ast.Slice: "expr_slice",
}

# Python's commonest syntax messages, coded so the editor can phrase them
_PYTHON_MESSAGES = {
    code: re.compile(re.sub(r"\\{(\w+)\\}", r"(?P<\1>.+?)", re.escape(MESSAGES[code])))
    for code in MESSAGES if code.startswith("py_")}
_NEWLINE = re.compile(r"\r\n|\r|\n")
_HUGE_INTEGER = re.compile(r"\d{4301,}")  # past sys.get_int_max_str_digits(): any such
# integer overflows a float anyway (finite floats have at most 309 integer digits)


def fail(what: str, column: int) -> ExpressionError:
    """The error for ``what`` at 1-based ``column``, its message starting ``column N:``
    (coded "at_column"; ``what`` may be coded text itself)."""
    error = coded(ExpressionError, "at_column", column=column, what=what)
    error.column = column
    return error


class Source:
    """An expression's text and the arithmetic from ``ast`` positions to columns."""

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"an expression is text, not {type(text).__name__}")
        self.text = text
        self.lead = len(text) - len(text.lstrip())  # ast refuses leading indentation
        self.adopt(text[self.lead:], [], set())

    def adopt(self, src: str, added: list[int], groups: set[tuple[int, int]]) -> None:
        """Read positions in ``src``: the text typed, or it with the characters at
        ``added`` inserted and ``groups`` (``expr_chains.regroup``) to unfold."""
        self.src, self.added, self.groups = src, added, groups
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.src)]
        ends = self.line_starts[1:] + [len(self.src)]
        self.lines = [self.src[a:b] for a, b in zip(self.line_starts, ends, strict=True)]

    def synthetic(self, node: ast.AST) -> bool:
        """Whether ``node`` is one of the groups ``regroup`` made (not typed)."""
        if not self.groups:
            return False
        line, col, end_line, end_col = _span(node)
        return (self._index(line, col), self._index(end_line, end_col)) in self.groups

    def regrouped(self) -> ast.Expression:
        """The tree of the text with its long flat chains regrouped (Python 3.12 nests
        ``a*b*...`` one C level per operator and refuses ~3,000 terms), or a refusal."""
        made = regroup(self.src)
        if made is not None:
            self.adopt(*made)
            try:
                with deep_enough():
                    return ast.parse(self.src, mode="eval")
            except (SyntaxError, RecursionError, MemoryError, ValueError):
                pass
        raise fail(coded_text("expr_too_deep"), 1)

    def unfold(self, terms: list, ops: tuple[type, ...], spine: Callable) -> list:
        """A chain's (term, operator) list with the groups ``regroup`` made taken apart
        again: a group's first term takes the operator before the group."""
        out = []
        for term, op in terms:
            if isinstance(term, ast.BinOp) and isinstance(term.op, ops) and \
                    self.synthetic(term):
                inner = spine(term, ops)
                out += [(inner[0][0], op), *inner[1:]]
            else:
                out.append((term, op))
        return out

    def _typed(self, i: int) -> int:
        """A 0-based index in ``src`` as an index in the text typed (``src`` without the
        characters ``regroup`` added)."""
        return i - bisect_left(self.added, i) if self.added else i

    # ----- columns -------------------------------------------------------------------
    def _index(self, lineno: int, byte_col: int) -> int:
        """0-based character index in ``src`` of an ast (line, UTF-8 byte column)."""
        line = self.lines[lineno - 1]
        if line.isascii():
            return self.line_starts[lineno - 1] + byte_col
        chars = len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
        return self.line_starts[lineno - 1] + chars

    def spelling(self, node: ast.AST) -> str:
        """The text of ``node`` exactly as typed (``ast`` gives names NFKC-normalised)."""
        line, col, end_line, end_col = _span(node)
        return self.src[self._index(line, col):self._index(end_line, end_col)]

    def col(self, node: ast.AST) -> int:
        """1-based column in the original text where ``node`` starts."""
        line, col, _end_line, _end_col = _span(node)
        return self.lead + self._typed(self._index(line, col)) + 1

    def col_after(self, node: ast.AST) -> int:
        """1-based column of the first token after ``node`` (an operator, '.', '[', ',')."""
        _line, _col, end_line, end_col = _span(node)
        i = self._index(end_line, end_col)
        s = self.src
        while i < len(s):
            ch = s[i]
            if ch in " \t\f\r\n)\\":
                i += 1
            elif ch == "#":
                while i < len(s) and s[i] not in "\r\n":
                    i += 1
            else:
                break
        return self.lead + self._typed(min(i, len(s) - 1)) + 1

    # ----- refusals --------------------------------------------------------------------
    def refuse(self, e: ast.AST) -> ExpressionError:
        """The error for syntax that is no gate, pointing at its operator where it has one."""
        kind = _KINDS.get(type(e), f"'{type(e).__name__}'")
        kind = coded_text(kind) if kind in MESSAGES else kind
        col = self.col(e)
        if isinstance(e, ast.Compare):
            col = self.col_after(e.left)
        elif isinstance(e, ast.BoolOp):
            col = self.col_after(e.values[0])
        elif isinstance(e, ast.IfExp):
            col = self.col_after(e.body)
        elif isinstance(e, (ast.Subscript, ast.Attribute)):
            col = self.col_after(e.value)
        elif isinstance(e, ast.Tuple) and e.elts:
            col = self.col_after(e.elts[0])
        return fail(coded_text("expr_not_allowed", kind=kind), col)

    def incomplete(self) -> bool:
        """Whether the text only lacks a final operand ("x +"): Python then blames column 1."""
        try:
            ast.parse(self.src.rstrip() + " 1", mode="eval")
        except (SyntaxError, RecursionError, MemoryError, ValueError):
            return False
        return True

    def syntax_error(self, e: SyntaxError) -> ExpressionError:
        """Python's syntax error, at a column of the text the user typed."""
        lineno = e.lineno or 1
        offset = max(e.offset or 1, 1)
        if 1 <= lineno <= len(self.lines):
            col = self.lead + self.line_starts[lineno - 1] + offset
        else:
            col = len(self.text)
        col = max(1, min(col, len(self.text) + 1))
        msg = (e.msg or "invalid syntax").split("\n")[0]
        huge = _HUGE_INTEGER.search(self.text)
        if huge and "digits" in msg:  # Python's int limit, worded for Python programmers
            return fail(coded_text("expr_too_large"), huge.start() + 1)
        return fail(coded_text("expr_syntax", detail=_python_says(msg)), col)


def _python_says(msg: str) -> str:
    """Python's syntax message, coded when it is one of the common ones (same words)."""
    for code, pattern in _PYTHON_MESSAGES.items():
        found = pattern.fullmatch(msg)
        if found:
            coded_msg = coded_text(code, **found.groupdict())
            if coded_msg == msg:
                return coded_msg
    return msg


def _span(node: ast.AST) -> tuple[int, int, int, int]:
    """(line, byte column, end line, end byte column) of a node ``ast.parse`` made: it sets
    all four on every expression and keyword, but typeshed declares none of them on
    ``ast.AST`` (and the ends as optional, for trees built by hand)."""
    return (node.lineno, node.col_offset,  # type: ignore[attr-defined]
            node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
