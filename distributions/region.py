"""The activation region of a pattern: the polytope of inputs that produce it, built layer by layer.

First step of the distributions data flow (pattern -> polytope -> orthant probability -> pieces). The
region is exact over Q (:func:`pattern_region`) or floating point (:func:`pattern_region_float`);
emptiness, facets and crossing points are found with scipy's ``linprog`` (HiGHS, floating point, with the
tolerances stated below); exactly, :func:`has_interior_exact` decides it with an exact simplex, and
non-emptiness can be certified exactly from a witness point.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from scipy.optimize import linprog

from architectures.forward import forward_pass
from architectures.network_file import Network
from architectures.numbers import to_fraction
from architectures.patterns import ActivationPattern
from distributions.float_network import FloatNetwork, pattern_indicator
from distributions.inputs import GaussianInput

#: A Chebyshev radius (in standard deviations of the input) at or below this means "no interior".
EMPTY_RADIUS = 1e-9
#: A row of G·L smaller than this fraction of |G_i|·|L| is treated as a constant (the neuron's
#: pre-activation does not vary on the support of the input).
CONSTANT_ROW = 1e-10


@dataclass(frozen=True)
class ExactRegion:
    """Exact region ``{x : s_i (A_i x + a_i) > 0 (active) or ≥ 0 (inactive)}``, rows layer by layer.

    ``rows[i] = (layer, neuron, active, A_i, a_i)`` with A_i, a_i the neuron's pre-activation on the
    region (exact rationals); ``s_i = +1`` for an active neuron, ``−1`` for an inactive one.

    Examples
    --------
    >>> region = pattern_region(Network.from_weights([[[1], [-1]], [[1, 1]]]), ActivationPattern([[0]]))
    >>> region.contains([2]), region.contains([-2])
    (True, False)
    """

    rows: tuple[tuple[int, int, bool, tuple[Fraction, ...], Fraction], ...]

    def contains(self, point: Sequence[Any]) -> bool:
        """Exact membership of a rational point (floats are converted exactly)."""
        x = [to_fraction(v, what="point", allow_float=True) for v in point]
        for _, _, active, a_row, a_0 in self.rows:
            value = sum((p * q for p, q in zip(a_row, x)), a_0)
            if (value <= 0) if active else (value > 0):
                return False
        return True


def pattern_region(network: Network, pattern: ActivationPattern) -> ExactRegion:
    """The exact polytope of ``pattern``: pre-activations of layer l are affine on the region of layers < l.

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]], [[1]]])
    >>> [(layer, neuron, active, tuple(map(str, a)), str(b)) for layer, neuron, active, a, b in
    ...  pattern_region(net, ActivationPattern([[0], [0]])).rows]
    [(1, 0, True, ('1',), '0'), (1, 1, False, ('-1',), '0'), (2, 0, True, ('1',), '0')]
    """
    architecture = network.architecture
    pattern.check(architecture)
    n0 = architecture.input_width
    matrix = [tuple(Fraction(int(i == j)) for j in range(n0)) for i in range(n0)]
    offset = [Fraction(0)] * n0
    rows = []
    for layer, (weight, bias) in enumerate(network.layers()[:-1], start=1):
        pre = [tuple(sum((w * m[j] for w, m in zip(row, matrix)), Fraction(0)) for j in range(n0)) for row in weight]
        pre_offset = [sum((w * o for w, o in zip(row, offset)), b) for row, b in zip(weight, bias)]
        active = pattern.active[layer - 1]
        for neuron, (a_row, a_0) in enumerate(zip(pre, pre_offset)):
            rows.append((layer, neuron, neuron in active, a_row, a_0))
        zero = tuple(Fraction(0) for _ in range(n0))
        matrix = [a_row if neuron in active else zero for neuron, a_row in enumerate(pre)]
        offset = [a_0 if neuron in active else Fraction(0) for neuron, a_0 in enumerate(pre_offset)]
    return ExactRegion(tuple(rows))


@dataclass(frozen=True, eq=False)
class FloatRegion:
    """Floating-point region ``{x : G x + g ≥ 0}`` (strict on rows of active neurons), rows layer by layer.

    ``G[i] = s_i A_i`` and ``g[i] = s_i a_i`` (s_i = ±1 as in :class:`ExactRegion`); ``layer``, ``neuron``
    and ``active`` say which neuron each row belongs to.
    """

    G: np.ndarray
    g: np.ndarray
    layer: np.ndarray
    neuron: np.ndarray
    active: np.ndarray


def pattern_region_float(network: Network | FloatNetwork, pattern: ActivationPattern) -> FloatRegion:
    """The region of ``pattern`` in floating point (see :func:`pattern_region` for the exact one).

    Examples
    --------
    >>> region = pattern_region_float(Network.from_weights([[[1], [-1]], [[1, 1]]]), ActivationPattern([[0]]))
    >>> region.G.tolist(), region.g.tolist(), region.active.tolist()
    ([[1.0], [1.0]], [0.0, -0.0], [True, False])
    """
    net = FloatNetwork.of(network)
    pattern.check(net.network.architecture)
    n0 = net.widths[0]
    matrix, offset = np.eye(n0), np.zeros(n0)
    blocks, offsets, layers, neurons, actives = [], [], [], [], []
    for layer, (weight, bias) in enumerate(zip(net.weights[:-1], net.biases[:-1]), start=1):
        pre, pre_offset = weight @ matrix, weight @ offset + bias
        keep = pattern_indicator(ActivationPattern([pattern.active[layer - 1]]), (0, weight.shape[0], 0))
        sign = np.where(keep, 1.0, -1.0)
        blocks.append(pre * sign[:, None])
        offsets.append(pre_offset * sign)
        layers.append(np.full(weight.shape[0], layer))
        neurons.append(np.arange(weight.shape[0]))
        actives.append(keep)
        matrix, offset = pre * keep[:, None], pre_offset * keep
    if not blocks:
        empty = np.zeros(0)
        return FloatRegion(np.zeros((0, n0)), empty, empty.astype(int), empty.astype(int), empty.astype(bool))
    return FloatRegion(
        np.vstack(blocks),
        np.concatenate(offsets),
        np.concatenate(layers),
        np.concatenate(neurons),
        np.concatenate(actives),
    )


@dataclass(frozen=True, eq=False)
class SupportPolytope:
    """A region in the coordinates u of the input's support (x = μ + L u, u ~ N(0, I_r)).

    ``{u : C u + d ≥ 0}`` keeps the rows whose pre-activation varies on the support; the others are
    constants, already checked: ``feasible`` is False when one of them is violated (the pattern then has
    probability 0). ``rows`` maps each kept row to its row in the :class:`FloatRegion`.
    """

    C: np.ndarray
    d: np.ndarray
    rows: np.ndarray
    feasible: bool

    @property
    def dimension(self) -> int:
        return int(self.C.shape[1])


def support_polytope(region: FloatRegion, gaussian: GaussianInput) -> SupportPolytope:
    """Restrict ``region`` to the support of ``gaussian``: C = G L, d = G μ + g, constant rows resolved.

    A constant row must hold as the forward pass decides it: ``d_i > 0`` for an active neuron,
    ``d_i ≥ 0`` for an inactive one.

    Examples
    --------
    >>> net = Network.from_weights([[[1, 0], [0, 1]], [[1, 1]]])
    >>> region = pattern_region_float(net, ActivationPattern([[0, 1]]))
    >>> polytope = support_polytope(region, GaussianInput([0.0, 1.0], [[1.0, 0.0], [0.0, 0.0]]))
    >>> polytope.C.tolist(), polytope.d.tolist(), polytope.feasible
    ([[1.0]], [0.0], True)
    """
    C = region.G @ gaussian.factor
    d = region.G @ gaussian.mean + region.g
    scale = np.linalg.norm(region.G, axis=1) * gaussian.factor_norm
    varies = np.linalg.norm(C, axis=1) > CONSTANT_ROW * scale
    varies &= np.linalg.norm(C, axis=1) > 0
    constant = ~varies
    feasible = bool(np.all(np.where(region.active[constant], d[constant] > 0, d[constant] >= 0)))
    return SupportPolytope(C[varies], d[varies], np.flatnonzero(varies), feasible)


def _normalised(C: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    norms = np.linalg.norm(C, axis=1)
    return C / norms[:, None], d / norms


def inscribed_ball_float(C: np.ndarray, d: np.ndarray, *, cap: float = 1.0) -> tuple[np.ndarray, float]:
    """Centre and radius (capped at ``cap``) of a largest ball inside ``{u : C u + d ≥ 0}`` (one ``linprog``).

    Examples
    --------
    >>> centre, radius = inscribed_ball_float(np.array([[1.0], [-1.0]]), np.array([0.0, 2.0]))
    >>> centre.round(6).tolist(), round(radius, 6)
    ([1.0], 1.0)
    """
    r = C.shape[1]
    if C.shape[0] == 0:
        return np.zeros(r), float(cap)
    unit, offset = _normalised(C, d)
    result = linprog(
        np.r_[np.zeros(r), -1.0],
        A_ub=np.c_[-unit, np.ones(len(offset))],
        b_ub=offset,
        bounds=[(None, None)] * r + [(0, cap)],
        method="highs",
    )
    if result.status != 0 or result.x[-1] <= EMPTY_RADIUS:
        return np.zeros(r), 0.0
    return result.x[:r], float(result.x[-1])


def chebyshev_ball_float(C: np.ndarray, d: np.ndarray, *, cap: float = 1.0) -> tuple[np.ndarray, float]:
    """An interior point near the origin and the radius (capped at ``cap``) of the largest inscribed ball.

    Two ``linprog`` (HiGHS) calls on ``{u : C u + d ≥ 0}``: the largest radius ρ of a ball inside, then
    the point of smallest max-norm whose ball of radius ρ/20 is inside (near the mean of u ~ N(0, I), so
    a good witness and a good centre for sampling). Radius 0 means the polytope has no interior (empty,
    or lower-dimensional: probability 0).

    Examples
    --------
    >>> centre, radius = chebyshev_ball_float(np.array([[1.0], [-1.0]]), np.array([0.0, 2.0]))
    >>> centre.round(6).tolist(), round(radius, 6)   # the point nearest 0 at depth radius/20
    ([0.05], 1.0)
    >>> chebyshev_ball_float(np.array([[1.0], [-1.0]]), np.array([-1.0, 0.0]))[1]
    0.0
    """
    r = C.shape[1]
    if C.shape[0] == 0:
        return np.zeros(r), float(cap)
    deep, radius = inscribed_ball_float(C, d, cap=cap)
    if radius == 0.0:
        return deep, 0.0
    unit, offset = _normalised(C, d)
    # Variables (u, t): minimise t with −t ≤ u_i ≤ t and every row at depth ≥ ρ/20.
    m = len(offset)
    A_ub = np.r_[np.c_[-unit, np.zeros(m)], np.c_[np.eye(r), -np.ones(r)], np.c_[-np.eye(r), -np.ones(r)]]
    b_ub = np.r_[offset - radius / 20, np.zeros(2 * r)]
    near = linprog(
        np.r_[np.zeros(r), 1.0], A_ub=A_ub, b_ub=b_ub, bounds=[(None, None)] * r + [(0, None)], method="highs"
    )
    return (near.x[:r] if near.status == 0 else deep), radius


def projection_box_float(C: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of each coordinate u_i over ``{u : C u + d ≥ 0}`` (2r ``linprog`` calls).

    Unbounded directions give ±inf; the polytope must be non-empty.

    Examples
    --------
    >>> lo, hi = projection_box_float(np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]]), np.array([0.0, 2.0, 1.0]))
    >>> (lo + 0.0).tolist(), hi.tolist()
    ([0.0, -1.0], [2.0, inf])
    """
    r = C.shape[1]
    lower, upper = np.full(r, -np.inf), np.full(r, np.inf)
    for i in range(r):
        for sign, store in ((1.0, lower), (-1.0, upper)):
            objective = np.zeros(r)
            objective[i] = sign
            result = linprog(objective, A_ub=-C, b_ub=d, bounds=[(None, None)] * r, method="highs")
            if result.status == 0:
                store[i] = float(result.x[i])
    return lower, upper


