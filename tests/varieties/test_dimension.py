"""Dimensions: the worked cases of docs/mathematics.md#dimension, and a sweep against an independent exact route."""

from __future__ import annotations

import numpy as np
import pytest

from architectures import Architecture, PrimeTooSmallError, random_parameters
from reference import jacobian_by_differences, pattern_coordinates, rank_over_q
from varieties import OutputVariety, PatternVariety, dimension, expected_dimension, is_defective
from worked_cases import worked_case_named


def test_worked_cases_are_certified(worked_case):
    variety = worked_case.variety()
    result = dimension(variety)
    assert (result.dimension, result.ambient_dimension) == (worked_case.dimension, worked_case.ambient)
    assert result.certified and result.lower_bound == result.upper_bound == worked_case.dimension
    assert is_defective(variety) == worked_case.defective


def test_refined_count_sees_the_shared_signature():
    counts = expected_dimension(worked_case_named("(3,3,3) {0,1},{0,1,2}").variety())
    assert (counts.naive, counts.refined) == (15, 13)
    deep = expected_dimension(worked_case_named("(2,2,2,2) (all,all),({0},all)").variety())
    assert deep.naive == 12 - 4


def random_case(rng: np.random.Generator) -> tuple[Architecture, list]:
    depth = int(rng.integers(2, 4))
    widths = tuple(int(w) for w in rng.integers(1, 4, size=depth + 1))
    architecture = Architecture(widths, bias=bool(rng.integers(2)))
    blocks = int(rng.integers(1, 4))
    patterns = [
        [[j for j in range(w) if rng.random() < 0.6] for w in architecture.hidden_widths] for _ in range(blocks)
    ]
    return architecture, patterns


SWEEP = [random_case(np.random.default_rng(seed)) for seed in range(60)]


@pytest.mark.parametrize("architecture, patterns", SWEEP, ids=lambda x: str(x))
def test_jacobian_rank_agrees_with_exact_rank_of_an_independent_jacobian(architecture, patterns):
    """The modular generic rank equals the rank over Q of the Jacobian built by exact differences of an
    independent evaluator at random rational points, and lies between the proven bounds."""
    variety = PatternVariety(architecture, patterns)
    result = dimension(variety, seed=1)
    widths, bias = architecture.widths, architecture.bias
    independent = max(
        rank_over_q(
            jacobian_by_differences(
                lambda t: pattern_coordinates(widths, bias, t, patterns),
                random_parameters(architecture, seed=seed, bound=50, denominator=7),
            )
        )
        for seed in range(2)
    )
    assert result.dimension == independent
    assert result.lower_bound <= independent <= result.upper_bound


def test_output_variety_of_spanning_blocks_has_the_pattern_variety_dimension():
    architecture = Architecture((2, 3, 2), bias=True)
    patterns = [[[0, 1]], [[1, 2]]]
    data = [[1, 0], [0, 1], [1, 1], [2, 3], [-1, 2], [5, -1], [3, 3]]
    output = OutputVariety(architecture, data, [0, 0, 0, 0, 1, 1, 1], patterns)
    pattern = PatternVariety(architecture, patterns)
    assert dimension(output).dimension == dimension(pattern).dimension
    assert dimension(output).certified


def test_output_variety_with_dependent_points_is_smaller():
    architecture = Architecture((3, 3, 2))
    data = [[1, 0, 0], [0, 1, 0], [1, 1, 0], [2, -1, 0]]  # span a plane only
    output = OutputVariety(architecture, data, [0, 0, 0, 0], [[[0, 1, 2]]])
    result = dimension(output)
    assert result.dimension == 2 * 2 and result.certified  # Y = M·X with X of rank 2


def test_exact_rank_is_a_lower_bound():
    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    result = dimension(variety, exact=True)
    assert result.exact_rank == 15 and result.lower_bound == 15


def test_failure_probability_is_stated_and_small():
    result = dimension(worked_case_named("(3,3,3) {0,1},{1,2}").variety())
    assert 0 < result.failure_probability < 1e-7


@pytest.mark.parametrize("prime", [101, 2**20 - 3, 2**31 + 11, 1 << 25])
def test_prime_too_small_or_not_prime_is_refused(prime):
    with pytest.raises(PrimeTooSmallError):
        dimension(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]]]), prime=prime)
