"""The parametrisation against the exact forward pass, its multilinearity, and the docs/mathematics.md#the-two-varieties link."""

from __future__ import annotations

from fractions import Fraction

import flint
import numpy as np
import pytest

from architectures import (
    ActivationPattern,
    Architecture,
    PatternAssignment,
    forward_pass,
    output_parametrisation,
    pattern_parametrisation,
    random_parameters,
)
from architectures.modular import DEFAULT_PRIME, residue, residues

ARCHITECTURES = [
    Architecture((2, 3, 1)),
    Architecture((3, 2, 3)),
    Architecture((2, 3, 2), bias=True),
    Architecture((2, 2, 2, 2)),
    Architecture((3, 3, 2, 2), bias=True),
    Architecture((1, 2, 2, 2, 1), bias=True),
]


def random_data(architecture: Architecture, count: int, seed: int) -> list[list[Fraction]]:
    rng = np.random.default_rng(seed)
    return [
        [Fraction(int(rng.integers(-20, 21)), int(rng.integers(1, 5))) for _ in range(architecture.input_width)]
        for _ in range(count)
    ]


def as_fmpq(values):
    return [flint.fmpq(v.numerator, v.denominator) for v in values]


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=str)
def test_output_parametrisation_equals_forward_pass_on_actual_patterns(architecture):
    for seed in range(5):
        theta = random_parameters(architecture, seed=seed, denominator=3)
        data = random_data(architecture, 6, seed)
        actual = forward_pass(architecture, theta, data)
        assignment = PatternAssignment.from_point_patterns(actual.patterns)
        parametrisation = output_parametrisation(architecture, data, assignment)
        values = parametrisation.evaluate(theta)
        expected = [value for row in actual.output_matrix() for value in row]
        assert list(values) == expected
        # the polynomials themselves (an independent evaluation route) agree too
        assert [
            Fraction(int(v.p), int(v.q)) for v in (p(*as_fmpq(theta)) for p in parametrisation.polynomials)
        ] == expected


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=str)
def test_output_parametrisation_differs_where_a_neuron_sign_differs(architecture):
    differing = 0
    for seed in range(5):
        theta = random_parameters(architecture, seed=seed)
        data = random_data(architecture, 4, seed + 100)
        actual = forward_pass(architecture, theta, data)
        point_patterns = list(actual.patterns)
        # flip one neuron of the first point in the last hidden layer
        layers = [set(layer) for layer in point_patterns[0].active]
        layers[-1] ^= {0}
        flipped = ActivationPattern(layers)
        point_patterns[0] = flipped
        parametrisation = output_parametrisation(
            architecture, data, PatternAssignment.from_point_patterns(point_patterns)
        )
        value = parametrisation.evaluate(theta)
        columns = architecture.output_width
        point_values = [value[i * len(data)] for i in range(columns)]
        if point_values != list(actual.outputs[0]):
            differing += 1
    # a flipped neuron changes the output unless its contribution vanishes for these integers
    assert differing >= 4


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=str)
def test_polynomials_are_multilinear_in_the_layers(architecture):
    patterns = [ActivationPattern.all_active(architecture)]
    parametrisation = pattern_parametrisation(architecture, patterns)
    for polynomial in parametrisation.polynomials:
        for exponents in polynomial.monoms():
            for layer in range(1, architecture.depth + 1):
                assert sum(exponents[architecture.layer_slice(layer)]) <= 1
        if not architecture.bias:
            assert polynomial.total_degree() == architecture.depth
        else:
            assert polynomial.total_degree() <= architecture.depth


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=str)
def test_pattern_map_times_homogenised_data_is_the_output_map(architecture):
    rng = np.random.default_rng(7)
    hidden = architecture.hidden_widths
    patterns = [ActivationPattern([[j for j in range(w) if rng.integers(2)] for w in hidden]) for _ in range(2)]
    if patterns[0] == patterns[1]:
        patterns = patterns[:1]
    data = random_data(architecture, 5, 3)
    assignment = PatternAssignment(tuple(patterns), tuple(j % len(patterns) for j in range(5)))
    output = output_parametrisation(architecture, data, assignment)
    pattern = pattern_parametrisation(architecture, patterns)
    theta = random_parameters(architecture, seed=11, denominator=2)
    blocks = pattern.evaluate(theta)
    columns = architecture.input_width + (1 if architecture.bias else 0)
    size = architecture.output_width * columns
    y = output.evaluate(theta)
    for point, block in enumerate(assignment.assignment):
        homogenised = list(data[point]) + ([Fraction(1)] if architecture.bias else [])
        for i in range(architecture.output_width):
            row = blocks[block * size + i * columns : block * size + (i + 1) * columns]
            assert sum(a * b for a, b in zip(row, homogenised)) == y[i * len(data) + point]


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=str)
def test_jacobians_match_polynomial_derivatives(architecture):
    patterns = [
        ActivationPattern.all_active(architecture),
        ActivationPattern([[0] for _ in architecture.hidden_widths]),
    ]
    data = random_data(architecture, 3, 5)
    for parametrisation in (
        pattern_parametrisation(architecture, patterns),
        output_parametrisation(architecture, data, [0, 1, 0], patterns),
    ):
        theta = random_parameters(architecture, seed=3, denominator=2)
        point = as_fmpq(theta)
        exact = parametrisation.jacobian(theta)
        modular = parametrisation.jacobian_mod(residues(theta, DEFAULT_PRIME), DEFAULT_PRIME)
        for i, polynomial in enumerate(parametrisation.polynomials):
            for j in range(architecture.parameter_count):
                derivative = polynomial.derivative(j)(*point)
                assert exact[i, j] == derivative
                assert modular[i, j] == residue(Fraction(int(derivative.p), int(derivative.q)), DEFAULT_PRIME)


