"""Results as values: a frozen IdealResult, what is proved as a Proof, one printer for sympy and LaTeX."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from fractions import Fraction

import flint
import pytest
import sympy

from architectures import Architecture
from architectures.errors import InvalidDataError, InvalidIdealFileError
from implicitize import implicitize
from implicitize.cache import PatternCache
from implicitize.export.json import export_json, load_json
from implicitize.export.latex import export_latex
from implicitize.ideal import IdealResult
from implicitize.printing import latex_text, sympy_text
from implicitize.proof import Proof
from varieties import PatternVariety

NAMES = ("y_0_0", "y_0_1", "y_1_0", "y_1_1", "m_2_0_1")


def _context() -> flint.fmpq_mpoly_ctx:
    return flint.fmpq_mpoly_ctx.get(NAMES, "degrevlex")


def _random_polynomial(rng: random.Random, context: flint.fmpq_mpoly_ctx) -> flint.fmpq_mpoly:
    terms = {}
    for _ in range(rng.randint(1, 12)):
        exponents = tuple(rng.choice((0, 0, 0, 1, 2, 3)) for _ in NAMES)
        numerator = rng.choice((-1, 1)) * rng.randint(1, 10 ** rng.randint(1, 25))
        terms[exponents] = flint.fmpq(numerator, rng.randint(1, 50))
    return context.from_dict(terms)


def _flint_from_sympy(expression: sympy.Expr, context: flint.fmpq_mpoly_ctx) -> flint.fmpq_mpoly:
    """Back to python-flint through sympy's own Poly (an independent reading of the text)."""
    poly = sympy.Poly(expression, *[sympy.Symbol(n) for n in NAMES])
    return context.from_dict({m: flint.fmpq(int(c.p), int(c.q)) for m, c in poly.terms()})


# -- frozen results ----------------------------------------------------------------------------------


def test_an_ideal_result_refuses_mutation_and_derives_changes_by_replace():
    context = _context()
    y = context.gens()
    result = IdealResult(context, (y[0] * y[3] - y[1] * y[2],), 5, proved="generates", route="by hand")
    for name, value in (("proved", "contained"), ("generators", ()), ("route", "other"), ("cache_hit", True)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(result, name, value)
    changed = dataclasses.replace(result, cache_hit=True)
    assert changed.cache_hit and not result.cache_hit and changed.proved == result.proved


def test_the_engine_and_the_cache_hand_back_frozen_results(tmp_path):
    variety = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]])
    cache = PatternCache(tmp_path / "cache.sqlite")
    first = implicitize(variety, cache=cache)
    second = implicitize(variety, cache=cache)
    assert second.cache_hit and not first.cache_hit
    assert second.proved == first.proved and second.proved.route == first.route != ""
    for result in (first, second):
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.seconds = 0.0  # type: ignore[misc]


# -- Proof --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "proof",
    [
        Proof.contained("substitution"),
        Proof.generates_up_to(3, "interpolation"),
        Proof.generates_up_to(0, "x"),
        Proof.generates("Serre"),
    ],
)
def test_a_proof_is_its_text_and_reads_back_from_it(proof):
    text = str(proof)
    assert Proof.from_text(text, route=proof.route) == proof
    assert proof == text and hash(proof) == hash(text)
    assert (proof.kind == "generates_up_to") == text.startswith("generates up to degree")


def test_a_proof_refuses_an_inconsistent_bound_or_kind():
    with pytest.raises(InvalidDataError, match="degree_bound"):
        Proof("generates", 3)
    with pytest.raises(InvalidDataError, match="degree_bound"):
        Proof("generates_up_to", None)
    with pytest.raises(InvalidDataError, match="unknown proof kind"):
        Proof("proved")  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="unknown statement"):
        IdealResult(_context(), (), 5, proved="generates up to degree three")


def test_the_engine_states_a_degree_bound_as_a_number():
    variety = PatternVariety(Architecture((4, 3, 4)), [[[0, 1]], [[1, 2]]])
    result = implicitize(variety, max_degree=3)
    assert (result.proved.kind, result.proved.degree_bound) == ("generates_up_to", 3)
    assert result.proved == "generates up to degree 3" and result.summary()["proved"] == "generates up to degree 3"


