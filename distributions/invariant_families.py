"""Families of input distributions that ReLU layers map into themselves, and one they do not.

Exact push-forward of finite-support distributions (rational atoms and weights) through a
``Network``'s layers; the width-one family of clipped Gaussians; Gaussian images put mass on faces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from numpy.typing import ArrayLike

from architectures.errors import InvalidDistributionError, MismatchedArchitecturesError
from architectures.network_file import Network
from architectures.numbers import to_fraction, to_fraction_vector


@dataclass(frozen=True)
class FiniteDistribution:
    """Σ_i w_i δ_{x_i}: distinct rational atoms x_i ∈ Q^n, rational weights w_i > 0 summing to 1.

    Equal atoms given separately are merged (their weights added).

    Examples
    --------
    >>> d = FiniteDistribution([[0], [1], [0]], ["1/4", "1/4", "1/2"])
    >>> d.atoms, d.weights
    (((Fraction(0, 1),), (Fraction(1, 1),)), (Fraction(3, 4), Fraction(1, 4)))
    """

    atoms: tuple[tuple[Fraction, ...], ...]
    weights: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        atoms, weights = self.atoms, self.weights
        if isinstance(atoms, (str, bytes)) or not isinstance(atoms, Sequence) or not atoms:
            raise InvalidDistributionError("a finite distribution needs at least one atom (a list of points)")
        if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence) or len(weights) != len(atoms):
            raise InvalidDistributionError(f"give one weight per atom: {len(atoms)} atoms but weights {weights!r}")
        points = [
            to_fraction_vector(atom, what=f"atoms[{i}]")
            if isinstance(atom, Sequence) and not isinstance(atom, (str, bytes))
            else None
            for i, atom in enumerate(atoms)
        ]
        if any(p is None for p in points) or len({len(p) for p in points}) != 1 or not points[0]:
            raise InvalidDistributionError(
                f"atoms must be points of one dimension n ≥ 1 (lists of numbers), got {atoms!r}"
            )
        values = [to_fraction(w, what=f"weights[{i}]") for i, w in enumerate(weights)]
        if any(w <= 0 for w in values) or sum(values) != 1:
            raise InvalidDistributionError(
                f"weights must be positive and sum to 1 exactly, got {[str(w) for w in values]} (sum "
                f"{sum(values)}); normalise them or drop atoms of weight 0"
            )
        merged: dict[tuple[Fraction, ...], Fraction] = {}
        for point, weight in zip(points, values):
            merged[point] = merged.get(point, Fraction(0)) + weight
        object.__setattr__(self, "atoms", tuple(merged))
        object.__setattr__(self, "weights", tuple(merged.values()))

    @property
    def dimension(self) -> int:
        """n, the dimension of the atoms."""
        return len(self.atoms[0])

    @property
    def support_size(self) -> int:
        """k, the number of distinct atoms."""
        return len(self.atoms)

    def expectation(self, function) -> Any:
        """E[function(X)] exactly, for a function of one atom (a tuple of Fractions).

        Examples
        --------
        >>> FiniteDistribution([[1], [3]], ["1/2", "1/2"]).expectation(lambda x: x[0] ** 2)
        Fraction(5, 1)
        """
        return sum((w * function(x) for x, w in zip(self.atoms, self.weights)), Fraction(0))


def push_forward_layer(
    distribution: FiniteDistribution,
    weight: Sequence[Sequence[Any]],
    bias: Sequence[Any] | None = None,
    *,
    relu: bool = True,
) -> FiniteDistribution:
    """The law of relu(W X + b) (or W X + b with ``relu=False``) for X with a finite distribution.

    At most as many atoms as before: the family of ≤ k-atom distributions is invariant.

    Examples
    --------
    >>> d = FiniteDistribution([[-1], [1], [2]], ["1/3", "1/3", "1/3"])
    >>> image = push_forward_layer(d, [[1]], [-1])       # relu(x − 1)
    >>> [(a[0], w) for a, w in zip(image.atoms, image.weights)]
    [(Fraction(0, 1), Fraction(2, 3)), (Fraction(1, 1), Fraction(1, 3))]
    """
    rows = [to_fraction_vector(row, what="W") for row in weight]
    offsets = to_fraction_vector(bias, what="b") if bias is not None else (Fraction(0),) * len(rows)
    if not rows or any(len(row) != distribution.dimension for row in rows) or len(offsets) != len(rows):
        raise MismatchedArchitecturesError(
            f"the layer must be m × {distribution.dimension} (the atoms' dimension) with m biases, got "
            f"{len(rows)} rows of lengths {sorted({len(r) for r in rows})} and {len(offsets)} biases"
        )
    images = []
    for atom in distribution.atoms:
        values = [sum((w * x for w, x in zip(row, atom)), b) for row, b in zip(rows, offsets)]
        images.append([max(v, Fraction(0)) for v in values] if relu else values)
    return FiniteDistribution(tuple(map(tuple, images)), distribution.weights)


def push_forward(distribution: FiniteDistribution, network: Network) -> FiniteDistribution:
    """The law of f(X) for a network f: ReLU layers, then the linear output layer; exact.

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])          # |x|
    >>> image = push_forward(FiniteDistribution([[-2], [2], [1]], ["1/4", "1/4", "1/2"]), net)
    >>> sorted((a[0], w) for a, w in zip(image.atoms, image.weights))
    [(Fraction(1, 1), Fraction(1, 2)), (Fraction(2, 1), Fraction(1, 2))]
    """
    if network.architecture.input_width != distribution.dimension:
        raise MismatchedArchitecturesError(
            f"the network has {network.architecture.input_width} inputs but the atoms have dimension "
            f"{distribution.dimension}"
        )
    layers = network.layers()
    for index, (weight, bias) in enumerate(layers, start=1):
        distribution = push_forward_layer(distribution, weight, bias, relu=index < len(layers))
    return distribution


@dataclass(frozen=True)
class ClippedGaussian:
    """The law of clip(μ + σZ, lower, upper), Z ~ N(0, 1), on the real line (width one).

    ``lower``/``upper`` may be None for −∞/+∞; σ ≥ 0. This family is mapped into itself by every
    width-one ReLU layer x ↦ relu(w x + b), exactly (see :meth:`push_forward`).

    Examples
    --------
    >>> ClippedGaussian(0, 1).push_forward(2, -1)
    ClippedGaussian(mean=Fraction(-1, 1), scale=Fraction(2, 1), lower=Fraction(0, 1), upper=None)
    """

    mean: Fraction
    scale: Fraction
    lower: Fraction | None = None
    upper: Fraction | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", to_fraction(self.mean, what="mean"))
        object.__setattr__(self, "scale", to_fraction(self.scale, what="scale"))
        for name in ("lower", "upper"):
            value = getattr(self, name)
            object.__setattr__(self, name, None if value is None else to_fraction(value, what=name))
        if self.scale < 0:
            raise InvalidDistributionError(f"scale σ must be ≥ 0, got {self.scale}")
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise InvalidDistributionError(f"lower {self.lower} exceeds upper {self.upper}")

    def push_forward(self, weight: Any, bias: Any) -> "ClippedGaussian":
        """The law of relu(w X + b): again a clipped Gaussian (Z and −Z have the same law).

        Examples
        --------
        >>> ClippedGaussian(1, 2, lower=-1, upper=3).push_forward(-1, 1)   # relu(1 − X)
        ClippedGaussian(mean=Fraction(0, 1), scale=Fraction(2, 1), lower=Fraction(0, 1), upper=Fraction(2, 1))
        """
        w, b = to_fraction(weight, what="w"), to_fraction(bias, what="b")
        lower = None if self.lower is None else w * self.lower + b
        upper = None if self.upper is None else w * self.upper + b
        if w < 0:
            lower, upper = upper, lower
        if w == 0:
            lower = upper = b
        zero = Fraction(0)
        lower = zero if lower is None else max(lower, zero)
        upper = None if upper is None else max(upper, zero)
        return ClippedGaussian(w * self.mean + b, abs(w) * self.scale, lower, upper)

    def sample_float(self, count: int, *, seed: int) -> np.ndarray:
        """``count`` floating-point samples (numpy, seeded).

        Examples
        --------
        >>> samples = ClippedGaussian(0, 1, lower=0).sample_float(1000, seed=0)
        >>> float(samples.min()), bool(0.4 < (samples == 0).mean() < 0.6)
        (0.0, True)
        """
        z = np.random.default_rng(seed).standard_normal(count)
        values = float(self.mean) + float(self.scale) * z
        return np.clip(
            values,
            -np.inf if self.lower is None else float(self.lower),
            np.inf if self.upper is None else float(self.upper),
        )

    def cdf_float(self, t: float) -> float:
        """P(X ≤ t) in floating point.

        Examples
        --------
        >>> round(ClippedGaussian(0, 1, lower=0).cdf_float(0.0), 6)    # the atom at 0 has mass 1/2
        0.5
        """
        if self.lower is not None and t < self.lower:
            return 0.0
        if self.upper is not None and t >= self.upper:
            return 1.0
        if self.scale == 0:
            return 1.0 if t >= self.mean else 0.0
        return 0.5 * (1 + math.erf((t - float(self.mean)) / (float(self.scale) * math.sqrt(2))))


def _finite_array(value: ArrayLike, name: str) -> np.ndarray:
    """``value`` as a float array, refused with the toolkit's error when it is not one of finite numbers."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise InvalidDistributionError(
            f"{name} must be an array of numbers, got {str(value)[:60]!r} ({error})"
        ) from None
    if not np.all(np.isfinite(array)):
        raise InvalidDistributionError(f"{name} has an entry that is NaN, infinite or missing; give finite numbers")
    return array