def test_modular_evaluation_matches_exact():
    architecture = Architecture((3, 4, 3, 2), bias=True)
    parametrisation = pattern_parametrisation(architecture, [[[0, 1, 3], [0, 2]], [[2], [1, 2]]])
    theta = random_parameters(architecture, seed=1, denominator=4)
    assert list(parametrisation.evaluate_mod(residues(theta, DEFAULT_PRIME), DEFAULT_PRIME)) == list(
        residues(parametrisation.evaluate(theta), DEFAULT_PRIME)
    )


def test_coordinate_names_follow_the_design_card():
    architecture = Architecture((2, 2, 1), bias=True)
    pattern = pattern_parametrisation(architecture, [[[0]], [[1]]])
    assert pattern.coordinate_names == ("m_0_0_0", "m_0_0_1", "m_0_0_2", "m_1_0_0", "m_1_0_1", "m_1_0_2")
    output = output_parametrisation(Architecture((2, 2, 2)), [[1, 0], [0, 1]], [0, 0], [[[0, 1]]])
    assert output.coordinate_names == ("y_0_0", "y_0_1", "y_1_0", "y_1_1")


def test_sympy_conversion_matches_flint():
    parametrisation = pattern_parametrisation(Architecture((2, 2, 1), bias=True), [[[0, 1]]])
    theta = random_parameters(parametrisation.architecture, seed=2)
    expressions = parametrisation.to_sympy()
    substitution = dict(zip(parametrisation.parameter_names, theta))
    import sympy

    values = [sympy.Rational(e.subs({sympy.Symbol(k): v for k, v in substitution.items()})) for e in expressions]
    assert [Fraction(int(v.p), int(v.q)) for v in values] == list(parametrisation.evaluate(theta))


def test_deep_pattern_with_an_empty_layer_gives_zero_linear_part():
    architecture = Architecture((2, 2, 2, 1), bias=True)
    parametrisation = pattern_parametrisation(architecture, [[[0, 1], []]])
    for theta_seed in range(3):
        values = parametrisation.evaluate(random_parameters(architecture, seed=theta_seed))
        assert values[0] == values[1] == 0  # M = 0: only the output bias c = b_3 remains
        layers = architecture.unpack(random_parameters(architecture, seed=theta_seed))
        assert values[2] == layers[-1][1][0]


@pytest.mark.parametrize("seed", range(3))
def test_forward_pass_reports_patterns_consistent_with_relu(seed):
    architecture = Architecture((2, 3, 3, 1), bias=True)
    theta = random_parameters(architecture, seed=seed)
    data = random_data(architecture, 5, seed)
    result = forward_pass(architecture, theta, data)
    layers = architecture.unpack(theta)
    for point, pattern in zip(data, result.patterns):
        values = list(point)
        for layer, (weight, bias) in enumerate(layers[:-1]):
            pre = [sum((w * v for w, v in zip(row, values)), b) for row, b in zip(weight, bias)]
            assert pattern.active[layer] == {j for j, v in enumerate(pre) if v > 0}
            values = [max(v, 0) for v in pre]
