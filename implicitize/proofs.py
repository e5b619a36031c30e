"""Structural arguments that turn "generates up to degree d" into "generates" without elimination.

Each applies only when the dimension is certified: a variety filling its ambient space, an
irreducible hypersurface, or a variety equal (by dimension) to a product of generic determinantal
varieties in linearly independent coordinates.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import flint

from varieties.dimension import DimensionResult
from varieties.rank import LinearForm, RankFamily, fmpq

if TYPE_CHECKING:
    from varieties.variety import Variety


def generation_proof(variety: "Variety", dimension: DimensionResult, generators: Sequence[flint.fmpq_mpoly],
                     proved_degree: int) -> str | None:
    """A sentence proving that ``generators`` (all minimal generators of I(V) up to ``proved_degree``)
    generate I(V), or None when no structural argument applies.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> from implicitize.interpolation import interpolate
    >>> v = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]])
    >>> generation_proof(v, v.dimension(), interpolate(v, 3).generators, 3)[:40]
    'V is a hypersurface (certified dimension'
    """
    if not dimension.certified:
        return None
    ambient, dim = dimension.ambient_dimension, dimension.dimension
    if dim == ambient:
        return "V fills its ambient space (certified dimension equals the ambient dimension), so I(V) = 0"
    if dim == ambient - 1 and len(generators) == 1:
        _, factors = generators[0].factor()
        if len(factors) == 1 and factors[0][1] == 1:
            return ("V is a hypersurface (certified dimension N − 1) and its equation is irreducible, so it "
                    "generates the prime ideal I(V)")
    product = independent_determinantal(variety.rank_constraints(), ambient)
    if product is not None:
        families, codimension, degree = product
        if dim == ambient - codimension and degree <= proved_degree:
            names = ", ".join(f"{family.name} ≤ {family.bound}" for family in families)
            return (f"V lies in the variety X defined by {names}: determinantal conditions on generic matrices "
                    f"of linearly independent linear forms, so X is a product of irreducible determinantal "
                    f"varieties whose minors generate a prime ideal (Eagon–Hochster); X has the certified "
                    f"dimension {dim} of V, hence V = X, and every generator in degree ≤ {proved_degree} was found")
    return None


def independent_determinantal(families: Sequence[RankFamily],
                              ambient: int) -> tuple[list[RankFamily], int, int] | None:
    """Greedily choose families whose matrix entries, all together, are linearly independent linear
    forms; return them, the codimension of the product of determinantal varieties they define, and
    the largest degree of its generators (minor size)."""
    chosen: list[RankFamily] = []
    rows: list[list[flint.fmpq]] = []
    codimension = 0
    for family in sorted(families, key=_codimension, reverse=True):
        candidate = rows + [_dense(form, ambient) for row in family.matrix for form in row]
        if len(candidate) > ambient:
            continue
        matrix = flint.fmpq_mat(len(candidate), ambient, [x for row in candidate for x in row])
        if matrix.rank() < len(candidate):
            continue
        rows = candidate
        chosen.append(family)
        codimension += _codimension(family)
    if not chosen:
        return None
    return chosen, codimension, max(family.minor_size for family in chosen)


def _codimension(family: RankFamily) -> int:
    rows, columns = family.shape
    return (rows - family.bound) * (columns - family.bound)


def _dense(form: LinearForm, ambient: int) -> list[flint.fmpq]:
    row = [flint.fmpq(0)] * ambient
    for index, coefficient in form.items():
        row[index] = fmpq(coefficient)
    return row
