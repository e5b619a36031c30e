"""Data files: input points read exactly from JSON, ``.npy`` or ``.csv``.

JSON: a list of points, each a list of numbers (integers, or strings such as ``"1/3"`` or ``"0.25"``);
plain JSON floats, and every number of a ``.npy`` or ``.csv`` file, are binary floats and are converted
to the exact rationals they hold (0.1 becomes 3602879701896397/36028797018963968), with a note saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from architectures.errors import InvalidDataError, InvalidNumberError
from architectures.json_files import read_json_file
from architectures.numbers import ExactMatrix, to_fraction_matrix

#: The note given when binary floats were converted.
FLOAT_NOTE = (
    "the data has binary floats; each was converted to the exact rational it holds "
    "(0.1 becomes 3602879701896397/36028797018963968)"
)


@dataclass(frozen=True)
class DataFile:
    """Exact points read from a file, and notes on how they were read."""

    points: ExactMatrix
    notes: tuple[str, ...] = ()


def read_points(raw: Any, *, what: str = "data") -> DataFile:
    """Exact points from parsed JSON (or a numpy array): exact numbers as they are, floats converted.

    Examples
    --------
    >>> read_points([[1, "1/2"], [0, -3]]).points
    ((Fraction(1, 1), Fraction(1, 2)), (Fraction(0, 1), Fraction(-3, 1)))
    >>> data = read_points([[0.5, 1]])
    >>> data.points, len(data.notes)
    (((Fraction(1, 2), Fraction(1, 1)),), 1)
    """
    if isinstance(raw, np.ndarray):
        if raw.ndim == 1:
            raw = raw.reshape(-1, 1)
        if raw.ndim != 2:
            raise InvalidDataError(
                f"{what} must be a 2-dimensional array (points × coordinates), got shape {raw.shape}"
            )
        raw = raw.tolist()
    try:
        try:
            return DataFile(to_fraction_matrix(raw, what=what))
        except InvalidNumberError as problem:
            if "float" not in str(problem):
                raise
            return DataFile(to_fraction_matrix(raw, what=what, allow_float=True), (FLOAT_NOTE,))
    except ValueError as error:
        raise InvalidDataError(str(error)) from error


def load_data(path: str | Path) -> DataFile:
    """Read the input points of ``path`` by extension: ``.npy``, ``.csv`` (commas; ``#`` comments), else JSON.

    Errors are :class:`InvalidDataError` naming the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = path.write_text("1,0.5\\n-2,3\\n")
    >>> load_data(path).points[0]
    (Fraction(1, 1), Fraction(1, 2))
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".npy":
            array = np.load(path, allow_pickle=False)
        elif suffix == ".csv":
            array = np.loadtxt(path, delimiter=",", ndmin=2, dtype=np.float64)
        else:
            return read_points(read_json_file(path, what="data", error=InvalidDataError), what=f"data file {path}")
    except (OSError, ValueError) as error:
        if isinstance(error, InvalidDataError):
            raise
        raise InvalidDataError(
            f"cannot read data file {str(path)!r}: {error}; give a .npy array, a .csv of "
            "numbers, or a JSON list of points"
        ) from error
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise InvalidDataError(f"data file {str(path)!r} holds {array.dtype} values; give real numbers")
    if np.issubdtype(array.dtype, np.integer):
        return read_points(array.astype(object), what=f"data file {path}")
    return read_points(array, what=f"data file {path}")


__all__ = ["DataFile", "FLOAT_NOTE", "load_data", "read_points"]
