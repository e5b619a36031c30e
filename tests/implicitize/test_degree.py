"""The degree of V in a proved result, checked against formulas that do not use a Hilbert series."""

from __future__ import annotations

from math import comb, prod

import flint
import pytest

from architectures import Architecture
from implicitize import implicitize
from implicitize.backends.ideal_ops import degree_of_quotient
from varieties import PatternVariety
from worked_cases import worked_case_named


def determinantal_degree(rows: int, columns: int, rank: int) -> int:
    """Degree of the rows × columns matrices of rank ≤ rank (Harris, *Algebraic Geometry*, Example 19.10)."""
    return prod(comb(rows + i, rank) for i in range(columns - rank)) // prod(
        comb(rank + i, rank) for i in range(columns - rank)
    )


def test_determinantal_formula_matches_known_degrees():
    """Segre P^2 × P^2 has degree 6; the determinant of a 3 × 3 matrix is a cubic; P^3 × P^3 has degree 20."""
    assert (determinantal_degree(3, 3, 1), determinantal_degree(3, 3, 2), determinantal_degree(4, 4, 1)) == (6, 3, 20)


@pytest.mark.singular
@pytest.mark.parametrize(
    "widths, pattern, rank", [((3, 1, 3), [0], 1), ((4, 2, 4), [0, 1], 2), ((4, 1, 3), [0], 1), ((4, 2, 5), [0, 1], 2)]
)
def test_degree_of_one_block_is_the_determinantal_degree(widths, pattern, rank):
    """One block of a shallow network is a generic rank-≤|S| matrix: the degree of V is Harris's formula."""
    result = implicitize(PatternVariety(Architecture(widths), [[pattern]]), prove=True)
    assert result.proved == "generates"
    assert result.degree == determinantal_degree(widths[2], widths[0], rank)


@pytest.mark.singular
def test_degree_of_a_product_of_blocks_is_the_product_of_degrees():
    """Patterns that share no neuron give a product of two determinantal varieties; degrees multiply."""
    result = implicitize(PatternVariety(Architecture((3, 3, 3)), [[[0]], [[1, 2]]]), prove=True)
    assert result.degree == determinantal_degree(3, 3, 1) * determinantal_degree(3, 3, 2) == 18
    assert result.summary()["degree"] == 18


@pytest.mark.singular
@pytest.mark.slow
def test_hilbert_series_degree_equals_bezout_on_a_complete_intersection():
    """The engine states Bézout's product for a complete intersection; the Hilbert series gives the same."""
    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    result = implicitize(variety, prove=True)
    assert len(result.generators) == result.ambient_dimension - result.dimension
    assert result.degree == prod(result.degrees) == degree_of_quotient(list(result.generators), variety.context)


@pytest.mark.singular
def test_degree_of_quotient_of_a_non_reduced_ideal_counts_multiplicity():
    """(x, y^3) defines a line with multiplicity 3; a quadric surface has degree 2."""
    ctx = flint.fmpq_mpoly_ctx.get(("x", "y", "z"), "degrevlex")
    x, y, z = ctx.gens()
    assert degree_of_quotient([x, y**3], ctx) == 3
    assert degree_of_quotient([x * z - y**2], ctx) == 2


def test_degree_of_quotient_refuses_an_inhomogeneous_ideal():
    from architectures.errors import InvalidDataError

    ctx = flint.fmpq_mpoly_ctx.get(("x", "y"), "degrevlex")
    x, y = ctx.gens()
    with pytest.raises(InvalidDataError, match="homogeneous"):
        degree_of_quotient([x * y - 1], ctx)


def test_an_unproved_result_states_no_degree():
    """ "Generates up to degree d" is not enough to know the degree of V."""
    result = implicitize(PatternVariety(Architecture((4, 3, 4)), [[[0, 1]], [[1, 2]]]), max_degree=3)
    assert result.proved.kind == "generates_up_to" and result.degree is None
