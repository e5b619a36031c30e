"""Inheritance: I(V) proved from the network with fewer outputs (inputs), and declined where it does not apply.

Independent routes: the exact rank of the blocks at sampled points (the rank bound the argument uses),
sampled points of the smaller network (V' ⊂ V) and projected points of the larger (π(V) ⊂ V'),
Singular's elimination of the parameters (the same ideal), and the minors the theorem names.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import flint
import pytest
import sympy

from architectures import Architecture
from implicitize import implicitize
from implicitize.inheritance import inheritance_proof, reduction
from implicitize.proof import Proof
from varieties import OutputVariety, PatternVariety

#: (widths, biases, patterns, side of the reduction, rank bound, smaller widths)
REDUCIBLE = [
    ((3, 3, 4), False, [[[0, 1]], [[1, 2]]], "outputs", 3, (3, 3, 3)),
    ((4, 3, 3), False, [[[0, 1]], [[1, 2]]], "inputs", 3, (3, 3, 3)),
    ((4, 3, 4), False, [[[0, 1]], [[1, 2]]], "outputs", 3, (4, 3, 3)),
    ((2, 2, 4), True, [[[0]], [[1]]], "outputs", 3, (2, 2, 3)),
    ((3, 2, 3), True, [[[0]], [[1]]], "inputs", 2, (2, 2, 3)),
    ((2, 3, 2, 5), False, [[[0, 1], [0]], [[1, 2], [0, 1]]], "outputs", 2, (2, 3, 2, 2)),
    ((5, 2, 3, 2), False, [[[0], [0, 1]], [[1], [1, 2]]], "inputs", 2, (2, 2, 3, 2)),
]
#: Varieties with no smaller network: as many outputs and inputs as the rank bounds.
IRREDUCIBLE = [
    ((3, 3, 3), False, [[[0, 1]], [[1, 2]]]),
    ((2, 2, 3), True, [[[0]], [[1]]]),
    ((3, 4, 3), False, [[[0, 1]], [[1, 2]], [[2, 3]]]),
    ((3, 2, 3), False, [[[]], [[]]]),  # no neuron active: no network with 0 outputs
]
DATA = [[1, 0], [0, 1], [1, 1], [2, 1], [1, 3], [3, 2]]


def _blocks(variety, point):
    """The blocks of a point of a pattern variety as sympy matrices."""
    positions = variety.parametrisation.positions
    return [sympy.Matrix(*block.shape, lambda i, j, b=block: point[int(b[i, j])]) for block in positions]


def _flattening(variety, step, point):
    blocks = _blocks(variety, point)
    if step.side == "outputs":
        return sympy.Matrix.hstack(*blocks)
    return sympy.Matrix.vstack(*(block[:, : variety.architecture.input_width] for block in blocks))


@pytest.mark.parametrize("widths, bias, patterns, side, rank, smaller", REDUCIBLE)
def test_reduction_names_the_smaller_network_and_its_rank_bound(widths, bias, patterns, side, rank, smaller):
    variety = PatternVariety(Architecture(widths, bias=bias), patterns)
    step = reduction(variety)
    assert step is not None and (step.side, step.rank) == (side, rank)
    assert step.variety.architecture == Architecture(smaller, bias=bias)
    assert step.variety.patterns == variety.patterns


@pytest.mark.parametrize("widths, bias, patterns, side, rank, smaller", REDUCIBLE)
def test_the_rank_bound_holds_and_is_reached_at_sampled_points(widths, bias, patterns, side, rank, smaller):
    """The exact rank of the blocks side by side (linear parts stacked) at three sampled points."""
    variety = PatternVariety(Architecture(widths, bias=bias), patterns)
    step = reduction(variety)
    ranks = {_flattening(variety, step, variety.sample_point(seed=seed)).rank() for seed in range(3)}
    assert ranks == {rank}


@pytest.mark.parametrize("widths, bias, patterns, side, rank, smaller", REDUCIBLE[:5])
def test_the_smaller_variety_is_the_slice_of_the_larger(widths, bias, patterns, side, rank, smaller):
    """V' ⊂ V: a point of the smaller network, padded with zeros, satisfies the larger network's equations;
    π(V) ⊂ V': a point of the larger network, cut to the first r outputs (inputs), satisfies the smaller's."""
    variety = PatternVariety(Architecture(widths, bias=bias), patterns)
    step = reduction(variety)
    big = implicitize(variety).generators
    small = implicitize(step.variety, max_degree=4).generators
    assert big and small
    for seed in range(2):
        padded = _embed(step, variety, step.variety.sample_point(seed=seed))
        assert all(g(*padded) == 0 for g in big)
        cut = _cut(step, variety, variety.sample_point(seed=seed))
        assert all(g(*cut) == 0 for g in small)
        assert any(g(*_cut(step, variety, _perturbed(variety.sample_point(seed=seed)))) != 0 for g in small)


def _perturbed(point):
    return tuple(value + (index % 3 == 0) for index, value in enumerate(point))


def _kept(step, i, j, variety):
    """Whether entry (i, j) of a block of the larger network lies in the first r outputs (inputs)."""
    if step.side == "outputs":
        return i < step.rank
    return j < step.rank or j == variety.architecture.input_width  # the bias column stays


def _embed(step, variety, small_point):
    values = [Fraction(0)] * variety.ambient_dimension
    small_positions = step.variety.parametrisation.positions
    for block, small_block in zip(variety.parametrisation.positions, small_positions):
        for i in range(block.shape[0]):
            for j in range(block.shape[1]):
                if _kept(step, i, j, variety):
                    jj = j if step.side == "outputs" or j < step.rank else small_block.shape[1] - 1
                    values[int(block[i, j])] = small_point[int(small_block[i, jj])]
    return [_fmpq(v) for v in values]


def _cut(step, variety, point):
    small_positions = step.variety.parametrisation.positions
    values = [Fraction(0)] * step.variety.ambient_dimension
    for block, small_block in zip(variety.parametrisation.positions, small_positions):
        for i in range(small_block.shape[0]):
            for j in range(small_block.shape[1]):
                jj = j if step.side == "outputs" or j < step.rank else block.shape[1] - 1
                values[int(small_block[i, j])] = point[int(block[i, jj])]
    return [_fmpq(v) for v in values]


def _fmpq(value):
    return flint.fmpq(value.numerator, value.denominator)


@pytest.mark.parametrize("widths, bias, patterns", IRREDUCIBLE)
def test_no_smaller_network_when_the_widths_meet_the_rank_bounds(widths, bias, patterns):
    assert reduction(PatternVariety(Architecture(widths, bias=bias), patterns)) is None


def test_an_output_variety_reduces_its_outputs_only():
    """The data fix the inputs: (4, 2, 2) on points of Q^4 has fewer active neurons than inputs but no
    smaller network; (2, 2, 4) with biases goes to 3 outputs on the same data."""
    wide = OutputVariety(Architecture((4, 2, 2)), [[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 1, 1]], [0, 0, 0], [[[0, 1]]])
    assert reduction(wide) is None
    variety = OutputVariety(Architecture((2, 2, 4), bias=True), DATA, [0, 0, 0, 1, 1, 1], [[[0]], [[1]]])
    step = reduction(variety)
    assert step.side == "outputs" and step.variety.architecture.widths == (2, 2, 3)
    assert step.variety.data == variety.data and step.variety.assignment == variety.assignment


@pytest.mark.singular
@pytest.mark.parametrize(
    "variety",
    [
        PatternVariety(Architecture((2, 2, 4), bias=True), [[[0]], [[1]]]),
        PatternVariety(Architecture((3, 2, 3), bias=True), [[[0]], [[1]]]),
        OutputVariety(Architecture((2, 2, 4), bias=True), DATA, [0, 0, 0, 1, 1, 1], [[[0]], [[1]]]),
        PatternVariety(Architecture((3, 3, 3, 3)), [[[0, 1], [0, 1]], [[0], [0]]]),
    ],
    ids=["outputs with biases", "inputs with biases", "output variety", "two-sided nesting"],
)
def test_the_engine_proves_by_inheritance_and_matches_elimination(variety):
    """Not a product of determinantal (or matrix Schubert) varieties, so no structural route; inheritance from
    the network with fewer outputs (inputs), whose ideal Serre's criterion (the deep case: nested rank
    conditions) proves; Singular's elimination gives the same ideal."""
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    result = implicitize(variety, prove=True)
    assert result.proved == "generates" and result.route.startswith("V is stable under End(Q^")
    assert "inheritance" in result.route and "elimination check" not in result.timings
    eliminated = eliminate(variety.parametrisation, backend="singular", timeout=300)
    assert ideals_equal(list(result.generators), eliminated, variety.context, backend="singular")


