"""The one way SQLite files are opened: the cache and the survey database follow the same checks, and
differ only in what they do with a damaged file."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from architectures.errors import CacheError, SurveyDatabaseError
from implicitize.cache import PatternCache
from implicitize.survey.database import SurveyDatabase


def _damaged_in_the_middle(path):
    """A file with a valid SQLite header whose table pages are overwritten: only an integrity check sees it."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE filler (x TEXT)")
        connection.executemany("INSERT INTO filler VALUES (?)", [(f"row {i} " * 20,) for i in range(2000)])
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 6 * page] = b"\xff" * (3 * page)
    path.write_bytes(bytes(data))
    return hashlib.sha256(bytes(data)).hexdigest()


def test_a_damaged_survey_database_is_refused_untouched(tmp_path):
    path = tmp_path / "s.sqlite"
    digest = _damaged_in_the_middle(path)
    with pytest.raises(SurveyDatabaseError, match="not a readable survey database"):
        SurveyDatabase(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert [p.name for p in tmp_path.iterdir()] == ["s.sqlite"]


def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite"
    digest = _damaged_in_the_middle(path)
    cache = PatternCache(path)
    assert cache.rebuilt_from is not None
    assert hashlib.sha256(cache.rebuilt_from.read_bytes()).hexdigest() == digest
    assert len(cache) == 0


@pytest.mark.parametrize("opener, error", [(PatternCache, CacheError), (SurveyDatabase, SurveyDatabaseError)])
def test_both_refuse_a_directory_with_their_own_error(tmp_path, opener, error):
    with pytest.raises(error, match="is a directory"):
        opener(tmp_path)
