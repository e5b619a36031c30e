"""Output density, atoms and moments against Monte Carlo and against the CDF."""

import numpy as np
import pytest

from architectures.network_file import Network
from distribution_cases import make_network
from distributions.inputs import GaussianInput, GaussianMixtureInput, standard_normal
from distributions.monte_carlo import monte_carlo_float
from distributions.outputs import output_cdf_float, output_density_float, output_moments_float
from distributions.pieces import affine_pieces

SAMPLES = 10**6


@pytest.mark.slow
def test_density_is_the_derivative_of_the_cdf():
    # Two routes: density by conditioning on the output's hyperplane, CDF by one more inequality.
    network = make_network((2, 5, 4, 1), seed=31)
    result = affine_pieces(network, GaussianInput([0.3, -0.2], [[1.0, 0.4], [0.4, 0.6]]), mass=1.0)
    points, h = np.linspace(-1.0, 1.0, 7), 1e-3
    density = output_density_float(result, 0, points, abs_tol=1e-6)
    upper = output_cdf_float(result, 0, points + h, abs_tol=1e-7)
    lower = output_cdf_float(result, 0, points - h, abs_tol=1e-7)
    slope = (upper.cdf - lower.cdf) / (2 * h)
    slope_error = (upper.error + lower.error - 2 * result.unexplored_mass) / (2 * h)
    curvature = 0.05  # |F'''| h² / 6 is far below this for these smooth mixtures
    assert np.all(np.abs(density.density - slope) <= density.error + slope_error + curvature)


def test_atoms_are_the_pieces_where_the_output_is_constant_and_match_monte_carlo():
    # f(x) = relu(x_1 + x_2 − 1) + 0.5: constant 0.5 whenever the neuron is off.
    network = Network.from_weights([[[1, 1]], [[1]]], [[-1], ["1/2"]])
    result = affine_pieces(network, standard_normal(2), mass=1.0)
    atoms = output_density_float(result, 0, np.array([1.0])).atoms
    sample = monte_carlo_float(network, standard_normal(2), SAMPLES, seed=5, keep_outputs=True)
    frequency = np.mean(sample.outputs[:, 0] == 0.5)
    assert [value for value, _ in atoms] == [0.5]
    assert abs(atoms[0][1] - frequency) <= 5 * np.sqrt(frequency * (1 - frequency) / SAMPLES) + 1e-6


@pytest.mark.slow
def test_mean_and_covariance_match_monte_carlo_for_a_gaussian_and_a_mixture():
    network = make_network((3, 5, 3, 2), seed=32)
    for distribution in (
        standard_normal(3),
        GaussianMixtureInput(
            [0.4, 0.6],
            [GaussianInput(np.ones(3), 0.5 * np.eye(3)), GaussianInput(-np.ones(3), np.diag([1.0, 0.0, 1.0]))],
        ),
    ):
        result = affine_pieces(network, distribution, mass=1.0)
        moments = output_moments_float(result, abs_tol=1e-3)
        sample = monte_carlo_float(network, distribution, SAMPLES, seed=6, keep_outputs=True).outputs
        spread = sample.std(axis=0) / np.sqrt(SAMPLES)
        assert np.all(np.abs(moments.mean - sample.mean(axis=0)) <= 5 * spread + moments.mean_error)
        centred = sample - sample.mean(axis=0)
        products = centred[:, :, None] * centred[:, None, :]
        product_spread = products.std(axis=0) / np.sqrt(SAMPLES)
        assert np.all(
            np.abs(moments.covariance - products.mean(axis=0))
            <= 5 * product_spread + moments.covariance_error + 1e-3 * np.abs(moments.covariance)
        )
