"""The exact numeric forward pass: outputs of a network on data, and the pattern each point takes.

Plain rational arithmetic, on purpose independent of the polynomial machinery, so that it checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from architectures.architecture import Architecture
from architectures.errors import InvalidDataError
from architectures.numbers import ExactMatrix, to_fraction_matrix
from architectures.patterns import ActivationPattern


@dataclass(frozen=True)
class ForwardPass:
    """Outputs (``outputs[j]`` is f(x_j)) and actual activation patterns of each point.

    ``boundary`` lists ``(point, layer, neuron)`` (0-based; layer 0 is the first hidden layer) for every
    pre-activation exactly 0: such a point lies on the boundary between activation regions, and its
    pattern counts the neuron as inactive.
    """

    outputs: ExactMatrix
    patterns: tuple[ActivationPattern, ...]
    boundary: tuple[tuple[int, int, int], ...] = ()

    def output_matrix(self) -> ExactMatrix:
        """The ``n_L × m`` matrix Y with ``Y[i][j]`` = output i at point j."""
        return tuple(zip(*self.outputs)) if self.outputs else ()


def check_data(architecture: Architecture, data: Any, *, allow_float: bool = False) -> ExactMatrix:
    """Read a data set exactly: a list of ``m`` points, each with ``n_0`` coordinates.

    Examples
    --------
    >>> check_data(Architecture((2, 1, 1)), [[1, "1/2"]])
    ((Fraction(1, 1), Fraction(1, 2)),)
    """
    try:
        points = to_fraction_matrix(data, what="data", allow_float=allow_float)
    except ValueError as error:
        raise InvalidDataError(str(error)) from error
    if not points:
        raise InvalidDataError("the data set is empty; give at least one point")
    for index, point in enumerate(points):
        if len(point) != architecture.input_width:
            raise InvalidDataError(
                f"data point {index} has {len(point)} coordinates but the network has "
                f"n_0 = {architecture.input_width} inputs"
            )
    return points


def forward_pass(architecture: Architecture, theta: Sequence[Any], data: Any) -> ForwardPass:
    """Evaluate the network exactly on every point, recording which neurons are positive.

    A neuron is active when its pre-activation is strictly positive.

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> result = forward_pass(arch, [1, -1, 1, 1], [[2], [-3]])
    >>> result.outputs, [str(p) for p in result.patterns]
    (((Fraction(2, 1),), (Fraction(3, 1),)), ['{0}', '{1}'])
    >>> forward_pass(arch, [1, -1, 1, 1], [[0]]).boundary  # x = 0: both neurons at 0
    ((0, 0, 0), (0, 0, 1))
    """
    layers = architecture.unpack(theta)
    points = check_data(architecture, data)
    outputs = []
    patterns = []
    boundary: list[tuple[int, int, int]] = []
    for index, point in enumerate(points):
        values: tuple[Fraction, ...] = point
        active = []
        for layer, (weight, bias) in enumerate(layers, start=1):
            pre = tuple(sum((w * v for w, v in zip(row, values)), b) for row, b in zip(weight, bias))
            if layer == architecture.depth:
                values = pre
            else:
                active.append([neuron for neuron, value in enumerate(pre) if value > 0])
                boundary.extend((index, layer - 1, neuron) for neuron, value in enumerate(pre) if value == 0)
                values = tuple(value if value > 0 else Fraction(0) for value in pre)
        outputs.append(values)
        patterns.append(ActivationPattern(active))
    return ForwardPass(tuple(outputs), tuple(patterns), tuple(boundary))
