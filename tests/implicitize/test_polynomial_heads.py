"""Polynomial heads: onnxruntime's p_i equal the exact generators (python-flint) at the network's
outputs, for 50 random parameter draws; the head part of the graph is Mul/Add/Constant only."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import flint
import numpy as np
import pytest

onnx = pytest.importorskip("onnx", reason="polynomial heads are ONNX graphs (the onnx extra)")
pytest.importorskip("onnxruntime", reason="the ONNX reference runtime is in the onnx extra")

from architectures import Architecture, forward_pass
from architectures.errors import InvalidExportError
from implicitize import implicitize
from implicitize.export.onnx import family_data, family_feed, run_model
from implicitize.export.polynomial_heads import head_model
from varieties import OutputVariety, variety_from_spec
from architectures import EXAMPLES, load_spec


def _cases():
    rank_one = OutputVariety(Architecture((2, 1, 2)), [[1, 0], [0, 1], [1, 1], [2, -1]], [0, 0, 0, 0], patterns=[[[0]]])
    yield "rank one (2,1,2), 2x2 minors", rank_one
    yield "output-with-bias example", variety_from_spec(load_spec(EXAMPLES["output-with-bias"]))


@pytest.mark.parametrize("label, variety", list(_cases()), ids=[c[0] for c in _cases()])
@pytest.mark.slow
def test_heads_equal_the_exact_generators_at_50_random_parameter_draws(label, variety):
    result = implicitize(variety)
    assert result.generators
    parametrisation = variety.parametrisation
    model = head_model(result, parametrisation)
    head_ops = {node.op_type for node in model.graph.node} - {"MatMul", "Add", "Relu", "Reshape", "Split", "Identity"}
    assert head_ops <= {"Mul", "Constant"}
    architecture, points = parametrisation.architecture, family_data(parametrisation)
    rng = random.Random(label)
    names = [f"p_{i}" for i in range(len(result.generators))]
    nonzero = 0
    for _ in range(50):
        theta = [Fraction(rng.randint(-24, 24), 8) for _ in range(architecture.parameter_count)]
        outputs = [v for row in forward_pass(architecture, theta, points).output_matrix() for v in row]
        at = [flint.fmpq(v.numerator, v.denominator) for v in outputs]
        got = run_model(model, family_feed(parametrisation, theta), ["Y"] + names)
        np.testing.assert_allclose(got["Y"].ravel(), [float(v) for v in outputs], rtol=1e-12, atol=1e-12)
        for name, generator in zip(names, result.generators):
            scale = math.lcm(*(int(c.q) for c in generator.coeffs()))
            exact = Fraction(str(generator(*at) * scale))
            nonzero += exact != 0
            assert got[name][0] == pytest.approx(float(exact), rel=1e-9, abs=1e-9)
    assert nonzero > 0  # the draws leave the assigned regions, so the heads are not identically zero


def test_heads_need_generators_and_an_output_variety():
    variety = OutputVariety(Architecture((1, 1, 1)), [[1]], [0], patterns=[[[0]]])
    result = implicitize(variety)
    with pytest.raises(InvalidExportError, match="at least one generator"):
        head_model(result, variety.parametrisation)
