"""Same-function decisions agree with the symmetry test generically, find the extra equivalences of
degenerate networks, and every 'different' verdict comes with a witness the forward pass confirms."""

from __future__ import annotations

from fractions import Fraction

import pytest

from architectures import Architecture, Network, forward_pass
from architectures.errors import MismatchedArchitecturesError
from symmetry_cases import random_network, random_points
from varieties.symmetry.identifiability import degenerate_examples
from varieties.symmetry.same_function import same_function, same_function_on
from varieties.symmetry.symmetries import equivalent, random_symmetry

GENERIC = [((2, 3, 1), True), ((2, 3, 2), False), ((3, 3, 1), True), ((2, 2, 2, 1), True), ((1, 3, 2, 1), True)]


def _outputs(network: Network, point):
    return forward_pass(network.architecture, network.theta, [point]).outputs[0]


@pytest.mark.parametrize("widths,bias", GENERIC)
@pytest.mark.slow
def test_on_generic_parameters_same_function_agrees_with_the_symmetry_test(widths, bias):
    network = random_network(widths, bias, seed=1)
    architecture = network.architecture
    moved = Network(architecture, random_symmetry(architecture, seed=2).act(network.theta))
    assert equivalent(architecture, network.theta, moved.theta)
    assert same_function(network, moved).same
    perturbed = list(moved.theta)
    perturbed[1] += Fraction(1, 3)
    other = Network(architecture, perturbed)
    assert not equivalent(architecture, network.theta, other.theta)
    verdict = same_function(network, other)
    assert not verdict.same
    assert _outputs(network, verdict.witness) != _outputs(other, verdict.witness)


def test_a_witness_is_found_when_the_networks_differ_only_on_one_far_region():
    # f = relu(x) and h = relu(x) + relu(x − 5) differ only for x > 5
    f = Network.from_weights([[[1], [1]], [[1, 0]]], [[0, -5], [0]])
    h = Network.from_weights([[[1], [1]], [[1, 1]]], [[0, -5], [0]])
    verdict = same_function(f, h)
    assert not verdict.same and verdict.witness[0] > 5
    assert _outputs(f, verdict.witness) != _outputs(h, verdict.witness)


@pytest.mark.parametrize("kind", ["dead", "twins", "zero-outgoing", "constant neuron", "always-active"])
def test_degenerate_examples_have_equivalences_the_symmetry_group_misses(kind):
    network = degenerate_examples()[kind]
    architecture = network.architecture
    layers = [[list(map(list, w)), list(b)] for w, b in network.layers()]
    # a change that keeps the function for a reason outside the group
    if kind == "dead":  # the dead neuron's outgoing weight
        layers[1][0][0][2] += 7
    elif kind == "twins":  # h_1 = 2 h_0: move outgoing weight between the twins
        layers[1][0][0][0] += 2
        layers[1][0][0][1] -= 1
    elif kind == "zero-outgoing":  # incoming weights of a neuron feeding nothing
        layers[0][0][2] = [Fraction(5), Fraction(-4)]
    elif kind == "constant neuron":  # the constant 2 neuron's outgoing weight against the output bias
        layers[1][0][0][2] += 1
        layers[1][1][0] -= 2
    else:  # h_1 = 2 h_0 + 3 on every input (both always active)
        layers[2][0][0][0] += 2
        layers[2][0][0][1] -= 1
        layers[2][1][0] += 3
    changed = Network(architecture, architecture.pack([w for w, _ in layers], [b for _, b in layers]))
    assert changed.theta != network.theta
    assert not equivalent(architecture, network.theta, changed.theta)
    assert same_function(network, changed).same
    # independent evidence: the exact forward pass on many random inputs
    assert same_function_on(network, changed, random_points(architecture.input_width, 60, seed=3, bound=30))


def test_networks_of_different_widths_and_depths_can_compute_the_same_function():
    absolute = Network.from_weights([[[1], [-1]], [[1, 1]]])
    deeper = Network.from_weights([[[2], [-1]], [[Fraction(1, 2), 0], [0, 1]], [[1, 1]]])
    assert same_function(absolute, deeper).same
    shifted = Network.from_weights([[[2], [-1]], [[Fraction(1, 2), 0], [0, 1]], [[1, 2]]])
    verdict = same_function(absolute, shifted)
    assert not verdict.same and verdict.witness[0] < 0


def test_mismatched_input_or_output_widths_are_refused():
    with pytest.raises(MismatchedArchitecturesError, match="inputs"):
        same_function(random_network((2, 2, 1), True, 0), random_network((3, 2, 1), True, 0))
    with pytest.raises(MismatchedArchitecturesError, match="outputs"):
        same_function(random_network((2, 2, 1), True, 0), random_network((2, 2, 2), True, 0))
    with pytest.raises(MismatchedArchitecturesError, match="not a Network"):
        same_function(random_network((2, 2, 1), True, 0), Architecture((2, 2, 1)))
