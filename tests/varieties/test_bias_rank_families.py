"""Rank families with biases: the linear parts M_k and the centred columns [M_a | M_b | c_b − c_a].

Each emitted family is checked on exact points of the variety (rank within the bound) and off it (a
random point breaks the bound); the certified dimension against the exact Jacobian rank; and the minors
against Singular's elimination ideal of the parametrisation.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from architectures import Architecture
from varieties import PatternVariety
from varieties.minors import minors

BIAS_CASES = [
    ((3, 2, 3), [[[0]], [[1]]]),
    ((3, 2, 3), [[[0, 1]], [[1]]]),
    ((3, 3, 3), [[[0, 1]], [[1, 2]]]),
    ((2, 3, 2), [[[0]], [[1, 2]]]),
    ((2, 2, 2, 2), [[[0, 1], [0]], [[0], [0, 1]]]),
]


def bias_variety(widths, patterns) -> PatternVariety:
    return PatternVariety(Architecture(widths, bias=True), patterns)


def new_families(variety: PatternVariety):
    return [family for family in variety.rank_constraints() if "lin M_" in family.name]


def test_323_with_biases_lists_the_linear_part_and_centred_families():
    names = {family.name: family.bound for family in bias_variety((3, 2, 3), [[[0]], [[1]]]).rank_constraints()}
    assert names["rank lin M_0"] == 1 and names["rank lin M_1"] == 1
    assert names["rank [lin M_0 | lin M_1 | c_1 − c_0]"] == 2


def test_no_linear_part_families_without_biases():
    variety = PatternVariety(Architecture((3, 2, 3)), [[[0]], [[1]]])
    assert not new_families(variety)


@pytest.mark.parametrize("widths, patterns", BIAS_CASES)
def test_families_hold_on_the_variety_and_fail_off_it(widths, patterns):
    variety = bias_variety(widths, patterns)
    families = new_families(variety)
    for seed in range(4):
        point = variety.sample_point(seed=seed)
        for family in families:
            assert family.evaluate(point).rank() <= family.bound, family.name
    rng = random.Random(7)
    off = [Fraction(rng.randint(-50, 50)) for _ in range(variety.ambient_dimension)]
    for family in families:
        assert family.evaluate(off).rank() > family.bound, family.name


@pytest.mark.parametrize("widths, patterns", BIAS_CASES)
def test_certified_dimension_equals_the_exact_jacobian_rank(widths, patterns):
    result = bias_variety(widths, patterns).dimension(exact=True)
    assert result.certified
    assert result.dimension == result.exact_rank == result.upper_bound


@pytest.mark.singular
@pytest.mark.parametrize("widths, patterns", BIAS_CASES)
@pytest.mark.slow
def test_minors_generate_the_elimination_ideal(widths, patterns):
    """Bias cases, shallow and deep: the minors of all families generate exactly Singular's elimination ideal;
    without the new families they do not for (3,2,3) with patterns {0}, {1}."""
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    variety = bias_variety(widths, patterns)
    eliminated = eliminate(variety.parametrisation, backend="singular")
    assert ideals_equal(
        eliminated, list(minors(variety.rank_constraints(), variety.context)), variety.context, backend="singular"
    )
    if (widths, patterns) == BIAS_CASES[0]:
        old = [family for family in variety.rank_constraints() if "lin M_" not in family.name]
        assert not ideals_equal(eliminated, list(minors(old, variety.context)), variety.context, backend="singular")
