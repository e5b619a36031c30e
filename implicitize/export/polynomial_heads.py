"""Polynomial heads: the family network with extra outputs ``p_0 … p_{g−1}``, the generators at its outputs.

A verifier that only takes linear properties can then check ``|p_i| ≤ ε`` on them. The output
``Y`` (n_L × m) is reshaped to one vector and split into its N coordinates ``y_i_j`` (data
movement only); each generator is then built from ``Mul``, ``Add`` and ``Constant`` nodes alone,
with integer coefficients (each generator times the lcm of its denominators, see
:func:`~implicitize.export.vnnlib.integer_generator`), so that float64 holds every coefficient
exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from architectures.errors import InvalidExportError
from architectures.importers.extras import require
from architectures.parametrisation import Parametrisation
from implicitize.export.base import check_exportable, check_parametrisation, polynomial_terms
from implicitize.export.vnnlib import integer_generator
from implicitize.ideal import IdealResult
from implicitize.export.onnx import _model, exact_float, family_model


def head_model(result: IdealResult, parametrisation: Parametrisation) -> Any:
    """The family network of ``parametrisation`` with outputs ``Y`` and ``p_0 … p_{g−1}`` (each of shape [1]).

    Examples
    --------
    >>> import pytest, flint; _ = pytest.importorskip("onnxruntime")
    >>> from architectures import Architecture, output_parametrisation
    >>> from implicitize.export.onnx import run_model
    >>> f = output_parametrisation(Architecture((1, 1, 1)), [[1], [2]], [0, 0], patterns=[[[0]]])
    >>> ctx = flint.fmpq_mpoly_ctx.get(f.coordinate_names, "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> result = IdealResult(ctx, (y1 - 2 * y0, y0 * y1 / 2), 2, proved="contained")
    >>> out = run_model(head_model(result, f), {"W1": np.array([[1.0]]), "W2": np.array([[3.0]])})
    >>> out["Y"].tolist(), out["p_0"].tolist(), out["p_1"].tolist()  # Y = (3, 6); p_1 = 2·(y0 y1 / 2)
    ([[3.0, 6.0]], [0.0], [18.0])
    """
    onnx = require("onnx", "onnx")
    make, arrays = onnx.helper, onnx.numpy_helper
    result = check_exportable(result, exporter="head_model")
    parametrisation = check_parametrisation(result, parametrisation, exporter="head_model")
    if parametrisation is None or not result.generators:
        raise InvalidExportError("head_model needs the variety's parametrisation and at least one generator")
    model = family_model(parametrisation)
    graph = model.graph
    count = parametrisation.ambient_dimension
    coordinates = [f"y{index}" for index in range(count)]  # y_i_j is entry i·m + j of the flattened Y
    graph.initializer.append(arrays.from_array(np.array([count], dtype=np.int64), "flat_shape"))
    graph.node.append(make.make_node("Reshape", ["Y", "flat_shape"], ["Y_flat"], name="flatten_outputs"))
    if count == 1:
        graph.node.append(make.make_node("Identity", ["Y_flat"], coordinates, name="coordinates"))
    else:
        graph.node.append(
            make.make_node("Split", ["Y_flat"], coordinates, axis=0, num_outputs=count, name="coordinates")
        )
    double = onnx.TensorProto.DOUBLE
    builder = _Builder(make, graph)
    for index, generator in enumerate(result.generators):
        terms = []
        for coefficient, exponents in polynomial_terms(integer_generator(generator)):
            factors = [coordinates[k] for k, e in enumerate(exponents) for _ in range(e)]
            value = exact_float(coefficient, what=f"coefficient of generator {index}")
            if value != 1 or not factors:
                factors.insert(0, builder.constant(value))
            terms.append(builder.chain("Mul", factors))
        total = builder.chain("Add", terms, output=f"p_{index}")
        graph.output.append(make.make_tensor_value_info(total, double, [1]))
    return _model(onnx, graph)


class _Builder:
    """Appends Constant, Mul and Add nodes with fresh tensor names."""

    def __init__(self, make: Any, graph: Any) -> None:
        self.make, self.graph, self.count = make, graph, 0

    def fresh(self, stem: str) -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def constant(self, value: float) -> str:
        name = self.fresh("c")
        tensor = self.make.make_tensor(name + "_value", 11, [1], [value])  # 11 = DOUBLE
        self.graph.node.append(self.make.make_node("Constant", [], [name], value=tensor, name=name))
        return name

    def chain(self, op: str, operands: list[str], output: str | None = None) -> str:
        """``operands[0] op operands[1] op …`` as a chain of binary nodes (an Identity-free single operand)."""
        current = operands[0]
        for position, operand in enumerate(operands[1:], start=1):
            last = position == len(operands) - 1
            name = output if (last and output) else self.fresh(op.lower())
            self.graph.node.append(self.make.make_node(op, [current, operand], [name], name=name))
            current = name
        if output and current != output:
            self.graph.node.append(self.make.make_node("Add", [current, self.constant(0.0)], [output], name=output))
            current = output
        return current
