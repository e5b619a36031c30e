"""The atlas runner: every case not yet stored, each in its own process under a hard time limit.

Each case runs in a forked child in its own process group; a case over the limit is killed with its
group (Singular included) and stored as a row with status ``timeout``, never dropped. Rows are committed
one by one as cases end (``AtlasDatabase``), so killing the runner at any moment loses at most the cases
in flight, which the next run computes; nothing is stored twice. With ``workers`` > 1 that many cases
run at once; ``--scheduler`` sends them to a Dask cluster instead (:mod:`implicitize.atlas.distributed`).
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import resource
import signal
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from architectures import __version__
from architectures.errors import InvalidOptionError
from implicitize.atlas.compute import compute_case
from implicitize.atlas.grid import GRID_ORDER, AtlasCase, grid_cases
from implicitize.atlas.store import AtlasDatabase

#: Default per-case limit in seconds.
DEFAULT_LIMIT = 60.0


@dataclass
class GridRun:
    """What one grid's run did: counts by status, wall and CPU seconds (this process and its children)."""

    grid: str
    cases: int
    already: int = 0
    computed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    cpu: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "grid": self.grid,
            "cases": self.cases,
            "already": self.already,
            "computed": self.computed,
            "statuses": self.statuses,
            "wall": round(self.wall, 2),
            "cpu": round(self.cpu, 2),
            "cases_per_second": round(self.computed / self.wall, 3) if self.wall else None,
        }


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this child when the runner dies (so a killed run leaves no orphans)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _child(case: AtlasCase, timeout: float, seed: int, connection: Connection) -> None:
    os.setsid()  # its own process group: a timeout kills the case and every program it started
    _die_with_parent()
    try:
        connection.send(compute_case(case, timeout=timeout, seed=seed))
    except Exception as error:  # noqa: BLE001 - an unexpected crash is a row too, with its reason
        connection.send(({"status": f"crash: {type(error).__name__}", "route": str(error)[:500]}, {}))
    finally:
        connection.close()


def timeout_row(case: AtlasCase, limit: float) -> tuple[dict, dict]:
    """The row of a case killed at the limit: what is known without computing (sizes, expected counts).

    Examples
    --------
    >>> row, _ = timeout_row(AtlasCase("deep2", (3, 3, 3, 3), False, "[[[0,1,2],[0,1,2]],[[0],[0]]]"), 60)
    >>> row["status"], row["ambient"], row["route"]
    ('timeout', 18, 'not finished within the per-case limit of 60 s')
    """
    from varieties import PatternVariety

    variety = PatternVariety(case.architecture, json.loads(case.patterns))
    counts = variety.expected_dimension()
    row = _blank_row(case)
    row.update(
        status="timeout",
        ambient=variety.ambient_dimension,
        naive_expected=counts.naive,
        refined_expected=counts.refined,
        route=f"not finished within the per-case limit of {limit:g} s",
        seconds=round(float(limit), 4),
    )
    return row, {
        "case_id": case.case_id,
        "coordinates": list(variety.context.names()),
        "generators": None,
        "missing_generators": None,
        "timings": {},
    }