def is_empty_float(polytope: SupportPolytope) -> bool:
    """True when the region has probability 0: a constant row fails or the polytope has no interior.

    Decided in floating point by :func:`chebyshev_ball_float` (radius ≤ ``EMPTY_RADIUS``).

    Examples
    --------
    >>> is_empty_float(SupportPolytope(np.array([[1.0], [-1.0]]), np.array([-1.0, 0.0]), np.arange(2), True))
    True
    """
    return not polytope.feasible or chebyshev_ball_float(polytope.C, polytope.d)[1] == 0.0


@dataclass(frozen=True, eq=False)
class Facet:
    """A facet of a polytope: the rows on its hyperplane, a point inside the polytope's interior just
    beyond it (``outside``: every other row still holds, these rows fail), and the half-space mass
    Φ(−distance) beyond the hyperplane (an upper bound on the mass of any region across it)."""

    rows: tuple[int, ...]
    outside: np.ndarray
    beyond_mass: float


#: Rays shot from the centre per dimension (at most RAYS_MAX) to find facets without a linear program.
RAYS_PER_DIMENSION, RAYS_MAX = 256, 4096


def _ray_hits(
    unit: np.ndarray, offset: np.ndarray, group_of: np.ndarray, groups: int, centre: np.ndarray
) -> dict[int, tuple[np.ndarray, float]]:
    """For each hyperplane group that a ray from ``centre`` leaves through: the exit point farthest from
    the other hyperplanes, and that distance (seeded directions, so the result is reproducible)."""
    r = unit.shape[1]
    if r == 0 or groups == 0:
        return {}
    directions = np.random.default_rng(0).standard_normal((min(RAYS_PER_DIMENSION * r, RAYS_MAX), r))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    slopes = directions @ unit.T
    depth = unit @ centre + offset
    with np.errstate(divide="ignore"):
        steps = np.where(slopes < 0, depth[None, :] / np.where(slopes < 0, -slopes, 1.0), np.inf)
    first = np.argmin(steps, axis=1)
    length = steps[np.arange(len(first)), first]
    bounded = np.isfinite(length)
    exits = centre + length[bounded, None] * directions[bounded]
    hit = group_of[first[bounded]]
    slack = exits @ unit.T + offset
    slack[group_of[None, :] == hit[:, None]] = np.inf
    margin = slack.min(axis=1) if slack.shape[1] else np.ones(len(hit))
    best: dict[int, tuple[np.ndarray, float]] = {}
    for index in np.argsort(-margin):
        best.setdefault(int(hit[index]), (exits[index], float(min(margin[index], 1.0))))
    return best


