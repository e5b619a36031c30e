"""The exact simplex agrees with scipy's HiGHS on random systems and its points satisfy them exactly."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import linprog

from architectures.errors import InvalidNumberError
from architectures.exact_lp import feasible_point


def test_a_system_on_which_sympy_simplex_returns_an_infeasible_point():
    matrix = [[-1, 0, -1], [0, 1, 1], [1, 1, -1]]
    bounds = [-1, 0, -1]
    point = feasible_point(matrix, bounds)
    assert point is not None
    assert all(sum(Fraction(a) * x for a, x in zip(row, point)) <= b for row, b in zip(matrix, bounds))


@pytest.mark.parametrize("seed", range(4))
def test_feasibility_agrees_with_scipy_highs_on_random_systems(seed):
    rng = np.random.default_rng(seed)
    verdicts = set()
    for _ in range(60):
        rows, columns = int(rng.integers(1, 9)), int(rng.integers(1, 5))
        matrix = rng.integers(-3, 4, size=(rows, columns))
        bounds = rng.integers(-3, 3, size=rows)
        point = feasible_point(matrix.tolist(), bounds.tolist())
        reference = linprog(np.zeros(columns), A_ub=matrix, b_ub=bounds, bounds=(None, None), method="highs")
        assert (point is not None) == (reference.status == 0)
        if point is not None:
            assert all(sum(int(a) * x for a, x in zip(row, point)) <= int(b) for row, b in zip(matrix, bounds))
        verdicts.add(point is not None)
    assert verdicts == {True, False}


def test_rows_of_unequal_length_are_refused():
    with pytest.raises(InvalidNumberError, match="same length"):
        feasible_point([[1, 2], [1]], [0, 0])
    with pytest.raises(InvalidNumberError, match="rows"):
        feasible_point([[1, 2]], [0, 0])
