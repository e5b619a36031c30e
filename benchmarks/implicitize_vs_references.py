"""Implicitization: ours against Singular's eliminate and Macaulay2's ker, same problem, same run.

For each case: our time to minimal generators proved to generate up to the degree bound (and, where a
structural argument applies, proved to generate), the reference tools' times, whether the ideals are
equal, and the ratios. Usage:
    python benchmarks/implicitize_vs_references.py [--timeout 300] [--tools singular,macaulay2] [--cases 333,3333,343]
        [--prove]   (prove generation: structural, then Serre's criterion, then elimination)
"""

from __future__ import annotations

import argparse
import time

from reference_tools import CASES, macaulay2_available, macaulay2_ker, singular_eliminate

from architectures import Architecture
from architectures.errors import BackendFailedError
from implicitize import implicitize
from implicitize.backends.ideal_ops import ideals_equal
from varieties import PatternVariety

#: Degree bounds for interpolation: 343 has generators in degree 5 (and none proven above); 334 and 433
#: have quartic generators beyond the cubics.
DEGREES = {"333": 3, "3333": 3, "343": 5, "334": 4, "433": 4, "424": 2, "333b": 3}
#: Cases with biases: the name of the case without them.
BIASED = {"333b": "333"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0, help="limit per reference run, seconds")
    parser.add_argument("--tools", default="singular,macaulay2")
    parser.add_argument("--cases", default="333,3333,343", help=f"any of {','.join([*CASES, *BIASED])}")
    parser.add_argument("--prove", action="store_true", help="prove generation beyond the degree bound")
    args = parser.parse_args()
    tools = args.tools.split(",")
    header = f"{'case':<7}{'ours':>9}  {'proved':<26}{'tool':<11}{'reference':>11}{'ratio':>9}  same ideal"
    print(header)
    print("-" * len(header))
    for name in args.cases.split(","):
        widths, patterns = CASES[BIASED.get(name, name)]
        variety = PatternVariety(Architecture(widths, bias=name in BIASED), patterns)
        started = time.perf_counter()
        ours = implicitize(variety, max_degree=DEGREES[name], prove=args.prove, timeout=args.timeout)
        seconds = time.perf_counter() - started
        for tool in tools:
            if tool == "macaulay2" and not macaulay2_available():
                print(f"{name:<7}{seconds:>8.3f}s  {ours.proved:<26}{tool:<11}{'not installed':>11}")
                continue
            try:
                run = singular_eliminate if tool == "singular" else macaulay2_ker
                reference_seconds, reference = run(variety.parametrisation, timeout=args.timeout)
            except BackendFailedError:
                print(
                    f"{name:<7}{seconds:>8.3f}s  {ours.proved:<26}{tool:<11}{'>' + str(int(args.timeout)) + 's':>11}"
                    f"{'>' + format(args.timeout / seconds, '.0f') + '×':>9}  (reference did not finish)"
                )
                continue
            same = ideals_equal(list(ours.generators), reference, variety.context, backend="singular")
            print(
                f"{name:<7}{seconds:>8.3f}s  {ours.proved:<26}{tool:<11}{reference_seconds:>10.3f}s"
                f"{reference_seconds / seconds:>8.1f}×  {same}"
            )
        print(
            f"{'':<7}{'':>9}  {len(ours.generators)} generators of degrees {sorted(set(ours.degrees))}; "
            f"route: {ours.route[:90]}"
        )


if __name__ == "__main__":
    main()
