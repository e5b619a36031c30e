"""Rank constraints: the determinantal equations that every point of a variety satisfies.

Each family is a matrix of linear forms in the variety's coordinates with a proven rank bound
(docs/mathematics.md#rank-families); its (bound+1)-minors lie in I(V) (expanded by ``varieties.minors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import TYPE_CHECKING, Sequence

import flint
import numpy as np

from architectures.modular import residue

if TYPE_CHECKING:
    from varieties.variety import Variety

LinearForm = dict[int, Fraction]
"""A linear form Σ c_i x_i on the coordinates, as {coordinate index: c_i}."""
FormMatrix = tuple[tuple[LinearForm, ...], ...]


def fmpq(value: Fraction) -> flint.fmpq:
    """A Fraction as a python-flint rational."""
    return flint.fmpq(value.numerator, value.denominator)


@dataclass(frozen=True, eq=False)
class RankFamily:
    """``rank(matrix) ≤ bound`` for a matrix of linear forms in the coordinates, and why.

    ``name`` is short (``"rank M_0"``, ``"rank [M_0 | M_1]"``, ``"rank (M_0 − M_1)"``, ``"Y_0 · K_0 = 0"``);
    ``reason`` is the mathematics behind the bound.
    """

    name: str
    reason: str
    matrix: FormMatrix
    bound: int

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.matrix), len(self.matrix[0]) if self.matrix else 0

    @property
    def minor_size(self) -> int:
        """Size of the minors that vanish: ``bound + 1``."""
        return self.bound + 1

    @property
    def minor_count(self) -> int:
        """How many (bound+1)-minors the family has, before removing zeros and duplicates."""
        rows, columns = self.shape
        return comb(rows, self.minor_size) * comb(columns, self.minor_size)

    def evaluate(self, point: Sequence[Fraction]) -> flint.fmpq_mat:
        """The matrix at an exact point of the ambient space."""
        rows, columns = self.shape
        return flint.fmpq_mat(
            rows,
            columns,
            [
                fmpq(sum((c * Fraction(point[i]) for i, c in form.items()), Fraction(0)))
                for row in self.matrix
                for form in row
            ],
        )

    def evaluate_mod(self, point: np.ndarray, prime: int) -> np.ndarray:
        """The matrix at a point given by residues modulo ``prime``."""
        rows, columns = self.shape
        result = np.zeros((rows, columns), dtype=np.int64)
        for r, row in enumerate(self.matrix):
            for c, form in enumerate(row):
                result[r, c] = (
                    sum(residue(coefficient, prime) * int(point[i]) for i, coefficient in form.items()) % prime
                )
        return result

    def __repr__(self) -> str:
        rows, columns = self.shape
        return (
            f"RankFamily({self.name} ≤ {self.bound}: {rows}×{columns} matrix, "
            f"{self.minor_count} minors of size {self.minor_size})"
        )


def rank_constraints(variety: "Variety") -> list[RankFamily]:
    """Every rank bound of docs/mathematics.md#rank-families that is not trivial, as named families.

    For each block: ``rank M̃_k ≤ r_k``; for each pair (and all blocks together when there are
    three or more): the concatenations ``[M̃_a | M̃_b]`` and ``[M̃_a ; M̃_b]`` and the difference
    ``M̃_a − M̃_b``; for three or more blocks differing in one hidden layer, the signed combinations
    ``Σ c_k M̃_k`` (c_k ∈ {−1, 0, 1}). With biases the same bounds of the linear parts M_k (the
    first n_0 columns, which the biases do not enter) are added wherever they are stricter. Output varieties add the linear equations ``Y_k·K_k = 0`` that dependencies among
    a block's (homogenised) points force, and express ``M̃_k`` through the outputs where the block's
    points span.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> for family in rank_constraints(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])):
    ...     print(family.name, "≤", family.bound)
    rank M_0 ≤ 2
    rank M_1 ≤ 2
    rank (M_0 − M_1) ≤ 2
    """
    from varieties.bounds import block_bounds

    families: list[RankFamily] = list(variety.linear_families())
    for bound in block_bounds(variety.architecture, variety.patterns):
        matrix = variety.arrange(bound.kind, bound.blocks, bound.coefficients, bound.part)
        if matrix is None:
            continue
        rows, columns = len(matrix), len(matrix[0])
        if bound.value < min(rows, columns):
            families.append(RankFamily(bound.name, bound.reason, matrix, bound.value))
    return families
