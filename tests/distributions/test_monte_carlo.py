"""The Monte Carlo route's forward pass against the exact forward pass of architectures."""

from fractions import Fraction

import numpy as np

from architectures.forward import forward_pass
from distribution_cases import make_network
from distributions.float_network import forward_float, indicator_to_pattern
from distributions.inputs import standard_normal
from distributions.monte_carlo import monte_carlo_float


def test_float_forward_pass_agrees_with_the_exact_one():
    network = make_network((3, 4, 3, 2), seed=51)
    x = np.random.default_rng(0).normal(size=(30, 3))
    outputs, active = forward_float(network, x)
    exact = forward_pass(network.architecture, network.theta, [[Fraction(v) for v in row] for row in x])
    assert np.allclose(outputs, [[float(v) for v in row] for row in exact.outputs], atol=1e-12)
    assert [indicator_to_pattern(a, network.architecture.widths) for a in active] == list(exact.patterns)


def test_pattern_frequencies_are_seeded_and_sum_to_one():
    network = make_network((2, 5, 1), seed=52)
    first = monte_carlo_float(network, standard_normal(2), 50000, seed=3, chunk=7000)
    second = monte_carlo_float(network, standard_normal(2), 50000, seed=3, chunk=7000)
    assert first.frequencies == second.frequencies
    assert abs(sum(first.frequencies.values()) - 1) < 1e-12
