"""Expression text -> circuit: ``parse("(x + y) * z")``.

The text is read with ``ast.parse(mode="eval")`` and only a whitelist of node types is
turned into gates; nothing is ever evaluated, executed or compiled to code. Anything
outside the whitelist raises ``ExpressionError`` whose ``column`` (1-based, counting
characters from the start of the text, a newline counting as one) points at the
offending token, and whose message starts with ``column N:``.

Allowed, and the gates they become
----------------------------------
- a name ``x``           one ``input`` node with id and label ``x``, spelled exactly as
                         typed; a name used twice is still one node, wired to every use
                         (``x*x`` fans out into both ports of one multiply). Inputs start
                         at 1.0, so ``1/x`` is finite. Python reads ``ﬁ`` as ``fi`` and
                         ``ℌ`` as ``H`` (NFKC); here ``ℌ`` stays ``ℌ``, and two spellings
                         Python would merge (``ﬁ`` and ``fi``) are refused, naming both.
- ``a + b + c``          one n-ary ``add``: a left-nested chain of ``+``/``-`` becomes ONE
                         gate (parentheses on the right, ``a + (b + c)``, keep their own).
- ``a - b``              ``add(a, scale(c=-1)(b))``.
- ``a * b * c``          one n-ary ``multiply``, flattened the same way; mixed with ``/``.
- ``a / b``              ``multiply(a, reciprocal(b))``.
- ``-a``, ``+a``         ``scale(c=-1)(a)``; unary plus adds nothing.
- ``a**2``               ``square``; any other exponent is refused.
- ``max(a, b, ...)``     one ``max`` gate (2 to 256 arguments).
- ``sigmoid(a)``, ``exp(a)``, ``tanh(a)``, ``relu(a)``, ``sum(a)``  one gate each
                         (``graph/expr_names.py``: how many arguments each takes is
                         the gate's own count of inputs).
- ``A @ B @ C``          ``matmul`` gates, left to right (each ``@`` one level deeper: the
                         gates are in series); a number beside ``@`` is refused,
                         pointing at it (``*`` scales).
- ``X.T``                one ``transpose`` gate; ``.T`` is the only attribute, ``X.T()``
                         is refused at its ``(``. A number's ``.T`` is the number itself
                         (a scalar is its own transpose, as the gate says), so
                         ``(2).T * x`` is ``2*x``.

Inputs start as the number 1.0 whatever the expression does with them: ``W @ X`` is then
a ``matmul`` of two scalars, which the evaluator flags as a shape problem until W and X
are given vectors or matrices (``--set W=[[1,2],[3,4]]``, the inspector).

Numbers
-------
- A subexpression made only of numbers and arithmetic is folded to one number
  (``2*3`` -> 6, ``-(1)`` -> -1, ``3**2`` -> 9); it must stay finite (``1/0`` is refused).
- The numbers in a ``+``/``-`` chain are summed into one ``offset`` gate after the sum of
  the rest: ``x + 1`` -> ``offset(c=1)(x)``, ``1 - x`` -> ``offset(c=1)(scale(c=-1)(x))``.
- The numbers in a ``*``/``/`` chain are multiplied into one ``scale`` gate after the
  product of the rest: ``2*x`` -> ``scale(c=2)(x)``, ``x/2`` -> ``scale(c=0.5)(x)``,
  ``2/x`` -> ``scale(c=2)(reciprocal(x))``.
- An identity constant adds no gate: ``x + 0``, ``x*1`` and ``1/x`` have no offset/scale.
- Anywhere else a number becomes an ``input`` node labelled with it (id ``const1``, ...):
  an argument of a function (``max(0, x)``, ``sum(2)``), or a whole expression that is
  just a number. Each such number is its own node (numbers are not variables).

Refused: other operators (``%``, ``//``, bit operations), other exponents,
comparisons, ``and``/``or``/``not``, other functions, other attributes, indexing,
keyword or ``*`` arguments, strings, ``True``/``False``/``None``, complex numbers,
lambdas, conditional expressions, containers, names that are gate or function names
(``max``, ``sum``, ``square``, ...) or ``inf``/``nan`` (or read as one), empty text, syntax
errors, characters that are not text (lone surrogates), text longer than
``MAX_LENGTH`` characters and nesting deeper than ``MAX_DEPTH`` levels. A flat chain
(``a*b*c*...``, as long as ``MAX_LENGTH`` allows) is one level; an ``@`` chain is not.

Gate ids are the gate type plus a counter (``add1``, ``scale2``); the expression's root
is the circuit's output; nodes are placed by ``graph.layout``.
"""

