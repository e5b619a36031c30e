"""Deciding membership and realisability: z3 with our exported equations versus z3 with the
parametrisation alone (∃θ: F(θ) = y, what a solver must do without the equations), cvc5 on the
equations, and SCIP (pyscipopt) on the same nonlinear program, same queries, same run.

Rows: the two determinantal pattern varieties (membership of a sampled point and of a moved one;
equations alone vs the parametrisation alone), the worked output-variety queries of the tests
(equations + parametrisation + regions vs parametrisation + regions), and a (2, 8, 1) network
trained on two moons (realisability of its own outputs on 10 data points, and of a moved output).

A second table times the linear-region queries of the two-moons bundle (some input of [-1, 1]^2 has a
given activation pattern; sampled patterns are sat, one flipped neuron on a box of radius 1/64 is
unsat): z3 on the exact SMT-LIB script vs Marabou (maraboupy) on the bundle's ONNX graph. In the first table
Marabou runs on the family network (weights as inputs, in [-10, 10]; bilinear), with the linear
generators as equalities ("eq") or without them ("∃θ"); it has no polynomial constraints.

Usage: python benchmarks/smtlib_equations_vs_parametrisation.py [--timeout 10] [--no-scip] [--no-marabou]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from fractions import Fraction
from pathlib import Path

import flint
import sympy

from architectures import Architecture, forward_pass
from implicitize import implicitize
from implicitize.ideal import IdealResult
from implicitize.export.queries import point_query
from implicitize.backends.smt_solvers import cvc5_decide, query_script, z3_decide
from varieties import PatternVariety
from varieties.network_variety import network_varieties

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "implicitize"))


def determinant_ideal(variety: PatternVariety, blocks: list[list[int]]) -> IdealResult:
    """Ideals proved in docs/mathematics.md#dimension: det of the listed signed sums of 3×3 blocks."""
    context = variety.context
    matrices = [
        sympy.Matrix(3, 3, [sympy.Symbol(f"m_{k}_{i}_{j}") for i in range(3) for j in range(3)])
        for k in range(len(variety.patterns))
    ]
    symbols = [sympy.Symbol(n) for n in variety.coordinate_names]
    generators = []
    for signs in blocks:
        matrix = sum((s * m for s, m in zip(signs, matrices) if s), sympy.zeros(3, 3))
        poly = sympy.Poly(sympy.expand(matrix.det()), *symbols)
        generators.append(context.from_dict({e: flint.fmpq(int(c.p), int(c.q)) for e, c in poly.terms()}))
    return IdealResult(
        context, tuple(generators), variety.ambient_dimension, proved="generates", route="docs/mathematics.md#dimension"
    )


PATTERN_CASES = [
    ("(3,2,3) {0,1}", PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]]), [[1]]),
    ("(3,3,3) {0,1},{1,2}", PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]]), [[1, 0], [0, 1], [1, -1]]),
]


