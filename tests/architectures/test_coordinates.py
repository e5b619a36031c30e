"""Coordinates as records: each record names its coordinate and sits where the parametrisation puts
the entry it describes (checked against the block positions, a different route)."""

from __future__ import annotations

import pytest

from architectures import Architecture
from architectures.coordinates import MapEntry, OutputEntry
from architectures.parametrisation import output_parametrisation, pattern_parametrisation
from architectures.patterns import PatternAssignment, as_patterns


@pytest.mark.parametrize("widths, bias", [((3, 3, 3), False), ((2, 3, 2), True)])
def test_a_pattern_coordinate_is_the_map_entry_at_its_position(widths, bias):
    architecture = Architecture(widths, bias=bias)
    f = pattern_parametrisation(architecture, [[[0, 1]], [[1, 2]], [[0]]])
    assert len(f.coordinates) == f.ambient_dimension == len(set(f.coordinates))
    for block, positions in enumerate(f.positions):
        for (row, column), index in zip(
            ((r, c) for r in range(positions.shape[0]) for c in range(positions.shape[1])), positions.ravel()
        ):
            assert f.coordinates[index] == MapEntry(block, row, column)
            assert f.coordinate_names[index] == f"m_{block}_{row}_{column}"


def test_an_output_coordinate_is_the_output_at_its_point():
    architecture = Architecture((2, 2, 2))
    patterns = as_patterns([[[0]], [[0, 1]]], architecture)
    assignment = PatternAssignment(patterns, (1, 0, 1))
    f = output_parametrisation(architecture, [[1, 2], [3, -1], [0, 5]], assignment)
    for block, points in enumerate(assignment.blocks):
        for row in range(2):
            for k, point in enumerate(points):
                index = f.positions[block][row, k]
                assert f.coordinates[index] == OutputEntry(row, point)
                assert f.coordinate_names[index] == f"y_{row}_{point}"
