"""SMT-LIB export: z3 and cvc5 parse it and decide membership and region queries proved by hand."""

from __future__ import annotations

import random
from fractions import Fraction

import flint
import pytest
import z3

from architectures import Architecture, forward_pass
from architectures.errors import InvalidExportError, NoIdealError
from export_cases import (
    collinear_with_bias,
    cvc5_check,
    fix_point,
    opposite_points,
    three_cubics,
    two_points_two_outputs,
    z3_check,
)
from implicitize.export.smtlib import export_smtlib, smtlib_names
from implicitize.ideal import IdealResult
from implicitize import implicitize
from varieties import OutputVariety, PatternVariety

SOLVERS = {"z3": lambda text: z3_check(text)[0], "cvc5": cvc5_check}


def _sample(parametrisation, seed: int) -> tuple[Fraction, ...]:
    rng = random.Random(seed)
    return parametrisation.evaluate(
        [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(parametrisation.parameter_count)]
    )


@pytest.mark.parametrize("solver", sorted(SOLVERS))
def test_a_point_of_the_three_cubics_variety_is_sat_and_a_point_off_it_unsat(solver):
    result, parametrisation = three_cubics()
    text = export_smtlib(result)
    on = _sample(parametrisation, seed=1)  # image of the parametrisation: on the variety
    off = list(on)
    off[0] += 1
    # Independent of the solver: exact evaluation says which point is off.
    values = [g(*[flint.fmpq(v.numerator, v.denominator) for v in off]) for g in result.generators]
    assert any(v != 0 for v in values)
    names = result.coordinate_names
    assert SOLVERS[solver](text + fix_point(names, on) + "(check-sat)\n") == "sat"
    assert SOLVERS[solver](text + fix_point(names, off) + "(check-sat)\n") == "unsat"


@pytest.mark.parametrize("solver", sorted(SOLVERS))
@pytest.mark.parametrize("keep_parameters", [False, True])
def test_output_0_cannot_exceed_output_1_at_the_second_point_without_doing_so_at_the_first(solver, keep_parameters):
    # (1,1,2), x = 1, 2 both active: Y[:, 1] = 2 Y[:, 0], so y_0_1 > y_1_1 iff y_0_0 > y_1_0.
    result, parametrisation = two_points_two_outputs()
    text = export_smtlib(result, parametrisation=parametrisation if keep_parameters else None)
    exceed_both = "(assert (> y_0_1 y_1_1))\n(assert (> y_0_0 y_1_0))\n(check-sat)\n"
    exceed_second_only = "(assert (> y_0_1 y_1_1))\n(assert (<= y_0_0 y_1_0))\n(check-sat)\n"
    assert SOLVERS[solver](text + exceed_both) == "sat"
    assert SOLVERS[solver](text + exceed_second_only) == "unsat"


@pytest.mark.parametrize("solver", sorted(SOLVERS))
def test_an_empty_activation_region_is_unsat_only_when_the_region_is_exported(solver):
    # (1,1,1) without bias: x = 1 and x = −1 cannot both activate the neuron (w > 0 and −w > 0).
    result, parametrisation = opposite_points()
    query = "(assert (> Y_0 Y_1))\n(check-sat)\n"
    assert SOLVERS[solver](export_smtlib(result) + query) == "sat"
    assert SOLVERS[solver](export_smtlib(result, parametrisation=parametrisation, region=False) + query) == "sat"
    assert SOLVERS[solver](export_smtlib(result, parametrisation=parametrisation) + query) == "unsat"


@pytest.mark.parametrize("solver", sorted(SOLVERS))
def test_the_middle_output_of_three_collinear_points_cannot_exceed_both_neighbours(solver):
    # On one affine piece Y_0 + Y_2 = 2 Y_1, so Y_1 > Y_0 and Y_1 > Y_2 is impossible; Y_1 > Y_0 is not.
    result, parametrisation = collinear_with_bias()
    text = export_smtlib(result, parametrisation=parametrisation)
    assert SOLVERS[solver](text + "(assert (> Y_1 Y_0))\n(assert (> Y_1 Y_2))\n(check-sat)\n") == "unsat"
    assert SOLVERS[solver](text + "(assert (> Y_1 Y_0))\n(assert (> Y_3 Y_1))\n(check-sat)\n") == "sat"


