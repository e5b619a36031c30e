"""Implicitization: ours against Singular's eliminate, Macaulay2's ker and MultigradedImplicitization, same run.

For each case: our time to minimal generators proved to generate up to the degree bound (and, where a
structural argument applies, proved to generate), the reference tools' times, whether the ideals are
equal, and the ratios reference/ours. Singular's ``eliminate`` and Macaulay2's ``ker`` compute the whole
ideal (they prove generation); MultigradedImplicitization's ``componentsOfKernel`` is given our degree
bound and returns every minimal generator up to that degree, exactly, without proving that they
generate (column "tool gives"); with --prove its rows are compared with ours stopping at the same degree
(a second run of ours without the proof), the other rows with ours proving. Tools: singular, macaulay2 (the M2 on PATH), multigraded and ker-1.26
(Macaulay2 1.26 from ``pip install passagemath-macaulay2``); the default is the first three. Usage:
    python benchmarks/implicitize_vs_references.py [--timeout 300] [--tools singular,macaulay2,multigraded]
        [--cases 333,3333,343] [--prove]   (prove generation: structural and inheritance, then the
        certificates without elimination, then elimination; see implicitize's docstring)
Our times start after one warm-up call on a tiny case and the import of the proof routes' modules (module
imports outside the clock, as the reference tools' start-up is outside theirs); they include starting
Singular where a certificate runs it.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable

import flint
from reference_tools import (
    CASES,
    macaulay2_available,
    macaulay2_ker,
    macaulay2_multigraded,
    multigraded_executable,
    required_multigraded_executable,
    singular_eliminate,
)

from architectures import Architecture
from architectures.errors import BackendFailedError, BackendUnavailableError
from architectures.parametrisation import Parametrisation
from implicitize import implicitize
from implicitize.backends.ideal_ops import ideals_equal
from varieties import PatternVariety

#: Degree bounds for interpolation: 343 has generators in degree 5 (and none proven above); 334 and 433
#: have quartic generators beyond the cubics.
DEGREES = {"333": 3, "3333": 3, "343": 5, "334": 4, "433": 4, "434": 4, "424": 2, "333b": 3}
#: The modules of the proof routes, imported before our clock starts.
PROOF_MODULES = (
    "implicitize.serre_certificate",
    "implicitize.degree_certificate",
    "implicitize.missing_generators",
    "implicitize.backends.elimination",
)
#: Cases with biases: the name of the case without them.
BIASED = {"333b": "333"}


#: A reference run: (parametrisation, degree bound, time limit) -> (seconds inside the tool, generators).
Reference = Callable[[Parametrisation, int, float], tuple[float, list[flint.fmpq_mpoly]]]


def references() -> dict[str, tuple[Reference, bool]]:
    """Each tool by name: how to run it, and whether it proves generation (False: only up to the bound)."""
    return {
        "singular": (lambda f, degree, timeout: singular_eliminate(f, timeout=timeout), True),
        "macaulay2": (lambda f, degree, timeout: macaulay2_ker(f, timeout=timeout), True),
        "multigraded": (
            lambda f, degree, timeout: macaulay2_multigraded(f, max_degree=degree, timeout=timeout),
            False,
        ),
        "ker-1.26": (
            lambda f, degree, timeout: macaulay2_ker(f, timeout=timeout, executable=required_multigraded_executable()),
            True,
        ),
    }


def installed(tool: str) -> bool:
    """Whether the program behind the tool is here (Singular is required: it checks every ideal)."""
    if tool == "macaulay2":
        return macaulay2_available()
    if tool in ("multigraded", "ker-1.26"):
        return multigraded_executable() is not None
    return True


def main() -> None:
    tools_known = references()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0, help="limit per reference run, seconds")
    parser.add_argument("--tools", default="singular,macaulay2,multigraded", help=f"any of {','.join(tools_known)}")
    parser.add_argument("--cases", default="333,3333,343", help=f"any of {','.join([*CASES, *BIASED])}")
    parser.add_argument("--prove", action="store_true", help="prove generation beyond the degree bound")
    args = parser.parse_args()
    tools = args.tools.split(",")
    unknown = [tool for tool in tools if tool not in tools_known]
    if unknown:
        parser.error(f"unknown tools {unknown}; choose among {','.join(tools_known)}")
    header = (
        f"{'case':<7}{'ours':>9}  {'proved':<26}{'tool':<13}{'tool gives':<16}{'reference':>11}{'ratio':>9}  same ideal"
    )
    # One warm-up call on another, tiny case, and the import of the modules of the proof routes it does not
    # reach, put the one-time module imports (about 20 ms, 30 ms without cached bytecode) outside our clock,
    # as the reference tools' start-up is outside theirs.
    implicitize(PatternVariety(Architecture((2, 2, 2)), [[[0]], [[0, 1]]]), max_degree=2, prove=args.prove)
    for module in PROOF_MODULES:
        importlib.import_module(module)
    print(header)
    print("-" * len(header))
    for name in args.cases.split(","):
        widths, patterns = CASES[BIASED.get(name, name)]
        degree = DEGREES[name]
        variety = PatternVariety(Architecture(widths, bias=name in BIASED), patterns)
        started = time.perf_counter()
        ours = implicitize(variety, max_degree=degree, prove=args.prove, timeout=args.timeout)
        ours_seconds = time.perf_counter() - started
        bounded, bounded_seconds = ours, ours_seconds
        if args.prove and not all(tools_known[tool][1] for tool in tools):
            # A tool that stops at the degree bound is compared with ours stopping there too (no --prove).
            started = time.perf_counter()
            bounded = implicitize(variety, max_degree=degree, timeout=args.timeout)
            bounded_seconds = time.perf_counter() - started
        for tool in tools:
            run, proves = tools_known[tool]
            gives = "generators" if proves else f"up to degree {degree}"
            result, seconds = (ours, ours_seconds) if proves else (bounded, bounded_seconds)
            row = f"{name:<7}{seconds:>8.3f}s  {result.proved:<26}{tool:<13}{gives:<16}"
            if not installed(tool):
                print(f"{row}{'not installed':>11}")
                continue
            try:
                reference_seconds, reference = run(variety.parametrisation, degree, args.timeout)
            except BackendUnavailableError:
                print(f"{row}{'not installed':>11}")
                continue
            except BackendFailedError:
                print(
                    f"{row}{'>' + str(int(args.timeout)) + 's':>11}"
                    f"{'>' + format(args.timeout / seconds, '.0f') + '×':>9}  (reference did not finish)"
                )
                continue
            same = ideals_equal(list(result.generators), reference, variety.context, backend="singular")
            print(f"{row}{reference_seconds:>10.3f}s{reference_seconds / seconds:>8.1f}×  {same}", flush=True)
        print(
            f"{'':<7}{'':>9}  {len(ours.generators)} generators of degrees {sorted(set(ours.degrees))}; "
            f"route: {ours.route[:90]}",
            flush=True,
        )
    if "multigraded" in tools:
        print(
            "multigraded: MultigradedImplicitization's componentsOfKernel(d, f, Grading => finest grading) with our "
            "degree bound d: all minimal generators of degree <= d, exact over Q; it does not prove that they "
            "generate the ideal. Its rows compare with ours up to the same degree (implicitize without prove)."
        )


if __name__ == "__main__":
    main()
