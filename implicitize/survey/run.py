"""Conjecture surveys: run one check (dimension or ideal generation) on every pattern tuple up to symmetry.

Cases come from ``architectures.lattice``; each is checked by ``varieties.PatternVariety`` (and the
implicitization engine for ``generation``) serially, in local processes or on a Dask cluster, and the
rows stream into a ``SurveyDatabase`` so that an interrupted survey resumes where it stopped.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence


from architectures.architecture import Architecture
from architectures.errors import InvalidEnumerationError, ReluVarietiesError, SchedulerUnreachableError
from architectures.lattice import PatternTuple, enumerate_pattern_tuples
from architectures.keywords import Progress
from implicitize.survey.scheduler_address import scheduler_address
from implicitize.survey.database import SurveyDatabase, SurveyRow
from varieties import PatternVariety

#: The checks a survey can run on each case: the dimension against the expected count; the ideal
#: (``implicitize``, strategy "auto"); whether the rank-constraint minors generate it (docs/mathematics.md#rank-families,
#: Conjecture 6.1 of the source paper; ``implicitize`` with strategy "determinantal").
CHECKS = ("dimension", "generation", "minors")
_STRATEGY = {"generation": "auto", "minors": "determinantal"}
#: Estimated seconds of work below which a local survey stays in one process (pool start-up costs more).
PARALLEL_THRESHOLD = 0.5
#: Seconds allowed to reach a Dask scheduler before giving up with a clear error.
SCHEDULER_TIMEOUT = 4.0

#: (widths, bias, check, seed, max_degree, prove, case key): plain data, cheap to send to a worker.
Task = tuple[tuple[int, ...], bool, str, int, int | None, bool, str]


def case_key(patterns: Sequence[Any]) -> str:
    """The text key of a case: its patterns as compact JSON lists (0-based active neurons).

    Examples
    --------
    >>> from architectures import ActivationPattern
    >>> case_key((ActivationPattern([[0, 1]]), ActivationPattern([[1, 2]])))
    '[[[0,1]],[[1,2]]]'
    """
    return json.dumps([p.as_lists() if hasattr(p, "as_lists") else p for p in patterns], separators=(",", ":"))


def settings_key(check: str, seed: int, max_degree: int | None, prove: bool = False) -> str:
    """The text of the settings a check's result depends on.

    Examples
    --------
    >>> settings_key("dimension", 0, None), settings_key("generation", 1, 3, prove=True)
    ('seed=0', 'seed=1 max_degree=3 prove')
    """
    if check not in _STRATEGY:
        return f"seed={seed}"
    return f"seed={seed} max_degree={max_degree}" + (" prove" if prove else "")


@dataclass(frozen=True)
class SurveyPlan:
    """Which check to run, with which settings, on which canonical pattern tuples.

    Examples
    --------
    >>> plan = plan_survey(Architecture((3, 3, 3)), 2)
    >>> len(plan.cases), plan.widths_key, plan.settings_key
    (13, '3,3,3', 'seed=0')
    """

    architecture: Architecture
    blocks: int
    check: str
    cases: tuple[PatternTuple, ...]
    seed: int = 0
    max_degree: int | None = None
    prove: bool = False
    realisability: str = "not checked"
    unrealisable: int = 0
    undecided: int = 0

    @property
    def widths_key(self) -> str:
        return ",".join(map(str, self.architecture.widths))

    @property
    def settings_key(self) -> str:
        """The settings a row's result depends on (part of its key in the database)."""
        return settings_key(self.check, self.seed, self.max_degree, self.prove)

    def tasks(self) -> list[Task]:
        """One picklable task per case, in the plan's order."""
        return [
            (
                self.architecture.widths,
                self.architecture.bias,
                self.check,
                self.seed,
                self.max_degree,
                self.prove,
                case_key(case),
            )
            for case in self.cases
        ]


