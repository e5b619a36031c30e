"""The varieties of a trained network on data, checked by other routes: float forward passes, the
framework's own outputs, exact substitution into the ideal, a float LP for (un)realisability."""

from __future__ import annotations

import json
import time
import warnings
from fractions import Fraction

import flint
import numpy as np
import pytest

from architectures import load_spec
from architectures.data_file import load_data
from architectures.errors import BoundaryPointError, RealisabilityWarning
from architectures.network_file import Network
from architectures.realisability import decide_assignment
from implicitize import implicitize
from implicitize.cli import main
from reference import pattern_coordinates
from varieties import OutputVariety
from varieties.network_variety import network_varieties


def moons(count: int, seed: int) -> np.ndarray:
    """Two interleaved half circles with noise, rounded to two decimals (exact as decimal strings)."""
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, count)
    upper = rng.integers(0, 2, count)
    x = np.where(upper, np.cos(t), 1 - np.cos(t))
    y = np.where(upper, np.sin(t), 0.5 - np.sin(t))
    return np.round(np.stack([x, y], axis=1) + rng.normal(0, 0.1, (count, 2)), 2), upper


def train(points: np.ndarray, labels: np.ndarray, hidden: int = 3, steps: int = 400) -> list[np.ndarray]:
    """A (2, hidden, 1) ReLU network trained by full-batch gradient descent on the logistic loss (float32)."""
    rng = np.random.default_rng(0)
    w1, b1 = rng.normal(0, 1, (hidden, 2)), rng.normal(0, 0.5, hidden)
    w2, b2 = rng.normal(0, 1, (1, hidden)), np.zeros(1)
    for _ in range(steps):
        pre = points @ w1.T + b1
        hid = np.maximum(pre, 0)
        logit = (hid @ w2.T + b2)[:, 0]
        grad = (1 / (1 + np.exp(-logit)) - labels)[:, None] / len(points)
        gw2, gb2 = grad.T @ hid, grad.sum(0)
        ghid = (grad @ w2) * (pre > 0)
        gw1, gb1 = ghid.T @ points, ghid.sum(0)
        w1, b1, w2, b2 = w1 - 0.5 * gw1, b1 - 0.5 * gb1, w2 - 0.5 * gw2, b2 - 0.5 * gb2
    return [a.astype(np.float32) for a in (w1, b1, w2, b2)]


@pytest.fixture(scope="module")
def trained():
    points, labels = moons(24, seed=3)
    w1, b1, w2, b2 = train(points, labels)
    network = Network.from_weights([w1.tolist(), w2.tolist()], [b1.tolist(), b2.tolist()], allow_float=True)
    data = [[str(v) for v in point] for point in points.tolist()]
    return network, data, (w1, b1, w2, b2)


def float_forward(weights, points: np.ndarray):
    """Hidden patterns (active sets) and outputs by a float64 numpy pass."""
    w1, b1, w2, b2 = (a.astype(np.float64) for a in weights)
    pre = points @ w1.T + b1
    return [sorted(np.flatnonzero(row > 0).tolist()) for row in pre], np.maximum(pre, 0) @ w2.T + b2


def value(polynomial, point) -> flint.fmpq:
    """The polynomial at an exact point."""
    return polynomial(*[flint.fmpq(v.numerator, v.denominator) for v in point])


def exact_floats(data) -> np.ndarray:
    return np.array([[float(Fraction(v)) for v in point] for point in data])


def test_patterns_and_outputs_match_a_float_forward_pass(trained):
    network, data, weights = trained
    result = network_varieties(network, data)
    active, outputs = float_forward(weights, exact_floats(data))
    assert [result.patterns[k].as_lists() for k in result.assignment.assignment] == [[a] for a in active]
    assert len(result.patterns) > 1 and sum(result.counts) == len(data) and not result.boundary
    y = np.array([float(v) for v in result.output_point()]).reshape(1, -1)
    np.testing.assert_allclose(y, outputs.T, rtol=1e-9, atol=1e-9)


