"""The survey database: rows round-trip, and foreign or newer files are refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from architectures.errors import CacheError, SurveyDatabaseError
from implicitize.survey.database import SCHEMA_VERSION, SurveyDatabase, SurveyRow


def row(key: str, actual: int = 5, seconds: float = 0.25) -> SurveyRow:
    return SurveyRow(
        "3,3,3",
        False,
        "generation",
        "seed=0 max_degree=None",
        key,
        2,
        18,
        15,
        15,
        actual,
        True,
        actual < 15,
        "[3, 3, 3]",
        "generates",
        "interpolation",
        seconds,
        '{"dimension": 0.1}',
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_rows_round_trip_and_a_second_write_of_a_key_replaces_it(tmp_path):
    path = tmp_path / "s.sqlite"
    with SurveyDatabase(path) as database:
        database.add([row("[[[0]]]"), row("[[[1]]]", actual=15)])
    with SurveyDatabase(path) as database:  # reopened: the schema is recognised, rows are kept
        assert database.rows() == [row("[[[0]]]"), row("[[[1]]]", actual=15)]
        database.add([row("[[[0]]]", actual=14)])
        assert [r.actual for r in database.rows()] == [14, 15]
        assert database.existing_keys("3,3,3", False, "generation", "seed=0 max_degree=None") == {"[[[0]]]", "[[[1]]]"}
        assert database.existing_keys("3,3,3", False, "dimension", "seed=0") == set()
        assert row("[[[0]]]").timing_parts == {"dimension": 0.1}


def test_a_database_from_a_newer_schema_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    with SurveyDatabase(path) as database:
        database.add([row("[[[0]]]")])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    before = digest(path)
    with pytest.raises(SurveyDatabaseError, match=f"schema version {SCHEMA_VERSION + 1}, newer"):
        SurveyDatabase(path)
    assert digest(path) == before
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 1


def test_files_that_are_not_survey_databases_are_refused(tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not an SQLite database, just some text" * 20)
    before = digest(garbage)
    with pytest.raises(SurveyDatabaseError, match="not a readable survey database"):
        SurveyDatabase(garbage)
    assert digest(garbage) == before
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE results (x INTEGER)")
    with pytest.raises(SurveyDatabaseError, match="not a survey database"):
        SurveyDatabase(foreign)
    with pytest.raises(SurveyDatabaseError, match="is a directory"):
        SurveyDatabase(tmp_path)
    with pytest.raises(SurveyDatabaseError, match="does not exist"):
        SurveyDatabase(tmp_path / "missing" / "s.sqlite")
    assert issubclass(SurveyDatabaseError, CacheError)
