"""JSON export: exact coefficients as strings, a loader that round-trips, clear errors on bad files."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import flint
import pytest
import sympy

from architectures.errors import InvalidIdealFileError, NoIdealError
from export_cases import determinant, three_cubics, with_rational_coefficients
from implicitize.export.json import export_json, load_json
from implicitize import implicitize
from implicitize.ideal import IdealResult
from varieties import PatternVariety


def _sympy_from_terms(terms) -> sympy.Expr:
    # Read the documented schema with nothing but json + sympy (independent of load_json).
    return sympy.Add(
        *[
            sympy.Rational(term["coefficient"])
            * sympy.Mul(*[sympy.Symbol(name) ** e for name, e in term["monomial"].items()])
            for term in terms
        ]
    )


@pytest.mark.parametrize("case", [three_cubics, with_rational_coefficients])
def test_load_json_of_export_json_is_an_equal_result(case):
    result, _ = case()
    result = replace(result, hilbert_function={1: 0, 2: 0, 3: 3}, timings={"interpolation": 0.25})
    loaded = load_json(export_json(result))
    assert loaded.coordinate_names == result.coordinate_names
    assert loaded.generators == result.generators
    for field in ("ambient_dimension", "dimension", "proved", "route", "strategy", "hilbert_function", "timings"):
        assert getattr(loaded, field) == getattr(result, field), field


@pytest.mark.parametrize("case", [three_cubics, with_rational_coefficients])
def test_the_documented_schema_alone_rebuilds_the_generators(case):
    result, _ = case()
    document = json.loads(export_json(result))
    assert document["schema"] == "relu-varieties/ideal/1"
    rebuilt = [_sympy_from_terms(terms) for terms in document["generators"]]
    assert [sympy.expand(a - b) for a, b in zip(rebuilt, result.to_sympy())] == [0] * len(rebuilt)
    assert all(isinstance(term["coefficient"], str) for terms in document["generators"] for term in terms)


def test_coefficients_beyond_double_precision_survive_exactly():
    context = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    y0, y1 = context.gens()
    huge = Fraction(2**200 + 1, 3**90)
    generator = y0 * flint.fmpq(huge.numerator, huge.denominator) - y1
    text = export_json(IdealResult(context, (generator,), 2, proved="generates"))
    assert str(huge) in text
    assert load_json(text).generators == (generator,)


def test_the_parametrisation_is_stored_term_by_term():
    result, parametrisation = determinant()
    stored = json.loads(export_json(result, parametrisation=parametrisation))["parametrisation"]
    assert stored["parameters"] == list(parametrisation.parameter_names)
    assert [_sympy_from_terms(t) for t in stored["polynomials"]] == [
        sympy.expand(e) for e in parametrisation.to_sympy()
    ]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.update(schema="other"), "schema"),
        (lambda d: d["generators"][0][0].update(coefficient="0.1.2"), "exact rational"),
        (lambda d: d["generators"][0][0].update(monomial={"z_9": 1}), "listed coordinate"),
        (lambda d: d.update(coordinates=["y_0_0", "y_0_0", "y_1_0"]), "distinct"),
        (lambda d: d.update(generators=[[]]), "no terms"),
    ],
)
def test_a_damaged_file_names_what_is_wrong(edit, message):
    result, _ = with_rational_coefficients()
    document = json.loads(export_json(result))
    edit(document)
    with pytest.raises(InvalidIdealFileError, match=message):
        load_json(json.dumps(document))
    with pytest.raises(InvalidIdealFileError, match="JSON"):
        load_json("{not json")


def test_a_result_that_proves_nothing_is_refused():
    result, _ = three_cubics()
    with pytest.raises(NoIdealError, match="no generators"):
        export_json(IdealResult(result.context, (), 18, proved="contained"))


def test_an_engine_result_round_trips_with_its_certificate():
    _, parametrisation = determinant()
    result = implicitize(PatternVariety(parametrisation.architecture, [[[0, 1]]]))
    loaded = load_json(export_json(result))
    assert loaded.generators == result.generators
    assert (loaded.proved, loaded.route, loaded.degree, loaded.dimension) == (
        result.proved,
        result.route,
        int(result.degree),
        int(result.dimension),
    )
