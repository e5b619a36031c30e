"""Input distributions of a network: a Gaussian N(μ, Σ) (Σ may be singular) or a Gaussian mixture.

The first object of the distributions data flow; validated here once, then factored as x = μ + L u with
u ~ N(0, I_r), r = rank Σ, so every later step works in the r coordinates of the input's support.
Floating point throughout (the distributions are numerical objects).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from architectures.errors import InvalidDistributionError

#: Eigenvalues of Σ below this fraction of the largest one count as zero (rank of the covariance).
RANK_TOLERANCE = 1e-12


def _float_array(value: Any, what: str, ndim: int) -> np.ndarray:
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise InvalidDistributionError(f"{what}: cannot read {value!r} as an array of numbers") from error
    if array.ndim != ndim:
        raise InvalidDistributionError(
            f"{what} must be a {'vector' if ndim == 1 else 'square matrix'}, got an array of shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise InvalidDistributionError(f"{what} contains NaN or infinite entries; give finite numbers")
    return array


@dataclass(frozen=True, eq=False)
class GaussianInput:
    """x ~ N(mean, covariance), floating point; the covariance may be singular (rank r < n_0).

    The covariance must be symmetric (to 1e-9 relative) and positive semidefinite (eigenvalues
    ≥ −1e-9 · largest); it is factored once as Σ = L Lᵀ with L of shape n_0 × r.

    Examples
    --------
    >>> g = GaussianInput([0.0, 1.0], [[1.0, 1.0], [1.0, 1.0]])
    >>> g.dimension, g.rank, g.factor.shape
    (2, 1, (2, 1))
    >>> bool(np.allclose(g.factor @ g.factor.T, g.covariance))
    True
    """

    mean: np.ndarray
    covariance: np.ndarray
    factor: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        mean = _float_array(self.mean, "the mean", 1)
        covariance = _float_array(self.covariance, "the covariance", 2)
        n = mean.shape[0]
        if covariance.shape != (n, n):
            raise InvalidDistributionError(
                f"the covariance has shape {covariance.shape} but the mean has {n} entries; give an {n}×{n} covariance"
            )
        scale = max(float(np.max(np.abs(covariance))), 1e-300) if n else 1.0
        if not np.allclose(covariance, covariance.T, rtol=0, atol=1e-9 * scale):
            raise InvalidDistributionError(
                "the covariance is not symmetric (Σ ≠ Σᵀ beyond 1e-9 relative); give a symmetric matrix"
            )
        covariance = (covariance + covariance.T) / 2
        values, vectors = np.linalg.eigh(covariance) if n else (np.zeros(0), np.zeros((0, 0)))
        top = float(values.max()) if n else 0.0
        if n and values.min() < -1e-9 * max(top, 1e-300):
            raise InvalidDistributionError(
                f"the covariance is not positive semidefinite: its smallest eigenvalue is {values.min():.3g}; "
                "give a covariance matrix (symmetric, eigenvalues ≥ 0)"
            )
        keep = values > RANK_TOLERANCE * top if top > 0 else np.zeros(n, dtype=bool)
        factor = vectors[:, keep] * np.sqrt(values[keep])
        object.__setattr__(self, "mean", mean)
        object.__setattr__(self, "covariance", covariance)
        object.__setattr__(self, "factor", factor)

    @property
    def dimension(self) -> int:
        return int(self.mean.shape[0])

    @property
    def rank(self) -> int:
        """r = rank Σ, the dimension of the support μ + range(L)."""
        return int(self.factor.shape[1])

    @functools.cached_property
    def factor_norm(self) -> float:
        """The spectral norm ‖L‖₂ (0 for a point mass), computed once: every region's constant-row test uses it."""
        return float(np.linalg.norm(self.factor, 2)) if self.rank else 0.0

    def components(self) -> tuple[tuple[float, "GaussianInput"], ...]:
        """``((1.0, self),)``: a Gaussian is a mixture of one component."""
        return ((1.0, self),)

    def sample(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """``count`` samples as rows (``count × n_0``), x = μ + L z."""
        return self.mean + rng.standard_normal((count, self.rank)) @ self.factor.T


@dataclass(frozen=True, eq=False)
class GaussianMixtureInput:
    """x ~ Σ_j w_j N(μ_j, Σ_j), floating point.

    Examples
    --------
    >>> m = GaussianMixtureInput([0.25, 0.75], [GaussianInput([0.0], [[1.0]]), GaussianInput([3.0], [[0.0]])])
    >>> m.dimension, [w for w, _ in m.components()]
    (1, [0.25, 0.75])
    """

    weights: Sequence[float]
    gaussians: Sequence[GaussianInput]

    def __post_init__(self) -> None:
        weights = _float_array(self.weights, "the mixture weights", 1)
        gaussians = tuple(self.gaussians)
        if len(weights) != len(gaussians) or not gaussians:
            raise InvalidDistributionError(
                f"a mixture needs one weight per component: got {len(weights)} weights and {len(gaussians)} components"
            )
        if any(not isinstance(g, GaussianInput) for g in gaussians):
            raise InvalidDistributionError("every mixture component must be a GaussianInput")
        if np.any(weights < 0) or abs(weights.sum() - 1) > 1e-9:
            raise InvalidDistributionError(f"mixture weights must be non-negative and sum to 1, got {weights.tolist()}")
        dimensions = {g.dimension for g in gaussians}
        if len(dimensions) != 1:
            raise InvalidDistributionError(f"mixture components have different dimensions {sorted(dimensions)}")
        object.__setattr__(self, "weights", tuple(float(w) for w in weights))
        object.__setattr__(self, "gaussians", gaussians)

    @property
    def dimension(self) -> int:
        return self.gaussians[0].dimension

    def components(self) -> tuple[tuple[float, GaussianInput], ...]:
        return tuple(zip(self.weights, self.gaussians))

    def sample(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """``count`` samples as rows: a component drawn by weight, then a sample of it."""
        labels = rng.choice(len(self.weights), size=count, p=np.array(self.weights))
        result = np.empty((count, self.dimension))
        for index, gaussian in enumerate(self.gaussians):
            chosen = labels == index
            result[chosen] = gaussian.sample(int(chosen.sum()), rng)
        return result


InputDistribution = GaussianInput | GaussianMixtureInput


def standard_normal(dimension: int) -> GaussianInput:
    """N(0, I) in ``dimension`` coordinates (the command line's default input).

    Examples
    --------
    >>> standard_normal(3).rank
    3
    """
    if isinstance(dimension, bool) or not isinstance(dimension, (int, np.integer)) or dimension < 1:
        raise InvalidDistributionError(f"dimension must be a positive integer, got {dimension!r}")
    return GaussianInput(np.zeros(dimension), np.eye(dimension))


def check_input(distribution: Any, input_width: int) -> InputDistribution:
    """Check that ``distribution`` is an input distribution on R^{input_width}.

    Examples
    --------
    >>> check_input(standard_normal(2), 3)
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidDistributionError: the input distribution lives in R^2 but the network has n_0 = 3 inputs; give a mean of length 3 and a 3×3 covariance
    """
    if not isinstance(distribution, (GaussianInput, GaussianMixtureInput)):
        raise InvalidDistributionError(
            f"expected a GaussianInput or GaussianMixtureInput, got {type(distribution).__name__}"
        )
    if distribution.dimension != input_width:
        raise InvalidDistributionError(
            f"the input distribution lives in R^{distribution.dimension} but the network has n_0 = "
            f"{input_width} inputs; give a mean of length {input_width} and a {input_width}×{input_width} covariance"
        )
    return distribution
