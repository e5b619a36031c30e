"""Whether real parameters make given data points take given activation patterns, decided by exact LPs.

Used by the enumeration of pattern tuples (``architectures.lattice``) to keep only tuples a network
can actually produce on a data set; every positive answer carries a witness θ checked by the forward pass.

Method: for one neuron, "active (pre-activation > 0) on these points, inactive (≤ 0) on those" is a
homogeneous system of linear inequalities in the neuron's weights (and bias), so by scaling it is
feasible iff the system with ``≥ 1`` in place of ``> 0`` is. Each such system is solved exactly over Q
by the rational simplex of :mod:`architectures.exact_lp`: no floating point anywhere.
The first hidden layer is decided exactly (its neurons are independent). Deeper layers are a sequence
of such LPs on the outputs of a chosen first-layer solution: a success is a proof (a witness), a
failure with every tried choice leaves the question undecided (the true problem is bilinear).
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from functools import lru_cache
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from architectures.architecture import Architecture
from architectures.errors import ComputationTooLargeError, InvalidEnumerationError, RealisabilityWarning
from architectures.exact_lp import PivotBudget, feasible_point
from architectures.forward import check_data, forward_pass
from architectures.patterns import ActivationPattern, as_patterns

#: How realisability is decided, as stated in every result.
REALISABILITY_METHOD = "exact rational simplex over Q (architectures.exact_lp), one LP per neuron"

#: Default work bound (tableau entries updated) of :func:`decide_assignment`: about a second of exact
#: simplex on float-derived data (measured ~5 µs per update with 100 points of float32 data in 8 dimensions).
DEFAULT_PIVOT_BUDGET = 200_000


@dataclass(frozen=True)
class Realisability:
    """The answer to "can a real θ make the data take these patterns?" and its justification.

    ``realisable`` is True (``witness`` is a θ whose exact forward pass gives the patterns, with
    ``block_order[k]`` the index of the pattern taken by data block k), False (proved: some ordering's
    LP is infeasible for every ordering), or None (undecided: only possible for deep networks).

    Examples
    --------
    >>> r = decide_realisability(Architecture((1, 2, 1)), [[[0]], [[1]]], [[1], [-1]], [0, 1])
    >>> r.realisable, r.block_order, r.exact
    (True, (0, 1), True)
    """

    realisable: bool | None
    reason: str
    witness: tuple[Fraction, ...] | None = None
    block_order: tuple[int, ...] | None = None
    method: str = REALISABILITY_METHOD

    @property
    def exact(self) -> bool:
        """Whether the answer is proved (True with a witness, or False by infeasibility)."""
        return self.realisable is not None


def check_assignment(data_points: int, assignment: Sequence[Any], blocks: int | None = None) -> tuple[int, ...]:
    """Read a block index per data point; every block ``0 … K−1`` must be used (``K = blocks`` if given).

    Examples
    --------
    >>> check_assignment(3, [0, 1, 0])
    (0, 1, 0)
    """
    if isinstance(assignment, (str, bytes)) or not isinstance(assignment, Sequence):
        raise InvalidEnumerationError(f"assignment must be a list of block indices, one per point, got {assignment!r}")
    if len(assignment) != data_points:
        raise InvalidEnumerationError(
            f"the assignment has {len(assignment)} entries but the data has {data_points} points; give one block "
            "index per point"
        )
    values = []
    for point, index in enumerate(assignment):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or index < 0:
            raise InvalidEnumerationError(f"assignment[{point}] = {index!r} is not a block index (0, 1, …)")
        values.append(int(index))
    count = max(values) + 1
    if blocks is not None and count != blocks:
        raise InvalidEnumerationError(
            f"the assignment uses blocks 0 … {count - 1} ({count} blocks) but {blocks} patterns were given"
        )
    unused = sorted(set(range(count)) - set(values))
    if unused:
        raise InvalidEnumerationError(f"block(s) {unused} have no data point; number blocks 0 … K−1 without gaps")
    return tuple(values)


def _neuron_lp(
    inputs: list[tuple[Fraction, ...]],
    active: list[bool],
    bias: bool,
    margins: list[int],
    budget: PivotBudget | None = None,
) -> tuple[Fraction, ...] | None:
    """Weights (then bias) with input·w + b ≥ margin on active rows and ≤ 0 on the others, or None."""
    matrix = []
    bounds = []
    for row, on, margin in zip(inputs, active, margins):
        coefficients = list(row) + ([Fraction(1)] if bias else [])
        if on:
            matrix.append([-value for value in coefficients])
            bounds.append(-margin)
        else:
            matrix.append(coefficients)
            bounds.append(0)
    variables = len(inputs[0]) + (1 if bias else 0)
    if variables == 0 or not matrix:
        return None if any(active) else ()
    return feasible_point(matrix, bounds, budget)


def _realise_ordering(
    architecture: Architecture,
    patterns: Sequence[ActivationPattern],
    points: Sequence[tuple[Fraction, ...]],
    point_blocks: Sequence[int],
    rng: np.random.Generator,
    attempts: int,
    budget: PivotBudget | None = None,
) -> tuple[bool | None, str, tuple[Fraction, ...] | None]:
    hidden = architecture.hidden_widths
    for attempt in range(attempts):
        layer_inputs = [tuple(point) for point in points]
        weights: list[list[list[Fraction]]] = []
        biases: list[list[Fraction]] = []
        for layer, width in enumerate(hidden, start=1):
            rows, row_biases = [], []
            for neuron in range(width):
                active = [neuron in patterns[block].active[layer - 1] for block in point_blocks]
                margins = [1] * len(points) if attempt == 0 else [int(m) for m in rng.integers(1, 6, len(points))]
                solution = _neuron_lp(layer_inputs, active, architecture.bias, margins, budget)
                if solution is None:
                    if layer == 1:
                        return (
                            False,
                            (
                                f"infeasible: no first-layer weights make neuron {neuron} active exactly "
                                "on the points whose pattern has it"
                            ),
                            None,
                        )
                    break
                fan_in = architecture.widths[layer - 1]
                rows.append(list(solution[:fan_in]))
                row_biases.append(solution[fan_in] if architecture.bias else Fraction(0))
            else:
                weights.append(rows)
                biases.append(row_biases)
                layer_inputs = [
                    tuple(max(sum((w * x for w, x in zip(row, z)), b), Fraction(0)) for row, b in zip(rows, row_biases))
                    for z in layer_inputs
                ]
                continue
            break
        else:
            weights.append([[Fraction(0)] * architecture.widths[-2] for _ in range(architecture.output_width)])
            biases.append([Fraction(0)] * architecture.output_width)
            theta = architecture.pack(weights, biases if architecture.bias else None)
            taken = forward_pass(architecture, theta, points).patterns
            if any(taken[j] != patterns[point_blocks[j]] for j in range(len(points))):  # pragma: no cover
                raise AssertionError("an LP witness failed the exact forward pass; please report this")
            return True, "witness θ checked by the exact forward pass", theta
    return (
        None,
        (
            f"undecided: the first layer is feasible but no deeper solution was found from "
            f"{attempts} first-layer choice(s); the deep problem is bilinear"
        ),
        None,
    )


def decide_realisability(
    architecture: Architecture,
    patterns: Sequence[Any],
    data: Any,
    assignment: Sequence[Any],
    *,
    seed: int = 0,
    attempts: int = 3,
) -> Realisability:
    """Decide whether some real θ gives data block k one of ``patterns``, the blocks a permutation of them.

    Data block k is the set of points with ``assignment[j] == k``. The patterns may be matched to the
    data blocks in any order (the survey counts tuples up to block permutation); every distinct order is
    tried. Exact for one hidden layer; deeper, ``attempts`` first-layer solutions are propagated (seeded).

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> decide_realisability(arch, [[[0, 1]]], [[1], [-1]], [0, 0]).realisable  # no bias: x and −x
    False
    >>> decide_realisability(Architecture((1, 2, 1), bias=True), [[[0, 1]]], [[1], [-1]], [0, 0]).realisable
    True
    """
    if not isinstance(architecture, Architecture):
        raise InvalidEnumerationError(f"architecture must be an Architecture, got {type(architecture).__name__}")
    patterns = as_patterns(patterns, architecture)
    points = check_data(architecture, data)
    point_blocks = check_assignment(len(points), assignment, len(patterns))
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise InvalidEnumerationError(f"attempts must be a positive integer, got {attempts!r}")
    undecided = None
    reasons = []
    seen: set[tuple[ActivationPattern, ...]] = set()
    for order in itertools.permutations(range(len(patterns))):
        ordered = tuple(patterns[index] for index in order)
        if ordered in seen:  # repeated patterns: this order was tried already
            continue
        seen.add(ordered)
        rng = np.random.default_rng(seed)
        answer, reason, theta = _realise_ordering(architecture, ordered, points, point_blocks, rng, attempts)
        if answer:
            return Realisability(True, reason, theta, order)
        if answer is None:
            undecided = reason
        reasons.append(reason)
    if undecided is not None:
        return Realisability(None, undecided)
    return Realisability(
        False,
        reasons[0]
        if len(reasons) == 1
        else f"infeasible for every one of the {len(reasons)} orders of the blocks; in the first, "
        f"{reasons[0].removeprefix('infeasible: ')}",
    )


def decide_assignment(
    architecture: Architecture,
    patterns: Sequence[Any],
    data: Any,
    assignment: Sequence[Any],
    *,
    budget: int = DEFAULT_PIVOT_BUDGET,
    seed: int = 0,
    attempts: int = 3,
) -> Realisability:
    """Whether some real θ gives each point ``j`` exactly the pattern ``patterns[assignment[j]]``.

    Unlike :func:`decide_realisability` the order is fixed: an assignment written by hand (a spec
    file, an ``OutputVariety``) says which pattern each point takes. The exact LPs together may update
    at most ``budget`` tableau entries; beyond that the answer is None ("undecided: budget"), so a large
    data set never hangs. Answers are cached (same arguments, same answer).

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> decide_assignment(arch, [[[0]], [[1]]], [[1], [-1]], [0, 1]).realisable
    True
    >>> r = decide_assignment(arch, [[[0, 1]]], [[1], [-1]], [0, 0])  # no bias: x and −x both active
    >>> r.realisable, r.reason.split(":")[0]
    (False, 'infeasible')
    >>> decide_assignment(arch, [[[0]], [[1]]], [[1], [-1]], [0, 1], budget=10).reason.split(";")[0]
    'undecided: the exact LPs need more than 10 tableau updates (the budget)'
    """
    if not isinstance(architecture, Architecture):
        raise InvalidEnumerationError(f"architecture must be an Architecture, got {type(architecture).__name__}")
    from architectures.patterns import PatternAssignment

    patterns = as_patterns(patterns, architecture)
    points = check_data(architecture, data)
    point_blocks = check_assignment(len(points), assignment, len(patterns))
    PatternAssignment(patterns, point_blocks)  # distinct patterns, as every hand-given assignment has
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise InvalidEnumerationError(f"attempts must be a positive integer, got {attempts!r}")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise InvalidEnumerationError(f"budget must be a non-negative integer, got {budget!r}")
    return _decide_assignment(architecture, patterns, points, point_blocks, budget, seed, attempts)


@lru_cache(maxsize=256)
def _decide_assignment(
    architecture: Architecture,
    patterns: tuple[ActivationPattern, ...],
    points: tuple[tuple[Fraction, ...], ...],
    point_blocks: tuple[int, ...],
    budget: int,
    seed: int,
    attempts: int,
) -> Realisability:
    pivots = PivotBudget(budget)
    rng = np.random.default_rng(seed)
    try:
        answer, reason, theta = _realise_ordering(architecture, patterns, points, point_blocks, rng, attempts, pivots)
    except ComputationTooLargeError as error:
        return Realisability(None, f"undecided: {error}")
    return Realisability(answer, reason, theta, tuple(range(len(patterns))) if answer else None)


def unrealisable_message(realisability: Realisability) -> str | None:
    """The warning text for a proved-unrealisable assignment, None when it is realisable or undecided.

    Examples
    --------
    >>> r = decide_assignment(Architecture((1, 2, 1)), [[[0, 1]]], [[1], [-1]], [0, 0])
    >>> unrealisable_message(r).split(";")[0]
    'no network of these widths gives the data this assignment of patterns'
    """
    if realisability.realisable is not False:
        return None
    return (
        "no network of these widths gives the data this assignment of patterns; its output variety is still "
        f"defined, but no trained network has those outputs ({realisability.reason})"
    )


def warn_if_unrealisable(realisability: Realisability) -> None:
    """Issue a :class:`RealisabilityWarning` when the assignment is proved unrealisable.

    Always from this one line, so that Python's default filter shows a given message once per run.
    """
    message = unrealisable_message(realisability)
    if message is not None:
        warnings.warn(message, RealisabilityWarning, stacklevel=1)


__all__ = [
    "DEFAULT_PIVOT_BUDGET",
    "REALISABILITY_METHOD",
    "Realisability",
    "check_assignment",
    "decide_assignment",
    "decide_realisability",
    "unrealisable_message",
    "warn_if_unrealisable",
]
