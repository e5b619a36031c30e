"""The ``relu-varieties`` command: one subcommand per main job, each defined beside its objects.

Subcommand modules expose ``register(subparsers)``; each parser sets ``handler`` to a function of
the parsed arguments returning an exit code. Errors of the toolkit print one clear line, exit 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from typing import Any, Sequence

from architectures import __version__
from architectures.errors import ReluVarietiesError

#: Modules that add subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "architectures.commands",
    "varieties.commands",
    "varieties.network_variety_commands",
    "implicitize.commands",
    "varieties.symmetry_commands",
    "implicitize.survey_commands",
    "implicitize.export_commands",
    "distributions.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="relu-varieties",
        description="Polynomial equations, dimensions and distributions of ReLU networks.",
    )
    parser.add_argument("--version", action="version", version=f"relu-varieties {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _show_warning(message: Any, category: type, *_: Any, **__: Any) -> None:
    """Warnings on the command line: one line each, like the errors."""
    print(f"relu-varieties: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # each warning once per place it is issued from, in every run
        warnings.showwarning = _show_warning
        try:
            return int(args.handler(args) or 0)
        except ReluVarietiesError as error:
            print(f"relu-varieties: error: {error}", file=sys.stderr)
            return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
