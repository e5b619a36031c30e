"""Subcommands ``equivalent`` and ``identifiability``: symmetries and identifiability of network files.

Reads network files with ``architectures.load_network`` and prints the verdicts of
``varieties.symmetries``, ``varieties.same_function`` and ``varieties.identifiability``.
"""
from __future__ import annotations

import argparse
import json

from architectures.architecture import Architecture
from architectures.network_file import Network, load_network
from architectures.numbers import fraction_to_string
from architectures.forward import forward_pass
from varieties.identifiability import generic_inputs, identifiability
from architectures.errors import ComputationTooLargeError
from varieties.regions import MAX_REGIONS, check_comparable
from varieties.same_function import same_function
from varieties.symmetries import equivalent
from implicitize.cli import nonnegative_int, positive_float, positive_int


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``equivalent`` and ``identifiability`` to the ``relu-varieties`` command."""
    parser = subparsers.add_parser(
        "equivalent", help="are two network files related by a symmetry, and do they compute the same function?")
    parser.add_argument("first", help="a network file (.json or .npz)")
    parser.add_argument("second", help="another network file with the same input and output widths")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.set_defaults(handler=run_equivalent)
    parser = subparsers.add_parser(
        "identifiability", help="functional, fibre and symmetry dimensions of a network file, with reasons")
    parser.add_argument("network", help="a network file (.json or .npz)")
    parser.add_argument("--method", choices=("auto", "exact", "modular"), default="auto",
                        help="rank the Jacobian over Q, modulo a random prime, or choose by size (default)")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="seed of the random prime and inputs")
    parser.add_argument("--route", choices=("auto", "batch", "regions"), default="auto",
                        help="rank on every activation region, on a batch of random inputs, or choose by size")
    parser.add_argument("--timeout", type=positive_float, default=None, help="seconds the batch route may take")
    parser.add_argument("--max-regions", type=positive_int, default=MAX_REGIONS,
                        help=f"most activation regions the regions route visits (default {MAX_REGIONS})")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.set_defaults(handler=run_identifiability)


def with_biases(network: Network) -> Network:
    """The same network written with (zero) biases, so that it can be compared with one that has them.

    Examples
    --------
    >>> with_biases(Network.from_weights([[[1]], [[2]]])).theta
    (Fraction(1, 1), Fraction(0, 1), Fraction(2, 1), Fraction(0, 1))
    """
    if network.architecture.bias:
        return network
    architecture = Architecture(network.architecture.widths, bias=True)
    layers = network.layers()
    return Network(architecture, architecture.pack([w for w, _ in layers], [b for _, b in layers]))


def compare_networks(first: Network, second: Network) -> dict:
    """The ``equivalent`` verdict as the JSON object the command prints.

    Examples
    --------
    >>> compare_networks(Network.from_weights([[[1], [-1]], [[1, 1]]]), Network.from_weights([[[-2], [3]], [["1/2", "1/3"]]]))
    {'related_by_symmetry': True, 'same_function': True, 'witness': None}
    """
    check_comparable([first, second])
    if first.architecture.widths == second.architecture.widths:
        if first.architecture.bias != second.architecture.bias:
            first, second = with_biases(first), with_biases(second)
        related = bool(equivalent(first.architecture, first.theta, second.theta))
    else:
        related = False
    if related:  # a symmetry preserves the function: no need for the region-by-region proof
        return {"related_by_symmetry": True, "same_function": True, "witness": None}
    # cheap disproof first: the exact forward pass at a few random inputs
    for point in generic_inputs(first, 8, seed=0):
        outputs = [forward_pass(n.architecture, n.theta, [point]).outputs[0] for n in (first, second)]
        if outputs[0] != outputs[1]:
            return {"related_by_symmetry": related, "same_function": False,
                    "witness": [fraction_to_string(x) for x in point]}
    verdict = same_function(first, second)
    witness = None if verdict.witness is None else [fraction_to_string(x) for x in verdict.witness]
    return {"related_by_symmetry": related, "same_function": verdict.same, "witness": witness}


def run_equivalent(args: argparse.Namespace) -> int:
    """``relu-varieties equivalent A B``: print the verdicts (one JSON object with ``--json``)."""
    first, second = load_network(args.first), load_network(args.second)
    result = compare_networks(first, second)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{args.first}: {first.architecture}; {args.second}: {second.architecture}")
    print(f"related by a permutation and positive rescaling of hidden neurons: "
          f"{'yes' if result['related_by_symmetry'] else 'no'}")
    how = "a symmetry preserves the function" if result["related_by_symmetry"] else "proved on every activation region"
    print(f"compute the same function: {f'yes ({how})' if result['same_function'] else 'no'}")
    if result["witness"] is not None:
        print(f"witness input: ({', '.join(result['witness'])})")
    return 0


def run_identifiability(args: argparse.Namespace) -> int:
    """``relu-varieties identifiability NETWORK``: print dimensions, verdict and reasons."""
    network = load_network(args.network)
    try:
        result = identifiability(network, method=args.method, seed=args.seed, route=args.route,
                                 timeout=args.timeout, max_regions=args.max_regions)
    except ComputationTooLargeError as error:
        if args.route == "batch" or "rescaling orbit" in str(error):  # already the batch route's own limit
            raise
        raise ComputationTooLargeError(f"{error}; the batch route gives a certified or lower-bound answer "
                                       "quickly: --route batch")
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
    print(f"fibre dimension:      {result.fibre_dimension}{' (an upper bound: the rank is a lower bound)' if partial else ''}")
    print(f"symmetry dimension:   {result.symmetry_dimension} (one positive rescaling per hidden neuron)")
    print(f"identifiable up to symmetries: {'yes' if result.identifiable else 'no'}")
    for reason in result.reasons:
        print(f"  - {reason}")
    return 0
