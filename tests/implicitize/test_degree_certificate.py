"""Cohen–Macaulay plus a point count: proves J = I(V) where it holds, declines everywhere else.

Independent routes: Singular's elimination of the parameters (the same ideal), the Hilbert series of
the generators over Q (the same degree), and classical examples whose primality is known either way.
"""

from __future__ import annotations

import shutil

import flint
import pytest

from architectures import Architecture
from architectures.errors import InvalidDataError
from implicitize import implicitize
from implicitize.degree_certificate import count_script, degree_certificate
from varieties import PatternVariety

needs_singular = pytest.mark.skipif(
    shutil.which("Singular") is None, reason="needs Singular (apt-get install singular)"
)


@pytest.fixture
def rings():
    """Q[a, b, c, d] and a parameter ring Q[s, t, u]."""
    x = flint.fmpq_mpoly_ctx.get(("a", "b", "c", "d"), "degrevlex")
    theta = flint.fmpq_mpoly_ctx.get(("s", "t", "u"), "degrevlex")
    return x, x.gens(), theta.gens()


def _points(generators, context, parametrisation, dimension):
    """The number of points the script's Krylov matrix certifies (−1 when the script stops earlier)."""
    from implicitize.backends.singular import run_singular
    from implicitize.degree_certificate import _distinct_roots

    return _distinct_roots(run_singular(count_script(generators, context, parametrisation, dimension)), 32003)


@needs_singular
def test_twisted_cubic_is_proved_with_three_points_on_a_plane(rings):
    x, (a, b, c, d), (s, t, _) = rings
    cubic = [s**3, s**2 * t, s * t**2, t**3]
    certificate = degree_certificate([a * c - b**2, b * d - c**2, a * d - b * c], x, cubic, 2)
    assert certificate is not None and certificate.degree == certificate.points == 3
    assert not certificate.complete_intersection


@needs_singular
def test_declines_the_cubic_and_a_line_whose_count_falls_short(rings):
    """(ac − b², bd − c²) is a complete intersection of degree 4 (the cubic plus the line a = b = 0):
    Cohen–Macaulay, but the parametrisation of the cubic finds only 3 points."""
    x, (a, b, c, d), (s, t, _) = rings
    cubic = [s**3, s**2 * t, s * t**2, t**3]
    generators = [a * c - b**2, b * d - c**2]
    assert degree_certificate(generators, x, cubic, 2) is None
    assert _points(generators, x, cubic, 2) == 3


@needs_singular
@pytest.mark.parametrize(
    "generators, parametrisation, dimension, points, why",
    [
        (lambda a, b, c, d: [a**2], lambda s, t, u: [0 * s, s, t, u], 3, 1, "a double hyperplane: degree 2 > 1 point"),
        (
            lambda a, b, c, d: [a * b, a * c, b * c],
            lambda s, t, u: [0 * s, 0 * s, s, t],
            2,
            1,
            "three planes through a line: Cohen–Macaulay of degree 3, V a plane",
        ),
        (
            lambda a, b, c, d: [a * c, a * d, b * c, b * d],
            lambda s, t, u: [s, t, 0 * s, 0 * s],
            2,
            -1,
            "two skew lines: not Cohen–Macaulay",
        ),
    ],
)
def test_declines_when_j_is_not_the_ideal_of_the_image(rings, generators, parametrisation, dimension, points, why):
    """Each declines for its reason: one point of V on L against a multiplicity above one, or (−1) no
    count at all because J is not Cohen–Macaulay."""
    x, gens, theta = rings
    assert degree_certificate(generators(*gens), x, parametrisation(*theta), dimension) is None, why
    assert _points(generators(*gens), x, parametrisation(*theta), dimension) == points, why


