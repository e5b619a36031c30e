"""Settling (3,4,3) {0,1},{1,2},{2,3}: do the degree-≤5 generators generate I(V)? No, and here is the proof.

Steps, each timed in the same run: interpolation up to degree 5 (J: generators proved to span I(V) in
degrees ≤ 5); the section certificate's numbers for J (multiplicity over Q against the length of an
Artinian reduction mod p: unequal, so R/J is not Cohen–Macaulay and the certificate declines); the
search for missing generators in degree 6 (``implicitize.missing_generators``: the smallest multidegree
classes first, exact substitution and normal forms over Q modulo J); a second proof that the sextics are
not in J, without Gröbner bases: J vanishes identically on the 20-dimensional sets of triples (M_0, M_1,
M_2) with a common right (left) kernel vector, and sextics of I(V) do not; optionally the whole degree 6 by
interpolation (every sextic generator) and Singular's elimination of the parameters with a time limit.
Usage:
    python benchmarks/settle_343.py [--timeout 600] [--elimination] [--whole-degree-6] [--no-certificate]
        [--numerical-degree]   (deg V by Macaulay2's NumericalImplicitization: evidence, not proof)
        [--whole-degree-6 --degree-7-classes 56]   (the 56 smallest of the 64 classes of degree 7)
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import flint

from reference_tools import singular_eliminate

from architectures import Architecture
from architectures.errors import BackendFailedError
from implicitize import implicitize
from implicitize.backends.singular import run_singular
from implicitize.export.base import infix
from implicitize.interpolation import interpolate
from implicitize.missing_generators import missing_generators
from implicitize.serre_certificate import certificate_script
from varieties import PatternVariety

PATTERNS = [[[0, 1]], [[1, 2]], [[2, 3]]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="limit of Singular's elimination and of Macaulay2's numerical degree, seconds",
    )
    parser.add_argument("--elimination", action="store_true", help="also run Singular's elimination (--timeout)")
    parser.add_argument("--whole-degree-6", action="store_true", help="interpolate all of degree 6 (slow)")
    parser.add_argument("--no-certificate", action="store_true", help="skip the section certificate's numbers")
    parser.add_argument(
        "--degree-7-classes", type=int, default=0, help="with --whole-degree-6: search this many degree-7 classes"
    )
    parser.add_argument(
        "--numerical-degree", action="store_true", help="deg V by Macaulay2's monodromy and trace test (evidence)"
    )
    args = parser.parse_args()
    variety = PatternVariety(Architecture((3, 4, 3)), PATTERNS)
    print(f"(3,4,3) {{0,1}},{{1,2}},{{2,3}}: {variety.ambient_dimension} coordinates")
    print(f"{'step':<34}{'seconds':>9}  outcome")
    print("-" * 100)
    total = 0.0

    started = time.perf_counter()
    result = implicitize(variety, max_degree=5)
    seconds = time.perf_counter() - started
    total += seconds
    degrees = ", ".join(f"{count} of degree {d}" for d, count in sorted(Counter(result.degrees).items()))
    print(
        f"{'interpolation, degrees ≤ 5':<34}{seconds:>9.1f}  J: {degrees}; dim V = {result.dimension}; {result.proved}"
    )
    generators = list(result.generators)

    if not args.no_certificate:
        started = time.perf_counter()
        output = run_singular(certificate_script(generators, variety.context, result.dimension or 0), timeout=600)
        seconds = time.perf_counter() - started
        total += seconds
        values = {line.split()[0][5:]: line.split()[1] for line in output.splitlines() if line.startswith("@@rv-")}
        print(
            f"{'section certificate of J':<34}{seconds:>9.1f}  declines: dim R/J = {values.get('dimension')}, "
            f"e(R/J) = {values.get('multiplicity')} over Q, Artinian reduction mod p of length "
            f"{values.get('artinian-length')} (≠: not Cohen–Macaulay)"
        )

    started = time.perf_counter()
    found = missing_generators(variety, generators, 6)
    seconds = time.perf_counter() - started
    total += seconds
    if found is None:
        print(f"{'missing generators, degree 6':<34}{seconds:>9.1f}  none found")
    else:
        print(
            f"{'missing generators, degree 6':<34}{seconds:>9.1f}  {len(found.generators)} sextics in multidegree "
            f"{found.multidegree} ({found.monomials} monomials, class {found.classes_searched} visited)"
        )
        print(f"{'':<45}{found.sentence}")
    print(f"{'total':<34}{total:>9.1f}  {'settled: J does not generate' if found else 'not settled'}")

    if found is not None:
        started = time.perf_counter()
        report = []
        for side in ("right", "left"):
            ring, substitution = common_kernel_triples(side)
            ideal_vanishes = all(g.compose(*substitution, ctx=ring).is_zero() for g in generators)
            nonzero = sum(not g.compose(*substitution, ctx=ring).is_zero() for g in found.generators)
            report.append(f"common {side} kernel: J vanishes {ideal_vanishes}, {nonzero} sextic(s) do not")
        seconds = time.perf_counter() - started
        print(f"{'second proof: a component of V(J)':<34}{seconds:>9.1f}  {'; '.join(report)}")

    if args.whole_degree_6:
        started = time.perf_counter()
        outcome = interpolate(variety, 6, memory_budget=6 * 2**30)
        seconds = time.perf_counter() - started
        sextics = sum(1 for g in outcome.generators if g.total_degree() == 6)
        print(
            f"{'interpolation, whole degree 6':<34}{seconds:>9.1f}  dim I(V)_6 = {outcome.hilbert_function[6]}: "
            f"{sextics} minimal generators of degree 6"
        )
        started = time.perf_counter()
        output = run_singular(certificate_script(outcome.generators, variety.context, 20), timeout=600)
        seconds = time.perf_counter() - started
        values = {line.split()[0][5:]: line.split()[1] for line in output.splitlines() if line.startswith("@@rv-")}
        print(
            f"{'section certificate, degree ≤ 6':<34}{seconds:>9.1f}  e(R/J6) = {values.get('multiplicity')} over Q "
            f"(≥ deg V), Artinian reduction mod p of length {values.get('artinian-length')}"
        )
        if args.degree_7_classes:
            started = time.perf_counter()
            septics = missing_generators(
                variety, outcome.generators, 7, max_classes=args.degree_7_classes, max_monomials=5_000_000
            )
            seconds = time.perf_counter() - started
            print(
                f"{'missing generators, degree 7':<34}{seconds:>9.1f}  "
                + (
                    f"none in the {args.degree_7_classes} smallest classes: there I(V)_α = (J6)_α"
                    if septics is None
                    else septics.sentence
                )
            )

    if args.numerical_degree:
        started = time.perf_counter()
        degree = numerical_image_degree(variety, timeout=args.timeout)
        seconds = time.perf_counter() - started
        print(f"{'deg V, numerically (evidence)':<34}{seconds:>9.1f}  Macaulay2 numericalImageDegree: {degree}")

    if args.elimination:
        try:
            seconds, _ = singular_eliminate(variety.parametrisation, timeout=args.timeout)
            print(f"{'Singular elimination':<34}{seconds:>9.1f}  finished")
        except BackendFailedError:
            print(f"{'Singular elimination':<34}{'>' + str(int(args.timeout)):>9}  did not finish within --timeout")


def numerical_image_degree(variety: PatternVariety, *, timeout: float) -> str:
    """deg V from Macaulay2's NumericalImplicitization (monodromy with a trace test over CC): numerical
    evidence, not a proof; "trace test failed" when the witness set was not shown complete."""
    parameters = [f"t_{i + 1}" for i in range(variety.parametrisation.parameter_count)]
    images = ", ".join(infix(p, parameters) for p in variety.parametrisation.polynomials)
    script = "\n".join(
        [
            'needsPackage "NumericalImplicitization";',
            f"R = CC[t_1..t_{len(parameters)}];",
            f"W = pseudoWitnessSet({{{images}}}, ideal 0_R, Verbose => false);",
            'print("@@rv-degree " | toString(W.degree) | " " | toString(W.isCompletePseudoWitnessSet));',
            "",
        ]
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "degree.m2"
        path.write_text(script)
        try:
            output = subprocess.run(
                ["M2", "--script", str(path)], capture_output=True, text=True, timeout=timeout, check=False
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            return f"no answer within {timeout:g} s"
    for line in output.splitlines():
        if line.startswith("@@rv-degree"):
            _, degree, complete = line.split()
            return degree if complete == "true" else f"{degree} (trace test failed)"
    return "no answer"


def common_kernel_triples(side: str) -> tuple[flint.fmpq_mpoly_ctx, list[flint.fmpq_mpoly]]:
    """The 27 coordinates of M_k = B_k·C (``side="right"``: a common right kernel vector; B_k 3 × 2,
    C 2 × 3) or M_k = C·B_k (``"left"``: a common left kernel vector; C 3 × 2, B_k 2 × 3), as polynomials
    in the entries of B_0, B_1, B_2, C (and their ring). Their closure has dimension 20 = dim V."""
    names = [f"b{k}_{i}" for k in range(3) for i in range(6)] + [f"c_{i}" for i in range(6)]
    ring = flint.fmpq_mpoly_ctx.get(names, "degrevlex")
    entries = ring.gens()
    coordinates = []
    for k in range(3):
        b, c = entries[6 * k : 6 * k + 6], entries[18:24]
        for row in range(3):
            for column in range(3):
                if side == "right":  # (3 × 2)·(2 × 3)
                    terms = [b[2 * row + t] * c[3 * t + column] for t in range(2)]
                else:  # (3 × 2)·(2 × 3) with the 3 × 2 factor shared
                    terms = [c[2 * row + t] * b[3 * t + column] for t in range(2)]
                coordinates.append(terms[0] + terms[1])
    return ring, coordinates


if __name__ == "__main__":
    main()