from __future__ import annotations

import ast
import math
import re

from chainwire.graph.circuit import MAX_PORTS, Circuit
from chainwire.graph.errors import ExpressionError, coded_text
from chainwire.graph.expr_chains import deep_enough
from chainwire.graph.expr_names import ALLOWED, FUNCTIONS, HINTS, RESERVED, reserved_use
from chainwire.graph.expr_source import Source, fail
from chainwire.graph.gates import format_constant
from chainwire.graph.layout import apply_layout

MAX_LENGTH = 10_000
"""Longest expression text accepted, in characters."""

MAX_DEPTH = 100
"""Deepest nesting accepted (a flattened ``+`` or ``*`` chain counts as one level)."""

INPUT_VALUE = 1.0
"""The value every input starts with (1, not 0: ``1/x`` and ``x/y`` start finite)."""


_OPERATORS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.Mod: "%",
    ast.FloorDiv: "//", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^",
}


def parse(text: str) -> Circuit:
    """Build the circuit of ``text``; raises ``ExpressionError`` with a column.

    >>> c = parse("(x + y) * z")
    >>> sorted(c.node_ids()), c.output
    (['add1', 'multiply1', 'x', 'y', 'z'], 'multiply1')
    >>> parse("x % 2")
    Traceback (most recent call last):
    ...
    chainwire.graph.errors.ExpressionError: column 3: operator '%' is not allowed ...
    """
    return _Builder(text).build()


