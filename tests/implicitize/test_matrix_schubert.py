"""Rank conditions on nested column sets: the dimension formula, primality, and the structural proof.

Independent routes: the dimension of an orbit closure against the exact rank of the orbit map's
differential at a point of the orbit; the ideal of the conditions' minors against Singular (dimension
and primality); the proof route against Singular's elimination of the parameters.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import flint
import pytest

from architectures import Architecture
from implicitize import implicitize
from implicitize.matrix_schubert import column_prefix_ranks, nested_rank_conditions, orbit_closure_dimension
from implicitize.proofs import independent_determinantal
from varieties import PatternVariety
from varieties.rank import RankFamily

#: (rows, columns, conditions (first a columns, rank ≤ r)): one and two nested conditions, binding or not
CHAINS = [
    (3, 6, [(3, 1), (6, 2)]),
    (3, 4, [(2, 1), (4, 2)]),
    (4, 5, [(2, 1), (3, 1), (5, 3)]),
    (4, 6, [(4, 2), (6, 2)]),
    (3, 5, [(1, 0), (5, 2)]),
    (5, 3, [(3, 2)]),
    (4, 6, [(2, 2), (6, 3)]),
]


def _orbit_point(rows: int, ranks: list[int], rng: random.Random) -> flint.fmpq_mat:
    """A point of the orbit: a column that raises the rank is random, any other a random combination of
    the columns before it."""
    columns: list[list[int]] = []
    for q in range(1, len(ranks)):
        if ranks[q] > ranks[q - 1]:
            columns.append([rng.randint(-9, 9) for _ in range(rows)])
        else:
            weights = [rng.randint(-9, 9) for _ in columns]
            columns.append([sum(w * c[i] for w, c in zip(weights, columns)) for i in range(rows)])
    return flint.fmpq_mat(rows, len(columns), [columns[j][i] for i in range(rows) for j in range(len(columns))])


def _orbit_tangent_dimension(point: flint.fmpq_mat) -> int:
    """dim {A X + X B : A any, B upper triangular}: the tangent space of the GL × B_+ orbit at X."""
    rows, columns = point.nrows(), point.ncols()
    vectors = []
    for i, k in itertools.product(range(rows), range(rows)):  # A = E_ik: row k of X moved to row i
        vectors.append([point[k, j] if r == i else 0 for r in range(rows) for j in range(columns)])
    for k, j in itertools.product(range(columns), range(columns)):
        if k <= j:  # B = E_kj upper triangular: column k of X added to column j
            vectors.append([point[r, k] if c == j else 0 for r in range(rows) for c in range(columns)])
    return flint.fmpq_mat(len(vectors), rows * columns, [x for v in vectors for x in v]).rank()


@pytest.mark.parametrize("rows, columns, conditions", CHAINS)
def test_the_dimension_formula_is_the_orbit_dimension(rows, columns, conditions):
    ranks = column_prefix_ranks(rows, columns, conditions)
    point = _orbit_point(rows, ranks, random.Random(7))
    for prefix, bound in conditions:
        sub = flint.fmpq_mat(rows, prefix, [point[i, j] for i in range(rows) for j in range(prefix)])
        assert sub.rank() <= bound  # the point meets the conditions
    assert orbit_closure_dimension(rows, ranks) == _orbit_tangent_dimension(point)


@pytest.mark.singular
@pytest.mark.parametrize("rows, columns, conditions", CHAINS[:5])
def test_the_minors_generate_a_prime_ideal_of_that_dimension(rows, columns, conditions):
    from implicitize.backends.singular import run_singular

    names = [f"x({i * columns + j + 1})" for i in range(rows) for j in range(columns)]
    minors = []
    for prefix, bound in conditions:
        if bound >= min(rows, prefix):
            continue
        for row_set in itertools.combinations(range(rows), bound + 1):
            for column_set in itertools.combinations(range(prefix), bound + 1):
                minors.append(
                    "det(matrix(ideal("
                    + ", ".join(names[i * columns + j] for i in row_set for j in column_set)
                    + f"), {bound + 1}, {bound + 1}))"
                )
    script = "\n".join(
        [
            'LIB "primdec.lib";',
            f"ring r = 0, (x(1..{rows * columns})), dp;",
            "ideal I = " + (", ".join(minors) or "0") + ";",
            "ideal G = std(I);",
            'print("@@dim " + string(dim(G)));',
            "list P = minAssGTZ(I);",
            'print("@@components " + string(size(P)));',
            'print("@@radical " + string(size(reduce(radical(I), G, 1))));',
            'print("@@prime-equal " + string(size(reduce(P[1], G, 1))));',
        ]
    )
    values = {
        line.split()[0]: int(line.split()[1]) for line in run_singular(script).splitlines() if line.startswith("@@")
    }
    ranks = column_prefix_ranks(rows, columns, conditions)
    assert values["@@dim"] == orbit_closure_dimension(rows, ranks)
    assert values["@@components"] == 1 and values["@@radical"] == 0 and values["@@prime-equal"] == 0


def _family(name: str, rows: list[list[int]], bound: int) -> RankFamily:
    """A family whose entries are single coordinates (index → the form x_index)."""
    return RankFamily(name, "test", tuple(tuple({i: Fraction(1)} for i in row) for row in rows), bound)


def test_nesting_needs_the_same_rows_in_the_same_order():
    whole = _family("rank X", [[0, 1, 2], [3, 4, 5], [6, 7, 8]], 2)
    columns = _family("rank X_{·,{0,2}}", [[0, 2], [3, 5], [6, 8]], 1)
    shuffled = _family("rows permuted", [[3, 5], [0, 2], [6, 8]], 1)
    rows = _family("rank X_{{1},·}", [[3, 4, 5]], 0)
    found = {tuple(f.name for f in c.families) for c in nested_rank_conditions([whole, columns, shuffled, rows])}
    assert ("rank X_{·,{0,2}}", "rank X") in found
    assert ("rank X_{{1},·}", "rank X") in found  # a row set (transposed)
    assert not any("rows permuted" in names for names in found)


def test_a_chain_is_proved_structurally_and_agrees_with_elimination():
    variety = PatternVariety(Architecture((3, 3, 3, 3)), [[[0, 1, 2], [0, 1]], [[0, 1], [0]]])
    result = implicitize(variety, max_degree=3, prove=True)
    assert str(result.proved) == "generates"
    assert "matrix Schubert" in result.route and "rank M_1 ≤ 1, rank [M_0 | M_1] ≤ 2" in result.route
    assert "elimination check" not in result.timings


@pytest.mark.slow
@pytest.mark.singular
def test_the_chain_proof_agrees_with_singulars_elimination():
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    for patterns in ([[[0, 1, 2], [0, 1]], [[0, 1], [0]]], [[[0, 1], [0, 1]], [[0], [2]]]):
        variety = PatternVariety(Architecture((3, 3, 3, 3)), patterns)
        result = implicitize(variety, max_degree=3, prove=True)
        assert "matrix Schubert" in result.route
        reference = eliminate(variety.parametrisation, backend="singular")
        assert ideals_equal(list(result.generators), reference, variety.context)


def test_a_chain_of_the_wrong_dimension_proves_nothing():
    """Two-sided (row and column) nesting: no chain has the codimension of V, so no product claim (the
    engine proves this V by inheritance from the network with 2 outputs: tests/implicitize/test_inheritance.py)."""
    variety = PatternVariety(Architecture((3, 3, 3, 3)), [[[0, 1], [0, 1]], [[0], [0]]])
    codimension = variety.ambient_dimension - variety.dimension().dimension
    assert (
        independent_determinantal(variety.rank_constraints(), variety.ambient_dimension, codimension=codimension)
        is None
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: column_prefix_ranks(-1, 3, []),
        lambda: column_prefix_ranks(3, 3, [(4, 1)]),
        lambda: column_prefix_ranks(3, 3, [(2, -1)]),
        lambda: orbit_closure_dimension(3, [1, 1]),
        lambda: orbit_closure_dimension(3, [0, 2]),
        lambda: orbit_closure_dimension(1, [0, 1, 2]),
    ],
)
def test_conditions_or_ranks_that_do_not_fit_are_refused(call):
    from architectures.errors import InvalidDataError

    with pytest.raises(InvalidDataError, match="got|does not fit"):
        call()
