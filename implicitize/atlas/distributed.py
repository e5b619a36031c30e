"""The atlas on a Dask cluster: each case still runs in a forked child under the same hard time limit.

A Dask task cannot be killed, so the task itself forks the case (``os.fork``: Dask worker processes
may not start ``multiprocessing`` children) and kills the child's process group at the limit; the
task returns the row either way, and the runner stores rows as they arrive, as locally.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from typing import Any

from implicitize.atlas.compute import compute_case
from implicitize.atlas.grid import AtlasCase, grid_cases
from implicitize.atlas.run import (
    DEFAULT_LIMIT,
    GridRun,
    _blank_row,
    _cpu_seconds,
    _die_with_parent,
    timeout_row,
)
from implicitize.atlas.store import AtlasDatabase


def run_guarded(case: AtlasCase, limit: float = DEFAULT_LIMIT, *, seed: int = 0) -> tuple[dict, dict]:
    """(row, ideal record) of one case computed in a forked child, or its ``timeout`` row at ``limit``.

    Examples
    --------
    >>> row, _ = run_guarded(AtlasCase("shallow2", (2, 2, 2), False, "[[[0,1]],[[0]]]"))
    >>> row["status"], row["generator_degrees"]
    ('done', '[2, 2]')
    """
    reader, writer = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's clean-up
        status = 0
        try:
            os.close(reader)
            os.setsid()
            _die_with_parent()
            try:
                answer: Any = compute_case(case, timeout=limit, seed=seed)
            except Exception as error:  # noqa: BLE001 - a crash is a row too
                answer = (
                    {**_blank_row(case), "status": f"crash: {type(error).__name__}", "route": str(error)[:500]},
                    {"case_id": case.case_id},
                )
            with os.fdopen(writer, "wb") as stream:
                stream.write(pickle.dumps(answer))
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    chunks = []
    try:
        while True:
            left = started + limit - time.perf_counter()
            ready, _, _ = select.select([reader], [], [], max(0.0, left))
            if not ready:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return timeout_row(case, limit)
            chunk = os.read(reader, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reader)
        os.waitpid(pid, 0)
    if not chunks:
        row = _blank_row(case)
        row.update(status="crash", route="the case's process ended without an answer")
        return row, {"case_id": case.case_id}
    row, ideal = pickle.loads(b"".join(chunks))
    if row.get("seconds") is None:
        row["seconds"] = round(time.perf_counter() - started, 4)
    return row, ideal


def run_grid_dask(
    grid: str,
    database: AtlasDatabase,
    scheduler: str,
    *,
    limit: float = DEFAULT_LIMIT,
    seed: int = 0,
    max_cases: int | None = None,
) -> GridRun:
    """:func:`implicitize.atlas.run.run_grid` with the cases sent to the Dask scheduler at ``scheduler``
    (``tcp://host:port``; every worker needs this package). Rows are stored here as they arrive."""
    from distributed import as_completed

    from implicitize.survey.run import connect_scheduler

    todo = [case for case in grid_cases(grid) if case.computed]
    present = database.keys()
    missing = [case for case in todo if case.case_id not in present]
    outcome = GridRun(grid, len(todo), already=len(todo) - len(missing))
    if max_cases is not None:
        missing = missing[:max_cases]
    wall, cpu = time.perf_counter(), _cpu_seconds()
    if missing:
        client = connect_scheduler(scheduler)
        try:
            with client.as_current():
                futures = client.map(run_guarded, missing, limit=limit, seed=seed, pure=False)
                for future in as_completed(futures):
                    row, ideal = future.result()
                    if database.add(row, ideal):
                        outcome.computed += 1
                        outcome.statuses[row["status"]] = outcome.statuses.get(row["status"], 0) + 1
                        outcome.slowest = sorted(
                            outcome.slowest + [(row["seconds"] or 0.0, row["case_id"])], reverse=True
                        )[:10]
        finally:
            client.close()
    outcome.wall = time.perf_counter() - wall
    outcome.cpu = _cpu_seconds() - cpu  # this process only: the workers' CPU is not visible here
    return outcome


__all__ = ["run_grid_dask", "run_guarded"]
