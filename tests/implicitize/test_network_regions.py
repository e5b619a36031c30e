"""Linear-region queries on the trained two-moons network: z3 (exact) and Marabou agree, on the
bundle's sat queries (each with a sampled witness) and on unsat ones proved here by interval arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest

pytest.importorskip("onnx", reason="the bundle's network is ONNX (the onnx extra)")
pytest.importorskip("sklearn", reason="the two-moons network is trained with scikit-learn (test extra)")

from architectures import forward_pass
from architectures.patterns import ActivationPattern
from implicitize.export.vnncomp import network_bundle
from implicitize.backends.network_regions import marabou_region_decide, region_smtlib
from implicitize.backends.smt_solvers import z3_decide
from verification_cases import two_moons_network

NETWORK = two_moons_network()
BOX = [(Fraction(-1), Fraction(1))] * 2


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return network_bundle(tmp_path_factory.mktemp("moons") / "bundle", NETWORK, box=BOX)


def _sat_queries(bundle):
    queries = []
    for path in sorted((bundle / "vnnlib").iterdir()):
        text = path.read_text()
        witness = tuple(Fraction(v) for v in text.split("witness x = (")[1].split(")")[0].split(", "))
        queries.append((forward_pass(NETWORK.architecture, NETWORK.theta, [witness]).patterns[0], witness))
    return queries


def _unsat_queries(bundle, count=3):
    """A box of radius 1/64 around a witness, with one neuron flipped whose pre-activation keeps its sign on
    the whole box: |z(x0)| > Σ|w|·(1/64), so the flipped pattern is empty there (exact interval bound)."""
    radius = Fraction(1, 64)
    weight, bias = NETWORK.layers()[0]
    found = []
    for pattern, witness in _sat_queries(bundle):
        for neuron, (row, b) in enumerate(zip(weight, bias)):
            z = sum((w * x for w, x in zip(row, witness)), b)
            if abs(z) > sum(abs(w) for w in row) * radius:
                active = set(pattern.active[0]) ^ {neuron}
                box = [(x - radius, x + radius) for x in witness]
                found.append((ActivationPattern([sorted(active)]), box))
                break
        if len(found) == count:
            return found
    raise AssertionError("no flippable neuron found")


def test_z3_finds_every_sampled_region_and_refutes_the_flipped_ones(bundle):
    sat = _sat_queries(bundle)
    assert len(sat) >= 3
    for pattern, _witness in sat:
        decision = z3_decide(region_smtlib(NETWORK, pattern, BOX), timeout=30)
        assert decision.answer == "sat"
        point = [decision.model[f"x_{i}"] for i in range(2)]
        assert forward_pass(NETWORK.architecture, NETWORK.theta, [point]).patterns[0] == pattern
    for pattern, box in _unsat_queries(bundle):
        assert z3_decide(region_smtlib(NETWORK, pattern, box), timeout=30).answer == "unsat"


def test_marabou_agrees_with_z3_on_the_onnx_bundle(bundle):
    pytest.importorskip("maraboupy", reason="Marabou is the marabou extra (pip install 'relu-varieties[marabou]')")
    onnx_path = bundle / "onnx" / "network.onnx"
    for pattern, _ in _sat_queries(bundle)[:4]:
        decision = marabou_region_decide(onnx_path, NETWORK, pattern, BOX, timeout=60)
        assert decision.answer == "sat", decision
        point = [Fraction(float(decision.model[f"x_{i}"])) for i in range(2)]
        weight, bias = NETWORK.layers()[0]
        z = [sum((w * x for w, x in zip(row, point)), b) for row, b in zip(weight, bias)]
        # Marabou's floating-point simplex: signs hold up to its tolerance
        assert all((value > -1e-7) if k in pattern.active[0] else (value < 1e-7) for k, value in enumerate(z))
    for pattern, box in _unsat_queries(bundle):
        assert marabou_region_decide(onnx_path, NETWORK, pattern, box, timeout=60).answer == "unsat"


def test_marabou_on_the_family_network_is_never_wrong_and_with_the_equations_refutes_every_unsat_query():
    pytest.importorskip("maraboupy", reason="Marabou is the marabou extra (pip install 'relu-varieties[marabou]')")
    from implicitize.backends.marabou_family import marabou_family_decide
    from verification_cases import worked_queries

    answers = {}
    for label, result, parametrisation, query, expected in worked_queries():
        if parametrisation.kind != "output":
            continue
        for equations in (True, False):
            decision = marabou_family_decide(result, parametrisation, query, equations=equations, timeout=20)
            # the weight box only shrinks the search (unsat stays unsat); the sat cases have witnesses inside it
            assert decision.answer in (expected, "unknown"), (label, equations, decision)
            answers[label, equations] = decision.answer
    unsat = [label for label, _, p, _, expected in worked_queries() if p.kind == "output" and expected == "unsat"]
    assert len(unsat) >= 3 and all(answers[label, True] == "unsat" for label in unsat)