def facets_float(C: np.ndarray, d: np.ndarray, centre: np.ndarray, *, min_beyond_mass: float = 0.0) -> list[Facet]:
    """Facets of ``{u : C u + d ≥ 0}`` (full-dimensional, ``centre`` inside), and a point across each.

    Rows with the same hyperplane (up to 1e-9 after normalising) are one facet. A row is a facet when a
    ball of positive radius ρ within its hyperplane satisfies every other row: first tried at the exit
    points of seeded rays from ``centre`` and at the foot of the perpendicular from it, otherwise decided
    by one ``linprog`` call. The point across is ρ/2 beyond.
    Hyperplanes beyond which the Gaussian mass is below ``min_beyond_mass`` are not examined.

    Examples
    --------
    >>> C, d = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([0.0, 0.0, 5.0])
    >>> sorted(f.rows for f in facets_float(C, d, np.array([1.0, 1.0])))
    [(0,), (1,)]
    """
    from scipy.special import ndtr

    r = C.shape[1]
    unit, offset = _normalised(C, d)
    keys = np.round(np.c_[unit, offset], 9)
    _, group_of = np.unique(keys, axis=0, return_inverse=True)
    group_of = group_of.ravel()
    groups = int(group_of.max()) + 1 if len(group_of) else 0
    hits = _ray_hits(unit, offset, group_of, groups, centre)
    facets = []
    for group in range(groups):
        members = np.flatnonzero(group_of == group)
        others = group_of != group
        normal, level = unit[members[0]], offset[members[0]]
        if min_beyond_mass > 0 and ndtr(-level) < min_beyond_mass:
            continue
        point, radius = hits.get(group, (None, 0.0))
        if radius <= 1e-7:
            point = centre - (normal @ centre + level) * normal
            slack = unit[others] @ point + offset[others]
            radius = float(slack.min()) if slack.size else 1.0
        if radius <= 1e-7:
            result = linprog(
                np.r_[np.zeros(r), -1.0],
                A_ub=np.c_[-unit[others], np.ones(int(others.sum()))],
                b_ub=offset[others],
                A_eq=np.r_[normal, 0.0][None, :],
                b_eq=[-level],
                bounds=[(None, None)] * r + [(0, 1.0)],
                method="highs",
            )
            if result.status != 0 or result.x[-1] <= EMPTY_RADIUS:
                continue
            point, radius = result.x[:r], float(result.x[-1])
        radius = min(radius, 1.0)
        facets.append(Facet(tuple(int(m) for m in members), point - radius / 2 * normal, float(ndtr(-level))))
    return facets


