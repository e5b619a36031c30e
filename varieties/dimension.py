"""The dimension of a variety with a proof of what it is, and the counts it is expected to reach.

Lower bound: the rank modulo p of the Jacobian at an integer parameter point (a rank mod p never
exceeds the rank over Q). Upper bounds: N minus the rank of the known equations' differentials at
a point of V, and the parameter counts of docs/mathematics.md#dimension. When the bounds meet, the dimension is certified.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from architectures.architecture import Architecture
from architectures.errors import ComputationTooLargeError
from architectures.keywords import resolve_prime
from architectures.modular import kernel_mod, matmul_mod, rank_mod, residue
from varieties.rank import RankFamily

if TYPE_CHECKING:
    from varieties.variety import Variety


@dataclass(frozen=True)
class DimensionResult:
    """The dimension of a variety and what is proved about it.

    ``lower_bound`` and ``upper_bound`` are proved; ``dimension`` is the generic Jacobian rank over
    F_p, equal to the true dimension except with probability at most ``failure_probability`` (and
    proved equal when ``certified``).
    """

    dimension: int
    lower_bound: int
    upper_bound: int
    ambient_dimension: int
    certified: bool
    prime: int
    seed: int
    failure_probability: float
    families_used: int
    exact_rank: int | None = None
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        status = "certified" if self.certified else f"bounds {self.lower_bound} ≤ dim ≤ {self.upper_bound}"
        return (
            f"dimension {self.dimension} in ambient {self.ambient_dimension} ({status}; generic rank mod "
            f"{self.prime}, wrong with probability ≤ {self.failure_probability:.2e})"
        )


@dataclass(frozen=True)
class ExpectedDimension:
    """The naive and refined parameter counts of docs/mathematics.md#dimension, and how they were obtained."""

    naive: int
    refined: int
    reason: str


def dimension(variety: "Variety", *, seed: int = 0, prime: int | None = None, exact: bool = False) -> DimensionResult:
    """Dimension by the generic rank of the Jacobian, with proven lower and upper bounds.

    The parameter point is uniform in {0, …, p−1}^P (seeded); ``prime=None`` draws p from the primes in
    [2^30, 2^31) with ``seed``. ``exact=True`` also computes the
    rank over Q of the Jacobian at that integer point (slower; another proven lower bound).

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> result = dimension(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]]))
    >>> result.dimension, result.lower_bound, result.upper_bound, result.certified
    (15, 15, 15, True)
    """
    prime = resolve_prime(prime, seed)
    parametrisation = variety.parametrisation
    rng = np.random.default_rng(seed)
    theta = rng.integers(0, prime, size=parametrisation.parameter_count, dtype=np.int64)
    rank = rank_mod(parametrisation.jacobian_mod(theta, prime), prime)
    exact_rank = None
    if exact:
        exact_rank = parametrisation.jacobian([int(t) for t in theta]).rank()
    point = parametrisation.evaluate_mod(theta, prime)
    try:
        families = variety.rank_constraints()
        skipped = None
    except ComputationTooLargeError as error:  # too many blocks to pair: the parameter count bounds alone
        families, skipped = [], f"no rank-family upper bound ({error})"
    conormal, used, notes = _conormal_forms(families, point, prime, variety.ambient_dimension)
    if skipped:
        notes.append(skipped)
    upper = variety.ambient_dimension - (rank_mod(conormal, prime) if conormal.size else 0)
    counts = expected_dimension(variety)
    if min(counts.naive, counts.refined) < upper:
        upper = min(counts.naive, counts.refined)
        notes.append(f"upper bound from the parameter count ({counts.reason})")
    lower = max(rank, exact_rank or 0)
    degree = max(variety.architecture.depth - 1, 0)
    failure = min(1.0, rank * degree / prime)
    return DimensionResult(
        dimension=rank,
        lower_bound=lower,
        upper_bound=upper,
        ambient_dimension=variety.ambient_dimension,
        certified=lower == upper,
        prime=prime,
        seed=seed,
        failure_probability=failure,
        families_used=used,
        exact_rank=exact_rank,
        notes=tuple(notes),
    )


