"""The ``relu-varieties`` command: parse the arguments, run one subcommand, report errors in one line.

The subcommands are listed in :mod:`implicitize.cli.registry`; only the one named on the command
line is imported. Errors of the toolkit print one clear line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
import warnings
from typing import Any, Sequence

from architectures import __version__
from architectures.errors import InvalidOptionError, ReluVarietiesError
from implicitize.cli.options import time_limit
from implicitize.cli.registry import COMMANDS, command_in


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are the toolkit's one-line errors (exit status 2)."""

    def error(self, message: str):  # type: ignore[override]
        raise InvalidOptionError(f"{message} (see {self.prog} --help)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``relu-varieties``, complete for subcommand ``command`` (the others listed only).

    Examples
    --------
    >>> build_parser("dimension").parse_args(["dimension", "--example", "determinant"]).handler.__name__
    'run_dimension'
    """
    parser = _Parser(
        prog="relu-varieties",
        description="Polynomial equations, dimensions and distributions of ReLU networks.",
        epilog="Run 'relu-varieties COMMAND --help' for what a command does, its options and an example; "
        "docs/cli.md describes them all.",
    )
    parser.add_argument("--version", action="version", version=f"relu-varieties {__version__}")
    parser.add_argument("--debug", action="store_true", help="print tracebacks of errors (to report a bug)")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, entry in COMMANDS.items():
        if name == command:
            importlib.import_module(entry.module).register(subparsers)
        else:
            subparsers.add_parser(name, help=entry.summary, add_help=False)
    return parser


def _show_warning(message: Any, category: type, *_: Any, **__: Any) -> None:
    """Warnings on the command line: one line each, like the errors."""
    print(f"relu-varieties: warning: {one_line(str(message))}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return its exit status.

    Errors of the toolkit print one line on stderr and return 2; an interrupt returns 130 and a
    closed output pipe 141, quietly; anything else is an internal error, reported in one line (with
    the traceback under ``--debug``) and returns 1.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        parser = build_parser(command_in(argv))  # imports the subcommand's module: may be interrupted too
        args = parser.parse_args(argv)
    except InvalidOptionError as error:
        print(f"relu-varieties: error: {one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("relu-varieties: interrupted", file=sys.stderr)
        return 130
    if not hasattr(args, "handler"):
        parser.print_help()
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # each warning once per place it is issued from, in every run
        warnings.showwarning = _show_warning
        try:
            with time_limit(getattr(args, "time_limit", None), f"relu-varieties {command_in(argv)}"):
                status = int(args.handler(args) or 0)
            sys.stdout.flush()  # a closed pipe shows here, inside the handlers below, not at exit
            return status
        except ReluVarietiesError as error:
            print(f"relu-varieties: error: {one_line(str(error))}", file=sys.stderr)
            if args.debug:
                traceback.print_exc()
            return 2
        except KeyboardInterrupt:
            print("relu-varieties: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            _silence_stdout()
            return 141
        except Exception as error:  # noqa: BLE001 - the last line of defence, reported as a bug
            if args.debug:
                traceback.print_exc()
            print(
                f"relu-varieties: internal error, please report it with the command that caused it: "
                f"{type(error).__name__}: {one_line(str(error))}"
                + ("" if args.debug else " (run with --debug for the traceback)"),
                file=sys.stderr,
            )
            return 1


def one_line(text: str, limit: int = 2000) -> str:
    """``text`` on one line: every kind of line break becomes a space; long text is cut.

    Examples
    --------
    >>> one_line("first\\nsecond\\u2028third")
    'first second third'
    """
    flat = " ".join(text.splitlines())
    return flat if len(flat) <= limit else flat[:limit] + " …"


def _silence_stdout() -> None:
    """After a closed pipe (``relu-varieties … | head``), stop Python complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
