"""Regions of patterns: exact and float polytopes against the exact forward pass; emptiness; facets."""

from fractions import Fraction

import numpy as np
import pytest

from architectures.forward import forward_pass
from architectures.network_file import Network
from architectures.patterns import ActivationPattern
from distributions.float_network import FloatNetwork, affine_map_float, forward_float, indicator_to_pattern
from distributions.inputs import standard_normal
from distribution_cases import make_network
from distributions.region import (
    certify_nonempty,
    chebyshev_ball_float,
    facets_float,
    is_empty_float,
    pattern_region,
    pattern_region_float,
    projection_box_float,
    support_polytope,
)


def test_a_point_lies_in_the_exact_region_of_exactly_its_own_forward_pass_pattern():
    network = make_network((2, 3, 3, 1), seed=5)
    rng = np.random.default_rng(0)
    points = [[Fraction(int(v), 7) for v in rng.integers(-20, 21, size=2)] for _ in range(15)]
    patterns = forward_pass(network.architecture, network.theta, points).patterns
    for point, pattern in zip(points, patterns):
        assert pattern_region(network, pattern).contains(point)
        for other in set(patterns) - {pattern}:
            assert not pattern_region(network, other).contains(point)


def test_float_region_rows_agree_with_the_exact_region():
    network = make_network((3, 4, 2, 2), seed=6)
    pattern = ActivationPattern([[0, 2], [1]])
    exact, approximate = pattern_region(network, pattern), pattern_region_float(network, pattern)
    signs = np.where(approximate.active, 1.0, -1.0)
    for i, (layer, neuron, active, row, offset) in enumerate(exact.rows):
        assert (approximate.layer[i], approximate.neuron[i], approximate.active[i]) == (layer, neuron, active)
        assert np.allclose(approximate.G[i] * signs[i], [float(v) for v in row], atol=1e-12)
        assert abs(approximate.g[i] * signs[i] - float(offset)) < 1e-12


def test_affine_map_of_a_pattern_reproduces_the_forward_pass_inside_its_region():
    network = make_network((3, 5, 4, 2), seed=7)
    x = np.random.default_rng(1).normal(size=(50, 3))
    outputs, active = forward_float(network, x)
    for point, output, indicator in zip(x, outputs, active):
        M, c = affine_map_float(network, indicator_to_pattern(indicator, network.architecture.widths))
        assert np.allclose(M @ point + c, output, atol=1e-12)


def test_empty_regions_are_detected_and_nonempty_ones_certified_exactly():
    # f(x) = relu(x) then relu(−relu(x) − 1): the second neuron is never active.
    network = Network.from_weights([[[1]], [[-1]], [[1]]], [[0], [-1], [0]])
    gaussian = standard_normal(1)
    for pattern, empty in (
        (ActivationPattern([[0], [0]]), True),
        (ActivationPattern([[], [0]]), True),
        (ActivationPattern([[0], []]), False),
        (ActivationPattern([[], []]), False),
    ):
        polytope = support_polytope(pattern_region_float(network, pattern), gaussian)
        assert is_empty_float(polytope) == empty
        if not empty:
            centre, _ = chebyshev_ball_float(polytope.C, polytope.d)
            assert certify_nonempty(network, pattern, gaussian.mean + gaussian.factor @ centre)


@pytest.mark.slow
def test_crossing_each_facet_reaches_a_pattern_seen_by_sampling_nearby():
    network = FloatNetwork.of(make_network((2, 6, 1), seed=8))
    gaussian = standard_normal(2)
    start = indicator_to_pattern(forward_float(network, np.zeros((1, 2)))[1][0], network.widths)
    polytope = support_polytope(pattern_region_float(network, start), gaussian)
    centre, radius = chebyshev_ball_float(polytope.C, polytope.d)
    facets = facets_float(polytope.C, polytope.d, centre)
    # Independent route: the hyperplanes that bound the region are those a dense ring of rays leaves through.
    angles = np.linspace(0, 2 * np.pi, 20000, endpoint=False)
    directions = np.c_[np.cos(angles), np.sin(angles)]
    hit = set()
    for direction in directions:
        slope = polytope.C @ direction
        steps = np.where(slope < 0, -(polytope.C @ centre + polytope.d) / np.where(slope < 0, slope, 1), np.inf)
        if np.isfinite(steps.min()):
            hit.add(int(np.argmin(steps)))
    assert {row for facet in facets for row in facet.rows} == hit
    for facet in facets:  # the point across violates the facet's rows and keeps every other row
        others = [i for i in range(len(polytope.d)) if i not in facet.rows]
        assert np.all(polytope.C[others] @ facet.outside + polytope.d[others] > 0)
        assert min(polytope.C[list(facet.rows)] @ facet.outside + polytope.d[list(facet.rows)]) < 0


def test_projection_box_contains_sampled_points_of_the_region():
    network = make_network((2, 5, 1), seed=9)
    gaussian = standard_normal(2)
    u = np.random.default_rng(2).standard_normal((20000, 2))
    _, active = forward_float(network, u)
    pattern = indicator_to_pattern(active[0], network.architecture.widths)
    polytope = support_polytope(pattern_region_float(network, pattern), gaussian)
    lower, upper = projection_box_float(polytope.C, polytope.d)
    inside = u[np.all(active == active[0], axis=1)]
    assert np.all(inside >= lower - 1e-9) and np.all(inside <= upper + 1e-9)


@pytest.mark.slow
def test_float_emptiness_agrees_with_the_exact_simplex_on_every_pattern_of_small_networks():
    import itertools

    from distributions.region import has_interior_exact

    for seed, widths in enumerate([(2, 3, 2, 1), (1, 2, 2, 1), (2, 4, 1)]):
        network = make_network(widths, seed=20 + seed)
        gaussian = standard_normal(widths[0])
        hidden = widths[1:-1]
        for bits in itertools.product([0, 1], repeat=sum(hidden)):
            layers, start = [], 0
            for width in hidden:
                layers.append([i for i in range(width) if bits[start + i]])
                start += width
            pattern = ActivationPattern(layers)
            polytope = support_polytope(pattern_region_float(network, pattern), gaussian)
            assert is_empty_float(polytope) == (not has_interior_exact(network, pattern)), pattern
