"""The distribution over affine pieces: which patterns a random input takes, with what probability.

Middle of the distributions data flow (input distribution + network -> pieces -> outputs, spectra, plots).
Found without sampling: a best-first search over regions from the pattern of the mean, moving to
neighbouring regions across facets, until the mass found reaches the target. Probabilities are floating
point with stated error bounds (see ``distributions.orthant``).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.special import ndtr

from architectures.errors import InvalidDistributionError
from architectures.keywords import Progress
from architectures.network_file import Network
from architectures.patterns import ActivationPattern
from distributions.float_network import FloatNetwork, affine_map_float, forward_float, indicator_to_pattern
from distributions.inputs import GaussianInput, InputDistribution, check_input
from distributions.orthant import ProbabilityEstimate, polytope_probability_float, polytope_probability_shifted_float
from distributions.region import (
    chebyshev_ball_float,
    facets_float,
    inscribed_ball_float,
    pattern_region_float,
    projection_box_float,
    support_polytope,
)
from distributions.sampled_search import SearchBudget, search_by_sampling


@dataclass(frozen=True, eq=False)
class AffinePiece:
    """One affine piece f(x) = M x + c of the network, with the probability (float) that x lands on it.

    ``witness`` is an interior point of the region (input coordinates): proof that it is non-empty
    (see ``distributions.region.certify_nonempty`` for the exact check).
    """

    pattern: ActivationPattern
    probability: float
    error: float
    matrix: np.ndarray
    offset: np.ndarray
    witness: np.ndarray
    component_probabilities: tuple[float, ...] = field(default=())
    component_errors: tuple[float, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {"pattern": self.pattern.as_lists(), "probability": self.probability, "error": self.error}


@dataclass(frozen=True, eq=False)
class PieceDistribution:
    """The pieces found (most probable first), for ``network`` under ``distribution``.

    ``mass`` = Σ probabilities, with error ``mass_error`` = Σ errors; ``complete`` says the search
    visited every region (then the mass is 1 within ``mass_error``); ``stopped`` says why a search that
    did not reach its target mass ended (a budget, a time limit; empty otherwise).

    Examples
    --------
    >>> from distributions.inputs import standard_normal
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])
    >>> result = affine_pieces(net, standard_normal(1), mass=1.0)
    >>> [(str(p.pattern), round(p.probability, 9)) for p in result.pieces], result.complete
    ([('{0}', 0.5), ('{1}', 0.5)], True)
    """

    network: FloatNetwork
    distribution: InputDistribution
    pieces: tuple[AffinePiece, ...]
    complete: bool
    stopped: str = ""

    @property
    def mass(self) -> float:
        return float(sum(piece.probability for piece in self.pieces))

    @property
    def mass_error(self) -> float:
        return float(sum(piece.error for piece in self.pieces))

    @property
    def unexplored_mass(self) -> float:
        """An upper bound on the mass of the patterns not found: 1 − mass + mass_error (at least 0)."""
        return max(0.0, 1.0 - self.mass + self.mass_error)

    def to_json(self) -> dict[str, Any]:
        """``{"pieces": [{"pattern", "probability", "error"}, …], "mass", "mass_error", "complete", "stopped"}``,
        most probable first."""
        return {
            "pieces": [piece.to_json() for piece in self.pieces],
            "mass": self.mass,
            "mass_error": self.mass_error,
            "complete": self.complete,
            "stopped": self.stopped,
        }

    def probability_of(self, pattern: ActivationPattern) -> tuple[float, float]:
        """(probability, error) of ``pattern``; (0, unexplored mass) when the search did not find it."""
        for piece in self.pieces:
            if piece.pattern == pattern:
                return piece.probability, piece.error
        return 0.0, self.unexplored_mass


@dataclass(eq=False)
class _Region:
    """A queued region: its polytope in support coordinates, its estimate, its interior point nearest 0."""

    polytope: Any
    probability: float = -1.0
    error: float = 0.0
    centre: np.ndarray | None = None
    stage: int = 0  # 0: only an upper bound known; 1: coarse estimate; 2: final estimate


def _centre(region: _Region) -> bool:
    """Fill in the interior point nearest the mean; False when the region has no interior."""
    if region.centre is None:
        centre, radius = chebyshev_ball_float(region.polytope.C, region.polytope.d)
        if radius == 0.0:
            return False
        region.centre = centre
    return True


def _evaluate(region: _Region, abs_tol: float, seed: int) -> bool:
    """Estimate the region's probability; False when it turns out to have no interior."""
    polytope = region.polytope
    estimate = polytope_probability_float(polytope.C, polytope.d, abs_tol=abs_tol, seed=seed)
    if estimate.value == 0.0 or estimate.error > 0.2 * estimate.value:
        # A region of small mass away from the mean: sample around a point inside it instead.
        if not _centre(region):
            return False
        shifted = polytope_probability_shifted_float(
            polytope.C,
            polytope.d,
            region.centre,  # type: ignore[arg-type]  # set by _centre
            abs_tol=abs_tol,
            seed=seed,
        )
        if estimate.value == 0.0 or (shifted.value > 0.0 and shifted.error < estimate.error):
            estimate = shifted
    if estimate.value == 0.0:
        # A thin region: add its (implied) bounding box so that sample paths stay near it; if they still
        # miss it, the box's Gaussian mass is a rigorous bound on its probability.
        lower, upper = projection_box_float(polytope.C, polytope.d)
        r = polytope.dimension
        boxed = polytope_probability_shifted_float(
            np.r_[polytope.C, np.eye(r), -np.eye(r)],
            np.r_[polytope.d, -np.nan_to_num(lower, neginf=-1e300), np.nan_to_num(upper, posinf=1e300)],
            region.centre,  # type: ignore[arg-type]
            abs_tol=abs_tol,
            seed=seed,
        )
        bound = float(np.min(ndtr(upper) - ndtr(lower))) if r else 1.0
        estimate = boxed if boxed.value > 0.0 else ProbabilityEstimate(0.0, max(bound, boxed.error), boxed.points)
    region.probability, region.error = estimate.value, estimate.error
    return True


