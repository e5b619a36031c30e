"""The ``relu-varieties`` command: one subcommand per main job, each defined beside its objects.

Subcommand modules expose ``register(subparsers)``; each parser sets ``handler`` to a function of
the parsed arguments returning an exit code. Errors of the toolkit print one clear line, exit 2.
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

#: Modules that add subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "architectures.commands",
    "varieties.commands",
    "varieties.network_variety_commands",
    "implicitize.commands",
    "varieties.symmetry_commands",
    "implicitize.survey_commands",
    "implicitize.export_commands",
    "implicitize.contains_command",
    "distributions.commands",
)


def positive_int(text: str) -> int:
    """An argparse type: an integer ≥ 1 (degree bounds, counts, workers)."""
    return _bounded(text, int, 1, "a positive integer such as 3")


def nonnegative_int(text: str) -> int:
    """An argparse type: an integer ≥ 0 (seeds, minimum counts)."""
    return _bounded(text, int, 0, "an integer ≥ 0")


def positive_float(text: str) -> float:
    """An argparse type: a finite number > 0 (timeouts in seconds)."""
    value = _bounded(text, float, 0, "a positive number of seconds such as 60")
    if value == 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds such as 60, got {text!r}")
    return value


def probability(text: str) -> float:
    """An argparse type: a number in (0, 1]."""
    value = _bounded(text, float, 0, "a probability in (0, 1] such as 0.99")
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a probability in (0, 1] such as 0.99, got {text!r}")
    return value


def _bounded(text: str, kind: type, low: float, expected: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")) or value < low:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are the toolkit's one-line errors (exit status 2)."""

    def error(self, message: str):  # type: ignore[override]
        raise InvalidOptionError(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="relu-varieties",
        description="Polynomial equations, dimensions and distributions of ReLU networks.",
    )
    parser.add_argument("--version", action="version", version=f"relu-varieties {__version__}")
    parser.add_argument("--debug", action="store_true", help="print tracebacks of errors (to report a bug)")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
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
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except InvalidOptionError as error:
        print(f"relu-varieties: error: {one_line(str(error))}", file=sys.stderr)
        return 2
    if not hasattr(args, "handler"):
        parser.print_help()
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # each warning once per place it is issued from, in every run
        warnings.showwarning = _show_warning
        try:
            return int(args.handler(args) or 0)
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
            print(f"relu-varieties: internal error, please report it with the command that caused it: "
                  f"{type(error).__name__}: {one_line(str(error))}"
                  + ("" if args.debug else " (run with --debug for the traceback)"), file=sys.stderr)
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
