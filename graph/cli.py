"""The ``chainwire`` command line (documented in README.md, "Command line").

::

    chainwire eval FILE [--set ID=VALUE ...] [--output ID] [--json] [--decimals N]
                        [--repeat N] [--timings]
    chainwire eval --expr TEXT [--set NAME=VALUE ...] ...
    chainwire new --expr TEXT [--set NAME=VALUE ...] -o FILE

This is the headless half of the ``chainwire`` command; ``chainwire.entry`` dispatches
here for ``eval``, ``new``, ``--help`` and ``--version`` and sends ``render`` and
everything else (the editor) to Qt. Nothing here imports Qt.

Decisions: ``new`` overwrites an existing regular file, like most tools (the write is
atomic, so the old file is either fully replaced or untouched) and refuses anything
else (a FIFO, a device, ``/dev/stdout``); ``-o -`` writes to stdout and ``eval -`` reads
the circuit from stdin, at most as many bytes as a file may have. ``--set`` finds an
input by id, else by a unique label. Every error is one line on stderr,
``chainwire: error: ...``, exit 2; output is UTF-8 with control characters escaped
(``graph/cli_output.py``), and a closed or broken stdout is an error too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any, NoReturn

from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.cli_args import add_set_argument, add_source_arguments
from chainwire.graph.cli_output import (
    ClosedOutput,
    StreamError,
    flush_out,
    format_table,
    json_value,
    prepare_streams,
    printable,
    read_stdin,
    shape_problem_text,
    write_err,
    write_out,
)
from chainwire.graph.codegen_cli import DESCRIPTION as CODE_DESCRIPTION
from chainwire.graph.codegen_cli import add_code_arguments, run_code
from chainwire.graph.errors import ChainwireError, NotAFileError
from chainwire.graph.evaluate import Evaluation, Plan
from chainwire.graph.expr import parse
from chainwire.graph.gradcheck import add_check_arguments, run_check
from chainwire.graph.layout import apply_layout
from chainwire.graph.value_text import parse_value

PROG = "chainwire"
EXIT_OK, EXIT_ERROR = 0, 2
__all__ = ["CliError", "format_table", "main", "refuse_shape_problems", "report_error",
           "result_dict"]


class CliError(Exception):
    """A user error: printed as one ``chainwire: error:`` line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors raise CliError instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')")

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse would fall back to stderr when stdout is closed, and ignore failures
        if message:
            write_out(message)


def _build_parser() -> _Parser:
    p = _Parser(prog=PROG, description="Backpropagation circuits: every wire shows its value "
                "and its gradient. Without a subcommand, opens the editor: "
                f"{PROG} [FILE] [--screenshot OUT.png].")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(dest="command", metavar="{eval,new,check,code,render}")

    ev = sub.add_parser("eval", help="evaluate a circuit: values and gradients of every wire",
                        description="Run the forward and backward pass and print every "
                        "wire's value and gradient.")
    add_source_arguments(ev)
    ev.add_argument("--output", metavar="ID", help="take this node as the output f")
    ev.add_argument("--json", action="store_true", help="print JSON (output, nodes by "
                    "id, wires in order) instead of a table")
    ev.add_argument("--decimals", type=_natural(0, 17), default=2, metavar="N",
                    help="digits after the point in the table (default 2)")
    ev.add_argument("--repeat", type=_natural(1, 10_000_000), default=1, metavar="N",
                    help="run the forward+backward pass N times (for --timings)")
    ev.add_argument("--timings", action="store_true", help="print one JSON line of "
                    "timings to stderr: gates, load_s, compile_s, eval_s (median)")

    nw = sub.add_parser("new", help="write a laid-out circuit file from an expression",
                        description="Turn an expression into a .chainwire file, laid out "
                        "left to right. An existing file is replaced (atomically).")
    nw.add_argument("--expr", metavar="TEXT", required=True,
                    help='the expression, e.g. "(x + y) * z"')
    add_set_argument(nw)
    nw.add_argument("-o", "--output", metavar="FILE", required=True, dest="out",
                    help="the file to write ('-' prints it)")

    ck = sub.add_parser("check", help="check every input's gradient against a centred "
                        "finite difference", description="Compare every input's analytic "
                        "gradient with a centred finite difference (h = 1e-5 * max(1, |x|)) "
                        "and judge the relative error by the cs231n bands. Exit status 0: "
                        "all pass; 1: some gradient is suspect, wrong or not finite.")
    add_check_arguments(ck)

    cd = sub.add_parser("code", help="write the circuit as staged numpy code (the notes' "
                        "forward and backward pass)", description=CODE_DESCRIPTION)
    add_code_arguments(cd)

    sub.add_parser("render", help="render a circuit to an image (uses Qt)", add_help=False)
    return p