#: QMC points per randomisation of the coarse estimate that ranks queued regions before the final one.
COARSE_POINTS = 64


def _coarse_priority(region: _Region, bound: float, seed: int) -> float:
    """A cheap estimate's upper confidence limit, to rank a queued region (the bound if it saw nothing)."""
    polytope = region.polytope
    coarse = polytope_probability_float(polytope.C, polytope.d, abs_tol=1.0, max_points=COARSE_POINTS, seed=seed)
    region.stage = 1
    return min(bound, coarse.value + coarse.error) if coarse.value > 0 else bound


def _pattern_at(net: FloatNetwork, point: np.ndarray) -> ActivationPattern:
    return indicator_to_pattern(forward_float(net, point[None, :])[1][0], net.widths)


def _queue_bound(polytope: Any) -> float:
    """An upper bound on a region's probability without computing it: its most restrictive half-space."""
    if not len(polytope.d):
        return 1.0
    return float(ndtr(np.min(polytope.d / np.linalg.norm(polytope.C, axis=1))))


def _search_gaussian(
    net: FloatNetwork,
    gaussian: GaussianInput,
    mass: float,
    budget: SearchBudget,
    abs_tol: float,
    seed: int,
    started: float,
) -> tuple[list[tuple[ActivationPattern, float, float, np.ndarray]], bool, str]:
    rng = np.random.default_rng(seed)
    counter = itertools.count()
    # Entries: (−priority, tie-break, pattern, region). Until a region's final probability is computed its
    # priority is an upper bound (stage 0) or a coarse estimate's upper confidence limit (stage 1).
    heap: list[tuple[float, int, ActivationPattern, _Region]] = []
    seen: set[ActivationPattern] = set()

    def queue(pattern: ActivationPattern, bound: float) -> None:
        if pattern in seen:
            return
        seen.add(pattern)
        polytope = support_polytope(pattern_region_float(net, pattern), gaussian)
        if polytope.feasible:
            region = _Region(polytope)
            heapq.heappush(heap, (-min(bound, _queue_bound(polytope)), next(counter), pattern, region))

    queue(_pattern_at(net, gaussian.mean), 1.0)
    if not heap or not _centre(heap[0][3]):
        # The mean lies on a boundary (e.g. no biases, mean 0): start from points near it instead.
        heap.clear()
        for _ in range(32):
            queue(_pattern_at(net, gaussian.mean + gaussian.factor @ rng.standard_normal(gaussian.rank) * 1e-3), 1.0)
    # Facets whose far side has less mass than this cannot lead to a piece worth finding (mass < 1 only).
    negligible = (1.0 - mass) * 1e-3
    found: list[tuple[ActivationPattern, float, float, np.ndarray]] = []
    total = 0.0
    stopped = ""
    while heap and (mass >= 1.0 or total < mass):
        limit = budget.exceeded(len(found), started)
        if limit is not None:
            stopped = limit
            break
        priority, _, pattern, region = heapq.heappop(heap)
        if region.stage == 0:
            heapq.heappush(heap, (-_coarse_priority(region, -priority, seed), next(counter), pattern, region))
            continue
        if region.stage == 1:
            if _evaluate(region, abs_tol, seed):
                region.stage = 2
                heapq.heappush(heap, (-region.probability, next(counter), pattern, region))
            continue
        if not _centre(region):
            continue
        found.append((pattern, region.probability, region.error, gaussian.mean + gaussian.factor @ region.centre))
        total += region.probability
        polytope = region.polytope
        # Rays from the deepest point see the facets more evenly than from the point nearest the mean.
        deep, radius = inscribed_ball_float(polytope.C, polytope.d)
        for facet in facets_float(
            polytope.C,
            polytope.d,
            deep if radius > 0 else region.centre,  # type: ignore[arg-type]  # set by _centre
            min_beyond_mass=negligible,
        ):
            queue(
                _pattern_at(net, gaussian.mean + gaussian.factor @ facet.outside),
                min(facet.beyond_mass, max(1.0 - total, 0.0)) + 1e-300,
            )
    return found, not heap, stopped


