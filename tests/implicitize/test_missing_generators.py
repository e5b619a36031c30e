"""Missing generators: found where interpolation stopped too low, never where there is nothing to find.

Independent routes: Singular's elimination of the parameters (the true ideal), sympy's Gröbner bases
(the found polynomials are not in J), points of V from the reference evaluator (explicit matrix products,
not the parametrisation used inside), and interpolation of the whole degree.
"""

from __future__ import annotations

import flint
import pytest
from elimination_cases import independent_points

from architectures import Architecture
from architectures.errors import InvalidDataError, InvalidOptionError
from implicitize.backends.elimination import eliminate
from implicitize.backends.ideal_ops import ideal_contains, normal_forms
from implicitize.interpolation import interpolate
from implicitize.missing_generators import missing_generators
from varieties import PatternVariety


def _variety(widths, patterns):
    return PatternVariety(Architecture(widths), patterns)


def _vanish_on_points(polynomials, variety, count=6):
    """Whether every polynomial vanishes at ``count`` points of V from the reference evaluator."""
    points = list(independent_points(variety, count))
    return all(p(*point) == 0 for p in polynomials for point in points)


@pytest.mark.singular
def test_linear_forms_miss_the_quadrics_found_in_the_elimination_ideal():
    variety = _variety((2, 3, 2), [[[0]], [[1]], [[2]], [[0, 1, 2]]])
    linear = interpolate(variety, 1).generators
    found = missing_generators(variety, linear, 2)
    assert found is not None and found.degree == 2 and found.generators
    assert all(g.total_degree() == 2 for g in found.generators)
    reference = eliminate(variety.parametrisation, backend="singular")
    context = variety.context
    assert ideal_contains(reference, list(found.generators), context)  # in I(V) (elimination)
    assert all(not r.is_zero() for r in normal_forms(list(found.generators), linear, context, backend="sympy"))
    assert not ideal_contains(linear, reference, context)  # the elimination ideal agrees: J was short
    assert _vanish_on_points(found.generators, variety)


@pytest.mark.singular
def test_cubics_miss_the_quartics_that_interpolating_degree_four_finds():
    variety = _variety((3, 3, 4), [[[0, 1]], [[1, 2]]])
    cubics = interpolate(variety, 3).generators
    found = missing_generators(variety, cubics, 4)
    assert found is not None and {g.total_degree() for g in found.generators} == {4}
    complete = interpolate(variety, 4).generators  # proved to span I(V) in degrees ≤ 4
    assert ideal_contains(complete, list(found.generators), variety.context)
    assert _vanish_on_points(found.generators, variety)
    assert found.classes_searched >= 1 and found.monomials > 0 and "J does not generate" in found.sentence


@pytest.mark.singular
def test_nothing_to_find_when_the_generators_generate():
    variety = _variety((3, 3, 3), [[[0, 1]], [[1, 2]]])
    cubics = interpolate(variety, 3).generators  # det M_0, det M_1, det(M_0 − M_1): they generate I(V)
    assert missing_generators(variety, cubics, 4) is None
    assert missing_generators(variety, cubics, 5, max_classes=3) is None
    # the same search does see a cubic left out
    dropped = missing_generators(variety, cubics[:2], 3)
    assert dropped is not None and len(dropped.generators) == 1
    assert ideal_contains(cubics, list(dropped.generators), variety.context)


def test_refuses_generators_outside_the_ideal_and_bad_degrees():
    variety = _variety((3, 3, 3), [[[0, 1]], [[1, 2]]])
    x = variety.context.gens()
    with pytest.raises(InvalidDataError, match="does not vanish"):
        missing_generators(variety, [x[0] ** 3], 4)
    with pytest.raises(InvalidDataError, match="homogeneous"):
        missing_generators(variety, [x[0] ** 3 - x[1]], 4)
    other = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    with pytest.raises(InvalidDataError, match="coordinates"):
        missing_generators(variety, [other.gens()[0]], 4)
    with pytest.raises(InvalidOptionError, match="degree"):
        missing_generators(variety, [], 0)
    with pytest.raises(InvalidOptionError, match="max_classes"):
        missing_generators(variety, [], 2, max_classes=0)


@pytest.mark.singular
def test_the_engine_adds_the_missing_generators_when_the_elimination_does_not_finish(monkeypatch):
    """(2,3,2) with a degree bound of 1: --prove finds the quadrics the linear forms miss before eliminating;
    when the elimination fails (here: made to), the result keeps them, says J does not generate, and
    stays "generates up to degree 1" instead of raising."""
    from architectures.errors import BackendFailedError
    from implicitize import implicitize
    from implicitize.backends import elimination

    def over_time(*args, **kwargs):
        raise BackendFailedError("Singular did not finish within the time limit of 1 s")

    variety = _variety((2, 3, 2), [[[0]], [[1]], [[2]], [[0, 1, 2]]])
    monkeypatch.setattr(elimination, "eliminate", over_time)
    result = implicitize(variety, max_degree=1, prove=True)
    assert result.proved == "generates up to degree 1" and "missing generators" in result.timings
    assert "J does not generate I(V)" in result.route and "did not finish" in result.route
    quadrics = [g for g in result.generators if g.total_degree() == 2]
    assert quadrics and len(result.generators) == 4 + len(quadrics)
    assert _vanish_on_points(quadrics, variety)
    reference = eliminate(variety.parametrisation, backend="singular")
    assert ideal_contains(reference, list(result.generators), variety.context)


@pytest.mark.singular
def test_the_engine_still_eliminates_after_finding_missing_generators():
    """Same case, the elimination finishing: it proves generation with its own (complete) generators."""
    from implicitize import implicitize
    from implicitize.backends.ideal_ops import ideals_equal

    variety = _variety((2, 3, 2), [[[0]], [[1]], [[2]], [[0, 1, 2]]])
    result = implicitize(variety, max_degree=1, prove=True)
    assert result.proved == "generates" and "missing generators" in result.timings
    reference = eliminate(variety.parametrisation, backend="singular")
    assert ideals_equal(list(result.generators), reference, variety.context)


def test_a_time_limit_that_is_not_a_positive_number_is_refused():
    variety = _variety((2, 3, 2), [[[0]], [[1]], [[2]], [[0, 1, 2]]])
    with pytest.raises(InvalidOptionError, match="time_limit"):
        missing_generators(variety, [], 2, time_limit=0)
