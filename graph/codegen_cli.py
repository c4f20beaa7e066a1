"""``chainwire code FILE [--expr TEXT] [--set ID=VALUE ...] [-o OUT.py]``: the staged script.

The subcommand's arguments and its run, kept beside ``graph/codegen.py`` as
``gradcheck``'s are beside the check: ``graph/cli.py`` only registers them. Loading and
``--set`` are the command line's own, so errors read the same (one ``chainwire: error:``
line, exit status 2). Without ``-o`` (or with ``-o -``) the script goes to stdout as
UTF-8; a file is written atomically and only over a regular file, as ``new -o`` does.
"""

from __future__ import annotations

import argparse

from chainwire.graph.cli_args import add_source_arguments
from chainwire.graph.codegen import to_python
from chainwire.graph.evaluate import evaluate

__all__ = ["add_code_arguments", "run_code"]

DESCRIPTION = ("Write the circuit as a standalone numpy script in the notes' staged style: "
               "the forward pass one line per gate, the backward pass one line per wire "
               "(+= where a node forks), printing every value and gradient as "
               "'chainwire eval --json' does.")


def add_code_arguments(p: argparse.ArgumentParser) -> None:
    """``code``'s arguments, for a subcommand parser or a parser of its own."""
    add_source_arguments(p)
    p.add_argument("-o", "--output", metavar="OUT.py", dest="out", default="-",
                   help="the script to write (default '-': print it)")


def run_code(ns: argparse.Namespace) -> int:
    """Write the script as ``ns`` says; 0. Errors propagate for the caller to report."""
    from chainwire.graph import cli
    from chainwire.graph.cli_output import write_out
    from chainwire.graph.fileio.atomic import write_atomic

    circuit = cli._load(ns)
    cli._apply_sets(circuit, ns.set)
    cli.refuse_shape_problems(circuit, evaluate(circuit))
    text = to_python(circuit)
    if ns.out == "-":
        write_out(text)
        return 0
    try:
        write_atomic(ns.out, text.encode("utf-8"))
    except OSError as e:
        raise cli.CliError(cli._os_message(e, "write")) from None
    return 0
