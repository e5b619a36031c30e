"""The arguments of the subcommands that work on a spec: a spec file or ``--example NAME``, and realisability."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from architectures.errors import InvalidSpecError, UnrealisableAssignmentError
from architectures.realisability import DEFAULT_PIVOT_BUDGET, decide_assignment, warn_if_unrealisable
from architectures.spec import EXAMPLES, Spec, load_spec


def add_spec_arguments(parser: argparse.ArgumentParser) -> None:
    """The problem to work on: a spec file, or ``--example NAME`` for a built-in one."""
    parser.add_argument("spec", nargs="?", help="a JSON spec file (see README)")
    parser.add_argument("--example", choices=sorted(EXAMPLES), help="a built-in problem instead of a file")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.add_argument(
        "--require-realisable",
        action="store_true",
        help="refuse an output-variety spec whose assignment no network can realise (proved by "
        "exact LPs; an answer undecided within the budget is noted, not refused)",
    )
    parser.add_argument(
        "--realisability-budget",
        type=int,
        default=DEFAULT_PIVOT_BUDGET,
        metavar="N",
        help=f"work bound of the realisability LPs, in tableau updates (default "
        f"{DEFAULT_PIVOT_BUDGET}); beyond it the answer is 'undecided'",
    )


def spec_from_arguments(args: argparse.Namespace) -> Spec:
    """Load the spec named by :func:`add_spec_arguments`'s arguments, checking its assignment's realisability.

    An output-variety spec whose assignment is proved unrealisable warns (``RealisabilityWarning``), or
    with ``--require-realisable`` raises :class:`UnrealisableAssignmentError`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_spec_arguments(parser)
    >>> spec_from_arguments(parser.parse_args(["--example", "output-with-bias", "--require-realisable"])).variety
    'output'
    """
    if (args.spec is None) == (args.example is None):
        raise InvalidSpecError("give either a spec file or --example NAME (one of them, not both)")
    spec = load_spec(EXAMPLES[args.example] if args.example else args.spec)
    if spec.variety != "output" or spec.assignment is None:
        return spec
    realisability = decide_assignment(
        spec.architecture,
        spec.patterns,
        spec.data,
        spec.assignment.assignment,
        budget=getattr(args, "realisability_budget", DEFAULT_PIVOT_BUDGET),
    )
    if getattr(args, "require_realisable", False):
        if realisability.realisable is False:
            raise UnrealisableAssignmentError(
                f"the spec's assignment of patterns to its {len(spec.data or ())} data points is realised by no "
                f"network of widths {list(spec.architecture.widths)} ({realisability.reason}); give an assignment "
                "a network takes (e.g. from `relu-varieties network-variety`), or drop --require-realisable"
            )
        if realisability.realisable is None:
            print(
                f"relu-varieties: note: realisability of the assignment not decided ({realisability.reason}; "
                "--realisability-budget sets the budget)",
                file=sys.stderr,
            )
    warn_if_unrealisable(realisability)
    return dataclasses.replace(spec, realisability=realisability)
