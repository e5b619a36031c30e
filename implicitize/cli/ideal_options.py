"""The implicitization options ``implicitize`` and ``export`` share: strategy, degree, backend, proof, cache, seed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from implicitize.cli.options import nonnegative_int, positive_int, progress_callback

if TYPE_CHECKING:
    from implicitize.ideal import IdealResult
    from varieties.variety import Variety

#: The engine's strategies and backends (``implicitize.engine.STRATEGIES``/``BACKENDS``; a test keeps them equal).
STRATEGIES = ("auto", "interpolation", "elimination", "determinantal")
BACKENDS = ("flint", "sympy", "singular")
#: Seconds a Singular run may take when the command has no --timeout (the engine's default).
DEFAULT_BACKEND_TIMEOUT = 600.0


def add_implicitize_arguments(parser: argparse.ArgumentParser) -> None:
    """``--strategy``, ``--max-degree``, ``--backend``, ``--prove``, ``--no-cache``, ``--cache``, ``--seed``."""
    parser.add_argument(
        "--strategy",
        choices=STRATEGIES,
        default="auto",
        help="how to find the ideal (default auto: interpolation with a structural proof where one applies)",
    )
    parser.add_argument("--max-degree", type=positive_int, default=None, help="degree bound for interpolation")
    parser.add_argument(
        "--backend", choices=BACKENDS, default=None, help="for --strategy elimination: sympy or singular"
    )
    parser.add_argument(
        "--prove",
        action="store_true",
        help=(
            "when no structural argument proves generation, try the certificates without elimination "
            "(Serre's criterion, a point count), look for generators missing in the next degree, then "
            "compare with an elimination (--timeout)"
        ),
    )
    add_cache_arguments(parser)
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="seed of the random points (default 0)")


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """``--no-cache`` and ``--cache FILE``: the implicitization result cache every command shares."""
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="cache file (default $RELU_VARIETIES_CACHE, else ~/.cache/relu-varieties/ideals.sqlite)",
    )


def cache_path_from_arguments(args: argparse.Namespace) -> Path | None:
    """The cache file named by :func:`add_cache_arguments`'s options (None with ``--no-cache``)."""
    if args.no_cache:
        return None
    from implicitize.cache import default_cache_path

    return args.cache if args.cache is not None else default_cache_path()


def implicitize_from_arguments(variety: Variety, args: argparse.Namespace) -> tuple[IdealResult, Path | None]:
    """``implicitize(variety, ...)`` with the options of :func:`add_implicitize_arguments`, and the cache file used.

    A progress bar is drawn only on a terminal (:func:`~implicitize.cli.options.progress_callback`).
    """
    from implicitize.cache import PatternCache
    from implicitize.engine import implicitize

    path = cache_path_from_arguments(args)
    cache = None if path is None else PatternCache(path)
    timeout = getattr(args, "time_limit", None) or DEFAULT_BACKEND_TIMEOUT
    with progress_callback(args, "interpolating") as progress:
        result = implicitize(
            variety,
            args.strategy,
            max_degree=args.max_degree,
            backend=args.backend or "auto",
            prove=args.prove,
            cache=cache,
            seed=args.seed,
            timeout=timeout,
            progress=progress,
        )
    return result, None if cache is None else cache.path
