"""Interpolation: the graded pieces of I(V) as kernels of evaluation matrices at points of V.

For each multidegree α (one per orbit of the row/column permutations, see ``grading``) the kernel of
the matrix of degree-α monomials at sampled points is computed modulo a prime (python-flint
``nmod_mat``), lifted to Q by rational reconstruction (multimodular when needed), and every lifted
generator is verified by exact substitution of the parametrisation. Because the sample points are
reductions of integer points of V, dim I(V)_α ≤ #monomials − rank_p, so the verified generators
provably span I(V)_α: the result generates I(V) in every degree computed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import flint
import numpy as np
from sympy import prevprime

from architectures.errors import ComputationTooLargeError, InvalidOptionError, ReluVarietiesError
from architectures.modular import DEFAULT_PRIME, check_prime, residue, to_nmod_mat
from implicitize.grading import Grading, Multidegree, monomial_classes
from implicitize.lifting import combine_residues, rational_reconstruction

if TYPE_CHECKING:
    from varieties.variety import Variety

Monomial = tuple[int, ...]
"""A monomial as the sorted tuple of its variables (with repetition)."""

#: Default limit on the monomials of one degree that may be enumerated.
MAX_MONOMIALS = 3_000_000
#: Default memory budget for one evaluation matrix, in bytes.
MEMORY_BUDGET = 2 * 2**30
_EXTRA_POINTS = 8
_MAX_PRIMES = 4


class LiftingError(ReluVarietiesError, RuntimeError):
    """Kernel vectors that could not be lifted to Q and verified with the primes allowed."""


@dataclass(frozen=True)
class InterpolationOutcome:
    """Minimal generators of I(V) in degrees ≤ ``degree``, proved to generate there."""

    generators: list[flint.fmpq_mpoly]
    degree: int
    hilbert_function: dict[int, int]
    """d ↦ dim I(V)_d for every d ≤ ``degree``."""
    primes: list[int]
    points: int
    timings: dict[str, float] = field(default_factory=dict)


def interpolate(
    variety: "Variety",
    max_degree: int,
    *,
    seed: int = 0,
    prime: int = DEFAULT_PRIME,
    known: Iterable[flint.fmpq_mpoly] = (),
    max_monomials: int = MAX_MONOMIALS,
    memory_budget: int = MEMORY_BUDGET,
    progress: Callable[[str], None] | None = None,
) -> InterpolationOutcome:
    """Minimal generators of I(V) up to ``max_degree``, proved to generate I(V) in those degrees.

    ``known`` polynomials (e.g. generators of a related variety's ideal) are verified and preferred
    as generators where they are minimal.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> outcome = interpolate(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]]), 3)
    >>> [g.total_degree() for g in outcome.generators], outcome.hilbert_function
    ([3, 3, 3], {1: 0, 2: 0, 3: 3})
    """
    check_prime(prime)
    if isinstance(max_degree, bool) or not isinstance(max_degree, int) or max_degree < 1:
        raise InvalidOptionError(f"max_degree must be a positive integer such as 3, got {max_degree!r}")
    started = time.perf_counter()
    state = _State(variety, seed, prime, memory_budget)
    seeds = [g for g in known if not g.is_zero() and state.verify(g)]
    for degree in range(1, max_degree + 1):
        classes = monomial_classes(state.grading, variety.ambient_dimension, degree, max_monomials=max_monomials)
        state.hilbert[degree] = 0
        for multidegree, monomials in sorted(classes.items(), reverse=True):
            if progress is not None:
                progress(f"degree {degree}, multidegree {multidegree}: {len(monomials)} monomials")
            state.solve_class(degree, multidegree, monomials, seeds)
    state.timings["total"] = time.perf_counter() - started
    return InterpolationOutcome(
        [g for _, g in state.minimal],
        max_degree,
        state.hilbert,
        state.primes,
        len(state.points[state.primes[0]]),
        state.timings,
    )


class _State:
    """Sample points per prime, generators found so far, and timings of one interpolation."""

    def __init__(self, variety: "Variety", seed: int, prime: int, memory_budget: int) -> None:
        self.variety = variety
        self.grading = Grading.of(variety)
        self.context = variety.context
        self.rng = np.random.default_rng(seed)
        self.primes = [prime]
        self.points: dict[int, list[np.ndarray]] = {prime: []}
        self.memory_budget = memory_budget
        self.minimal: list[tuple[Multidegree, flint.fmpq_mpoly]] = []
        """One generator per orbit representative found (the returned minimal generators include images)."""
        self.all_generators: list[tuple[int, Multidegree, list[tuple[Monomial, flint.fmpq]]]] = []
        self.hilbert: dict[int, int] = {}
        self.timings = {"sampling": 0.0, "kernels": 0.0, "lifting": 0.0, "verification": 0.0}
        self._parameter_polynomials: tuple[flint.fmpq_mpoly, ...] | None = None

    # -- points --------------------------------------------------------------------------------
    def sample(self, prime: int, count: int) -> np.ndarray:
        started = time.perf_counter()
        points = self.points.setdefault(prime, [])
        parametrisation = self.variety.parametrisation
        while len(points) < count:
            theta = self.rng.integers(0, prime, size=parametrisation.parameter_count, dtype=np.int64)
            points.append(parametrisation.evaluate_mod(theta, prime))
        self.timings["sampling"] += time.perf_counter() - started
        return np.array(points[:count])

    # -- one graded piece ----------------------------------------------------------------------
    def solve_class(
        self, degree: int, multidegree: Multidegree, monomials: list[Monomial], seeds: Sequence[flint.fmpq_mpoly]
    ) -> None:
        size = len(monomials)
        rows = size + _EXTRA_POINTS
        if rows * size * 8 * 3 > self.memory_budget:
            raise ComputationTooLargeError(
                f"multidegree {multidegree} of degree {degree} has {size} monomials: its evaluation matrix needs "
                f"about {rows * size * 24 / 2**30:.1f} GiB, beyond the budget of {self.memory_budget / 2**30:.1f} GiB; "
                "lower max_degree or raise memory_budget"
            )
        prime = self.primes[0]
        kernel, free = self.kernel(prime, monomials)
        orbit = list(self.grading.orbit(multidegree))
        self.hilbert[degree] += len(kernel) * len(orbit)
        if not kernel:
            return
        position = {monomial: index for index, monomial in enumerate(monomials)}
        lower = self.lower_products(degree, multidegree, position, prime)
        seed_vectors = []
        for polynomial in seeds:
            vector = self.vector(polynomial, position, prime)
            if vector is not None:
                seed_vectors.append((polynomial, vector))
        started = time.perf_counter()
        chosen = _complement(lower, [v for _, v in seed_vectors] + kernel, prime)
        self.timings["kernels"] += time.perf_counter() - started
        for index in chosen:
            if index < len(seed_vectors):
                polynomial = seed_vectors[index][0]
            else:
                polynomial = self.lift(monomials, free[index - len(seed_vectors)], kernel[index - len(seed_vectors)])
            self.add(degree, multidegree, orbit, polynomial)

    def kernel(self, prime: int, monomials: list[Monomial]) -> tuple[list[np.ndarray], list[int]]:
        """Kernel of the evaluation matrix in reduced echelon form: its vectors and their free columns."""
        points = self.sample(prime, len(monomials) + _EXTRA_POINTS)
        started = time.perf_counter()
        variables = np.array(monomials, dtype=np.int64)
        evaluation = points[:, variables[:, 0]]
        for column in range(1, variables.shape[1]):
            evaluation = evaluation * points[:, variables[:, column]] % prime
        basis, nullity = to_nmod_mat(evaluation, prime).nullspace()
        vectors = []
        free = []
        if nullity:
            # only the first `nullity` columns of the s × s basis matter: read just those entries
            for column in range(nullity):
                vector = np.array([int(basis[row, column]) for row in range(basis.nrows())], dtype=np.int64)
                vectors.append(vector)
                # the free column of a reduced-echelon kernel vector is its last non-zero entry
                free.append(int(np.flatnonzero(vector)[-1]))
        self.timings["kernels"] += time.perf_counter() - started
        return vectors, free

    def lower_products(
        self, degree: int, multidegree: Multidegree, position: dict[Monomial, int], prime: int
    ) -> list[np.ndarray]:
        """Vectors of g·m for generators g of lower degree and monomials m landing in this piece."""
        vectors = []
        for generator_degree, generator_multidegree, terms in self.all_generators:
            if generator_degree >= degree:
                continue
            difference = (
                tuple(a - b for a, b in zip(multidegree[0], generator_multidegree[0])),
                tuple(a - b for a, b in zip(multidegree[1], generator_multidegree[1])),
            )
            if any(value < 0 for part in difference for value in part):
                continue
            for cofactor in self.monomials_of(degree - generator_degree, difference):
                vector = np.zeros(len(position), dtype=np.int64)
                for monomial, coefficient in terms:
                    vector[position[tuple(sorted(monomial + cofactor))]] = residue(
                        Fraction(int(coefficient.p), int(coefficient.q)), prime
                    )
                vectors.append(vector)
        return vectors

    def monomials_of(self, degree: int, multidegree: Multidegree) -> list[Monomial]:
        cache = self.__dict__.setdefault("_by_multidegree", {})
        if degree not in cache:
            import itertools

            table: dict[Multidegree, list[Monomial]] = {}
            for variables in itertools.combinations_with_replacement(range(self.variety.ambient_dimension), degree):
                table.setdefault(self.grading.multidegree(variables), []).append(variables)
            cache[degree] = table
        return cache[degree].get(multidegree, [])

    def vector(self, polynomial: flint.fmpq_mpoly, position: dict[Monomial, int], prime: int) -> np.ndarray | None:
        vector = np.zeros(len(position), dtype=np.int64)
        for monomial, coefficient in _terms(polynomial):
            if monomial not in position:
                return None
            vector[position[monomial]] = residue(Fraction(int(coefficient.p), int(coefficient.q)), prime)
        return vector

    # -- lifting and verification --------------------------------------------------------------
    def lift(self, monomials: list[Monomial], free: int, vector: np.ndarray) -> flint.fmpq_mpoly:
        """Lift a reduced-echelon kernel vector to Q, adding primes until it reconstructs and verifies."""
        started = time.perf_counter()
        residues = [vector]
        primes = [self.primes[0]]
        while True:
            combined, modulus = (
                combine_residues([list(map(int, r)) for r in residues], primes)
                if len(primes) > 1
                else (list(map(int, vector)), primes[0])
            )
            coefficients = [rational_reconstruction(value, modulus) for value in combined]
            if all(c is not None for c in coefficients):
                polynomial = self.context.from_dict(
                    {
                        _exponents(monomial, self.variety.ambient_dimension): flint.fmpq(c.numerator, c.denominator)
                        for monomial, c in zip(monomials, coefficients)
                        if c
                    }
                )
                self.timings["lifting"] += time.perf_counter() - started
                if self.verify(polynomial):
                    return polynomial
                started = time.perf_counter()
            if len(primes) >= _MAX_PRIMES:
                raise LiftingError(
                    f"a generator in {len(monomials)} monomials did not lift to a verified rational polynomial with "
                    f"{len(primes)} primes; its coefficients may be very large — try another seed"
                )
            prime = prevprime(primes[-1])
            if prime not in self.primes:
                self.primes.append(prime)
            kernel, free_columns = self.kernel(prime, monomials)
            if free not in free_columns:
                raise LiftingError("the kernel changed shape between primes; try another seed")
            residues.append(kernel[free_columns.index(free)])
            primes.append(prime)

    def verify(self, polynomial: flint.fmpq_mpoly) -> bool:
        """Exact check that the polynomial vanishes on the parametrisation (substitution over Q)."""
        started = time.perf_counter()
        parametrisation = self.variety.parametrisation
        if self._parameter_polynomials is None:
            self._parameter_polynomials = parametrisation.polynomials
        value = polynomial.compose(*self._parameter_polynomials, ctx=parametrisation.context)
        self.timings["verification"] += time.perf_counter() - started
        return value.is_zero()

    def add(self, degree: int, multidegree: Multidegree, orbit, polynomial: flint.fmpq_mpoly) -> None:
        for image, rows, columns in orbit:
            permuted = self.grading.permute(polynomial, rows, columns, self.context)
            self.minimal.append((image, permuted))
            self.all_generators.append((degree, image, list(_terms(permuted))))


def _terms(polynomial: flint.fmpq_mpoly) -> Iterable[tuple[Monomial, flint.fmpq]]:
    for exponents, coefficient in polynomial.to_dict().items():
        monomial = tuple(variable for variable, power in enumerate(exponents) for _ in range(power))
        yield monomial, coefficient


def _exponents(monomial: Monomial, count: int) -> tuple[int, ...]:
    exponents = [0] * count
    for variable in monomial:
        exponents[variable] += 1
    return tuple(exponents)


def _complement(lower: list[np.ndarray], candidates: list[np.ndarray], prime: int) -> list[int]:
    """Indices of candidates that extend the span of ``lower`` (greedily, in order), modulo ``prime``."""
    if not candidates:
        return []
    columns = lower + candidates
    matrix = np.array(columns, dtype=np.int64).T  # each vector a column
    reduced, rank = to_nmod_mat(matrix, prime).rref()
    pivots = []
    rows = reduced.tolist()
    for row in rows[:rank]:
        for column, value in enumerate(row):
            if int(value):
                pivots.append(column)
                break
    return [column - len(lower) for column in pivots if column >= len(lower)]
