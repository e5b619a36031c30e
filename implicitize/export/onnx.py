"""Networks as ONNX graphs for verifiers: a trained network ``X ↦ Y``, and the family ``(W, b) ↦ Y(data)``.

* :func:`network_model`: a network with fixed weights, input ``X`` (1 × n_0), one ``Gemm`` per layer
  and ``Relu`` between; the pre-activations are the tensors ``Z1 … Z{L−1}`` (1 × n_l).
* :func:`family_model`: an output variety's network with the *weights as inputs* ``W1, b1, …``
  (W_l is n_l × n_{l−1}, b_l is n_l × 1) and the data as a constant ``D`` (n_0 × m, one column per
  point): ``Z_l = W_l A_{l−1} + b_l``, ``A_l = Relu(Z_l)``, output ``Y = W_L A_{L−1} + b_L`` (n_L × m,
  so ``Y[i, j]`` is the coordinate ``y_i_j``). On the assigned activation regions Y = F(θ).

Every number is written as a float64 that equals it exactly; a weight or data value that float64
cannot hold (1/3) raises :class:`~architectures.errors.InvalidExportError` instead of rounding.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from architectures.errors import InvalidExportError
from architectures.importers.extras import require
from architectures.network_file import Network
from architectures.parametrisation import Parametrisation

#: Opset and IR version of every model written (read by onnxruntime ≥ 1.14 and Marabou's parser).
OPSET = 18
IR_VERSION = 8


def exact_float(value: Any, *, what: str) -> float:
    """``value`` as the float64 equal to it, or :class:`InvalidExportError` when there is none.

    Examples
    --------
    >>> exact_float(Fraction(3, 4), what="w")
    0.75
    >>> exact_float(Fraction(1, 3), what="W1[0, 0]")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidExportError: W1[0, 0] = 1/3 has no exact float64 value, so an ONNX graph would round it; scale the network or data to dyadic rationals (p / 2^k), or use the SMT-LIB export, which is exact
    """
    exact = Fraction(value)
    number = float(exact)
    if Fraction(number) != exact:
        raise InvalidExportError(
            f"{what} = {exact} has no exact float64 value, so an ONNX graph would round it; scale the network "
            "or data to dyadic rationals (p / 2^k), or use the SMT-LIB export, which is exact"
        )
    return number


def exact_array(values: Sequence[Sequence[Any]], *, what: str) -> np.ndarray:
    """A 2-d float64 array equal entry by entry to ``values`` (see :func:`exact_float`)."""
    return np.array(
        [[exact_float(v, what=f"{what}[{i}, {j}]") for j, v in enumerate(row)] for i, row in enumerate(values)],
        dtype=np.float64,
    )


def network_model(network: Network) -> Any:
    """The network as an ONNX model: ``X`` (1 × n_0) ↦ ``Y`` (1 × n_L); pre-activations ``Z1 …``.

    Examples
    --------
    >>> import pytest; _ = pytest.importorskip("onnxruntime")
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> run_model(network_model(net), {"X": np.array([[-3.0]])})["Y"].tolist()
    [[3.0]]
    """
    onnx = require("onnx", "onnx")
    make, arrays = onnx.helper, onnx.numpy_helper
    architecture = network.architecture
    nodes, initializers = [], []
    previous = "X"
    for layer, (weight, bias) in enumerate(network.layers(), start=1):
        initializers.append(arrays.from_array(exact_array(weight, what=f"W{layer}"), f"W{layer}"))
        initializers.append(arrays.from_array(exact_array([bias], what=f"b{layer}")[0], f"b{layer}"))
        last = layer == architecture.depth
        output = "Y" if last else f"Z{layer}"
        nodes.append(
            make.make_node("Gemm", [previous, f"W{layer}", f"b{layer}"], [output], transB=1, name=f"affine{layer}")
        )
        if not last:
            nodes.append(make.make_node("Relu", [output], [f"A{layer}"], name=f"relu{layer}"))
            previous = f"A{layer}"
    double = onnx.TensorProto.DOUBLE
    graph = make.make_graph(
        nodes,
        "relu_network",
        [make.make_tensor_value_info("X", double, [1, architecture.input_width])],
        [make.make_tensor_value_info("Y", double, [1, architecture.output_width])],
        initializers,
    )
    return _model(onnx, graph)


def family_data(parametrisation: Parametrisation) -> list[tuple[Fraction, ...]]:
    """The data points of an output variety in their original order (point j is column j of ``D``)."""
    if parametrisation.kind != "output":
        raise InvalidExportError(
            "an ONNX family network needs data: this is a pattern variety (coordinates are the affine maps "
            "themselves, no data points); export an output variety, or use --format smtlib for this one"
        )
    count = parametrisation.ambient_dimension // parametrisation.architecture.output_width
    points: list[tuple[Fraction, ...] | None] = [None] * count
    width = parametrisation.architecture.input_width
    for inputs, positions in zip(parametrisation.block_inputs, parametrisation.positions):
        for column, index in enumerate(positions[0]):
            points[int(index)] = tuple(Fraction(v) for v in inputs[:width, column])
    return points  # type: ignore[return-value]


def family_model(parametrisation: Parametrisation) -> Any:
    """The output variety's network with weights as inputs: ``W1, b1, …`` ↦ ``Y`` (n_L × m) at the data.

    Examples
    --------
    >>> import pytest; _ = pytest.importorskip("onnxruntime")
    >>> from architectures import Architecture, output_parametrisation
    >>> f = output_parametrisation(Architecture((1, 1, 1)), [[1], [-2]], [0, 0], patterns=[[[0]]])
    >>> feed = {"W1": np.array([[2.0]]), "W2": np.array([[3.0]])}
    >>> run_model(family_model(f), feed)["Y"].tolist()  # relu(2·1)·3, relu(2·(−2))·3
    [[6.0, 0.0]]
    """
    onnx = require("onnx", "onnx")
    make, arrays = onnx.helper, onnx.numpy_helper
    architecture = parametrisation.architecture
    points = family_data(parametrisation)
    data = exact_array(list(zip(*points)), what="data (column = point)")
    double = onnx.TensorProto.DOUBLE
    inputs = []
    nodes = []
    previous = "D"
    for layer in range(1, architecture.depth + 1):
        rows, columns = architecture.widths[layer], architecture.widths[layer - 1]
        inputs.append(make.make_tensor_value_info(f"W{layer}", double, [rows, columns]))
        last = layer == architecture.depth
        output = "Y" if last else f"Z{layer}"
        product = output if not architecture.bias else f"WA{layer}"
        nodes.append(make.make_node("MatMul", [f"W{layer}", previous], [product], name=f"product{layer}"))
        if architecture.bias:
            inputs.append(make.make_tensor_value_info(f"b{layer}", double, [rows, 1]))
            nodes.append(make.make_node("Add", [product, f"b{layer}"], [output], name=f"bias{layer}"))
        if not last:
            nodes.append(make.make_node("Relu", [output], [f"A{layer}"], name=f"relu{layer}"))
            previous = f"A{layer}"
    graph = make.make_graph(
        nodes,
        "relu_network_family",
        inputs,
        [make.make_tensor_value_info("Y", double, [architecture.output_width, len(points)])],
        [arrays.from_array(data, "D")],
    )
    return _model(onnx, graph)


def family_feed(parametrisation: Parametrisation, theta: Sequence[Any]) -> dict[str, np.ndarray]:
    """The inputs of :func:`family_model` for the parameter vector θ (exact floats, see :func:`exact_float`)."""
    architecture = parametrisation.architecture
    feed = {}
    for layer, (weight, bias) in enumerate(architecture.unpack(theta), start=1):
        feed[f"W{layer}"] = exact_array(weight, what=f"W{layer}")
        if architecture.bias:
            feed[f"b{layer}"] = exact_array([[b] for b in bias], what=f"b{layer}")
    return feed


def run_model(model: Any, feed: dict[str, np.ndarray], outputs: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """Run ``model`` in onnxruntime; ``outputs`` may name intermediate tensors too (``Z1``).

    Floats, by nature of onnxruntime; used to check exported graphs against the exact forward pass.
    """
    onnx = require("onnx", "onnx")
    runtime = require("onnxruntime", "onnx")
    if outputs is not None:
        model = onnx.ModelProto.FromString(model.SerializeToString())
        present = {o.name for o in model.graph.output}
        for name in outputs:
            if name not in present:
                model.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
    runner = runtime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = list(outputs) if outputs is not None else [o.name for o in runner.get_outputs()]
    return dict(zip(names, runner.run(names, feed)))


def _model(onnx: Any, graph: Any) -> Any:
    model = onnx.helper.make_model(
        graph, opset_imports=[onnx.helper.make_opsetid("", OPSET)], producer_name="relu-varieties"
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model
