"""The worked cases of docs/mathematics.md#dimension, defined once for every test that checks them.

Pattern varieties without biases; patterns are 0-based, one list of active neurons per hidden layer and
block. Each case states what the mathematics says about it: the Krull dimension of the affine cone, the
ambient dimension, the degrees of a minimal generating set of the ideal (empty when the variety fills its
ambient space) and whether the dimension is below the naive parameter count (defective).

The fixture ``worked_case`` (in tests/conftest.py) runs a test once per case; ``worked_case_named`` picks
cases for tests that need only some of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from architectures import Architecture
from varieties import PatternVariety


@dataclass(frozen=True)
class WorkedCase:
    """One worked case: the network, the blocks' patterns and the facts a test checks against."""

    name: str
    widths: tuple[int, ...]
    patterns: tuple[tuple[tuple[int, ...], ...], ...]
    dimension: int
    ambient: int
    degrees: tuple[int, ...]
    defective: bool

    def pattern_lists(self) -> list[list[list[int]]]:
        """The patterns as the nested lists the toolkit's constructors take."""
        return [[list(layer) for layer in block] for block in self.patterns]

    def variety(self) -> PatternVariety:
        """A fresh pattern variety of this case."""
        return PatternVariety(Architecture(self.widths), self.pattern_lists())

    def __str__(self) -> str:
        return self.name


WORKED_CASES: tuple[WorkedCase, ...] = (
    # the 3×3 matrices of rank ≤ 2: one cubic, det
    WorkedCase("(3,2,3) {0,1}", (3, 2, 3), (((0, 1),),), 8, 9, (3,), False),
    # fills the ambient space: ideal 0
    WorkedCase("(2,3,2) {0,1},{1,2}", (2, 3, 2), (((0, 1),), ((1, 2),)), 8, 8, (), False),
    WorkedCase("(2,4,2) {0,1},{1,2},{2,3}", (2, 4, 2), (((0, 1),), ((1, 2),), ((2, 3),)), 12, 12, (), False),
    # three cubics: det M_0, det M_1, det(M_0 − M_1)
    WorkedCase("(3,3,3) {0,1},{1,2}", (3, 3, 3), (((0, 1),), ((1, 2),)), 15, 18, (3, 3, 3), False),
    # neurons 0 and 1 share a signature: dim 13, not the naive 15
    WorkedCase("(3,3,3) {0,1},{0,1,2}", (3, 3, 3), (((0, 1),), ((0, 1, 2),)), 13, 18, (2,) * 9 + (3,), False),
    # deep: dim 6 in C^8, below the naive count 12 − 4 = 8
    WorkedCase("(2,2,2,2) (all,all),({0},all)", (2, 2, 2, 2), (((0, 1), (0, 1)), ((0,), (0, 1))), 6, 8, (2, 2), True),
)


def worked_case_named(name: str) -> WorkedCase:
    """The worked case called ``name`` (as in ``WORKED_CASES``)."""
    for case in WORKED_CASES:
        if case.name == name:
            return case
    raise KeyError(f"no worked case {name!r}; the cases are {[case.name for case in WORKED_CASES]}")
