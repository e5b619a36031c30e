"""Every "proved: generates" row of the shipped atlas against Singular's elimination, under a per-row limit.

For each computed row (a linked transpose is its source's ideal renamed, so it is counted with it) whose
ideal is proved, Singular eliminates the parameters of the variety's parametrisation (``eliminate(...,
backend="singular")``) within ``--limit`` seconds; the shipped generators must generate the same ideal
(``ideals_equal``). Rows Singular does not finish in time are counted as skipped (too large); a
disagreement is listed and makes the exit status 1. One line per row goes to ``--out`` (JSON lines,
resumable: rows already there are not run again).
Usage: nice -n 10 python benchmarks/atlas_singular.py [--limit 20] [--grids shallow2_bias deep2 ...] [--out FILE]
           [--cases CASE_ID ...]   (only these rows, e.g. those a rerun replaced)
       python benchmarks/atlas_singular.py --summary --out FILE   (the table of the rows checked so far)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from architectures import Architecture
from architectures.errors import BackendFailedError
from implicitize import eliminate, ideals_equal
from implicitize.atlas.grid import GRID_ORDER
from implicitize.atlas.load import ideals, polynomials, rows
from varieties import PatternVariety


def check(row: dict, record: dict, limit: float) -> tuple[str, float]:
    """("agrees" | "skipped" | "disagrees", seconds) for one row."""
    variety = PatternVariety(
        Architecture(tuple(int(w) for w in row["widths"].split(",")), bias=row["bias"]), json.loads(row["patterns"])
    )
    shipped = [variety.context.from_dict(p.to_dict()) for p in polynomials(record)]
    started = time.perf_counter()
    try:
        reference = eliminate(variety.parametrisation, backend="singular", timeout=limit)
    except BackendFailedError:
        return "skipped", time.perf_counter() - started
    verdict = "agrees" if ideals_equal(shipped, reference, variety.context) else "disagrees"
    return verdict, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=20.0, help="seconds of Singular per row (default 20)")
    parser.add_argument("--grids", nargs="+", default=list(GRID_ORDER), choices=list(GRID_ORDER))
    parser.add_argument("--out", default="atlas_singular.jsonl", help="one JSON line per row (resumable)")
    parser.add_argument("--summary", action="store_true", help="only print the table of the rows already in --out")
    parser.add_argument("--cases", nargs="+", default=None, help="only these case ids (e.g. rows just rerun)")
    args = parser.parse_args()
    out = Path(args.out)
    done = {}
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            done[entry["case_id"]] = entry
    with open(out, "a", encoding="utf-8") as handle:
        for row, record in zip(rows(), ideals()):
            if (
                args.summary
                or row["grid"] not in args.grids
                or row["proved"] != "generates"
                or row["transpose_of"]
                or row["case_id"] in done
                or (args.cases is not None and row["case_id"] not in args.cases)
            ):
                continue
            verdict, seconds = check(row, record, args.limit)
            entry = {"case_id": row["case_id"], "grid": row["grid"], "verdict": verdict, "seconds": round(seconds, 3)}
            done[row["case_id"]] = entry
            handle.write(json.dumps(entry) + "\n")
            handle.flush()
            print(f"{verdict:<9} {seconds:>7.2f} s  {row['case_id']}", file=sys.stderr, flush=True)
    linked = Counter(row["grid"] for row in rows() if row["proved"] == "generates" and row["transpose_of"])
    proved = Counter(row["grid"] for row in rows() if row["proved"] == "generates" and not row["transpose_of"])
    print(f"Singular elimination, at most {args.limit:g} s per row")
    print(
        f"{'grid':<14} {'proved rows':>11} {'agreeing':>8} {'skipped':>8} {'disagreeing':>11} {'not run':>7} "
        f"{'linked transposes':>17} {'Singular s':>10}"
    )
    disagreeing = []
    for grid in args.grids:
        entries = [entry for entry in done.values() if entry["grid"] == grid]
        counts = Counter(entry["verdict"] for entry in entries)
        disagreeing += [entry["case_id"] for entry in entries if entry["verdict"] == "disagrees"]
        print(
            f"{grid:<14} {proved[grid]:>11} {counts['agrees']:>8} {counts['skipped']:>8} {counts['disagrees']:>11} "
            f"{proved[grid] - len(entries):>7} {linked[grid]:>17} {sum(entry['seconds'] for entry in entries):>10.1f}"
        )
    for case_id in disagreeing:
        print(f"DISAGREES: {case_id}")
    return 1 if disagreeing else 0


if __name__ == "__main__":
    sys.exit(main())
