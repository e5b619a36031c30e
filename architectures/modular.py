"""Exact arithmetic modulo a prime: residues of rationals, matrix products and ranks.

The fast path of the toolkit: Jacobians and evaluation matrices are built as numpy int64 residues
(prime below 2^31, so products fit) and handed to python-flint's ``nmod_mat`` for rank and kernels.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable

import flint
import numpy as np

from architectures.errors import ComputationTooLargeError, PrimeTooSmallError

#: The default prime 2^31 − 1; a rank at one random point is wrong with probability ≤ degree / prime.
DEFAULT_PRIME = 2_147_483_647
#: Smallest prime accepted: below it the error bounds we state stop being useful.
MINIMUM_PRIME = 2**20
_LIMB = 1 << 16


def check_prime(prime: int) -> int:
    """Return ``prime`` if it is a prime in ``[2^20, 2^31)``; raise :class:`PrimeTooSmallError` if not.

    Examples
    --------
    >>> check_prime(DEFAULT_PRIME)
    2147483647
    """
    if isinstance(prime, bool) or not isinstance(prime, (int, np.integer)):
        raise PrimeTooSmallError(f"prime must be an integer, got {prime!r}")
    prime = int(prime)
    if prime < MINIMUM_PRIME:
        raise PrimeTooSmallError(
            f"prime {prime} is too small: the failure probability degree/prime would be useless; "
            f"use a prime of at least 2^20 = {MINIMUM_PRIME}, e.g. the default {DEFAULT_PRIME}"
        )
    if prime >= 2**31:
        raise PrimeTooSmallError(
            f"prime {prime} is too large for the int64 fast path; use a prime below 2^31 such as {DEFAULT_PRIME}"
        )
    if not flint.fmpz(prime).is_prime():
        raise PrimeTooSmallError(f"{prime} is not prime; use a prime such as {DEFAULT_PRIME}")
    return prime


def residue(value: Fraction, prime: int) -> int:
    """The residue of a rational whose denominator is prime to ``prime``.

    Examples
    --------
    >>> residue(Fraction(1, 2), 7)
    4
    """
    denominator = value.denominator % prime
    if denominator == 0:
        raise PrimeTooSmallError(f"the denominator of {value} is divisible by {prime}; choose another prime")
    return value.numerator * pow(denominator, -1, prime) % prime


def residues(values: Iterable[Fraction], prime: int) -> np.ndarray:
    """Residues of rationals as an int64 array."""
    return np.array([residue(Fraction(value), prime) for value in values], dtype=np.int64)


def matmul_mod(left: np.ndarray, right: np.ndarray, prime: int) -> np.ndarray:
    """``left @ right mod prime`` for int64 residues below 2^31, without overflow.

    ``right`` is split into 16-bit limbs so that every partial sum stays below 2^63.

    Examples
    --------
    >>> p = DEFAULT_PRIME
    >>> a = np.array([[p - 1, p - 2]], dtype=np.int64); b = np.array([[p - 3], [p - 4]], dtype=np.int64)
    >>> int(matmul_mod(a, b, p)[0, 0]) == (1 * 3 + 2 * 4) % p
    True
    """
    if left.shape[1] >= _LIMB:
        raise ComputationTooLargeError(
            f"a product modulo a prime with inner dimension {left.shape[1]} (a layer that wide); exact modular "
            "products support widths below 65536: use a smaller architecture"
        )
    high, low = np.divmod(right, _LIMB)
    result = (left @ high) % prime
    return (result * _LIMB + (left @ low) % prime) % prime


def to_nmod_mat(array: np.ndarray, prime: int) -> flint.nmod_mat:
    """A numpy matrix of residues as a python-flint ``nmod_mat``."""
    rows, columns = array.shape
    return flint.nmod_mat(rows, columns, array.ravel().tolist(), prime)


def rank_mod(array: np.ndarray, prime: int) -> int:
    """Rank over F_p of a matrix of residues.

    Examples
    --------
    >>> rank_mod(np.array([[1, 2], [2, 4]], dtype=np.int64), DEFAULT_PRIME)
    1
    """
    if array.size == 0:
        return 0
    return to_nmod_mat(array, prime).rank()


def kernel_mod(array: np.ndarray, prime: int) -> np.ndarray:
    """A basis of the right kernel over F_p, as the columns of an int64 array."""
    rows, columns = array.shape
    if rows == 0:
        return np.eye(columns, dtype=np.int64)
    basis, nullity = to_nmod_mat(array, prime).nullspace()
    entries = np.array([[int(x) for x in row] for row in basis.tolist()], dtype=np.int64)
    return entries[:, :nullity].reshape(columns, nullity)
