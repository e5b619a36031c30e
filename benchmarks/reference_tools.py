"""Reference implicitizations for the benchmarks: Singular's ``eliminate`` and Macaulay2's ``ker``, timed.

Imported by ``benchmarks/implicitize_vs_references.py``; run alone it prints the reference times of
the issue's cases. Each function returns (seconds the tool spent computing, exact generators as
python-flint fmpq_mpoly in ``fmpq_mpoly_ctx.get(coordinate_names, "degrevlex")``); start-up, script
parsing and output are outside the clock. A run past its time limit raises BackendFailedError.
Usage: python benchmarks/reference_tools.py [--timeout 300] [--tools singular,macaulay2] [--cases 333,3333]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import flint

from architectures import Architecture
from architectures.errors import BackendFailedError, BackendUnavailableError
from architectures.parametrisation import Parametrisation
from implicitize.export.base import infix
from implicitize.backends.ideal_ops import ideals_equal
from implicitize.backends.singular import eliminate_singular_timed
from varieties import PatternVariety

MACAULAY2_EXECUTABLE = "M2"
MACAULAY2_PACKAGE = "macaulay2"

#: The issue's benchmark cases: name, widths, patterns.
CASES = {
    "333": ((3, 3, 3), [[[0, 1]], [[1, 2]]]),
    "3333": ((3, 3, 3, 3), [[[0, 1, 2], [0, 1, 2]], [[0, 1], [0, 1, 2]]]),
    "343": ((3, 4, 3), [[[0, 1]], [[1, 2]], [[2, 3]]]),
    "334": ((3, 3, 4), [[[0, 1]], [[1, 2]]]),
    "433": ((4, 3, 3), [[[0, 1]], [[1, 2]]]),
    "424": ((4, 2, 4), [[[0]], [[1]]]),
}


def singular_eliminate(
    parametrisation: Parametrisation, *, timeout: float = 300.0
) -> tuple[float, list[flint.fmpq_mpoly]]:
    """Singular 4 ``eliminate`` (weighted ordering, then ``minbase``): (seconds inside Singular, generators).

    Examples
    --------
    >>> from architectures import pattern_parametrisation
    >>> seconds, generators = singular_eliminate(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]))
    >>> [str(g) for g in generators]
    ['m_0_0_1*m_0_1_0 - m_0_0_0*m_0_1_1']
    """
    return eliminate_singular_timed(parametrisation, timeout=timeout)


def macaulay2_available() -> bool:
    """Whether the ``M2`` program is on PATH.

    Examples
    --------
    >>> isinstance(macaulay2_available(), bool)
    True
    """
    return shutil.which(MACAULAY2_EXECUTABLE) is not None


def macaulay2_ker(
    parametrisation: Parametrisation, *, timeout: float = 300.0, graded: bool = False
) -> tuple[float, list[flint.fmpq_mpoly]]:
    """Macaulay2 ``mingens ker f`` for the ring map f: Q[y] → Q[θ], y_i ↦ F_i(θ): (seconds inside M2, generators).

    ``graded=True`` gives y_i the degree of F_i so that f is homogeneous (plain ``ker`` otherwise,
    as the issue measured it).

    Examples
    --------
    >>> from architectures import pattern_parametrisation
    >>> seconds, generators = macaulay2_ker(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]))
    >>> [str(g) for g in generators]
    ['m_0_0_1*m_0_1_0 - m_0_0_0*m_0_1_1']
    """
    executable = shutil.which(MACAULAY2_EXECUTABLE)
    if executable is None:
        raise BackendUnavailableError(
            f"Macaulay2 ({MACAULAY2_EXECUTABLE!r}) is not on PATH; install it "
            f"(Debian/Ubuntu: `apt-get install {MACAULAY2_PACKAGE}`)"
        )
    parameters = [f"t_{i + 1}" for i in range(len(parametrisation.parameter_names))]
    images = parametrisation.polynomials
    degrees = ", Degrees => {" + ",".join(str(max(1, int(p.total_degree()))) for p in images) + "}" if graded else ""
    script = "\n".join(
        [
            f"R = QQ[y_1..y_{len(images)}{degrees}];",
            f"S = QQ[t_1..t_{len(parameters)}];",
            "f = map(S, R, {" + ",\n  ".join(infix(p, parameters) for p in images) + "});",
            "t = elapsedTiming (G = flatten entries mingens ker f);",
            'print("@@rv-seconds " | toString(t#0));',
            'scan(G, g -> (print "@@rv-generator"; scan(listForm g, term -> '
            'print(toString(term#1) | " " | demark(",", apply(term#0, toString))))));',
            "",
        ]
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "ker.m2"
        path.write_text(script)
        output = _run([executable, "--script", str(path)], timeout, "Macaulay2")
    context = flint.fmpq_mpoly_ctx.get(tuple(parametrisation.coordinate_names), "degrevlex")
    seconds, generators = None, []
    for line in output.splitlines():
        if line.startswith("@@rv-seconds"):
            seconds = float(line.split()[1])
        elif line.startswith("@@rv-generator"):
            generators.append({})
        elif line.strip() and generators:
            coefficient, exponents = line.split()
            numerator, _, denominator = coefficient.partition("/")
            generators[-1][tuple(int(e) for e in exponents.split(","))] = flint.fmpq(
                int(numerator), int(denominator or 1)
            )
    if seconds is None:
        raise BackendFailedError(f"Macaulay2 printed no timing; its output was:\n{output[-2000:]}")
    return seconds, [context.from_dict(terms) for terms in generators]


def _run(command: list[str], timeout: float, tool: str) -> str:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        output, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise BackendFailedError(f"{tool} did not finish within the time limit of {timeout:g} s") from None
    if process.returncode != 0:
        raise BackendFailedError(f"{tool} failed (exit status {process.returncode}):\n{errors.strip()[-2000:]}")
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--tools", default="singular,macaulay2")
    parser.add_argument("--cases", default="333,3333")
    parser.add_argument("--graded", action="store_true", help="Macaulay2 with y_i of degree deg F_i")
    arguments = parser.parse_args()
    tools = {
        "singular": singular_eliminate,
        "macaulay2": lambda f, timeout: macaulay2_ker(f, timeout=timeout, graded=arguments.graded),
    }
    print(f"{'case':<34} {'tool':<10} {'seconds':>9} {'wall':>8} {'generators':>10}  same ideal as Singular")
    for name in arguments.cases.split(","):
        widths, patterns = CASES[name]
        variety = PatternVariety(Architecture(widths), patterns)
        reference = None
        for tool in arguments.tools.split(","):
            started = time.perf_counter()
            try:
                seconds, generators = tools[tool](variety.parametrisation, timeout=arguments.timeout)
            except BackendFailedError as error:
                print(
                    f"{str(widths) + ' ' + str(patterns):<34.34} {tool:<10} {'> ' + str(arguments.timeout):>9} "
                    f"{time.perf_counter() - started:8.1f} {'-':>10}  {str(error).splitlines()[0]}"
                )
                continue
            wall = time.perf_counter() - started
            same = "-" if reference is None else str(ideals_equal(reference, generators, variety.context))
            reference = generators if reference is None else reference
            print(
                f"{str(widths) + ' ' + str(patterns):<34.34} {tool:<10} {seconds:9.2f} {wall:8.2f} "
                f"{len(generators):>10}  {same}"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