def _natural(lo: int, hi: int):
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{n} is not between {lo} and {hi}")
        return n
    parse.__name__ = "number"  # argparse names the type in some messages
    return parse


def _version() -> str:
    from chainwire import version
    return version()


# ----- entry point ---------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 error)."""
    args = list(sys.argv[1:] if argv is None else argv)
    prepare_streams()
    closed = sys.stdout is None
    if closed:  # any print() now fails loudly, whoever prints (check, argparse...)
        sys.stdout = ClosedOutput()
    try:
        status = _run(args)
        flush_out()  # what is still buffered must reach stdout, or be an error
    except StreamError as e:
        status = report_error(str(e))
    finally:
        if closed:
            sys.stdout = None
    return status


def _run(args: list[str]) -> int:
    try:
        parser = _build_parser()
        try:
            ns = parser.parse_args(args)
        except SystemExit as e:  # --help / --version printed and asked to exit
            return e.code if isinstance(e.code, int) else EXIT_OK
        if ns.command == "eval":
            return _cmd_eval(ns)
        if ns.command == "check":
            return run_check(ns)
        if ns.command == "code":
            return run_code(ns)
        if ns.command == "new":
            return _cmd_new(ns)
        parser.print_help()
        return EXIT_OK
    except CliError as e:
        return report_error(str(e))
    except ChainwireError as e:
        return report_error(str(e))
    except StreamError as e:
        return report_error(str(e))
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        return report_error(_os_message(e))
    except Exception as e:  # the contract: never a traceback
        return report_error(f"internal error ({type(e).__name__}: {e}); please report it")


def report_error(message: str) -> int:
    """Print ``chainwire: error: MESSAGE`` as one line on stderr (escaped: a file name
    cannot drive the terminal); returns the exit status 2, also when stderr is gone."""
    one_line = printable(" ".join(str(message).split()))
    write_err(f"{PROG}: error: {one_line}\n")
    return EXIT_ERROR


def _os_message(e: OSError, verb: str = "read") -> str:
    """Readable text for an OSError, however it was built.

    ``str()`` of an OSError whose errno and filename were set after construction reads
    "[Errno 2] None: 'path'", so prefer its own message when it has one.
    """
    if e.strerror and e.filename is not None:
        return f"cannot {verb} {e.filename}: {e.strerror}"
    if e.args and isinstance(e.args[0], str) and len(e.args) == 1:
        return e.args[0]
    return e.strerror or str(e)


# ----- eval ----------------------------------------------------------------------------

def _load(ns: argparse.Namespace) -> Circuit:
    if getattr(ns, "expr", None) is not None:
        try:
            return parse(ns.expr)
        except ChainwireError as e:
            raise CliError(f"--expr: {e}") from None
    if ns.file == "-":  # the same byte limit as a file, checked while reading
        limit = fileio.spec.MAX_BYTES
        raw = read_stdin(limit)
        if len(raw) > limit:
            raise CliError(f"standard input is too large: more than {limit:,} bytes, the "
                           "limit for a circuit file")
        return fileio.loads(raw, source="<stdin>")
    try:
        return fileio.load(ns.file)
    except NotAFileError as e:
        raise CliError(f"cannot read {ns.file}: {e.strerror} (to read standard input, "
                       "write '-')") from None


def _find_input(circuit: Circuit, key: str) -> str:
    """The input addressed by ``key``: its id, else its unique label."""
    if key in circuit and circuit.type_of(key) == "input":
        return key
    labelled = [n.id for n in circuit.nodes() if n.type == "input" and n.label == key]
    if len(labelled) == 1:
        return labelled[0]
    if len(labelled) > 1:
        shown = ", ".join(repr(n) for n in labelled)
        raise CliError(f"--set {key}: the label {key!r} is on several inputs ({shown}); "
                       "use an id")
    if key in circuit:
        raise CliError(f"--set {key}: {key!r} is a {circuit.type_of(key)} gate; only inputs "
                       "have a value")
    inputs = [n.id for n in circuit.nodes() if n.type == "input"]
    known = ", ".join(inputs[:12]) + (", ..." if len(inputs) > 12 else "")
    raise CliError(f"--set {key}: no input has the id or label {key!r}"
                   + (f" (inputs: {known})" if inputs else " (the circuit has no inputs)"))


