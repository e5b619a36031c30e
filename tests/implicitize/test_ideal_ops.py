"""Ideal containment, equality, minimal generators and Hilbert functions over Q, on both backends, checked
against constructions whose answer is known and against brute-force linear algebra."""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import combinations_with_replacement

import flint
import pytest

from architectures.errors import ComputationTooLargeError, InvalidDataError, InvalidSpecError
from elimination_cases import block_determinants
from implicitize.backends.ideal_ops import (
    groebner_basis,
    hilbert_function,
    ideal_contains,
    ideals_equal,
    minimal_generators,
    normal_forms,
)
from reference import rank_over_q
from worked_cases import worked_case_named

BACKENDS = ["sympy", "singular"]
CTX = flint.fmpq_mpoly_ctx.get(("a", "b", "c", "d"), "degrevlex")


def random_polynomial(rng, degree, terms=4):
    """A random homogeneous polynomial of the given degree with small rational coefficients."""
    n = CTX.nvars()
    result = CTX.from_dict({})
    for _ in range(terms):
        exponents = [0] * n
        for v in rng.choices(range(n), k=degree):
            exponents[v] += 1
        result += CTX.from_dict({tuple(exponents): flint.fmpq(rng.randint(-9, 9), rng.randint(1, 4))})
    return result


def generic_ideal(seed):
    rng = random.Random(seed)
    return rng, [random_polynomial(rng, 2), random_polynomial(rng, 2), random_polynomial(rng, 3)]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.singular
@pytest.mark.slow
def test_equal_ideals_with_different_generators_are_equal(backend, seed):
    """(f, g, h) and (f + q g, 3 g, h − r f + s g) with polynomial q, r, s: an invertible change of
    generators, so the ideals are equal although no generator is shared."""
    rng, (f, g, h) = generic_ideal(seed)
    q, r, s = random_polynomial(rng, 0, 1), random_polynomial(rng, 1), random_polynomial(rng, 1)
    other = [f + q * g, 3 * g, h - r * f + s * g]
    assert ideals_equal([f, g, h], other, CTX, backend=backend)
    assert ideal_contains([f, g, h], other, CTX, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.singular
@pytest.mark.slow
def test_a_strictly_smaller_ideal_is_contained_but_not_equal(backend, seed):
    """(f, g) ⊂ (f, g, h) for generic h; h is not in (f, g): a degree-3 form of a random ideal is
    outside it except on a measure-zero set, and the linear algebra below confirms it."""
    _, (f, g, h) = generic_ideal(seed)
    assert ideal_contains([f, g, h], [f, g], CTX, backend=backend)
    assert not ideal_contains([f, g], [h], CTX, backend=backend)
    assert not ideals_equal([f, g], [f, g, h], CTX, backend=backend)
    # independent witness: h is not in the degree-3 span of {x f, x g : x a variable}
    assert brute_force_dimension([f, g], 3) < brute_force_dimension([f, g, h], 3)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.singular
def test_normal_forms_vanish_exactly_on_the_ideal(backend):
    rng, (f, g, h) = generic_ideal(5)
    inside = random_polynomial(rng, 2) * f + random_polynomial(rng, 1) * h
    outside = inside + CTX.gens()[0] ** 5
    forms = normal_forms([inside, outside, CTX.from_dict({})], [f, g, h], CTX, backend=backend)
    assert forms[0].is_zero() and not forms[1].is_zero() and forms[2].is_zero()
    # outside − NF(outside) lies in the ideal
    assert ideal_contains([f, g, h], [outside - forms[1]], CTX, backend=backend)


@pytest.mark.singular
def test_the_two_backends_give_the_same_reduced_groebner_basis():
    _, generators = generic_ideal(3)
    assert sorted(map(str, groebner_basis(generators, CTX, backend="sympy"))) == sorted(
        map(str, groebner_basis(generators, CTX, backend="singular"))
    )


def brute_force_dimension(generators, degree):
    """dim_Q of the degree-d part of the ideal: rank of {monomial · g} over all monomials of degree d − deg g."""
    n = CTX.nvars()
    products = []
    for g in generators:
        if g.total_degree() > degree:
            continue
        for variables in combinations_with_replacement(range(n), degree - g.total_degree()):
            exponents = [0] * n
            for v in variables:
                exponents[v] += 1
            products.append(g * CTX.from_dict({tuple(exponents): 1}))
    if not products:
        return 0
    terms = [p.to_dict() for p in products]
    monomials = sorted({m for t in terms for m in t})
    return rank_over_q(
        [[Fraction(int(t[m].p), int(t[m].q)) if m in t else Fraction(0) for m in monomials] for t in terms]
    )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [0, 2])