def train_two_moons():
    from sklearn.datasets import make_moons
    from sklearn.neural_network import MLPClassifier
    from architectures.importers import from_sklearn

    x, y = make_moons(200, noise=0.1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return from_sklearn(MLPClassifier(hidden_layer_sizes=(8,), max_iter=300, random_state=0).fit(x, y)), x


def two_moons_rows():
    """A (2, 8, 1) classifier trained on two moons; its output variety on 10 data points (its own patterns)."""
    network, x = train_two_moons()
    data = [[Fraction(round(v * 8), 8) for v in point] for point in x[:10]]
    found = network_varieties(network, data)
    variety = found.output_variety
    result = implicitize(variety)
    on = [row[0] for row in found.outputs]
    off = list(on)
    off[0] += 1
    names = variety.coordinate_names
    return [
        ("two moons (2,8,1), own output", result, variety.parametrisation, point_query(names, on, name="on")),
        ("two moons (2,8,1), moved output", result, variety.parametrisation, point_query(names, off, name="off")),
    ]


def rows():
    """(label, result, parametrisation kept in both scripts or None, query, parametrisation for the ∃θ script)."""
    table = []
    for label, variety, blocks in PATTERN_CASES:
        result = determinant_ideal(variety, blocks)
        on = variety.sample_point(seed=1)
        off = list(on)
        off[0] += 1
        for kind, point in (("on", on), ("off", off)):
            table.append(
                (f"{label} {kind}", result, None, point_query(variety.coordinate_names, point), variety.parametrisation)
            )
    from verification_cases import worked_queries

    for label, result, parametrisation, query, _ in worked_queries():
        if parametrisation.kind == "output":
            table.append((label, result, parametrisation, query, parametrisation))
    for label, result, parametrisation, query in two_moons_rows():
        table.append((label, result, parametrisation, query, parametrisation))
    return table


def cell(decision, timeout: float) -> str:
    if decision is None:
        return "-"
    if decision.answer == "unknown":
        return f"unknown >{timeout:g}s" if decision.seconds >= 0.9 * timeout else f"unknown {decision.seconds:.3f}s"
    return f"{decision.answer} {decision.seconds:.3f}s"


def ratio(slow, fast) -> str:
    if slow is None or fast is None:
        return "-"
    bound = ">" if slow.answer == "unknown" else ""
    value = slow.seconds / max(fast.seconds, 1e-6)
    return f"{bound}{value:.0f}x" if value >= 10 else f"{bound}{value:.2g}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per solver call")
    parser.add_argument("--no-scip", action="store_true", help="leave SCIP out (also when pyscipopt is missing)")
    parser.add_argument("--no-marabou", action="store_true", help="leave Marabou out (also when maraboupy is missing)")
    args = parser.parse_args()
    try:
        from implicitize.backends.scip_program import scip_decide

        scip = not args.no_scip
        import pyscipopt  # noqa: F401
    except ImportError:
        scip = False
    marabou = not args.no_marabou
    try:
        import maraboupy  # noqa: F401
        from implicitize.backends.marabou_family import marabou_family_decide
    except ImportError:
        marabou = False
    header = (
        f"{'query':<40}{'z3 equations':>17}{'cvc5 equations':>17}{'z3 ∃θ only':>17}{'SCIP equations':>17}"
        f"{'Marabou eq':>17}{'Marabou ∃θ':>17}{'z3 ∃θ/eq':>10}{'SCIP/z3 eq':>11}"
    )
    print(header)
    print("-" * len(header))
    for label, result, kept, query, parametrisation in rows():
        equations = query_script(result, query, parametrisation=kept)
        alone = query_script(result, query, parametrisation=parametrisation, equations=False, region=kept is not None)
        z3_eq = z3_decide(equations, timeout=args.timeout)
        cvc5_eq = cvc5_decide(equations, timeout=args.timeout)
        z3_alone = z3_decide(alone, timeout=args.timeout)
        scip_eq = scip_decide(result, query, parametrisation=kept, timeout=args.timeout) if scip else None
        family = marabou and kept is not None
        marabou_eq = marabou_family_decide(result, kept, query, timeout=max(1, int(args.timeout))) if family else None
        marabou_alone = (
            marabou_family_decide(result, kept, query, equations=False, timeout=max(1, int(args.timeout)))
            if family
            else None
        )
        print(
            f"{label:<40}{cell(z3_eq, args.timeout):>17}{cell(cvc5_eq, args.timeout):>17}"
            f"{cell(z3_alone, args.timeout):>17}{cell(scip_eq, args.timeout):>17}"
            f"{cell(marabou_eq, args.timeout):>17}{cell(marabou_alone, args.timeout):>17}"
            f"{ratio(z3_alone, z3_eq):>10}{ratio(scip_eq, z3_eq):>11}"
        )
    if not args.no_marabou:
        region_table(args.timeout)


def region_table(timeout: float) -> None:
    """z3 vs Marabou on the linear-region queries of the two-moons bundle."""
    try:
        import maraboupy  # noqa: F401
    except ImportError:
        print("\n(Marabou table skipped: maraboupy is not installed)")
        return
    import tempfile
    from architectures.patterns import ActivationPattern
    from implicitize.export.vnncomp import network_bundle, sample_box
    from implicitize.backends.network_regions import marabou_region_decide, region_smtlib

    network, _ = train_two_moons()
    box = [(Fraction(-1), Fraction(1))] * 2
    folder = network_bundle(Path(tempfile.mkdtemp()) / "moons", network, box=box)
    seen = {}
    for point in sample_box(box, 64, 0):
        seen.setdefault(forward_pass(network.architecture, network.theta, [point]).patterns[0], point)
    weight, bias = network.layers()[0]
    radius = Fraction(1, 64)
    queries = []
    for index, (pattern, point) in enumerate(list(seen.items())[:4]):
        queries.append((f"region {index} {pattern}", pattern, box))
        for neuron, (row, b) in enumerate(zip(weight, bias)):
            if abs(sum((w * x for w, x in zip(row, point)), b)) > sum(abs(w) for w in row) * radius:
                flipped = ActivationPattern([sorted(set(pattern.active[0]) ^ {neuron})])
                queries.append(
                    (
                        f"region {index}, neuron {neuron} flipped, r=1/64",
                        flipped,
                        [(x - radius, x + radius) for x in point],
                    )
                )
                break
    header = f"{'linear-region query (two moons)':<48}{'z3 exact':>17}{'Marabou':>17}{'Marabou/z3':>12}"
    print()
    print(header)
    print("-" * len(header))
    for label, pattern, query_box in queries:
        exact = z3_decide(region_smtlib(network, pattern, query_box), timeout=timeout)
        marabou = marabou_region_decide(
            folder / "onnx" / "network.onnx", network, pattern, query_box, timeout=max(1, int(timeout))
        )
        print(f"{label:<48}{cell(exact, timeout):>17}{cell(marabou, timeout):>17}{ratio(marabou, exact):>12}")


if __name__ == "__main__":
    main()
