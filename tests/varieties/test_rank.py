"""Rank constraints: every minor vanishes on the variety, some do not vanish off it."""

from __future__ import annotations


import flint
import numpy as np
import pytest
import sympy

from architectures import Architecture, TooManyMinorsError, random_parameters
from reference import affine_blocks
from varieties import OutputVariety, PatternVariety, minor_count, minors, rank_constraints
from worked_cases import worked_case_named

CASES = [
    worked_case_named("(3,3,3) {0,1},{1,2}").variety(),
    worked_case_named("(3,3,3) {0,1},{0,1,2}").variety(),
    worked_case_named("(3,2,3) {0,1}").variety(),
    worked_case_named("(2,2,2,2) (all,all),({0},all)").variety(),
    PatternVariety(Architecture((3, 2, 3), bias=True), [[[0]], [[0, 1]], [[1]]]),
    PatternVariety(Architecture((3, 3, 2, 3), bias=True), [[[0, 1], [0, 1]], [[0, 1], [1]], [[2], [0, 1]]]),
    PatternVariety(Architecture((4, 3, 4)), [[[0]], [[1]], [[2]]]),
    OutputVariety(
        Architecture((2, 2, 1), bias=True),
        [[1, 0], [0, 1], [1, 1], [2, 5], [-1, 3], [3, 2]],
        [0, 0, 0, 0, 1, 1],
        [[[0]], [[0, 1]]],
    ),
    OutputVariety(
        Architecture((2, 3, 3)), [[1, 0], [0, 1], [1, 2], [3, 1], [2, 2]], [0, 0, 1, 1, 1], [[[0]], [[1, 2]]]
    ),
]


def fmpq_point(values):
    return [flint.fmpq(v.numerator, v.denominator) for v in values]


@pytest.mark.parametrize("variety", CASES, ids=repr)
@pytest.mark.slow
def test_every_minor_vanishes_on_twenty_sampled_points(variety):
    polynomials = list(minors(variety.rank_constraints(), variety.context, max_count=5000))
    assert polynomials
    for seed in range(20):
        point = fmpq_point(variety.sample_point(seed=seed))
        assert all(p(*point) == 0 for p in polynomials)


@pytest.mark.parametrize("variety", CASES, ids=repr)
@pytest.mark.slow
def test_some_minor_does_not_vanish_at_a_random_ambient_point(variety):
    polynomials = list(minors(variety.rank_constraints(), variety.context))
    rng = np.random.default_rng(5)
    point = [flint.fmpq(int(rng.integers(-9, 10))) for _ in range(variety.ambient_dimension)]
    assert any(p(*point) != 0 for p in polynomials)


def test_the_three_cubics_are_the_determinants_of_math_section_4():
    variety = CASES[0]
    found = list(minors(variety.rank_constraints(), variety.context))
    symbols = variety.symbols()
    m1 = sympy.Matrix(3, 3, symbols[:9])
    m2 = sympy.Matrix(3, 3, symbols[9:])
    expected = [m1.det(), m2.det(), (m1 - m2).det()]
    got = [sympy.sympify(str(p).replace("^", "**"), locals={s.name: s for s in symbols}) for p in found]
    assert len(got) == 3
    for e, g in zip(expected, got):
        assert sympy.expand(e - g) == 0 or sympy.expand(e + g) == 0


def test_families_are_named_with_reasons_and_counted_before_expansion():
    families = rank_constraints(CASES[1])
    assert [(f.name, f.bound) for f in families] == [("rank M_0", 2), ("rank (M_0 − M_1)", 1)]
    assert "differs" in families[1].reason
    assert minor_count(families) == 1 + 9


def test_minors_are_deduplicated():
    variety = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]], [[0, 1]]])  # the same pattern twice
    polynomials = list(minors(variety.rank_constraints(), variety.context))
    keys = {str(p / p.leading_coefficient()) for p in polynomials}
    assert len(keys) == len(polynomials)
    # M_0 = M_1 gives the linear equations m_0_i_j − m_1_i_j
    assert sum(1 for p in polynomials if p.total_degree() == 1) == 9


def test_deep_difference_bound_holds_on_independent_products():
    variety = CASES[5]
    architecture = variety.architecture
    for family in variety.rank_constraints():
        for seed in range(5):
            theta = random_parameters(architecture, seed=seed)
            point = [
                x
                for block in affine_blocks(architecture.widths, True, theta, [p.as_lists() for p in variety.patterns])
                for row in block
                for x in row
            ]
            assert family.evaluate(point).rank() <= family.bound


def test_output_linear_equations_come_from_data_dependencies():
    variety = CASES[8]  # block 1 has 3 points in the plane: one dependency
    linear = [f for f in variety.rank_constraints() if f.bound == 0]
    assert [f.name for f in linear] == ["Y_1 · K_1 = 0"]
    equations = list(minors(linear, variety.context))
    assert len(equations) == 3 and all(e.total_degree() == 1 for e in equations)


def test_too_many_minors_are_refused_with_the_count():
    variety = PatternVariety(Architecture((6, 6, 6)), [[[0, 1]], [[2, 3]], [[4, 5]]])
    count = minor_count(variety.rank_constraints())
    with pytest.raises(TooManyMinorsError, match=str(count)):
        minors(variety.rank_constraints(), variety.context, max_count=10)
