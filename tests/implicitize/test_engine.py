"""implicitize(): generators vanish on V, span I(V) in each degree (checked by a brute-force exact route)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import flint
import pytest

from architectures import Architecture, ComputationTooLargeError, InvalidSpecError, random_parameters
from implicitize import implicitize
from implicitize.interpolation import interpolate
from reference import pattern_coordinates, rank_over_q
from varieties import OutputVariety, PatternVariety
from worked_cases import worked_case_named

#: What the default route proves on each worked case: all but one are proved to generate.
PROVED_UP_TO_DEGREE_3 = {"(3,3,3) {0,1},{1,2}"}


def independent_points(variety, count):
    """Points of a pattern variety from the test's own evaluator (not the toolkit's parametrisation)."""
    architecture = variety.architecture
    patterns = [p.as_lists() for p in variety.patterns]
    for seed in range(count):
        theta = random_parameters(architecture, seed=1000 + seed, bound=20, denominator=5)
        yield [
            flint.fmpq(x.numerator, x.denominator)
            for x in pattern_coordinates(architecture.widths, architecture.bias, theta, patterns)
        ]


def test_worked_cases(worked_case):
    variety = worked_case.variety()
    result = implicitize(variety)
    proved = "generates up to degree 3" if worked_case.name in PROVED_UP_TO_DEGREE_3 else "generates"
    assert (result.dimension, result.degrees, result.proved) == (worked_case.dimension, worked_case.degrees, proved)
    for point in independent_points(variety, 20):
        assert all(g(*point) == 0 for g in result.generators)


def test_three_cubics_are_det_m1_det_m2_det_m1_minus_m2():
    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    result = implicitize(variety)
    import sympy

    symbols = variety.symbols()
    m1, m2 = sympy.Matrix(3, 3, symbols[:9]), sympy.Matrix(3, 3, symbols[9:])
    expected = [m1.det(), m2.det(), (m1 - m2).det()]
    got = result.to_sympy()
    # the same 3-dimensional space of cubics: stacking both gives rank 3
    monomials = sorted({m for e in expected + got for m in sympy.Poly(e, *symbols).monoms()})

    def row(e):
        coefficients = dict(zip(sympy.Poly(e, *symbols).monoms(), sympy.Poly(e, *symbols).coeffs()))
        return [Fraction(int(coefficients.get(m, 0))) for m in monomials]

    assert rank_over_q([row(e) for e in expected]) == rank_over_q([row(e) for e in expected + got]) == 3


def brute_force_ideal_dimension(variety, degree, points):
    """dim I(V)_d = #monomials − rank over Q of the evaluation matrix at exact points of V (no grading)."""
    monomials = list(itertools.combinations_with_replacement(range(variety.ambient_dimension), degree))
    rows = []
    for point in points:
        values = [Fraction(int(x.p), int(x.q)) for x in point]
        row = []
        for monomial in monomials:
            value = Fraction(1)
            for variable in monomial:
                value *= values[variable]
            row.append(value)
        rows.append(row)
    return len(monomials) - rank_over_q(rows)


def generated_dimension(generators, context, degree):
    """dim of the degree-d part of the ideal the generators span, by exact linear algebra over Q."""
    count = len(context.gens())
    products = []
    for g in generators:
        if g.total_degree() > degree:
            continue
        for cofactor in itertools.combinations_with_replacement(range(count), degree - int(g.total_degree())):
            monomial = context.from_dict({tuple(cofactor.count(i) for i in range(count)): 1})
            products.append(g * monomial)
    if not products:
        return 0
    support = sorted({m for p in products for m in p.to_dict()})
    index = {m: i for i, m in enumerate(support)}
    rows = []
    for p in products:
        row = [Fraction(0)] * len(support)
        for m, c in p.to_dict().items():
            row[index[m]] = Fraction(int(c.p), int(c.q))
        rows.append(row)
    return rank_over_q(rows)


