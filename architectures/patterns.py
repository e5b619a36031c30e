"""Activation patterns of one point and assignments of patterns to a data set.

A pattern says, for each hidden layer, which neurons are active (0-based). An assignment maps each
data point to one pattern; points sharing a pattern form a block. Both are frozen and hashable, so
they serve as lattice nodes and cache keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

from architectures.architecture import Architecture
from architectures.errors import InvalidAssignmentError, InvalidPatternError


def _neuron_set(layer: Any, index: int) -> frozenset[int]:
    if isinstance(layer, (str, bytes)) or not isinstance(layer, Iterable):
        raise InvalidPatternError(
            f"layer {index + 1} of the pattern is {layer!r}; give the active neurons as a list such as [0, 2]"
        )
    neurons = list(layer)
    for neuron in neurons:
        if isinstance(neuron, bool) or not isinstance(neuron, (int, np.integer)) or neuron < 0:
            raise InvalidPatternError(
                f"layer {index + 1} of the pattern names {neuron!r}; neurons are non-negative integers (0-based)"
            )
    if len(set(neurons)) != len(neurons):
        raise InvalidPatternError(f"layer {index + 1} of the pattern repeats a neuron: {neurons!r}")
    return frozenset(int(neuron) for neuron in neurons)


@dataclass(frozen=True)
class ActivationPattern:
    """The active neurons of each hidden layer (0-based).

    Examples
    --------
    >>> p = ActivationPattern([[0, 1]])
    >>> p.active, p.layer_count
    ((frozenset({0, 1}),), 1)
    >>> p.check(Architecture((3, 3, 3)))
    ActivationPattern([[0, 1]])
    >>> p.indicator(Architecture((3, 3, 3)))
    ((1, 1, 0),)
    """

    active: tuple[frozenset[int], ...]

    if TYPE_CHECKING:  # any iterables of neurons are accepted, and normalised by __post_init__

        def __init__(self, active: Iterable[Iterable[int]]) -> None: ...

    def __post_init__(self) -> None:
        layers = self.active
        if isinstance(layers, (str, bytes)) or not isinstance(layers, Iterable):
            raise InvalidPatternError(
                f"a pattern is a list with one list of active neurons per hidden layer, got {layers!r}"
            )
        object.__setattr__(self, "active", tuple(_neuron_set(layer, index) for index, layer in enumerate(layers)))

    @property
    def layer_count(self) -> int:
        return len(self.active)

    def check(self, architecture: Architecture) -> "ActivationPattern":
        """Return ``self`` if it fits ``architecture``; raise :class:`InvalidPatternError` if not."""
        hidden = architecture.hidden_widths
        if len(self.active) != len(hidden):
            raise InvalidPatternError(
                f"pattern {self.as_lists()} has {len(self.active)} layers but widths "
                f"{architecture.widths} have {len(hidden)} hidden layers; give one list per hidden layer"
            )
        for layer, (neurons, width) in enumerate(zip(self.active, hidden), start=1):
            outside = sorted(neuron for neuron in neurons if neuron >= width)
            if outside:
                raise InvalidPatternError(
                    f"pattern {self.as_lists()} names neuron(s) {outside} in hidden layer {layer}, which has "
                    f"{width} neurons (indices 0 … {width - 1})"
                )
        return self

    def indicator(self, architecture: Architecture) -> tuple[tuple[int, ...], ...]:
        """The 0/1 diagonals ``D_l`` of the pattern, one tuple per hidden layer."""
        self.check(architecture)
        return tuple(
            tuple(1 if neuron in neurons else 0 for neuron in range(width))
            for neurons, width in zip(self.active, architecture.hidden_widths)
        )

    @classmethod
    def all_active(cls, architecture: Architecture) -> "ActivationPattern":
        """The pattern with every hidden neuron active."""
        return cls([range(width) for width in architecture.hidden_widths])

    def as_lists(self) -> list[list[int]]:
        """Sorted lists of active neurons, as written in spec files."""
        return [sorted(neurons) for neurons in self.active]

    def __repr__(self) -> str:
        return f"ActivationPattern({self.as_lists()})"

    def __str__(self) -> str:
        return " | ".join("{" + ",".join(map(str, layer)) + "}" for layer in self.as_lists())


def as_patterns(patterns: Sequence[Any], architecture: Architecture) -> tuple[ActivationPattern, ...]:
    """Read a list of patterns (objects or nested lists) and check each against ``architecture``."""
    if isinstance(patterns, (str, bytes)) or not isinstance(patterns, Sequence) or len(patterns) == 0:
        raise InvalidPatternError("give at least one pattern: a list with one entry per block")
    result = tuple(
        (pattern if isinstance(pattern, ActivationPattern) else ActivationPattern(pattern)).check(architecture)
        for pattern in patterns
    )
    return result


@dataclass(frozen=True)
class PatternAssignment:
    """An assignment of one of ``patterns`` to each data point.

    ``assignment[j]`` is the index in ``patterns`` of point j's pattern. Every pattern must be used.

    Examples
    --------
    >>> a = PatternAssignment((ActivationPattern([[0]]), ActivationPattern([[1]])), (0, 1, 0))
    >>> a.blocks
    ((0, 2), (1,))
    """

    patterns: tuple[ActivationPattern, ...]
    assignment: tuple[int, ...]

    def __post_init__(self) -> None:
        patterns = tuple(
            pattern if isinstance(pattern, ActivationPattern) else ActivationPattern(pattern)
            for pattern in self.patterns
        )
        if not patterns:
            raise InvalidAssignmentError("an assignment needs at least one pattern")
        if len(set(patterns)) != len(patterns):
            raise InvalidAssignmentError(
                "the patterns of an assignment must be distinct: points sharing a pattern share its index"
            )
        assignment = []
        for point, index in enumerate(self.assignment):
            if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
                raise InvalidAssignmentError(f"assignment[{point}] = {index!r} is not a pattern index")
            if not 0 <= index < len(patterns):
                raise InvalidAssignmentError(
                    f"assignment[{point}] = {index} but there are {len(patterns)} patterns "
                    f"(indices 0 … {len(patterns) - 1})"
                )
            assignment.append(int(index))
        unused = sorted(set(range(len(patterns))) - set(assignment))
        if unused:
            raise InvalidAssignmentError(
                f"pattern(s) {unused} are assigned to no data point; remove them or assign a point to each"
            )
        object.__setattr__(self, "patterns", patterns)
        object.__setattr__(self, "assignment", tuple(assignment))

    @property
    def point_count(self) -> int:
        return len(self.assignment)

    @property
    def blocks(self) -> tuple[tuple[int, ...], ...]:
        """For each pattern, the indices of the points assigned to it."""
        return tuple(
            tuple(point for point, index in enumerate(self.assignment) if index == block)
            for block in range(len(self.patterns))
        )

    def check(self, architecture: Architecture, point_count: int | None = None) -> "PatternAssignment":
        """Check every pattern against ``architecture`` and the length against the data."""
        for pattern in self.patterns:
            pattern.check(architecture)
        if point_count is not None and point_count != len(self.assignment):
            raise InvalidAssignmentError(
                f"the assignment covers {len(self.assignment)} points but the data has {point_count}"
            )
        return self

    @classmethod
    def from_point_patterns(cls, point_patterns: Sequence[ActivationPattern]) -> "PatternAssignment":
        """Group points by their patterns, in order of first appearance (e.g. from a forward pass)."""
        distinct: list[ActivationPattern] = []
        for pattern in point_patterns:
            if pattern not in distinct:
                distinct.append(pattern)
        return cls(tuple(distinct), tuple(distinct.index(pattern) for pattern in point_patterns))
