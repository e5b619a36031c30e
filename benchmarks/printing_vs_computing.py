"""Printing and exporting an ideal versus computing it: is the last step of the data flow the slow one?

For pattern varieties with a few hundred cubic generators, times (best of ``--repeat``) the computation
(``implicitize``, no cache) and each way out of it: sympy-syntax strings and LaTeX from python-flint
(``to_strings``, ``_repr_latex_``, ``export_latex``), the exact exports (JSON, SMT-LIB) and reading JSON
back; for reference, the same strings and LaTeX through sympy expressions (the route used before
``implicitize.printing``). Each time is shown as a ratio to the computation, same run; the target is a
ratio ≤ 1 for every printer and exporter.

Usage: python benchmarks/printing_vs_computing.py [--repeat 3] [--case 5,3,5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

import sympy

from architectures import Architecture
from implicitize import implicitize
from implicitize.export.json import export_json, load_json
from implicitize.export.latex import export_latex
from implicitize.export.smtlib import export_smtlib
from implicitize.ideal import IdealResult
from varieties import PatternVariety

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

#: Two blocks with patterns {0,1}, {1,2}: the 3 × 3 minors of three rank-2 matrices, all cubics.
CASES = {"4,3,4": (4, 3, 4), "5,3,4": (5, 3, 4), "5,3,5": (5, 3, 5)}
PATTERNS = [[[0, 1]], [[1, 2]]]


def sympy_strings(result: IdealResult) -> list[str]:
    """The strings as printed before: through sympy expressions."""
    return [str(expression) for expression in result.to_sympy()]


def sympy_latex(result: IdealResult) -> str:
    """The LaTeX as printed before: sympy's printer on sympy expressions."""
    return r" \\ ".join(sympy.latex(e) + " = 0" for e in result.to_sympy())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="widths (default: every case)")
    args = parser.parse_args()
    for name in args.case or list(CASES):
        variety = PatternVariety(Architecture(CASES[name]), PATTERNS)
        compute, result = best_of(args.repeat, lambda: implicitize(variety, max_degree=3))
        terms = sum(len(g) for g in result.generators)
        print(
            f"\n({name}) with patterns {{0,1}}, {{1,2}}: {len(result.generators)} generators of degrees "
            f"{sorted(set(result.degrees))}, {terms} terms; {result.proved}"
        )
        text = export_json(result)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("to_strings (python-flint)", result.to_strings),
            ("_repr_latex_ (python-flint)", result._repr_latex_),
            ("export_latex", lambda: export_latex(result)),
            ("export_json", lambda: export_json(result)),
            ("export_smtlib", lambda: export_smtlib(result)),
            ("load_json", lambda: load_json(text)),
            ("strings via sympy (before)", lambda: sympy_strings(result)),
            ("LaTeX via sympy (before)", lambda: sympy_latex(result)),
        ]
        print(f"{'step':<30}{'seconds':>10}{'/ compute':>11}")
        print(f"{'implicitize (compute)':<30}{compute:>10.4f}{1.0:>11.2f}")
        for label, step in steps:
            seconds, _ = best_of(args.repeat, step)
            print(f"{label:<30}{seconds:>10.4f}{seconds / compute:>11.2f}")


if __name__ == "__main__":
    main()