@pytest.mark.parametrize(
    "widths, patterns, degree",
    [
        ((3, 2, 3), [[[0, 1]]], 3),
        ((2, 2, 2, 2), [[[0, 1], [0, 1]], [[0], [0, 1]]], 3),
        ((2, 2, 2), [[[0]], [[0, 1]]], 3),
        ((2, 2, 2), [[[0]], [[1]], [[0, 1]]], 2),
        ((1, 2, 2, 2), [[[0, 1], [0]], [[1], [0, 1]]], 3),
    ],
)
@pytest.mark.slow
def test_hilbert_function_matches_a_brute_force_count(widths, patterns, degree):
    """The ideal is neither larger (generators vanish) nor smaller (same dimension in every degree) than
    I(V), checked without gradings, without primes, with an independent evaluator."""
    variety = PatternVariety(Architecture(widths), patterns)
    result = implicitize(variety, max_degree=degree)
    from math import comb

    points = list(independent_points(variety, comb(variety.ambient_dimension + degree - 1, degree) + 10))
    for d in range(1, degree + 1):
        expected = brute_force_ideal_dimension(variety, d, points)
        assert result.hilbert_function[d] == expected
        assert generated_dimension(result.generators, variety.context, d) == expected


def test_output_variety_linear_equations_and_biases():
    architecture = Architecture((2, 2, 1), bias=True)
    data = [[1, 0], [0, 1], [1, 1], [2, 5], [-1, 3], [3, 2]]
    variety = OutputVariety(architecture, data, [0, 0, 0, 0, 1, 1], [[[0]], [[0, 1]]])
    result = implicitize(variety, max_degree=2)
    assert 1 in result.degrees  # the dependencies among block 0's four points in the plane
    for seed in range(10):
        point = [flint.fmpq(x.numerator, x.denominator) for x in variety.sample_point(seed=seed)]
        assert all(g(*point) == 0 for g in result.generators)


def test_determinantal_strategy_confirms_the_minors_generate():
    variety = PatternVariety(Architecture((3, 4, 3)), [[[0, 1]], [[1, 2]], [[2, 3]]])
    result = implicitize(variety, "determinantal", max_degree=3)
    assert result.proved == "generates up to degree 3" and len(result.generators) == 6


def test_determinantal_strategy_reports_missing_generators():
    # without the signed combination M_0 − M_1 + M_2 the block minors miss a cubic: drop that family
    variety = PatternVariety(Architecture((3, 4, 3)), [[[0, 1]], [[1, 2]], [[2, 3]]])
    families = [f for f in variety.rank_constraints() if "+" not in f.name]
    variety.rank_constraints = lambda: families  # a variety whose known equations are incomplete
    result = implicitize(variety, "determinantal", max_degree=3)
    assert result.proved == "contained" and "do NOT generate" in result.route and len(result.generators) == 5


@pytest.mark.singular
def test_determinantal_strategy_counts_a_combination_of_minors_as_generated():
    """(3,3,4) {0,1},{0,2}: a quartic generator found by interpolation is not itself a minor but lies in
    their ideal; checked independently by Singular's Hilbert function of the minors' ideal, equal to
    dim I(V)_d (from interpolation) in every degree up to the bound."""
    from implicitize.backends.ideal_ops import hilbert_function
    from varieties import minors

    variety = PatternVariety(Architecture((3, 3, 4)), [[[0, 1]], [[0, 2]]])
    result = implicitize(variety, "determinantal", max_degree=4)
    assert result.proved == "generates up to degree 4" and "span I(V)" in result.route
    known = list(minors(variety.rank_constraints(), variety.context))
    assert any(str(g) not in {str(m) for m in known} for g in result.generators)
    reference = implicitize(variety, "interpolation", max_degree=4).hilbert_function
    for degree in range(1, 5):
        assert hilbert_function(known, variety.context, degree, backend="singular") == reference[degree]


@pytest.mark.slow
def test_degree_bound_beyond_the_budget_is_refused_with_the_size():
    variety = PatternVariety(Architecture((4, 4, 4)), [[[0, 1]], [[1, 2]], [[2, 3]]])
    with pytest.raises(ComputationTooLargeError, match="monomials"):
        interpolate(variety, 6, max_monomials=100_000)