def gaussian_face_masses_float(
    mean: ArrayLike, covariance: ArrayLike, weight: ArrayLike, bias: ArrayLike, *, samples: int = 100_000, seed: int = 0
) -> dict[str, np.ndarray]:
    """Y = relu(W X + b), X ~ N(mean, covariance): the mass of each face {Y_i = 0}, two ways (floats).

    ``formula[i]`` = Φ(−m_i / s_i) with m, s the mean and standard deviation of (W X + b)_i;
    ``monte_carlo[i]`` = the fraction of samples with Y_i = 0. A Gaussian law gives every hyperplane
    mass 0 or 1, so a face mass strictly between them shows the image is not Gaussian: Gaussian
    families are not invariant under ReLU layers.

    Examples
    --------
    >>> masses = gaussian_face_masses_float([0, 0], [[1, 0], [0, 1]], [[1, 1]], [0], samples=20000)
    >>> round(float(masses["formula"][0]), 3), bool(abs(masses["monte_carlo"][0] - 0.5) < 0.02)
    (0.5, True)
    """
    mean, covariance = _finite_array(mean, "mean"), _finite_array(covariance, "covariance")
    weight, bias = _finite_array(weight, "weight"), _finite_array(bias, "bias")
    n = mean.shape[0] if mean.ndim == 1 else -1
    if (
        n < 0
        or covariance.shape != (n, n)
        or weight.ndim != 2
        or weight.shape[1] != n
        or bias.shape != (weight.shape[0],)
    ):
        raise InvalidDistributionError(
            f"mean of length n, covariance n × n, weight m × n and bias of length m are needed; got shapes "
            f"{mean.shape}, {covariance.shape}, {weight.shape}, {bias.shape}"
        )
    if not np.allclose(covariance, covariance.T) or np.linalg.eigvalsh(covariance).min() < -1e-12:
        raise InvalidDistributionError("the covariance must be symmetric positive semidefinite")
    centre = weight @ mean + bias
    spread = np.sqrt(np.einsum("ij,jk,ik->i", weight, covariance, weight))
    formula = np.array(
        [0.5 * (1 + math.erf(-m / (s * math.sqrt(2)))) if s > 0 else float(m <= 0) for m, s in zip(centre, spread)]
    )
    rng = np.random.default_rng(seed)
    x = rng.multivariate_normal(mean, covariance, size=samples)
    y = np.maximum(x @ weight.T + bias, 0.0)
    return {"formula": formula, "monte_carlo": (y == 0).mean(axis=0), "samples": y}
