"""The Singular backend: elimination, Gröbner bases and Hilbert series in a ``Singular`` subprocess.

Called by ``implicitize.backends.elimination`` and ``implicitize.backends.ideal_ops``; polynomials go in as python-flint
``fmpq_mpoly`` and come back as exact terms printed in a line format this module controls.
"""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import signal
import subprocess
from typing import TYPE_CHECKING, Any, Sequence

import flint

from architectures.errors import BackendFailedError, BackendUnavailableError, InvalidDataError
from implicitize.export.base import infix

if TYPE_CHECKING:
    from architectures.parametrisation import Parametrisation

#: The program looked up on PATH.
SINGULAR_EXECUTABLE = "Singular"
#: The Debian/Ubuntu package that provides it.
SINGULAR_PACKAGE = "singular"
#: Default time limit of one Singular run, in seconds.
DEFAULT_TIMEOUT = 300.0

_BEGIN, _END, _GENERATOR = "@@rv-begin", "@@rv-end", "@@rv-generator"

# Print a polynomial one term per line, "coefficient e_1,...,e_n", and an ideal's nonzero generators
# each after a marker line: a format that needs no parsing of Singular's own syntax.
_PRINT_IDEAL = """
proc rvPrintPoly(poly p)
{
  while (p != 0)
  {
    print(string(leadcoef(p)) + " " + string(leadexp(p)));
    p = p - lead(p);
  }
}
proc rvPrintIdeal(ideal K)
{
  int i;
  for (i = 1; i <= ncols(K); i++)
  {
    if (K[i] != 0) { print("@@rv-generator"); rvPrintPoly(K[i]); }
  }
}
"""


def singular_available() -> bool:
    """Whether the ``Singular`` program is on PATH.

    Examples
    --------
    >>> isinstance(singular_available(), bool)
    True
    """
    return shutil.which(SINGULAR_EXECUTABLE) is not None


