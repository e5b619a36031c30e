"""Subcommands ``dimension`` and ``constraints``: a variety's dimension and its rank equations."""
from __future__ import annotations

import argparse
import json

from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments
from architectures.modular import DEFAULT_PRIME
from varieties.dimension import dimension, expected_dimension
from varieties.minors import minor_count, minors, to_sympy_string
from varieties.variety import variety_from_spec
from implicitize.cli.options import nonnegative_int, positive_int


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("dimension", help="ambient, expected and actual dimension, with what is certified")
    add_spec_arguments(parser)
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="seed of the random parameter point (default 0)")
    parser.add_argument("--prime", type=int, default=DEFAULT_PRIME, help=f"prime field (default {DEFAULT_PRIME})")
    parser.set_defaults(handler=run_dimension)
    parser = subparsers.add_parser("constraints", help="rank-constraint families and their minors")
    add_spec_arguments(parser)
    parser.add_argument("--max", type=positive_int, default=10_000, dest="max_minors",
                        help="refuse to expand more minors than this (default 10000)")
    parser.set_defaults(handler=run_constraints)


def run_dimension(args: argparse.Namespace) -> int:
    variety = variety_from_spec(spec_from_arguments(args))
    result = dimension(variety, seed=args.seed, prime=args.prime)
    expected = expected_dimension(variety)
    summary = {"ambient_dimension": result.ambient_dimension, "dimension": result.dimension,
               "lower_bound": result.lower_bound, "upper_bound": result.upper_bound, "certified": result.certified,
               "expected_dimension": expected.naive, "refined_expected_dimension": expected.refined,
               "defective": result.dimension < expected.refined, "failure_probability": result.failure_probability,
               "prime": result.prime, "seed": result.seed}
    if args.json:
        print(json.dumps(summary))
        return 0
    print(variety.describe())
    print(f"  ambient dimension    {result.ambient_dimension}")
    print(f"  expected (naive)     {expected.naive}")
    print(f"  expected (refined)   {expected.refined}   [{expected.reason}]")
    print(f"  dimension            {result.dimension}")
    if result.certified:
        print(f"  certified: Jacobian rank {result.lower_bound} (proven lower bound) meets the upper bound from "
              f"{result.families_used} rank famil{'y' if result.families_used == 1 else 'ies'}")
    else:
        print(f"  proved: {result.lower_bound} ≤ dim ≤ {result.upper_bound}; the dimension is the generic rank "
              f"mod {result.prime}, wrong with probability ≤ {result.failure_probability:.2e}")
    print(f"  defective: {'yes' if summary['defective'] else 'no'}")
    return 0


def run_constraints(args: argparse.Namespace) -> int:
    variety = variety_from_spec(spec_from_arguments(args))
    families = variety.rank_constraints()
    polynomials = [to_sympy_string(p) for p in minors(families, variety.context, max_count=args.max_minors)]
    if args.json:
        print(json.dumps({"families": [{"name": f.name, "bound": f.bound, "reason": f.reason,
                                        "shape": list(f.shape), "minor_count": f.minor_count} for f in families],
                          "minors": polynomials}))
        return 0
    print(variety.describe())
    print(f"{len(families)} rank famil{'y' if len(families) == 1 else 'ies'}, {minor_count(families)} minors "
          f"({len(polynomials)} distinct and non-zero):")
    for family in families:
        rows, columns = family.shape
        print(f"  {family.name} ≤ {family.bound}   ({rows}×{columns}; {family.reason})")
    for polynomial in polynomials:
        print(f"  {polynomial}")
    return 0
