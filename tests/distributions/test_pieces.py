"""The distribution over affine pieces against Monte Carlo (10^6 seeded samples) on random networks."""

import numpy as np
import pytest

from architectures.errors import InvalidDistributionError, InvalidNumberError
from architectures.forward import forward_pass
from architectures.numbers import to_fraction
from distributions.float_network import network_from_arrays_float
from distributions.inputs import GaussianInput, GaussianMixtureInput, standard_normal
from distributions.monte_carlo import monte_carlo_float
from distributions.outputs import output_cdf_float
from distributions.pieces import affine_pieces
from distribution_cases import make_network

SAMPLES = 10**6
Z = 5.0  # Monte Carlo tolerance in standard errors: many comparisons per network

# Widths of different depths; every network but the first has more hidden neurons than inputs.
NETWORKS = [
    ((2, 2, 1), True, "standard"),
    ((2, 6, 1), True, "standard"),
    ((1, 4, 4, 1), True, "standard"),
    ((3, 5, 2), True, "singular"),
    ((2, 4, 3, 2), True, "shifted"),
    ((3, 4, 4, 1), True, "standard"),
    ((2, 3, 3, 3, 1), True, "standard"),
    ((4, 7, 1), True, "singular"),
    ((2, 6, 2), False, "standard"),
    ((1, 3, 3, 1), False, "shifted"),
    ((3, 3, 2, 3, 2), True, "correlated"),
]


def input_for(kind, dimension, seed):
    rng = np.random.default_rng(seed)
    if kind == "standard":
        return standard_normal(dimension)
    if kind == "shifted":
        return GaussianInput(rng.normal(size=dimension), 0.5 * np.eye(dimension))
    A = rng.normal(size=(dimension, dimension - 1 if kind == "singular" else dimension))
    return GaussianInput(rng.normal(size=dimension) / 2, A @ A.T / dimension)


@pytest.mark.parametrize("index", range(len(NETWORKS)))
@pytest.mark.slow
def test_pmf_and_output_cdf_agree_with_monte_carlo_and_sum_to_one(index):
    widths, bias, kind = NETWORKS[index]
    network = make_network(widths, seed=100 + index, bias=bias)
    distribution = input_for(kind, widths[0], seed=200 + index)
    result = affine_pieces(network, distribution, mass=1.0, seed=index)
    assert result.complete
    # Run to completion, the probabilities sum to 1 within the stated error.
    assert abs(result.mass - 1) <= result.mass_error + 1e-9
    sample = monte_carlo_float(network, distribution, SAMPLES, seed=300 + index, keep_outputs=True)
    found = {piece.pattern for piece in result.pieces}
    for piece in result.pieces:
        frequency = sample.frequencies.get(piece.pattern, 0.0)
        spread = np.sqrt(max(piece.probability, frequency, 1 / SAMPLES) / SAMPLES)
        assert abs(frequency - piece.probability) <= Z * spread + piece.error, piece.pattern
    unseen = sum(f for pattern, f in sample.frequencies.items() if pattern not in found)
    assert unseen <= Z * np.sqrt(max(unseen, 1 / SAMPLES) / SAMPLES) + result.unexplored_mass
    # Output CDF of every coordinate at sample quantiles.
    for coordinate in range(widths[-1]):
        outputs = sample.outputs[:, coordinate]
        points = np.quantile(outputs, [0.02, 0.2, 0.5, 0.8, 0.98])
        cdf = output_cdf_float(result, coordinate, points)
        empirical = (outputs[:, None] <= points[None, :]).mean(axis=0)
        spread = np.sqrt(np.maximum(empirical * (1 - empirical), 1 / SAMPLES) / SAMPLES)
        assert np.all(np.abs(cdf.cdf - empirical) <= Z * spread + cdf.error)


@pytest.mark.slow
def test_the_search_never_reports_a_pattern_with_empty_region():
    # Each piece carries a witness; the exact forward pass at it (a rational point) gives the piece's pattern.
    network = make_network((2, 4, 4, 2), seed=11)
    result = affine_pieces(network, standard_normal(2), mass=1.0)
    for piece in result.pieces:
        point = [[to_fraction(v, what="witness", allow_float=True) for v in piece.witness]]
        assert forward_pass(network.architecture, network.theta, point).patterns[0] == piece.pattern


@pytest.mark.slow
def test_search_stops_once_the_requested_mass_is_found_most_probable_first():
    network = make_network((2, 8, 1), seed=12)
    complete = affine_pieces(network, standard_normal(2), mass=1.0)
    partial = affine_pieces(network, standard_normal(2), mass=0.9)
    assert partial.mass >= 0.9 and len(partial.pieces) < len(complete.pieces)
    probabilities = [piece.probability for piece in partial.pieces]
    assert probabilities == sorted(probabilities, reverse=True)
    # Best first: the pieces kept are the most probable ones of the complete list.
    top = [piece.pattern for piece in complete.pieces[: len(partial.pieces)]]
    assert [piece.pattern for piece in partial.pieces] == top


@pytest.mark.slow
def test_a_gaussian_mixture_input_matches_monte_carlo():
    network = make_network((2, 5, 1), seed=13)
    mixture = GaussianMixtureInput(
        [0.3, 0.7], [GaussianInput([1.0, 0.0], 0.3 * np.eye(2)), GaussianInput([-1.0, 0.5], [[0.5, 0.2], [0.2, 0.3]])]
    )
    result = affine_pieces(network, mixture, mass=1.0)
    assert abs(result.mass - 1) <= result.mass_error + 1e-9
    sample = monte_carlo_float(network, mixture, SAMPLES, seed=14)
    for piece in result.pieces:
        frequency = sample.frequencies.get(piece.pattern, 0.0)
        spread = np.sqrt(max(piece.probability, frequency, 1 / SAMPLES) / SAMPLES)
        assert abs(frequency - piece.probability) <= Z * spread + piece.error


def test_a_network_with_nan_weights_is_refused():
    with pytest.raises(InvalidNumberError, match="nan"):
        network_from_arrays_float([np.array([[np.nan, 1.0]]), np.array([[1.0]])])


def test_a_mean_of_the_wrong_length_is_refused():
    with pytest.raises(InvalidDistributionError, match="n_0 = 3"):
        affine_pieces(make_network((3, 2, 1), seed=0), standard_normal(2))


def test_a_mass_outside_zero_one_is_refused():
    with pytest.raises(InvalidDistributionError, match="mass"):
        affine_pieces(make_network((2, 2, 1), seed=0), standard_normal(2), mass=1.5)
