"""Importers of trained networks, checked against each framework's own forward pass."""

from __future__ import annotations

import json
import sys
from fractions import Fraction

import numpy as np
import pytest

from architectures import FloatWeightsWarning, MissingExtraError, UnsupportedLayerError, forward_pass, load_network
from architectures.importers import from_onnx, from_sklearn, from_torch, from_torch_state_dict
from implicitize.cli import main

WIDTHS = (3, 5, 4, 2)


def exact_outputs(network, points: np.ndarray) -> np.ndarray:
    data = [[Fraction(float(x)) for x in p] for p in points]
    return np.array(
        [[float(y) for y in row] for row in forward_pass(network.architecture, network.theta, data).outputs]
    )


def points(seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((100, WIDTHS[0])).astype(np.float32)


def torch_model():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)
    ).eval()


@pytest.mark.slow
def test_torch_matches_torch_forward_and_is_exact():
    torch = pytest.importorskip("torch")
    model = torch_model()
    network = from_torch(model)
    x = points()
    expected = model(torch.from_numpy(x)).detach().numpy()
    assert network.architecture.widths == WIDTHS
    np.testing.assert_allclose(exact_outputs(network, x), expected, rtol=1e-5, atol=1e-5)
    assert network.theta[0] == Fraction(float(model[0].weight[0, 0].item()))
    assert from_torch_state_dict(model.state_dict()) == network


def test_torch_unsupported_layer_is_named():
    torch = pytest.importorskip("torch")
    model = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.BatchNorm1d(5), torch.nn.Linear(5, 2))
    with pytest.raises(UnsupportedLayerError, match="BatchNorm1d"):
        from_torch(model)
    with pytest.raises(UnsupportedLayerError, match="Dropout"):
        from_torch(torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Dropout(0.5).train()))


def test_torch_absent_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(MissingExtraError, match=r"relu-varieties\[torch\]"):
        from_torch(object())


def onnx_model():
    onnx = pytest.importorskip("onnx")
    h, numpy_helper = onnx.helper, onnx.numpy_helper
    rng = np.random.default_rng(3)
    w1 = rng.standard_normal((5, 3)).astype(np.float32)  # Gemm with transB: (out, in)
    b1 = rng.standard_normal(5).astype(np.float32)
    w2 = rng.standard_normal((5, 4)).astype(np.float32)  # MatMul: (in, out)
    b2 = rng.standard_normal(4).astype(np.float32)
    w3 = rng.standard_normal((2, 4)).astype(np.float32)
    b3 = rng.standard_normal(2).astype(np.float32)
    inits = [
        numpy_helper.from_array(a, n)
        for a, n in [(w1, "W1"), (b1, "B1"), (w2, "W2"), (b2, "B2"), (w3, "W3"), (b3, "B3")]
    ]
    nodes = [
        h.make_node("Gemm", ["x", "W1", "B1"], ["g1"], transB=1),
        h.make_node("Relu", ["g1"], ["r1"]),
        h.make_node("MatMul", ["r1", "W2"], ["m2"]),
        h.make_node("Add", ["m2", "B2"], ["a2"]),
        h.make_node("Relu", ["a2"], ["r2"]),
        h.make_node("Gemm", ["r2", "W3", "B3"], ["y"], transB=1),
    ]
    graph = h.make_graph(
        nodes,
        "net",
        [h.make_tensor_value_info("x", onnx.TensorProto.FLOAT, ["N", 3])],
        [h.make_tensor_value_info("y", onnx.TensorProto.FLOAT, ["N", 2])],
        inits,
    )
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)])
    model.ir_version = 8
    return model, w1


def test_onnx_matches_onnxruntime_and_is_exact():
    ort = pytest.importorskip("onnxruntime")
    model, w1 = onnx_model()
    network = from_onnx(model)
    x = points()
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    expected = session.run(None, {"x": x})[0]
    assert network.architecture.widths == WIDTHS
    np.testing.assert_allclose(exact_outputs(network, x), expected, rtol=1e-5, atol=1e-5)
    assert network.theta[1] == Fraction(float(w1[0, 1]))