@pytest.mark.slow
def test_generators_vanish_at_the_networks_outputs_and_not_off_them(trained):
    network, data, _ = trained
    result = network_varieties(network, data)
    ideal = implicitize(result.output_variety)
    point = [Fraction(v) for v in result.output_point()]
    assert ideal.generators, "blocks of more than 3 points in the plane give linear relations"
    assert all(value(g, point) == 0 for g in ideal.generators)
    moved = list(point)
    moved[0] += 1
    assert any(value(g, moved) != 0 for g in ideal.generators)
    # the pattern variety: its point computed by the reference (independent) evaluation of the blocks
    pattern_point = pattern_coordinates(
        network.architecture.widths, True, network.theta, [p.as_lists() for p in result.patterns]
    )
    assert list(result.pattern_point()) == pattern_point
    pattern_ideal = implicitize(result.pattern_variety)
    assert all(value(g, pattern_point) == 0 for g in pattern_ideal.generators)


def test_boundary_points_are_reported_dropped_or_refused():
    network = Network.from_weights([[[1, -1], [2, 1]], [[1, 1]]], [[0, 1], [0]])
    data = [[1, 2], ["1/2", "1/2"], [3, -1]]  # point 1 has x - y = 0 exactly
    result = network_varieties(network, data)
    assert [(b.point, b.layer, b.neuron) for b in result.boundary] == [(1, 0, 0)]
    assert result.warnings and result.assignment.point_count == 3
    assert result.patterns[result.assignment.assignment[1]].as_lists() == [[1]]  # the zero neuron is inactive
    assert network_varieties(network, data, on_boundary="drop").point_indices == (0, 2)
    with pytest.raises(BoundaryPointError, match="point 1: hidden layer 1, neuron 0"):
        network_varieties(network, data, on_boundary="error")