def run_singular(script: str, *, timeout: float = DEFAULT_TIMEOUT) -> str:
    """Run a Singular script (``Singular -q --no-warn --no-rc -t``, script on stdin) and return its output.

    Raises :class:`BackendUnavailableError` when Singular is not installed and
    :class:`BackendFailedError` when it reports an error (Singular's error lines are quoted), exits
    abnormally, or runs past ``timeout`` seconds (the process is then killed).

    Examples
    --------
    >>> run_singular('ring r = 0, (x, y), dp; print(std(ideal(x2 - y, xy)));').split()
    ['y2,', 'xy,', 'x2-y']
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise InvalidDataError(f"timeout must be a positive number of seconds, got {timeout!r}")
    executable = shutil.which(SINGULAR_EXECUTABLE)
    if executable is None:
        raise BackendUnavailableError(
            f"the Singular backend needs the program {SINGULAR_EXECUTABLE!r} on PATH, which was not found; install "
            f"it (Debian/Ubuntu: `apt-get install {SINGULAR_PACKAGE}`) or use backend='sympy' for small cases"
        )
    _prctl()  # loaded here, so that the child only calls it
    process = subprocess.Popen(
        [executable, "-q", "--no-warn", "--no-rc", "-t"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )
    try:
        output, errors = process.communicate(script + "\nquit;\n", timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise BackendFailedError(
            f"Singular did not finish within the time limit of {timeout:g} s; raise timeout= or try a smaller case"
        ) from None
    except BaseException:
        _kill(process)
        raise
    failures = [line.strip() for line in output.splitlines() if line.lstrip().startswith("?")]
    if process.returncode != 0 or failures:
        detail = "\n".join(failures) or errors.strip() or output.strip()[-2000:]
        raise BackendFailedError(f"Singular failed (exit status {process.returncode}):\n{detail}")
    return output


def eliminate_singular(
    parametrisation: "Parametrisation", *, timeout: float = DEFAULT_TIMEOUT
) -> list[flint.fmpq_mpoly]:
    """Generators of the ideal of the image closure of ``parametrisation``, by Singular's ``eliminate``.

    The ring holds the parameters with weight 1 and each coordinate y_i with the degree of its
    polynomial F_i, so the ideal (y_i − F_i(θ)) is weighted homogeneous (without biases) and
    ``eliminate`` runs Hilbert-driven (on (3,3,3) with blocks {0,1},{1,2} about twice as fast as
    degrevlex and ten times faster than a block order). The result is moved to Q[y] with degrevlex
    and reduced to a minimal generating set (``minbase``) when homogeneous, to its reduced Gröbner
    basis otherwise. Returned in ``flint.fmpq_mpoly_ctx.get(coordinate_names, "degrevlex")``.

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> f = pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]])
    >>> [str(g) for g in eliminate_singular(f)]
    ['m_0_0_1*m_0_1_0 - m_0_0_0*m_0_1_1']
    """
    return eliminate_singular_timed(parametrisation, timeout=timeout)[1]


def eliminate_singular_timed(
    parametrisation: "Parametrisation", *, timeout: float = DEFAULT_TIMEOUT
) -> tuple[float, list[flint.fmpq_mpoly]]:
    """:func:`eliminate_singular` and the wall-clock seconds Singular itself spent in ``eliminate`` and
    ``minbase`` (start-up, script parsing and output excluded; millisecond resolution).

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> seconds, generators = eliminate_singular_timed(pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]]))
    >>> 0 <= seconds < 5, len(generators)
    (True, 1)
    """
    parameters = [f"t({i + 1})" for i in range(len(parametrisation.parameter_names))]
    coordinates = [f"y({i + 1})" for i in range(parametrisation.ambient_dimension)]
    images = parametrisation.polynomials
    weights = [1] * len(parameters) + [max(1, int(p.total_degree())) for p in images]
    equations = [f"{y} - ({infix(p, parameters)})" for y, p in zip(coordinates, images)] or ["0"]
    script = "\n".join(
        [
            _PRINT_IDEAL,
            'system("--ticks-per-sec", 1000);',
            f"ring rvElim = 0, ({_ranges(('t', len(parameters)), ('y', len(coordinates)))}), "
            f"wp({','.join(map(str, weights))});",
            "ideal rvI = " + ",\n  ".join(equations) + ";",
            "int rvStart = rtimer;",
            f"ideal rvJ = eliminate(rvI, {'*'.join(parameters) or '1'});",
            f"ring rvCoord = 0, ({_ranges(('y', len(coordinates)))}), dp;",
            "ideal rvK = imap(rvElim, rvJ);",
            "if (homog(rvK)) { rvK = minbase(rvK); } else { option(redSB); rvK = std(rvK); }",
            'print("@@rv-milliseconds " + string(rtimer - rvStart));',
            f'print("{_BEGIN}"); rvPrintIdeal(rvK); print("{_END}");',
        ]
    )
    context = flint.fmpq_mpoly_ctx.get(tuple(parametrisation.coordinate_names), "degrevlex")
    output = run_singular(script, timeout=timeout)
    generators = _read_ideal(output, context)
    milliseconds = [line.split()[1] for line in output.splitlines() if line.startswith("@@rv-milliseconds")]
    try:
        return int(milliseconds[0]) / 1000, generators
    except (IndexError, ValueError):
        raise BackendFailedError(f"Singular's output lacks its timing line; it was:\n{output[-2000:]}") from None


def groebner_singular(
    generators: Sequence[flint.fmpq_mpoly], context: flint.fmpq_mpoly_ctx, *, timeout: float = DEFAULT_TIMEOUT
) -> list[flint.fmpq_mpoly]:
    """The reduced Gröbner basis (degrevlex) of the ideal the generators span in ``context``, by Singular.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("x", "y"), "degrevlex")
    >>> x, y = ctx.gens()
    >>> [str(g) for g in groebner_singular([x**2 - y, x*y], ctx)]
    ['y^2', 'x*y', 'x^2 - y']
    """
    script = _ideal_script(generators, context) + (
        f'option(redSB); rvI = std(rvI);\nprint("{_BEGIN}"); rvPrintIdeal(rvI); print("{_END}");'
    )
    return [_monic(g) for g in _read_ideal(run_singular(script, timeout=timeout), context)]


def minbase_singular(
    generators: Sequence[flint.fmpq_mpoly], context: flint.fmpq_mpoly_ctx, *, timeout: float = DEFAULT_TIMEOUT
) -> list[flint.fmpq_mpoly]:
    """A minimal generating set of a homogeneous ideal (Singular's ``minbase``).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("x", "y"), "degrevlex")
    >>> x, y = ctx.gens()
    >>> [str(g) for g in minbase_singular([x**2, x*y, x**3 + x*y**2, x**2 - x*y], ctx)]
    ['x*y', 'x^2']
    """
    if not all(g.is_zero() or _is_homogeneous(g) for g in generators):
        raise InvalidDataError(
            "minbase_singular takes homogeneous generators (a minimal generating set is not "
            "unique otherwise); use groebner_singular for a reduced Gröbner basis"
        )
    script = _ideal_script(generators, context) + (
        f'rvI = minbase(rvI);\nprint("{_BEGIN}"); rvPrintIdeal(rvI); print("{_END}");'
    )
    return _read_ideal(run_singular(script, timeout=timeout), context)


def reduce_singular(
    polynomials: Sequence[flint.fmpq_mpoly],
    generators: Sequence[flint.fmpq_mpoly],
    context: flint.fmpq_mpoly_ctx,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[flint.fmpq_mpoly]:
    """The normal forms of ``polynomials`` modulo a Gröbner basis of the ideal of ``generators``.

    Zero exactly for the polynomials that lie in the ideal.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("x", "y"), "degrevlex")
    >>> x, y = ctx.gens()
    >>> [str(r) for r in reduce_singular([x**3, y + 1], [x**2 - y, x*y], ctx)]
    ['0', 'y + 1']
    """
    _check_polynomials(polynomials, context, "polynomials")
    names = _names(context)
    tested = [infix(p, names) for p in polynomials]
    script = _ideal_script(generators, context) + "\n".join(
        [
            "ideal rvG = std(rvI);",
            f'print("{_BEGIN}");',
            *(f'print("{_GENERATOR}"); rvPrintPoly(reduce({text}, rvG));' for text in tested),
            f'print("{_END}");',
        ]
    )
    body = _between_markers(run_singular(script, timeout=timeout))
    normal_forms = [_read_terms(chunk, context) for chunk in body.split(_GENERATOR)[1:]]
    if len(normal_forms) != len(polynomials):
        raise BackendFailedError(
            f"Singular returned {len(normal_forms)} normal forms for {len(polynomials)} "
            f"polynomials; its output was:\n{body[:2000]}"
        )
    return normal_forms


def hilbert_series_singular(
    generators: Sequence[flint.fmpq_mpoly], context: flint.fmpq_mpoly_ctx, *, timeout: float = DEFAULT_TIMEOUT
) -> tuple[list[int], int]:
    """The numerator Q(t) of the first Hilbert series of Q[x]/I and the Krull dimension of Q[x]/I.

    For homogeneous generators: Σ_d dim (Q[x]/I)_d t^d = Q(t) / (1 − t)^n, n = number of variables;
    Q is returned as its coefficient list (constant term first, trailing zeros dropped). The unit ideal
    has Q = 0 and dimension −1.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("x", "y", "z"), "degrevlex")
    >>> x, y, z = ctx.gens()
    >>> hilbert_series_singular([x**2, x*y], ctx)
    ([1, 0, -2, 1], 2)
    """
    script = _ideal_script(generators, context) + (
        f'ideal rvG = std(rvI);\nprint("{_BEGIN}"); print(string(hilb(rvG, 1))); print(dim(rvG)); print("{_END}");'
    )
    lines = _between_markers(run_singular(script, timeout=timeout)).split()
    try:
        numerator = [int(c) for c in lines[0].split(",")]
        krull_dimension = int(lines[1])
    except (IndexError, ValueError):
        raise BackendFailedError(f"unreadable Hilbert series from Singular: {lines!r}") from None
    while numerator and numerator[-1] == 0:
        numerator.pop()
    return numerator, krull_dimension


def complete_intersection_singular(
    generators: Sequence[flint.fmpq_mpoly], context: flint.fmpq_mpoly_ctx, *, timeout: float = DEFAULT_TIMEOUT
) -> tuple[int, int]:
    """The Krull dimension of Q[x]/J for J = (generators), and that of its Jacobian locus
    V(J + I_c(Jac J)), c = #generators (the singular locus when J is a complete intersection of codim c).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("x", "y", "z"), "degrevlex")
    >>> x, y, z = ctx.gens()
    >>> complete_intersection_singular([x*y - z**2], ctx)  # a quadric cone: singular only at the origin
    (2, 0)
    """
    # all c-minors: sparse, unlike the minors of Jac·A for a random A, whose Gröbner bases are far slower
    script = _ideal_script(generators, context) + (
        f"int rvDim = dim(std(rvI));\nint rvSing = dim(std(rvI + minor(jacob(rvI), {len(generators)})));\n"
        f'print("{_BEGIN}"); print(rvDim); print(rvSing); print("{_END}");'
    )
    lines = _between_markers(run_singular(script, timeout=timeout)).split()
    try:
        return int(lines[0]), int(lines[1])
    except (IndexError, ValueError):
        raise BackendFailedError(f"unreadable dimensions from Singular: {lines!r}") from None


# -- scripts and parsing ----------------------------------------------------------------------
def _ranges(*blocks: tuple[str, int]) -> str:
    return ", ".join(f"{letter}(1..{count})" for letter, count in blocks if count)


def _names(context: flint.fmpq_mpoly_ctx) -> list[str]:
    return [f"x({i + 1})" for i in range(context.nvars())]


def _check_polynomials(polynomials: Sequence[flint.fmpq_mpoly], context: flint.fmpq_mpoly_ctx, what: str) -> None:
    for p in polynomials:
        if not isinstance(p, flint.fmpq_mpoly) or p.context() is not context:
            raise InvalidDataError(
                f"{what} must be python-flint fmpq_mpoly in the ring {context.names()}, got "
                f"{p!r} ({type(p).__name__}); convert with context.from_dict"
            )


def _ideal_script(generators: Sequence[flint.fmpq_mpoly], context: flint.fmpq_mpoly_ctx) -> str:
    """Defines the procedure rvPrintIdeal, the ring rvR (variables x(1..n), degrevlex) and ideal rvI."""
    _check_polynomials(generators, context, "generators")
    if context.nvars() == 0:
        raise InvalidDataError("the ring has no variables; ideals of Q itself need no Gröbner basis")
    names = _names(context)
    texts = [infix(g, names) for g in generators] or ["0"]
    return "\n".join(
        [_PRINT_IDEAL, f"ring rvR = 0, (x(1..{context.nvars()})), dp;", "ideal rvI = " + ",\n  ".join(texts) + ";", ""]
    )


def _between_markers(output: str) -> str:
    begin, end = output.find(_BEGIN), output.rfind(_END)
    if begin < 0 or end < begin:
        raise BackendFailedError(f"Singular's output lacks the result markers; it was:\n{output.strip()[-2000:]}")
    return output[begin + len(_BEGIN) : end].strip("\n") + "\n"


def _read_ideal(output: str, context: flint.fmpq_mpoly_ctx) -> list[flint.fmpq_mpoly]:
    body = _between_markers(output)
    return [_read_terms(chunk, context) for chunk in body.split(_GENERATOR)[1:]]


def _read_terms(chunk: str, context: flint.fmpq_mpoly_ctx) -> flint.fmpq_mpoly:
    terms: dict[tuple[int, ...], flint.fmpq] = {}
    for line in chunk.strip().splitlines():
        try:
            coefficient, exponents = line.split()
            numerator, _, denominator = coefficient.partition("/")
            vector = tuple(int(e) for e in exponents.split(","))
            value = flint.fmpq(int(numerator), int(denominator or 1))
        except ValueError:
            raise BackendFailedError(f"unreadable term {line!r} in Singular's output") from None
        if len(vector) != context.nvars():
            raise BackendFailedError(
                f"Singular returned a term with {len(vector)} exponents in a ring of "
                f"{context.nvars()} variables: {line!r}"
            )
        terms[vector] = terms.get(vector, flint.fmpq(0)) + value
    return context.from_dict(terms)


def _monic(polynomial: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
    return polynomial / polynomial.leading_coefficient() if not polynomial.is_zero() else polynomial


def _is_homogeneous(polynomial: flint.fmpq_mpoly) -> bool:
    return len({sum(exponents) for exponents in polynomial.to_dict()}) <= 1


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to kill Singular when the Python process dies, even by SIGKILL
    (a killed survey worker must not leave an elimination running). A no-op where prctl is missing. The
    C library is loaded once, in the parent (:func:`_prctl`): loading it in every child cost about 6 ms
    per Singular run, a sixth of a small certificate."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


@functools.cache
def _prctl() -> Any:
    """The C library's ``prctl``, or None where there is none (not Linux)."""
    try:
        return ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PR_SET_PDEATHSIG = 1


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
