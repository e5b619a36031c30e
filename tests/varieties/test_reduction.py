"""Reduction removes dead, disconnected, twin and foldable always-active neurons, never widens a layer,
and preserves the function (proved by same_function, confirmed by the exact forward pass)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from architectures import Architecture, Network, forward_pass
from symmetry_cases import random_network, random_points
from varieties.symmetry.identifiability import degenerate_examples, identifiability
from varieties.symmetry.reduction import reduce_network


def _check(original: Network, reduced: Network) -> None:
    before, after = original.architecture.widths, reduced.architecture.widths
    assert len(before) == len(after) and all(b >= a for b, a in zip(before, after))
    points = random_points(before[0], 80, seed=2, bound=40)
    assert (
        forward_pass(original.architecture, original.theta, points).outputs
        == forward_pass(reduced.architecture, reduced.theta, points).outputs
    )


@pytest.mark.parametrize("kind", sorted(degenerate_examples()))
@pytest.mark.slow
def test_each_degenerate_example_loses_a_neuron_and_keeps_its_function(kind):
    network = degenerate_examples()[kind]
    result = reduce_network(network)
    assert result.proof.same and result.removed >= 1
    _check(network, result.network)
    # what is left has a smaller excess of fibre over symmetry dimension
    before, after = identifiability(network), identifiability(result.network)
    assert (after.fibre_dimension - after.symmetry_dimension) < (before.fibre_dimension - before.symmetry_dimension)


@pytest.mark.parametrize("widths,bias", [((2, 3, 1), True), ((3, 3, 2), False), ((2, 2, 2, 1), True)])
def test_generic_networks_are_left_alone(widths, bias):
    network = random_network(widths, bias, seed=0)
    result = reduce_network(network)
    assert result.network == network and result.steps == () and result.proof.same


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.slow
def test_random_sparse_networks_never_widen_and_keep_their_function(seed):
    rng = np.random.default_rng(seed)
    architecture = Architecture((2, 4, 3, 1), bias=True)
    values = rng.integers(-2, 3, size=architecture.parameter_count)  # many zeros, ties and signs
    network = Network(architecture, tuple(Fraction(int(v)) for v in values))
    result = reduce_network(network)
    assert result.proof.same
    _check(network, result.network)


def test_a_network_computing_zero_keeps_one_silent_neuron_per_layer():
    network = Network.from_weights([[[1], [2]], [[0, 0]]], [[-1, -1], [0]])
    result = reduce_network(network)
    assert result.network.architecture.widths == (1, 1, 1) and result.proof.same
    assert all(v == 0 for v in result.network.theta)
