"""Every worked case of docs/mathematics.md#dimension: interpolation, sympy elimination and Singular elimination give equal ideals."""

from __future__ import annotations

import pytest

from architectures import Architecture
from implicitize import implicitize
from implicitize.backends.elimination import eliminate, estimated_sympy_seconds
from implicitize.backends.ideal_ops import ideals_equal
from varieties import PatternVariety
from worked_cases import WORKED_CASES, worked_case_named

WORKED = [(case.widths, case.pattern_lists()) for case in WORKED_CASES]


@pytest.mark.parametrize("widths, patterns", WORKED)
@pytest.mark.slow
@pytest.mark.singular
def test_interpolation_equals_singular_elimination(widths, patterns):
    variety = PatternVariety(Architecture(widths), patterns)
    ours = implicitize(variety)
    reference = eliminate(variety.parametrisation, backend="singular", timeout=120)
    assert ideals_equal(list(ours.generators), reference, variety.context, backend="singular")
    assert len(ours.generators) == len(reference)  # both minimal


# sympy's Gröbner bases are too slow for the larger cases; the Singular test above covers every case
SYMPY_FEASIBLE = [
    (w, p) for w, p in WORKED if estimated_sympy_seconds(PatternVariety(Architecture(w), p).parametrisation) <= 20
]


def test_sympy_route_covers_at_least_half_the_worked_cases():
    assert len(SYMPY_FEASIBLE) >= len(WORKED) // 2


@pytest.mark.parametrize("widths, patterns", SYMPY_FEASIBLE)
@pytest.mark.slow
def test_interpolation_equals_sympy_elimination_where_sympy_is_feasible(widths, patterns):
    variety = PatternVariety(Architecture(widths), patterns)
    ours = implicitize(variety)
    reference = eliminate(variety.parametrisation, backend="sympy")
    assert ideals_equal(list(ours.generators), reference, variety.context, backend="sympy")


@pytest.mark.slow
@pytest.mark.singular
def test_prove_turns_degree_bound_into_generation_by_elimination(monkeypatch):
    """Elimination is the last resort: with the certificate routes declining, it proves."""
    from implicitize import degree_certificate, engine, serre_certificate

    variety = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    assert implicitize(variety).proved == "generates up to degree 3"
    monkeypatch.setattr(engine, "complete_intersection_proof", lambda *args, **kwargs: None)
    monkeypatch.setattr(serre_certificate, "serre_certificate", lambda *args, **kwargs: None)
    monkeypatch.setattr(degree_certificate, "degree_certificate", lambda *args, **kwargs: None)
    proved = implicitize(variety, prove=True)
    assert proved.proved == "generates" and "elimination" in proved.route and len(proved.generators) == 3


@pytest.mark.singular
def test_elimination_strategy_agrees_with_interpolation_on_a_deep_bias_case():
    variety = PatternVariety(Architecture((2, 2, 2, 1), bias=True), [[[0, 1], [0, 1]], [[0], [1]]])
    by_elimination = implicitize(variety, "elimination", backend="singular")
    by_interpolation = implicitize(variety, max_degree=max(by_elimination.degrees or (2,)))
    assert by_elimination.proved == "generates"
    assert ideals_equal(list(by_interpolation.generators), list(by_elimination.generators), variety.context)
