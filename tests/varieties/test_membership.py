"""Membership: proved off the variety by a violated rank bound, undecided without generators."""

from __future__ import annotations

import pytest

from architectures import InvalidDataError
from worked_cases import worked_case_named


def test_point_off_the_variety_is_refused_with_the_violated_family():
    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    identity = [1, 0, 0, 0, 1, 0, 0, 0, 1]
    result = variety.contains(identity + [0] * 9)
    assert result.member is False and "rank M_0" in result.reason


def test_sampled_points_are_not_refused():
    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    for seed in range(5):
        assert variety.contains(variety.sample_point(seed=seed)).member is None


def test_undecided_membership_refuses_to_be_a_boolean():
    variety = worked_case_named("(3,2,3) {0,1}").variety()
    with pytest.raises(ValueError, match="undecided"):
        bool(variety.contains(variety.sample_point(seed=0)))


def test_wrong_length_point_is_a_clear_error():
    with pytest.raises(InvalidDataError, match="9-dimensional"):
        worked_case_named("(3,2,3) {0,1}").variety().contains([1, 2, 3])
