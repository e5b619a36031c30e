"""SMT-LIB 2 (logic QF_NRA) export of an ideal, optionally with the parametrisation and its real region.

Last step of the data flow for verification tools: z3, cvc5 and VNN-LIB style queries read this text.

Without a parametrisation the script declares each output coordinate as a ``Real`` and asserts every
generator ``= 0``: a model is a real point of the variety. With a parametrisation (``parameters kept``)
it also declares the parameters θ, asserts ``y = F(θ)``, and (``region=True``) the sign conditions that
put each point in its activation region: for each hidden layer l, the pre-activation
``z_l = W_l a_{l-1} + b_l`` (a polynomial in θ and the data, ``a_l = D_l z_l``) is ``> 0`` at active and
``<= 0`` at inactive neurons. Pattern varieties have no data, so each block k gets witness inputs
``x_k_i`` that must realise its pattern: a model is then a tuple of affine maps that a real network
realises on non-empty activation regions.

Names: coordinates keep their names (``y_i_j``, ``m_k_i_j``) except that an output variety with one
output per point uses VNN-LIB's ``Y_j`` (``names="vnnlib"``, the default when it applies).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Callable, Sequence

import flint

from architectures.errors import InvalidExportError
from architectures.parametrisation import Parametrisation
from implicitize.export.base import check_exportable, check_parametrisation, polynomial_terms, proof_line
from implicitize.ideal import IdealResult
from implicitize.export.reserved_names import SMTLIB
from implicitize.export.queries import Query
from implicitize.export.region_constraints import region_system

_SINGLE_OUTPUT = re.compile(r"y_0_(\d+)\Z")


def smtlib_names(result: IdealResult, names: str = "auto") -> dict[str, str]:
    """The SMT-LIB symbol of each coordinate: itself, or VNN-LIB's ``Y_j`` for ``y_0_j``.

    ``names`` is ``"coordinates"`` (keep), ``"vnnlib"`` (``Y_j``; only for one output per point) or
    ``"auto"`` (``"vnnlib"`` when every coordinate is ``y_0_j``).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> smtlib_names(IdealResult(ctx, (), 2, proved="generates"))
    {'y_0_0': 'Y_0', 'y_0_1': 'Y_1'}
    """
    coordinates = result.coordinate_names
    reserved = sorted(SMTLIB & set(coordinates))
    if reserved:
        raise InvalidExportError(f"SMT-LIB reserves the symbol(s) {reserved[:5]}; rename the coordinates (e.g. y_0_1)")
    single = all(_SINGLE_OUTPUT.match(name) for name in coordinates)
    if names not in ("auto", "coordinates", "vnnlib"):
        raise InvalidExportError(f'names must be "auto", "coordinates" or "vnnlib", got {names!r}')
    if names == "vnnlib" and not single:
        raise InvalidExportError(
            "VNN-LIB names Y_j need one output per point (coordinates y_0_j), but the coordinates are "
            f'{coordinates[:4]}…; use names="coordinates"'
        )
    if names == "coordinates" or not single:
        return {name: name for name in coordinates}
    return {name: "Y_" + name[len("y_0_") :] for name in coordinates}  # every name matched _SINGLE_OUTPUT


def real_literal(value: Fraction) -> str:
    """An exact rational as an SMT-LIB ``Real`` term (decimal numerals, so strict solvers accept it).

    Examples
    --------
    >>> real_literal(Fraction(-3, 4)), real_literal(Fraction(2))
    ('(- (/ 3.0 4.0))', '2.0')
    """
    value = Fraction(value)
    magnitude = abs(value)
    body = (
        f"{magnitude.numerator}.0"
        if magnitude.denominator == 1
        else (f"(/ {magnitude.numerator}.0 {magnitude.denominator}.0)")
    )
    return f"(- {body})" if value < 0 else body


def smtlib_term(
    polynomial: flint.fmpq_mpoly, symbols: Sequence[str], literal: Callable[[Fraction], str] | None = None
) -> str:
    """A polynomial as an SMT-LIB term over ``symbols`` (powers written as repeated products).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> smtlib_term(a**2 * b / 2 - 1, ["a", "b"])
    '(+ (* (/ 1.0 2.0) a a b) (- 1.0))'
    """
    pieces = []
    for coefficient, exponents in polynomial_terms(polynomial):
        factors = [symbol for symbol, e in zip(symbols, exponents) for _ in range(e)]
        if coefficient != 1 or not factors:
            factors.insert(0, (literal or real_literal)(coefficient))
        pieces.append(factors[0] if len(factors) == 1 else f"(* {' '.join(factors)})")
    if not pieces:
        return "0.0"
    return pieces[0] if len(pieces) == 1 else f"(+ {' '.join(pieces)})"


def export_smtlib(
    result: IdealResult,
    *,
    parametrisation: Parametrisation | None = None,
    region: bool = True,
    names: str = "auto",
    check_sat: bool = False,
    equations: bool = True,
) -> str:
    """The ideal as an SMT-LIB 2 script (QF_NRA): its real points are the models.

    ``parametrisation`` keeps the parameters: θ is declared, ``y = F(θ)`` asserted and, with
    ``region``, the activation-region sign conditions. ``check_sat`` appends ``(check-sat)``; leave it
    off to append your own assertions (a query) first. ``equations=False`` leaves the generators out (the
    parametrisation alone: what a solver must work with when it is not given the equations).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> result = IdealResult(ctx, (y1 - 2 * y0,), 2, dimension=1, proved="generates", route="example")
    >>> print(export_smtlib(result))  # doctest: +NORMALIZE_WHITESPACE
    ; relu-varieties: ideal of a variety in Q^2, 1 generator(s); proved: generates (example)
    ; coordinates: y_0_0 -> Y_0, y_0_1 -> Y_1
    (set-logic QF_NRA)
    (declare-fun Y_0 () Real)
    (declare-fun Y_1 () Real)
    (assert (= (+ (* (- 2.0) Y_0) Y_1) 0.0))
    """
    result = check_exportable(result, exporter="export_smtlib")
    parametrisation = check_parametrisation(result, parametrisation, exporter="export_smtlib")
    symbols = smtlib_names(result, names)
    coordinates = [symbols[name] for name in result.coordinate_names]
    lines = [
        f"; relu-varieties: {proof_line(result)}",
        "; coordinates: " + ", ".join(f"{name} -> {symbol}" for name, symbol in symbols.items()),
        "(set-logic QF_NRA)",
    ]
    lines += [f"(declare-fun {symbol} () Real)" for symbol in coordinates]
    if equations:  # off: the parametrisation alone, what a solver must use without our equations
        lines += [f"(assert (= {smtlib_term(g, coordinates)} 0.0))" for g in result.generators]
    if parametrisation is not None:
        lines += _parameter_lines(parametrisation, coordinates, region)
    if check_sat:
        lines.append("(check-sat)")
    return "\n".join(lines) + "\n"


def _parameter_lines(parametrisation: Parametrisation, coordinates: Sequence[str], region: bool) -> list[str]:
    parameters = list(parametrisation.parameter_names)
    lines = [f"; parameters kept: {parametrisation!r}; y = F(theta)"]
    lines += [f"(declare-fun {name} () Real)" for name in parameters]
    for symbol, polynomial in zip(coordinates, parametrisation.polynomials):
        lines.append(f"(assert (= {symbol} {smtlib_term(polynomial, parameters)}))")
    if not region:
        return lines
    system = region_system(parametrisation)
    if system.witnesses:
        lines.append("; activation regions: each block k has a witness input x_k_i realising its pattern")
        lines += [f"(declare-fun {name} () Real)" for name in system.witnesses]
    else:
        lines.append("; activation regions: pre-activation > 0 at active, <= 0 at inactive neurons")
    for condition in system.conditions:
        lines.append(f"(assert ({condition.relation} {smtlib_term(condition.polynomial, system.symbols)} 0.0))")
    return lines


def smtlib_query(query: Query, symbols: dict[str, str]) -> str:
    """A :class:`~implicitize.export.queries.Query` as SMT-LIB assertions, coordinates renamed by ``symbols``.

    Examples
    --------
    >>> from implicitize.export.queries import point_query
    >>> print(smtlib_query(point_query(["y_0_0"], ["1/2"]), {"y_0_0": "Y_0"}), end="")
    (assert (= Y_0 (/ 1.0 2.0)))
    """
    lines = []
    for constraint in query.constraints:
        terms = [
            symbols[name] if c == 1 else f"(* {real_literal(c)} {symbols[name]})" for name, c in constraint.coefficients
        ]
        left = terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"
        lines.append(f"(assert ({constraint.relation} {left} {real_literal(constraint.constant)}))")
    return "".join(line + "\n" for line in lines)