#: Searches of :func:`affine_pieces`: across facets (best first, can run to completion) or by sampling.
SEARCHES = ("auto", "facets", "samples")


def affine_pieces(
    network: Network | FloatNetwork,
    distribution: InputDistribution,
    *,
    mass: float = 0.99,
    max_pieces: int = 100_000,
    abs_tol: float = 1e-4,
    seed: int = 0,
    search: str = "auto",
    timeout: float | None = None,
    progress: Progress | None = None,
) -> PieceDistribution:
    """The most probable affine pieces of ``network`` for inputs x ~ ``distribution`` (floating point).

    Best-first search over regions, from the region of the mean: each step accepts the most probable
    region not yet accepted and queues the regions across its facets (found by crossing each facet,
    so patterns that differ in several neurons at once are handled); a queued region's priority is an
    upper bound (the Gaussian mass beyond the facet's hyperplane, or of its most restrictive half-space),
    then the upper confidence limit of a coarse estimate (64 QMC points per randomisation), until its
    final probability is computed.
    It stops once the probabilities accepted sum to ``mass`` (``mass=1`` runs to completion) or
    ``max_pieces`` pieces are accepted. With ``mass < 1``, facets beyond which the Gaussian mass is below
    (1 − mass)/1000 are not crossed (a region across a facet lies beyond its hyperplane); this can only
    leave the search short of ``mass`` (then ``complete`` is False and the mass found says so).
    Regions with no interior (probability 0) are never reported.
    For a Gaussian mixture each component is searched to ``mass``, every pattern found is evaluated
    under every component, and the results are added with the mixture weights. ``abs_tol`` is the error
    target of each probability; ``seed`` fixes the QMC points.

    ``search="samples"`` finds the patterns instead from seeded samples of the input
    (``distributions.sampled_search``: no linear programs; every probability still integrated with its
    error bound), most frequent first; it is far faster on networks with thousands of pieces, but cannot
    prove a search complete. ``"auto"`` (default) samples when ``mass < 1`` and searches facets otherwise.
    The search stops after ``max_pieces`` pieces or ``timeout`` seconds (whatever the mass found then:
    ``stopped`` says which limit); ``progress`` hears the mass found
    after each piece (sampling search only).

    Examples
    --------
    >>> from distributions.inputs import GaussianInput
    >>> net = Network.from_weights([[[1, 0], [0, 1]], [[1, 1]]], [[0, 0], [0]])
    >>> result = affine_pieces(net, GaussianInput([1.0, 0.5], np.eye(2)), mass=1.0)
    >>> [p.pattern.as_lists() for p in result.pieces], round(result.mass, 6)
    ([[[0, 1]], [[0]], [[1]], [[]]], 1.0)
    >>> from scipy.special import ndtr                     # independent neurons: P({0, 1}) = Φ(1) Φ(1/2)
    >>> bool(abs(result.pieces[0].probability - ndtr(1) * ndtr(0.5)) <= result.pieces[0].error)
    True
    """
    net = FloatNetwork.of(network)
    distribution = check_input(distribution, net.widths[0])
    if not (0 < mass <= 1):
        raise InvalidDistributionError(f"mass must be in (0, 1], got {mass!r}")
    if not (abs_tol > 0):
        raise InvalidDistributionError(f"abs_tol must be positive, got {abs_tol!r}")
    if search not in SEARCHES:
        raise InvalidDistributionError(f"search must be one of {', '.join(SEARCHES)}; got {search!r}")
    if isinstance(max_pieces, bool) or not isinstance(max_pieces, (int, np.integer)) or max_pieces < 1:
        raise InvalidDistributionError(f"max_pieces must be a positive integer, got {max_pieces!r}")
    if timeout is not None and not (timeout > 0):
        raise InvalidDistributionError(f"timeout must be a positive number of seconds, got {timeout!r}")
    with _one_blas_thread():
        return _affine_pieces(
            net,
            distribution,
            mass,
            int(max_pieces),
            abs_tol,
            seed,
            search == "samples" or (search == "auto" and mass < 1),
            timeout,
            progress,
        )


