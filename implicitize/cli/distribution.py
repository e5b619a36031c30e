"""The ``distribution`` subcommand: the distribution over affine pieces of a network file under a Gaussian input.

Reads a network file (docs/file-formats.md#network-files) and optional JSON files for the mean and covariance (default N(0, I)),
runs ``distributions.pieces.affine_pieces`` within a budget (pieces, seconds) and prints the top pieces, the
mass found with its error, and which limit stopped the search if one did.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

from architectures.errors import InvalidDistributionError, ReluVarietiesError
from architectures.json_files import read_json_file
from architectures.network_file import load_network
from architectures.numbers import to_fraction
from distributions.inputs import GaussianInput
from distributions.pieces import SEARCHES, affine_pieces
from implicitize.cli.options import nonnegative_int, positive_float, positive_int, probability, progress_callback
from implicitize.cli.registry import add_command


def _read_json_numbers(path: str, what: str) -> Any:
    raw = read_json_file(path, what=f"the {what}", error=InvalidDistributionError)

    def convert(value: Any) -> Any:
        if isinstance(value, list):
            return [convert(item) for item in value]
        try:
            return float(to_fraction(value, what=what, allow_float=True))
        except ReluVarietiesError as error:
            raise InvalidDistributionError(f"the {what} file {path!r}: {error}") from error
        except OverflowError as error:  # an exact value such as "1e400", beyond the double range
            raise InvalidDistributionError(
                f"the {what} file {path!r}: {str(value)[:40]!r} is beyond the range of "
                "a float (about 1.8e308), which the distribution is computed in; "
                "rescale the input"
            ) from error

    return convert(raw)


def input_from_files(input_width: int, mean_file: str | None, cov_file: str | None) -> GaussianInput:
    """N(mean, cov) from JSON files (a list of numbers; a list of rows), each defaulting to 0 and I.

    Numbers may be JSON numbers or exact strings such as ``"1/3"``; they are used as floats.

    Examples
    --------
    >>> input_from_files(2, None, None).covariance.tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    mean = np.zeros(input_width) if mean_file is None else _read_json_numbers(mean_file, "mean")
    covariance = np.eye(input_width) if cov_file is None else _read_json_numbers(cov_file, "covariance")
    return GaussianInput(mean, covariance)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "distribution",
        description=(
            "The distribution over affine pieces (activation patterns) of a network file under a Gaussian input "
            "N(mean, cov), most probable first until the pieces found have the requested mass, or --budget pieces or "
            "--timeout seconds (then it says which limit and the most the pieces not found can weigh); each "
            "probability comes with its error bound."
        ),
        examples=[
            "relu-varieties distribution net.json",
            "relu-varieties distribution net.npz --mean mu.json --cov sigma.json --mass 0.999 --json",
        ],
    )
    parser.add_argument("network", help="a network file (.json or .npz, see README)")
    parser.add_argument("--mean", help="JSON file: the input mean (default 0)")
    parser.add_argument("--cov", help="JSON file: the input covariance, a list of rows (default I)")
    parser.add_argument("--mass", type=probability, default=0.99, help="stop once the pieces found have this mass")
    parser.add_argument("--top", type=nonnegative_int, default=10, help="pieces to print (text output)")
    parser.add_argument(
        "--seed",
        type=nonnegative_int,
        default=0,
        help="seed of the quasi-Monte Carlo points (and of the samples that find patterns)",
    )
    parser.add_argument(
        "--budget",
        type=positive_int,
        default=100_000,
        metavar="PIECES",
        help="stop after this many pieces, with the mass found so far (default 100000)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        metavar="SECONDS",
        help="stop after this many seconds, with the mass found so far",
    )
    parser.add_argument(
        "--search",
        choices=SEARCHES,
        default="auto",
        help="how patterns are found: across region facets (can prove the search complete), by "
        "seeded samples (fast on large networks), auto: samples when --mass < 1",
    )
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.set_defaults(handler=run_distribution)


def run_distribution(args: argparse.Namespace) -> int:
    network = load_network(args.network)
    distribution = input_from_files(network.architecture.input_width, args.mean, args.cov)
    with progress_callback(args, "mass of the pieces found") as progress:
        result = affine_pieces(
            network,
            distribution,
            mass=args.mass,
            seed=args.seed,
            max_pieces=args.budget,
            timeout=args.timeout,
            search=args.search,
            progress=progress,
        )
    if args.json:
        print(json.dumps(result.to_json()))
        return 0
    print(f"network {network.architecture}, input N(mean, cov) of rank {distribution.rank}")
    print(
        f"{len(result.pieces)} pieces, mass {result.mass:.6f} ± {result.mass_error:.2g}"
        f"{' (search complete)' if result.complete else ''}"
    )
    if result.stopped:
        print(
            f"stopped before mass {args.mass}: {result.stopped}; the patterns not found have mass at most "
            f"{result.unexplored_mass:.6f}"
        )
    for piece in result.pieces[: args.top]:
        print(f"  {piece.probability:.6f} ± {piece.error:.1g}  {piece.pattern}")
    if len(result.pieces) > args.top:
        print(f"  … {len(result.pieces) - args.top} more (--top N or --json for all)")
    return 0
