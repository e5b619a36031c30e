"""The atlas grids as code: every case of each grid, with a case and its transpose linked.

A case is an architecture and a canonical tuple of pairwise distinct patterns (up to neuron and block
symmetry, :func:`architectures.lattice.enumerate_pattern_tuples`). For a network without biases the
variety of widths (n_L, …, n_0) with the same patterns is the transpose of that of (n_0, …, n_L)
(M = W_L D … D W_1 ↦ Mᵀ), so a shallow case with n_0 > n_L is not computed: it is linked to its
transpose, and its ideal is the transpose's with the coordinates m_k_i_j renamed m_k_j_i.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from architectures.architecture import Architecture
from architectures.errors import InvalidEnumerationError
from architectures.lattice import enumerate_pattern_tuples
from implicitize.survey.run import case_key


@dataclass(frozen=True)
class AtlasCase:
    """One case of a grid: the architecture, its canonical patterns (as a key) and what it links to.

    ``transpose_of`` is the case id of the computed case whose ideal this one's is, transposed, or
    ``None`` when this case is computed itself.

    Examples
    --------
    >>> case = AtlasCase("shallow2", (3, 2, 2), False, '[[[0,1]],[[0]]]', "2,2,3|[[[0,1]],[[0]]]")
    >>> case.case_id, case.blocks, case.computed
    ('3,2,2|[[[0,1]],[[0]]]', 2, False)
    """

    grid: str
    widths: tuple[int, ...]
    bias: bool
    patterns: str
    transpose_of: str | None = None

    @property
    def case_id(self) -> str:
        """Unique over all grids: widths, ``+b`` with biases, and the patterns."""
        return case_id(self.widths, self.bias, self.patterns)

    @property
    def blocks(self) -> int:
        return self.patterns.count("]],[[") + 1

    @property
    def computed(self) -> bool:
        return self.transpose_of is None

    @property
    def architecture(self) -> Architecture:
        return Architecture(self.widths, bias=self.bias)


def case_id(widths: tuple[int, ...], bias: bool, patterns: str) -> str:
    """``"2,3,3|[[[0,1]],[[1,2]]]"`` (``"2,3,3+b|…"`` with biases).

    Examples
    --------
    >>> case_id((2, 3, 3), True, "[[[0]],[[1]]]")
    '2,3,3+b|[[[0]],[[1]]]'
    """
    return ",".join(map(str, widths)) + ("+b" if bias else "") + "|" + patterns


#: name → (architectures, blocks, bias, description). Shallow grids list every (n0, n1, n2) in the box.
GRIDS: dict[str, tuple[tuple[tuple[int, ...], ...], int, bool, str]] = {
    "shallow2": (
        tuple((n0, n1, n2) for n0 in range(1, 5) for n1 in range(1, 7) for n2 in range(1, 5)),
        2,
        False,
        "two blocks, one hidden layer, no biases, n0, n2 ≤ 4, n1 ≤ 6",
    ),
    "shallow2_bias": (
        tuple((n0, n1, n2) for n0 in range(1, 4) for n1 in range(1, 5) for n2 in range(1, 4)),
        2,
        True,
        "two blocks, one hidden layer, with biases, n0, n2 ≤ 3, n1 ≤ 4",
    ),
    "shallow3": (
        tuple((n0, n1, n2) for n0 in range(1, 4) for n1 in range(2, 5) for n2 in range(1, 4)),
        3,
        False,
        "three blocks, one hidden layer, no biases, n0, n2 ≤ 3, n1 ≤ 4 (n1 = 1 has only two patterns)",
    ),
    "deep2": (
        ((2, 2, 2, 2), (2, 3, 3, 2), (3, 2, 2, 3), (3, 3, 3, 3)),
        2,
        False,
        "two blocks, two hidden layers, no biases",
    ),
}
#: The order the atlas runs them in: cheapest grid first.
GRID_ORDER = ("shallow2_bias", "shallow2", "shallow3", "deep2")


def _size(case: AtlasCase) -> tuple:
    """Sort key, smallest first: ambient dimension, then the hidden widths."""
    widths = case.widths
    ambient = case.blocks * (widths[0] + case.bias) * widths[-1]
    return (ambient, sum(widths[1:-1]), widths, case.patterns)


def grid_cases(grid: str) -> list[AtlasCase]:
    """Every case of a grid, smallest ambient space first; transposed shallow cases linked.

    Examples
    --------
    >>> cases = grid_cases("deep2")
    >>> len(cases), sum(case.computed for case in cases)
    (502, 502)
    >>> linked = [c for c in grid_cases("shallow2") if not c.computed]
    >>> linked[0].case_id, linked[0].transpose_of
    ('2,1,1|[[[0]],[[]]]', '1,1,2|[[[0]],[[]]]')
    """
    if grid not in GRIDS:
        raise InvalidEnumerationError(f"unknown atlas grid {grid!r}; choose one of {', '.join(GRIDS)}")
    architectures, blocks, bias, _ = GRIDS[grid]
    cases = []
    for widths in architectures:
        shallow_transpose = not bias and len(widths) == 3 and widths[0] > widths[-1]
        for patterns in enumerate_pattern_tuples(Architecture(widths, bias=bias), blocks, distinct=True):
            key = case_key(patterns)
            link = case_id(widths[::-1], bias, key) if shallow_transpose else None
            cases.append(AtlasCase(grid, widths, bias, key, link))
    return sorted(cases, key=_size)


def all_cases(grids: tuple[str, ...] = GRID_ORDER) -> Iterator[AtlasCase]:
    """The cases of several grids, grid by grid."""
    for grid in grids:
        yield from grid_cases(grid)


__all__ = ["GRIDS", "GRID_ORDER", "AtlasCase", "all_cases", "case_id", "grid_cases"]
