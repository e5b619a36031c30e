"""Gaussian orthant probabilities, singular covariances included: P(y ≥ 0) for y = d + C u, u ~ N(0, I_r).

The numerical core of the distributions package (floating point): a pattern's probability is the orthant
probability of its stacked signed pre-activations, whose covariance G Σ Gᵀ is singular as soon as there
are more hidden neurons than the rank of Σ. We never form that covariance: we work in the r coordinates
u of the input's support, where the event is a polytope {u : C u + d ≥ 0}.

Algorithm (Genz's separation of variables, with Genz–Bretz handling of singular covariances): an
orthonormal change of variables v = Q u makes the constraint matrix lower trapezoidal (rows chosen
greedily, most restrictive first, as in Gibson–Glasbey–Elston prioritisation); each v_j is then bounded
by an interval given v_1 … v_{j−1}, and the probability is the integral over [0, 1]^k of the product of
the interval masses. The integral is estimated by randomised quasi-Monte Carlo (scrambled Sobol points,
8 independent randomisations); the error is 3.5 standard errors of the 8 estimates (3.50 is the 99%
two-sided quantile of Student's t with 7 degrees of freedom) plus 1e-12 for rounding. Points are doubled
until the error is below ``abs_tol`` or ``max_points`` is reached. With one constrained direction (k = 1)
the answer is exact up to rounding.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.special import ndtr, ndtri
from scipy.stats import qmc

from architectures.errors import InvalidDistributionError
from distributions.inputs import GaussianInput

#: Randomisations of the QMC rule and the Student-t factor turning their spread into the stated error.
RANDOMISATIONS = 8
T_FACTOR = 3.5
#: Error added for floating-point rounding of an otherwise exact (k ≤ 1) evaluation.
ROUNDING = 1e-12


@dataclass(frozen=True)
class ProbabilityEstimate:
    """A probability (floating point) with its error bound and the QMC points used per randomisation.

    Examples
    --------
    >>> ProbabilityEstimate(0.25, 1e-12, 0)
    ProbabilityEstimate(value=0.25, error=1e-12, points=0)
    """

    value: float
    error: float
    points: int


@dataclass(frozen=True, eq=False)
class _Ordering:
    """Rows reordered so that ``B = C_ordered Qᵀ`` is lower trapezoidal; ``lead[i]`` = last non-zero column."""

    rows: np.ndarray  # indices into the normalised non-constant rows
    B: np.ndarray  # rows × k
    Q: np.ndarray  # k × r, orthonormal rows
    lead: np.ndarray


def _order(unit: np.ndarray, offset: np.ndarray) -> _Ordering:
    m, r = unit.shape
    active = np.ones(m, dtype=bool)
    # Residuals of the rows against the basis so far, and their coefficients on it, updated one basis
    # vector at a time (O(m r) per step rather than re-projecting every row on the whole basis).
    residual = unit.copy()
    coefficients = np.zeros((m, r))
    basis: list[np.ndarray] = []
    expected: list[float] = []
    rows: list[int] = []
    lead: list[int] = []
    while active.any():
        remaining = np.flatnonzero(active)
        norms = np.linalg.norm(residual[remaining], axis=1)
        dependent = norms <= 1e-10 if len(basis) < r else np.ones(len(remaining), dtype=bool)
        for row in remaining[dependent]:
            nonzero = np.flatnonzero(np.abs(coefficients[row, : len(basis)]) > 1e-12)
            rows.append(int(row))
            lead.append(int(nonzero[-1]) if nonzero.size else -1)
        active[remaining[dependent]] = False
        if dependent.all():
            break
        free = remaining[~dependent]
        conditional = (offset[free] + coefficients[free, : len(basis)] @ np.array(expected)) / norms[~dependent]
        best = int(np.argmin(conditional))
        pick, lower = int(free[best]), -float(conditional[best])
        vector = residual[pick] / norms[~dependent][best]
        active[pick] = False
        others = np.flatnonzero(active)
        projection = unit[others] @ vector
        coefficients[others, len(basis)] = projection
        residual[others] -= projection[:, None] * vector[None, :]
        basis.append(vector)
        tail = max(float(ndtr(-lower)), 1e-300)
        expected.append(float(np.exp(-lower * lower / 2) / np.sqrt(2 * np.pi) / tail) if lower < 37 else float(lower))
        rows.append(pick)
        lead.append(len(basis) - 1)
    Q = np.array(basis).reshape(len(basis), r)
    B = unit[rows] @ Q.T
    lead_array = np.array(lead, dtype=int)
    columns = np.arange(Q.shape[0])
    B[columns[None, :] > lead_array[:, None]] = 0.0
    keep = lead_array >= 0  # a row with no coefficient is zero: cannot happen after normalising
    return _Ordering(np.array(rows, dtype=int)[keep], B[keep], Q, lead_array[keep])


@functools.lru_cache(maxsize=256)
def _sobol_block(dimension: int, seed: int, randomisation: int, size: int) -> np.ndarray:
    """The first ``size`` points of randomisation ``randomisation`` of the scrambled Sobol sequence (cached:
    the same seed gives the same points, so building the engines once per shape saves most of their cost)."""
    engine = qmc.Sobol(dimension, scramble=True, seed=np.random.default_rng([seed, randomisation]))
    points = np.clip(engine.random(size), 1e-16, 1 - 1e-16)
    points.setflags(write=False)
    return points


def _sobol_points(dimension: int, seed: int, randomisation: int, start: int, size: int) -> np.ndarray:
    if start + size > 4096:  # large blocks are rare and big: not cached
        return _sobol_block.__wrapped__(dimension, seed, randomisation, start + size)[start : start + size]
    return _sobol_block(dimension, seed, randomisation, start + size)[start : start + size]


def _interval_mass_and_sample(
    lo: np.ndarray, hi: np.ndarray, w: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """Φ(hi) − Φ(lo), and (when ``w`` is given) the point of [lo, hi] at quantile ``w`` of N(0, 1) restricted to it.

    Computed on the side of the tail that keeps precision: for lo > 0 on the mirrored interval [−hi, −lo].
    Two ``ndtr`` and one ``ndtri`` per entry (the hot loop of the orthant integrals).
    """
    upper = lo > 0
    low_cdf = ndtr(np.where(upper, -hi, lo))
    high_cdf = ndtr(np.where(upper, -lo, hi))
    mass = np.maximum(high_cdf - low_cdf, 0.0)
    if w is None:
        return mass, None
    with np.errstate(invalid="ignore", divide="ignore"):
        value = ndtri(
            np.where(upper, np.clip(high_cdf - w * mass, 1e-300, 1.0), np.clip(low_cdf + w * mass, 1e-300, 1 - 1e-16))
        )
    value = np.where(upper, -value, value)
    return mass, np.where((mass > 0) & np.isfinite(value), value, 0.0)


def _check_polytope(C: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    C = np.asarray(C, dtype=float)
    d = np.asarray(d, dtype=float)
    if C.ndim != 2 or d.ndim not in (1, 2) or d.shape[-1] != C.shape[0]:
        raise InvalidDistributionError(
            f"a polytope C u + d ≥ 0 needs C of shape m × r and d of length m; got C {C.shape}, d {d.shape}"
        )
    if not (np.all(np.isfinite(C)) and np.all(np.isfinite(d))):
        raise InvalidDistributionError("the polytope's C and d must be finite (no NaN or infinity)")
    return C, d


def polytope_integrals_float(
    C: np.ndarray,
    d: np.ndarray,
    *,
    function: Callable[[np.ndarray], np.ndarray] | None = None,
    abs_tol: float = 1e-4,
    max_points: int = 2**16,
    seed: int = 0,
    min_points: int = 256,
) -> tuple[np.ndarray, np.ndarray, int]:
    """E[g(u) · 1{C u + d_b ≥ 0}] for u ~ N(0, I_r), for each offset vector d_b (rows of ``d``), in floats.

    Without ``function`` g = 1 (probabilities); otherwise g maps an ``n × r`` array of points to ``n × q``
    values. Returns (estimates ``b × q``, error bounds ``b × q``, points per randomisation). The offsets
    must share C; the variable ordering is chosen for the middle offset. The first round uses
    ``min_points`` points per randomisation (a power of two). See the module docstring for the
    algorithm and the error bound.

    Examples
    --------
    >>> values, errors, _ = polytope_integrals_float(np.eye(2), np.zeros((1, 2)))
    >>> bool(abs(values[0, 0] - 0.25) <= errors[0, 0])
    True
    """
    C, d = _check_polytope(C, d)
    batch = np.atleast_2d(d)
    b, (_, r) = batch.shape[0], C.shape
    q = 1 if function is None else int(np.asarray(function(np.zeros((1, r)))).reshape(1, -1).shape[1])
    norms = np.linalg.norm(C, axis=1)
    constant = norms == 0
    factor = np.all(batch[:, constant] >= 0, axis=1).astype(float)
    unit = C[~constant] / norms[~constant, None]
    offsets = batch[:, ~constant] / norms[~constant]
    ordering = (
        _order(unit, offsets[b // 2])
        if unit.shape[0]
        else _Ordering(np.zeros(0, int), np.zeros((0, 0)), np.zeros((0, r)), np.zeros(0, int))
    )
    k = ordering.Q.shape[0]
    complement = np.zeros((r, 0))
    if function is not None and k < r:
        basis = np.linalg.svd(ordering.Q, full_matrices=True)[2] if k else np.eye(r)
        complement = basis[k:].T
    sampled = k + complement.shape[1] if function is not None else max(k - 1, 0)
    B, lead, d_ord = ordering.B, ordering.lead, offsets[:, ordering.rows]
    by_column = [np.flatnonzero(lead == j) for j in range(k)]
    sums = np.zeros((RANDOMISATIONS, b, q))
    count, chunk = 0, min(min_points, max_points)
    while True:
        # All randomisations at once: their points stacked, sums split afterwards.
        w = (
            np.concatenate([_sobol_points(sampled, seed, index, count, chunk) for index in range(RANDOMISATIONS)])
            if sampled
            else np.zeros((RANDOMISATIONS, 1))
        )
        n = w.shape[0] // RANDOMISATIONS
        weight = np.ones((b, w.shape[0]))
        v = np.zeros((b, w.shape[0], k))
        for j in range(k):
            rows = by_column[j]
            rhs = -(d_ord[:, None, rows] + v[:, :, :j] @ B[rows, :j].T)
            coefficient = B[rows, j]
            bound = rhs / coefficient
            lo = np.max(np.where(coefficient > 0, bound, -np.inf), axis=2, initial=-np.inf)
            hi = np.min(np.where(coefficient < 0, bound, np.inf), axis=2, initial=np.inf)
            mass, sample = _interval_mass_and_sample(lo, hi, w[None, :, j] if j < sampled else None)
            weight *= mass
            if sample is not None:
                v[:, :, j] = sample
        if function is None:
            values = weight[:, :, None]
        else:
            z = ndtri(w[:, k:]) if complement.shape[1] else np.zeros((w.shape[0], 0))
            points = v @ ordering.Q + (z @ complement.T)[None]
            g = np.asarray(function(points.reshape(-1, r)), dtype=float).reshape(b, w.shape[0], q)
            values = weight[:, :, None] * g
        sums += values.reshape(b, RANDOMISATIONS, n, q).sum(axis=2).transpose(1, 0, 2)
        count += n
        estimates = sums / count * factor[None, :, None]
        mean = estimates.mean(axis=0)
        spread = estimates.std(axis=0, ddof=1) / np.sqrt(RANDOMISATIONS) if sampled else np.zeros_like(mean)
        error = T_FACTOR * spread + ROUNDING
        if not sampled or np.all(error <= abs_tol) or count >= max_points:
            return mean, error, count
        chunk = count  # doubling: the next block of Sobol points completes a power of two


def polytope_probability_float(
    C: np.ndarray,
    d: np.ndarray,
    *,
    abs_tol: float = 1e-4,
    max_points: int = 2**16,
    seed: int = 0,
    min_points: int = 256,
) -> ProbabilityEstimate:
    """P(C u + d ≥ 0) for u ~ N(0, I_r), with its error bound (floating point, see module docstring).

    Examples
    --------
    >>> p = polytope_probability_float(np.array([[1.0], [-1.0]]), np.array([1.0, 1.0]))
    >>> round(p.value, 6), p.error <= 1e-11
    (0.682689, True)
    """
    values, errors, points = polytope_integrals_float(
        C,
        np.asarray(d, dtype=float)[None, :] if np.ndim(d) == 1 else d,
        abs_tol=abs_tol,
        max_points=max_points,
        seed=seed,
        min_points=min_points,
    )
    return ProbabilityEstimate(float(np.clip(values[0, 0], 0, 1)), float(errors[0, 0]), points)


def polytope_probability_shifted_float(
    C: np.ndarray,
    d: np.ndarray,
    shift: np.ndarray,
    *,
    abs_tol: float = 1e-4,
    max_points: int = 2**16,
    seed: int = 0,
    min_points: int = 256,
) -> ProbabilityEstimate:
    """P(C u + d ≥ 0) for u ~ N(0, I_r), by importance sampling around ``shift`` (floating point).

    ``P = E_w[exp(−shiftᵀw − |shift|²/2) · 1{C w + (d + C shift) ≥ 0}]`` for w ~ N(0, I_r): the same
    separation-of-variables sampler on the shifted polytope, weighted by the likelihood ratio. Meant for
    regions of small probability far from the mean, where the plain sampler's paths leave the region;
    a point inside the region (e.g. its Chebyshev centre) is a good ``shift``.

    Examples
    --------
    >>> C, d = np.array([[1.0], [-1.0]]), np.array([-5.0, 5.2])   # 5 ≤ u ≤ 5.2
    >>> p = polytope_probability_shifted_float(C, d, np.array([5.1]), abs_tol=1e-12)
    >>> exact = float(ndtr(5.2) - ndtr(5.0))
    >>> bool(abs(p.value - exact) <= p.error), bool(p.error < 1e-3 * exact)
    (True, True)
    """
    C, d = _check_polytope(C, d)
    shift = np.asarray(shift, dtype=float)
    ratio = lambda points: np.exp(-points @ shift - shift @ shift / 2)[:, None]  # noqa: E731
    values, errors, points = polytope_integrals_float(
        C,
        (d + C @ shift)[None, :],
        function=ratio,
        abs_tol=abs_tol,
        max_points=max_points,
        seed=seed,
        min_points=min_points,
    )
    return ProbabilityEstimate(float(np.clip(values[0, 0], 0, 1)), float(errors[0, 0]), points)


def orthant_probability_float(
    mean: np.ndarray, covariance: np.ndarray, *, abs_tol: float = 1e-4, max_points: int = 2**16, seed: int = 0
) -> ProbabilityEstimate:
    """P(y ≥ 0) for y ~ N(mean, covariance); the covariance may be singular (it is reduced to its rank).

    Coordinates with zero variance count as y_i ≥ 0 exactly when mean_i ≥ 0.

    Examples
    --------
    >>> p = orthant_probability_float(np.zeros(3), np.ones((3, 3)))  # y_1 = y_2 = y_3: singular
    >>> round(p.value, 12)
    0.5
    >>> q = orthant_probability_float(np.zeros(2), np.eye(2))
    >>> bool(abs(q.value - 0.25) <= q.error)
    True
    """
    gaussian = GaussianInput(mean, covariance)
    return polytope_probability_float(gaussian.factor, gaussian.mean, abs_tol=abs_tol, max_points=max_points, seed=seed)