def test_unknown_strategy_and_mismatched_backend_are_refused():
    variety = worked_case_named("(3,2,3) {0,1}").variety()
    with pytest.raises(InvalidSpecError, match="strategy"):
        implicitize(variety, "magic")
    with pytest.raises(InvalidSpecError, match="elimination"):
        implicitize(variety, "interpolation", backend="singular")


def test_generators_print_as_sympy_and_latex():
    result = implicitize(worked_case_named("(3,2,3) {0,1}").variety())
    assert "**" not in result.to_strings()[0] and "m_0_0_0" in result.to_strings()[0]
    assert result._repr_latex_().startswith("$") and "= 0" in result._repr_latex_()


@pytest.mark.slow
def test_product_of_rank_one_blocks_is_proved_structurally_and_matches_the_brute_force_span():
    """(4, 2, 4) with patterns {0}, {1}: the two blocks share no neuron, so V is the product of two
    rank-1 varieties; the route names both families (not the larger [M_0; M_1]) and the generators are
    the 2-minors of the blocks, as many as the degree-2 part of I(V) counted by exact linear algebra."""
    variety = PatternVariety(Architecture((4, 2, 4)), [[[0]], [[1]]])
    result = implicitize(variety)
    assert result.proved == "generates"
    assert "rank M_0 ≤ 1, rank M_1 ≤ 1" in result.route and "Eagon–Hochster" in result.route
    assert result.degrees == (2,) * 72
    monomials = list(itertools.combinations_with_replacement(range(variety.ambient_dimension), 2))
    rows = [[p[a] * p[b] for a, b in monomials] for p in independent_points(variety, 500)]
    assert len(monomials) - rank_over_q(rows) == 72  # dim I(V)_2: 528 quadrics minus 456 independent on V


def test_structural_route_declines_when_the_families_are_not_independent():
    """(3, 3, 3) with {0,1}, {1,2}: det M_0, det M_1, det(M_0 − M_1) involve dependent entries, so no
    product of generic determinantal varieties has codimension 3 and the route must not claim generation."""
    from implicitize.proofs import independent_determinantal

    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    assert independent_determinantal(variety.rank_constraints(), 18, codimension=3) is None
    assert implicitize(variety).proved == "generates up to degree 3"


@pytest.mark.singular
@pytest.mark.slow
def test_complete_intersection_route_proves_the_three_cubics_and_matches_elimination():
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    from implicitize.proofs import complete_intersection_proof

    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    result = implicitize(variety, prove=True)
    assert result.proved == "generates" and result.route.startswith("Serre's criterion on a linear section")
    assert "elimination check" not in result.timings and result.degree == 27
    # the full Jacobian route (tried when the section certificate declines) proves the same
    proof = complete_intersection_proof(variety, variety.dimension(), list(result.generators))
    assert proof is not None and proof.startswith("V(J) is a complete intersection")
    eliminated = eliminate(variety.parametrisation, backend="singular")
    assert ideals_equal(list(result.generators), eliminated, variety.context, backend="singular")


@pytest.mark.singular
@pytest.mark.slow
def test_complete_intersection_route_declines_without_its_hypotheses():
    """Too few equations for the codimension; a reducible and a non-reduced complete intersection, whose
    Jacobian loci are too large (R1 fails): the route must decline each."""
    from implicitize.proofs import complete_intersection_proof
    from implicitize.backends.singular import complete_intersection_singular

    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    generators = list(implicitize(variety).generators)
    assert complete_intersection_proof(variety, variety.dimension(), generators[:2]) is None
    ctx = flint.fmpq_mpoly_ctx.get(("x", "y", "z"), "degrevlex")
    x, y, z = ctx.gens()
    assert complete_intersection_singular([x * y], ctx) == (2, 1)  # two planes meet in a line
    assert complete_intersection_singular([x**2], ctx) == (2, 2)  # a double plane: singular everywhere
    assert complete_intersection_singular([x * y - z**2], ctx) == (2, 0)