def _apply_sets(circuit: Circuit, sets: list[str]) -> None:
    """``--set ID=VALUE``: a number or a nested list (``graph/value_text.parse_value``)."""
    for item in sets:
        key, eq, text = item.rpartition("=")
        shown = item if len(item) <= 60 else item[:57] + "..."  # one readable line
        if not eq or not key:
            raise CliError(f"--set {shown}: expected ID=VALUE, e.g. --set x=-2 or "
                           "--set W=[[1,2],[3,4]]")
        try:
            value = parse_value(text)
        except ValueError as e:
            raise CliError(f"--set {shown}: {e}") from None
        circuit.set_value(_find_input(circuit, key), value)


def refuse_shape_problems(circuit: Circuit, ev: Evaluation) -> None:
    """A gate whose input shapes clash (a file, or a ``--set`` that changed a shape) is
    an error: CliError naming the first such gate and why, and how many more there are."""
    text = shape_problem_text(circuit, ev)
    if text is not None:
        raise CliError(text)


def _find_node(circuit: Circuit, key: str) -> str:
    if key in circuit:
        return key
    labelled = [n.id for n in circuit.nodes() if n.label == key]
    if len(labelled) == 1:
        return labelled[0]
    raise CliError(f"--output {key}: no node has the id" + (" or a unique label" if not
                   labelled else ", and several have the label") + f" {key!r}")


def _cmd_eval(ns: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    circuit = _load(ns)
    load_s = time.perf_counter() - t0
    _apply_sets(circuit, ns.set)
    if ns.output is not None:
        circuit.set_output(_find_node(circuit, ns.output))

    t0 = time.perf_counter()
    plan = Plan(circuit)
    compile_s = time.perf_counter() - t0
    times = []
    ev = None
    for _ in range(ns.repeat):
        t0 = time.perf_counter()
        ev = plan.run(*plan.gather(circuit))
        times.append(time.perf_counter() - t0)
        refuse_shape_problems(circuit, ev)
    assert ev is not None  # --repeat is at least 1 (its parser says so)

    if ns.json:
        write_out(json.dumps(result_dict(circuit, ev), indent=2) + "\n")
    else:
        write_out(format_table(circuit, ev, ns.decimals) + "\n")
    if ns.timings:
        gates = sum(1 for n in circuit.nodes() if n.type != "input")
        write_err(json.dumps({"gates": gates, "load_s": load_s, "compile_s": compile_s,
                              "eval_s": statistics.median(times)}) + "\n")
    return EXIT_OK


def result_dict(circuit: Circuit, ev: Evaluation) -> dict[str, Any]:
    """The ``--json`` shape of one evaluation (README.md, "Command line"): output, nodes
    by id (with their shape: ``[]`` for a number, null when undefined), wires in order;
    arrays as nested lists."""
    nodes = {}
    for n in circuit.nodes():
        shape = ev.shape(n.id)
        nodes[n.id] = {"type": n.type, "label": n.label,
                       "shape": None if shape is None else list(shape),
                       "value": json_value(ev.raw_value(n.id)),
                       "grad": json_value(ev.raw_grad(n.id))}
    wires = [{"from": w.src, "to": w.dst, "port": w.port,
              "value": json_value(ev.raw_value(w.src)),
              "grad": json_value(ev.raw_wire_grad(w))} for w in ev.wires]
    return {"output": ev.output, "nodes": nodes, "wires": wires}


# ----- new -----------------------------------------------------------------------------

def _cmd_new(ns: argparse.Namespace) -> int:
    circuit = _load(ns)
    _apply_sets(circuit, ns.set)
    if circuit.array_inputs():  # laid out again: room for the labels of the arrays set
        apply_layout(circuit)
    if ns.out == "-":  # UTF-8 whatever the locale (prepare_streams): a file eval reads
        write_out(fileio.dumps(circuit))
        return EXIT_OK
    try:
        fileio.save(circuit, ns.out)
    except OSError as e:
        raise CliError(_os_message(e, "write")) from None
    return EXIT_OK
