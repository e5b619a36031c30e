"""Subcommand ``dimension``: a variety's dimension, with what is certified."""

from __future__ import annotations

import argparse
import json

from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments
from varieties.dimension import dimension, expected_dimension
from varieties.variety import variety_from_spec
from implicitize.cli.options import add_timeout_argument, nonnegative_int
from implicitize.cli.registry import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "dimension",
        description=(
            "The dimension of a spec's variety: its ambient dimension, the expected counts, and its dimension as the "
            "rank of the Jacobian at a random point modulo a prime. The rank is a proved lower bound; it is certified "
            "when it meets the upper bound of the rank constraints; otherwise the dimension printed is the generic rank "
            "modulo the prime, wrong with at most the printed probability."
        ),
        examples=[
            "relu-varieties dimension --example determinant",
            "relu-varieties dimension my_spec.json --seed 1 --json",
        ],
    )
    add_spec_arguments(parser)
    parser.add_argument(
        "--seed", type=nonnegative_int, default=0, help="seed of the random parameter point (default 0)"
    )
    parser.add_argument(
        "--prime",
        type=int,
        default=None,
        help="prime field (default: drawn from the primes in [2^30, 2^31) with --seed)",
    )
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_dimension)


def run_dimension(args: argparse.Namespace) -> int:
    variety = variety_from_spec(spec_from_arguments(args))
    result = dimension(variety, seed=args.seed, prime=args.prime)
    expected = expected_dimension(variety)
    summary = {
        "ambient_dimension": result.ambient_dimension,
        "dimension": result.dimension,
        "lower_bound": result.lower_bound,
        "upper_bound": result.upper_bound,
        "certified": result.certified,
        "expected_dimension": expected.naive,
        "refined_expected_dimension": expected.refined,
        "defective": result.dimension < expected.refined,
        "failure_probability": result.failure_probability,
        "prime": result.prime,
        "seed": result.seed,
    }
    if args.json:
        print(json.dumps(summary))
        return 0
    print(variety.describe())
    print(f"  ambient dimension    {result.ambient_dimension}")
    print(f"  expected (naive)     {expected.naive}")
    print(f"  expected (refined)   {expected.refined}   [{expected.reason}]")
    print(f"  dimension            {result.dimension}")
    if result.certified:
        print(
            f"  certified: Jacobian rank {result.lower_bound} (proven lower bound) meets the upper bound from "
            f"{result.families_used} rank famil{'y' if result.families_used == 1 else 'ies'}"
        )
    else:
        print(
            f"  proved: {result.lower_bound} ≤ dim ≤ {result.upper_bound}; the dimension is the generic rank "
            f"mod {result.prime}, wrong with probability ≤ {result.failure_probability:.2e}"
        )
    print(f"  defective: {'yes' if summary['defective'] else 'no'}")
    return 0
