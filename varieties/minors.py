"""Minors of rank families, expanded lazily into polynomials in the coordinates (python-flint).

The determinantal equations of docs/mathematics.md#rank-families: a family with bound r contributes its (r+1)-minors.
"""

from __future__ import annotations

import itertools
from typing import Iterator, Sequence

import flint

from architectures.errors import TooManyMinorsError
from varieties.rank import LinearForm, RankFamily, fmpq


def minor_count(families: Sequence[RankFamily]) -> int:
    """The number of minors :func:`minors` would expand, before removing zeros and duplicates.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> minor_count(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]]).rank_constraints())
    3
    """
    return sum(family.minor_count for family in families)


def minors(
    families: RankFamily | Sequence[RankFamily], context: flint.fmpq_mpoly_ctx, *, max_count: int | None = None
) -> Iterator[flint.fmpq_mpoly]:
    """Yield the (bound+1)-minors of the families as polynomials, lazily, without zeros or duplicates.

    Duplicates are removed up to a non-zero scalar (each minor is yielded as first met). With
    ``max_count``, a request for more minors than that is refused up front, with the count.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> v = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]])
    >>> [g.total_degree() for g in minors(v.rank_constraints(), v.context)]
    [3]
    """
    if isinstance(families, RankFamily):
        families = [families]
    total = minor_count(families)
    if max_count is not None and total > max_count:
        raise TooManyMinorsError(
            f"these rank families have {total} minors, more than the {max_count} allowed; raise the limit "
            "(--max N), or choose fewer families"
        )
    return _expand(list(families), context)


def _expand(families: list[RankFamily], context: flint.fmpq_mpoly_ctx) -> Iterator[flint.fmpq_mpoly]:
    generators = context.gens()
    zero = context.from_dict({})
    seen: set[str] = set()
    for family in families:
        entries = [[linear_polynomial(form, generators, zero) for form in row] for row in family.matrix]
        rows, columns = family.shape
        size = family.minor_size
        for row_subset in itertools.combinations(range(rows), size):
            for column_subset in itertools.combinations(range(columns), size):
                minor = determinant([[entries[r][c] for c in column_subset] for r in row_subset])
                if minor.is_zero():
                    continue
                key = str(minor / minor.leading_coefficient())
                if key in seen:
                    continue
                seen.add(key)
                yield minor


def to_sympy_string(polynomial: flint.fmpq_mpoly) -> str:
    """A polynomial in sympy syntax (``**`` for powers), as the command line and JSON print them.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y, z = ctx.gens()
    >>> to_sympy_string(y**2 - flint.fmpq(3, 4) * z)
    'y_0_0**2 - 3/4*y_0_1'
    """
    return str(polynomial).replace("^", "**")


def linear_polynomial(
    form: LinearForm, generators: Sequence[flint.fmpq_mpoly], zero: flint.fmpq_mpoly
) -> flint.fmpq_mpoly:
    """The polynomial Σ c_i x_i of a linear form."""
    total = zero
    for index, coefficient in form.items():
        total = total + fmpq(coefficient) * generators[index]
    return total


def determinant(matrix: list[list[flint.fmpq_mpoly]]) -> flint.fmpq_mpoly:
    """Determinant by Laplace expansion along rows, memoised on the columns still free (k·2^k products).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c", "d"), "degrevlex")
    >>> a, b, c, d = ctx.gens()
    >>> str(determinant([[a, b], [c, d]]))
    '-b*c + a*d'
    """
    size = len(matrix)
    one = matrix[0][0] ** 0
    memo: dict[tuple[int, ...], flint.fmpq_mpoly] = {}

    def expand(row: int, columns: tuple[int, ...]) -> flint.fmpq_mpoly:
        if row == size:
            return one
        if columns in memo:
            return memo[columns]
        total = one * 0
        for position, column in enumerate(columns):
            entry = matrix[row][column]
            if entry.is_zero():
                continue
            term = entry * expand(row + 1, columns[:position] + columns[position + 1 :])
            total = total - term if position % 2 else total + term
        memo[columns] = total
        return total

    return expand(0, tuple(range(size)))
