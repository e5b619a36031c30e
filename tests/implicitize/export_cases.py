"""Ideals built by hand for the exporter tests (independent of the engine), and solver drivers."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import cvc5
import flint
import sympy
import z3

from architectures import Architecture, output_parametrisation, pattern_parametrisation
from implicitize.ideal import IdealResult


def to_flint(expression: sympy.Expr, context: flint.fmpq_mpoly_ctx) -> flint.fmpq_mpoly:
    symbols = [sympy.Symbol(name) for name in context.names()]
    poly = sympy.Poly(expression, *symbols)
    return context.from_dict({monomial: flint.fmpq(int(c.p), int(c.q)) for monomial, c in poly.terms()})


def three_cubics():
    """docs/mathematics.md#dimension: (3,3,3), blocks {0,1},{1,2}: det M_1, det M_2, det(M_1 − M_2) (proved there)."""
    parametrisation = pattern_parametrisation(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    context = flint.fmpq_mpoly_ctx.get(parametrisation.coordinate_names, "degrevlex")
    blocks = [
        sympy.Matrix(3, 3, [sympy.Symbol(f"m_{k}_{i}_{j}") for i in range(3) for j in range(3)]) for k in range(2)
    ]
    cubics = [blocks[0].det(), blocks[1].det(), (blocks[0] - blocks[1]).det()]
    generators = tuple(to_flint(sympy.expand(c), context) for c in cubics)
    result = IdealResult(
        context,
        generators,
        18,
        dimension=15,
        proved="generates",
        route="docs/mathematics.md#dimension",
        strategy="by hand",
    )
    return result, parametrisation


def linear_result(parametrisation, rows: Sequence[dict[str, int]], route: str) -> IdealResult:
    """An ideal of linear forms given as {coordinate: coefficient} rows."""
    context = flint.fmpq_mpoly_ctx.get(parametrisation.coordinate_names, "degrevlex")
    gens = dict(zip(context.names(), context.gens()))
    generators = tuple(sum((c * gens[name] for name, c in row.items()), context.from_dict({})) for row in rows)
    return IdealResult(
        context,
        generators,
        parametrisation.ambient_dimension,
        dimension=parametrisation.ambient_dimension - len(rows),
        proved="generates",
        route=route,
    )


def two_points_two_outputs():
    """(1,1,2) no bias, x = 1 and x = 2 both active: Y[:, 1] = 2·Y[:, 0] (one linear map on both)."""
    f = output_parametrisation(Architecture((1, 1, 2)), [[1], [2]], [0, 0], patterns=[[[0]]])
    return linear_result(f, [{"y_0_1": 1, "y_0_0": -2}, {"y_1_1": 1, "y_1_0": -2}], "hand: y(2) = 2 y(1)"), f


def opposite_points():
    """(1,1,1) no bias, x = 1 and x = −1 both assigned the active pattern: Y_1 = −Y_0, region empty."""
    f = output_parametrisation(Architecture((1, 1, 1)), [[1], [-1]], [0, 0], patterns=[[[0]]])
    return linear_result(f, [{"y_0_0": 1, "y_0_1": 1}], "hand: linear map"), f


def collinear_with_bias():
    """(1,2,1) with biases, x = 0, 1, 2 on pattern {0,1} and x = −1 on {0}: Y_0 − 2Y_1 + Y_2 = 0."""
    f = output_parametrisation(
        Architecture((1, 2, 1), bias=True), [[0], [1], [2], [-1]], [0, 0, 0, 1], patterns=[[[0, 1]], [[0]]]
    )
    return linear_result(f, [{"y_0_0": 1, "y_0_1": -2, "y_0_2": 1}], "hand: affine on one block"), f


def fix_point(symbols: Sequence[str], point: Sequence[Fraction]) -> str:
    """Assertions fixing each symbol to an exact rational."""
    from implicitize.export.smtlib import real_literal

    return "".join(f"(assert (= {s} {real_literal(Fraction(v))}))\n" for s, v in zip(symbols, point))


def z3_check(text: str) -> tuple[str, z3.ModelRef | None]:
    solver = z3.Solver()
    solver.set("timeout", 20000)
    solver.from_string(text)
    answer = solver.check()
    return str(answer), solver.model() if answer == z3.sat else None


def cvc5_check(text: str) -> str:
    """Run every command of the script in cvc5 and return the answer of its last (check-sat)."""
    terms = cvc5.TermManager()
    solver = cvc5.Solver(terms)
    solver.setOption("tlimit-per", "20000")
    symbols = cvc5.SymbolManager(terms)
    parser = cvc5.InputParser(solver, symbols)
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, "export")
    answers = []
    while True:
        command = parser.nextCommand()
        if command.isNull():
            break
        output = command.invoke(solver, symbols).strip()
        if output:
            answers.append(output)
    return answers[-1] if answers else ""


def determinant():
    """docs/mathematics.md#dimension: (3,2,3), one block {0,1}: rank ≤ 2, the ideal is (det M)."""
    parametrisation = pattern_parametrisation(Architecture((3, 2, 3)), [[[0, 1]]])
    context = flint.fmpq_mpoly_ctx.get(parametrisation.coordinate_names, "degrevlex")
    matrix = sympy.Matrix(3, 3, [sympy.Symbol(f"m_0_{i}_{j}") for i in range(3) for j in range(3)])
    return IdealResult(
        context,
        (to_flint(sympy.expand(matrix.det()), context),),
        9,
        dimension=8,
        proved="generates",
        route="docs/mathematics.md#dimension",
    ), parametrisation


def with_rational_coefficients():
    """A small non-homogeneous ideal with non-integer coefficients, to test exact number handling."""
    context = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1", "y_1_0"), "degrevlex")
    a, b, c = context.gens()
    generators = (a**2 * b * flint.fmpq(3, 4) - c / 7 + flint.fmpq(-5, 2), b**3 - a * c * flint.fmpq(2, 9))
    return IdealResult(context, generators, 3, proved="contained", route="hand"), None


def monic_set(polynomials, context) -> set[str]:
    """Each polynomial divided by its leading coefficient (ring order), as strings: compares GBs."""
    return {str(context.from_dict(p.to_dict()) / p.leading_coefficient()) for p in polynomials}


def parse_infix(texts, context) -> list[flint.fmpq_mpoly]:
    """Polynomials printed by Singular or Macaulay2 (``^`` powers) read back into ``context``."""
    symbols = {name: sympy.Symbol(name) for name in context.names()}
    return [to_flint(sympy.sympify(text.replace("^", "**"), locals=symbols), context) for text in texts]
