"""Exact feasibility of systems of linear inequalities A x ≤ b over Q (free x), by a small simplex.

Used by ``architectures.realisability``. A dedicated exact routine because sympy 1.14's rational
``linprog`` returns points violating the constraints on some systems (e.g. the one in the tests).
Phase one of the simplex method on Fractions, with Bland's rule so that it always terminates.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from architectures.errors import ComputationTooLargeError, InvalidNumberError
from architectures.numbers import to_fraction_vector


class PivotBudget:
    """A bound on the work of one or more simplex runs, counted in tableau entries updated.

    Each pivot on an m-row tableau of width w costs m·w; :meth:`spend` raises
    :class:`ComputationTooLargeError` once the total would exceed ``limit``. Deterministic (no clock).

    Examples
    --------
    >>> budget = PivotBudget(100)
    >>> budget.spend(60); budget.used
    60
    >>> budget.spend(60)
    Traceback (most recent call last):
    ...
    architectures.errors.ComputationTooLargeError: the exact LPs need more than 100 tableau updates (the budget); ...
    """

    def __init__(self, limit: int) -> None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise InvalidNumberError(f"a pivot budget is a non-negative integer, got {limit!r}")
        self.limit = limit
        self.used = 0

    def spend(self, cells: int) -> None:
        """Record ``cells`` tableau updates, or raise if that exceeds the budget."""
        if self.used + cells > self.limit:
            raise ComputationTooLargeError(
                f"the exact LPs need more than {self.limit} tableau updates (the budget); give a larger budget "
                "or fewer data points"
            )
        self.used += cells


def feasible_point(
    matrix: Sequence[Sequence[Any]], bounds: Sequence[Any], budget: PivotBudget | None = None
) -> tuple[Fraction, ...] | None:
    """A rational x with ``matrix · x ≤ bounds`` (x free), or None when there is none. Exact.

    Phase one of the simplex method: x = u − v with u, v ≥ 0, a slack and an artificial variable
    per row; the artificials' sum is minimised with Bland's rule. The answer is checked exactly.
    With a ``budget``, every pivot is charged to it (it raises :class:`ComputationTooLargeError`).

    Examples
    --------
    >>> feasible_point([[1, 1], [-1, 0], [0, -1]], [2, -1, -1])
    (Fraction(1, 1), Fraction(1, 1))
    >>> feasible_point([[1], [-1]], [0, -1]) is None  # x ≤ 0 and x ≥ 1
    True
    """
    rows = [to_fraction_vector(row, what=f"matrix[{index}]") for index, row in enumerate(matrix)]
    rhs = to_fraction_vector(bounds, what="bounds")
    if len(rows) != len(rhs):
        raise InvalidNumberError(f"matrix has {len(rows)} rows but bounds has {len(rhs)} entries")
    if not rows:
        return None
    n = len(rows[0])
    if any(len(row) != n for row in rows):
        raise InvalidNumberError("every row of the matrix must have the same length")
    m = len(rows)
    # Columns: u (n), v (n), slack (m), artificial (m); then the right-hand side.
    width = 2 * n + 2 * m
    tableau: list[list[Fraction]] = []
    for i, (row, b) in enumerate(zip(rows, rhs)):
        sign = -1 if b < 0 else 1
        line = [sign * a for a in row] + [-sign * a for a in row] + [Fraction(0)] * (2 * m) + [sign * b]
        line[2 * n + i] = Fraction(sign)
        line[2 * n + m + i] = Fraction(1)
        tableau.append(line)
    basis = [2 * n + m + i for i in range(m)]
    # Reduced costs of "minimise the sum of artificials": −(sum of rows) off the artificial columns.
    cost = [Fraction(0)] * (width + 1)
    for line in tableau:
        for j in range(2 * n + m):
            cost[j] -= line[j]
        cost[width] -= line[width]
    while True:
        entering = next((j for j in range(width) if cost[j] < 0), None)
        if entering is None:
            break
        leaving, best = None, None
        for i, line in enumerate(tableau):
            if line[entering] > 0:
                ratio = line[width] / line[entering]
                if (
                    best is None
                    or ratio < best
                    or (ratio == best and leaving is not None and basis[i] < basis[leaving])
                ):
                    leaving, best = i, ratio
        if leaving is None:  # pragma: no cover - phase one is bounded below by 0
            raise AssertionError("unbounded phase one")
        if budget is not None:
            budget.spend(m * (width + 1))
        pivot_line = tableau[leaving]
        pivot = pivot_line[entering]
        tableau[leaving] = pivot_line = [value / pivot for value in pivot_line]
        for i, line in enumerate(tableau):
            if i != leaving and line[entering] != 0:
                factor = line[entering]
                tableau[i] = [a - factor * p for a, p in zip(line, pivot_line)]
        factor = cost[entering]
        cost = [a - factor * p for a, p in zip(cost, pivot_line)]
        basis[leaving] = entering
    if cost[width] != 0:  # the artificials' minimum sum −cost[width] is positive: infeasible
        return None
    values = [Fraction(0)] * width
    for i, column in enumerate(basis):
        values[column] = tableau[i][width]
    point = tuple(values[j] - values[n + j] for j in range(n))
    if any(sum((a * x for a, x in zip(row, point)), Fraction(0)) > b for row, b in zip(rows, rhs)):
        raise AssertionError("the exact simplex returned an infeasible point; please report this")  # pragma: no cover
    return point


__all__ = ["PivotBudget", "feasible_point"]