@pytest.mark.singular
@pytest.mark.slow
def test_hilbert_function_matches_brute_force_linear_algebra(backend, seed):
    _, generators = generic_ideal(seed)
    a, b = CTX.gens()[:2]
    generators = generators + [a * b * (a - b)]  # a cubic with a structure, to make the count less generic
    for degree in range(5):
        assert hilbert_function(generators, CTX, degree, backend=backend) == brute_force_dimension(generators, degree)


@pytest.mark.slow
@pytest.mark.singular
def test_hilbert_function_of_the_three_cubics():
    """det M_1, det M_2, det(M_1 − M_2) in 18 variables: no forms below degree 3; in degree 3 a 3-dimensional
    space; in degree 4, 3 · 18 products (linearly independent, since a complete intersection has no linear syzygy)."""
    v = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    dets = block_determinants(v, [(1, 0), (0, 1), (1, -1)])
    for backend in BACKENDS:
        assert [hilbert_function(dets, v.context, d, backend=backend) for d in range(5)] == [0, 0, 0, 3, 54]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.singular
def test_minimal_generators_drop_exactly_the_redundant_ones(backend):
    _, (f, g, h) = generic_ideal(4)
    a = CTX.gens()[0]
    b = CTX.gens()[1]
    redundant = [a * f + b * g, f, 2 * g - f, h, f * g, h + a * g]
    result = minimal_generators(redundant, CTX, backend=backend)
    # the number of minimal generators of a homogeneous ideal is an invariant: here f, g, h
    assert len(result) == 3 and ideals_equal(result, [f, g, h], CTX, backend="sympy")


@pytest.mark.singular
def test_minimal_generators_of_an_inhomogeneous_ideal_are_its_reduced_groebner_basis():
    a, b, c, d = CTX.gens()
    generators = [a**2 - b, a * b - 1]
    for backend in BACKENDS:
        result = minimal_generators(generators, CTX, backend=backend)
        assert sorted(map(str, result)) == sorted(map(str, groebner_basis(generators, CTX, backend="sympy")))


def test_zero_ideal_edge_cases():
    a = CTX.gens()[0]
    zero = CTX.from_dict({})
    for backend in BACKENDS:
        assert ideals_equal([], [zero], CTX, backend=backend)
        assert not ideal_contains([], [a], CTX, backend=backend)
        assert ideal_contains([a], [], CTX, backend=backend)
        assert hilbert_function([], CTX, 3, backend=backend) == 0
        assert minimal_generators([zero], CTX, backend=backend) == []


def test_bad_input_is_refused():
    other = flint.fmpq_mpoly_ctx.get(("x", "y"), "degrevlex")
    x = other.gens()[0]
    a = CTX.gens()[0]
    with pytest.raises(InvalidDataError, match="fmpq_mpoly in the ring"):
        ideal_contains([a], [x], CTX)
    with pytest.raises(InvalidDataError, match="homogeneous"):
        hilbert_function([a - 1], CTX, 2)
    with pytest.raises(InvalidDataError, match="non-negative"):
        hilbert_function([a], CTX, -1)
    with pytest.raises(InvalidSpecError, match="unknown ideal backend"):
        ideals_equal([a], [a], CTX, backend="macaulay2")


@pytest.mark.singular
def test_sympy_hilbert_function_refuses_huge_enumerations():
    ctx = flint.fmpq_mpoly_ctx.get(tuple(f"y{i}" for i in range(30)), "degrevlex")
    y = ctx.gens()
    with pytest.raises(ComputationTooLargeError, match="backend='singular'"):
        hilbert_function([y[0] * y[1]], ctx, 8, backend="sympy")
    # Singular's route reads the Hilbert series instead: C(37, 29) monomials minus those outside (y0·y1)
    from math import comb

    assert hilbert_function([y[0] * y[1]], ctx, 8, backend="singular") == comb(35, 29)
