"""Run again the shipped atlas rows of a status (``timeout`` by default) and replace those that now finish.

The cases go through the runner (:func:`implicitize.atlas.run.run_grid`, a hard limit per case, resumable
through its SQLite file); a case whose new row is ``done`` replaces its old row in ``atlas.csv`` and its
record in ``ideals.jsonl.gz``, and so do the linked transposes of it. Cases still over the limit keep their
old rows. Every other line of both files is written back byte for byte.
Usage: ``python -m implicitize.atlas.rerun notebooks/atlas --db rerun.sqlite --limit 60 [--status timeout]
[--route TEXT ...]`` (``--status done --route "equal to the elimination"``: the rows a new proof route may
now prove without elimination).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path
from typing import Any

from implicitize.atlas.grid import AtlasCase, all_cases
from implicitize.atlas.store import COLUMNS, IDEALS_FILE, TABLE_FILE, AtlasDatabase, transposed


def shipped_cases(directory: str | Path, status: str = "timeout", routes: tuple[str, ...] = ()) -> list[AtlasCase]:
    """The computed (not linked) cases whose shipped row has ``status`` (and, if ``routes`` are given, a
    route starting with one of them: e.g. the rows proved by elimination, after a new proof route).

    Examples
    --------
    >>> from implicitize.atlas.load import DEFAULT_DIRECTORY
    >>> [case.grid for case in shipped_cases(DEFAULT_DIRECTORY)][:1]
    ['shallow2']
    """
    with open(Path(directory) / TABLE_FILE, newline="", encoding="utf-8") as handle:
        wanted = {
            row["case_id"]
            for row in csv.DictReader(handle)
            if row["status"] == status and not row["transpose_of"] and (not routes or row["route"].startswith(routes))
        }
    return [case for case in all_cases() if case.case_id in wanted]


def replace_finished(directory: str | Path, database: AtlasDatabase) -> list[str]:
    """Put the ``done`` rows of ``database`` (and their linked transposes) in place of the shipped rows of the
    same cases; returns the case ids replaced, in table order."""
    directory = Path(directory)
    finished = {key: pair for key, pair in database.records().items() if pair[0]["status"] == "done"}
    cases = {case.case_id: case for case in all_cases()}
    with open(directory / TABLE_FILE, newline="", encoding="utf-8") as handle:
        table: list[dict[str, Any]] = list(csv.DictReader(handle))
    with gzip.open(directory / IDEALS_FILE, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    replaced = []
    for index, row in enumerate(table):
        source = finished.get(row["transpose_of"] or row["case_id"])
        if source is None:
            continue
        case = cases[row["case_id"]]
        new_row, new_ideal = source if case.computed else transposed(case, *source)
        table[index] = {key: ("" if new_row.get(key) is None else new_row[key]) for key in COLUMNS}
        lines[index] = json.dumps(new_ideal, sort_keys=True, ensure_ascii=False)
        replaced.append(row["case_id"])
    with open(directory / TABLE_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: row.get(key, "") for key in COLUMNS} for row in table)
    with open(directory / IDEALS_FILE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write("".join(line + "\n" for line in lines).encode("utf-8"))
    return replaced


def main(argv: list[str] | None = None) -> int:
    import argparse

    from implicitize.atlas.run import DEFAULT_LIMIT, run_grid

    parser = argparse.ArgumentParser(prog="python -m implicitize.atlas.rerun", description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="the exported atlas (atlas.csv and ideals.jsonl.gz), e.g. notebooks/atlas")
    parser.add_argument("--db", default="rerun.sqlite", help="SQLite file of the new rows (resumable)")
    parser.add_argument("--status", default="timeout", help="rerun the shipped rows of this status (default timeout)")
    parser.add_argument(
        "--route",
        action="append",
        default=[],
        metavar="TEXT",
        help="only the rows whose route starts with TEXT (repeatable), e.g. --status done --route elimination",
    )
    parser.add_argument("--limit", type=float, default=DEFAULT_LIMIT, help="seconds per case (default 60)")
    parser.add_argument("--workers", type=int, default=1, help="cases at once (default 1)")
    args = parser.parse_args(argv)
    cases = shipped_cases(args.directory, args.status, tuple(args.route))
    with AtlasDatabase(args.db) as database:
        for grid in sorted({case.grid for case in cases}):
            outcome = run_grid(
                grid,
                database,
                limit=args.limit,
                workers=args.workers,
                cases=[case for case in cases if case.grid == grid],
                log=sys.stderr,
            )
            print(json.dumps({**outcome.as_dict(), "slowest": outcome.slowest}), flush=True)
        replaced = replace_finished(args.directory, database)
    print(json.dumps({"rerun": len(cases), "replaced rows": replaced}))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