def has_interior_exact(network: Network, pattern: ActivationPattern) -> bool:
    """Exact test: does ``pattern``'s region have interior points (positive volume) in input space?

    Strict feasibility of G x + g > 0 is decided exactly as feasibility of G y + g s ≥ 1, s ≥ 0
    (x = y/s when s > 0; when s = 0, y is a direction along which G x + g grows without bound) by
    the exact simplex of ``architectures.exact_lp``. For an input with a regular covariance, the region
    has positive probability exactly when this is True.

    Examples
    --------
    >>> net = Network.from_weights([[[1]], [[-1]], [[1]]], [[0], [-1], [0]])   # second neuron never active
    >>> has_interior_exact(net, ActivationPattern([[0], [0]])), has_interior_exact(net, ActivationPattern([[0], []]))
    (False, True)
    """
    from architectures.exact_lp import feasible_point

    rows = [
        (row, offset) if active else (tuple(-v for v in row), -offset)
        for _, _, active, row, offset in pattern_region(network, pattern).rows
    ]
    if not rows:
        return True
    matrix = [[-v for v in row] + [-offset] for row, offset in rows] + [[0] * len(rows[0][0]) + [-1]]
    bounds = [-1] * len(rows) + [0]
    return feasible_point(matrix, bounds) is not None


def certify_nonempty(network: Network, pattern: ActivationPattern, point: Sequence[Any]) -> bool:
    """Exact proof that ``pattern``'s region is non-empty: the exact forward pass at ``point`` gives it.

    The point's floats are converted to the rationals they hold; the check is exact.

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> certify_nonempty(net, ActivationPattern([[0]]), [0.5]), certify_nonempty(net, ActivationPattern([[1]]), [0.5])
    (True, False)
    """
    exact = [[to_fraction(v, what="point", allow_float=True) for v in point]]
    return forward_pass(network.architecture, network.theta, exact).patterns[0] == pattern
