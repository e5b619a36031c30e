"""Exact numbers at the toolkit's boundary: everything becomes a ``fractions.Fraction``.

Integers, Fractions, ``"p/q"`` and decimal strings, sympy Rationals and flint fmpq are read exactly;
floats only where a caller asks for it, converted to the exact binary value they hold.
"""

from __future__ import annotations

import math
import numbers
import re
from fractions import Fraction
from typing import Any, Iterable, Sequence

from architectures.errors import InvalidNumberError

ExactMatrix = tuple[tuple[Fraction, ...], ...]

#: The most decimal digits an exact number read from text may expand to (numerator or denominator,
#: exponent included): ``"1e99999999"`` is refused before it is expanded. Below Python's own limit
#: of 4300 digits for ``int(str)``, so every refusal is ours and says what to do.
MAX_EXACT_DIGITS = 4000

_DECIMAL = re.compile(r"[+-]?(?P<integer>\d*)(?:\.(?P<fraction>\d*))?(?:[eE](?P<exponent>[+-]?\d+))?")
_RATIO = re.compile(r"[+-]?(?P<numerator>\d+)\s*/\s*[+-]?(?P<denominator>\d+)")


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
        check_digit_count(value, what=what)
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
    raise InvalidNumberError(f"{what}: cannot read {value!r} (type {type(value).__name__}) as an exact rational")


def check_digit_count(text: str, *, what: str = "number", limit: int = MAX_EXACT_DIGITS) -> None:
    """Refuse a decimal or ``p/q`` string whose exact value would have more than ``limit`` digits.

    Counts digits and exponent without expanding anything, so ``"1e99999999"`` is refused at once.

    Examples
    --------
    >>> check_digit_count("12.5e3")
    >>> check_digit_count("1e99999999")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidNumberError: number: '1e99999999' would expand to about 100000000 digits, more than the 4000 allowed; give the value with fewer digits (round it, or rescale the problem)
    """
    stripped = text.strip()
    digits = 0
    ratio = _RATIO.fullmatch(stripped)
    if ratio is not None:
        digits = max(len(ratio["numerator"]), len(ratio["denominator"]))
    elif (decimal := _DECIMAL.fullmatch(stripped)) is not None:
        exponent_text = decimal["exponent"] or "0"
        exponent = abs(int(exponent_text)) if len(exponent_text) <= 15 else 10**15
        digits = len(decimal["integer"]) + len(decimal["fraction"] or "") + exponent
    else:
        digits = len(stripped)
    if digits > limit:
        shown = stripped if len(stripped) <= 40 else f"{stripped[:20]}…{stripped[-10:]} ({len(stripped)} characters)"
        raise InvalidNumberError(
            f"{what}: {shown!r} would expand to about {digits} digits, more than the {limit} allowed; "
            "give the value with fewer digits (round it, or rescale the problem)"
        )


def _is_numpy_float(value: Any) -> bool:
    return (
        type(value).__module__ == "numpy"
        and isinstance(value, numbers.Real)
        and not isinstance(value, numbers.Integral)
    )


def to_fraction_vector(values: Iterable[Any], *, what: str, allow_float: bool = False) -> tuple[Fraction, ...]:
    """Read a flat sequence of numbers exactly (see :func:`to_fraction`)."""
    return tuple(
        to_fraction(value, what=f"{what}[{index}]", allow_float=allow_float) for index, value in enumerate(values)
    )


def to_fraction_matrix(rows: Any, *, what: str, columns: int | None = None, allow_float: bool = False) -> ExactMatrix:
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
            raise InvalidNumberError(f"{what}: row {index} has {len(row)} entries, expected {columns}")
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
