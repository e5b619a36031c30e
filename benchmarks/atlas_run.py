"""Atlas throughput: one grid (or its first cases) with 1 worker against 2 workers, and the slowest cases.

Each run writes into a fresh SQLite file, so every case is computed; wall and CPU time (this process
and its finished children: the case processes and the Singular they start) are measured around the
run. The slowest cases are listed with the part of their timings that dominated.
With ``--dask N`` the same cases also run on an N-worker Dask LocalCluster (processes; started before the
clock; CPU time there is the runner's only, the workers' is not visible).
Usage: python benchmarks/atlas_run.py [--grid shallow2_bias] [--max-cases 120] [--limit 60] [--workers 1 2] [--dask 2]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from implicitize.atlas.grid import GRIDS
from implicitize.atlas.run import run_grid
from implicitize.atlas.store import AtlasDatabase


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", default="shallow2_bias", choices=sorted(GRIDS))
    parser.add_argument("--max-cases", type=int, default=120)
    parser.add_argument("--limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", type=int, default=0, help="also on a LocalCluster with this many workers")
    args = parser.parse_args()
    print(f"grid {args.grid}, first {args.max_cases} cases (smallest first), limit {args.limit:g} s per case")
    print(f"{'workers':>7} {'cases':>6} {'timeouts':>8} {'wall s':>8} {'CPU s':>8} {'cases/s':>8} {'wall ratio':>10}")
    base = None
    records: dict = {}
    with tempfile.TemporaryDirectory() as directory:
        for workers in args.workers:
            with AtlasDatabase(Path(directory) / f"atlas-{workers}.sqlite") as database:
                outcome = run_grid(args.grid, database, limit=args.limit, workers=workers, max_cases=args.max_cases)
                records = database.records()
            base = base or outcome.wall
            print(
                f"{workers:>7} {outcome.computed:>6} {outcome.statuses.get('timeout', 0):>8} {outcome.wall:>8.2f} "
                f"{outcome.cpu:>8.2f} {outcome.computed / outcome.wall:>8.2f} {base / outcome.wall:>10.2f}"
            )
        if args.dask:
            from distributed import LocalCluster

            from implicitize.atlas.distributed import run_grid_dask

            with (
                LocalCluster(n_workers=args.dask, threads_per_worker=1, dashboard_address=None) as cluster,
                AtlasDatabase(Path(directory) / "atlas-dask.sqlite") as database,
            ):
                outcome = run_grid_dask(
                    args.grid, database, cluster.scheduler_address, limit=args.limit, max_cases=args.max_cases
                )
            print(
                f"{'dask ' + str(args.dask):>7} {outcome.computed:>6} {outcome.statuses.get('timeout', 0):>8} "
                f"{outcome.wall:>8.2f} {'-':>8} {outcome.computed / outcome.wall:>8.2f} {base / outcome.wall:>10.2f}"
            )
    print("\nslowest cases (last run): seconds, case, dominating part")
    slowest = sorted(records.values(), key=lambda pair: -(pair[0]["seconds"] or 0))[:10]
    for row, ideal in slowest:
        timings = {k: v for k, v in ideal.get("timings", {}).items() if "total" not in k}
        part = max(timings, key=timings.get) if timings else row["status"]
        print(f"  {row['seconds']:>7.2f}  {row['case_id']:<40} {part}  {json.dumps(row['route'])[:70]}")


if __name__ == "__main__":
    main()
