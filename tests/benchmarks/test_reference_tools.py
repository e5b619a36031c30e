"""The benchmarks' reference tools: MultigradedImplicitization (Macaulay2 1.26 of passagemath-macaulay2) and
Macaulay2 1.26's ``ker`` against Singular's elimination and our interpolation, on one- and two-block cases;
the grading they are given; the error when the package is absent."""

from __future__ import annotations

import importlib.metadata

import flint
import pytest

from architectures import Architecture, pattern_parametrisation
from architectures.errors import BackendUnavailableError, InvalidOptionError
from benchmarks import reference_tools
from benchmarks.reference_tools import (
    CASES,
    kernel_multigrading,
    macaulay2_ker,
    macaulay2_max_grading,
    macaulay2_multigraded,
    multigraded_executable,
    singular_eliminate,
)
from implicitize import implicitize
from implicitize.backends.ideal_ops import ideals_equal
from varieties import PatternVariety

#: (name, widths, patterns, degree bound of its generators): one block, and two blocks sharing a neuron
#: ((3,3,3): three cubics) or sharing none ((4,2,4): the 2-minors of two 4x4 blocks).
KERNEL_CASES = [
    ("212", (2, 1, 2), [[[0]]], 2),
    ("333", *CASES["333"], 3),
    ("424", *CASES["424"], 2),
]


def _weights(grading: list[list[int]], exponents: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(sum(row[i] * e for i, e in enumerate(exponents)) for row in grading)


@pytest.mark.singular
@pytest.mark.parametrize("widths, patterns", [(w, p) for _, w, p, _ in KERNEL_CASES], ids=[n for n, *_ in KERNEL_CASES])
def test_the_grading_makes_the_eliminated_ideal_homogeneous_and_refines_total_degree(widths, patterns):
    """Every generator of Singular's elimination ideal is homogeneous in each row of the grading, and the
    all-ones vector (total degree) lies in the rows' span, as componentsOfKernel requires."""
    parametrisation = pattern_parametrisation(Architecture(widths), patterns)
    grading = kernel_multigrading(parametrisation)
    _, generators = singular_eliminate(parametrisation)
    assert generators
    for generator in generators:
        assert len({_weights(grading, exponents) for exponents in generator.monoms()}) == 1
    ones = [1] * len(parametrisation.coordinate_names)
    assert flint.fmpq_mat([*grading, ones]).rank() == len(grading) == flint.fmpq_mat(grading).rank()


@pytest.mark.gfan
@pytest.mark.multigraded
@pytest.mark.parametrize("bias", [False, True], ids=["333", "333b"])
def test_the_grading_is_the_one_max_grading_computes_with_gfan(bias):
    """kernel_multigrading (exact linear algebra) spans the same rows as the package's maxGrading (gfan's
    homogeneity space of the graph ideal), with biases too: the benchmark gives the tool its own grading."""
    parametrisation = pattern_parametrisation(Architecture(CASES["333"][0], bias=bias), CASES["333"][1])
    ours, theirs = kernel_multigrading(parametrisation), macaulay2_max_grading(parametrisation, timeout=120)
    ours_reduced, ours_rank = flint.fmpq_mat(ours).rref()
    theirs_reduced, theirs_rank = flint.fmpq_mat(theirs).rref()
    assert ours_rank == theirs_rank == len(ours)
    columns = len(parametrisation.coordinate_names)
    assert all(ours_reduced[i, j] == theirs_reduced[i, j] for i in range(ours_rank) for j in range(columns))


def test_the_grading_of_a_rank_one_block_separates_rows_and_columns():
    """(2,1,2), one block: the image is the 2x2 matrices m_ij = a_i b_j, whose finest grading is by row
    and column (rank 3 = 2 + 2 - 1): a monomial's degree is its row and column counts."""
    grading = kernel_multigrading(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]))
    assert flint.fmpq_mat(grading).rank() == 3
    # m_00 m_11 and m_01 m_10 share row and column counts, hence a degree; m_00^2 and m_00 m_11 do not.
    assert _weights(grading, (1, 0, 0, 1)) == _weights(grading, (0, 1, 1, 0))
    assert _weights(grading, (2, 0, 0, 0)) != _weights(grading, (1, 0, 0, 1))


@pytest.mark.singular
@pytest.mark.multigraded
@pytest.mark.parametrize(
    "widths, patterns, degree",
    # The two-block cases take about 2 s each (Macaulay2's start-up, Singular's elimination): slow tier.
    [
        pytest.param(*case[1:], id=case[0], marks=[pytest.mark.slow] if case[0] != "212" else [])
        for case in KERNEL_CASES
    ],
)
def test_multigraded_up_to_the_degree_bound_equals_singular_and_ours(widths, patterns, degree):
    """componentsOfKernel up to the degree of the generators gives Singular's elimination ideal and ours."""
    variety = PatternVariety(Architecture(widths), patterns)
    seconds, generators = macaulay2_multigraded(variety.parametrisation, max_degree=degree, timeout=120)
    assert seconds >= 0 and generators
    assert all(g.total_degree() <= degree for g in generators)
    _, eliminated = singular_eliminate(variety.parametrisation)
    assert ideals_equal(generators, eliminated, variety.context, backend="singular")
    ours = implicitize(variety, max_degree=degree)
    assert ideals_equal(generators, list(ours.generators), variety.context, backend="singular")
    for generator in generators:  # in the ideal: vanishes on the parametrisation, exactly
        assert generator.compose(*variety.parametrisation.polynomials, ctx=variety.parametrisation.context) == 0


@pytest.mark.slow
@pytest.mark.multigraded
def test_multigraded_below_the_degree_of_the_generators_finds_nothing():
    """(3,3,3) {0,1},{1,2} is generated by three cubics: up to degree 2 the kernel is empty, and the tool
    says so instead of claiming anything about degree 3."""
    parametrisation = pattern_parametrisation(Architecture(CASES["333"][0]), CASES["333"][1])
    _, generators = macaulay2_multigraded(parametrisation, max_degree=2, timeout=120)
    assert generators == []


@pytest.mark.singular
@pytest.mark.multigraded
def test_ker_in_macaulay2_126_equals_singular():
    """Plain ``ker`` in passagemath's Macaulay2 1.26 on (2,1,2): the 2x2 determinant, as Singular."""
    variety = PatternVariety(Architecture((2, 1, 2)), [[[0]]])
    executable = multigraded_executable()
    assert executable is not None
    _, generators = macaulay2_ker(variety.parametrisation, executable=executable, timeout=120)
    _, eliminated = singular_eliminate(variety.parametrisation)
    assert len(generators) == 1 and ideals_equal(generators, eliminated, variety.context, backend="singular")


def test_multigraded_without_the_package_names_the_install_command(monkeypatch):
    def absent(name: str) -> importlib.metadata.Distribution:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(reference_tools.importlib.metadata, "distribution", absent)
    assert multigraded_executable() is None
    with pytest.raises(BackendUnavailableError, match="pip install passagemath-macaulay2"):
        macaulay2_multigraded(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]), max_degree=2)


def test_multigraded_rejects_a_degree_bound_below_one():
    with pytest.raises(InvalidOptionError, match="max_degree must be a positive integer"):
        macaulay2_multigraded(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]), max_degree=0)
