"""The blocked float64 rank modulo a prime below 2^21 against python-flint's nmod_mat rank."""

import numpy as np
import pytest

import architectures.blocked_rank as blocked
from architectures.blocked_rank import random_blocked_prime, rank_mod_blocked
from architectures.errors import PrimeTooSmallError
from architectures.modular import rank_mod


def planted(rng, rows, columns, rank, prime):
    """A residue matrix of rank ``rank`` modulo ``prime`` (almost surely), with zero and repeated columns."""
    matrix = (rng.integers(0, prime, (rows, rank)) @ rng.integers(0, 5, (rank, columns))) % prime
    matrix[:, rng.integers(0, columns, columns // 10)] = 0
    return matrix


@pytest.mark.parametrize(
    "shape, rank",
    [
        (
            (
                40,
                30,
            ),
            30,
        ),
        ((30, 40), 17),
        ((200, 150), 149),
        ((150, 200), 80),
        ((1, 50), 1),
        ((50, 1), 1),
        ((97, 97), 60),
    ],
)
@pytest.mark.parametrize("panel, base", [(1024, 16), (32, 4), (8, 2)])
def test_rank_equals_flint_rank(monkeypatch, shape, rank, panel, base):
    # Small panels and bases exercise the panel boundaries, the recursion and the chunked substitution.
    monkeypatch.setattr(blocked, "PANEL", panel)
    monkeypatch.setattr(blocked, "BASE", base)
    rng = np.random.default_rng(sum(shape) + rank + panel)
    prime = random_blocked_prime(panel)
    matrix = planted(rng, *shape, rank, prime)
    assert rank_mod_blocked(matrix, prime) == rank_mod(matrix, prime)


def test_full_range_residues_and_a_small_prime_agree_with_flint():
    rng = np.random.default_rng(3)
    prime = 2**21 - 9  # the largest prime below 2^21: residues near 2^21 test exactness of the products
    matrix = np.full((300, 260), prime - 1, dtype=np.int64) - rng.integers(0, 3, (300, 260))
    matrix[:, 250:] = matrix[:, :10]  # ten repeated columns
    assert rank_mod_blocked(matrix, prime) == rank_mod(matrix, prime) == 250
    assert rank_mod_blocked(matrix, 3) == rank_mod(matrix % 3, 3)


def test_negative_entries_are_reduced_and_the_input_is_not_changed():
    matrix = np.array([[-1, 2], [1, -2], [0, 0]])
    copy = matrix.copy()
    assert rank_mod_blocked(matrix, 7) == 1 and np.array_equal(matrix, copy)


@pytest.mark.parametrize("prime", [2, 2**21 + 17, 2**31 - 1])
def test_primes_outside_the_exact_range_are_refused(prime):
    with pytest.raises(PrimeTooSmallError, match="below 2\\^21"):
        rank_mod_blocked(np.eye(2, dtype=np.int64), prime)


def test_integers_beyond_two_to_the_53_are_reduced_exactly():
    prime = 1_048_583
    matrix = np.array([[2**60 + 1, 2**61 + 3], [2**60 + 1, 2**61 + 3], [2**62 + 7, 5]], dtype=np.int64)
    assert rank_mod_blocked(matrix, prime) == rank_mod(matrix % prime, prime) == 2
