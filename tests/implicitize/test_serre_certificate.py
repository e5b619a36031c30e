"""Serre's criterion on a linear section mod p: proves primality where it holds, declines everywhere else.

Independent routes: Singular's elimination of the parameters (the same ideal), the Hilbert series of
the generators over Q (the same degree), and classical examples whose primality is known either way.
"""

from __future__ import annotations

import shutil

import flint
import pytest

from architectures import Architecture
from implicitize import implicitize
from implicitize.serre_certificate import certificate_script, serre_certificate
from varieties import PatternVariety

needs_singular = pytest.mark.skipif(
    shutil.which("Singular") is None, reason="needs Singular (apt-get install singular)"
)


def _values(generators, context, dimension):
    """The numbers the certificate's Singular script prints (dimensions, multiplicity, length)."""
    from implicitize.backends.singular import run_singular

    output = run_singular(certificate_script(generators, context, dimension))
    return {line.split()[0][5:]: int(line.split()[1]) for line in output.splitlines() if line.startswith("@@rv-")}


@pytest.fixture
def quartic_ring():
    ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c", "d"), "degrevlex")
    return ctx, ctx.gens()


@needs_singular
def test_complete_intersection_of_three_cubics_is_proved_with_bezouts_degree():
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    variety = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    generators = list(implicitize(variety).generators)
    certificate = serre_certificate(generators, variety.context, 15)
    assert certificate is not None and certificate.complete_intersection and certificate.degree == 27
    assert ideals_equal(generators, eliminate(variety.parametrisation, backend="singular"), variety.context)


@needs_singular
def test_cohen_macaulay_route_proves_a_product_of_determinantal_varieties():
    """Rank ≤ 1 and rank ≤ 2 blocks in disjoint coordinates: prime (Eagon–Hochster), degree 6 · 3 = 18;
    the certificate does not know that structure and finds the same."""
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import degree_of_quotient, ideals_equal

    variety = PatternVariety(Architecture((3, 3, 3)), [[[0]], [[1, 2]]])
    generators = list(implicitize(variety).generators)
    certificate = serre_certificate(generators, variety.context, 13)
    assert certificate is not None and not certificate.complete_intersection
    assert certificate.degree == degree_of_quotient(generators, variety.context) == 18
    assert ideals_equal(generators, eliminate(variety.parametrisation, backend="singular"), variety.context)


@needs_singular
def test_twisted_cubic_is_proved_prime_by_the_cohen_macaulay_route(quartic_ring):
    ctx, (a, b, c, d) = quartic_ring
    certificate = serre_certificate([a * c - b**2, b * d - c**2, a * d - b * c], ctx, 2)
    assert certificate is not None and certificate.degree == 3 and not certificate.complete_intersection


@needs_singular
@pytest.mark.parametrize(
    "generators, dimension, why",
    [
        (lambda a, b, c, d: [a * b], 3, "two hyperplanes: singular along their intersection"),
        (lambda a, b, c, d: [a**2], 3, "a double hyperplane: singular everywhere"),
        (lambda a, b, c, d: [a * b, a * c], 2, "a hyperplane and a plane: not a complete intersection of dimension 2"),
        (lambda a, b, c, d: [a * c - b**2, b * d - c**2], 2, "twisted cubic missing a generator: cubic ∪ line"),
    ],
)
def test_complete_intersection_route_declines_when_j_is_not_prime(quartic_ring, generators, dimension, why):
    ctx, gens = quartic_ring
    assert serre_certificate(generators(*gens), ctx, dimension) is None, why


@needs_singular
def test_declines_two_skew_lines_which_are_not_cohen_macaulay(quartic_ring):
    """(a, b) ∩ (c, d): Artinian reductions have length 3 > multiplicity 2 (depth 1 < dimension 2)."""
    ctx, (a, b, c, d) = quartic_ring
    generators = [a * c, a * d, b * c, b * d]
    assert serre_certificate(generators, ctx, 2) is None
    values = _values(generators, ctx, 2)
    assert (values["multiplicity"], values["artinian-length"]) == (2, 3) and "singular-section" not in values


@needs_singular
def test_declines_three_planes_through_a_line_which_are_cohen_macaulay_but_not_r1(quartic_ring):
    """(ab, ac, bc): Cohen–Macaulay of multiplicity 3, singular along the common line (codimension 1)."""
    ctx, (a, b, c, _) = quartic_ring
    generators = [a * b, a * c, b * c]
    assert serre_certificate(generators, ctx, 2) is None
    values = _values(generators, ctx, 2)
    assert values["multiplicity"] == values["artinian-length"] == 3 and values["singular-section"] > 0


@needs_singular
def test_declines_a_wrong_dimension_and_too_few_or_inhomogeneous_generators(quartic_ring):
    variety = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    generators = list(implicitize(variety).generators)
    assert serre_certificate(generators, variety.context, 16) is None  # dim Q[x]/J is 15, not 16
    assert serre_certificate(generators[:2], variety.context, 15) is None  # 2 equations, codimension 3
    ctx, (a, b, c, d) = quartic_ring
    assert serre_certificate([a * d - b * c + a], ctx, 3) is None


@needs_singular
def test_certificate_does_not_depend_on_the_seed_where_it_holds(quartic_ring):
    ctx, (a, b, c, d) = quartic_ring
    assert all(serre_certificate([a * d - b * c], ctx, 3, seed=seed) is not None for seed in range(3))


@needs_singular
def test_engine_proves_three_three_three_with_biases_beyond_a_complete_intersection():
    """(3, 3, 3) with biases, patterns {0,1},{1,2}: six cubics in codimension 4, proved without eliminating
    (Singular's elimination takes about 35 s: `python benchmarks/implicitize_vs_references.py --prove
    --tools singular --cases 333b`); the multiplicity equals the degree from the Hilbert series."""
    from implicitize.backends.ideal_ops import degree_of_quotient

    variety = PatternVariety(Architecture((3, 3, 3), bias=True), [[[0, 1]], [[1, 2]]])
    result = implicitize(variety, prove=True)
    assert result.proved == "generates" and result.route.startswith("Serre's criterion: Hilbert series")
    assert "elimination check" not in result.timings
    assert result.degree == degree_of_quotient(list(result.generators), variety.context) == 54


def test_engine_skips_the_section_certificate_beyond_its_codimension(monkeypatch):
    """(3, 3, 4), patterns {0,1},{1,2}: 18 generators in codimension 6 > SECTION_MAX_CODIMENSION; the
    certificate would take minutes, so the engine does not start it (the point count proves instead)."""
    from implicitize import engine
    from implicitize import serre_certificate as module

    def refuse(*args, **kwargs):
        raise AssertionError("the section certificate must not run here")

    monkeypatch.setattr(module, "serre_certificate", refuse)
    variety = PatternVariety(Architecture((3, 3, 4)), [[[0, 1]], [[1, 2]]])
    result = implicitize(variety, max_degree=4)
    dim = variety.dimension()
    assert dim.ambient_dimension - dim.dimension > engine.SECTION_MAX_CODIMENSION
    unchanged, proved = engine._prove_by_section_certificate(variety, result, dim, list(result.generators), 60.0, 0)
    assert not proved and unchanged is result
