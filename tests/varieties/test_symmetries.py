"""The symmetry group acts exactly, preserves the function, and equivalence is decided with a witness."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from architectures import Architecture, InvalidParametersError, forward_pass
from architectures.errors import InvalidSymmetryError, MismatchedArchitecturesError
from symmetry_cases import nonzero_parameters, random_points
from varieties.symmetry.symmetries import (
    SymmetryElement,
    canonical_form,
    equivalent,
    random_symmetry,
    symmetry_dimension,
    symmetry_vector_fields,
)

ARCHITECTURES = [
    ((2, 3, 1), False),
    ((2, 3, 1), True),
    ((3, 4, 2), True),
    ((2, 3, 3, 2), False),
    ((2, 3, 3, 2), True),
    ((1, 2, 2, 2, 1), True),
    ((4, 2, 3), False),
]


@pytest.mark.parametrize("widths,bias", ARCHITECTURES)
def test_random_group_elements_are_recognised_with_a_witness_that_maps_theta_to_theta_prime(widths, bias):
    architecture = Architecture(widths, bias=bias)
    for seed in range(4):
        theta = nonzero_parameters(architecture, seed)
        moved = random_symmetry(architecture, seed=100 + seed).act(theta)
        result = equivalent(architecture, theta, moved)
        assert result.equivalent
        assert result.element.act(theta) == moved


@pytest.mark.parametrize("widths,bias", ARCHITECTURES)
def test_the_group_action_preserves_the_function_on_random_inputs(widths, bias):
    architecture = Architecture(widths, bias=bias)
    theta = nonzero_parameters(architecture, 7)
    moved = random_symmetry(architecture, seed=8).act(theta)
    points = random_points(architecture.input_width, 25, seed=9)
    assert forward_pass(architecture, theta, points).outputs == forward_pass(architecture, moved, points).outputs


@pytest.mark.parametrize("widths,bias", ARCHITECTURES)
def test_random_perturbations_are_not_equivalent(widths, bias):
    architecture = Architecture(widths, bias=bias)
    theta = nonzero_parameters(architecture, 3)
    moved = list(random_symmetry(architecture, seed=4).act(theta))
    for position in (0, architecture.parameter_count // 2, architecture.parameter_count - 1):
        perturbed = list(moved)
        perturbed[position] += Fraction(1, 7)
        assert not equivalent(architecture, theta, perturbed)


def test_canonical_form_is_an_orbit_invariant_lying_in_the_orbit():
    architecture = Architecture((2, 3, 3, 1), bias=True)
    theta = nonzero_parameters(architecture, 11)
    form = canonical_form(architecture, theta)
    assert form.element.act(theta) == form.theta
    for seed in range(5):
        assert canonical_form(architecture, random_symmetry(architecture, seed=seed).act(theta)).theta == form.theta


def test_ties_from_twin_and_silent_neurons_are_broken_independently_of_the_order():
    # layer 1: neurons 0 and 2 are twins (row 2 = 3 · row 0); neuron 3 has no weights at all but
    # non-zero outgoing weights; layer 2 receives from all of them
    architecture = Architecture((2, 4, 2, 1), bias=True)
    layers = [[[1, 2], [-1, 3], [3, 6], [0, 0]], [[1, -2, 3, 5], [2, 1, -1, -4]], [[1, -1]]]
    biases = [[1, 0, 3, 0], [1, -1], [2]]
    theta = architecture.pack(layers, biases)
    for seed in range(12):
        moved = random_symmetry(architecture, seed=seed).act(theta)
        result = equivalent(architecture, theta, moved)
        assert result and result.element.act(theta) == moved
    swapped_outgoing = list(theta)
    # exchange the outgoing weights of the twins (not a symmetry since their scales differ by 3)
    names = architecture.parameter_names
    a, b = names.index("w2_0_0"), names.index("w2_0_2")
    swapped_outgoing[a], swapped_outgoing[b] = swapped_outgoing[b], swapped_outgoing[a]
    assert not equivalent(architecture, theta, swapped_outgoing)


def test_composition_and_inverse_agree_with_acting_twice():
    architecture = Architecture((3, 4, 2, 2), bias=True)
    theta = nonzero_parameters(architecture, 1)
    g, h = random_symmetry(architecture, seed=1), random_symmetry(architecture, seed=2)
    assert h.compose(g).act(theta) == h.act(g.act(theta))
    assert g.inverse().act(g.act(theta)) == theta
    assert g.compose(g.inverse()).act(theta) == theta


def test_symmetry_dimension_counts_hidden_neurons_and_vector_fields_are_tangent_to_orbits():
    architecture = Architecture((2, 3, 4, 1), bias=True)
    assert symmetry_dimension(architecture) == 7
    theta = nonzero_parameters(architecture, 5)
    fields = symmetry_vector_fields(architecture, theta)
    assert len(fields) == 7
    # independent route: the derivative of t ↦ (rescale neuron k by t)·θ at t = 1 by a difference quotient
    # (exact, since the action is t·incoming and outgoing/t: use the symmetric quotient's limit formula)
    for k, field in enumerate(fields):
        layer = 1 if k < 3 else 2
        neuron = k if k < 3 else k - 3
        scalings = [[Fraction(1)] * 3, [Fraction(1)] * 4]
        t = Fraction(1, 10**6)
        scalings[layer - 1][neuron] = 1 + t
        element = SymmetryElement(architecture, ((0, 1, 2), (0, 1, 2, 3)), tuple(map(tuple, scalings)))
        moved = element.act(theta)
        quotient = [(m - x) / t for m, x in zip(moved, theta)]
        assert all(abs(q - f) <= abs(f) * 2 * t + 0 for q, f in zip(quotient, field))


def test_bad_input_is_refused_with_clear_errors():
    architecture = Architecture((2, 2, 1))
    with pytest.raises(InvalidParametersError, match="6 parameters"):
        equivalent(architecture, [1, 2, 3], [1, 2, 3, 4, 5, 6])
    with pytest.raises(InvalidParametersError, match="6 parameters"):
        canonical_form(architecture, [1] * 7)
    with pytest.raises(InvalidSymmetryError, match="positive"):
        SymmetryElement(architecture, ((0, 1),), ((1, 0),))
    with pytest.raises(InvalidSymmetryError, match="positive"):
        SymmetryElement(architecture, ((0, 1),), ((1, -2),))
    with pytest.raises(InvalidSymmetryError, match="not a permutation"):
        SymmetryElement(architecture, ((0, 0),), ((1, 1),))
    with pytest.raises(InvalidSymmetryError, match="one entry per hidden layer"):
        SymmetryElement(architecture, ((0, 1), (0,)), ((1, 1), (1,)))
    with pytest.raises(MismatchedArchitecturesError, match="different architectures"):
        SymmetryElement.identity(architecture).compose(SymmetryElement.identity(Architecture((2, 2, 2))))


@pytest.mark.slow
def test_equivalence_is_recognised_on_degenerate_parameters_with_zeros_and_ties():
    # small integers in [−2, 2]: zero rows and columns, twins and silent neurons are frequent
    rng = np.random.default_rng(0)
    cases = [((2, 3, 1), False), ((2, 4, 3, 1), True), ((1, 3, 3, 2), False), ((3, 2, 2, 2, 1), True)]
    for trial in range(120):
        widths, bias = cases[trial % len(cases)]
        architecture = Architecture(widths, bias=bias)
        theta = tuple(Fraction(int(v)) for v in rng.integers(-2, 3, size=architecture.parameter_count))
        moved = random_symmetry(architecture, seed=trial).act(theta)
        result = equivalent(architecture, theta, moved)
        assert result and result.element.act(theta) == moved
        changed = list(moved)
        changed[int(rng.integers(len(changed)))] += 1
        other = equivalent(architecture, theta, changed)
        if other:  # only possible when the change is itself a symmetry; then the witness must show it
            assert other.element.act(theta) == tuple(changed)


def test_many_interchangeable_neurons_cost_one_branch_not_factorially_many():
    # ten copies of one neuron (10! orders) after random rescalings and permutations
    architecture = Architecture((2, 10, 2, 1), bias=True)
    theta = architecture.pack([[[1, 2]] * 10, [[3] * 10, [-1] * 10], [[1, 1]]], [[1] * 10, [0, 2], [0]])
    for seed in range(3):
        moved = random_symmetry(architecture, seed=seed).act(theta)
        result = equivalent(architecture, theta, moved)
        assert result and result.element.act(theta) == moved
    assert canonical_form(architecture, theta).branches == 1
