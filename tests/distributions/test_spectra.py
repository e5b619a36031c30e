"""Jacobian singular values against finite-difference Jacobians at sampled inputs."""

import numpy as np
import pytest

from architectures.errors import InvalidDistributionError
from distribution_cases import make_network
from distributions.float_network import forward_float
from distributions.inputs import GaussianInput
from distributions.pieces import affine_pieces
from distributions.spectra import jacobian_spectra, singular_value_distribution

SAMPLES = 20000


@pytest.mark.slow
def test_largest_singular_value_distribution_matches_finite_difference_jacobians():
    network = make_network((3, 5, 5, 2), seed=41)
    distribution = GaussianInput([0.2, 0.0, -0.3], 0.8 * np.eye(3))
    result = affine_pieces(network, distribution, mass=1.0)
    values, probabilities, errors = singular_value_distribution(result, 0, decimals=6)
    x = distribution.sample(SAMPLES, np.random.default_rng(7))
    h = 1e-6  # central differences are exact on a piece, away from its boundary
    columns = [
        (forward_float(network, x + h * e)[0] - forward_float(network, x - h * e)[0]) / (2 * h) for e in np.eye(3)
    ]
    jacobians = np.stack(columns, axis=2)
    sampled = np.round(np.linalg.svd(jacobians, compute_uv=False)[:, 0], 6)
    for value, probability, error in zip(values, probabilities, errors):
        frequency = np.mean(np.abs(sampled - value) <= 1e-5)
        spread = np.sqrt(max(probability, frequency, 1 / SAMPLES) / SAMPLES)
        assert abs(frequency - probability) <= 5 * spread + error + 5e-4  # + boundary straddles


def test_spectra_are_listed_per_piece_with_min_of_widths_values():
    result = affine_pieces(make_network((4, 3, 2), seed=42), GaussianInput(np.zeros(4), np.eye(4)), mass=1.0)
    atoms = jacobian_spectra(result)
    assert len(atoms) == len(result.pieces)
    assert all(atom.singular_values.shape == (2,) for atom in atoms)
    with pytest.raises(InvalidDistributionError, match="index"):
        singular_value_distribution(result, 2)
