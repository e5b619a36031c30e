"""Printing python-flint polynomials as sympy syntax and as LaTeX, without building sympy expressions.

sympy's printers expand and sort an expression tree first, which dominates the cost of printing a few
hundred cubics; python-flint's own ``str`` is already sympy syntax up to ``^`` for powers, and the
LaTeX printer below walks the exact terms once, in the ring's monomial order.
"""

from __future__ import annotations

from typing import Callable

import flint

from varieties.minors import to_sympy_string


def sympy_text(polynomial: flint.fmpq_mpoly) -> str:
    """The polynomial in sympy syntax (``**`` for powers; ``sympy.sympify`` reads it back exactly).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y, z = ctx.gens()
    >>> sympy_text(y**2 * z / 3 - flint.fmpq(3, 4) * z + 1)
    '1/3*y_0_0**2*y_0_1 - 3/4*y_0_1 + 1'
    """
    # python-flint prints rationals as p/q and products with *, the only difference from sympy is ^;
    # one implementation, shared with the minors the command line prints
    return to_sympy_string(polynomial)


def sympy_latex_name(name: str) -> str:
    """A coordinate name as ``sympy.latex`` prints the symbol: ``y_0_1`` → ``y_{0 1}``.

    Examples
    --------
    >>> sympy_latex_name("y_0_1"), sympy_latex_name("m_2_0_1"), sympy_latex_name("t")
    ('y_{0 1}', 'm_{2 0 1}', 't')
    """
    base, _, subscript = name.partition("_")
    return f"{base}_{{{subscript.replace('_', ' ')}}}" if subscript else base


def latex_text(polynomial: flint.fmpq_mpoly, name: Callable[[str], str] = sympy_latex_name) -> str:
    """The polynomial in LaTeX, terms in the ring's monomial order, coordinates printed by ``name``.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y, z = ctx.gens()
    >>> latex_text(y**2 * z / 3 - 2 * z + 1)
    '\\\\frac{1}{3} y_{0 0}^{2} y_{0 1} - 2 y_{0 1} + 1'
    >>> latex_text(-y * z), latex_text(ctx.from_dict({}))
    ('- y_{0 0} y_{0 1}', '0')
    """
    names = [name(n) for n in polynomial.context().names()]
    pieces: list[str] = []
    for exponents, coefficient in zip(polynomial.monoms(), polynomial.coeffs()):
        numerator, denominator = int(coefficient.p), int(coefficient.q)
        monomial = " ".join(names[i] if e == 1 else f"{names[i]}^{{{e}}}" for i, e in enumerate(exponents) if e)
        magnitude = abs(numerator)
        if denominator != 1:
            factor = rf"\frac{{{magnitude}}}{{{denominator}}}"
        elif magnitude != 1 or not monomial:
            factor = str(magnitude)
        else:
            factor = ""
        body = " ".join(part for part in (factor, monomial) if part)
        sign = "-" if numerator < 0 else "+"
        pieces.append(f"{sign} {body}" if pieces or sign == "-" else body)
    return " ".join(pieces) or "0"
