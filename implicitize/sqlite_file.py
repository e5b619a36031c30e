"""How the toolkit opens its SQLite files (the result cache, survey databases): one set of checks and policies.

Each file kind gives a :class:`Schema` (its version, how to read the version a file records, how to
set up a new file); :func:`open_sqlite` checks the path, connects (waiting up to 30 s for another
process), checks the file's integrity and version, and applies the kind's corruption policy:

- a file written by a newer version of the toolkit is refused and left untouched;
- a damaged file is refused untouched (``on_damage="refuse"``, for results a person ran for) or moved
  aside as ``NAME.corrupt-<time>`` and started afresh (``on_damage="move-aside"``, for a cache, whose
  entries can always be recomputed).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from architectures.errors import ReluVarietiesError

#: Seconds to wait for another process holding the file (survey workers share the cache).
BUSY_TIMEOUT = 30.0


@dataclass(frozen=True)
class Schema:
    """The layout of one kind of file: its version, how a file records it, how a new file is set up.

    ``read_version(connection)`` returns the version a file records, None for a new (empty) file, and
    raises for a file of another kind; ``initialise(connection)`` creates the tables of a new file and
    records ``version``.
    """

    version: int
    read_version: Callable[[sqlite3.Connection], int | None]
    initialise: Callable[[sqlite3.Connection], None]


@dataclass
class SqliteFile:
    """An open file: the connection, the schema version it has, and where a damaged file was moved."""

    connection: sqlite3.Connection
    schema_version: int
    moved_aside: Path | None = None


def open_sqlite(
    path: str | Path,
    schema: Schema,
    *,
    what: str,
    error: type[ReluVarietiesError],
    hint: str,
    create: bool = True,
    make_parent: bool = False,
    on_damage: Literal["refuse", "move-aside"] = "refuse",
) -> SqliteFile:
    """Open (or create) the file at ``path``, raising ``error`` with ``what`` (e.g. "survey database") and
    ``hint`` (what to do instead) in the message when it cannot be used.

    Examples
    --------
    >>> import tempfile, os
    >>> schema = Schema(1, lambda c: c.execute("PRAGMA user_version").fetchone()[0] or None,
    ...                 lambda c: c.execute("PRAGMA user_version = 1"))
    >>> path = os.path.join(tempfile.mkdtemp(), "f.sqlite")
    >>> opened = open_sqlite(path, schema, what="example file", error=ReluVarietiesError, hint="choose another")
    >>> opened.schema_version, opened.moved_aside
    (1, None)
    >>> with open(path, "wb") as damaged:
    ...     _ = damaged.write(b"not a database" * 100)
    >>> open_sqlite(path, schema, what="example file", error=ReluVarietiesError, hint="choose another path")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    architectures.errors.ReluVarietiesError: ... is not a readable example file (file is not a database); ...
    >>> open_sqlite(path, schema, what="example file", error=ReluVarietiesError, hint="",
    ...             on_damage="move-aside").moved_aside.name.startswith("f.sqlite.corrupt-")
    True
    """
    path = Path(path)
    name = repr(str(path))
    if path.is_dir():
        raise error(f"{name} is a directory; {hint}")
    if not create and not path.exists():
        raise error(f"there is no {what} {name}; {hint}")
    if make_parent:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as failure:
            raise error(
                f"cannot create the folder of the {what} {name}: {failure.strerror or failure}; {hint}"
            ) from failure
    elif not path.parent.exists():
        raise error(f"the directory of {name} does not exist; create it, or {hint}")
    try:
        return SqliteFile(*_connect(path, schema, what, error))
    except sqlite3.OperationalError as failure:  # cannot open or write: not a damaged file
        raise error(f"cannot use the {what} {name}: {failure}; {hint}") from failure
    except sqlite3.DatabaseError as failure:
        if on_damage == "refuse":
            raise error(f"{name} is not a readable {what} ({failure}); move it away, or {hint}") from failure
    moved = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
    path.rename(moved)
    return SqliteFile(*_connect(path, schema, what, error), moved_aside=moved)


def _connect(path: Path, schema: Schema, what: str, error: type[ReluVarietiesError]) -> tuple[sqlite3.Connection, int]:
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT)
    try:
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the integrity check failed")
        version = schema.read_version(connection)  # before anything writes to the file
        if version is None:
            # One transaction holding the write lock: a second process creating the same new file at the
            # same moment waits, then finds the tables complete (never half-made, never made twice).
            connection.execute("BEGIN IMMEDIATE")
            try:
                version = schema.read_version(connection)
                if version is None:
                    schema.initialise(connection)
                    connection.commit()
                    return connection, schema.version
                connection.rollback()
            except BaseException:
                connection.rollback()
                raise
        if version > schema.version:
            raise error(
                f"{str(path)!r} was written with {what} schema version {version}, newer than this "
                f"toolkit's {schema.version}; upgrade relu-varieties to read it (the file was left untouched)"
            )
        if version < schema.version:  # pragma: no cover - no older version exists yet
            raise error(f"{str(path)!r} has the old {what} schema version {version}")
        return connection, version
    except BaseException:
        connection.close()
        raise
