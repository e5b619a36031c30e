"""Deciding "is this point an output of the variety?" in z3: with our exported equations versus with the
parametrisation alone (∃θ: F(θ) = y, what a solver must do without the equations), and cvc5 on the equations.

Usage: python benchmarks/smtlib_equations_vs_parametrisation.py [--timeout 10]
"""
from __future__ import annotations

import argparse
import time
from fractions import Fraction

import cvc5
import flint
import sympy
import z3

from architectures import Architecture
from implicitize.export_smtlib import export_smtlib, real_literal
from implicitize.ideal import IdealResult
from varieties import PatternVariety


def determinant_ideal(variety: PatternVariety, blocks: list[list[int]]) -> IdealResult:
    """Ideals proved in docs/mathematics.md#dimension: det of the listed signed sums of 3×3 blocks."""
    context = variety.context
    matrices = [sympy.Matrix(3, 3, [sympy.Symbol(f"m_{k}_{i}_{j}") for i in range(3) for j in range(3)])
                for k in range(len(variety.patterns))]
    symbols = [sympy.Symbol(n) for n in variety.coordinate_names]
    generators = []
    for signs in blocks:
        matrix = sum((s * m for s, m in zip(signs, matrices) if s), sympy.zeros(3, 3))
        poly = sympy.Poly(sympy.expand(matrix.det()), *symbols)
        generators.append(context.from_dict({e: flint.fmpq(int(c.p), int(c.q)) for e, c in poly.terms()}))
    return IdealResult(context, tuple(generators), variety.ambient_dimension, proved="generates", route="docs/mathematics.md#dimension")


CASES = [
    ("(3,2,3) {0,1}", PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]]), [[1]]),
    ("(3,3,3) {0,1},{1,2}", PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]]),
     [[1, 0], [0, 1], [1, -1]]),
]


def fix(names, point) -> str:
    return "".join(f"(assert (= {n} {real_literal(Fraction(v))}))\n" for n, v in zip(names, point))


def z3_time(text: str, timeout: float) -> tuple[str, float]:
    solver = z3.Solver()
    solver.set("timeout", int(timeout * 1000))
    start = time.perf_counter()
    solver.from_string(text)
    answer = str(solver.check())
    return answer, time.perf_counter() - start


def cvc5_time(text: str, timeout: float) -> tuple[str, float]:
    terms = cvc5.TermManager()
    solver = cvc5.Solver(terms)
    solver.setOption("tlimit-per", str(int(timeout * 1000)))
    symbols = cvc5.SymbolManager(terms)
    parser = cvc5.InputParser(solver, symbols)
    start = time.perf_counter()
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, "benchmark")
    answer = ""
    while not (command := parser.nextCommand()).isNull():
        answer = command.invoke(solver, symbols).strip() or answer
    return answer, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per solver call")
    args = parser.parse_args()
    print(f"{'case':<22}{'point':<6}{'z3 equations':>16}{'cvc5 equations':>16}{'z3 ∃θ only':>16}{'ratio':>9}")
    for label, variety, blocks in CASES:
        result = determinant_ideal(variety, blocks)
        names = variety.coordinate_names
        equations = export_smtlib(result)
        with_parameters = export_smtlib(result, parametrisation=variety.parametrisation, region=False)
        # the parametrisation alone: drop the generator assertions, keep declarations and y = F(θ)
        # (generator lines are "(assert (= (…) 0.0))"; the map's lines are "(assert (= name …))")
        parametrisation_only = "\n".join(line for line in with_parameters.splitlines()
                                         if not (line.startswith("(assert (= (") and line.endswith(" 0.0))"))) + "\n"
        on = variety.sample_point(1)
        off = list(on)
        off[0] += 1
        for kind, point in (("on", on), ("off", off)):
            query = fix(names, point) + "(check-sat)\n"
            a1, t1 = z3_time(equations + query, args.timeout)
            a2, t2 = cvc5_time(equations + query, args.timeout)
            a3, t3 = z3_time(parametrisation_only + query, args.timeout)
            slow = f">{args.timeout:.0f}s" if a3 == "unknown" else f"{t3:.3f}s"
            ratio = f"{t3 / t1:.0f}x" if a3 != "unknown" else f">{args.timeout / t1:.0f}x"
            print(f"{label:<22}{kind:<6}{f'{a1} {t1:.3f}s':>16}{f'{a2} {t2:.3f}s':>16}{f'{a3} {slow}':>16}{ratio:>9}")


if __name__ == "__main__":
    main()