def _one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """Limit BLAS to one thread where threadpoolctl is installed: the search multiplies small matrices, where
    more threads only add synchronisation (on a loaded machine they cost several times the CPU time)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _affine_pieces(
    net: FloatNetwork,
    distribution: InputDistribution,
    mass: float,
    max_pieces: int,
    abs_tol: float,
    seed: int,
    sampling: bool,
    timeout: float | None,
    progress: Progress | None,
) -> PieceDistribution:
    budget, started = SearchBudget(max_pieces, timeout), time.monotonic()
    components = distribution.components()
    table: dict[ActivationPattern, list[Any]] = {}
    complete, stops = True, []
    for index, (_weight, gaussian) in enumerate(components):
        if sampling:
            found, _, stopped = search_by_sampling(net, gaussian, mass, budget, abs_tol, seed, started, progress)
            exhausted = False
            stopped = "" if stopped == "the mass was reached" else stopped
        else:
            found, exhausted, stopped = _search_gaussian(net, gaussian, mass, budget, abs_tol, seed, started)
        complete &= exhausted
        if stopped:
            stops.append(stopped)
        for pattern, probability, error, witness in found:
            entry = table.setdefault(pattern, [np.zeros(len(components)), np.zeros(len(components)), witness])
            entry[0][index], entry[1][index] = probability, error
    if len(components) > 1:
        # A pattern found under one component but not another still has mass under the other: compute it.
        for pattern, entry in table.items():
            for index, (_, gaussian) in enumerate(components):
                if entry[1][index] == 0:
                    polytope = support_polytope(pattern_region_float(net, pattern), gaussian)
                    region = _Region(polytope)
                    if polytope.feasible and _evaluate(region, abs_tol, seed):
                        entry[0][index], entry[1][index] = region.probability, region.error
    pieces = []
    weights = np.array([weight for weight, _ in components])
    for pattern, (probabilities, errors, witness) in table.items():
        matrix, offset = affine_map_float(net, pattern)
        pieces.append(
            AffinePiece(
                pattern,
                float(weights @ probabilities),
                float(weights @ errors),
                matrix,
                offset,
                witness,
                tuple(map(float, probabilities)),
                tuple(map(float, errors)),
            )
        )
    pieces.sort(key=lambda piece: -piece.probability)
    return PieceDistribution(net, distribution, tuple(pieces), complete, "; ".join(dict.fromkeys(stops)))
