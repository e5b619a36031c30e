"""Subcommand ``network-variety``: the regions a trained network takes on data, and their varieties.

NET (``.pt``/``.pth``/``.onnx``/``.json``/``.npz``) → exact forward pass on DATA (JSON, ``.npy``,
``.csv``) → patterns, counts, dimensions; ``--implicitize`` adds the ideal; ``-o FILE`` writes the
spec of the chosen variety, which ``dimension``, ``implicitize`` and ``export`` read.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from architectures.atomic_write import write_atomically
from architectures.data_file import load_data
from architectures.network_file import load_network
from implicitize.engine import STRATEGIES
from implicitize.export.registry import check_output_path
from varieties.dimension import dimension, expected_dimension
from varieties.network_variety import BOUNDARY_CHOICES, network_varieties
from implicitize.cli.options import add_timeout_argument
from implicitize.cli.registry import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``network-variety`` to the command line.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="relu-varieties")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["network-variety", "net.pt", "x.npy", "--implicitize"])
    >>> args.network, args.data, args.implicitize, args.variety, args.handler.__name__
    ('net.pt', 'x.npy', True, 'output', 'run_network_variety')
    """
    parser = add_command(
        subparsers,
        "network-variety",
        description=(
            "Run a trained network exactly on data: the activation patterns it takes, how many points each, and "
            "the dimensions of the output and pattern varieties of those patterns; --implicitize adds the ideal, "
            "-o writes the variety's spec for dimension, implicitize and export."
        ),
        examples=[
            "relu-varieties network-variety net.pt points.npy",
            "relu-varieties network-variety net.onnx points.csv --implicitize -o spec.json",
        ],
    )
    parser.add_argument("network", metavar="NET", help="network file: .pt/.pth, .onnx, .json or .npz")
    parser.add_argument(
        "data",
        metavar="DATA",
        help="input points: a JSON list of points (exact numbers; floats converted exactly), .npy or .csv",
    )
    parser.add_argument(
        "--variety",
        choices=("output", "pattern"),
        default="output",
        help="the variety --implicitize and -o work on (default: output)",
    )
    parser.add_argument("--implicitize", action="store_true", help="also compute the variety's ideal")
    parser.add_argument("--max-degree", type=int, default=None, help="degree bound for --implicitize")
    parser.add_argument("--strategy", choices=STRATEGIES, default="auto", help="strategy for --implicitize")
    parser.add_argument(
        "--on-boundary",
        choices=BOUNDARY_CHOICES,
        default="report",
        help="a point with a pre-activation exactly 0: report it (kept, neuron inactive; "
        "default), drop it, or stop with an error",
    )
    parser.add_argument(
        "--max-pattern-blocks",
        type=int,
        default=120,
        metavar="K",
        help="compute the pattern variety's dimension only up to K distinct patterns (default 120; "
        "its rank families grow as K²: about 70 s at 244 patterns of an (8,16,16,3) network)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the variety's spec file here (for dimension, implicitize, export)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the dimension's random point (default 0)")
    parser.add_argument(
        "--show",
        type=int,
        default=20,
        metavar="N",
        help="list the N patterns with most points (default 20; --json lists all)",
    )
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_network_variety)


def run_network_variety(args: argparse.Namespace) -> int:
    if args.output is not None:
        check_output_path(args.output)
    network = load_network(args.network)
    data = load_data(args.data)
    result = network_varieties(network, data.points, on_boundary=args.on_boundary)
    variety = result.output_variety if args.variety == "output" else result.pattern_variety
    measured: list[tuple[str, Any]] = [("output", result.output_variety)]
    skipped = len(result.patterns) > args.max_pattern_blocks
    if skipped:
        result = dataclasses.replace(
            result,
            notes=result.notes
            + (
                f"pattern variety's dimension not computed: {len(result.patterns)} distinct patterns, more than "
                f"--max-pattern-blocks {args.max_pattern_blocks}",
            ),
        )
    else:
        measured.append(("pattern", result.pattern_variety))
    dimensions = {name: (dimension(v, seed=args.seed), expected_dimension(v)) for name, v in measured}
    ideal = None
    if args.implicitize:
        from implicitize import implicitize  # the engine; imported here so `--help` stays fast

        ideal = implicitize(variety, args.strategy, max_degree=args.max_degree, seed=args.seed)
    spec = result.output_spec() if args.variety == "output" else result.pattern_spec()
    if args.output is not None:
        _write_atomically(json.dumps(spec.to_json(), indent=1) + "\n", Path(args.output))
    notes = list(data.notes) + list(result.notes)
    for warning in result.warnings:
        print(f"relu-varieties: warning: {warning}", file=sys.stderr)
    if args.json:
        summary = {
            **result.summary(),
            "notes": notes,
            "output_file": args.output,
            "dimensions": {
                name: {**_dimension_summary(d), "expected": e.naive, "refined_expected": e.refined}
                for name, (d, e) in dimensions.items()
            },
        }
        if ideal is not None:
            summary["ideal"] = {"variety": args.variety, **ideal.summary()}
        print(json.dumps(summary))
        return 0
    architecture = network.architecture
    print(f"network {architecture} on {len(result.data)} point(s): {len(result.patterns)} activation pattern(s)")
    for note in notes:
        print(f"  note: {note}")
    shown = sorted(range(len(result.patterns)), key=lambda k: -result.counts[k])[: args.show]
    for index in sorted(shown):
        print(f"  pattern {index}: {result.patterns[index]}   {result.counts[index]} point(s)")
    if len(shown) < len(result.patterns):
        print(f"  … {len(result.patterns) - len(shown)} more pattern(s) (--show N, or --json, lists them)")
    print(f"  realisable: yes, by this network ({result.output_variety.realisability.reason})")
    for name, (found, expected) in dimensions.items():
        print(f"  {name} variety: {found}; expected {expected.naive} (refined {expected.refined})")
    if args.output is not None:
        print(f"  wrote the {args.variety} variety's spec to {args.output}")
    if ideal is not None:
        print(
            f"  ideal of the {args.variety} variety: {len(ideal.generators)} generator(s) of degree(s) "
            f"{', '.join(map(str, ideal.degrees)) or '—'}; proved: {ideal.proved} — {ideal.route}"
        )
        for text in ideal.to_strings():
            print(f"    {text} = 0")
    return 0


def _dimension_summary(found: Any) -> dict[str, Any]:
    return {
        "ambient_dimension": found.ambient_dimension,
        "dimension": found.dimension,
        "lower_bound": found.lower_bound,
        "upper_bound": found.upper_bound,
        "certified": found.certified,
        "failure_probability": found.failure_probability,
        "prime": found.prime,
        "seed": found.seed,
    }


def _write_atomically(text: str, path: Path) -> None:
    """Write to a temporary file beside ``path``, then rename it: a failed write leaves ``path`` as it was."""
    write_atomically(text, path, what="the spec")
