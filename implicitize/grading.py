"""The gradings and symmetries of a variety's coordinates that shrink implicitization.

Without and with biases the ideal is stable under M̃_k ↦ A·M̃_k (all blocks at once) and, for
pattern varieties, under M_k ↦ M_k·B on the input columns: it is multigraded by row degrees (and
column degrees), and permuting rows (columns) maps each graded piece onto another.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from math import comb
from typing import TYPE_CHECKING, Iterator

import flint

from architectures.coordinates import MapEntry
from architectures.errors import ComputationTooLargeError

if TYPE_CHECKING:
    from varieties.variety import Variety

Exponents = tuple[int, ...]
Multidegree = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Grading:
    """Row and column index of every coordinate (column −1: not graded, e.g. the bias column)."""

    keys: tuple[tuple[int, int, int], ...]
    """(block or point, row, column) per coordinate."""
    row_count: int
    column_count: int

    @classmethod
    def of(cls, variety: "Variety") -> "Grading":
        """The grading of a pattern variety (rows and input columns) or an output variety (rows)."""
        keys = []
        n_0 = variety.architecture.input_width
        for coordinate in variety.parametrisation.coordinates:
            if isinstance(coordinate, MapEntry):
                column = coordinate.column if coordinate.column < n_0 else -1
                keys.append((coordinate.block, coordinate.row, column))
            else:
                keys.append((coordinate.point, coordinate.output, -1))
        columns = n_0 if variety.kind == "pattern" else 0
        return cls(tuple(keys), variety.architecture.output_width, columns)

    def multidegree(self, variables: tuple[int, ...]) -> Multidegree:
        """Row and column degrees of the monomial that is the product of ``variables``."""
        rows = [0] * self.row_count
        columns = [0] * self.column_count
        for variable in variables:
            _, row, column = self.keys[variable]
            rows[row] += 1
            if column >= 0:
                columns[column] += 1
        return tuple(rows), tuple(columns)

    @staticmethod
    def is_representative(degree: Multidegree) -> bool:
        """Whether a multidegree is its orbit's representative (both parts sorted, largest first)."""
        return all(list(part) == sorted(part, reverse=True) for part in degree)

    def orbit(self, degree: Multidegree) -> Iterator[tuple[Multidegree, tuple[int, ...], tuple[int, ...]]]:
        """Each distinct image of ``degree`` under row and column permutations, with one permutation
        (as images of the indices) that produces it."""
        seen = set()
        for rows in itertools.permutations(range(self.row_count)):
            image_rows = tuple(degree[0][rows.index(i)] for i in range(self.row_count))
            for columns in _permutations_or_identity(self.column_count):
                image_columns = tuple(degree[1][columns.index(j)] for j in range(self.column_count))
                image = (image_rows, image_columns)
                if image not in seen:
                    seen.add(image)
                    yield image, rows, columns

    def permute(
        self,
        polynomial: flint.fmpq_mpoly,
        rows: tuple[int, ...],
        columns: tuple[int, ...],
        context: flint.fmpq_mpoly_ctx,
    ) -> flint.fmpq_mpoly:
        """Apply a row and column permutation to a polynomial's coordinates."""
        index = {key: position for position, key in enumerate(self.keys)}
        target = []
        for other, row, column in self.keys:
            target.append(index[(other, rows[row], columns[column] if column >= 0 else -1)])
        result = {}
        for exponents, coefficient in polynomial.to_dict().items():
            image = [0] * len(exponents)
            for variable, power in enumerate(exponents):
                if power:
                    image[target[variable]] = power
            result[tuple(image)] = coefficient
        return context.from_dict(result)


def _permutations_or_identity(count: int) -> Iterator[tuple[int, ...]]:
    if count == 0:
        yield ()
    else:
        yield from itertools.permutations(range(count))


def monomial_classes(
    grading: Grading, variable_count: int, degree: int, *, max_monomials: int
) -> dict[Multidegree, list[tuple[int, ...]]]:
    """Monomials of total degree ``degree`` (as sorted variable tuples), grouped by representative
    multidegree; other multidegrees are images of these under the symmetries."""
    total = comb(variable_count + degree - 1, degree)
    if total > max_monomials:
        raise ComputationTooLargeError(
            f"degree {degree} in {variable_count} variables has {total} monomials to enumerate (about "
            f"{total * 8 * degree / 2**20:.0f} MiB), more than the budget of {max_monomials}; lower max_degree or "
            "raise max_monomials"
        )
    classes: dict[Multidegree, list[tuple[int, ...]]] = {}
    for variables in itertools.combinations_with_replacement(range(variable_count), degree):
        multidegree = grading.multidegree(variables)
        if grading.is_representative(multidegree):
            classes.setdefault(multidegree, []).append(variables)
    return classes
