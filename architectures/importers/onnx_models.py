"""ONNX: the Gemm / MatMul + Add / Relu graphs of verification benchmarks."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from architectures.architecture import MAX_PARAMETER_NAMES
from architectures.errors import ComputationTooLargeError, InvalidSpecError, ReluVarietiesError, UnsupportedLayerError
from architectures.importers.affine_chain import network_from_arrays
from architectures.importers.extras import require
from architectures.json_files import read_bytes_file
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
    if isinstance(path_or_model, (str, Path)):
        model = _read_model(onnx, path_or_model)
        source = f"network file {str(path_or_model)!r}"
    else:
        model = path_or_model
        source = "the ONNX model"
    try:
        return _import_graph(onnx, model)
    except (IndexError, KeyError, TypeError, ValueError) as error:
        if isinstance(error, ReluVarietiesError):
            raise
        raise InvalidSpecError(
            f"{source} is a malformed ONNX graph ({type(error).__name__}: {error}); export "
            "it again with torch.onnx.export or onnx.checker.check_model it"
        ) from error


def _read_model(onnx: Any, path: str | Path) -> Any:
    """The ONNX model in the file, read within the size limit, without external data files."""
    data = read_bytes_file(path, what="network")
    try:
        model = onnx.load_model_from_string(data)
    except Exception as error:  # noqa: BLE001 - protobuf raises DecodeError and others on garbage
        raise InvalidSpecError(
            f"network file {str(path)!r} is not an ONNX model ({type(error).__name__}: "
            f"{str(error)[:200]}); export the network with torch.onnx.export"
        ) from error
    if not model.graph.node:
        raise InvalidSpecError(
            f"network file {str(path)!r} holds no ONNX graph nodes; export the network with torch.onnx.export"
        )
    return model


def _import_graph(onnx: Any, model: Any) -> Network:
    from onnx import numpy_helper

    for tensor in model.graph.initializer:
        _check_tensor(onnx, tensor)
    constants = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant":
            if not node.attribute or not node.output:
                raise UnsupportedLayerError(f"Constant node {node.name!r} has no value attribute")
            _check_tensor(onnx, node.attribute[0].t)
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
            bias = (
                _constant(constants, node.input[2], node) * attributes.get("beta", 1.0)
                if len(node.input) > 2 and node.input[2]
                else np.zeros(weights[-1].shape[0])
            )
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
                "with one Relu between each pair (Flatten/Identity/Dropout skipped) can be imported"
            )
    if not weights or expect_affine:
        raise UnsupportedLayerError("the ONNX graph must start and end with an affine node (Gemm or MatMul)")
    return network_from_arrays([np.asarray(w, np.float64) for w in weights], biases, source="ONNX model")


def _check_tensor(onnx: Any, tensor: Any) -> None:
    """Refuse external data (never read: the location could name any file) and sizes beyond the limit."""
    if tensor.data_location == onnx.TensorProto.EXTERNAL or len(tensor.external_data):
        raise UnsupportedLayerError(
            f"initializer {tensor.name!r} keeps its values in an external data file, which is not read; save "
            "the model with every tensor inside: onnx.save(model, path, save_as_external_data=False)"
        )
    size = math.prod(int(d) for d in tensor.dims)
    if any(int(d) < 0 for d in tensor.dims) or size > MAX_PARAMETER_NAMES:
        raise ComputationTooLargeError(
            f"initializer {tensor.name!r} has shape {list(tensor.dims)}, more than the {MAX_PARAMETER_NAMES} "
            "entries a network may have; import a smaller network"
        )


def _constant(constants: dict[str, Any], name: str, node: Any) -> Any:
    if name not in constants:
        raise UnsupportedLayerError(f"node {node.name!r} ({node.op_type}): input {name!r} is not an initializer")
    return np.asarray(constants[name], dtype=np.float64)
