"""The arguments every circuit-reading subcommand shares (eval, check, code): one
definition, so FILE / --expr / --set read and are explained the same everywhere."""

from __future__ import annotations

import argparse

EXPR_HELP = ('an expression instead of a file, e.g. "(x + y) * z"; its names are the input '
             'ids (text starting with "-": write --expr=-x)')


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """FILE or --expr (exactly one), and repeatable --set ID=VALUE."""
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="FILE",
                     help="a .chainwire file ('-' reads standard input)")
    src.add_argument("--expr", metavar="TEXT", help=EXPR_HELP)
    add_set_argument(p)


def add_set_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", action="append", default=[], metavar="ID=VALUE",
                   help="set an input's value (by id, else by its unique label); repeatable")
