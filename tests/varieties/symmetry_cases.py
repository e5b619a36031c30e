"""Shared helpers for the symmetry and identifiability tests: random exact networks and inputs."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from architectures import Architecture, Network


def nonzero_parameters(architecture: Architecture, seed: int) -> tuple[Fraction, ...]:
    """Random rationals ±p/q with 1 ≤ p ≤ 9, 1 ≤ q ≤ 7: no zeros, so no accidental degeneracy."""
    rng = np.random.default_rng(seed)
    count = architecture.parameter_count
    numerators = rng.integers(1, 10, size=count) * rng.choice([-1, 1], size=count)
    denominators = rng.integers(1, 8, size=count)
    return tuple(Fraction(int(n), int(d)) for n, d in zip(numerators, denominators))


def random_network(widths, bias: bool, seed: int) -> Network:
    architecture = Architecture(tuple(widths), bias=bias)
    return Network(architecture, nonzero_parameters(architecture, seed))


def random_points(dimension: int, count: int, seed: int, bound: int = 12) -> list[tuple[Fraction, ...]]:
    rng = np.random.default_rng(seed)
    return [
        tuple(
            Fraction(int(n), int(d))
            for n, d in zip(rng.integers(-bound * 4, bound * 4 + 1, size=dimension), rng.integers(1, 5, size=dimension))
        )
        for _ in range(count)
    ]
