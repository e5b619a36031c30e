"""Bad input raises a specific error that says what is wrong, and builds nothing."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from architectures import (
    ActivationPattern,
    Architecture,
    InvalidArchitectureError,
    InvalidAssignmentError,
    InvalidDataError,
    InvalidNumberError,
    InvalidParametersError,
    InvalidPatternError,
    InvalidSpecError,
    PatternAssignment,
    forward_pass,
    load_network,
    load_spec,
    output_parametrisation,
    pattern_parametrisation,
)
from architectures.modular import PrimeTooSmallError, check_prime
from architectures.numbers import to_fraction


@pytest.mark.parametrize("widths", [(3, 0, 3), (3, -1, 3), (3,), (), (3, 2.5, 1), "332", (3, True, 1)])
def test_bad_widths(widths):
    with pytest.raises(InvalidArchitectureError, match="width"):
        Architecture(widths)


def test_pattern_naming_a_missing_neuron():
    with pytest.raises(InvalidPatternError, match=r"neuron\(s\) \[3\] in hidden layer 1"):
        ActivationPattern([[0, 3]]).check(Architecture((3, 3, 3)))


def test_pattern_with_wrong_number_of_layers():
    with pytest.raises(InvalidPatternError, match="2 hidden layers"):
        pattern_parametrisation(Architecture((2, 2, 2, 2)), [[[0]]])


@pytest.mark.parametrize("pattern", [[[-1]], [["a"]], [[0, 0]], "01", [[True]]])
def test_malformed_patterns(pattern):
    with pytest.raises(InvalidPatternError):
        ActivationPattern(pattern)


def test_data_of_the_wrong_dimension():
    with pytest.raises(InvalidDataError, match="n_0 = 3"):
        output_parametrisation(Architecture((3, 2, 1)), [[1, 2]], [0], [[[0]]])


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 0.5, "abc", "1/0", None])
def test_non_exact_or_non_finite_numbers(value):
    with pytest.raises(InvalidNumberError):
        to_fraction(value)


def test_nan_in_data_is_refused():
    with pytest.raises(InvalidDataError, match="finite"):
        forward_pass(Architecture((1, 1, 1)), [1, 1], [[float("nan")]])


def test_assignment_index_out_of_range():
    with pytest.raises(InvalidAssignmentError, match="assignment\\[1\\] = 2"):
        PatternAssignment((ActivationPattern([[0]]), ActivationPattern([[1]])), (0, 2))


def test_assignment_of_the_wrong_length():
    with pytest.raises(InvalidAssignmentError, match="covers 1 points but the data has 2"):
        output_parametrisation(Architecture((1, 2, 1)), [[1], [2]], [0], [[[0]]])


def test_parameters_of_the_wrong_length():
    with pytest.raises(InvalidParametersError, match="12 parameters"):
        pattern_parametrisation(Architecture((3, 2, 3)), [[[0]]]).evaluate([1] * 11)


def test_floats_are_named_as_the_problem():
    with pytest.raises(InvalidNumberError, match="not exact"):
        forward_pass(Architecture((1, 1, 1)), [0.5, 1], [[1]])


def test_exact_inputs_of_every_kind_are_read():
    import flint
    import sympy

    assert [to_fraction(v) for v in (3, "3/4", Fraction(1, 2), sympy.Rational(2, 3), flint.fmpq(5, 7), "0.25")] == [
        Fraction(3),
        Fraction(3, 4),
        Fraction(1, 2),
        Fraction(2, 3),
        Fraction(5, 7),
        Fraction(1, 4),
    ]
    assert to_fraction(0.1, allow_float=True) == Fraction(0.1)


@pytest.mark.parametrize("prime", [7, 2**20 - 3, 2**21, 2**40 + 15, "p"])
def test_bad_primes(prime):
    with pytest.raises(PrimeTooSmallError):
        check_prime(prime)


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"patterns": [[[0]]]}', 'no "widths"'),
        ('{"widths": [3, 0, 3], "patterns": [[[0]]]}', "positive integer"),
        ('{"widths": [3, 3, 3], "patterns": [[[5]]]}', "neuron"),
        ('{"widths": [3, 3, 3], "patterns": [[[0]]], "colour": 1}', "unknown key"),
        ('{"widths": [3, 3, 3], "variety": "other", "patterns": [[[0]]]}', '"variety"'),
        ('{"widths": [2, 2, 1], "variety": "output", "patterns": [[[0]]], "data": [[1, 2]]}', "assignment"),
        (
            '{"widths": [2, 2, 1], "variety": "output", "patterns": [[[0]]], "data": [[1, 2]], "assignment": [1]}',
            "assignment",
        ),
        (
            '{"widths": [2, 2, 1], "variety": "output", "patterns": [[[0]]], "data": [[1, "x"]], "assignment": [0]}',
            "data",
        ),
        (
            '{"widths": [2, 2, 1], "variety": "output", "patterns": [[[0]]], "data": [[1, NaN]], "assignment": [0]}',
            "finite",
        ),
    ],
)
def test_malformed_specs(tmp_path, text, message):
    path = tmp_path / "spec.json"
    path.write_text(text)
    with pytest.raises(InvalidSpecError, match=message):
        load_spec(path)


def test_missing_spec_file():
    with pytest.raises(InvalidSpecError, match="cannot read spec file"):
        load_spec("/nonexistent/spec.json")


def test_spec_round_trips_through_json(tmp_path):
    from architectures import EXAMPLES

    for example in EXAMPLES.values():
        spec = load_spec(example)
        path = tmp_path / "spec.json"
        path.write_text(json.dumps(spec.to_json()))
        assert load_spec(path) == spec


def test_network_file_is_read_exactly(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(
        json.dumps(
            {
                "widths": [1, 2, 1],
                "bias": True,
                "weights": [[["1/3"], ["0.5"]], [[1, -2]]],
                "biases": [[0, "-1/7"], [2]],
            }
        )
    )
    network = load_network(path)
    assert network.architecture == Architecture((1, 2, 1), bias=True)
    assert network.theta == (
        Fraction(1, 3),
        Fraction(1, 2),
        Fraction(0),
        Fraction(-1, 7),
        Fraction(1),
        Fraction(-2),
        Fraction(2),
    )
    path.write_text(json.dumps({"widths": [1, 3, 1], "weights": [[[1], [2]], [[1, 1]]]}))
    with pytest.raises(InvalidSpecError, match="widths"):
        load_network(path)


def test_npz_network_floats_convert_exactly(tmp_path):
    import numpy as np

    path = tmp_path / "net.npz"
    np.savez(path, W1=np.array([[0.1], [0.25]]), W2=np.array([[1.0, -3.0]]), b1=np.zeros(2), b2=np.array([0.5]))
    network = load_network(path)
    assert network.theta[0] == Fraction(0.1) and network.architecture.bias


def test_json_files_fail_with_the_callers_error_class(tmp_path):
    from architectures.errors import InvalidDistributionError
    from architectures.json_files import read_json_file

    path = tmp_path / "cov.json"
    path.write_text("[[1, 0], [0")
    with pytest.raises(InvalidDistributionError, match="the covariance file .* is not valid JSON"):
        read_json_file(path, what="the covariance", error=InvalidDistributionError)
    with pytest.raises(InvalidDistributionError, match="cannot read the covariance file"):
        read_json_file(tmp_path / "missing.json", what="the covariance", error=InvalidDistributionError)
    path.write_text('{"a": ["1/3"]}')
    assert read_json_file(path, what="spec") == {"a": ["1/3"]}
