"""Finite-support laws are pushed through ReLU layers exactly (≤ k atoms stay ≤ k atoms), clipped
Gaussians are invariant in width one, and Gaussian images put mass strictly between 0 and 1 on faces."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from architectures import forward_pass
from architectures.errors import InvalidDistributionError, MismatchedArchitecturesError
from symmetry_cases import random_network, random_points
from distributions.invariant_families import (
    ClippedGaussian,
    FiniteDistribution,
    gaussian_face_masses_float,
    push_forward,
    push_forward_layer,
)


@pytest.mark.parametrize("widths,bias", [((2, 3, 1), True), ((3, 4, 3, 2), True), ((2, 2, 2), False)])
def test_k_atom_laws_stay_k_atom_laws_and_match_the_forward_pass_atom_by_atom(widths, bias):
    network = random_network(widths, bias, seed=1)
    atoms = random_points(widths[0], 7, seed=4)
    rng = np.random.default_rng(0)
    raw = [Fraction(int(v)) for v in rng.integers(1, 10, size=7)]
    law = FiniteDistribution(atoms, [w / sum(raw) for w in raw])
    image = push_forward(law, network)
    assert image.support_size <= law.support_size and sum(image.weights) == 1
    # independent route: the exact forward pass of each atom, weights collected by output
    outputs = forward_pass(network.architecture, network.theta, list(law.atoms)).outputs
    expected: dict = {}
    for out, weight in zip(outputs, law.weights):
        expected[out] = expected.get(out, 0) + weight
    assert dict(zip(image.atoms, image.weights)) == expected


def test_relu_merges_atoms_on_the_negative_side_into_one_atom_at_zero():
    law = FiniteDistribution([[-3], [-1], [2]], ["1/2", "1/4", "1/4"])
    image = push_forward_layer(law, [[1]], [0])
    assert dict(zip(image.atoms, image.weights)) == {(Fraction(0),): Fraction(3, 4), (Fraction(2),): Fraction(1, 4)}


def test_clipped_gaussians_are_invariant_under_width_one_layers_by_monte_carlo():
    rng = np.random.default_rng(3)
    member = ClippedGaussian(Fraction(1, 2), Fraction(3, 2))
    samples = member.sample_float(40_000, seed=1)
    for _ in range(4):
        w, b = Fraction(int(rng.integers(-5, 6)) or 1, 2), Fraction(int(rng.integers(-4, 5)), 3)
        member = member.push_forward(w, b)
        samples = np.maximum(float(w) * samples + float(b), 0.0)
        grid = np.quantile(samples, np.linspace(0.02, 0.98, 25))
        empirical = np.array([(samples <= t).mean() for t in grid])
        predicted = np.array([member.cdf_float(float(t)) for t in grid])
        assert np.abs(empirical - predicted).max() < 0.015


def test_a_gaussian_image_puts_mass_strictly_between_zero_and_one_on_each_face():
    result = gaussian_face_masses_float(
        [0.5, -1.0],
        [[1.0, 0.3], [0.3, 2.0]],
        [[1.0, -1.0], [0.5, 2.0], [-1, 0]],
        [0.2, -0.4, 0.1],
        samples=60_000,
        seed=2,
    )
    assert np.all((result["formula"] > 0.05) & (result["formula"] < 0.95))
    assert np.abs(result["formula"] - result["monte_carlo"]).max() < 0.01


def test_bad_distributions_are_refused():
    with pytest.raises(InvalidDistributionError, match="sum to 1"):
        FiniteDistribution([[0], [1]], ["1/2", "1/3"])
    with pytest.raises(InvalidDistributionError, match="positive"):
        FiniteDistribution([[0], [1]], [1, 0])
    with pytest.raises(InvalidDistributionError, match="one weight per atom"):
        FiniteDistribution([[0], [1]], [1])
    with pytest.raises(InvalidDistributionError, match="one dimension"):
        FiniteDistribution([[0], [1, 2]], ["1/2", "1/2"])
    with pytest.raises(MismatchedArchitecturesError, match="atoms have dimension"):
        push_forward(FiniteDistribution([[0]], [1]), random_network((2, 2, 1), True, 0))
    with pytest.raises(InvalidDistributionError, match="positive semidefinite"):
        gaussian_face_masses_float([0, 0], [[1, 0], [0, -1]], [[1, 1]], [0])
    with pytest.raises(InvalidDistributionError, match="scale"):
        ClippedGaussian(0, -1)
