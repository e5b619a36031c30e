"""A query on a variety as a nonlinear program for SCIP (``pyscipopt``, the ``scip`` extra).

Variables: the coordinates y, and with a parametrisation the parameters θ (and witness inputs of a
pattern variety). Constraints: every generator ``p(y) = 0``; ``y = F(θ)``; the activation-region
sign conditions; the query's linear constraints. There is no objective: SCIP is asked for any
feasible point. SCIP works in floating point with a feasibility tolerance, and has no strict
inequalities: ``z > 0`` is written ``z ≥ epsilon`` (default 10⁻³, well above SCIP's feasibility tolerance 10⁻⁶). Its answers are an independent route, checked
against z3 and cvc5 in the tests; they are not proofs.
"""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any, Sequence

import flint

from architectures.importers.extras import require
from architectures.parametrisation import Parametrisation
from implicitize.export.base import check_exportable, check_parametrisation, polynomial_terms
from implicitize.ideal import IdealResult
from implicitize.export.queries import Query
from implicitize.export.region_constraints import region_system
from implicitize.backends.smt_solvers import Decision

#: SCIP statuses that mean "a feasible point was found" and "proved infeasible".
_FEASIBLE = {"optimal", "feasible", "bestsollimit", "sollimit"}
_INFEASIBLE = {"infeasible"}


def scip_model(
    result: IdealResult,
    query: Query,
    *,
    parametrisation: Parametrisation | None = None,
    equations: bool = True,
    region: bool = True,
    epsilon: float = 1e-3,
) -> Any:
    """The pyscipopt ``Model`` of the query (not yet solved); variables are named like the coordinates."""
    scip = require("pyscipopt", "scip")
    result = check_exportable(result, exporter="scip_model")
    parametrisation = check_parametrisation(result, parametrisation, exporter="scip_model")
    query = query.check(result.coordinate_names)
    model = scip.Model("relu-varieties query")
    model.hideOutput()
    coordinates = {name: model.addVar(name, lb=None) for name in result.coordinate_names}
    y = [coordinates[name] for name in result.coordinate_names]
    if equations:
        for index, generator in enumerate(result.generators):
            model.addCons(_expression(generator, y) == 0, name=f"generator_{index}")
    if parametrisation is not None:
        system = region_system(parametrisation) if region else None
        symbols = system.symbols if system else parametrisation.parameter_names
        variables = [model.addVar(name, lb=None) for name in symbols]
        theta = variables[: parametrisation.parameter_count]
        for name, polynomial in zip(result.coordinate_names, parametrisation.polynomials):
            model.addCons(coordinates[name] == _expression(polynomial, theta), name=f"map_{name}")
        for index, condition in enumerate(system.conditions if system else ()):
            z = _expression(condition.polynomial, variables)
            model.addCons(z >= epsilon if condition.relation == ">" else z <= 0, name=f"region_{index}")
    for index, constraint in enumerate(query.constraints):
        left = sum(float(c) * coordinates[name] for name, c in constraint.coefficients)
        right = float(constraint.constant)
        relation = constraint.relation
        cons = {
            "=": left == right,
            "<=": left <= right,
            ">=": left >= right,
            "<": left <= right - epsilon,
            ">": left >= right + epsilon,
        }[relation]
        model.addCons(cons, name=f"query_{index}")
    return model


def scip_decide(
    result: IdealResult,
    query: Query,
    *,
    parametrisation: Parametrisation | None = None,
    equations: bool = True,
    region: bool = True,
    timeout: float = 60.0,
    epsilon: float = 1e-3,
) -> Decision:
    """Solve :func:`scip_model`; a time limit reached is ``"unknown"``, never ``"unsat"``.

    Examples
    --------
    >>> import pytest; _ = pytest.importorskip("pyscipopt")
    >>> from implicitize.export.queries import point_query
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> result = IdealResult(ctx, (y0 * y1 - 1,), 2, proved="generates")
    >>> scip_decide(result, point_query(["y_0_0", "y_0_1"], [2, "1/2"])).answer
    'sat'
    >>> scip_decide(result, point_query(["y_0_0", "y_0_1"], [2, 1])).answer
    'unsat'
    """
    model = scip_model(
        result, query, parametrisation=parametrisation, equations=equations, region=region, epsilon=epsilon
    )
    model.setParam("limits/time", max(float(timeout), 0.001))
    start = time.perf_counter()
    model.optimize()
    seconds = time.perf_counter() - start
    status = model.getStatus()
    if status in _FEASIBLE:
        solution = model.getBestSol()
        values: dict[str, Fraction | str] = {v.name: repr(model.getSolVal(solution, v)) for v in model.getVars()}
        return Decision("sat", seconds, "scip", detail=status, model=values)
    if status in _INFEASIBLE:
        return Decision("unsat", seconds, "scip", detail=status)
    return Decision("unknown", seconds, "scip", detail=status)


def _expression(polynomial: flint.fmpq_mpoly, variables: Sequence[Any]) -> Any:
    total = 0.0
    for coefficient, exponents in polynomial_terms(polynomial):
        term = float(coefficient)
        for variable, exponent in zip(variables, exponents):
            for _ in range(exponent):
                term = term * variable
        total = total + term
    return total
