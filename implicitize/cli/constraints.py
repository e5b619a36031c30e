"""Subcommand ``constraints``: a variety's rank-constraint families and their minors."""

from __future__ import annotations

import argparse
import json

from implicitize.cli.options import add_timeout_argument, positive_int
from implicitize.cli.registry import add_command
from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments
from varieties.minors import minor_count, minors, to_sympy_string
from varieties.variety import variety_from_spec


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "constraints",
        description=(
            "The rank constraints of a spec's variety: each family of matrices whose rank is bounded on the variety, "
            "with its bound and reason, and the minors that expand it into polynomial equations."
        ),
        examples=[
            "relu-varieties constraints --example determinant",
            "relu-varieties constraints my_spec.json --max 500",
        ],
    )
    add_spec_arguments(parser)
    parser.add_argument(
        "--max",
        type=positive_int,
        default=10_000,
        dest="max_minors",
        help="refuse to expand more minors than this (default 10000)",
    )
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_constraints)


def run_constraints(args: argparse.Namespace) -> int:
    variety = variety_from_spec(spec_from_arguments(args))
    families = variety.rank_constraints()
    polynomials = [to_sympy_string(p) for p in minors(families, variety.context, max_count=args.max_minors)]
    if args.json:
        print(
            json.dumps(
                {
                    "families": [
                        {
                            "name": f.name,
                            "bound": f.bound,
                            "reason": f.reason,
                            "shape": list(f.shape),
                            "minor_count": f.minor_count,
                        }
                        for f in families
                    ],
                    "minors": polynomials,
                }
            )
        )
        return 0
    print(variety.describe())
    print(
        f"{len(families)} rank famil{'y' if len(families) == 1 else 'ies'}, {minor_count(families)} minors "
        f"({len(polynomials)} distinct and non-zero):"
    )
    for family in families:
        rows, columns = family.shape
        print(f"  {family.name} ≤ {family.bound}   ({rows}×{columns}; {family.reason})")
    for polynomial in polynomials:
        print(f"  {polynomial}")
    return 0