def _conormal_forms(
    families: list[RankFamily], point: np.ndarray, prime: int, ambient: int
) -> tuple[np.ndarray, int, list[str]]:
    """Differentials at ``point`` of all (r+1)-minors of each family, as rows modulo ``prime``.

    At a matrix Z of rank exactly r they span {u^T dL v : u ∈ ker Z^T, v ∈ ker Z}.
    """
    rows: list[np.ndarray] = []
    used = 0
    notes = []
    for family in families:
        value = family.evaluate_mod(point, prime)
        if rank_mod(value, prime) != family.bound:
            notes.append(f"{family.name}: rank below its bound at the sample point, not used for the upper bound")
            continue
        used += 1
        left = kernel_mod(value.T.copy(), prime)  # a × (a − r)
        right = kernel_mod(value, prime)  # b × (b − r)
        a, b = family.shape
        coefficients = np.zeros((a * b, ambient), dtype=np.int64)
        for r, row in enumerate(family.matrix):
            for c, form in enumerate(row):
                for index, coefficient in form.items():
                    coefficients[r * b + c, index] = residue(coefficient, prime)
        pairs = (
            np.einsum("rs,ct->strc", left, right).reshape(-1, a * b) % prime
            if left.shape[1] * right.shape[1] < 4096
            else _pairs_mod(left, right, prime)
        )
        rows.append(matmul_mod(pairs % prime, coefficients, prime))
    if not rows:
        return np.zeros((0, ambient), dtype=np.int64), used, notes
    return np.vstack(rows), used, notes


def _pairs_mod(left: np.ndarray, right: np.ndarray, prime: int) -> np.ndarray:
    a, s = left.shape
    b, t = right.shape
    result = (left.T[:, None, :, None] * right.T[None, :, None, :]) % prime
    return result.reshape(s * t, a * b)


def expected_dimension(variety: "Variety") -> ExpectedDimension:
    """The naive count min(N, P − #hidden neurons) and the refined count of docs/mathematics.md#dimension.

    The refined count groups the neurons of a shallow network by their signature {k : j ∈ S_k}:
    a group of size g acts through a matrix of rank ≤ g, contributing g(n_0 + n_2 − g) (n_0 + 1
    columns with biases, plus n_2 for the output bias). For any depth it is also at most the
    dimension of the product, over distinct patterns, of the matrices of rank ≤ r_k.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> counts = expected_dimension(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[0, 1, 2]]]))
    >>> counts.naive, counts.refined
    (15, 13)
    """
    architecture = variety.architecture
    ambient = variety.ambient_dimension
    linear = sum(len(family.matrix) * len(family.matrix[0]) for family in variety.linear_families())
    ceiling = ambient - linear
    naive = min(ceiling, architecture.parameter_count - sum(architecture.hidden_widths))
    determinantal = _determinantal_count(variety)
    if architecture.depth != 2:
        refined = min(naive, determinantal)
        return ExpectedDimension(
            naive,
            refined,
            "naive count and Σ over distinct patterns of the dimension of "
            "the matrices of rank ≤ r_k (the refined count of docs/mathematics.md#dimension is "
            "defined for shallow networks)",
        )
    bias = 1 if architecture.bias else 0
    columns, outputs = architecture.input_width + bias, architecture.output_width
    signatures = Counter(
        frozenset(k for k, pattern in enumerate(variety.patterns) if j in pattern.active[0])
        for j in range(architecture.hidden_widths[0])
    )
    total = bias * outputs
    for signature, size in signatures.items():
        if signature:
            size = min(size, columns, outputs)
            total += size * (columns + outputs - size)
    refined = min(naive, ceiling, total, determinantal)
    groups = sorted(size for signature, size in signatures.items() if signature)
    return ExpectedDimension(naive, refined, f"neurons grouped by signature into groups of sizes {groups}")


def _determinantal_count(variety: "Variety") -> int:
    """Σ over distinct patterns of r_k(n_L + n_0 (+1) − r_k): V lies in the product of the varieties of
    matrices of rank ≤ r_k, one factor per distinct pattern (blocks with equal patterns are equal).

    With biases a factor is also at most s_k(n_L + n_0 − s_k) + n_L, where s_k bounds the rank of the
    linear part M_k (the bias column is free)."""
    from varieties.bounds import block_rank

    architecture = variety.architecture
    rows, inputs = architecture.output_width, architecture.input_width
    linear = Architecture(architecture.widths, bias=False)
    total = 0
    for pattern in set(variety.patterns):
        rank = block_rank(architecture, pattern)[0]
        count = rank * (rows + inputs + (1 if architecture.bias else 0) - rank)
        if architecture.bias:
            linear_rank = block_rank(linear, pattern)[0]
            count = min(count, linear_rank * (rows + inputs - linear_rank) + rows)
        total += count
    return total


def is_defective(variety: "Variety", *, seed: int = 0) -> bool:
    """Whether the dimension falls short of the refined expected count.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> is_defective(PatternVariety(Architecture((2, 2, 2, 2)), [[[0, 1], [0, 1]], [[0], [0, 1]]]))
    True
    """
    return dimension(variety, seed=seed).dimension < expected_dimension(variety).refined