def test_a_proof_round_trips_through_json_and_reads_files_written_before():
    context = _context()
    y = context.gens()
    result = IdealResult(context, (y[0] ** 2 - y[1],), 5, proved=Proof.generates_up_to(2, "interpolation"))
    text = export_json(result)
    document = json.loads(text)
    assert (document["proved"], document["route"]) == ("generates up to degree 2", "interpolation")
    loaded = load_json(text)
    assert loaded.proved == result.proved and loaded.proved.degree_bound == 2
    # a file written when "proved" was free text: same keys, read into the structured value
    old = {
        "schema": "relu-varieties/ideal/1",
        "coordinates": list(NAMES),
        "proved": "generates",
        "route": "elimination",
        "generators": [[{"coefficient": "1", "monomial": {"y_0_0": 1}}]],
    }
    assert load_json(json.dumps(old)).proved == Proof.generates("elimination")
    with pytest.raises(InvalidIdealFileError, match='"proved"'):
        load_json(json.dumps({**old, "proved": "proved by hand"}))


# -- printing -----------------------------------------------------------------------------------------


def test_sympy_text_parses_back_with_sympy_to_the_same_polynomial():
    rng = random.Random(14)
    context = _context()
    symbols = {n: sympy.Symbol(n) for n in NAMES}
    for _ in range(40):
        polynomial = _random_polynomial(rng, context)
        assert _flint_from_sympy(sympy.sympify(sympy_text(polynomial), locals=symbols), context) == polynomial


def _read_latex(text: str, names: tuple[str, ...]) -> dict[tuple[int, ...], Fraction]:
    """Terms of the printer's LaTeX read back by a regular expression (sympy's LaTeX parser needs
    antlr4 or lark, optional packages): ``± [\frac{p}{q} | p] x_{i j}^{e} ...`` joined by signs."""
    symbols = {rf"{n.partition('_')[0]}_{{{n.partition('_')[2].replace('_', ' ')}}}": i for i, n in enumerate(names)}
    terms: dict[tuple[int, ...], Fraction] = {}
    for sign, body in re.findall(r"(^-?|[-+]) ?((?:[^-+ ]| (?=[^-+]))+)", text):
        coefficient, exponents = Fraction(-1 if sign.strip() == "-" else 1), [0] * len(names)
        for factor in re.findall(r"\\frac\{\d+\}\{\d+\}|\d+|[a-z]_\{[\d ]+\}(?:\^\{\d+\})?", body):
            if factor.startswith(r"\frac"):
                numerator, denominator = re.findall(r"\d+", factor)
                coefficient *= Fraction(int(numerator), int(denominator))
            elif factor.isdigit():
                coefficient *= int(factor)
            else:
                symbol, _, power = factor.partition("^")
                exponents[symbols[symbol]] += int(power.strip("{}") or 1)
        assert tuple(exponents) not in terms, text
        terms[tuple(exponents)] = coefficient
    return terms


def test_latex_text_reads_back_to_the_same_polynomial():
    rng = random.Random(15)
    context = _context()
    for _ in range(40):
        polynomial = _random_polynomial(rng, context)
        expected = {tuple(int(e) for e in m): Fraction(int(c.p), int(c.q)) for m, c in polynomial.to_dict().items()}
        assert _read_latex(latex_text(polynomial), NAMES) == expected


def test_latex_of_known_polynomials_is_the_hand_checked_string():
    context = _context()
    y00, y01, y10, y11, m = context.gens()
    # degree-reverse-lexicographic order (y_0_0 > y_0_1 > y_1_0 > y_1_1 > m_2_0_1), as python-flint prints
    assert latex_text(y00 * y11 - y01 * y10) == "- y_{0 1} y_{1 0} + y_{0 0} y_{1 1}"
    assert latex_text(-(y00**2) * y01 / 3 + 5 * m**3 - flint.fmpq(7, 2)) == (
        r"- \frac{1}{3} y_{0 0}^{2} y_{0 1} + 5 m_{2 0 1}^{3} - \frac{7}{2}"
    )
    result = IdealResult(context, (y00 * y11 - y01 * y10, 2 * y10 - m / 4), 5, proved="generates", route="minors")
    assert result._repr_latex_() == (
        r"$\begin{gathered} - y_{0 1} y_{1 0} + y_{0 0} y_{1 1} = 0 \\ "
        r"2 y_{1 0} - \frac{1}{4} m_{2 0 1} = 0 \end{gathered}$"
    )
    assert export_latex(result).splitlines()[2:4] == [
        r"  - y_{0,1} y_{1,0} + y_{0,0} y_{1,1} &= 0 \\",
        r"  2 y_{1,0} - \frac{1}{4} m^{(2)}_{0,1} &= 0",
    ]


def test_printed_generators_of_an_engine_result_agree_with_sympy():
    variety = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    result = implicitize(variety)
    symbols = [sympy.Symbol(n) for n in result.coordinate_names]
    for text, expression in zip(result.to_strings(), result.to_sympy()):
        assert sympy.expand(sympy.sympify(text, locals={str(s): s for s in symbols}) - expression) == 0
