"""Input distributions: validation and the factor Σ = L Lᵀ."""

import numpy as np
import pytest

from architectures.errors import InvalidDistributionError
from distributions.inputs import GaussianInput, GaussianMixtureInput, check_input, standard_normal


def test_factor_reproduces_a_singular_covariance_and_its_rank():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(5, 2))
    g = GaussianInput(np.zeros(5), A @ A.T)
    assert g.rank == 2
    assert np.allclose(g.factor @ g.factor.T, A @ A.T)


def test_samples_have_the_stated_mean_and_covariance():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(3, 3))
    g = GaussianInput([1.0, -2.0, 0.5], A @ A.T)
    x = g.sample(200_000, np.random.default_rng(2))
    assert np.allclose(x.mean(axis=0), g.mean, atol=0.03)
    assert np.allclose(np.cov(x.T), g.covariance, atol=0.05 * np.abs(g.covariance).max())


@pytest.mark.parametrize(
    "covariance, phrase",
    [
        ([[1.0, 0.5], [0.0, 1.0]], "not symmetric"),
        ([[1.0, 2.0], [2.0, 1.0]], "not positive semidefinite"),
        ([[1.0, np.nan], [np.nan, 1.0]], "NaN"),
        ([[1.0]], "shape"),
    ],
)
def test_a_covariance_that_is_not_symmetric_psd_of_the_right_size_is_refused(covariance, phrase):
    with pytest.raises(InvalidDistributionError, match=phrase):
        GaussianInput([0.0, 0.0], covariance)


def test_a_distribution_of_the_wrong_dimension_for_the_network_is_refused():
    with pytest.raises(InvalidDistributionError, match="n_0 = 3"):
        check_input(standard_normal(2), 3)


def test_mixture_weights_must_be_a_probability_vector():
    with pytest.raises(InvalidDistributionError, match="sum to 1"):
        GaussianMixtureInput([0.5, 0.6], [standard_normal(1), standard_normal(1)])
