"""Subcommand ``implicitize``: the equations of a variety, with what was proved and a cache."""

from __future__ import annotations

import argparse
import json

from implicitize.cli.ideal_options import add_implicitize_arguments, implicitize_from_arguments
from implicitize.cli.options import add_timeout_argument
from implicitize.cli.registry import add_command
from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "implicitize",
        description=(
            "Generators of the ideal of a spec's variety, with exactly what was proved of them (that they generate "
            "the ideal, or generate it up to a degree, or only vanish on the variety) and how; results are cached "
            "on disk."
        ),
        examples=[
            "relu-varieties implicitize --example determinant",
            "relu-varieties implicitize my_spec.json --max-degree 3 --prove --json",
        ],
    )
    add_spec_arguments(parser)
    add_implicitize_arguments(parser)
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_implicitize)


def run_implicitize(args: argparse.Namespace) -> int:
    from varieties.variety import variety_from_spec

    variety = variety_from_spec(spec_from_arguments(args))
    result, cache_path = implicitize_from_arguments(variety, args)
    if args.json:
        print(json.dumps(result.summary()))
        return 0
    print(variety.describe())
    print(
        f"  ambient dimension {result.ambient_dimension}, dimension {result.dimension}, expected "
        f"{result.expected_dimension}"
    )
    print(
        f"  {len(result.generators)} generator(s) of degree(s) {', '.join(map(str, result.degrees)) or '—'}"
        + (f"; degree of V: {result.degree}" if result.degree else "")
    )
    print(f"  proved: {result.proved} — {result.route}")
    cache_note = "" if cache_path is None else (" (cache hit)" if result.cache_hit else f" (cached in {cache_path})")
    print(f"  {result.strategy} on {result.backend}, {result.seconds:.3f} s{cache_note}")
    for text in result.to_strings():
        print(f"  {text} = 0")
    return 0