def _blank_row(case: AtlasCase) -> dict[str, Any]:
    from implicitize.atlas.store import COLUMNS

    row: dict[str, Any] = {key: None for key in COLUMNS}
    row.update(
        case_id=case.case_id,
        grid=case.grid,
        widths=",".join(map(str, case.widths)),
        bias=case.bias,
        blocks=case.blocks,
        patterns=case.patterns,
        transpose_of="",
        version=__version__,
    )
    return row


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_grid(
    grid: str,
    database: AtlasDatabase,
    *,
    limit: float = DEFAULT_LIMIT,
    workers: int = 1,
    seed: int = 0,
    max_cases: int | None = None,
    deadline: float | None = None,
    cases: list[AtlasCase] | None = None,
    log: Any = None,
) -> GridRun:
    """Compute every case of ``grid`` missing from ``database`` (or the given ``cases``), smallest first.

    ``max_cases``: stop after starting this many; ``deadline``: a ``time.time()`` after which no case is
    started (cases in flight finish or time out). ``log``: a text stream for one line per case.

    Examples
    --------
    >>> import tempfile, os
    >>> with AtlasDatabase(os.path.join(tempfile.mkdtemp(), "a.sqlite")) as db:
    ...     first = run_grid("shallow2", db, max_cases=3)
    ...     again = run_grid("shallow2", db, max_cases=3)
    >>> first.computed, first.statuses, again.already, again.computed
    (3, {'done': 3}, 3, 3)
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidOptionError(f"workers must be a positive integer, got {workers!r}")
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not limit > 0:
        raise InvalidOptionError(f"the per-case limit must be a positive number of seconds, got {limit!r}")
    todo = [case for case in (grid_cases(grid) if cases is None else cases) if case.computed]
    present = database.keys()
    missing = [case for case in todo if case.case_id not in present]
    outcome = GridRun(grid, len(todo), already=len(todo) - len(missing))
    if max_cases is not None:
        missing = missing[:max_cases]
    context = multiprocessing.get_context("fork")
    running: dict[Connection, tuple[AtlasCase, Any, float]] = {}
    wall, cpu = time.perf_counter(), _cpu_seconds()
    queue = list(reversed(missing))

    def finish(case: AtlasCase, row: dict, ideal: dict) -> None:
        if database.add(row, ideal):
            outcome.computed += 1
            outcome.statuses[row["status"]] = outcome.statuses.get(row["status"], 0) + 1
            outcome.slowest = sorted(outcome.slowest + [(row["seconds"] or 0.0, case.case_id)], reverse=True)[:10]
        if log is not None:
            print(f"{row['status']:<8} {row['seconds']:>8.2f} s  {case.case_id}", file=log, flush=True)

    try:
        while queue or running:
            while queue and len(running) < workers and (deadline is None or time.time() < deadline):
                case = queue.pop()
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(case, limit, seed, sender), daemon=True)
                process.start()
                sender.close()
                running[receiver] = (case, process, time.perf_counter())
            if not running:
                break
            now = time.perf_counter()
            first_end = min(started + limit for _, _, started in running.values())
            for ready in wait(list(running), timeout=max(0.0, first_end - now)):
                receiver = ready  # type: ignore[assignment]  # wait() returns the connections given
                case, process, started = running.pop(receiver)
                try:
                    row, ideal = receiver.recv()
                except EOFError:  # the child died without an answer (killed by the system: memory)
                    row, ideal = _blank_row(case), {"case_id": case.case_id}
                    row.update(status="crash", route=f"the case's process ended with exit code {process.exitcode}")
                if row.get("case_id") != case.case_id:  # a crash row: complete it
                    row = {**_blank_row(case), **row}
                row["seconds"] = (
                    row["seconds"] if row.get("seconds") is not None else round(time.perf_counter() - started, 4)
                )
                receiver.close()
                process.join()
                finish(case, row, ideal)
            now = time.perf_counter()
            for receiver, (case, process, started) in list(running.items()):
                if now - started >= limit:
                    running.pop(receiver)
                    _kill(process)
                    receiver.close()
                    finish(case, *timeout_row(case, limit))
    finally:
        for receiver, (_case, process, _) in running.items():
            _kill(process)
            receiver.close()
    outcome.wall = time.perf_counter() - wall
    outcome.cpu = _cpu_seconds() - cpu
    return outcome


def _kill(process: Any) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.join()


def main(argv: list[str] | None = None) -> int:
    """``python -m implicitize.atlas.run [GRID …] --db atlas.sqlite --limit 60 --workers 1 --export DIR``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m implicitize.atlas.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "grids", nargs="*", default=list(GRID_ORDER), help=f"grids to run (default: {' '.join(GRID_ORDER)})"
    )
    parser.add_argument("--db", default="atlas.sqlite", help="SQLite file of results (resumable)")
    parser.add_argument("--limit", type=float, default=DEFAULT_LIMIT, help="seconds per case (default 60)")
    parser.add_argument("--workers", type=int, default=1, help="cases at once (default 1)")
    parser.add_argument(
        "--scheduler", default=None, help="a Dask scheduler, tcp://host:port, instead of local processes"
    )
    parser.add_argument("--max-cases", type=int, default=None, help="compute at most this many cases per grid")
    parser.add_argument("--stop-at", type=float, default=None, help="start no case after this Unix time")
    parser.add_argument("--export", default=None, help="write atlas.csv and ideals.jsonl.gz to this directory")
    parser.add_argument("--log", action="store_true", help="one line per case on stderr")
    args = parser.parse_args(argv)
    with AtlasDatabase(args.db) as database:
        for grid in args.grids:
            if args.scheduler:
                from implicitize.atlas.distributed import run_grid_dask

                outcome = run_grid_dask(grid, database, args.scheduler, limit=args.limit, max_cases=args.max_cases)
            else:
                outcome = run_grid(
                    grid,
                    database,
                    limit=args.limit,
                    workers=args.workers,
                    max_cases=args.max_cases,
                    deadline=args.stop_at,
                    log=sys.stderr if args.log else None,
                )
            print(json.dumps({**outcome.as_dict(), "slowest": outcome.slowest}), flush=True)
        if args.export:
            from implicitize.atlas.store import export

            written, absent = export(database, Path(args.export))
            print(json.dumps({"exported": written, "not yet computed": absent, "directory": args.export}))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
