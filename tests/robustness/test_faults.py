"""Faults while a survey or an export writes: a kill at a random moment, a full disk, a damaged database.

Each leaves what was stored intact and correct, and is reported as one clear error, never a traceback
or a half-written file.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import sqlite3
import time

import pytest

from architectures import Architecture
from architectures.errors import OutputNotWritableError, SurveyDatabaseError
from implicitize.cli import main
from implicitize.export import write_export
from implicitize.survey.run import case_key, plan_survey, run_survey
from implicitize.survey.database import SurveyDatabase

WIDTHS = (3, 4, 4, 3)


def _survey_child(path: str) -> None:
    """A survey in a forked process (the imports are already loaded, so it starts at once)."""
    with SurveyDatabase(path) as database:
        run_survey(plan_survey(Architecture(WIDTHS), 2), database, workers=1)


def _stored(path) -> int:
    try:
        with sqlite3.connect(path) as connection:
            return connection.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the random kills fork the test process")
def test_sigkill_at_seeded_random_moments_loses_and_duplicates_nothing(tmp_path):
    """Three kills at seeded random moments of one survey, then a rerun: every case once, none recomputed."""
    path = tmp_path / "killed.sqlite"
    context = multiprocessing.get_context("fork")
    started = time.monotonic()  # an undisturbed run first, so that three kills land before the survey ends
    _survey_child(str(tmp_path / "timed.sqlite"))
    duration = time.monotonic() - started
    delays = [random.Random(seed).uniform(0.0, 0.25) * duration for seed in (1, 2, 3)]
    kept: dict[str, object] = {}
    for delay in delays:
        child = context.Process(target=_survey_child, args=(str(path),))
        child.start()
        start = _stored(path)
        deadline = time.monotonic() + 60
        while _stored(path) == start and child.is_alive() and time.monotonic() < deadline:
            time.sleep(0.002)  # the kill lands while rows are being written, not before the first
        time.sleep(delay)
        child.kill()
        child.join()
        with SurveyDatabase(path) as database:
            rows = database.rows()
        assert len({row.case_key for row in rows}) == len(rows)
        assert all(kept[row.case_key] == row for row in rows if row.case_key in kept)  # stored rows never change
        kept = {row.case_key: row for row in rows}
    plan = plan_survey(Architecture(WIDTHS), 2)
    assert 0 < len(kept) < len(plan.cases), "the kills should land during the survey"
    with SurveyDatabase(path) as database:
        rerun = run_survey(plan, database, workers=1)
        rows = database.rows()
    assert rerun.already == len(kept) and rerun.computed == len(plan.cases) - len(kept)
    assert sorted(row.case_key for row in rows) == sorted(case_key(case) for case in plan.cases)
    assert all(row == kept[row.case_key] for row in rows if row.case_key in kept)
    with SurveyDatabase(tmp_path / "serial.sqlite") as serial:
        run_survey(plan, serial, workers=1)
        expected = sorted(row.outcome() for row in serial.rows())
    assert sorted(row.outcome() for row in rows) == expected


def test_a_full_survey_database_is_a_clear_error_and_keeps_the_rows_stored(tmp_path):
    """SQLite's page limit makes the file full as a full disk does (SQLITE_FULL); rerun with room resumes."""
    path = tmp_path / "full.sqlite"
    plan = plan_survey(Architecture(WIDTHS), 2)
    with SurveyDatabase(path) as database:
        pages = database.connection.execute("PRAGMA page_count").fetchone()[0]
        database.connection.execute(f"PRAGMA max_page_count = {pages + 3}")
        with pytest.raises(SurveyDatabaseError, match="the rows stored before are kept"):
            run_survey(plan, database, workers=1)
        stored = database.rows()
    assert 0 < len(stored) < len(plan.cases)
    with SurveyDatabase(path) as database:
        rerun = run_survey(plan, database, workers=1)
        assert rerun.already == len(stored) and len(database.rows()) == len(plan.cases)


def test_the_survey_command_on_a_full_database_is_one_line(tmp_path, monkeypatch, capsys):
    def full(self, rows):
        raise SurveyDatabaseError(f"cannot store survey rows in {str(self.path)!r} (database or disk is full)")

    monkeypatch.setattr(SurveyDatabase, "add", full)
    assert (
        main(["survey", "--widths", "2,2,2", "--workers", "1", "--no-progress", "--db", str(tmp_path / "s.sqlite")])
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk is full" in err


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_an_export_on_a_full_disk_leaves_the_old_file_and_no_temporary(failing, tmp_path, monkeypatch):
    target = tmp_path / "ideal.smt2"
    target.write_text("(previous export)\n")
    import architectures.atomic_write as atomic

    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.stream = real_fdopen(handle, "wb")

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()

            def write(self, data):
                self.stream.write(data[: len(data) // 2])  # half of it reaches the disk, then it is full
                _no_space()

        monkeypatch.setattr(atomic.os, "fdopen", lambda handle, mode: Full(handle))
    else:
        monkeypatch.setattr(atomic.os, failing, _no_space)
    with pytest.raises(OutputNotWritableError, match="No space left on device"):
        write_export("(declare-const y Real)\n" * 1000, target)
    assert target.read_text() == "(previous export)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ideal.smt2"]


def test_the_export_command_on_a_full_disk_is_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    import architectures.atomic_write as atomic

    monkeypatch.setattr(atomic.os, "fsync", _no_space)
    target = tmp_path / "ideal.m2"
    assert main(["export", "--example", "determinant", "--format", "m2", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert list(tmp_path.iterdir()) == []


def _damaged_rows(path):
    with SurveyDatabase(path):
        pass
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO cases VALUES ('3,3,3', 0, 'dimension', 's', 'k', 'two', 1, 1, 1, 1, 1, "
            "0, NULL, NULL, NULL, 0.1, '{}')"
        )


def _no_cases_table(path):
    with SurveyDatabase(path):
        pass
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE cases")


def _bad_timings(path):
    with SurveyDatabase(path):
        pass
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO cases VALUES ('3,3,3', 0, 'dimension', 's', 'k', 2, 1, 1, 1, 1, 1, "
            "0, NULL, NULL, NULL, 0.1, '[[[[')"
        )


@pytest.mark.parametrize(
    "damage, fragment",
    [
        (_damaged_rows, r"1 row\(s\) of the cases hold values of the wrong type"),
        (_no_cases_table, "no table of cases"),
        (_bad_timings, "unreadable timings"),
    ],
)
def test_a_damaged_survey_database_is_a_clear_error(damage, fragment, tmp_path, capsys):
    path = tmp_path / "damaged.sqlite"
    damage(path)
    with pytest.raises(SurveyDatabaseError, match=fragment):
        with SurveyDatabase(path) as database:
            database.rows()
    assert main(["report", "--db", str(path), "--plot", str(tmp_path / "p.png")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "p.png").exists()
    if damage is not _bad_timings:  # a survey never resumes on a damaged file (timings are read only by report)
        assert main(["survey", "--widths", "2,2,2", "--workers", "1", "--no-progress", "--db", str(path)]) == 2
        assert capsys.readouterr().err.count("\n") == 1