def plan_survey(
    architecture: Architecture,
    blocks: int,
    *,
    check: str = "dimension",
    min_active: Any = 0,
    distinct: bool = False,
    data: Any = None,
    assignment: Sequence[int] | None = None,
    seed: int = 0,
    max_degree: int | None = None,
    prove: bool = False,
) -> SurveyPlan:
    """Enumerate the cases of a survey (see :func:`architectures.lattice.enumerate_pattern_tuples`).

    Examples
    --------
    >>> plan = plan_survey(Architecture((2, 2, 2)), 2, distinct=True, min_active=1)
    >>> [case_key(case) for case in plan.cases]
    ['[[[0,1]],[[0]]]', '[[[0]],[[1]]]']
    """
    if check not in CHECKS:
        raise InvalidEnumerationError(f"check {check!r} is not one of {CHECKS}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidEnumerationError(f"seed must be a non-negative integer, got {seed!r}")
    if max_degree is not None and (isinstance(max_degree, bool) or not isinstance(max_degree, int) or max_degree < 1):
        raise InvalidEnumerationError(f"max_degree must be a positive integer or None, got {max_degree!r}")
    if not isinstance(prove, bool):
        raise InvalidEnumerationError(f"prove must be True or False, got {prove!r}")
    enumeration = enumerate_pattern_tuples(
        architecture, blocks, min_active=min_active, distinct=distinct, data=data, assignment=assignment, seed=seed
    )
    return SurveyPlan(
        architecture,
        blocks,
        check,
        enumeration.cases,
        seed,
        max_degree,
        prove,
        enumeration.realisability,
        enumeration.unrealisable,
        len(enumeration.undecided),
    )


def run_case(task: Task, cache: str | None = None) -> SurveyRow:
    """Run one check on one case (a plain function of plain data, so processes and Dask can run it).

    ``cache``: the file of the implicitization result cache (``implicitize.cache``) that the
    generation and minors checks read and write, shared with ``implicitize`` and ``export``.

    Examples
    --------
    >>> row = run_case(((3, 3, 3), False, "dimension", 0, None, False, "[[[0,1]],[[0,1,2]]]"))
    >>> row.expected, row.actual, row.certified, row.defective
    (13, 13, True, False)
    """
    widths, bias, check, seed, max_degree, prove, key = task
    architecture = Architecture(tuple(widths), bias=bias)
    start = time.perf_counter()
    variety = PatternVariety(architecture, json.loads(key))
    dimension = variety.dimension(seed=seed)
    after_dimension = time.perf_counter()
    counts = variety.expected_dimension()
    timings = {"dimension": after_dimension - start, "expected": time.perf_counter() - after_dimension}
    degrees = proved = route = None
    if check in _STRATEGY:
        from implicitize import implicitize

        try:
            result = implicitize(
                variety, _STRATEGY[check], max_degree=max_degree, seed=seed, prove=prove, cache=_open_cache(cache)
            )
        except ReluVarietiesError as error:  # one case out of budget must not stop a survey
            proved, route = f"failed: {type(error).__name__}", str(error)
        else:
            degrees = json.dumps(sorted(int(degree) for degree in result.degrees))
            proved, route = str(result.proved), result.route or result.strategy
            timings.update({f"implicitize.{name}": float(value) for name, value in result.timings.items()})
    seconds = time.perf_counter() - start
    return SurveyRow(
        widths=",".join(map(str, widths)),
        bias=bool(bias),
        check_name=check,
        settings=settings_key(check, seed, max_degree, prove),
        case_key=key,
        blocks=len(json.loads(key)),
        ambient=variety.ambient_dimension,
        expected=counts.refined,
        naive=counts.naive,
        actual=dimension.dimension,
        certified=dimension.certified,
        defective=dimension.dimension < counts.refined,
        degrees=degrees,
        proved=proved,
        route=route,
        seconds=seconds,
        timings=json.dumps(timings, sort_keys=True),
    )


def run_batch(tasks: Sequence[Task], cache: str | None = None) -> list[SurveyRow]:
    """:func:`run_case` on each task (one unit of work for a process or a Dask worker)."""
    return [run_case(task, cache) for task in tasks]


def _open_cache(path: str | None) -> Any:
    """The result cache at ``path``, or None: a cache that cannot be opened only costs recomputation."""
    if path is None:
        return None
    from implicitize.cache import PatternCache

    try:
        return PatternCache(path)
    except ReluVarietiesError:
        return None


@dataclass
class SurveyRun:
    """What a call of :func:`run_survey` did."""

    total: int
    already: int
    computed: int
    executor: str
    seconds: float
    pending: int = 0
    rows: list[SurveyRow] = field(default_factory=list)

    def to_dataframe(self):
        """The rows computed by this run as a pandas DataFrame (``pip install 'relu-varieties[pandas]'``).

        Examples
        --------
        >>> import tempfile, os
        >>> plan = plan_survey(Architecture((2, 2, 2)), 2, min_active=1)
        >>> with SurveyDatabase(os.path.join(tempfile.mkdtemp(), "s.sqlite")) as db:
        ...     frame = run_survey(plan, db, workers=1).to_dataframe()
        >>> len(frame) == len(plan.cases), list(frame.columns[:3])
        (True, ['widths', 'bias', 'check_name'])
        """
        from dataclasses import asdict, fields

        from architectures.errors import MissingExtraError

        try:
            import pandas  # type: ignore[import-untyped]
        except ImportError as error:
            raise MissingExtraError(
                "SurveyRun.to_dataframe() needs pandas, which is not installed; install it with: "
                "pip install 'relu-varieties[pandas]'"
            ) from error
        return pandas.DataFrame([asdict(row) for row in self.rows], columns=[f.name for f in fields(SurveyRow)])

    def summary(self) -> dict[str, Any]:
        return {
            "cases": self.total,
            "already_in_database": self.already,
            "computed": self.computed,
            "pending": self.pending,
            "executor": self.executor,
            "seconds": round(self.seconds, 6),
            "defective": sum(row.defective for row in self.rows),
        }


def _batches(tasks: list[Task], size: int) -> list[list[Task]]:
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _check_count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidEnumerationError(f"{name} must be a positive integer, got {value!r}")
    return value


def run_survey(
    plan: SurveyPlan,
    database: SurveyDatabase,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    limit: int | None = None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    parallel_threshold: float = PARALLEL_THRESHOLD,
    cache: str | None = None,
) -> SurveyRun:
    """Run the plan's check on every case not yet in ``database``; rows are stored as they arrive.

    ``cache``: a result cache file the implicitizations share with ``implicitize`` and ``export``
    (local processes only; Dask workers on other machines compute without it).

    ``workers``: local processes (default: all cores; 1 runs in this process). ``scheduler``: the
    address of a Dask distributed scheduler (``tcp://host:port``) instead. ``limit``: compute at most
    this many missing cases. With several workers three cases are timed first, and when the rest would
    take less than ``parallel_threshold`` seconds it runs here (starting processes would cost more).
    ``progress`` hears how many cases are stored after each batch.

    Examples
    --------
    >>> import tempfile, os
    >>> plan = plan_survey(Architecture((2, 2, 2)), 2, min_active=1)
    >>> with SurveyDatabase(os.path.join(tempfile.mkdtemp(), "s.sqlite")) as db:
    ...     first = run_survey(plan, db, workers=1, limit=3)
    ...     second = run_survey(plan, db, workers=1)
    >>> (first.computed, second.already, second.computed) == (3, 3, len(plan.cases) - 3)
    True
    """
    if workers is not None and scheduler is not None:
        raise InvalidEnumerationError("give --workers (local processes) or --scheduler (Dask), not both")
    if scheduler is not None:
        scheduler = scheduler_address(scheduler)
    workers = default_workers() if workers is None else _check_count("workers", workers)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise InvalidEnumerationError(f"limit must be a non-negative integer, got {limit!r}")
    start = time.perf_counter()
    tasks = plan.tasks()
    present = database.existing_keys(plan.widths_key, plan.architecture.bias, plan.check, plan.settings_key)
    missing = [task for task in tasks if task[-1] not in present]
    already = len(tasks) - len(missing)
    pending = 0
    if limit is not None and limit < len(missing):
        pending = len(missing) - limit
        missing = missing[:limit]
    if batch_size is not None:
        batch_size = _check_count("batch_size", batch_size)
    client = connect_scheduler(scheduler) if scheduler is not None and missing else None
    if batch_size is None:
        # About four units of work per worker: few enough to amortise transport, enough to balance load.
        parallel = max(1, sum(client.nthreads().values())) if client is not None else workers
        batch_size = max(1, min(16, len(missing) // (4 * parallel))) if parallel > 1 else 1
    batches = _batches(missing, batch_size)
    stored: list[SurveyRow] = []

    def store(rows: list[SurveyRow]) -> None:
        database.add(rows)
        stored.extend(rows)
        if progress is not None:
            progress(f"survey {plan.widths_key} K={plan.blocks} {plan.check}: {len(stored)} of {len(missing)} cases")

    if scheduler is not None:
        executor = f"dask {scheduler}"
        if client is not None:
            _run_dask(batches, client, store)
    elif workers == 1 or len(missing) <= 1:
        executor = "serial"
        for batch in batches:
            store(run_batch(batch, cache))
    else:
        # Time three cases spread over the survey here first (cases come largest first): when the
        # rest would take less than starting processes costs, stay here (the rows are the same).
        sample = sorted({0, len(missing) // 2, len(missing) - 1})
        clock = time.perf_counter()
        store(run_batch([missing[i] for i in sample], cache))
        rest = [task for i, task in enumerate(missing) if i not in sample]
        estimate = (time.perf_counter() - clock) / len(sample) * len(rest)
        if estimate < parallel_threshold:
            executor = f"serial (estimated {estimate:.2f} s of work, below {parallel_threshold:g} s)"
            for task in rest:
                store(run_batch([task], cache))
        else:
            executor = f"{workers} processes"
            _run_processes(_batches(rest, batch_size), workers, store, cache)
    return SurveyRun(len(tasks), already, len(stored), executor, time.perf_counter() - start, pending, stored)


def _run_processes(
    batches: list[list[Task]], workers: int, store: Callable[[list[SurveyRow]], None], cache: str | None = None
) -> None:
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        futures = {pool.submit(run_batch, batch, cache) for batch in batches}
        while futures:
            done, futures = wait(futures, return_when=FIRST_COMPLETED)
            for future in done:
                store(future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def connect_scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT):
    """A Dask ``distributed.Client`` for ``address``, or :class:`SchedulerUnreachableError` within ``timeout``.

    The address is checked first (:func:`~implicitize.survey.scheduler_address.scheduler_address`), so a
    malformed one is an :class:`~architectures.errors.InvalidOptionError` before anything connects.

    Examples
    --------
    >>> connect_scheduler("tcp://")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidOptionError: --scheduler 'tcp://' is not a scheduler address; write it as host:port or tcp://host:port (port 1-65535), e.g. tcp://127.0.0.1:8786
    """
    address = scheduler_address(address)
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - dask is in the test extra
        raise SchedulerUnreachableError(
            "--scheduler needs Dask distributed: pip install 'relu-varieties[dask]'"
        ) from error
    _probe_scheduler(address, timeout)
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerUnreachableError(
            f"no Dask scheduler answered at {address} within {timeout:g} s ({type(error).__name__}); start one "
            "with `dask scheduler` (and workers with `dask worker ADDRESS`) or run without --scheduler"
        ) from error


def _probe_scheduler(address: str, timeout: float) -> None:
    """Open and close one connection with Dask's handshake, so that a port answering something else (an
    HTTP server, garbage that reads as a frame of exabytes) is refused before a ``Client`` is built."""
    import asyncio

    from distributed.comm import connect

    async def probe() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    try:
        asyncio.run(asyncio.wait_for(probe(), timeout + 1))
    except (OSError, TimeoutError, asyncio.TimeoutError) as error:
        raise SchedulerUnreachableError(
            f"no Dask scheduler answered at {address} within {timeout:g} s ({type(error).__name__}); start one "
            "with `dask scheduler` (and workers with `dask worker ADDRESS`) or run without --scheduler"
        ) from error
    except Exception as error:  # noqa: BLE001 - whatever a foreign server's bytes make the handshake raise
        raise SchedulerUnreachableError(
            f"the server at {address} does not speak Dask's protocol (its answer raised {type(error).__name__}); "
            "give the address of a `dask scheduler`"
        ) from error


def _run_dask(batches: list[list[Task]], client: Any, store: Callable[[list[SurveyRow]], None]) -> None:
    try:
        from distributed import as_completed

        with client.as_current():
            futures = client.map(run_batch, batches, pure=False)
            for future in as_completed(futures):
                store(future.result())
    finally:
        client.close()


__all__ = [
    "CHECKS",
    "SurveyPlan",
    "SurveyRun",
    "case_key",
    "connect_scheduler",
    "default_workers",
    "plan_survey",
    "run_batch",
    "run_case",
    "run_survey",
    "settings_key",
]
