"""Exact enumeration of the full-dimensional activation regions of one or several networks.

Splits input space neuron by neuron, deciding each side's non-emptiness by an exact rational linear
program (``architectures.exact_lp``); feeds same-function decisions, functional dimensions and network reduction.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from architectures.errors import ComputationTooLargeError, MismatchedArchitecturesError
from architectures.exact_lp import feasible_point
from architectures.network_file import Network
from architectures.patterns import ActivationPattern

Row = tuple[Fraction, ...]
"""An affine function x ↦ a·x + c on Q^{n_0}, stored as (a_1, …, a_{n_0}, c)."""

#: Default budget on the number of regions (the count grows like widths^{n_0} per layer).
MAX_REGIONS = 5_000


@dataclass(frozen=True)
class ActivationRegion:
    """An open polyhedron of inputs on which every network has one activation pattern.

    ``inequalities`` are rows (a, c) with a·x + c > 0 on the region, ``point`` lies strictly inside,
    ``patterns[k]`` and ``pieces[k]`` are network k's pattern and affine map [M | c] (rows: outputs).
    """

    patterns: tuple[ActivationPattern, ...]
    point: tuple[Fraction, ...]
    inequalities: tuple[Row, ...]
    pieces: tuple[tuple[Row, ...], ...]


def evaluate_row(row: Sequence[Fraction], point: Sequence[Fraction]) -> Fraction:
    """a·x + c for a row (a, c).

    Examples
    --------
    >>> evaluate_row((Fraction(2), Fraction(-1)), (Fraction(3),))
    Fraction(5, 1)
    """
    return sum((a * x for a, x in zip(row, point)), row[-1])


def interior_point(inequalities: Sequence[Row], dimension: int) -> tuple[tuple[Fraction, ...], Fraction] | None:
    """A point x with a·x + c > 0 for every row, and its slack min(a·x + c) (capped at 1); None if none.

    Decided exactly with the rational simplex of ``architectures.exact_lp``.

    Examples
    --------
    >>> rows = [(Fraction(1), Fraction(0)), (Fraction(-1), Fraction(2))]   # 0 < x < 2
    >>> point, slack = interior_point(rows, 1)
    >>> 0 < point[0] < 2, slack
    (True, Fraction(1, 1))
    >>> interior_point(rows + [(Fraction(1), Fraction(-2))], 1) is None   # and x > 2
    True
    """
    if not inequalities:
        return tuple(Fraction(0) for _ in range(dimension)), Fraction(1)
    # Homogenise x = y / s: the open system is non-empty iff a·y + c·s ≥ 1, s ≥ 1 is feasible
    # (scale any strict solution with s > 0 up); decided by an exact simplex.
    matrix = [[-value for value in row] for row in inequalities]
    matrix.append([Fraction(0)] * dimension + [Fraction(-1)])
    solution = feasible_point(matrix, [-1] * len(matrix))
    if solution is None:
        return None
    point = tuple(y / solution[-1] for y in solution[:-1])
    slack = min(evaluate_row(row, point) for row in inequalities)
    if slack <= 0:  # pragma: no cover - feasible_point checks its answer exactly
        raise ArithmeticError("the exact simplex returned a point outside the region")
    return point, min(slack, Fraction(1))


def check_comparable(networks: Sequence[Network]) -> None:
    """Raise :class:`MismatchedArchitecturesError` unless all networks share n_0 and n_L.

    Examples
    --------
    >>> check_comparable([Network.from_weights([[[1]], [[1]]]), Network.from_weights([[[1, 2]], [[1]]])])
    Traceback (most recent call last):
    ...
    architectures.errors.MismatchedArchitecturesError: network 1 has 2 inputs and 1 outputs but network 0 has 1 inputs and 1 outputs; only networks with the same input and output widths compute comparable functions
    """
    if not networks:
        raise MismatchedArchitecturesError("give at least one network")
    for index, network in enumerate(networks):
        if not isinstance(network, Network):
            raise MismatchedArchitecturesError(
                f"item {index} is a {type(network).__name__}, not a Network; build one with "
                "Network.from_weights or load_network"
            )
    first = networks[0].architecture
    for index, network in enumerate(networks[1:], start=1):
        other = network.architecture
        if (other.input_width, other.output_width) != (first.input_width, first.output_width):
            raise MismatchedArchitecturesError(
                f"network {index} has {other.input_width} inputs and {other.output_width} outputs but network 0 "
                f"has {first.input_width} inputs and {first.output_width} outputs; only networks with the same "
                "input and output widths compute comparable functions"
            )


def activation_regions(
    networks: Network | Sequence[Network], *, max_regions: int = MAX_REGIONS
) -> tuple[ActivationRegion, ...]:
    """Every full-dimensional region of the common refinement of the networks' activation regions.

    Exact: each split of a region by a neuron's hyperplane is decided by :func:`interior_point`. The
    union of the regions is dense in Q^{n_0} (what is left out lies on finitely many hyperplanes).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])      # |x| = relu(x) + relu(−x)
    >>> [(str(r.patterns[0]), r.pieces[0]) for r in activation_regions(net)]
    [('{0}', ((Fraction(1, 1), Fraction(0, 1)),)), ('{1}', ((Fraction(-1, 1), Fraction(0, 1)),))]
    """
    if isinstance(networks, Network):
        networks = [networks]
    networks = list(networks)
    check_comparable(networks)
    dimension = networks[0].architecture.input_width
    identity = tuple(tuple(Fraction(int(i == j)) for j in range(dimension + 1)) for i in range(dimension))
    zero = tuple(Fraction(0) for _ in range(dimension + 1))
    # A partial region: inequalities, interior point, (pattern, piece) of the networks already done.
    frontier: list[tuple[list[Row], tuple[Fraction, ...], tuple]] = [
        ([], tuple(Fraction(0) for _ in range(dimension)), ())
    ]
    for network in networks:
        layers = network.layers()
        depth = network.architecture.depth
        # per partial region: the active sets of this network so far and its current layer input
        states: list[tuple[Any, ...]] = [(rows, point, done, (), identity) for rows, point, done in frontier]
        for layer in range(1, depth):
            weight, bias = layers[layer - 1]
            grown = []
            for rows, point, done, active_sets, inputs in states:
                pre = _affine_layer(weight, bias, inputs)
                for new_rows, new_point, active in _split(rows, point, pre, dimension):
                    outputs = tuple(pre[j] if j in active else zero for j in range(len(pre)))
                    grown.append((new_rows, new_point, done, active_sets + (active,), outputs))
                    if len(grown) > max_regions:
                        raise ComputationTooLargeError(
                            f"more than {max_regions} activation regions; raise max_regions or use smaller networks"
                        )
            states = grown
        weight, bias = layers[depth - 1]
        frontier = [
            (
                rows,
                point,
                done + ((ActivationPattern([sorted(s) for s in active_sets]), _affine_layer(weight, bias, inputs)),),
            )
            for rows, point, done, active_sets, inputs in states
        ]
    return tuple(
        ActivationRegion(tuple(p for p, _ in done), point, tuple(rows), tuple(piece for _, piece in done))
        for rows, point, done in frontier
    )


def _affine_layer(weight, bias, inputs: tuple[Row, ...]) -> tuple[Row, ...]:
    """Rows of W·H + b (b added to the constant column), H the affine maps of the layer input."""
    size = len(inputs[0]) if inputs else 0
    result = []
    for row, b in zip(weight, bias):
        values = [Fraction(0)] * size
        for w, h in zip(row, inputs):
            if w:
                for k in range(size):
                    values[k] += w * h[k]
        values[-1] += b
        result.append(tuple(values))
    return tuple(result)


def _split(
    rows: list[Row], point: tuple[Fraction, ...], pre: tuple[Row, ...], dimension: int
) -> list[tuple[list[Row], tuple[Fraction, ...], frozenset[int]]]:
    """Split a region by the sign of each pre-activation in turn; return the non-empty pieces.

    Constraints are stored scaled so that the first non-zero coefficient of x is ±1; a hyperplane
    already bounding the region (common when comparing related networks) is then decided without a
    linear program.
    """
    pieces: list[tuple[Any, Any, frozenset[int]]] = [(rows, point, frozenset())]
    for neuron, row in enumerate(pre):
        grown = []
        for current, inside, active in pieces:
            if not any(row[:-1]):
                # constant on the region: active iff the constant is positive (relu(0) = 0)
                grown.append((current, inside, active | {neuron} if row[-1] > 0 else active))
                continue
            value = evaluate_row(row, inside)
            positive = _normalised(row)
            negative = tuple(-x for x in positive)
            known = set(current)
            for side, is_active in ((positive, True), (negative, False)):
                label = active | {neuron} if is_active else active
                opposite = negative if is_active else positive
                if side in known:  # the region already lies on this side
                    grown.append((current, inside, label))
                elif opposite in known:  # … or on the other one
                    continue
                elif (value > 0 and is_active) or (value < 0 and not is_active):
                    grown.append((current + [side], inside, label))
                else:
                    candidate = _across(current + [side], inside, side)
                    if candidate is not None:
                        grown.append((current + [side], candidate, label))
                        continue
                    found = interior_point(current + [side], dimension)
                    if found is not None:
                        grown.append((current + [side], found[0], label))
        pieces = grown
    return pieces


def _across(rows: list[Row], point: tuple[Fraction, ...], side: Row) -> tuple[Fraction, ...] | None:
    """A point past the hyperplane ``side`` = 0 from ``point`` that satisfies all ``rows`` strictly,
    if one of a few candidates does (checked exactly); None means "ask the linear program"."""
    gradient = side[:-1]
    norm = sum(a * a for a in gradient)
    distance = -evaluate_row(side, point) / norm  # ≥ 0: point is on the wrong side or on the hyperplane
    for overshoot in (Fraction(17, 16), Fraction(3, 2), Fraction(2)):
        step = distance * overshoot if distance > 0 else Fraction(1, 2**10) * overshoot / norm
        candidate = tuple(x + step * a for x, a in zip(point, gradient))
        if all(evaluate_row(row, candidate) > 0 for row in rows):
            return candidate
    return None


def _normalised(row: Row) -> Row:
    """The positive multiple of (a, c) whose first non-zero a_i is ±1."""
    pivot = abs(next(value for value in row[:-1] if value != 0))
    return tuple(value / pivot for value in row)
