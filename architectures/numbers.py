"""Exact numbers at the toolkit's boundary: everything becomes a ``fractions.Fraction``.

Integers, Fractions, ``"p/q"`` and decimal strings, sympy Rationals and flint fmpq are read exactly;
floats only where a caller asks for it, converted to the exact binary value they hold.
"""
from __future__ import annotations

import math
import numbers
from fractions import Fraction
from typing import Any, Iterable, Sequence

from architectures.errors import InvalidNumberError

ExactMatrix = tuple[tuple[Fraction, ...], ...]


def to_fraction(value: Any, *, what: str = "number", allow_float: bool = False) -> Fraction:
    """Read ``value`` as an exact rational.

    Floats are refused unless ``allow_float``; then they convert to the exact binary value they
    hold (``Fraction(0.1) != Fraction(1, 10)``). NaN and infinities are always refused.

    Examples
    --------
    >>> to_fraction("3/4"), to_fraction(2), to_fraction("0.25")
    (Fraction(3, 4), Fraction(2, 1), Fraction(1, 4))
    """
    if isinstance(value, bool):
        raise InvalidNumberError(f"{what}: got the boolean {value!r}; give an integer or a rational")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, str):
        try:
            result = Fraction(value.strip())
        except (ValueError, ZeroDivisionError) as error:
            raise InvalidNumberError(
                f"{what}: cannot read {value!r} as an exact rational; write it as '3', '-3/4' or '0.75'"
            ) from error
        return result
    if isinstance(value, float) or _is_numpy_float(value):
        if not math.isfinite(float(value)):
            raise InvalidNumberError(f"{what}: got {value!r}; only finite numbers are allowed")
        if not allow_float:
            raise InvalidNumberError(
                f"{what}: got the float {value!r}; floats are not exact, give an integer, a Fraction "
                "or a string such as '1/3' (or pass allow_float=True to take its exact binary value)"
            )
        return Fraction(float(value))
    if isinstance(value, numbers.Integral):  # numpy and sympy integers
        return Fraction(int(value))
    numerator = getattr(value, "p", None)
    denominator = getattr(value, "q", None)
    if numerator is not None and denominator is not None:  # sympy Rational, flint fmpq
        return Fraction(int(numerator), int(denominator))
    raise InvalidNumberError(
        f"{what}: cannot read {value!r} (type {type(value).__name__}) as an exact rational"
    )


def _is_numpy_float(value: Any) -> bool:
    return type(value).__module__ == "numpy" and isinstance(value, numbers.Real) and not isinstance(
        value, numbers.Integral
    )


def to_fraction_vector(values: Iterable[Any], *, what: str, allow_float: bool = False) -> tuple[Fraction, ...]:
    """Read a flat sequence of numbers exactly (see :func:`to_fraction`)."""
    return tuple(
        to_fraction(value, what=f"{what}[{index}]", allow_float=allow_float)
        for index, value in enumerate(values)
    )


def to_fraction_matrix(
    rows: Any, *, what: str, columns: int | None = None, allow_float: bool = False
) -> ExactMatrix:
    """Read a list of rows exactly; every row must have ``columns`` entries when it is given.

    Examples
    --------
    >>> to_fraction_matrix([[1, "1/2"]], what="X", columns=2)
    ((Fraction(1, 1), Fraction(1, 2)),)
    """
    if hasattr(rows, "tolist"):
        rows = rows.tolist()
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Sequence):
        raise InvalidNumberError(f"{what}: expected a list of rows, got {type(rows).__name__}")
    matrix = []
    for index, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence):
            raise InvalidNumberError(f"{what}: row {index} is {row!r}, expected a list of numbers")
        if columns is not None and len(row) != columns:
            raise InvalidNumberError(
                f"{what}: row {index} has {len(row)} entries, expected {columns}"
            )
        matrix.append(to_fraction_vector(row, what=f"{what}[{index}]", allow_float=allow_float))
    return tuple(matrix)


def fraction_to_string(value: Fraction) -> str:
    """The exact string form used in JSON: ``'3'`` or ``'-3/4'``.

    Examples
    --------
    >>> fraction_to_string(Fraction(-3, 4))
    '-3/4'
    """
    return str(value)
