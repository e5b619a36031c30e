"""Exact activation regions: interior points carry the stated pattern, pieces match the forward pass,
and the region count matches Zaslavsky's count for lines in general position."""

from __future__ import annotations

from fractions import Fraction

import pytest

from architectures import forward_pass
from symmetry_cases import random_network
from varieties.symmetry.regions import activation_regions, interior_point


@pytest.mark.parametrize("widths,bias", [((2, 4, 1), True), ((2, 3, 3, 2), True), ((3, 3, 2), False)])
def test_each_region_point_has_the_regions_pattern_and_the_piece_gives_the_output(widths, bias):
    network = random_network(widths, bias, seed=2)
    for region in activation_regions(network):
        result = forward_pass(network.architecture, network.theta, [region.point])
        assert result.patterns[0] == region.patterns[0]
        for row, value in zip(region.pieces[0], result.outputs[0]):
            assert sum((a * x for a, x in zip(row, region.point)), row[-1]) == value
        assert all(sum((a * x for a, x in zip(r, region.point)), r[-1]) > 0 for r in region.inequalities)


@pytest.mark.parametrize("neurons", [1, 2, 3, 5])
def test_shallow_regions_number_one_plus_n_plus_n_choose_two(neurons):
    # n generic lines cut the plane into 1 + n + n(n−1)/2 regions (Zaslavsky)
    network = random_network((2, neurons, 1), True, seed=neurons)
    assert len(activation_regions(network)) == 1 + neurons + neurons * (neurons - 1) // 2


def test_interior_point_decides_emptiness_of_open_polyhedra():
    square = [
        (Fraction(1), Fraction(0), Fraction(0)),
        (Fraction(0), Fraction(1), Fraction(0)),
        (Fraction(-1), Fraction(0), Fraction(1)),
        (Fraction(0), Fraction(-1), Fraction(1)),
    ]
    point, slack = interior_point(square, 2)
    assert all(0 < x < 1 for x in point) and slack > 0
    # x + y > 2 is impossible inside the unit square; x + y = 2 touches only its closure
    assert interior_point(square + [(Fraction(1), Fraction(1), Fraction(-2))], 2) is None
    assert interior_point(square + [(Fraction(1), Fraction(1), Fraction(-1))], 2) is not None
