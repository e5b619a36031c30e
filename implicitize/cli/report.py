"""Subcommand ``report``: summarise a survey database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from implicitize.cli.options import nonnegative_int
from implicitize.cli.registry import add_command
from implicitize.cli.survey import DEFAULT_DATABASE
from implicitize.survey.database import SurveyDatabase
from implicitize.survey.report import (
    format_defective,
    format_table,
    plot_survey,
    summarise,
    write_csv,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers,
        "report",
        description=(
            "Summarise the results a survey wrote to its SQLite database: one line per survey and block count "
            "(cases, defective, dimensions and degrees found); --plot also draws the dimensions."
        ),
        examples=[
            "relu-varieties report --db survey.sqlite",
            "relu-varieties report --db survey.sqlite --plot survey.png",
            "relu-varieties report --db survey.sqlite --csv survey.csv",
        ],
    )
    parser.add_argument("--db", default=DEFAULT_DATABASE, help=f"SQLite file of results (default {DEFAULT_DATABASE})")
    parser.add_argument(
        "--plot",
        default=None,
        metavar="FILE.png",
        help="also draw the dimensions found into this PNG file (default: no plot)",
    )
    parser.add_argument(
        "--defective",
        type=nonnegative_int,
        default=0,
        metavar="N",
        help="also list the first N defective cases of each survey",
    )
    parser.add_argument("--csv", default=None, metavar="FILE", help="also write every row to this CSV file")
    parser.add_argument("--json", action="store_true", help="print one machine-readable JSON object")
    parser.set_defaults(handler=run_report_command)


def run_report_command(args: argparse.Namespace) -> int:
    with SurveyDatabase(args.db, create=False) as database:
        rows = database.rows()
    summaries = summarise(rows)
    plot = None if args.plot is None else Path(args.plot)
    if plot is not None:
        plot_survey(rows, plot)
    if args.csv:
        write_csv(rows, args.csv)
    if args.json:
        print(
            json.dumps(
                {
                    "database": str(args.db),
                    "plot": None if plot is None else str(plot),
                    "surveys": [s.as_dict() for s in summaries],
                }
            )
        )
        return 0
    print(format_table(summaries))
    if args.defective > 0:
        listing = format_defective(rows, args.defective)
        print("\n" + (listing or "no defective cases"))
    if plot is not None:
        print(f"plot written to {plot}", file=sys.stderr)
    return 0
