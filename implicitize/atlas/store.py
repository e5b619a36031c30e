"""Where atlas rows live: an SQLite file while running (resumable), CSV + JSON lines when shipped.

The SQLite table holds one row per computed case id (``INSERT OR IGNORE``: a case stored twice keeps the
first answer), committed as each case ends, so a run killed at any moment resumes without loss or
duplicates. :func:`export` writes the shipped files: ``atlas.csv`` (one line per case of every grid,
transposed cases included and marked) and ``ideals.jsonl.gz`` (one JSON object per case: coordinates,
generators, missing generators, timings), both sorted by grid and case so that reruns diff cleanly.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from architectures.errors import SurveyDatabaseError
from architectures.parametrisation import pattern_parametrisation
from implicitize.atlas.grid import GRID_ORDER, AtlasCase, all_cases

#: Columns of ``atlas.csv``, in order.
COLUMNS = (
    "case_id",
    "grid",
    "widths",
    "bias",
    "blocks",
    "patterns",
    "transpose_of",
    "status",
    "ambient",
    "dimension",
    "certified",
    "naive_expected",
    "refined_expected",
    "defective",
    "generators",
    "generator_degrees",
    "proved",
    "route",
    "degree_of_V",
    "minors_generate",
    "missing_degrees",
    "generating_kinds",
    "seconds",
    "version",
)
TABLE_FILE, IDEALS_FILE = "atlas.csv", "ideals.jsonl.gz"

_CREATE = """CREATE TABLE IF NOT EXISTS atlas (
    case_id TEXT PRIMARY KEY, grid TEXT NOT NULL, row TEXT NOT NULL, ideal TEXT NOT NULL)"""


class AtlasDatabase:
    """An open atlas database (a context manager); created when missing.

    Examples
    --------
    >>> import tempfile, os
    >>> with AtlasDatabase(os.path.join(tempfile.mkdtemp(), "atlas.sqlite")) as db:
    ...     db.add({"case_id": "x", "grid": "g"}, {"case_id": "x"}), db.add({"case_id": "x", "grid": "g"}, {})
    ...     sorted(db.keys())
    (True, False)
    ['x']
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir() or not self.path.parent.exists():
            raise SurveyDatabaseError(
                f"cannot use {str(self.path)!r} as the atlas database: give a file name in an "
                "existing directory, such as atlas.sqlite"
            )
        self.connection = sqlite3.connect(str(self.path), timeout=30)
        try:
            tables = {name for (name,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables - {"atlas"}:
                raise SurveyDatabaseError(
                    f"{str(self.path)!r} is an SQLite file but not an atlas database (tables "
                    f"{sorted(tables)}); choose another path"
                )
            with self.connection:
                self.connection.execute(_CREATE)
            self.connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as error:
            self.connection.close()
            raise SurveyDatabaseError(f"{str(self.path)!r} is not a readable atlas database ({error})") from error
        except SurveyDatabaseError:
            self.connection.close()
            raise

    def __enter__(self) -> AtlasDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.close()

    def keys(self) -> set[str]:
        return {key for (key,) in self.connection.execute("SELECT case_id FROM atlas")}

    def add(self, row: dict, ideal: dict) -> bool:
        """Store one case (committed at once); False when the case was already stored."""
        with self.connection:
            cursor = self.connection.execute(
                "INSERT OR IGNORE INTO atlas VALUES (?, ?, ?, ?)",
                (row["case_id"], row["grid"], json.dumps(row), json.dumps(ideal)),
            )
        return cursor.rowcount == 1

    def records(self) -> dict[str, tuple[dict, dict]]:
        """case id → (row, ideal record) of every stored case."""
        return {
            key: (json.loads(row), json.loads(ideal))
            for key, row, ideal in self.connection.execute("SELECT case_id, row, ideal FROM atlas")
        }


_COORDINATE = re.compile(r"\bm_(\d+)_(\d+)_(\d+)\b")


def transpose_polynomial(text: str) -> str:
    """Rename m_k_i_j → m_k_j_i (block k, output i, input j): the equation of the transposed variety.

    Examples
    --------
    >>> transpose_polynomial("m_0_1_2*m_1_0_0 - m_0_2_1")
    'm_0_2_1*m_1_0_0 - m_0_1_2'
    """
    return _COORDINATE.sub(lambda match: f"m_{match[1]}_{match[3]}_{match[2]}", text)


def transposed(case: AtlasCase, row: dict, ideal: dict) -> tuple[dict, dict]:
    """The row and ideal record of a linked case, from those of the case it is the transpose of."""
    new_row = {
        **row,
        "case_id": case.case_id,
        "widths": ",".join(map(str, case.widths)),
        "transpose_of": case.transpose_of,
        "seconds": 0.0,
    }

    def text(items: list[str] | None) -> list[str] | None:
        return None if items is None else [transpose_polynomial(g) for g in items]

    new_ideal: dict[str, Any] = {
        "case_id": case.case_id,
        # the linked case's own coordinates, in its parametrisation's order (the partner's, transposed)
        "coordinates": list(pattern_parametrisation(case.architecture, json.loads(case.patterns)).coordinate_names),
        "generators": text(ideal["generators"]),
        "missing_generators": text(ideal["missing_generators"]),
        "timings": {},
    }
    return new_row, new_ideal


def export(database: AtlasDatabase, directory: str | Path, grids: tuple[str, ...] = GRID_ORDER) -> tuple[int, int]:
    """Write ``atlas.csv`` and ``ideals.jsonl.gz`` for every case of ``grids`` present (or linked to one
    present) in the database; returns (rows written, cases of the grids not yet computed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    records = database.records()
    rows, ideals, absent = [], [], 0
    for case in all_cases(grids):
        source = records.get(case.transpose_of or case.case_id)
        if source is None:
            absent += 1
            continue
        row, ideal = source if case.computed else transposed(case, *source)
        rows.append(row)
        ideals.append(ideal)
    with open(directory / TABLE_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: ("" if row.get(key) is None else row[key]) for key in COLUMNS})
    # mtime=0: the same content gives the same bytes (no spurious diffs)
    with open(directory / IDEALS_FILE, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        for ideal in ideals:
            handle.write((json.dumps(ideal, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
    return len(rows), absent


__all__ = ["COLUMNS", "IDEALS_FILE", "TABLE_FILE", "AtlasDatabase", "export", "transpose_polynomial", "transposed"]