@pytest.mark.singular
@pytest.mark.slow
@pytest.mark.parametrize("widths", [(3, 3, 4), (4, 3, 3)])
def test_the_benchmark_cases_match_elimination(widths):
    """(3, 3, 4) and (4, 3, 3), patterns {0,1},{1,2}: proved from (3, 3, 3) in a fraction of a second;
    Singular's elimination (about 10 s) gives the same ideal, and the Hilbert series the same degree."""
    from implicitize.backends.elimination import eliminate
    from implicitize.backends.ideal_ops import ideals_equal

    variety = PatternVariety(Architecture(widths), [[[0, 1]], [[1, 2]]])
    result = implicitize(variety, prove=True)
    assert result.proved == "generates" and "pattern variety of (3, 3, 3)" in result.route
    assert result.degree == 188
    eliminated = eliminate(variety.parametrisation, backend="singular", timeout=600)
    assert ideals_equal(list(result.generators), eliminated, variety.context, backend="singular")


@pytest.mark.singular
def test_434_is_cut_out_by_the_minors_the_theorem_names():
    """(4, 3, 4), patterns {0,1},{1,2}, twice reduced to (3, 3, 3): the theorem gives I(V) as the 4-minors of
    [M_0 | M_1] and of [M_0; M_1] with the 3-minors of M_0, M_1 and M_0 − M_1 (inherited from the three
    cubics, Cauchy–Binet); the interpolated generators span the same ideal (Singular), of degree 2 240."""
    from implicitize.backends.ideal_ops import ideals_equal
    from varieties.minors import minors

    variety = PatternVariety(Architecture((4, 3, 4)), [[[0, 1]], [[1, 2]]])
    result = implicitize(variety, prove=True)
    assert result.proved == "generates" and result.route.count("inheritance") == 2
    assert result.degree == 2240
    named = {"rank M_0", "rank M_1", "rank [M_0 | M_1]", "rank [M_0; M_1]", "rank (M_0 − M_1)"}
    families = [family for family in variety.rank_constraints() if family.name in named]
    assert {family.name for family in families} == named
    expected = list(minors(families, variety.context))
    assert ideals_equal(list(result.generators), expected, variety.context, backend="singular")