@pytest.mark.slow
def test_cli_spec_round_trip(trained, tmp_path, capsys):
    network, data, _ = trained
    net, points, spec = tmp_path / "net.json", tmp_path / "x.json", tmp_path / "spec.json"
    net.write_text(json.dumps(network.to_json()))
    points.write_text(json.dumps(data))
    assert main(["network-variety", str(net), str(points), "--json", "-o", str(spec)]) == 0
    summary = json.loads(capsys.readouterr().out)
    loaded = load_spec(spec)
    assert loaded.to_json() == summary["output_spec"]
    assert list(loaded.assignment.assignment) == summary["assignment"]
    assert main(["dimension", str(spec), "--json", "--require-realisable"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["dimension"] == summary["dimensions"]["output"]["dimension"]
    assert "warning" not in err
    assert main(["implicitize", str(spec), "--json", "--no-cache"]) == 0
    generators = json.loads(capsys.readouterr().out)["generators"]
    expected = implicitize(network_varieties(network, data).output_variety)
    assert len(generators) == len(expected.generators)
    assert main(["export", str(spec), "--format", "json", "-o", str(tmp_path / "ideal.json")]) == 0
    exported = json.loads((tmp_path / "ideal.json").read_text())
    assert exported and "wrote" in capsys.readouterr().out
    assert main(["network-variety", str(net), str(points), "--implicitize"]) == 0
    text = capsys.readouterr().out
    assert f"{len(network_varieties(network, data).patterns)} activation pattern(s)" in text and "= 0" in text
    assert main(["network-variety", str(net), str(points), "--json", "--max-pattern-blocks", "1"]) == 0
    bounded = json.loads(capsys.readouterr().out)
    assert set(bounded["dimensions"]) == {"output"} and any("--max-pattern-blocks" in n for n in bounded["notes"])


def torch_patterns(model, torch, points: np.ndarray) -> list[list[list[int]]]:
    """The hidden patterns by the framework's own float pass, layer by layer."""
    patterns = [[] for _ in points]
    values = torch.from_numpy(points.astype(np.float32))
    with torch.no_grad():
        for layer in model:
            values = layer(values)
            if isinstance(layer, torch.nn.Linear) and layer is not model[-1]:
                for row, pre in zip(patterns, values.numpy()):
                    row.append(sorted(np.flatnonzero(pre > 0).tolist()))
    return patterns


@pytest.mark.slow
def test_torch_file_round_trip(tmp_path, capsys):
    torch = pytest.importorskip("torch", reason="the .pt round trip needs torch (extra [torch])")
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)
    ).eval()
    torch.save(model, tmp_path / "net.pt")
    x = np.random.default_rng(2).standard_normal((30, 3)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    assert main(["network-variety", str(tmp_path / "net.pt"), str(tmp_path / "x.npy"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert [summary["patterns"][k] for k in summary["assignment"]] == torch_patterns(model, torch, x)
    assert any("binary floats" in note for note in summary["notes"])
    outputs = np.array([[float(Fraction(v)) for v in row] for row in summary["outputs"]])
    np.testing.assert_allclose(outputs, model(torch.from_numpy(x)).detach().numpy(), rtol=1e-5, atol=1e-5)


def test_onnx_file_round_trip(tmp_path, capsys):
    onnx = pytest.importorskip("onnx", reason="the .onnx round trip needs onnx (extra [onnx])")
    ort = pytest.importorskip("onnxruntime", reason="the check against onnxruntime needs it (extra [onnx])")
    h, numpy_helper = onnx.helper, onnx.numpy_helper
    rng = np.random.default_rng(4)
    w1, b1 = rng.standard_normal((4, 2)).astype(np.float32), rng.standard_normal(4).astype(np.float32)
    w2, b2 = rng.standard_normal((1, 4)).astype(np.float32), rng.standard_normal(1).astype(np.float32)
    inits = [numpy_helper.from_array(a, name) for a, name in ((w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2"))]
    nodes = [
        h.make_node("Gemm", ["x", "w1", "b1"], ["h"], transB=1),
        h.make_node("Relu", ["h"], ["r"]),
        h.make_node("Gemm", ["r", "w2", "b2"], ["y"], transB=1),
    ]
    graph = h.make_graph(
        nodes,
        "net",
        [h.make_tensor_value_info("x", onnx.TensorProto.FLOAT, ["N", 2])],
        [h.make_tensor_value_info("y", onnx.TensorProto.FLOAT, ["N", 1])],
        inits,
    )
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(tmp_path / "net.onnx"))
    x = np.round(rng.standard_normal((20, 2)), 2)
    (tmp_path / "x.json").write_text(json.dumps([[str(v) for v in p] for p in x.tolist()]))
    assert main(["network-variety", str(tmp_path / "net.onnx"), str(tmp_path / "x.json"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    active, _ = float_forward((w1, b1, w2, b2), x)
    assert [summary["patterns"][k] for k in summary["assignment"]] == [[a] for a in active]
    runner = ort.InferenceSession(model.SerializeToString())
    expected = runner.run(None, {"x": x.astype(np.float32)})[0]
    outputs = np.array([[float(Fraction(v)) for v in row] for row in summary["outputs"]])
    np.testing.assert_allclose(outputs, expected, rtol=1e-5, atol=1e-5)


#: Neuron 0 active on (1, 0) and on (−1, 0) without a bias: w_1 > 0 and −w_1 > 0, impossible.
UNREALISABLE = {
    "widths": [2, 2, 1],
    "bias": False,
    "variety": "output",
    "patterns": [[[0]]],
    "data": [[1, 0], [-1, 0], [0, 1]],
    "assignment": [0, 0, 0],
}


def first_layer_feasible_by_float_lp(spec: dict) -> bool:
    """Each first-layer neuron's system (active: w·x + b ≥ 1, inactive: ≤ 0) by scipy's float LP."""
    scipy_optimize = pytest.importorskip("scipy.optimize", reason="the independent LP check needs scipy")
    x = np.array(spec["data"], dtype=float)
    if spec["bias"]:
        x = np.hstack([x, np.ones((len(x), 1))])
    for neuron in range(spec["widths"][1]):
        active = np.array([neuron in spec["patterns"][k][0] for k in spec["assignment"]])
        a = np.where(active[:, None], -x, x)
        b = np.where(active, -1.0, 0.0)
        answer = scipy_optimize.linprog(np.zeros(x.shape[1]), A_ub=a, b_ub=b, bounds=(None, None))
        if answer.status == 2:
            return False
    return True


def test_unrealisable_assignment_warns_and_the_flag_refuses_it(tmp_path, capsys):
    assert not first_layer_feasible_by_float_lp(UNREALISABLE)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(UNREALISABLE))
    with pytest.warns(RealisabilityWarning, match="no network of these widths"):
        variety = OutputVariety(load_spec(spec).architecture, UNREALISABLE["data"], [0, 0, 0], [[[0]]])
    assert variety.realisability.realisable is False and variety.warnings
    for _ in range(2):  # once per run, in every run
        assert main(["dimension", str(spec)]) == 0
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("relu-varieties: warning: no network of these widths")
    for command in (["dimension"], ["implicitize", "--no-cache"], ["export", "--format", "json"]):
        assert main([command[0], str(spec), *command[1:], "--require-realisable"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1
        assert err.startswith("relu-varieties: error:") and "--require-realisable" in err


def test_realisable_assignment_does_not_warn(tmp_path, capsys):
    rng = np.random.default_rng(5)
    w1, b1 = rng.integers(-3, 4, (3, 2)), rng.integers(-2, 3, 3)
    x = rng.integers(-5, 6, (8, 2))
    active, _ = float_forward((w1, b1, np.ones((1, 3)), np.zeros(1)), x)  # a network takes these patterns
    patterns = sorted({tuple(a) for a in active})
    spec = {
        "widths": [2, 3, 1],
        "bias": True,
        "variety": "output",
        "patterns": [[list(p)] for p in patterns],
        "data": x.tolist(),
        "assignment": [patterns.index(tuple(a)) for a in active],
    }
    assert first_layer_feasible_by_float_lp(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RealisabilityWarning)
        variety = OutputVariety(load_spec(spec).architecture, spec["data"], spec["assignment"], spec["patterns"])
    assert variety.realisability.realisable is True and variety.warnings == ()
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    assert main(["dimension", str(path), "--require-realisable"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_the_budget_answers_undecided_instead_of_hanging(tmp_path, capsys):
    rng = np.random.default_rng(6)
    x = rng.standard_normal((60, 6)).astype(np.float32).astype(float)
    network = Network.from_weights(
        [
            rng.standard_normal((8, 6)).tolist(),
            rng.standard_normal((8, 8)).tolist(),
            rng.standard_normal((2, 8)).tolist(),
        ],
        [[0] * 8, [0] * 8, [0, 0]],
        allow_float=True,
    )
    result = network_varieties(network, [[Fraction(v) for v in p] for p in x])
    started = time.perf_counter()
    answer = decide_assignment(
        network.architecture, result.patterns, result.data, result.assignment.assignment, budget=20_000
    )
    assert answer.realisable is None and "budget" in answer.reason
    assert time.perf_counter() - started < 5
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(result.output_spec().to_json()))
    assert main(["dimension", str(path), "--require-realisable", "--realisability-budget", "20000", "--json"]) == 0
    assert "not decided" in capsys.readouterr().err


def test_data_files_read_exactly(tmp_path):
    (tmp_path / "x.csv").write_text("# x, y\n0.5,1\n-2,0.1\n")
    np.save(tmp_path / "x.npy", np.array([[0.5, 1.0], [-2.0, 0.1]]))
    (tmp_path / "x.json").write_text('[[0.5, 1], [-2, "1/10"]]')
    csv, npy, js = (load_data(tmp_path / name) for name in ("x.csv", "x.npy", "x.json"))
    assert csv.points == npy.points and csv.points[1][1] == Fraction(0.1) != Fraction(1, 10)
    assert js.points[1][1] == Fraction(1, 10) and js.notes and csv.notes
    (tmp_path / "int.json").write_text('[[1, 2], ["3/4", "0.25"]]')
    assert load_data(tmp_path / "int.json").notes == ()