@needs_singular
def test_declines_a_wrong_dimension_and_inhomogeneous_generators_and_refuses_a_short_parametrisation(rings):
    x, (a, b, c, d), (s, t, _) = rings
    cubic = [s**3, s**2 * t, s * t**2, t**3]
    assert degree_certificate([a * c - b**2, b * d - c**2, a * d - b * c], x, cubic, 3) is None
    assert degree_certificate([a * c - b**2 + a, b * d - c**2, a * d - b * c], x, cubic, 2) is None
    with pytest.raises(InvalidDataError, match="one polynomial per coordinate"):
        degree_certificate([a * d - b * c], x, cubic[:3], 3)


@needs_singular
def test_complete_intersection_of_three_cubics_is_proved_and_matches_elimination():
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    variety = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    generators = list(implicitize(variety).generators)
    polynomials = list(variety.parametrisation.polynomials)
    certificate = degree_certificate(generators, variety.context, polynomials, 15)
    assert certificate is not None and certificate.complete_intersection and certificate.degree == 27
    assert ideals_equal(generators, eliminate(variety.parametrisation, backend="singular"), variety.context)


@needs_singular
def test_product_of_determinantal_varieties_counts_the_degree_of_its_hilbert_series():
    """Rank ≤ 1 and rank ≤ 2 blocks in disjoint coordinates: degree 6 · 3 = 18 (Eagon–Hochster), the
    multiplicity of the Hilbert series and the number of points found through the parametrisation."""
    from implicitize.backends.ideal_ops import degree_of_quotient

    variety = PatternVariety(Architecture((3, 3, 3)), [[[0]], [[1, 2]]])
    generators = list(implicitize(variety).generators)
    polynomials = list(variety.parametrisation.polynomials)
    certificate = degree_certificate(generators, variety.context, polynomials, 13)
    assert certificate is not None and not certificate.complete_intersection
    assert certificate.degree == certificate.points == degree_of_quotient(generators, variety.context) == 18


@needs_singular
def test_dropping_a_generator_of_the_product_is_declined():
    """Without one 2-minor of the rank-one block, J is no longer I(V): the certificate must decline."""
    variety = PatternVariety(Architecture((3, 3, 3)), [[[0]], [[1, 2]]])
    generators = sorted(implicitize(variety).generators, key=lambda g: (g.total_degree(), str(g)))[1:]
    polynomials = list(variety.parametrisation.polynomials)
    assert degree_certificate(generators, variety.context, polynomials, 13) is None


@needs_singular
@pytest.mark.slow
@pytest.mark.parametrize("widths", [(3, 3, 4), (4, 3, 3)])
def test_proves_the_benchmark_cases_with_the_degree_of_the_hilbert_series(widths):
    """(3, 3, 4) and (4, 3, 3), patterns {0,1},{1,2}: 18 generators of degree ≤ 4 in codimension 6, beyond
    the section certificate; Cohen–Macaulay of multiplicity 188 and 188 points of V on a linear space, so
    they generate I(V) — the engine proves these by inheritance first, which tests/implicitize/
    test_inheritance.py checks against Singular's elimination; here the certificate alone."""
    from implicitize.backends.ideal_ops import degree_of_quotient

    variety = PatternVariety(Architecture(widths), [[[0, 1]], [[1, 2]]])
    generators = list(implicitize(variety, max_degree=4).generators)
    parametrisation = list(variety.parametrisation.polynomials)
    certificate = degree_certificate(generators, variety.context, parametrisation, 18, timeout=120)
    assert certificate is not None and certificate.sentence.startswith("Cohen–Macaulay and a point count")
    assert certificate.degree == 188 == degree_of_quotient(generators, variety.context)


@needs_singular
def test_declines_above_the_multiplicity_it_solves_for(rings, monkeypatch):
    """The parameter system has one solution per point; above COUNT_MAX_MULTIPLICITY it is not solved."""
    from implicitize import degree_certificate as module

    x, (a, b, c, d), (s, t, _) = rings
    cubic = [s**3, s**2 * t, s * t**2, t**3]
    monkeypatch.setattr(module, "COUNT_MAX_MULTIPLICITY", 2)
    assert degree_certificate([a * c - b**2, b * d - c**2, a * d - b * c], x, cubic, 2) is None
