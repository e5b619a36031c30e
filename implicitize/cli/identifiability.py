"""Subcommand ``identifiability``: functional, fibre and symmetry dimensions of a network file.

Reads a network file with ``architectures.load_network`` and prints the verdict of
``varieties.symmetry.identifiability``.
"""

from __future__ import annotations

import argparse
import json

from architectures.network_file import load_network
from varieties.symmetry.identifiability import identifiability
from architectures.errors import ComputationTooLargeError
from varieties.symmetry.regions import MAX_REGIONS
from implicitize.cli.options import nonnegative_int, positive_float, positive_int
from implicitize.cli.registry import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``identifiability`` to the ``relu-varieties`` command."""
    parser = add_command(
        subparsers,
        "identifiability",
        description=(
            "The functional dimension of a network file (the rank of the Jacobian of its parameters-to-function map), "
            "its fibre dimension, and whether it is identifiable up to the symmetries of hidden neurons (permutations "
            "and positive rescalings), with the reasons. Exact on every activation region, or on a batch of random "
            "inputs for large networks."
        ),
        examples=[
            "relu-varieties identifiability net.json",
            "relu-varieties identifiability net.npz --route batch --json",
        ],
    )
    parser.add_argument("network", help="a network file (.json or .npz)")
    parser.add_argument(
        "--method",
        choices=("auto", "exact", "modular"),
        default="auto",
        help="rank the Jacobian over Q, modulo a random prime, or choose by size (default)",
    )
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="seed of the random prime and inputs")
    parser.add_argument(
        "--route",
        choices=("auto", "batch", "regions"),
        default="auto",
        help="rank on every activation region, on a batch of random inputs, or choose by size",
    )
    parser.add_argument("--timeout", type=positive_float, default=None, help="seconds the batch route may take")
    parser.add_argument(
        "--max-regions",
        type=positive_int,
        default=MAX_REGIONS,
        help=f"most activation regions the regions route visits (default {MAX_REGIONS})",
    )
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.set_defaults(handler=run_identifiability)


def run_identifiability(args: argparse.Namespace) -> int:
    """``relu-varieties identifiability NETWORK``: print dimensions, verdict and reasons."""
    network = load_network(args.network)
    try:
        result = identifiability(
            network,
            method=args.method,
            seed=args.seed,
            route=args.route,
            timeout=args.timeout,
            max_regions=args.max_regions,
        )
    except ComputationTooLargeError as error:
        if args.route == "batch" or "rescaling orbit" in str(error):  # already the batch route's own limit
            raise
        raise ComputationTooLargeError(
            f"{error}; the batch route gives a certified or lower-bound answer quickly: --route batch"
        ) from error
    if args.json:
        print(json.dumps(result.to_json()))
        return 0
    print(f"{args.network}: {network.architecture}, P = {network.architecture.parameter_count} parameters")
    details = result.details
    bound = f", error probability ≤ {details.error_bound:.1e}" if details.error_bound else ""
    print(f"functional dimension: {result.functional_dimension} ({details.proved}{bound})")
    if details.regions is not None:
        print(f"activation regions visited: {details.regions}")
    if details.inputs is not None:
        print(f"inputs sampled: {details.inputs}")
    partial = details.route == "batch" and details.rank < details.upper_bound
    print(
        f"fibre dimension:      {result.fibre_dimension}{' (an upper bound: the rank is a lower bound)' if partial else ''}"
    )
    print(f"symmetry dimension:   {result.symmetry_dimension} (one positive rescaling per hidden neuron)")
    print(f"identifiable up to symmetries: {'yes' if result.identifiable else 'no'}")
    for reason in result.reasons:
        print(f"  - {reason}")
    return 0