class _Builder(Source):
    """One parse: the source text (columns, refusals) and the circuit being built."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.c = Circuit()

    # ----- the walk --------------------------------------------------------------------
    def build(self) -> Circuit:
        text = self.text
        if len(text) > MAX_LENGTH:
            raise fail(coded_text("expr_too_long", length=len(text), most=MAX_LENGTH),
                       MAX_LENGTH + 1)
        if not text.strip():
            raise fail(coded_text("expr_empty"), 1)
        if "\0" in text:
            raise fail(coded_text("expr_nul"), text.index("\0") + 1)
        bad = next((i for i, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), None)
        if bad is not None:
            raise fail(coded_text("expr_not_character", shown=ascii(text[bad])), bad + 1)
        try:
            with deep_enough():
                tree = ast.parse(self.src, mode="eval")
        except RecursionError:  # Python 3.12 nests a flat chain past its C limit
            tree = self.regrouped()
        except SyntaxError as e:
            if self.incomplete():
                raise fail(coded_text("expr_ends_early"), len(text.rstrip()) + 1) from None
            raise self.syntax_error(e) from None
        except (MemoryError, ValueError):
            raise fail(coded_text("expr_too_deep"), 1) from None

        # Inputs first, in the order names appear: gate ids can then never take a name.
        names = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Name)),
                       key=lambda n: (n.lineno, n.col_offset))
        called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        self.spelled: dict[str, str] = {}  # Python's (NFKC) name -> the spelling typed
        for n in names:
            if id(n) in called:
                continue
            word = self.spelling(n)
            if n.id in RESERVED:
                raise self._reserved(n)
            first = self.spelled.setdefault(n.id, word)
            if first != word:
                raise fail(coded_text("expr_same_name", word=word, first=first, name=n.id),
                           self.col(n))
            if word not in self.c:
                self.c.add_node("input", word, label=word, value=INPUT_VALUE)

        root = self.node(tree.body, 0)
        if isinstance(root, float):
            root = self.constant(root)
        self.c.set_output(root)
        self.c.title = " ".join(text.split())
        apply_layout(self.c)
        return self.c

    def node(self, e: ast.AST, depth: int) -> str | float:
        """The id of the node computing ``e``, or its value if ``e`` is all numbers."""
        if depth > MAX_DEPTH:
            raise fail(coded_text("expr_too_deep_levels", most=MAX_DEPTH), self.col(e))
        if isinstance(e, ast.Constant):
            return self.number(e)
        if isinstance(e, ast.Name):
            if e.id in RESERVED:
                raise self._reserved(e)
            return self.spelled[e.id]
        if isinstance(e, ast.UnaryOp):
            return self.unary(e, depth)
        if isinstance(e, ast.BinOp):
            if isinstance(e.op, (ast.Add, ast.Sub)):
                return self.plus_chain(e, depth)
            if isinstance(e.op, (ast.Mult, ast.Div)):
                return self.times_chain(e, depth)
            if isinstance(e.op, ast.Pow):
                return self.power(e, depth)
            if isinstance(e.op, ast.MatMult):
                return self.matmul_chain(e, depth)
            sym = _OPERATORS.get(type(e.op), type(e.op).__name__)
            raise fail(coded_text("expr_operator", op=sym), self.col_after(e.left))
        if isinstance(e, ast.Call):
            return self.call(e, depth)
        if isinstance(e, ast.Attribute):
            return self.transpose(e, depth)
        raise self.refuse(e)

    def number(self, e: ast.Constant) -> float:
        v = e.value
        col = self.col(e)
        if isinstance(v, bool) or v is None or v is Ellipsis:
            raise fail(coded_text("expr_not_number", value=repr(v)), col)
        if isinstance(v, complex):
            raise fail(coded_text("expr_complex"), col)
        if isinstance(v, (str, bytes)):
            raise fail(coded_text("expr_text"), col)
        if not isinstance(v, (int, float)):  # pragma: no cover - ast has no other constants
            raise fail(coded_text("expr_not_allowed", kind=type(v).__name__), col)
        try:
            f = float(v)
        except OverflowError:
            f = math.inf
        return self.finite(f, col)

    @staticmethod
    def finite(v: float, col: int) -> float:
        if not math.isfinite(v):
            raise fail(coded_text("expr_too_large"), col)
        return v

    def unary(self, e: ast.UnaryOp, depth: int) -> str | float:
        if isinstance(e.op, ast.Not):
            raise fail(coded_text("expr_not"), self.col(e))
        if isinstance(e.op, ast.Invert):
            raise fail(coded_text("expr_invert"), self.col(e))
        v = self.node(e.operand, depth + 1)
        if isinstance(e.op, ast.UAdd):
            return v
        if isinstance(v, float):
            return -v
        return self.gate("scale", [v], param=-1.0)

    def _spine(self, e: ast.BinOp, ops: tuple[type, ...]) -> list[tuple[ast.AST, ast.operator]]:
        """The operands of a left-nested chain of ``ops`` with the operator before each
        (the first gets ``ops[0]``); iterative, so long chains cost no recursion."""
        terms: list[tuple[ast.AST, ast.operator]] = []
        at: ast.expr = e
        while isinstance(at, ast.BinOp) and isinstance(at.op, ops):
            terms.append((at.right, at.op))
            at = at.left
        terms.append((at, ops[0]()))
        terms.reverse()
        return self.unfold(terms, ops, self._spine) if self.groups else terms

    def plus_chain(self, e: ast.BinOp, depth: int) -> str | float:
        ids: list[str] = []
        const, has_const = 0.0, False
        for term, op in self._spine(e, (ast.Add, ast.Sub)):
            v = self.node(term, depth + 1)
            negative = isinstance(op, ast.Sub)
            if isinstance(v, float):
                const = self.finite(const - v if negative else const + v, self.col(term))
                has_const = True
            else:
                ids.append(self.gate("scale", [v], param=-1.0) if negative else v)
        if not ids:
            return const
        core = self.nary("add", ids)
        if has_const and const != 0.0:
            core = self.gate("offset", [core], param=const)
        return core

    def times_chain(self, e: ast.BinOp, depth: int) -> str | float:
        ids: list[str] = []
        const, has_const = 1.0, False
        for term, op in self._spine(e, (ast.Mult, ast.Div)):
            v = self.node(term, depth + 1)
            divide = isinstance(op, ast.Div)
            if isinstance(v, float):
                if divide and v == 0.0:
                    raise fail(coded_text("expr_division_by_zero"), self.col(term))
                const = self.finite(const / v if divide else const * v, self.col(term))
                has_const = True
            else:
                ids.append(self.gate("reciprocal", [v]) if divide else v)
        if not ids:
            return const
        core = self.nary("multiply", ids)
        if has_const and const != 1.0:
            core = self.gate("scale", [core], param=const)
        return core

    def power(self, e: ast.BinOp, depth: int) -> str | float:
        exp = e.right
        ok = (isinstance(exp, ast.Constant) and not isinstance(exp.value, bool)
              and isinstance(exp.value, (int, float)) and exp.value == 2)
        if not ok:
            shown = ast.get_source_segment(self.src, exp) or "this"
            raise fail(coded_text("expr_exponent", shown=shown), self.col(exp))
        v = self.node(e.left, depth + 1)
        if isinstance(v, float):
            return self.finite(v * v, self.col(e))
        return self.gate("square", [v])

    def matmul_chain(self, e: ast.BinOp, depth: int) -> str:
        """``A @ B @ C``: matmul gates left to right (one level, as the other chains);
        a number is refused, pointing at it (``*`` scales)."""
        core: str | None = None
        for i, (term, _op) in enumerate(self._spine(e, (ast.MatMult,))):
            # Unlike + and *, a chain is not one gate: each '@' is one more matmul after
            # the last, so the chain is as deep as it is long. Counted as levels, or a
            # 3,000-term chain (within MAX_LENGTH) makes a circuit the layout takes hours
            # over (it grows with the cube of the depth).
            if depth + i > MAX_DEPTH:
                raise fail(coded_text("expr_too_deep_chain", most=MAX_DEPTH), self.col(term))
            v = self.node(term, depth + max(i, 1))
            if isinstance(v, float):
                raise fail(coded_text("expr_matmul_number", number=format_constant(v)),
                           self.col(term))
            core = v if core is None else self.gate("matmul", [core, v])
        assert core is not None
        return core

    def transpose(self, e: ast.Attribute, depth: int) -> str | float:
        """``X.T``, the one attribute: a transpose gate; a number is its own transpose."""
        typed = re.split(r"[\s.\\]", self.spelling(e))[-1]  # as typed (ast: NFKC)
        if e.attr != "T" or typed != "T":
            raise fail(coded_text("expr_only_transpose", typed=typed), self.col_after(e.value))
        v = self.node(e.value, depth + 1)
        return v if isinstance(v, float) else self.gate("transpose", [v])

    def call(self, e: ast.Call, depth: int) -> str:
        f = e.func
        if isinstance(f, ast.Attribute):
            if f.attr == "T":
                raise fail(coded_text("expr_transpose_call", spelled=self.spelling(f)),
                           self.col_after(f))
            raise fail(coded_text("expr_method", allowed=ALLOWED), self.col_after(f.value))
        if not isinstance(f, ast.Name):
            raise fail(coded_text("expr_call_name", allowed=ALLOWED), self.col(f))
        word = self.spelling(f)
        if f.id not in FUNCTIONS or word != f.id:
            if f.id in HINTS and word == f.id:
                raise fail(coded_text("expr_unknown_function_hint", word=word,
                                      allowed=ALLOWED, hint=HINTS[f.id]), self.col(f))
            raise fail(coded_text("expr_unknown_function", word=word, allowed=ALLOWED),
                       self.col(f))
        if e.keywords:
            raise fail(coded_text("expr_keyword_arguments"), self.col(e.keywords[0]))
        for a in e.args:
            if isinstance(a, ast.Starred):
                raise fail(coded_text("expr_star_arguments"), self.col(a))
        fewest, most = FUNCTIONS[f.id]
        if len(e.args) > most:
            raise fail(coded_text("expr_args_most", function=f.id, most=most,
                                  noun=_arguments(most), count=len(e.args)),
                       self.col(e.args[most]))
        if len(e.args) < fewest:
            code = "expr_args_exactly" if fewest == most else "expr_args_at_least"
            raise fail(coded_text(code, function=f.id, fewest=fewest,
                                  noun=_arguments(fewest), count=len(e.args)), self.col(f))
        args = []
        for a in e.args:
            v = self.node(a, depth + 1)
            args.append(self.constant(v) if isinstance(v, float) else v)
        return self.gate(f.id, args)

    # ----- building --------------------------------------------------------------------
    def gate(self, type_: str, sources: list[str], param: float | None = None) -> str:
        nid = self.c.add_node(type_, param=param)
        for port, src in enumerate(sources):
            self.c.connect(src, nid, port)
        return nid

    def nary(self, type_: str, ids: list[str]) -> str:
        """One n-ary gate, or the single id; past MAX_PORTS inputs, a chain of gates."""
        if len(ids) == 1:
            return ids[0]
        core = self.gate(type_, ids[:MAX_PORTS])
        rest = ids[MAX_PORTS:]
        while rest:
            chunk, rest = rest[:MAX_PORTS - 1], rest[MAX_PORTS - 1:]
            core = self.gate(type_, [core, *chunk])
        return core

    def constant(self, v: float) -> str:
        return self.c.add_node("input", self.c.new_id("const"), label=format_constant(v),
                               value=v)

    # ----- refusals --------------------------------------------------------------------
    def _reserved(self, n: ast.Name) -> ExpressionError:
        return fail(reserved_use(n.id, self.spelling(n)), self.col(n))


def _arguments(count: int) -> str:
    """The noun after a count in a refusal, coded (Korean has no plural)."""
    return coded_text("expr_arguments" if count > 1 else "expr_argument")
