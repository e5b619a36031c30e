"""Elimination: the ideal of a parametrisation's image closure as (y − F(θ)) ∩ Q[y], by Gröbner bases.

The general and independent route of ``implicitize`` (strategy "elimination", and the check behind
``prove=True``): sympy for small cases, Singular (``implicitize.backends.singular``) for everything else.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

import flint
import sympy
from sympy import QQ

from architectures.errors import ComputationTooLargeError, InvalidSpecError
from implicitize.backends.singular import DEFAULT_TIMEOUT, eliminate_singular, singular_available

if TYPE_CHECKING:
    from architectures.parametrisation import Parametrisation

ELIMINATION_BACKENDS = ("auto", "sympy", "singular")
#: Refuse sympy eliminations estimated to take longer than this (seconds on a laptop core).
SYMPY_BUDGET_SECONDS = 60.0


def eliminate(
    parametrisation: "Parametrisation", *, backend: str = "auto", timeout: float = DEFAULT_TIMEOUT
) -> list[flint.fmpq_mpoly]:
    """Generators of the ideal of the Zariski closure of the image of ``parametrisation``.

    ``backend``: "singular" (``eliminate`` in a Singular subprocess, limited to ``timeout`` seconds),
    "sympy" (``sympy.groebner`` with the lex order, parameters first; small cases only — larger ones
    are refused with an estimate), or "auto" (Singular when installed, else sympy). Homogeneous ideals
    come back as minimal generating sets, others as reduced Gröbner bases (degrevlex), in
    ``flint.fmpq_mpoly_ctx.get(coordinate_names, "degrevlex")``.

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> f = pattern_parametrisation(Architecture((2, 1, 2)), [[[0]]])
    >>> [str(g) for g in eliminate(f, backend="sympy")] == [str(g) for g in eliminate(f, backend="singular")]
    True
    >>> [str(g) for g in eliminate(f, backend="sympy")]
    ['m_0_0_1*m_0_1_0 - m_0_0_0*m_0_1_1']
    """
    if backend not in ELIMINATION_BACKENDS:
        raise InvalidSpecError(
            f"unknown elimination backend {backend!r}; choose one of {', '.join(ELIMINATION_BACKENDS)}"
        )
    if backend == "auto":
        backend = "singular" if singular_available() else "sympy"
    if backend == "singular":
        generators = eliminate_singular(parametrisation, timeout=timeout)
    else:
        generators = eliminate_sympy(parametrisation)
    return [primitive(g) for g in generators]


def primitive(polynomial: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
    """The polynomial scaled to coprime integer coefficients with a positive leading coefficient.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> print(primitive(-a * b / 3 + 2 * b**2 / 9))
    3*a*b - 2*b^2
    """
    if polynomial.is_zero():
        return polynomial
    coefficients = polynomial.coeffs()
    denominators = math.lcm(*(int(c.q) for c in coefficients))
    numerators = math.gcd(*(int(c.p) for c in coefficients))
    sign = 1 if polynomial.leading_coefficient() > 0 else -1
    return polynomial * flint.fmpq(sign * denominators, numerators)


def estimated_sympy_seconds(parametrisation: "Parametrisation") -> float:
    """A rough estimate of the time sympy's lex Gröbner basis of (y − F(θ)) takes, in seconds.

    Fitted to measured cases (sympy 1.12+, F5B, one core): the time roughly doubles with each variable
    (parameters that occur plus coordinates) and grows 4-fold per extra degree of the coordinates;
    e.g. (2,3,2) blocks {0,1},{1,2}: 0.24 s, (3,2,3) one block: 2.4 s, (2,4,2) three blocks: 34 s,
    (3,3,3) two blocks: over 120 s. Within a factor of about 4; meant to refuse hopeless cases up front.

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> estimated_sympy_seconds(pattern_parametrisation(Architecture((3, 2, 3)), [[[0, 1]]])) < 10
    True
    >>> estimated_sympy_seconds(pattern_parametrisation(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])) > 60
    True
    """
    polynomials = parametrisation.polynomials
    used = sum(1 for degree in _occurring(polynomials, len(parametrisation.parameter_names)) if degree)
    variables = used + len(polynomials)
    degree = max((int(p.total_degree()) for p in polynomials), default=1)
    return 0.6 * 2.0 ** (variables - 20) * 4.0 ** max(0, degree - 2)


def eliminate_sympy(
    parametrisation: "Parametrisation", *, budget_seconds: float = SYMPY_BUDGET_SECONDS
) -> list[flint.fmpq_mpoly]:
    """The elimination ideal by ``sympy.groebner`` (lex, parameters first, F5B), then minimised.

    Raises :class:`ComputationTooLargeError` when :func:`estimated_sympy_seconds` exceeds
    ``budget_seconds``.

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> f = pattern_parametrisation(Architecture((1, 2, 2)), [[[0]], [[0, 1]]])
    >>> eliminate_sympy(f)
    []
    """
    estimate = estimated_sympy_seconds(parametrisation)
    if estimate > budget_seconds:
        raise ComputationTooLargeError(
            f"eliminating {len(parametrisation.parameter_names)} parameters from {parametrisation.ambient_dimension} "
            f"coordinates with sympy is estimated at {_duration(estimate)}, beyond the budget of "
            f"{budget_seconds:g} s; use backend='singular' (Debian/Ubuntu: `apt-get install singular`)"
        )
    # Parameters that occur in no coordinate would only slow the Gröbner basis down.
    used = [i for i, d in enumerate(_occurring(parametrisation.polynomials, len(parametrisation.parameter_names))) if d]
    parameters, coordinates = len(used), parametrisation.ambient_dimension
    gens = sympy.symbols([f"t{i}" for i in range(parameters)] + [f"y{i}" for i in range(coordinates)])
    equations = []
    for index, image in enumerate(parametrisation.polynomials):
        terms = {
            tuple(exponents[i] for i in used) + (0,) * coordinates: -_to_qq(c)
            for exponents, c in image.to_dict().items()
        }
        coordinate = (0,) * parameters + tuple(int(i == index) for i in range(coordinates))
        terms[coordinate] = terms.get(coordinate, QQ(0)) + QQ(1)
        equations.append(sympy.Poly.from_dict(terms, gens, domain=QQ))
    basis = sympy.groebner(equations, *gens, order="lex", method="f5b", domain=QQ).polys if equations else []
    context = flint.fmpq_mpoly_ctx.get(tuple(parametrisation.coordinate_names), "degrevlex")
    # In the lex order with the parameters first, the basis elements free of them generate the elimination ideal.
    eliminated = [
        context.from_dict({monomial[parameters:]: _to_fmpq(c) for monomial, c in poly.terms()})
        for poly in basis
        if all(not any(monomial[:parameters]) for monomial in poly.monoms())
    ]
    from implicitize.backends.ideal_ops import minimal_generators

    return minimal_generators([g for g in eliminated if not g.is_zero()], context, backend="sympy")


def _occurring(polynomials: Sequence[flint.fmpq_mpoly], count: int) -> list[int]:
    """For each parameter, its largest exponent in any of the polynomials."""
    degrees = [0] * count
    for p in polynomials:
        for i, d in enumerate(p.degrees()):
            degrees[i] = max(degrees[i], int(d))
    return degrees


def _to_qq(c: flint.fmpq) -> Any:
    return QQ(int(c.p), int(c.q))


def _to_fmpq(c: sympy.Rational) -> flint.fmpq:
    return flint.fmpq(int(c.p), int(c.q))


def _duration(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds:.0f} s"
    if seconds < 86400 * 365:
        return f"{seconds / 3600:.0f} h"
    return f"10^{math.log10(seconds / (86400 * 365)):.0f} years"
