"""The SQLite file a survey writes: one row per (architecture, check, case), resumable, versioned.

Written only by the process that runs the survey (workers send rows back); read by ``report``.
A file with a newer schema version, or one that is not a survey database, is refused untouched.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterable, Iterator

from architectures.errors import SurveyDatabaseError
from architectures.json_files import parse_json
from implicitize.sqlite_file import Schema, open_sqlite

#: Version of the table layout below; a file with a larger number is refused, never overwritten.
SCHEMA_VERSION = 1

_CREATE = """
CREATE TABLE IF NOT EXISTS cases (
    widths TEXT NOT NULL,
    bias INTEGER NOT NULL,
    check_name TEXT NOT NULL,
    settings TEXT NOT NULL,
    case_key TEXT NOT NULL,
    blocks INTEGER NOT NULL,
    ambient INTEGER NOT NULL,
    expected INTEGER NOT NULL,
    naive INTEGER NOT NULL,
    actual INTEGER NOT NULL,
    certified INTEGER NOT NULL,
    defective INTEGER NOT NULL,
    degrees TEXT,
    proved TEXT,
    route TEXT,
    seconds REAL NOT NULL,
    timings TEXT NOT NULL,
    PRIMARY KEY (widths, bias, check_name, settings, case_key)
)
"""


@dataclass(frozen=True)
class SurveyRow:
    """The outcome of one check on one case.

    ``expected`` is the refined parameter count of docs/mathematics.md#dimension (``naive`` the naive one), ``actual`` the
    generic Jacobian rank (``certified`` when proved), ``defective`` = actual < expected. For the
    generation and minors checks ``degrees`` are the generators' degrees and ``proved`` what was proved.
    ``seconds`` is the wall time of the check, ``timings`` its parts (JSON object).

    Examples
    --------
    >>> row = SurveyRow("3,3,3", False, "dimension", "seed=0", "[[[0,1]],[[1,2]]]", 2, 18, 15, 15, 15,
    ...                 True, False, None, None, None, 0.01, "{}")
    >>> row.identity
    ('3,3,3', False, 'dimension', 'seed=0', '[[[0,1]],[[1,2]]]')
    """

    widths: str
    bias: bool
    check_name: str
    settings: str
    case_key: str
    blocks: int
    ambient: int
    expected: int
    naive: int
    actual: int
    certified: bool
    defective: bool
    degrees: str | None
    proved: str | None
    route: str | None
    seconds: float
    timings: str

    @property
    def identity(self) -> tuple[str, bool, str, str, str]:
        """The primary key: which survey and which case."""
        return (self.widths, self.bias, self.check_name, self.settings, self.case_key)

    def outcome(self) -> tuple[Any, ...]:
        """Everything but the timings: what serial, parallel and distributed runs must agree on."""
        return tuple(value for key, value in asdict(self).items() if key not in ("seconds", "timings"))

    @property
    def timing_parts(self) -> dict[str, float]:
        return json.loads(self.timings)


_COLUMNS = tuple(f.name for f in fields(SurveyRow))
#: An SQL condition true for a row whose key or count columns have the wrong storage type (checked on opening,
#: so a survey never resumes on a damaged file; every column is checked again when rows are read).
_DAMAGED = " OR ".join(
    [f"typeof({c}) != 'text'" for c in ("widths", "check_name", "settings", "case_key", "timings")]
    + [
        f"typeof({c}) != 'integer'"
        for c in ("bias", "blocks", "ambient", "expected", "naive", "actual", "certified", "defective")
    ]
)
#: The Python types SQLite may return for each column of a well-formed row.
_TYPES: dict[str, tuple[type, ...]] = {
    **{key: (str,) for key in ("widths", "check_name", "settings", "case_key", "timings")},
    **{key: (int,) for key in ("bias", "blocks", "ambient", "expected", "naive", "actual", "certified", "defective")},
    **{key: (str, type(None)) for key in ("degrees", "proved", "route")},
    "seconds": (float, int),
}


def _initialise(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    connection.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
    connection.execute(_CREATE)


class SurveyDatabase:
    """An open survey database (a context manager). Creates the file and its tables when missing, unless
    ``create=False`` (to read one): then a missing file is an error and nothing is created.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "survey.sqlite")
    >>> with SurveyDatabase(path) as db:
    ...     db.schema_version, len(db.rows())
    (1, 0)
    >>> SurveyDatabase(os.path.join(tempfile.mkdtemp(), "mistyped.sqlite"), create=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    architectures.errors.SurveyDatabaseError: there is no survey database '...mistyped.sqlite'; choose another --db path (relu-varieties survey --db FILE writes one)
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        # the results of a survey are never moved or rebuilt: a file that cannot be read is refused untouched
        opened = open_sqlite(
            self.path,
            Schema(SCHEMA_VERSION, self._read_version, _initialise),
            what="survey database",
            error=SurveyDatabaseError,
            create=create,
            hint="choose another --db path (relu-varieties survey --db FILE writes one)",
        )
        self.connection, self.schema_version = opened.connection, opened.schema_version
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")

    def _read_version(self, connection: sqlite3.Connection) -> int | None:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" in tables:
            row = connection.execute("SELECT version FROM schema_version").fetchone()
            if row is None or not isinstance(row[0], int):
                raise SurveyDatabaseError(f"{str(self.path)!r} has an empty or damaged schema_version table")
            version = row[0]
            if version == SCHEMA_VERSION:  # a newer version is refused by open_sqlite, before any other check
                self._check_cases(connection)
            return version
        if tables - {"cases"}:
            raise SurveyDatabaseError(
                f"{str(self.path)!r} is an SQLite file but not a survey database (tables {sorted(tables)}); "
                "choose another --db path"
            )
        return None

    def _check_cases(self, connection: sqlite3.Connection) -> None:
        """Refuse a file whose table of cases has other columns, or rows of the wrong storage type, so that
        a survey never resumes on a damaged file (every row is checked again when read)."""
        columns = tuple(row[1] for row in connection.execute("PRAGMA table_info(cases)"))
        if columns != _COLUMNS:
            found = f"columns {list(columns)}" if columns else "no table of cases"
            raise SurveyDatabaseError(
                f"{str(self.path)!r} is a damaged survey database ({found}, expected {list(_COLUMNS)}); move "
                "it away or choose another --db path"
            )
        damaged = connection.execute(f"SELECT COUNT(*) FROM cases WHERE {_DAMAGED}").fetchone()[0]
        if damaged:
            raise SurveyDatabaseError(
                f"{str(self.path)!r} is damaged: {damaged} row(s) of the cases hold values of the wrong type; "
                "move the file away and run the survey again"
            )

    def __enter__(self) -> "SurveyDatabase":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def existing_keys(self, widths: str, bias: bool, check_name: str, settings: str) -> set[str]:
        """Case keys already stored for one survey (architecture, check and settings)."""
        cursor = self.connection.execute(
            "SELECT case_key FROM cases WHERE widths=? AND bias=? AND check_name=? AND settings=?",
            (widths, int(bias), check_name, settings),
        )
        return {key for (key,) in cursor}

    def add(self, rows: Iterable[SurveyRow]) -> int:
        """Store rows (committed at once, so an interruption loses nothing stored); returns the count."""
        values = [tuple(int(v) if isinstance(v, bool) else v for v in asdict(row).values()) for row in rows]
        try:
            with self.connection:
                self.connection.executemany(
                    f"INSERT OR REPLACE INTO cases ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                    values,
                )
        except sqlite3.OperationalError as error:  # a full disk, a read-only file: the transaction is rolled back
            raise SurveyDatabaseError(
                f"cannot store {len(values)} survey row(s) in {str(self.path)!r} ({error}); the rows stored before "
                "are kept: free some space (or choose a writable --db path) and run the survey again to resume"
            ) from error
        return len(values)

    def rows(self) -> list[SurveyRow]:
        """Every stored row, in a fixed order."""
        return list(self._iterate())

    def _iterate(self) -> Iterator[SurveyRow]:
        cursor = self.connection.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM cases ORDER BY widths, bias, check_name, settings, blocks, case_key"
        )
        for number, values in enumerate(cursor, start=1):
            yield self._row(number, dict(zip(_COLUMNS, values)))

    def _row(self, number: int, record: dict[str, Any]) -> SurveyRow:
        """A stored row checked against the column types; a damaged one is a :class:`SurveyDatabaseError`."""
        wrong = [key for key, kinds in _TYPES.items() if type(record[key]) not in kinds]
        wrong += [key for key in ("bias", "certified", "defective") if record[key] not in (0, 1)]
        if not wrong:
            try:
                timings = parse_json(record["timings"], what="timings", error=SurveyDatabaseError)
            except SurveyDatabaseError:
                timings = None
            if not isinstance(timings, dict):
                wrong.append("timings")
        if wrong:
            raise SurveyDatabaseError(
                f"{str(self.path)!r} is damaged: row {number} of the cases has unreadable {', '.join(sorted(set(wrong)))} "
                "(values of the wrong type); move the file away and run the survey again"
            )
        for key in ("bias", "certified", "defective"):
            record[key] = bool(record[key])
        return SurveyRow(**record)


__all__ = ["SCHEMA_VERSION", "SurveyDatabase", "SurveyRow"]
