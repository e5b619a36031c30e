"""ONNX: the Gemm / MatMul + Add / Relu graphs of verification benchmarks."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from architectures.errors import InvalidSpecError, UnsupportedLayerError
from architectures.importers.affine_chain import network_from_arrays
from architectures.importers.extras import require
from architectures.network_file import Network

_SKIPPED = {"Flatten", "Identity", "Dropout"}


def from_onnx(path_or_model: Any) -> Network:
    """Import a chain of Gemm (any transB) or MatMul [+ Add], with Relu between; weights convert exactly.

    Flatten/Identity/Dropout are skipped; any other operator raises :class:`UnsupportedLayerError`.

    Examples
    --------
    >>> import pytest; onnx = pytest.importorskip("onnx"); h = onnx.helper
    >>> w = onnx.numpy_helper.from_array(np.ones((1, 2), np.float32), "W")
    >>> graph = h.make_graph([h.make_node("Gemm", ["x", "W"], ["y"], transB=1)], "g",
    ...     [h.make_tensor_value_info("x", 1, [1, 2])], [h.make_tensor_value_info("y", 1, [1, 1])], [w])
    >>> from_onnx(h.make_model(graph)).architecture.widths
    (2, 1)
    """
    onnx = require("onnx", "onnx")
    from onnx import numpy_helper
    if isinstance(path_or_model, (str, Path)):
        try:
            model = onnx.load(str(path_or_model))
        except OSError as error:
            raise InvalidSpecError(f"cannot read network file {str(path_or_model)!r}: {error}") from error
    else:
        model = path_or_model
    constants = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant":
            constants[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    weights: list[Any] = []
    biases: list[Any] = []
    expect_affine = True
    for node in model.graph.node:
        op = node.op_type
        if op in _SKIPPED or op == "Constant":
            continue
        if op == "Gemm" and expect_affine:
            attributes = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
            if attributes.get("transA", 0):
                raise UnsupportedLayerError(f"Gemm node {node.name!r} has transA=1; only transA=0 is supported")
            matrix = _constant(constants, node.input[1], node) * attributes.get("alpha", 1.0)
            weights.append(matrix if attributes.get("transB", 0) else matrix.T)
            bias = _constant(constants, node.input[2], node) * attributes.get("beta", 1.0) \
                if len(node.input) > 2 and node.input[2] else np.zeros(weights[-1].shape[0])
            biases.append(np.broadcast_to(bias, (weights[-1].shape[0],)))
            expect_affine = False
        elif op == "MatMul" and expect_affine:
            weights.append(_constant(constants, node.input[1], node).T)
            biases.append(np.zeros(weights[-1].shape[0]))
            expect_affine = False
        elif op == "Add" and not expect_affine and weights and not biases[-1].any():
            name = node.input[1] if node.input[1] in constants else node.input[0]
            biases[-1] = np.broadcast_to(_constant(constants, name, node), (weights[-1].shape[0],))
        elif op == "Relu" and not expect_affine:
            expect_affine = True
        else:
            raise UnsupportedLayerError(
                f"ONNX operator {op} (node {node.name!r}) is not supported here: only Gemm or MatMul [+ Add] "
                "with one Relu between each pair (Flatten/Identity/Dropout skipped) can be imported")
    if not weights or expect_affine:
        raise UnsupportedLayerError("the ONNX graph must start and end with an affine node (Gemm or MatMul)")
    return network_from_arrays([np.asarray(w, np.float64) for w in weights], biases, source="ONNX model")


def _constant(constants: dict[str, Any], name: str, node: Any) -> Any:
    if name not in constants:
        raise UnsupportedLayerError(f"node {node.name!r} ({node.op_type}): input {name!r} is not an initializer")
    return np.asarray(constants[name], dtype=np.float64)
