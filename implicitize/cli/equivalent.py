"""Subcommand ``equivalent``: are two network files related by a symmetry, and do they compute the same function?

Reads network files with ``architectures.load_network`` and prints the verdict of
``varieties.symmetry.compare.compare_networks``.
"""

from __future__ import annotations

import argparse
import json

from architectures.network_file import load_network
from implicitize.cli.options import add_timeout_argument
from implicitize.cli.registry import add_command
from varieties.symmetry.compare import compare_networks


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``equivalent`` to the ``relu-varieties`` command."""
    parser = add_command(
        subparsers,
        "equivalent",
        description=(
            "Decide whether two network files are related by a symmetry (a permutation and positive rescaling of "
            "hidden neurons) and whether they compute the same function; a different function comes with a witness "
            "input, the same function with an exact proof on every activation region."
        ),
        examples=["relu-varieties equivalent first.json second.json", "relu-varieties equivalent a.npz b.npz --json"],
    )
    parser.add_argument("first", help="a network file (.json or .npz)")
    parser.add_argument("second", help="another network file with the same input and output widths")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_equivalent)


def run_equivalent(args: argparse.Namespace) -> int:
    """``relu-varieties equivalent A B``: print the verdicts (one JSON object with ``--json``)."""
    first, second = load_network(args.first), load_network(args.second)
    result = compare_networks(first, second)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{args.first}: {first.architecture}; {args.second}: {second.architecture}")
    print(
        f"related by a permutation and positive rescaling of hidden neurons: "
        f"{'yes' if result['related_by_symmetry'] else 'no'}"
    )
    how = "a symmetry preserves the function" if result["related_by_symmetry"] else "proved on every activation region"
    print(f"compute the same function: {f'yes ({how})' if result['same_function'] else 'no'}")
    if result["witness"] is not None:
        print(f"witness input: ({', '.join(result['witness'])})")
    return 0
