"""Subcommand ``implicitize``: the equations of a variety, with what was proved and a cache."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from implicitize.cli.spec_options import add_spec_arguments, spec_from_arguments
from implicitize.cache import PatternCache, default_cache_path
from implicitize.engine import STRATEGIES, implicitize
from varieties.variety import variety_from_spec
from implicitize.cli.options import nonnegative_int, positive_int
from implicitize.cli.registry import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "implicitize", description=(
        "Generators of the ideal of a spec's variety, with exactly what was proved of them (that they generate "
        "the ideal, or generate it up to a degree, or only vanish on the variety) and how; results are cached "
        "on disk."),
        examples=["relu-varieties implicitize --example determinant",
                  "relu-varieties implicitize my_spec.json --max-degree 3 --prove --json"])
    add_spec_arguments(parser)
    parser.add_argument("--strategy", choices=STRATEGIES, default="auto")
    parser.add_argument("--max-degree", type=positive_int, default=None, help="degree bound for interpolation")
    parser.add_argument("--backend", choices=("flint", "sympy", "singular"), default=None,
                        help="for --strategy elimination: sympy or singular")
    parser.add_argument("--prove", action="store_true",
                        help="when no structural argument proves generation, compare with an elimination")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument("--cache", type=Path, default=None, help=f"cache file (default {default_cache_path()})")
    parser.add_argument("--seed", type=nonnegative_int, default=0)
    parser.set_defaults(handler=run_implicitize)


def run_implicitize(args: argparse.Namespace) -> int:
    variety = variety_from_spec(spec_from_arguments(args))
    cache = None if args.no_cache else PatternCache(args.cache)
    # a progress bar only for a person watching a terminal, never with --json
    bar = None if args.json or not sys.stderr.isatty() else tqdm(desc="interpolating", unit=" pieces",
                                                                   file=sys.stderr, leave=False)

    def progress(message: str) -> None:
        bar.set_postfix_str(message, refresh=False)
        bar.update()

    try:
        result = implicitize(variety, args.strategy, args.max_degree, backend=args.backend, prove=args.prove,
                             cache=cache, seed=args.seed, progress=None if bar is None else progress)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print(json.dumps(result.summary()))
        return 0
    print(variety.describe())
    print(f"  ambient dimension {result.ambient_dimension}, dimension {result.dimension}, expected "
          f"{result.expected_dimension}")
    print(f"  {len(result.generators)} generator(s) of degree(s) {', '.join(map(str, result.degrees)) or '—'}"
          + (f"; degree of V: {result.degree}" if result.degree else ""))
    print(f"  proved: {result.proved} — {result.route}")
    cache_note = "" if cache is None else (" (cache hit)" if result.cache_hit else f" (cached in {cache.path})")
    print(f"  {result.strategy} on {result.backend}, {result.seconds:.3f} s{cache_note}")
    for text in result.to_strings():
        print(f"  {text} = 0")
    return 0
