"""Batch functional dimension against the all-regions rank, a float Jacobian and the symmetry bound."""

from __future__ import annotations

import time

import numpy as np
import pytest

from architectures.blocked_rank import random_blocked_prime, rank_mod_blocked
from architectures.network_file import Network
from architectures.modular import rank_mod
from varieties.symmetry.batch_dimension import (
    INPUT_DENOMINATOR,
    _modular_layers,
    activation_masks,
    batch_functional_dimension,
    batch_jacobian,
    random_inputs,
)
from architectures.keywords import random_prime
from varieties.symmetry.identifiability import functional_dimension, identifiability
from varieties.symmetry.symmetries import random_symmetry
from varieties.symmetry.compare import compare_networks


def random_network(widths, seed, bound=9):
    rng = np.random.default_rng(seed)
    weights = [
        rng.integers(-bound, bound + 1, size=(widths[i + 1], widths[i])).tolist() for i in range(len(widths) - 1)
    ]
    biases = [rng.integers(-bound, bound + 1, size=widths[i + 1]).tolist() for i in range(len(widths) - 1)]
    return Network.from_weights(weights, biases)


def float_jacobian(network, points):
    """∂out/∂θ by central finite differences of a plain float forward pass (independent of the module)."""
    theta = np.array([float(x) for x in network.theta])
    architecture = network.architecture

    def outputs(values):
        h, offset = points.astype(float), 0
        for layer in range(1, architecture.depth + 1):
            rows, cols = architecture.widths[layer], architecture.widths[layer - 1]
            w = values[offset : offset + rows * cols].reshape(rows, cols)
            offset += rows * cols
            b = values[offset : offset + rows]
            offset += rows
            h = h @ w.T + b
            if layer < architecture.depth:
                h = np.maximum(h, 0)
        return h.ravel()

    step = 1e-6
    columns = []
    for i in range(len(theta)):
        up, down = theta.copy(), theta.copy()
        up[i] += step
        down[i] -= step
        columns.append((outputs(up) - outputs(down)) / (2 * step))
    return np.stack(columns, axis=1)


@pytest.mark.parametrize("widths,seed", [((2, 3, 1), 0), ((2, 3, 1), 1), ((3, 4, 2), 0), ((3, 4, 2), 2)])
def test_batch_rank_equals_all_regions_rank(widths, seed):
    network = random_network(widths, seed)
    batch = batch_functional_dimension(network, seed=seed)
    regions = functional_dimension(network, method="exact")
    assert batch.rank == regions.rank
    assert batch.upper_bound == regions.upper_bound
    assert batch.certified == (batch.rank == batch.upper_bound)


@pytest.mark.parametrize("widths,count,seed", [((3, 5, 2), 40, 0), ((4, 6, 2), 40, 1), ((3, 5, 2), 4, 2)])
def test_modular_jacobian_rank_equals_float_svd_rank_of_finite_differences(widths, count, seed):
    network = random_network(widths, seed, bound=3)
    numerators = random_inputs(np.random.default_rng(seed), count, widths[0])
    masks, kept = activation_masks(network, numerators / INPUT_DENOMINATOR)
    numerators, masks = numerators[kept], [m[kept] for m in masks]
    jacobian = float_jacobian(network, numerators / INPUT_DENOMINATOR)
    # finite-difference noise is ~1e-7 of the largest singular value; well-conditioned gaps are far above
    expected = np.linalg.matrix_rank(jacobian, tol=1e-6 * np.linalg.norm(jacobian, 2))
    prime = random_prime(seed)
    residue_inputs = (numerators % prime) * pow(INPUT_DENOMINATOR, -1, prime) % prime
    modular = batch_jacobian(_modular_layers(network, prime), residue_inputs, masks, bias=True, modulus=prime)
    assert rank_mod(modular, prime) == expected
    assert expected <= network.architecture.parameter_count - sum(widths[1:-1])
    # The route's own rank: blocked float64 elimination modulo a prime below 2^21.
    small = random_blocked_prime(seed)
    residue_inputs = (numerators % small) * pow(INPUT_DENOMINATOR, -1, small) % small
    modular = batch_jacobian(_modular_layers(network, small), residue_inputs, masks, bias=True, modulus=small)
    assert rank_mod_blocked(modular, small) == expected


@pytest.mark.parametrize("seed", range(4))
def test_batch_rank_never_exceeds_the_symmetry_bound(seed):
    network = random_network((2, 3, 3, 1), seed, bound=2)
    batch = batch_functional_dimension(network, seed=seed)
    assert batch.rank <= batch.upper_bound <= network.architecture.parameter_count - 6
    if not batch.certified:
        assert 0 < batch.error_bound < 1e-3 and "lower bound" in batch.proved


@pytest.mark.slow
def test_identifiability_auto_route_uses_the_batch_above_the_threshold():
    network = random_network((4, 8, 8, 2), 0)
    result = identifiability(network)
    assert result.details.route == "batch" and result.details.inputs
    assert result.functional_dimension <= result.details.upper_bound
    certified = result.functional_dimension == result.details.upper_bound
    assert result.details.proved.startswith("certified" if certified else "lower bound")
    small = identifiability(random_network((2, 3, 1), 0))
    assert small.details.route == "regions" and small.details.regions >= 1


def test_equivalent_permuted_rescaled_copy_is_fast_and_a_perturbed_copy_differs():
    network = random_network((6, 12, 12, 3), 3)
    element = random_symmetry(network.architecture, seed=5)
    copy = Network(network.architecture, element.act(network.theta))
    start = time.monotonic()
    assert compare_networks(network, copy) == {"related_by_symmetry": True, "same_function": True, "witness": None}
    assert time.monotonic() - start < 5
    perturbed = Network(network.architecture, copy.theta[:-1] + (copy.theta[-1] + 1,))
    verdict = compare_networks(network, perturbed)
    assert verdict["related_by_symmetry"] is False and verdict["same_function"] is False
    assert verdict["witness"] is not None
