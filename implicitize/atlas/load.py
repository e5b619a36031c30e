"""Reading the shipped atlas: the table as a pandas DataFrame, the ideals as exact polynomials.

Examples
--------
>>> table = load()
>>> {"case_id", "dimension", "minors_generate", "proved"} <= set(table.columns)
True
>>> table.set_index("case_id").loc["3,3,3|[[[0,1]],[[0,2]]]", "generator_degrees"]
[3, 3, 3]
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flint
import sympy

from architectures.errors import InvalidIdealFileError, MissingExtraError
from implicitize.atlas.store import COLUMNS, IDEALS_FILE, TABLE_FILE

#: Where the repository ships the atlas.
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "notebooks" / "atlas"

_INTEGERS = ("blocks", "ambient", "dimension", "naive_expected", "refined_expected", "generators", "degree_of_V")
_BOOLEANS = ("bias", "certified", "defective")
_LISTS = ("generator_degrees", "missing_degrees", "generating_kinds")


def _directory(directory: str | Path | None) -> Path:
    path = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    if not (path / TABLE_FILE).is_file():
        raise InvalidIdealFileError(
            f"no {TABLE_FILE} in {str(path)!r}; give the directory the atlas was exported "
            "to (python -m implicitize.atlas.run --export DIR)"
        )
    return path


def typed_row(record: dict[str, Any]) -> dict[str, Any]:
    """A row with the types the CSV text stands for (a row fresh from ``compute_case`` reads the same).

    Examples
    --------
    >>> typed_row({"ambient": "12", "bias": "False", "generator_degrees": "[2, 3]", "route": ""})["generator_degrees"]
    [2, 3]
    """
    row: dict[str, Any] = {}
    for key in COLUMNS:
        value = record.get(key)
        text = "" if value is None else str(value)
        if text == "":
            row[key] = None
        elif key in _INTEGERS:
            row[key] = int(text)
        elif key in _BOOLEANS:
            row[key] = text == "True"
        elif key in _LISTS:
            row[key] = json.loads(text)
        elif key == "seconds":
            row[key] = float(text)
        else:
            row[key] = text
    return row


def rows(directory: str | Path | None = None) -> list[dict[str, Any]]:
    """The table as a list of dicts with typed values (no pandas needed).

    Examples
    --------
    >>> first = rows()[0]
    >>> first["grid"], type(first["ambient"]).__name__
    ('shallow2_bias', 'int')
    """
    with open(_directory(directory) / TABLE_FILE, newline="", encoding="utf-8") as handle:
        return [typed_row(record) for record in csv.DictReader(handle)]


def load(directory: str | Path | None = None):
    """The atlas table as a pandas DataFrame, one row per case (``pip install 'relu-varieties[pandas]'``)."""
    try:
        import pandas  # type: ignore[import-untyped]
    except ImportError as error:
        raise MissingExtraError(
            "atlas.load() returns a pandas DataFrame and pandas is not installed; install it "
            "with: pip install 'relu-varieties[pandas]' (or use atlas.rows() for plain dicts)"
        ) from error
    return pandas.DataFrame(rows(directory), columns=list(COLUMNS))


def ideals(directory: str | Path | None = None) -> Iterator[dict[str, Any]]:
    """The ideal records (case id, coordinates, generators and missing generators as text), in table order."""
    with gzip.open(_directory(directory) / IDEALS_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def polynomials(record: dict[str, Any], key: str = "generators") -> list[flint.fmpq_mpoly]:
    """The polynomials of an ideal record (``generators`` or ``missing_generators``), exactly, in its coordinates.

    Examples
    --------
    >>> record = {"coordinates": ["m_0_0_0", "m_0_0_1"], "generators": ["m_0_0_0**2 - 1/2*m_0_0_1"]}
    >>> polynomials(record)
    [m_0_0_0^2 - 1/2*m_0_0_1]
    """
    names = tuple(record["coordinates"])
    context = flint.fmpq_mpoly_ctx.get(names, "degrevlex")
    symbols = {name: sympy.Symbol(name) for name in names}
    result = []
    for text in record.get(key) or []:
        try:
            polynomial = sympy.Poly(sympy.sympify(text, locals=symbols), *symbols.values())
        except (sympy.SympifyError, sympy.PolynomialError, TypeError) as error:
            raise InvalidIdealFileError(
                f"the generator {text[:80]!r} of {record.get('case_id')!r} is not a "
                f"polynomial in its coordinates: {error}"
            ) from error
        result.append(
            context.from_dict({exponents: flint.fmpq(int(c.p), int(c.q)) for exponents, c in polynomial.terms()})
        )
    return result


__all__ = ["DEFAULT_DIRECTORY", "ideals", "load", "polynomials", "rows", "typed_row"]
