"""Subcommand ``survey``: run a check on every pattern tuple of an architecture up to symmetry."""

from __future__ import annotations

import argparse
import json

from architectures.architecture import Architecture
from architectures.errors import InvalidArchitectureError, InvalidEnumerationError
from architectures.json_files import read_json_file
from implicitize.survey.scheduler_address import scheduler_address
from implicitize.survey.run import CHECKS, SCHEDULER_TIMEOUT, plan_survey, run_survey
from implicitize.survey.database import SurveyDatabase
from implicitize.cli.options import add_timeout_argument, nonnegative_int, positive_int, progress_callback
from implicitize.cli.ideal_options import add_cache_arguments, cache_path_from_arguments
from implicitize.cli.registry import add_command

DEFAULT_DATABASE = "survey.sqlite"


def parse_widths(text: str) -> tuple[int, ...]:
    """``"3,3,3"`` → ``(3, 3, 3)``.

    Examples
    --------
    >>> parse_widths("3, 4,3")
    (3, 4, 3)
    """
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError as error:
        raise InvalidArchitectureError(
            f"--widths {text!r}: give comma-separated positive integers such as 3,3,3"
        ) from error


def read_data_file(path: str) -> tuple[list, list]:
    """Points and their block indices from ``{"data": [...], "assignment": [...]}`` (exact numbers)."""
    raw = read_json_file(path, what="the data", error=InvalidEnumerationError)
    if not isinstance(raw, dict) or not {"data", "assignment"} <= set(raw):
        raise InvalidEnumerationError(
            f'the data file {path!r} must be a JSON object with "data" (points) and "assignment" (block per point)'
        )
    return raw["data"], raw["assignment"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "survey",
        description=(
            "Run one check on every tuple of activation patterns of an architecture, up to the symmetries of hidden "
            "neurons: the dimension against the expected count, or also the ideal (generation) and whether the "
            "rank-constraint minors generate it. Results go to an SQLite file; a rerun computes only what is missing."
        ),
        examples=[
            "relu-varieties survey --widths 3,3,3 --blocks 2 --db survey.sqlite",
            "relu-varieties survey --widths 3,4,3 --check generation --max-degree 3 --limit 100",
        ],
    )
    parser.add_argument("--widths", required=True, help="widths n_0,…,n_L, e.g. 3,3,3")
    parser.add_argument("--blocks", type=positive_int, default=2, help="number of patterns per tuple (default 2)")
    parser.add_argument("--bias", action="store_true", help="networks with biases")
    parser.add_argument(
        "--check",
        choices=CHECKS,
        default="dimension",
        help="dimension: Jacobian rank against the expected count; generation: also the ideal; "
        "minors: also whether the rank-constraint minors generate it (Conjecture 6.1)",
    )
    parser.add_argument(
        "--min-active",
        type=nonnegative_int,
        default=0,
        help="at least this many active neurons per block in every hidden layer (default 0)",
    )
    parser.add_argument("--distinct", action="store_true", help="only tuples of pairwise different patterns")
    parser.add_argument(
        "--data",
        default=None,
        help='only tuples realisable on data: a JSON file {"data": '
        '[points], "assignment": [block index per point]} (decided by exact LPs)',
    )
    parser.add_argument("--workers", type=positive_int, default=None, help="local processes (default: all cores)")
    parser.add_argument(
        "--scheduler",
        default=None,
        help="a Dask distributed scheduler, tcp://host:port or host:port "
        f"(checked before any work; unreachable after {SCHEDULER_TIMEOUT:g} s is an error)",
    )
    parser.add_argument("--db", default=DEFAULT_DATABASE, help=f"SQLite file of results (default {DEFAULT_DATABASE})")
    parser.add_argument("--limit", type=nonnegative_int, default=None, help="compute at most this many missing cases")
    parser.add_argument(
        "--seed", type=nonnegative_int, default=0, help="seed of the random parameter points (default 0)"
    )
    parser.add_argument("--max-degree", type=positive_int, default=None, help="degree bound for generation and minors")
    parser.add_argument(
        "--prove",
        action="store_true",
        help="generation: prove generation beyond the degree bound where no structural proof applies "
        "(certificates without elimination, then an elimination; Singular when installed)",
    )
    add_cache_arguments(parser)
    parser.add_argument("--batch-size", type=positive_int, default=None, help="cases per unit of parallel work")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    add_timeout_argument(parser)
    parser.set_defaults(handler=run_survey_command)


def _cache_file(args: argparse.Namespace) -> str | None:
    path = cache_path_from_arguments(args)
    return None if path is None else str(path)


def run_survey_command(args: argparse.Namespace) -> int:
    scheduler = scheduler_address(args.scheduler) if args.scheduler is not None else None
    architecture = Architecture(parse_widths(args.widths), bias=args.bias)
    data, assignment = read_data_file(args.data) if args.data else (None, None)
    plan = plan_survey(
        architecture,
        args.blocks,
        check=args.check,
        min_active=args.min_active,
        distinct=args.distinct,
        data=data,
        assignment=assignment,
        seed=args.seed,
        max_degree=args.max_degree,
        prove=args.prove,
    )
    with SurveyDatabase(args.db) as database, progress_callback(args, "survey") as progress:
        run = run_survey(
            plan,
            database,
            workers=args.workers,
            scheduler=scheduler,
            limit=args.limit,
            batch_size=args.batch_size,
            progress=progress,
            cache=None if plan.check == "dimension" else _cache_file(args),
        )
    summary = {
        "widths": list(architecture.widths),
        "bias": architecture.bias,
        "blocks": plan.blocks,
        "check": plan.check,
        "settings": plan.settings_key,
        "database": str(args.db),
        "realisability": plan.realisability,
        "unrealisable": plan.unrealisable,
        "undecided": plan.undecided,
        **run.summary(),
    }
    if args.json:
        print(json.dumps(summary))
        return 0
    print(
        f"survey of {architecture}, {plan.blocks} block(s), check {plan.check} ({plan.settings_key}): "
        f"{run.total} case(s) up to symmetry"
    )
    if args.data:
        print(
            f"  realisable on {args.data}: {plan.unrealisable} tuple(s) proved unrealisable, {plan.undecided} "
            f"undecided (left out); {plan.realisability}"
        )
    print(
        f"  computed {run.computed} with {run.executor} in {run.seconds:.2f} s; {run.already} already in "
        f"{args.db}" + (f"; {run.pending} left for a later run" if run.pending else "")
    )
    print(f"  defective among those computed now: {summary['defective']}")
    print(f"  relu-varieties report --db {args.db}   summarises the database")
    return 0
