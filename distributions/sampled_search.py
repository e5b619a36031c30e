"""Affine pieces found by sampling, each probability then integrated: the search for large networks.

An alternative to the best-first search across facets in ``distributions.pieces`` for networks with
thousands of pieces. Seeded Gaussian samples of the input are only used to *find* patterns (a vectorised
forward pass) and to give each one an interior point; every probability reported is the orthant integral
of ``distributions.orthant`` with its error bound, so the mass found and its error do not depend on the
samples. No linear program is solved: the mean of the samples that land in a region lies inside it
(regions are convex), and it is the centre for importance sampling when the region is far from the mean.
Floating point throughout.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from architectures.keywords import Progress
from distributions.float_network import FloatNetwork, forward_float, indicator_to_pattern
from distributions.inputs import GaussianInput
from distributions.orthant import polytope_probability_float, polytope_probability_shifted_float
from distributions.region import pattern_region_float, support_polytope

#: Samples drawn in the first round; each later round draws as many as all rounds before (doubling).
FIRST_ROUND = 4096
#: Largest number of samples drawn in one round (the forward pass is chunked below this).
LARGEST_ROUND = 2**20
#: QMC points per randomisation of an integral's first round: most pieces are small and meet the error target
#: at once, so their cost is this first round.
FIRST_POINTS = 64
#: A round that finds no new pattern among this many samples ends the search (the rest has little mass).
EXHAUSTED_AFTER = 2**18


@dataclass(frozen=True)
class SearchBudget:
    """Limits of a piece search: at most ``max_pieces`` accepted pieces and ``timeout`` seconds (None: no limit).

    Examples
    --------
    >>> budget = SearchBudget(max_pieces=10, timeout=None)
    >>> budget.exceeded(10, started=time.monotonic())
    'the budget of 10 pieces was reached'
    >>> budget.exceeded(3, started=time.monotonic()) is None
    True
    """

    max_pieces: int
    timeout: float | None

    def exceeded(self, pieces: int, started: float) -> str | None:
        """The limit reached, as a phrase for the report; None while within the budget."""
        if pieces >= self.max_pieces:
            return f"the budget of {self.max_pieces} pieces was reached"
        if self.timeout is not None and time.monotonic() - started > self.timeout:
            return f"the time limit of {self.timeout:g} s was reached"
        return None


@dataclass(eq=False)
class _Candidate:
    """A pattern seen in the samples: how often, the sum of its sample points and one of them (support coordinates)."""

    indicator: np.ndarray
    count: int
    total: np.ndarray
    point: np.ndarray
    evaluated: bool = False


def _evaluate(
    net: FloatNetwork, gaussian: GaussianInput, candidate: _Candidate, abs_tol: float, seed: int
) -> tuple[Any, float, float, np.ndarray] | None:
    """(pattern, probability, error, witness in input coordinates), or None when the region has probability 0."""
    pattern = indicator_to_pattern(candidate.indicator, net.widths)
    polytope = support_polytope(pattern_region_float(net, pattern), gaussian)
    if not polytope.feasible:
        return None
    centre = candidate.total / candidate.count
    # The mean of the samples in the region is inside it (convexity); keep it if it satisfies every row in
    # floating point, else fall back on one sample (inside, as the forward pass decided).
    if polytope.C.shape[0] and np.min(polytope.C @ centre + polytope.d) <= 0:
        centre = candidate.point
    estimate = polytope_probability_float(polytope.C, polytope.d, abs_tol=abs_tol, seed=seed, min_points=FIRST_POINTS)
    if estimate.value == 0.0 or estimate.error > 0.2 * estimate.value:
        shifted = polytope_probability_shifted_float(
            polytope.C, polytope.d, centre, abs_tol=abs_tol, seed=seed, min_points=FIRST_POINTS
        )
        if estimate.value == 0.0 or (shifted.value > 0.0 and shifted.error < estimate.error):
            estimate = shifted
    if estimate.value == 0.0:
        return None
    return pattern, estimate.value, estimate.error, gaussian.mean + gaussian.factor @ centre


def _draw(
    net: FloatNetwork,
    gaussian: GaussianInput,
    rng: np.random.Generator,
    count: int,
    candidates: dict[bytes, _Candidate],
) -> int:
    """Draw ``count`` samples, add them to ``candidates``; return the number of new patterns."""
    new = 0
    for start in range(0, count, 2**16):
        size = min(2**16, count - start)
        u = rng.standard_normal((size, gaussian.rank))
        _, active = forward_float(net, gaussian.mean + u @ gaussian.factor.T)
        packed = np.packbits(active, axis=1)
        unique, inverse, tally = np.unique(packed, axis=0, return_inverse=True, return_counts=True)
        inverse = inverse.ravel()
        sums = np.zeros((len(unique), gaussian.rank))
        np.add.at(sums, inverse, u)
        first = np.zeros(len(unique), dtype=int)
        first[inverse[::-1]] = np.arange(size)[::-1]
        for index, key in enumerate(unique):
            key_bytes = key.tobytes()
            candidate = candidates.get(key_bytes)
            if candidate is None:
                candidates[key_bytes] = _Candidate(
                    active[first[index]], int(tally[index]), sums[index], u[first[index]]
                )
                new += 1
            else:
                candidate.count += int(tally[index])
                candidate.total = candidate.total + sums[index]
    return new


def search_by_sampling(
    net: FloatNetwork,
    gaussian: GaussianInput,
    mass: float,
    budget: SearchBudget,
    abs_tol: float,
    seed: int,
    started: float,
    progress: Progress | None = None,
) -> tuple[list[tuple[Any, float, float, np.ndarray]], bool, str]:
    """Pieces of ``net`` under ``gaussian`` until their probabilities sum to ``mass`` or ``budget`` runs out.

    Rounds of seeded samples (4 096, then doubling, at most 2^20 per round) find patterns; the patterns
    not yet evaluated are integrated most frequent first. The search ends when the mass is reached, the
    budget is exhausted, or a round of at least 2^18 samples finds no new pattern. Returns (pieces as
    (pattern, probability, error, witness), whether the target mass was reached, the reason it stopped).
    ``progress`` hears the mass found after each piece.

    Examples
    --------
    >>> from architectures.network_file import Network
    >>> net = FloatNetwork.of(Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]]))
    >>> found, reached, why = search_by_sampling(net, GaussianInput([0.0], [[1.0]]), 0.99,
    ...                                          SearchBudget(100, None), 1e-4, 0, time.monotonic())
    >>> sorted((str(p), round(q, 9)) for p, q, _, _ in found), reached, why
    ([('{0}', 0.5), ('{1}', 0.5)], True, 'the mass was reached')
    """
    rng = np.random.default_rng([seed, 7])
    candidates: dict[bytes, _Candidate] = {}
    found: list[tuple[Any, float, float, np.ndarray]] = []
    total, drawn, size = 0.0, 0, FIRST_ROUND
    while True:
        new = _draw(net, gaussian, rng, size, candidates)
        drawn += size
        waiting = sorted((c for c in candidates.values() if not c.evaluated), key=lambda c: -c.count)
        for candidate in waiting:
            stop = budget.exceeded(len(found), started)
            if stop is not None:
                return found, False, stop
            candidate.evaluated = True
            piece = _evaluate(net, gaussian, candidate, abs_tol, seed)
            if piece is None:
                continue
            found.append(piece)
            total += piece[1]
            if progress is not None:
                progress(f"mass {min(total, mass):.4f} of {mass:.4f} in {len(found)} pieces")
            if total >= mass:
                return found, True, "the mass was reached"
        if new == 0 and size >= EXHAUSTED_AFTER:
            return (
                found,
                False,
                (
                    f"{drawn:,} samples found no pattern beyond the {len(candidates):,} "
                    "evaluated (the mass left is spread over patterns too rare to sample)"
                ),
            )
        stop = budget.exceeded(len(found), started)
        if stop is not None:
            return found, False, stop
        size = min(drawn, LARGEST_ROUND)
