"""Survey throughput: cases per second, serial against 2 local processes against a 2-worker Dask LocalCluster.

Each survey runs into a fresh SQLite file (so every case is computed; creating the file is outside
the clock, the process pool's start-up inside it); the cluster is started before the clock. Time shares come from the rows' own timings (the check's parts) and the wall clock (the
rest: enumeration, database writes, transport — "bookkeeping").
"default (auto)" is ``run_survey(workers=2)`` as shipped: one case is timed first and surveys
estimated below ``PARALLEL_THRESHOLD`` seconds stay in one process.
Usage: python benchmarks/survey_throughput.py [--check dimension|generation|minors] [--prove] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from architectures import Architecture
from implicitize.survey.run import plan_survey, run_survey
from implicitize.survey.database import SurveyDatabase

SURVEYS = [((3, 3, 3), 2), ((3, 4, 3), 2), ((3, 3, 3), 3), ((3, 4, 3), 3)]


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (the local pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_run(plan, directory: Path, name: str, **options) -> tuple[float, list, float]:
    path = directory / f"{name}-{time.monotonic_ns()}.sqlite"
    with SurveyDatabase(path) as database:  # creating the file is a one-time cost, outside the clock
        start, cpu = time.perf_counter(), cpu_seconds()
        run_survey(plan, database, **options)
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        rows = database.rows()
    return wall, rows, cpu


def best(repeat: int, function) -> tuple[float, list, float]:
    results = [function() for _ in range(repeat)]
    return min(results, key=lambda result: result[0])


def shares(wall: float, rows: list) -> dict[str, float]:
    """Shares of the serial wall time: the check's timed parts; the rest of the wall time is bookkeeping."""
    parts: dict[str, float] = defaultdict(float)
    for row in rows:
        timings = json.loads(row.timings)
        parts["dimension (Jacobian rank)"] += timings.get("dimension", 0.0)
        parts["expected count"] += timings.get("expected", 0.0)
        inside = row.seconds - timings.get("dimension", 0.0) - timings.get("expected", 0.0)
        interpolation = timings.get("implicitize.interpolation total", 0.0)
        elimination = sum(v for k, v in timings.items() if k.startswith("implicitize.") and "elimination" in k)
        parts["interpolation"] += interpolation
        parts["elimination"] += elimination
        parts["rest of implicitize"] += max(0.0, inside - interpolation - elimination)
    parts["bookkeeping"] = max(0.0, wall - sum(row.seconds for row in rows))
    return {name: value / wall for name, value in parts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", choices=("dimension", "generation", "minors"), default="dimension")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--prove", action="store_true", help="generation proved by elimination where needed")
    args = parser.parse_args()
    from distributed import LocalCluster

    directory = Path(tempfile.mkdtemp(prefix="survey-bench-"))
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    print(
        f"check: {args.check}{' --prove' if args.prove else ''}; best of {args.repeat}; cases/s (ratio to serial); {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} at start (other jobs share the cores)"
    )
    print(
        f"{'survey':<18}{'cases':>6}{'serial':>10}{'2 processes':>19}{'Dask 2 workers':>22}"
        f"{'default (auto)':>22}  same rows"
    )
    share_lines, cpu_lines = [], []
    try:
        for widths, blocks in SURVEYS:
            plan = plan_survey(Architecture(widths), blocks, check=args.check, prove=args.prove)
            count = len(plan.cases)
            serial_wall, serial_rows, serial_cpu = best(
                args.repeat, lambda: timed_run(plan, directory, "serial", workers=1)
            )
            local_wall, local_rows, local_cpu = best(
                args.repeat, lambda: timed_run(plan, directory, "local", workers=2, parallel_threshold=0)
            )
            auto_wall, auto_rows, _ = best(args.repeat, lambda: timed_run(plan, directory, "auto", workers=2))
            dask_wall, dask_rows, _ = best(
                args.repeat, lambda: timed_run(plan, directory, "dask", scheduler=cluster.scheduler_address)
            )
            same = (
                [r.outcome() for r in serial_rows]
                == [r.outcome() for r in local_rows]
                == [r.outcome() for r in dask_rows]
                == [r.outcome() for r in auto_rows]
            )
            rate = lambda wall: count / wall  # noqa: E731
            print(
                f"{str(widths) + f' K={blocks}':<18}{count:>6}{rate(serial_wall):>10.0f}"
                f"{rate(local_wall):>12.0f} ({serial_wall / local_wall:4.2f})"
                f"{rate(dask_wall):>15.0f} ({serial_wall / dask_wall:4.2f})"
                f"{rate(auto_wall):>15.0f} ({serial_wall / auto_wall:4.2f})  {same}"
            )
            parts = shares(serial_wall, serial_rows)
            cpu_lines.append(
                f"{str(widths) + f' K={blocks}':<18}serial {serial_cpu:.2f} s, 2 processes "
                f"{local_cpu:.2f} s (parent + workers)"
            )
            share_lines.append(
                f"{str(widths) + f' K={blocks}':<18}"
                + "  ".join(
                    f"{name} {100 * value:.0f}%" for name, value in sorted(parts.items(), key=lambda kv: -kv[1])
                )
            )
    finally:
        cluster.close()
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    print("\nCPU seconds of the same runs (equal totals mean the processes add no work; the wall-clock")
    print("ratios above then only reflect how much of the 2 shared cores the runs got)")
    print("\n".join(cpu_lines))
    print("\nshares of the serial wall time")
    print("\n".join(share_lines))


if __name__ == "__main__":
    main()
