"""Functional and fibre dimensions: the rescalings account for the whole fibre for generic parameters
of many architectures, and every constructed degeneracy makes the fibre larger, with its reason."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from architectures import Network
from architectures.errors import InvalidDataError, PrimeTooSmallError
from symmetry_cases import random_network, random_points
from varieties.symmetry.identifiability import (
    degenerate_examples,
    functional_dimension,
    generic_inputs,
    identifiability,
    orbit_dimension,
)
from varieties.symmetry.regions import activation_regions

SHALLOW = [
    ((1, 1, 1), True),
    ((1, 2, 1), True),
    ((1, 3, 1), True),
    ((1, 4, 2), True),
    ((2, 2, 1), False),
    ((2, 2, 1), True),
    ((2, 3, 1), False),
    ((2, 3, 1), True),
    ((2, 4, 2), True),
    ((3, 2, 1), False),
    ((3, 3, 2), False),
    ((3, 3, 2), True),
    ((3, 5, 2), True),
    ((4, 3, 1), False),
    ((4, 3, 1), True),
    ((5, 3, 2), True),
    ((2, 6, 1), True),
]
DEEP = [
    ((2, 2, 2, 1), True),
    ((3, 3, 2, 1), True),
    ((3, 2, 2, 1), False),
    ((4, 3, 3, 1), True),
    ((4, 3, 2, 2), True),
    ((4, 4, 3, 2), False),
    ((5, 4, 3, 1), False),
    ((2, 2, 2, 2, 1), False),
]
CLASSIFIED = ("dead", "zero", "twin", "opposite", "always")


def test_the_list_covers_at_least_twenty_architectures_shallow_and_deep():
    assert len(SHALLOW) + len(DEEP) >= 20 and len(DEEP) >= 5


@pytest.mark.parametrize("widths,bias", SHALLOW)
@pytest.mark.slow
def test_shallow_fibre_equals_the_number_of_hidden_neurons_unless_a_classified_degeneracy_occurs(widths, bias):
    hidden = sum(widths[1:-1])
    fibres = []
    for seed in range(2):
        result = identifiability(random_network(widths, bias, seed), method="modular", seed=seed)
        assert result.symmetry_dimension == hidden
        assert result.fibre_dimension >= hidden  # rescaling directions lie in the kernel
        if not any(r.startswith(CLASSIFIED) for r in result.reasons):
            assert result.fibre_dimension == hidden and result.identifiable
        fibres.append(result.fibre_dimension)
    assert min(fibres) == hidden


@pytest.mark.parametrize("widths,bias", DEEP)
@pytest.mark.slow
def test_deep_generic_fibre_equals_the_number_of_hidden_neurons(widths, bias):
    # Functional dimension is lower semicontinuous: the generic value is the largest one seen.
    fibres = [
        functional_dimension(random_network(widths, bias, seed), method="modular", seed=seed).fibre_dimension
        for seed in range(4)
    ]
    assert min(fibres) == sum(widths[1:-1])


@pytest.mark.parametrize("kind", sorted(degenerate_examples()))
def test_each_constructed_degeneracy_enlarges_the_fibre_and_is_explained(kind):
    network = degenerate_examples()[kind]
    result = identifiability(network)
    assert result.fibre_dimension > result.symmetry_dimension
    assert not result.identifiable
    expected = {
        "dead": "dead neuron",
        "twins": "twin neurons",
        "zero-outgoing": "zero outgoing",
        "constant neuron": "always-active",
        "always-active": "always-active",
    }[kind]
    assert any(reason.startswith(expected) for reason in result.reasons)


def _numeric_rank(network: Network) -> int:
    """Rank of a finite-difference Jacobian (floats) of outputs at n_0 + 1 points inside every region."""
    architecture = network.architecture
    regions = activation_regions(network)
    points = []
    for region in regions:
        slack = min(
            [abs(float(sum(a * x for a, x in zip(r, region.point)) + r[-1])) for r in region.inequalities] + [1.0]
        )
        norm = max([max(abs(float(a)) for a in r[:-1]) for r in region.inequalities] + [1.0])
        step = slack / (4 * norm * architecture.input_width)
        base = np.array([float(x) for x in region.point])
        points.append(base)
        points.extend(base + step * e for e in np.eye(architecture.input_width))
    theta = np.array([float(v) for v in network.theta])

    def outputs(parameters: np.ndarray) -> np.ndarray:
        values = []
        offset = 0
        layers = []
        for layer in range(1, architecture.depth + 1):
            rows, columns = architecture.widths[layer], architecture.widths[layer - 1]
            weight = parameters[offset : offset + rows * columns].reshape(rows, columns)
            offset += rows * columns
            bias = parameters[offset : offset + rows] if architecture.bias else np.zeros(rows)
            offset += rows if architecture.bias else 0
            layers.append((weight, bias))
        for x in points:
            h = x
            for index, (weight, bias) in enumerate(layers, start=1):
                h = weight @ h + bias
                if index < len(layers):
                    h = np.maximum(h, 0)
            values.extend(h)
        return np.array(values)

    eps = 1e-6
    columns = [(outputs(theta + eps * e) - outputs(theta - eps * e)) / (2 * eps) for e in np.eye(len(theta))]
    singular = np.linalg.svd(np.array(columns).T, compute_uv=False)
    return int((singular > 1e-6 * singular[0]).sum())


@pytest.mark.parametrize(
    "network",
    [random_network((2, 3, 1), True, 0), random_network((2, 2, 2, 1), True, 0), *degenerate_examples().values()],
)
def test_exact_modular_and_floating_point_ranks_of_the_jacobian_agree(network):
    exact = functional_dimension(network, method="exact")
    modular = functional_dimension(network, method="modular", seed=5)
    assert exact.rank == modular.rank == _numeric_rank(network)
    assert exact.rank <= exact.upper_bound == network.architecture.parameter_count - orbit_dimension(network)


def test_a_data_set_never_sees_more_than_all_regions_and_enough_points_see_as_much():
    network = random_network((2, 3, 1), True, 4)
    full = functional_dimension(network).rank
    few = functional_dimension(network, data=random_points(2, 2, seed=1)).rank
    regions = activation_regions(network)
    # n_0 + 1 affinely independent points in each region recover everything
    points = [r.point for r in regions] + [
        tuple(x + Fraction(1, 10**6) * (i == j) for j, x in enumerate(r.point)) for r in regions for i in range(2)
    ]
    assert few <= full == functional_dimension(network, data=points).rank


def test_a_modular_rank_below_the_upper_bound_states_its_error_probability():
    network = degenerate_examples()["dead"]
    result = functional_dimension(network, method="modular", seed=3)
    assert result.rank < result.upper_bound and 0 < result.error_bound < 1e-6
    assert functional_dimension(random_network((2, 3, 1), True, 0), method="modular").error_bound == 0


def test_bad_input_is_refused():
    network = random_network((2, 2, 1), True, 0)
    with pytest.raises(InvalidDataError, match="method"):
        functional_dimension(network, method="float")
    with pytest.raises(InvalidDataError, match="coordinates"):
        functional_dimension(network, data=[[1, 2, 3]])
    with pytest.raises(PrimeTooSmallError):
        functional_dimension(network, method="modular", prime=101)
    assert len(generic_inputs(network, 4)) == 4


def test_a_neuron_silent_on_the_data_set_is_a_reason_there_but_not_on_all_inputs():
    # relu(x) and relu(x − 10): the second bends outside the data's range [−4, 4]
    network = Network.from_weights([[[1], [1]], [[2, 3]]], [[0, -10], [1]])
    data = [[-4], [-2], [-1], [1], [2], [3], [4]]
    everywhere = identifiability(network)
    on_data = identifiability(network, data=data)
    assert everywhere.identifiable and everywhere.fibre_dimension == 2
    assert not on_data.identifiable and on_data.fibre_dimension > 2
    assert any(r.startswith("dead neuron: neuron 1") and "every data point" in r for r in on_data.reasons)