def test_a_z3_model_of_the_region_is_a_network_with_those_patterns_and_outputs():
    result, parametrisation = collinear_with_bias()
    answer, model = z3_check(export_smtlib(result, parametrisation=parametrisation) + "(check-sat)\n")
    assert answer == "sat"

    def value(name: str) -> Fraction:
        number = model.eval(z3.Real(name), model_completion=True)
        return Fraction(number.as_fraction())

    theta = [value(name) for name in parametrisation.parameter_names]
    run = forward_pass(parametrisation.architecture, theta, [[0], [1], [2], [-1]])
    assert [p.as_lists() for p in run.patterns] == [[[0, 1]]] * 3 + [[[0]]]
    assert [row[0] for row in run.outputs] == [value(f"Y_{j}") for j in range(4)]


@pytest.mark.parametrize("solver", sorted(SOLVERS))
def test_witness_inputs_decide_which_pattern_pairs_a_one_input_network_realises(solver):
    # n_0 = 1, no bias: x > 0 activates {i : w_i > 0}, x < 0 activates {i : w_i < 0}. So patterns
    # {0,1} and {0} never occur together (w_0, w_1 same sign, then opposite), {0,1} and {} do.
    for patterns, expected in (([[[0, 1]], [[0]]], "unsat"), ([[[0, 1]], [[]]], "sat")):
        variety = PatternVariety(Architecture((1, 2, 1)), patterns)
        result, parametrisation = _zero_ideal(variety.parametrisation), variety.parametrisation
        text = export_smtlib(result, parametrisation=parametrisation, check_sat=True)
        assert SOLVERS[solver](text) == expected, patterns


def _zero_ideal(parametrisation):
    context = flint.fmpq_mpoly_ctx.get(parametrisation.coordinate_names, "degrevlex")
    return IdealResult(context, (), parametrisation.ambient_dimension, proved="generates", route="hand")


def test_vnnlib_names_only_when_there_is_one_output_per_point():
    one_output, _ = opposite_points()
    two_outputs, _ = two_points_two_outputs()
    assert smtlib_names(one_output) == {"y_0_0": "Y_0", "y_0_1": "Y_1"}
    assert set(smtlib_names(two_outputs).values()) == set(two_outputs.coordinate_names)
    assert "(declare-fun Y_1 () Real)" in export_smtlib(one_output)
    with pytest.raises(InvalidExportError, match="one output per point"):
        smtlib_names(two_outputs, "vnnlib")


def test_exporting_a_variety_instead_of_its_ideal_says_to_implicitize_first():
    result, parametrisation = three_cubics()
    with pytest.raises(NoIdealError, match="implicitize"):
        export_smtlib(PatternVariety(parametrisation.architecture, [[[0, 1]], [[1, 2]]]))
    other = opposite_points()[1]
    with pytest.raises(InvalidExportError, match="coordinates"):
        export_smtlib(result, parametrisation=other)


def _model_value(model, name: str) -> Fraction:
    number = model.eval(z3.Real(name), model_completion=True)
    assert z3.is_rational_value(number), f"{name} = {number} is not rational"
    return Fraction(number.as_fraction())


def test_deep_regions_exported_for_an_output_variety_are_those_of_the_forward_pass():
    # Patterns taken from a real deep network, so the region is non-empty; z3's network must reproduce them.
    architecture = Architecture((1, 2, 2, 1), bias=True)
    data = [[0], [1], [2], [-1], [3]]
    theta = [Fraction(v) for v in (1, -1, "1/2", 1, 2, -1, 1, 1, "-1/2", 0, 1, -1, "1/4")]
    actual = forward_pass(architecture, theta, data).patterns
    patterns = sorted(set(actual), key=str)
    variety = OutputVariety(architecture, data, [patterns.index(p) for p in actual], patterns=patterns)
    result = implicitize(variety)
    answer, model = z3_check(export_smtlib(result, parametrisation=variety.parametrisation) + "(check-sat)\n")
    assert answer == "sat"
    found = [_model_value(model, name) for name in architecture.parameter_names]
    assert forward_pass(architecture, found, data).patterns == actual


def test_witness_inputs_of_a_deep_pattern_variety_realise_their_patterns():
    architecture = Architecture((2, 2, 2, 1))
    patterns = [[[0, 1], [0]], [[0], [0, 1]]]
    variety = PatternVariety(architecture, patterns)
    result = implicitize(variety)
    answer, model = z3_check(export_smtlib(result, parametrisation=variety.parametrisation) + "(check-sat)\n")
    assert answer == "sat"
    theta = [_model_value(model, name) for name in architecture.parameter_names]
    for block, pattern in enumerate(patterns):
        witness = [_model_value(model, f"x_{block}_{i}") for i in range(2)]
        assert forward_pass(architecture, theta, [witness]).patterns[0].as_lists() == pattern
