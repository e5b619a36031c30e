"""What every exporter shares: the check that it was given a computed ideal, and exact term lists.

Sits between an :class:`~implicitize.ideal.IdealResult` and the format modules of ``implicitize.export``.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from typing import Any, Sequence, overload

import flint

from architectures.errors import InvalidExportError, NoIdealError
from architectures.parametrisation import Parametrisation
from implicitize.ideal import IdealResult

Term = tuple[Fraction, tuple[int, ...]]

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def check_exportable(result: Any, *, exporter: str) -> IdealResult:
    """Return ``result`` if it is an :class:`IdealResult` that says something; raise otherwise.

    A variety, a parametrisation or ``None`` is refused with the advice to call ``implicitize`` first;
    so is a result with no generators that proves only containment (it carries no equation at all).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0",), "degrevlex")
    >>> check_exportable(IdealResult(ctx, (), 1, proved="contained"), exporter="export_json")
    Traceback (most recent call last):
    ...
    architectures.errors.NoIdealError: export_json was given a result with no generators that proves only containment, so there is no computed ideal to export; run implicitize(variety) until it proves something (e.g. strategy="interpolation")
    """
    if not isinstance(result, IdealResult):
        kind = type(result).__name__
        raise NoIdealError(
            f"{exporter} takes an IdealResult, got {kind}; compute the ideal first: "
            "`from implicitize import implicitize; result = implicitize(variety)`"
        )
    if not result.generators and result.proved.kind == "contained":
        raise NoIdealError(
            f"{exporter} was given a result with no generators that proves only containment, so there is "
            "no computed ideal to export; run implicitize(variety) until it proves something "
            '(e.g. strategy="interpolation")'
        )
    for name in result.coordinate_names:
        if not _IDENTIFIER.match(name):
            raise InvalidExportError(
                f"{exporter}: coordinate name {name!r} is not an identifier (letter, then letters, digits, "
                "underscores); build the result in a context with names such as y_0_1 or m_0_1_2"
            )
    return result


@overload
def check_parametrisation(
    result: IdealResult, parametrisation: Parametrisation, *, exporter: str
) -> Parametrisation: ...
@overload
def check_parametrisation(
    result: IdealResult, parametrisation: Parametrisation | None, *, exporter: str
) -> Parametrisation | None: ...
def check_parametrisation(
    result: IdealResult, parametrisation: Parametrisation | None, *, exporter: str
) -> Parametrisation | None:
    """Return ``parametrisation`` if its coordinates are the result's (or it is ``None``).

    Examples
    --------
    >>> from architectures import Architecture, pattern_parametrisation
    >>> f = pattern_parametrisation(Architecture((1, 1, 1)), [[[0]]])
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0",), "degrevlex")
    >>> check_parametrisation(IdealResult(ctx, (), 1, proved="generates"), f, exporter="export_smtlib")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidExportError: export_smtlib: the parametrisation's coordinates ('m_0_0_0',) are not the result's ('y_0_0',); pass the parametrisation of the variety that was implicitized
    """
    if parametrisation is None:
        return None
    if not isinstance(parametrisation, Parametrisation):
        raise InvalidExportError(
            f"{exporter}: parametrisation must be an architectures.Parametrisation (e.g. "
            f"variety.parametrisation), got {type(parametrisation).__name__}"
        )
    if tuple(parametrisation.coordinate_names) != result.coordinate_names:
        raise InvalidExportError(
            f"{exporter}: the parametrisation's coordinates {tuple(parametrisation.coordinate_names)} are not "
            f"the result's {result.coordinate_names}; pass the parametrisation of the variety that was "
            "implicitized"
        )
    return parametrisation


def polynomial_terms(polynomial: flint.fmpq_mpoly) -> list[Term]:
    """The exact terms ``(coefficient, exponents)`` of a polynomial, leading term first.

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> polynomial_terms(3 * a**2 * b / 4 - 1)
    [(Fraction(3, 4), (2, 1)), (Fraction(-1, 1), (0, 0))]
    """
    terms = [
        (Fraction(int(c.p), int(c.q)), tuple(int(e) for e in exponents))
        for exponents, c in polynomial.to_dict().items()
    ]
    # python-flint returns terms in the ring's order; sort again so the output never depends on it.
    return sorted(terms, key=lambda term: (sum(term[1]), term[1]), reverse=True)


def infix(polynomial: flint.fmpq_mpoly, names: Sequence[str], *, power: str = "^") -> str:
    """The polynomial in the infix syntax Singular, Macaulay2 and sympy share (``power`` may be ``**``).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> infix(3 * a**2 * b / 4 - b + 1, ["a", "b"])
    '3/4*a^2*b - b + 1'
    """
    pieces: list[str] = []
    for coefficient, exponents in polynomial_terms(polynomial):
        factors = [name if e == 1 else f"{name}{power}{e}" for name, e in zip(names, exponents) if e]
        magnitude = abs(coefficient)
        if not factors:
            body = str(magnitude)
        elif magnitude == 1:
            body = "*".join(factors)
        else:
            body = "*".join([str(magnitude)] + factors)
        sign = "-" if coefficient < 0 else "+"
        if pieces:
            pieces.append(f"{sign} {body}")
        else:
            pieces.append(body if sign == "+" else f"-{body}")
    return " ".join(pieces) or "0"


def proof_line(result: IdealResult) -> str:
    """What the result proves, on one line (comments in every format are single lines).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0",), "degrevlex")
    >>> proof_line(IdealResult(ctx, (ctx.gens()[0],), 1, proved="generates", route="by hand,\\nline two"))
    'ideal of a variety in Q^1, 1 generator(s); proved: generates (by hand, line two)'
    """
    route = comment_text(result.route)
    return (
        f"ideal of a variety in Q^{result.ambient_dimension}, {len(result.generators)} generator(s); "
        f"proved: {comment_text(str(result.proved))}" + (f" ({route})" if route else "")
    )


def comment_text(text: str) -> str:
    """``text`` safe inside a one-line comment of any target: every line break, control or format
    character (any Unicode category C, and the line and paragraph separators) becomes a space.

    Examples
    --------
    >>> comment_text("a\\r\\nb\\u2028c\\x1bd\\u202ee")
    'a b c d e'
    """
    return " ".join(
        "".join(
            " " if unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp") else ch for ch in text
        ).split()
    )
