"""The exact rank of a matrix modulo a prime below 2^21 by blocked elimination in float64 with BLAS products.

Residues modulo p < 2^21 are integers below 2^21, their products below 2^42, and a sum of at most
``PANEL`` = 2^10 such products stays below 2^52 < 2^53: every float64 operation below is exact (any
summation order), so numpy's BLAS matrix product serves as an exact product modulo p once reduced. The
elimination is right-looking LU by panels of ``PANEL`` columns, each factored recursively (left half,
update of the right half, right half; ``BASE`` columns one by one with row swaps at the bottom); the
pivot rows' trailing part is solved by forward substitution and the rest of the matrix updated by one
product (BLAS-3), as floating-point LU does. No entry goes through
a Python integer. The rank modulo p is never above the rank over Q of an integer (or p-integral rational)
matrix, so it is a proved lower bound whatever the prime.
"""

from __future__ import annotations

import flint
import numpy as np

from architectures.errors import PrimeTooSmallError

#: Largest prime allowed: products of residues below 2^42, sums of PANEL of them below 2^52.
LARGEST_PRIME = 2**21
#: Columns per panel (a panel's products sum at most this many terms).
PANEL = 2**10


def _check(matrix: np.ndarray, prime: int) -> np.ndarray:
    if not (2 < prime < LARGEST_PRIME):
        raise PrimeTooSmallError(
            f"the blocked rank needs an odd prime below 2^21, got {prime}; "
            "use architectures.modular.rank_mod for larger primes"
        )
    array = np.asarray(matrix)
    if array.ndim != 2:
        raise ValueError(f"expected a matrix, got an array of shape {array.shape}")
    # Column-major: the elimination reads and updates columns below the pivot row (contiguous this way).
    if array.dtype.kind in "iu" and array.size and int(np.abs(array).max()) >= 2**53:
        array = np.mod(array, prime)  # beyond 2^53 float64 would round: reduce as integers first
    work = np.array(array, dtype=np.float64, order="F")
    np.mod(work, prime, out=work)
    return work


def _eliminate_panel(work: np.ndarray, top: int, start: int, stop: int, prime: int) -> list[int]:
    """Eliminate columns [start, stop) below row ``top`` (rows swapped in ``work``); the panel's pivot columns.

    Below each pivot the panel column keeps the multipliers (the L factor); rows ``top`` … are the pivots.
    """
    pivots: list[int] = []
    row = top
    for column in range(start, stop):
        candidates = np.flatnonzero(work[row:, column])
        if candidates.size == 0:
            continue
        pick = row + int(candidates[0])
        if pick != row:
            work[[row, pick]] = work[[pick, row]]
        inverse = pow(int(work[row, column]), -1, prime)
        below = work[row + 1 :, column]
        multipliers = np.mod(below * inverse, prime)
        work[row + 1 :, column] = multipliers
        if column + 1 < stop:
            rest = work[row + 1 :, column + 1 : stop]
            rest -= np.mod(np.outer(multipliers, work[row, column + 1 : stop]), prime)
            np.mod(rest, prime, out=rest)
        pivots.append(column)
        row += 1
        if row == work.shape[0]:
            break
    return pivots


#: Columns eliminated one by one at the bottom of the recursion; rows solved one by one within a chunk.
BASE = 16


def _apply(work: np.ndarray, top: int, pivots: list[int], start: int, stop: int, prime: int) -> None:
    """Apply the elimination by pivot rows ``top`` … (pivot columns ``pivots``) to columns [start, stop).

    The pivot rows' part is solved by forward substitution with L (chunks of BASE rows: one product for
    the rows before the chunk, one by one within it); the rows below lose L₂₁ U (one product).
    """
    found = len(pivots)
    lower = work[top : top + found, pivots]  # unit lower triangular below its diagonal
    upper = np.ascontiguousarray(work[top : top + found, start:stop])  # solved row by row: rows contiguous
    for first in range(0, found, BASE):
        last = min(first + BASE, found)
        if first:
            upper[first:last] -= np.mod(lower[first:last, :first] @ upper[:first], prime)
            np.mod(upper[first:last], prime, out=upper[first:last])
        for t in range(first + 1, last):
            upper[t] -= np.mod(lower[t, first:t] @ upper[first:t], prime)
            np.mod(upper[t], prime, out=upper[t])
    work[top : top + found, start:stop] = upper
    below = work[top + found :, start:stop]
    if below.size:
        # (Uᵀ L₂₁ᵀ)ᵀ: the product comes out column-major like ``below``; reduced in place (one copy in memory).
        product = upper.T @ work[top + found :, pivots].T
        np.mod(product, prime, out=product)
        below -= product.T
        del product
        np.mod(below, prime, out=below)


def _factor(work: np.ndarray, top: int, start: int, stop: int, prime: int) -> list[int]:
    """Recursive LU of columns [start, stop) below row ``top`` (halves: left, update the right, right)."""
    if top == work.shape[0]:
        return []
    if stop - start <= BASE:
        return _eliminate_panel(work, top, start, stop, prime)
    middle = (start + stop) // 2
    left = _factor(work, top, start, middle, prime)
    if left:
        _apply(work, top, left, middle, stop, prime)
    return left + _factor(work, top + len(left), middle, stop, prime)


def rank_mod_blocked(matrix: np.ndarray, prime: int) -> int:
    """Rank of an integer ``matrix`` modulo ``prime`` (an odd prime below 2^21), exact.

    Examples
    --------
    >>> rank_mod_blocked(np.array([[1, 2, 3], [2, 4, 6], [1, 0, 1]]), 101)
    2
    >>> rank_mod_blocked(np.array([[3, 0], [0, 5]]), 5)   # 5 ≡ 0 modulo 5
    1
    """
    work = _check(matrix, prime)
    rows, columns = work.shape
    rank = 0
    for start in range(0, columns, PANEL):
        if rank == rows:
            break
        stop = min(start + PANEL, columns)
        pivots = _factor(work, rank, start, stop, prime)
        if pivots and stop < columns:
            _apply(work, rank, pivots, stop, columns, prime)
        rank += len(pivots)
    return rank


def random_blocked_prime(seed: int) -> int:
    """A prime drawn uniformly from the primes in [2^20, 2^21) (rejection sampling, seeded).

    Examples
    --------
    >>> p = random_blocked_prime(0)
    >>> 2**20 <= p < LARGEST_PRIME and bool(flint.fmpz(p).is_prime())
    True
    """
    rng = np.random.default_rng([seed, 21])
    while True:
        candidate = int(rng.integers(2**20, LARGEST_PRIME))
        if flint.fmpz(candidate).is_prime():
            return candidate
