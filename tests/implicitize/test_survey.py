"""Surveys: rows match independent checks, and serial, process, Dask and resumed runs agree."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from architectures import Architecture, pattern_parametrisation
from architectures.errors import InvalidEnumerationError, InvalidOptionError, SchedulerUnreachableError
from architectures.lattice import canonical_patterns, enumerate_pattern_tuples
from implicitize.survey.run import case_key, connect_scheduler, plan_survey, run_survey
from implicitize.survey.database import SurveyDatabase

ROOT = Path(__file__).resolve().parents[2]


def outcomes(database: SurveyDatabase) -> list[tuple]:
    return [row.outcome() for row in database.rows()]


def serial_rows(tmp_path: Path, plan) -> list[tuple]:
    with SurveyDatabase(tmp_path / "serial.sqlite") as database:
        run_survey(plan, database, workers=1)
        return outcomes(database)


def test_rows_hold_the_exact_jacobian_rank_of_every_enumerated_case(tmp_path):
    architecture = Architecture((3, 3, 3))
    plan = plan_survey(architecture, 2)
    with SurveyDatabase(tmp_path / "s.sqlite") as database:
        run = run_survey(plan, database, workers=1)
        rows = database.rows()
    assert run.computed == len(rows) == len(enumerate_pattern_tuples(architecture, 2))
    rng = np.random.default_rng(0)
    for row in rows:
        patterns = json.loads(row.case_key)
        assert canonical_patterns(architecture, patterns) == tuple(canonical_patterns(architecture, patterns))
        # Independent route: the rank over Q of the exact Jacobian at a random rational point.
        theta = [int(v) for v in rng.integers(-50, 51, size=architecture.parameter_count)]
        exact_rank = pattern_parametrisation(architecture, patterns).jacobian(theta).rank()
        assert row.actual == exact_rank
        assert row.defective == (row.actual < row.expected)
    # docs/mathematics.md#dimension: blocks {0,1},{0,1,2} have dimension 13 and {0,1},{1,2} dimension 15, as expected.
    by_key = {row.case_key: row for row in rows}
    shared = by_key[
        json.dumps(
            [p.as_lists() for p in canonical_patterns(architecture, [[[0, 1]], [[0, 1, 2]]])], separators=(",", ":")
        )
    ]
    cubics = by_key[
        json.dumps(
            [p.as_lists() for p in canonical_patterns(architecture, [[[0, 1]], [[1, 2]]])], separators=(",", ":")
        )
    ]
    assert (shared.actual, shared.naive, shared.expected) == (13, 15, 13)
    assert (cubics.actual, cubics.ambient) == (15, 18)


@pytest.mark.slow
def test_process_parallel_rows_equal_serial_rows(tmp_path):
    plan = plan_survey(Architecture((3, 4, 3)), 2)
    with SurveyDatabase(tmp_path / "parallel.sqlite") as database:
        run = run_survey(plan, database, workers=2, batch_size=2, parallel_threshold=0)
        parallel = outcomes(database)
    assert run.executor == "2 processes" and run.computed == len(plan.cases)
    assert parallel == serial_rows(tmp_path, plan)


def test_a_survey_too_small_for_processes_stays_in_one_process_with_the_same_rows(tmp_path):
    plan = plan_survey(Architecture((2, 2, 2)), 2)
    with SurveyDatabase(tmp_path / "small.sqlite") as database:
        run = run_survey(plan, database, workers=2, parallel_threshold=3600)
        rows = outcomes(database)
    assert run.executor.startswith("serial (estimated") and run.computed == len(plan.cases)
    assert rows == serial_rows(tmp_path, plan)


@pytest.mark.slow
def test_dask_local_cluster_rows_equal_serial_rows(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
    plan = plan_survey(Architecture((3, 3, 3)), 3)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        with SurveyDatabase(tmp_path / "dask.sqlite") as database:
            run = run_survey(plan, database, scheduler=cluster.scheduler_address, batch_size=3)
            distributed_rows = outcomes(database)
    assert run.executor.startswith("dask tcp://127.0.0.1") and run.computed == len(plan.cases)
    assert distributed_rows == serial_rows(tmp_path, plan)


@pytest.mark.slow
def test_an_interrupted_survey_resumes_with_only_the_missing_cases(tmp_path):
    plan = plan_survey(Architecture((3, 3, 3)), 3)
    with SurveyDatabase(tmp_path / "resume.sqlite") as database:
        first = run_survey(plan, database, workers=1, limit=10)
        before = {row.case_key: row for row in database.rows()}
        second = run_survey(plan, database, workers=2)
        after = {row.case_key: row for row in database.rows()}
        third = run_survey(plan, database, workers=1)
    assert (first.computed, first.pending) == (10, len(plan.cases) - 10)
    assert (second.already, second.computed) == (10, len(plan.cases) - 10)
    assert {row.case_key for row in second.rows}.isdisjoint(before)
    assert all(after[key] == row for key, row in before.items())  # same timings: not recomputed
    assert third.computed == 0 and len(after) == len(plan.cases)
    assert sorted(row.outcome() for row in after.values()) == sorted(serial_rows(tmp_path, plan))


def _stored(path: Path) -> int:
    try:
        with sqlite3.connect(path) as connection:
            return connection.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_a_killed_survey_process_keeps_its_rows_and_a_rerun_completes_the_rest(tmp_path):
    database_path = tmp_path / "killed.sqlite"
    command = [
        sys.executable,
        "-m",
        "implicitize.cli",
        "survey",
        "--widths",
        "3,4,4,3",
        "--blocks",
        "2",
        "--workers",
        "1",
        "--no-progress",
        "--db",
        str(database_path),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _stored(database_path) < 40 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    plan = plan_survey(Architecture((3, 4, 4, 3)), 2)
    with SurveyDatabase(database_path) as database:
        kept = {row.case_key: row for row in database.rows()}
        assert 40 <= len(kept) < len(plan.cases)
        rerun = run_survey(plan, database, workers=1)
        rows = database.rows()
    assert rerun.already == len(kept) and rerun.computed == len(plan.cases) - len(kept)
    assert len(rows) == len(plan.cases)
    assert all(row == kept[row.case_key] for row in rows if row.case_key in kept)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_an_unreachable_scheduler_fails_clearly_within_ten_seconds(tmp_path):
    pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
    address = f"tcp://127.0.0.1:{_free_port()}"
    plan = plan_survey(Architecture((2, 2, 2)), 1)
    start = time.monotonic()
    with SurveyDatabase(tmp_path / "s.sqlite") as database:
        with pytest.raises(SchedulerUnreachableError, match="no Dask scheduler answered"):
            run_survey(plan, database, scheduler=address)
        assert database.rows() == []
    assert time.monotonic() - start < 10
    with pytest.raises(InvalidOptionError, match="tcp://host:port"):
        connect_scheduler("127.0.0.1")


def test_bad_survey_arguments_are_refused(tmp_path):
    architecture = Architecture((2, 2, 2))
    with pytest.raises(InvalidEnumerationError, match="not one of"):
        plan_survey(architecture, 2, check="degree")
    with pytest.raises(InvalidEnumerationError, match="seed"):
        plan_survey(architecture, 2, seed=-1)
    with pytest.raises(InvalidEnumerationError, match="max_degree"):
        plan_survey(architecture, 2, max_degree=0)
    plan = plan_survey(architecture, 2)
    with SurveyDatabase(tmp_path / "s.sqlite") as database:
        with pytest.raises(InvalidEnumerationError, match="not both"):
            run_survey(plan, database, workers=2, scheduler="tcp://127.0.0.1:1")
        with pytest.raises(InvalidEnumerationError, match="workers"):
            run_survey(plan, database, workers=0)
        assert database.rows() == []
    assert os.path.exists(tmp_path / "s.sqlite")


@pytest.mark.slow
def test_generation_rows_match_math_worked_cases_and_the_linear_span_of_sampled_points(tmp_path):
    architecture = Architecture((3, 3, 3))
    plan = plan_survey(architecture, 2, check="generation")
    with SurveyDatabase(tmp_path / "g.sqlite") as database:
        run_survey(plan, database, workers=2, batch_size=2, parallel_threshold=0)
        rows = {row.case_key: row for row in database.rows()}
    assert sorted(row.outcome() for row in rows.values()) == sorted(serial_rows(tmp_path, plan))

    def key(patterns):
        return json.dumps([p.as_lists() for p in canonical_patterns(architecture, patterns)], separators=(",", ":"))

    # docs/mathematics.md#dimension: blocks {0,1},{1,2} are cut out by three cubics (det M_1, det M_2, det(M_1 − M_2)).
    cubics = rows[key([[[0, 1]], [[1, 2]]])]
    assert json.loads(cubics.degrees) == [3, 3, 3] and cubics.proved.startswith("generates")
    rng = np.random.default_rng(3)
    for row in rows.values():
        assert row.proved.startswith("generates"), row
        # Independent route: the linear equations of V are those of the span of its points, whose
        # dimension is the rank of enough exact sample points (rank of 3·ambient random points).
        parametrisation = pattern_parametrisation(architecture, json.loads(row.case_key))
        points = [
            parametrisation.evaluate([int(v) for v in rng.integers(-9, 10, size=parametrisation.parameter_count)])
            for _ in range(3 * parametrisation.ambient_dimension)
        ]
        span = np.linalg.matrix_rank(np.array(points, dtype=float))
        assert json.loads(row.degrees).count(1) == parametrisation.ambient_dimension - span


@pytest.mark.slow
def test_minors_rows_agree_with_the_ideal_found_by_interpolation_alone(tmp_path):
    # Independent route: the "generation" check interpolates without the minors; when the minors are
    # reported to generate, the minimal generators' degrees must be the same.
    architecture = Architecture((3, 3, 3))
    with SurveyDatabase(tmp_path / "m.sqlite") as database:
        for check in ("minors", "generation"):
            run_survey(plan_survey(architecture, 2, check=check), database, workers=1)
        rows = database.rows()
    by_check = {
        check: {row.case_key: row for row in rows if row.check_name == check} for check in ("minors", "generation")
    }
    assert set(by_check["minors"]) == set(by_check["generation"]) and len(by_check["minors"]) == 13
    for key, row in by_check["minors"].items():
        assert row.proved.startswith("generates up to degree"), row  # Conjecture 6.1 holds on these cases
        assert json.loads(row.degrees) == json.loads(by_check["generation"][key].degrees)


@pytest.mark.slow
def test_two_surveys_on_one_database_store_every_case_once(tmp_path):
    """Two processes filling the same database at once: every case stored once, equal to a serial run."""
    database_path = tmp_path / "shared.sqlite"
    command = [
        sys.executable,
        "-m",
        "implicitize.cli",
        "survey",
        "--widths",
        "3,3,3",
        "--blocks",
        "2",
        "--workers",
        "1",
        "--no-progress",
        "--db",
        str(database_path),
    ]
    processes = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)
    ]
    errors = [process.communicate(timeout=600)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors
    plan = plan_survey(Architecture((3, 3, 3)), 2)
    with SurveyDatabase(database_path) as database:
        rows = database.rows()
    assert sorted(row.case_key for row in rows) == sorted({case_key(case) for case in plan.cases})
    with SurveyDatabase(tmp_path / "serial.sqlite") as serial:
        run_survey(plan, serial, workers=1)
        expected = {row.case_key: (row.actual, row.certified) for row in serial.rows()}
    assert {row.case_key: (row.actual, row.certified) for row in rows} == expected
