"""The same worked queries decided by z3, cvc5 and SCIP (three sat, four unsat, proved by hand in
verification_cases); a timeout reads "unknown", never "unsat"."""

from __future__ import annotations

import flint
import pytest

from implicitize.backends.scip_program import scip_decide
from implicitize.backends.smt_solvers import cvc5_decide, query_script, z3_decide
from verification_cases import two_moons_queries, worked_queries

pytest.importorskip("sklearn", reason="the two-moons network is trained with scikit-learn (test extra)")
CASES = worked_queries() + two_moons_queries()
IDS = [case[0] for case in CASES]


def _keeps_parameters(parametrisation) -> bool:
    # Output varieties: the parametrisation and regions too; the three cubics: their equations alone.
    return parametrisation.kind == "output"


def test_the_worked_queries_have_three_sat_and_three_unsat_and_the_off_point_is_off():
    answers = [case[4] for case in CASES]
    assert answers.count("sat") >= 3 and answers.count("unsat") >= 3
    result, _, query = CASES[1][1], CASES[1][2], CASES[1][3]
    point = [flint.fmpq(c.constant.numerator, c.constant.denominator) for c in query.constraints]
    assert any(g(*point) != 0 for g in result.generators)  # exact evaluation: off the variety


@pytest.mark.parametrize("solver", ["z3", "cvc5"])
@pytest.mark.parametrize("label, result, parametrisation, query, expected", CASES, ids=IDS)
@pytest.mark.slow
def test_smt_solvers_decide_the_worked_queries(solver, label, result, parametrisation, query, expected):
    keep = parametrisation if _keeps_parameters(parametrisation) else None
    text = query_script(result, query, parametrisation=keep)
    decision = (z3_decide if solver == "z3" else cvc5_decide)(text, timeout=30)
    assert decision.answer == expected, decision


@pytest.mark.parametrize("label, result, parametrisation, query, expected", CASES, ids=IDS)
@pytest.mark.slow
def test_scip_agrees_with_z3_on_the_nonlinear_program(label, result, parametrisation, query, expected):
    pytest.importorskip("pyscipopt", reason="SCIP is the scip extra (pip install 'relu-varieties[scip]')")
    keep = parametrisation if _keeps_parameters(parametrisation) else None
    decision = scip_decide(result, query, parametrisation=keep, timeout=60)
    assert decision.answer == expected, decision
    z3_answer = z3_decide(query_script(result, query, parametrisation=keep), timeout=30).answer
    assert decision.answer == z3_answer


SAT_OUTPUT = [case for case in CASES if case[4] == "sat" and case[2].kind == "output"]


@pytest.mark.parametrize(
    "label, result, parametrisation, query, expected", SAT_OUTPUT, ids=[case[0] for case in SAT_OUTPUT]
)
def test_a_z3_model_of_a_sat_query_is_a_network_realising_it(label, result, parametrisation, query, expected):
    from architectures import forward_pass
    from implicitize.export.onnx import family_data

    decision = z3_decide(query_script(result, query, parametrisation=parametrisation), timeout=30)
    assert decision.answer == "sat"
    theta = [decision.model[name] for name in parametrisation.parameter_names]
    points = family_data(parametrisation)
    run = forward_pass(parametrisation.architecture, theta, points)
    values = dict(zip(parametrisation.coordinate_names, [v for row in run.output_matrix() for v in row]))
    assert all(c.holds(values) for c in query.constraints)
    blocks = {int(j): k for k, positions in enumerate(parametrisation.positions) for j in positions[0]}
    assert list(run.patterns) == [parametrisation.patterns[blocks[j]] for j in range(len(points))]


def test_a_timeout_is_unknown_never_unsat():
    # The three cubics without their equations: z3 must eliminate θ itself (seconds to minutes).
    label, result, parametrisation, query, expected = CASES[1]
    text = query_script(result, query, parametrisation=parametrisation, equations=False, region=False)
    decision = z3_decide(text, timeout=0.05)
    assert decision.answer == "unknown" and decision.answer != "unsat", decision
    pytest.importorskip("pyscipopt", reason="SCIP is the scip extra")
    scip = scip_decide(result, query, parametrisation=parametrisation, equations=False, region=False, timeout=0.01)
    assert scip.answer == "unknown" and scip.detail in ("timelimit", "userinterrupt"), scip


@pytest.mark.parametrize("module, extra", [("pyscipopt", "scip"), ("maraboupy", "marabou")])
def test_a_missing_solver_package_names_its_extra(monkeypatch, module, extra):
    import sys
    from architectures.errors import MissingExtraError
    from implicitize.backends.marabou_family import marabou_family_decide

    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    label, result, parametrisation, query, _ = CASES[4]
    decide = scip_decide if module == "pyscipopt" else marabou_family_decide
    with pytest.raises(MissingExtraError, match=rf"relu-varieties\[{extra}\]"):
        if module == "pyscipopt":
            decide(result, query, parametrisation=parametrisation)
        else:
            decide(result, parametrisation, query)