def test_onnx_unsupported_operator_is_named():
    pytest.importorskip("onnx")
    model, _ = onnx_model()
    model.graph.node[1].op_type = "Sigmoid"
    with pytest.raises(UnsupportedLayerError, match="Sigmoid"):
        from_onnx(model)


def test_onnx_absent_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(MissingExtraError, match=r"relu-varieties\[onnx\]"):
        from_onnx("net.onnx")


@pytest.mark.filterwarnings("ignore::UserWarning")  # ConvergenceWarning: short training on purpose
def test_sklearn_regressor_and_classifier_match_sklearn():
    nn = pytest.importorskip("sklearn.neural_network")
    rng = np.random.default_rng(5)
    x = rng.standard_normal((100, 3))
    regressor = nn.MLPRegressor(hidden_layer_sizes=(5, 4), max_iter=50, random_state=0).fit(x, x[:, :2] ** 2)
    network = from_sklearn(regressor)
    assert network.architecture.widths == WIDTHS
    np.testing.assert_allclose(exact_outputs(network, x), regressor.predict(x), rtol=1e-9, atol=1e-9)
    assert network.theta[0] == Fraction(regressor.coefs_[0][0, 0])
    classifier = nn.MLPClassifier(hidden_layer_sizes=(5, 4), max_iter=50, random_state=0).fit(x, np.arange(100) % 3)
    logits = exact_outputs(from_sklearn(classifier), x)
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(probabilities, classifier.predict_proba(x), rtol=1e-7, atol=1e-9)
    with pytest.raises(UnsupportedLayerError, match="tanh"):
        from_sklearn(nn.MLPRegressor(hidden_layer_sizes=(2,), activation="tanh", max_iter=5).fit(x, x[:, 0]))


def test_json_floats_convert_exactly_with_a_warning(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(json.dumps({"widths": [1, 1], "bias": True, "weights": [[[0.1]]], "biases": [[2]]}))
    with pytest.warns(FloatWeightsWarning):
        network = load_network(path)
    assert network.theta[0] == Fraction(0.1)


def test_npz_common_names(tmp_path):
    rng = np.random.default_rng(0)
    w = [rng.standard_normal((5, 3)), rng.standard_normal((2, 5))]
    b = [rng.standard_normal(5), rng.standard_normal(2)]
    reference = load_network(_save(tmp_path / "a.npz", {"W1": w[0], "b1": b[0], "W2": w[1], "b2": b[1]}))
    for arrays in (
        {"weight0": w[0], "bias0": b[0], "weight1": w[1], "bias1": b[1]},
        {"fc1.weight": w[0], "fc1.bias": b[0], "fc2.weight": w[1], "fc2.bias": b[1]},
        {"layers.0.weight": w[0], "layers.0.bias": b[0], "layers.2.weight": w[1], "layers.2.bias": b[1]},
    ):
        assert load_network(_save(tmp_path / "n.npz", arrays)) == reference
    mapped = load_network(
        _save(tmp_path / "m.npz", {"A": w[0], "a": b[0], "B": w[1], "c": b[1]}), names=[("A", "a"), ("B", "c")]
    )
    assert mapped == reference


def _save(path, arrays):
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize("kind", ["pt", "pt-state-dict", "onnx"])
@pytest.mark.slow
def test_cli_identifiability_reads_trained_files(tmp_path, capsys, kind):
    if kind == "onnx":
        onnx = pytest.importorskip("onnx")
        path = tmp_path / "net.onnx"
        model, _ = onnx_model()
        onnx.save(model, str(path))
    else:
        torch = pytest.importorskip("torch")
        path = tmp_path / "net.pt"
        model = torch_model()
        torch.save(model if kind == "pt" else model.state_dict(), path)
    expected = from_onnx(model) if kind == "onnx" else from_torch(model)
    assert load_network(path) == expected
    assert main(["identifiability", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["functional_dimension"] >= 1
