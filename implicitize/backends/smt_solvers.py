"""Deciding an exported SMT-LIB query with z3 or cvc5, with a timeout that never reads as "unsat".

Every answer is a :class:`Decision`: ``"sat"`` (with the model, rationals exact), ``"unsat"``, or
``"unknown"`` (the solver gave up or ran out of time; ``detail`` says which).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction

from architectures.importers.extras import require
from architectures.parametrisation import Parametrisation
from implicitize.export.smtlib import export_smtlib, smtlib_names, smtlib_query
from implicitize.ideal import IdealResult
from implicitize.export.queries import Query

ANSWERS = ("sat", "unsat", "unknown")


@dataclass(frozen=True)
class Decision:
    """A solver's answer; ``model`` maps symbols to exact rationals (or decimal strings when algebraic)."""

    answer: str
    seconds: float
    solver: str
    detail: str = ""
    model: dict[str, Fraction | str] = field(default_factory=dict)


def query_script(
    result: IdealResult,
    query: Query,
    *,
    parametrisation: Parametrisation | None = None,
    equations: bool = True,
    region: bool = True,
) -> str:
    """The SMT-LIB script of ``query`` on the variety (and, when given, its parametrisation and regions).

    Examples
    --------
    >>> import flint
    >>> from implicitize.export.queries import point_query
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0",), "degrevlex")
    >>> result = IdealResult(ctx, (ctx.gens()[0],), 1, proved="generates")
    >>> print(query_script(result, point_query(["y_0_0"], [1])).splitlines()[-2:])
    ['(assert (= Y_0 1.0))', '(check-sat)']
    """
    query = query.check(result.coordinate_names)
    text = export_smtlib(result, parametrisation=parametrisation, region=region, equations=equations)
    return text + smtlib_query(query, smtlib_names(result)) + "(check-sat)\n"


def z3_decide(text: str, *, timeout: float) -> Decision:
    """Run an SMT-LIB script in z3 with ``timeout`` seconds.

    Examples
    --------
    >>> z3_decide("(declare-fun x () Real)(assert (> (* x x) 2.0))(assert (< x 0.0))(check-sat)", timeout=5).answer
    'sat'
    """
    z3 = require("z3", "test")
    solver = z3.Solver()
    solver.set("timeout", max(1, int(timeout * 1000)))
    start = time.perf_counter()
    solver.from_string(text)
    answer = solver.check()
    seconds = time.perf_counter() - start
    if answer == z3.sat:
        model = solver.model()
        return Decision(
            "sat", seconds, "z3", model={str(d): _z3_value(model[d]) for d in model.decls() if d.arity() == 0}
        )
    if answer == z3.unsat:
        return Decision("unsat", seconds, "z3")
    return Decision("unknown", seconds, "z3", detail=solver.reason_unknown())


def cvc5_decide(text: str, *, timeout: float) -> Decision:
    """Run an SMT-LIB script in cvc5 with ``timeout`` seconds (the answer of its last ``check-sat``)."""
    cvc5 = require("cvc5", "test")
    terms = cvc5.TermManager()
    solver = cvc5.Solver(terms)
    solver.setOption("tlimit-per", str(max(1, int(timeout * 1000))))
    symbols = cvc5.SymbolManager(terms)
    parser = cvc5.InputParser(solver, symbols)
    start = time.perf_counter()
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, "query")
    answer = ""
    while not (command := parser.nextCommand()).isNull():
        answer = command.invoke(solver, symbols).strip() or answer
    seconds = time.perf_counter() - start
    if answer in ("sat", "unsat"):
        return Decision(answer, seconds, "cvc5")
    return Decision("unknown", seconds, "cvc5", detail=answer or "no answer")


def _z3_value(value) -> Fraction | str:
    try:
        return Fraction(value.numerator_as_long(), value.denominator_as_long())
    except AttributeError:  # an algebraic number: a decimal approximation, marked as such
        return value.as_decimal(20) if hasattr(value, "as_decimal") else str(value)