def test_declines_without_a_proof_for_the_smaller_network():
    """Without --prove, (3, 3, 3) is only "up to degree 3" (its proof needs Serre's criterion), so (3, 3, 4)
    stays "up to degree 4"."""
    result = implicitize(PatternVariety(Architecture((3, 3, 4)), [[[0, 1]], [[1, 2]]]))
    assert result.proved == "generates up to degree 4" and "inheritance" in result.timings


def test_declines_when_the_rank_minors_exceed_the_degree_bound():
    variety = PatternVariety(Architecture((3, 2, 4)), [[[0, 1]]])
    assert inheritance_proof(reduction(variety), 2, lambda smaller: pytest.fail("not called")) is None


@pytest.mark.parametrize(
    "proof, degree, expected",
    [
        (Proof.generates("a proof"), 3, True),
        (Proof.generates_up_to(3, "interpolation"), 3, False),
        (Proof.generates("elimination"), 4, False),  # generated, but beyond the degree bound
    ],
)
def test_declines_unless_the_smaller_ideal_is_generated_within_the_bound(proof, degree, expected):
    variety = PatternVariety(Architecture((3, 2, 4)), [[[0, 1]]])
    smaller = implicitize(reduction(variety).variety, max_degree=3)
    context = smaller.context
    generators = (context.gens()[0] ** degree,)

    def stub(_):
        return replace(smaller, generators=generators, proved=proof)

    sentence = inheritance_proof(reduction(variety), 3, stub)
    assert (sentence is not None) == expected
    if expected:
        assert "a proof" in sentence and "generated in degree ≤ 3" in sentence


def test_declines_when_the_smaller_computation_fails():
    from architectures.errors import ComputationTooLargeError

    def too_large(_):
        raise ComputationTooLargeError("over the budget")

    variety = PatternVariety(Architecture((3, 2, 4)), [[[0, 1]]])
    assert inheritance_proof(reduction(variety), 3, too_large) is None


@pytest.mark.parametrize("value", ["(3, 3, 4)", None, Architecture((3, 3, 4))])
def test_something_else_than_a_variety_is_refused(value):
    from architectures.errors import InvalidArgumentError

    with pytest.raises(InvalidArgumentError, match="expected a PatternVariety or OutputVariety"):
        reduction(value)
