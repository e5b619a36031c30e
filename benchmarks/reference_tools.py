"""Reference implicitizations for the benchmarks: Singular's ``eliminate``, Macaulay2's ``ker`` and
Macaulay2's MultigradedImplicitization (``componentsOfKernel``), timed.

Imported by ``benchmarks/implicitize_vs_references.py``; run alone it prints the reference times of
the issue's cases. Each function returns (seconds the tool spent computing, exact generators as
python-flint fmpq_mpoly in ``fmpq_mpoly_ctx.get(coordinate_names, "degrevlex")``); start-up, script
parsing and output are outside the clock. A run past its time limit raises BackendFailedError.
``macaulay2`` is the ``M2`` on PATH (Debian's 1.21 here); ``multigraded`` and ``ker-1.26`` run the
Macaulay2 1.26 that the PyPI package passagemath-macaulay2 ships (``pip install passagemath-macaulay2``;
``--no-deps`` suffices, only its ``M2`` is used), which has the MultigradedImplicitization package
(Debian's 1.21 does not).
Usage: python benchmarks/reference_tools.py [--timeout 300] [--tools singular,macaulay2,multigraded,ker-1.26]
    [--cases 333,3333] [--max-degree 3]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import math
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
from architectures.errors import BackendFailedError, BackendUnavailableError, InvalidOptionError
from architectures.parametrisation import Parametrisation
from implicitize.export.base import infix
from implicitize.backends.ideal_ops import ideals_equal
from implicitize.backends.singular import eliminate_singular_timed
from varieties import PatternVariety

MACAULAY2_EXECUTABLE = "M2"
MACAULAY2_PACKAGE = "macaulay2"
#: The PyPI distribution shipping Macaulay2 1.26 with MultigradedImplicitization, and where in it M2 lies.
MULTIGRADED_DISTRIBUTION = "passagemath-macaulay2"
MULTIGRADED_EXECUTABLE = "sage_wheels/bin/M2"

#: The issue's benchmark cases: name, widths, patterns.
CASES = {
    "333": ((3, 3, 3), [[[0, 1]], [[1, 2]]]),
    "3333": ((3, 3, 3, 3), [[[0, 1, 2], [0, 1, 2]], [[0, 1], [0, 1, 2]]]),
    "343": ((3, 4, 3), [[[0, 1]], [[1, 2]], [[2, 3]]]),
    "334": ((3, 3, 4), [[[0, 1]], [[1, 2]]]),
    "433": ((4, 3, 3), [[[0, 1]], [[1, 2]]]),
    "434": ((4, 3, 4), [[[0, 1]], [[1, 2]]]),
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
    parametrisation: Parametrisation,
    *,
    timeout: float = 300.0,
    graded: bool = False,
    executable: str | None = None,
) -> tuple[float, list[flint.fmpq_mpoly]]:
    """Macaulay2 ``mingens ker f`` for the ring map f: Q[y] → Q[θ], y_i ↦ F_i(θ): (seconds inside M2, generators).

    ``graded=True`` gives y_i the degree of F_i so that f is homogeneous (plain ``ker`` otherwise,
    as the issue measured it). ``executable`` is the M2 to run (default: the one on PATH; give
    ``required_multigraded_executable()`` for passagemath's Macaulay2 1.26).

    Examples
    --------
    >>> from architectures import pattern_parametrisation
    >>> seconds, generators = macaulay2_ker(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]))
    >>> [str(g) for g in generators]
    ['m_0_0_1*m_0_1_0 - m_0_0_0*m_0_1_1']
    """
    if executable is None:
        executable = shutil.which(MACAULAY2_EXECUTABLE)
    if executable is None:
        raise BackendUnavailableError(
            f"Macaulay2 ({MACAULAY2_EXECUTABLE!r}) is not on PATH; install it "
            f"(Debian/Ubuntu: `apt-get install {MACAULAY2_PACKAGE}`)"
        )
    images = parametrisation.polynomials
    degrees = ", Degrees => {" + ",".join(str(max(1, int(p.total_degree()))) for p in images) + "}" if graded else ""
    script = "\n".join(
        [
            *_ring_map_lines(parametrisation, degrees),
            "t = elapsedTiming (G = flatten entries mingens ker f);",
            *_OUTPUT_LINES,
        ]
    )
    output = _run_script(executable, script, timeout)
    return _parse_output(output, parametrisation)


def multigraded_executable() -> str | None:
    """The ``M2`` (Macaulay2 1.26) shipped by the PyPI package passagemath-macaulay2, or None if not installed.

    Examples
    --------
    >>> path = multigraded_executable()
    >>> path is None or path.endswith("M2")
    True
    """
    try:
        path = importlib.metadata.distribution(MULTIGRADED_DISTRIBUTION).locate_file(MULTIGRADED_EXECUTABLE)
    except importlib.metadata.PackageNotFoundError:
        return None
    return str(path) if os.access(str(path), os.X_OK) else None


def required_multigraded_executable() -> str:
    """``multigraded_executable()``, or BackendUnavailableError naming the install command.

    Examples
    --------
    >>> try:
    ...     path = required_multigraded_executable()
    ... except BackendUnavailableError as error:
    ...     assert "pip install passagemath-macaulay2" in str(error)
    """
    executable = multigraded_executable()
    if executable is None:
        raise BackendUnavailableError(
            "Macaulay2 1.26 (with the MultigradedImplicitization package) is not installed; the PyPI package "
            f"{MULTIGRADED_DISTRIBUTION} ships it: `pip install {MULTIGRADED_DISTRIBUTION}`"
        )
    return executable


def kernel_multigrading(parametrisation: Parametrisation) -> list[list[int]]:
    """The finest grading of Q[y] in which ker(y_i ↦ F_i) is homogeneous: rows of integer degrees, one column per y_i.

    It is what MultigradedImplicitization's ``maxGrading`` computes (with gfan) from the graph ideal
    ⟨y_i − F_i(θ)⟩: a weight (u on y, v on θ) makes that ideal homogeneous exactly when every monomial
    θ^e of F_i has v·e = u_i (a component of y_i − F_i of another weight would be a nonzero polynomial
    in θ alone in the ideal). So the grading is the projection to u of the kernel of that linear
    system, computed here exactly (python-flint) and reduced to a basis of its row space.

    Examples
    --------
    >>> from architectures import pattern_parametrisation
    >>> kernel_multigrading(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]))
    [[1, 0, 0, -1], [0, 1, 0, 1], [0, 0, 1, 1]]
    """
    images = parametrisation.polynomials
    coordinates, parameters = len(images), len(parametrisation.parameter_names)
    equations = []
    for index, image in enumerate(images):
        for exponents in image.monoms():
            row = [0] * (coordinates + parameters)
            row[index] = 1
            for position, exponent in enumerate(exponents):
                row[coordinates + position] -= int(exponent)
            equations.append(row)
    kernel, nullity = flint.fmpz_mat(equations).nullspace()
    projection = flint.fmpq_mat(
        nullity, coordinates, [kernel[i, j] for j in range(nullity) for i in range(coordinates)]
    )
    reduced, rank = projection.rref()
    grading = []
    for i in range(rank):
        row = [reduced[i, j] for j in range(coordinates)]
        scale = math.lcm(*(int(entry.q) for entry in row))
        grading.append([int(entry * scale) for entry in row])
    return grading


def macaulay2_max_grading(parametrisation: Parametrisation, *, timeout: float = 300.0) -> list[list[int]]:
    """MultigradedImplicitization's own ``maxGrading f`` (Macaulay2 1.26, which runs gfan): rows of degrees.

    The reference for ``kernel_multigrading`` (same row space); needs gfan on PATH (``apt-get install gfan``).

    Examples
    --------
    >>> from architectures import pattern_parametrisation
    >>> f = pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]])
    >>> if multigraded_executable() is not None and shutil.which("gfan") is not None:
    ...     assert flint.fmpq_mat(macaulay2_max_grading(f)).rank() == 3
    """
    if shutil.which("gfan") is None:
        raise BackendUnavailableError("maxGrading runs gfan, which is not on PATH (apt-get install gfan)")
    script = "\n".join(
        [
            'needsPackage "MultigradedImplicitization";',
            *_ring_map_lines(parametrisation, ""),
            "A = maxGrading f;",
            'scan(entries A, row -> print("@@rv-row " | demark(",", apply(row, toString))));',
            "",
        ]
    )
    output = _run_script(required_multigraded_executable(), script, timeout)
    return [
        [int(entry) for entry in line.split()[1].split(",")]
        for line in output.splitlines()
        if line.startswith("@@rv-row")
    ]


def macaulay2_multigraded(
    parametrisation: Parametrisation, *, max_degree: int, timeout: float = 300.0
) -> tuple[float, list[flint.fmpq_mpoly]]:
    """MultigradedImplicitization's ``componentsOfKernel(max_degree, f, Grading => A)`` in Macaulay2 1.26.

    Returns (seconds inside M2, generators): every minimal generator of ker f of total degree at
    most ``max_degree``, found exactly over Q (the package's default ``UseInterpolation => false``:
    the kernel of each multidegree component's coefficient matrix; ``UseMatroid`` only skips components
    whose support is algebraically independent, which a random Jacobian of full rank proves). So, like
    interpolation without a proof, it gives the ideal "up to degree max_degree": the package does not
    claim that these generate ker f. The grading A is ``kernel_multigrading`` (what the package's own
    ``maxGrading`` computes with gfan), computed in Python outside the clock in milliseconds.
    Needs ``pip install passagemath-macaulay2``.

    Examples
    --------
    >>> from architectures import pattern_parametrisation
    >>> f = pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]])
    >>> if multigraded_executable() is not None:
    ...     seconds, generators = macaulay2_multigraded(f, max_degree=2)
    ...     assert [str(g) for g in generators] == ['m_0_0_1*m_0_1_0 - m_0_0_0*m_0_1_1']
    """
    if not isinstance(max_degree, int) or isinstance(max_degree, bool) or max_degree < 1:
        raise InvalidOptionError(f"max_degree must be a positive integer such as 3, got {max_degree!r}")
    executable = required_multigraded_executable()
    grading = kernel_multigrading(parametrisation)
    ones = [1] * len(parametrisation.polynomials)
    if flint.fmpq_mat([*grading, ones]).rank() != len(grading):
        raise BackendFailedError(
            "MultigradedImplicitization needs a grading that refines the total degree, and the finest "
            f"grading of this map, {grading}, does not; homogenise the parametrisation first"
        )
    matrix = "matrix {" + ", ".join("{" + ",".join(map(str, row)) + "}" for row in grading) + "}"
    script = "\n".join(
        [
            'needsPackage "MultigradedImplicitization";',
            *_ring_map_lines(parametrisation, ""),
            f"A = {matrix};",
            f"t = elapsedTiming (H = componentsOfKernel({int(max_degree)}, f, Grading => A, Verbose => false));",
            "G = select(flatten values new HashTable from H, g -> g =!= null);",
            *_OUTPUT_LINES,
        ]
    )
    output = _run_script(executable, script, timeout)
    return _parse_output(output, parametrisation)


#: Print the clock and the generators (coefficient, then exponents, one term a line) for ``_parse_output``.
_OUTPUT_LINES = [
    'print("@@rv-seconds " | toString(t#0));',
    'scan(G, g -> (print "@@rv-generator"; scan(listForm g, term -> '
    'print(toString(term#1) | " " | demark(",", apply(term#0, toString))))));',
    "",
]


def _ring_map_lines(parametrisation: Parametrisation, degrees: str) -> list[str]:
    """Macaulay2 lines defining f: R = Q[y_1..y_N] → S = Q[t_1..t_p], y_i ↦ F_i(t)."""
    parameters = [f"t_{i + 1}" for i in range(len(parametrisation.parameter_names))]
    images = parametrisation.polynomials
    return [
        f"R = QQ[y_1..y_{len(images)}{degrees}];",
        f"S = QQ[t_1..t_{len(parameters)}];",
        "f = map(S, R, {" + ",\n  ".join(infix(p, parameters) for p in images) + "});",
    ]


def _run_script(executable: str, script: str, timeout: float) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "kernel.m2"
        path.write_text(script)
        return _run([executable, "--script", str(path)], timeout, "Macaulay2")


def _parse_output(output: str, parametrisation: Parametrisation) -> tuple[float, list[flint.fmpq_mpoly]]:
    """The clock and the generators printed by ``_OUTPUT_LINES``, in Q[coordinate names] (degrevlex)."""
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
    parser.add_argument("--max-degree", type=int, default=3, help="degree bound given to multigraded")
    arguments = parser.parse_args()
    tools = {
        "singular": singular_eliminate,
        "macaulay2": lambda f, timeout: macaulay2_ker(f, timeout=timeout, graded=arguments.graded),
        "multigraded": lambda f, timeout: macaulay2_multigraded(f, max_degree=arguments.max_degree, timeout=timeout),
        "ker-1.26": lambda f, timeout: macaulay2_ker(
            f, timeout=timeout, graded=arguments.graded, executable=required_multigraded_executable()
        ),
    }
    print(f"{'case':<34} {'tool':<12} {'seconds':>9} {'wall':>8} {'generators':>10}  same ideal as Singular")
    for name in arguments.cases.split(","):
        widths, patterns = CASES[name]
        variety = PatternVariety(Architecture(widths), patterns)
        reference = None
        for tool in arguments.tools.split(","):
            started = time.perf_counter()
            try:
                seconds, generators = tools[tool](variety.parametrisation, timeout=arguments.timeout)
            except (BackendFailedError, BackendUnavailableError) as error:
                print(
                    f"{str(widths) + ' ' + str(patterns):<34.34} {tool:<12} {'> ' + str(arguments.timeout):>9} "
                    f"{time.perf_counter() - started:8.1f} {'-':>10}  {str(error).splitlines()[0]}"
                )
                continue
            wall = time.perf_counter() - started
            same = "-" if reference is None else str(ideals_equal(reference, generators, variety.context))
            reference = generators if reference is None else reference
            print(
                f"{str(widths) + ' ' + str(patterns):<34.34} {tool:<12} {seconds:9.2f} {wall:8.2f} "
                f"{len(generators):>10}  {same}"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
