"""Structural arguments that turn "generates up to degree d" into "generates" without elimination.

Each applies only when the dimension is certified: a variety filling its ambient space, an
irreducible hypersurface, or a variety equal (by dimension) to a product of generic determinantal
varieties, or of matrix Schubert varieties (rank conditions on nested column sets of one matrix), in
linearly independent coordinates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import flint

from implicitize.matrix_schubert import NestedRankConditions, nested_rank_conditions
from varieties.dimension import DimensionResult
from varieties.rank import LinearForm, RankFamily, fmpq

if TYPE_CHECKING:
    from varieties.variety import Variety


def generation_proof(
    variety: "Variety", dimension: DimensionResult, generators: Sequence[flint.fmpq_mpoly], proved_degree: int
) -> str | None:
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
            return (
                "V is a hypersurface (certified dimension N − 1) and its equation is irreducible, so it "
                "generates the prime ideal I(V)"
            )
    product = independent_determinantal(variety.rank_constraints(), ambient, codimension=ambient - dim)
    if product is not None:
        units, codimension, degree = product
        if degree <= proved_degree:
            names = ", ".join(f"{family.name} ≤ {family.bound}" for unit in units for family in unit.families)
            if all(len(unit.families) == 1 for unit in units):
                kind = (
                    "determinantal conditions on generic matrices of linearly independent linear forms, so X is "
                    "a product of irreducible determinantal varieties whose minors generate a prime ideal "
                    "(Eagon–Hochster)"
                )
            else:
                kind = (
                    "rank conditions on generic matrices of linearly independent linear forms, some on nested "
                    "column or row sets of one matrix, so X is a product of matrix Schubert varieties whose "
                    "minors generate a prime ideal (Fulton 1992; Knutson–Miller 2005, Thm A)"
                )
            return (
                f"V lies in the variety X defined by {names}: {kind}; X has the certified dimension {dim} "
                f"of V, hence V = X, and every generator in degree ≤ {proved_degree} was found"
            )
    return None


def complete_intersection_proof(
    variety: "Variety", dimension: DimensionResult, generators: Sequence[flint.fmpq_mpoly], *, timeout: float = 60.0
) -> str | None:
    """A sentence proving J = (generators) = I(V) by Serre's criterion, or None (also when Singular does
    not finish within ``timeout`` seconds).

    Hypotheses, each checked: the generators are homogeneous and as many as codim V; J is a complete
    intersection (dim Q[x]/J = dim V); its Jacobian locus has codimension ≥ 2 in V(J) (R1). A complete
    intersection is Cohen–Macaulay, hence S2; with R1 it is normal (Serre; Eisenbud, *Commutative
    Algebra*, Thm 18.15), and a graded normal ring over a field is a domain, so J is prime; V ⊆ V(J) of
    equal dimension gives I(V) = J. Needs Singular (declines without it).

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> from implicitize.interpolation import interpolate
    >>> v = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    >>> complete_intersection_proof(v, v.dimension(), interpolate(v, 3).generators)[:36]  # doctest: +SKIP
    'V(J) is a complete intersection of 3'
    """
    from implicitize.backends.ideal_ops import is_homogeneous
    from implicitize.backends.singular import complete_intersection_singular, singular_available

    codimension = dimension.ambient_dimension - dimension.dimension
    if (
        not dimension.certified
        or codimension < 1
        or len(generators) != codimension
        or not all(is_homogeneous(g) for g in generators)
        or not singular_available()
    ):
        return None
    from architectures.errors import BackendFailedError

    try:
        ci_dimension, singular_dimension = complete_intersection_singular(
            list(generators), variety.context, timeout=timeout
        )
    except BackendFailedError:
        return None
    if ci_dimension != dimension.dimension or singular_dimension > dimension.dimension - 2:
        return None
    return (
        f"V(J) is a complete intersection of {codimension} homogeneous equations (Singular: dim Q[x]/J = "
        f"{ci_dimension}, the certified dimension of V) whose Jacobian locus has dimension "
        f"{singular_dimension} ≤ dim V − 2, so Q[x]/J is Cohen–Macaulay and regular in codimension one, "
        f"hence normal (Serre's criterion), hence a domain; V ⊆ V(J) of equal dimension, so J = I(V)"
    )


#: Subsets of families tried by :func:`independent_determinantal` before it gives up.
MAX_FAMILY_SUBSETS = 4096


def independent_determinantal(
    families: Sequence[RankFamily], ambient: int, *, codimension: int
) -> tuple[list[NestedRankConditions], int, int] | None:
    """Units of rank conditions — single families, or chains of families on nested column (row) sets of one
    matrix (``implicitize.matrix_schubert``) — whose matrix entries, all together, are linearly
    independent linear forms and whose varieties have, as a product, exactly ``codimension``; with them,
    that codimension and the largest degree of their generators (minor size). None when no such choice
    is found.

    A depth-first search over subsets, largest codimensions first (a greedy choice misses, e.g., the two
    rank-1 blocks of (4, 2, 4) with patterns {0}, {1} behind the larger family [M_0; M_1]), visiting at
    most ``MAX_FAMILY_SUBSETS`` subsets; single families first, chains only where those do not suffice.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> v = PatternVariety(Architecture((4, 2, 4)), [[[0]], [[1]]])
    >>> chosen, codimension, degree = independent_determinantal(v.rank_constraints(), 32, codimension=18)
    >>> [[family.name for family in unit.families] for unit in chosen], codimension, degree
    ([['rank M_0'], ['rank M_1']], 18, 2)
    """
    singles = [NestedRankConditions((family,), _codimension(family), family.minor_size) for family in families]
    # single families first (generic determinantal factors), chains only where those do not suffice
    for units in (singles, singles + nested_rank_conditions(families)):
        found = _independent_units([unit for unit in units if unit.codimension > 0], ambient, codimension)
        if found is not None:
            return found, codimension, max(unit.degree for unit in found)
    return None


def _independent_units(
    units: list[NestedRankConditions], ambient: int, codimension: int
) -> list[NestedRankConditions] | None:
    """The depth-first search of :func:`independent_determinantal` over ``units``."""
    units = sorted(units, key=lambda unit: unit.codimension, reverse=True)
    entries = [[_dense(form, ambient) for row in unit.matrix.matrix for form in row] for unit in units]
    visited = 0

    def search(start: int, rows: list[list[flint.fmpq]], chosen: list[int], remaining: int) -> list[int] | None:
        nonlocal visited
        if remaining == 0:
            return chosen
        for index in range(start, len(units)):
            visited += 1
            if visited > MAX_FAMILY_SUBSETS:
                return None
            cost = units[index].codimension
            candidate = rows + entries[index]
            if cost > remaining or len(candidate) > ambient:
                continue
            matrix = flint.fmpq_mat(len(candidate), ambient, [x for row in candidate for x in row])
            if matrix.rank() < len(candidate):
                continue
            found = search(index + 1, candidate, chosen + [index], remaining - cost)
            if found is not None:
                return found
        return None

    found = search(0, [], [], codimension) if codimension > 0 else None
    return [units[index] for index in found] if found else None


def _codimension(family: RankFamily) -> int:
    rows, columns = family.shape
    return (rows - family.bound) * (columns - family.bound)


def _dense(form: LinearForm, ambient: int) -> list[flint.fmpq]:
    row = [flint.fmpq(0)] * ambient
    for index, coefficient in form.items():
        row[index] = fmpq(coefficient)
    return row
