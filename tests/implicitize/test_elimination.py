"""Elimination by sympy and by Singular: the worked cases of docs/mathematics.md#dimension, the two routes against each other,
against determinants, points of the reference evaluator and the Jacobian dimension; refusals."""

from __future__ import annotations

from functools import lru_cache

import pytest

from architectures import Architecture
from architectures.errors import ComputationTooLargeError, InvalidSpecError
from elimination_cases import block_determinants, independent_points, span_rank, variety
from implicitize.backends.elimination import eliminate, eliminate_sympy, estimated_sympy_seconds, primitive
from implicitize.backends.ideal_ops import hilbert_function, ideals_equal
from implicitize.backends.singular import hilbert_series_singular
from varieties import PatternVariety
from varieties.dimension import dimension
from worked_cases import worked_case_named

SMALL = [  # cases sympy eliminates in about a second or less
    ((3, 2, 3), [[[0, 1]]]),
    ((2, 3, 2), [[[0, 1]], [[1, 2]]]),
    ((2, 2, 2), [[[0]], [[0, 1]]]),
    ((2, 2, 2, 2), [[[0, 1], [0, 1]], [[0], [0, 1]]]),
]


@lru_cache(maxsize=None)
def by_sympy(widths, patterns_text):
    """sympy's elimination, computed once per case for the whole module (it is the slow route)."""
    v = variety(widths, eval(patterns_text))
    return v, eliminate(v.parametrisation, backend="sympy")


@pytest.mark.slow
def test_sympy_323_one_block_is_the_determinant():
    """Primitive and sign-normalised, sympy's single cubic is exactly det M (computed by sympy.Matrix.det)."""
    v, generators = by_sympy((3, 2, 3), "[[[0, 1]]]")
    [det] = block_determinants(v, [(1,)])
    assert generators == [primitive(det)]


@pytest.mark.slow
def test_sympy_232_two_blocks_is_the_zero_ideal():
    v = worked_case_named("(2,3,2) {0,1},{1,2}").variety()
    assert eliminate(v.parametrisation, backend="sympy") == []


@pytest.mark.parametrize("widths, patterns", SMALL)
@pytest.mark.slow
@pytest.mark.singular
def test_sympy_and_singular_agree(widths, patterns):
    """Two independent Gröbner engines give the same ideal (equality checked by sympy and by Singular)."""
    v, sympy_generators = by_sympy(widths, repr(patterns))
    by_singular = eliminate(v.parametrisation, backend="singular")
    assert len(sympy_generators) == len(by_singular)  # both minimal generating sets of a homogeneous ideal
    assert ideals_equal(sympy_generators, by_singular, v.context, backend="sympy")
    assert ideals_equal(sympy_generators, by_singular, v.context, backend="singular")


@pytest.mark.parametrize("widths, patterns", SMALL)
@pytest.mark.singular
def test_sympy_generators_vanish_at_reference_points_and_give_the_jacobian_dimension(widths, patterns):
    """Not larger than I(V): zero at points of V from the reference evaluator; not smaller: the Krull
    dimension of Q[y]/I equals the generic Jacobian rank."""
    v, generators = by_sympy(widths, repr(patterns))
    for point in independent_points(v, 6):
        assert all(g(*point) == 0 for g in generators)
    _, krull = hilbert_series_singular(generators, v.context)
    assert krull == dimension(v).dimension


@pytest.mark.singular
def test_deep_2222_is_two_quadrics_of_dimension_6():
    """docs/mathematics.md#dimension: (2,2,2,2), blocks (all, all), ({0}, all) has dim 6 in C^8 (naive count 8)."""
    v, generators = by_sympy((2, 2, 2, 2), "[[[0, 1], [0, 1]], [[0], [0, 1]]]")
    assert sorted(g.total_degree() for g in generators) == [2, 2]
    assert hilbert_series_singular(generators, v.context)[1] == 6


@pytest.mark.slow
@pytest.mark.singular
def test_333_singular_equals_the_three_determinants():
    v = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    generators = eliminate(v.parametrisation, backend="singular")
    dets = block_determinants(v, [(1, 0), (0, 1), (1, -1)])
    assert span_rank(dets) == span_rank(dets + generators) == 3
    assert [hilbert_function(generators, v.context, d) for d in range(5)] == [
        hilbert_function(dets, v.context, d, backend="sympy") for d in range(5)
    ]


def test_auto_backend_falls_back_to_sympy_without_singular(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    v = variety((2, 1, 2), [[[0]]])
    [det] = block_determinants(v, [(1,)])
    assert eliminate(v.parametrisation) == [primitive(det)]


def test_sympy_refuses_large_cases_and_points_to_singular():
    v = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    assert estimated_sympy_seconds(v.parametrisation) > 60
    with pytest.raises(ComputationTooLargeError, match="backend='singular'"):
        eliminate(v.parametrisation, backend="sympy")
    with pytest.raises(ComputationTooLargeError, match="estimated"):
        eliminate_sympy(variety((2, 2, 2), [[[0]], [[0, 1]]]).parametrisation, budget_seconds=1e-6)


def test_unknown_backend_is_refused():
    with pytest.raises(InvalidSpecError, match="sympy, singular"):
        eliminate(variety((2, 1, 2), [[[0]]]).parametrisation, backend="flint")


@pytest.mark.singular
def test_biases_sympy_and_singular_agree_and_vanish_on_points():
    """(1,2,1) with biases, patterns {0}, {0,1}, {1}: the slopes satisfy M_1 = M_0 + M_2 while the
    intercepts are free (their relation involves the output bias); both routes find exactly that."""
    v = PatternVariety(Architecture((1, 2, 1), bias=True), [[[0]], [[0, 1]], [[1]]])
    by_sympy = eliminate(v.parametrisation, backend="sympy")
    by_singular = eliminate(v.parametrisation, backend="singular")
    assert ideals_equal(by_sympy, by_singular, v.context, backend="sympy")
    assert [g.total_degree() for g in by_singular] == [1]
    for point in independent_points(v, 6):
        assert all(g(*point) == 0 for g in by_singular)
    assert hilbert_series_singular(by_singular, v.context)[1] == dimension(v).dimension == 5
