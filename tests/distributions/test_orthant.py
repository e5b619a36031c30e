"""Gaussian orthant and polytope probabilities against scipy's CDF, exact formulas and Monte Carlo."""

import numpy as np
import pytest
from scipy.special import ndtr
from scipy.stats import multivariate_normal

from distributions.orthant import (
    orthant_probability_float,
    polytope_integrals_float,
    polytope_probability_float,
    polytope_probability_shifted_float,
)


@pytest.mark.parametrize("dimension", [2, 3, 5, 7])
def test_orthant_probability_of_a_regular_covariance_matches_scipy_genz_cdf(dimension):
    rng = np.random.default_rng(dimension)
    A = rng.normal(size=(dimension, dimension))
    covariance, mean = A @ A.T + 0.1 * np.eye(dimension), rng.normal(size=dimension)
    ours = orthant_probability_float(mean, covariance, abs_tol=1e-5)
    # P(y ≥ 0) = P(−y ≤ 0), −y ~ N(−mean, Σ): scipy's CDF (Genz's algorithm) with its own tolerance 1e-6.
    reference = multivariate_normal(-mean, covariance, abseps=1e-6, releps=0).cdf(np.zeros(dimension))
    assert abs(ours.value - reference) <= ours.error + 2e-6


@pytest.mark.slow
def test_singular_orthant_probability_with_more_coordinates_than_rank_matches_monte_carlo():
    rng = np.random.default_rng(3)
    C, d = rng.normal(size=(9, 3)), rng.normal(size=9) + 1.5  # 9 coordinates of rank 3
    ours = polytope_probability_float(C, d, abs_tol=1e-5)
    n = 4_000_000
    u = np.random.default_rng(4).standard_normal((n, 3))
    frequency = np.mean(np.all(u @ C.T + d >= 0, axis=1))
    assert abs(ours.value - frequency) <= 5 * np.sqrt(frequency * (1 - frequency) / n) + ours.error
    covariance_route = orthant_probability_float(d, C @ C.T, abs_tol=1e-5)
    assert abs(covariance_route.value - ours.value) <= ours.error + covariance_route.error


def test_one_constrained_direction_is_exact():
    # Rows all parallel: the event is an interval of one Gaussian coordinate.
    C = np.array([[1.0, 1.0], [2.0, 2.0], [-1.0, -1.0]])
    d = np.array([0.5, 3.0, 2.0])
    ours = polytope_probability_float(C, d)
    exact = ndtr(2 / np.sqrt(2)) - ndtr(-0.5 / np.sqrt(2))
    assert ours.error <= 1e-11 and abs(ours.value - exact) <= 1e-12


def test_zero_variance_coordinates_count_by_the_sign_of_their_mean():
    covariance = np.diag([1.0, 0.0])
    assert orthant_probability_float(np.array([0.0, 1.0]), covariance).value == pytest.approx(0.5, abs=1e-12)
    assert orthant_probability_float(np.array([0.0, -1.0]), covariance).value == 0.0


def test_shifted_sampler_recovers_a_far_tail_probability():
    C, d = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]]), np.array([-6.0, 6.5, 0.0])
    estimate = polytope_probability_shifted_float(C, d, np.array([6.2, 0.5]), abs_tol=1e-14)
    exact = (ndtr(6.5) - ndtr(6.0)) / 2
    assert abs(estimate.value - exact) <= estimate.error + 1e-15
    assert estimate.error < 0.01 * exact


def test_expectations_over_a_polytope_match_the_truncated_normal_moments():
    # E[u 1{u ≥ 1}] = φ(1) and E[u² 1{u ≥ 1}] = P + φ(1)·1 for u ~ N(0, 1).
    values, errors, _ = polytope_integrals_float(
        np.array([[1.0]]), np.array([[-1.0]]), function=lambda u: np.c_[u, u * u], abs_tol=1e-6
    )
    phi = np.exp(-0.5) / np.sqrt(2 * np.pi)
    assert abs(values[0, 0] - phi) <= errors[0, 0]
    assert abs(values[0, 1] - (ndtr(-1) + phi)) <= errors[0, 1]
