"""A network's weights as floating-point arrays, its vectorised forward pass and the affine map of a pattern.

Sits between ``architectures.Network`` (exact) and the numerical distribution code: every float here is
the nearest double to the network's exact rational parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from architectures.errors import InvalidParametersError
from architectures.network_file import Network
from architectures.patterns import ActivationPattern


@dataclass(frozen=True, eq=False)
class FloatNetwork:
    """``weights[l]``, ``biases[l]`` (0-based list index for layer l+1) as float arrays, and the exact network.

    Examples
    --------
    >>> net = FloatNetwork.of(Network.from_weights([[[1], [-1]], [[1, 1]]]))
    >>> net.widths, net.hidden_count
    ((1, 2, 1), 2)
    """

    network: Network
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, network: "Network | FloatNetwork") -> "FloatNetwork":
        if isinstance(network, FloatNetwork):
            return network
        if not isinstance(network, Network):
            raise InvalidParametersError(
                f"expected an architectures.Network (see load_network), got {type(network).__name__}"
            )
        layers = network.layers()
        weights = tuple(
            np.array([[float(x) for x in row] for row in w], dtype=float).reshape(len(w), -1) for w, _ in layers
        )
        biases = tuple(np.array([float(x) for x in b], dtype=float) for _, b in layers)
        return cls(network, weights, biases)

    @property
    def widths(self) -> tuple[int, ...]:
        return self.network.architecture.widths

    @property
    def hidden_count(self) -> int:
        """Number of hidden neurons Σ_{l=1}^{L−1} n_l."""
        return sum(self.network.architecture.hidden_widths)


def network_from_arrays_float(weights: Sequence[Any], biases: Sequence[Any] | None = None) -> Network:
    """A :class:`Network` from float arrays (each float converted to the exact rational it holds).

    NaN or infinite weights raise :class:`architectures.errors.InvalidNumberError`.

    Examples
    --------
    >>> network_from_arrays_float([np.array([[0.5]]), np.array([[2.0]])]).theta
    (Fraction(1, 2), Fraction(2, 1))
    """
    return Network.from_weights(
        [np.asarray(w, dtype=float).tolist() for w in weights],
        None if biases is None else [np.asarray(b, dtype=float).tolist() for b in biases],
        allow_float=True,
    )


def forward_float(network: Network | FloatNetwork, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Outputs (``m × n_L``) and activation indicators (``m × Σ n_l``, bool, layer by layer) of many points.

    A neuron is active when its pre-activation is strictly positive (as in ``architectures.forward_pass``).

    Examples
    --------
    >>> outputs, active = forward_float(Network.from_weights([[[1], [-1]], [[1, 1]]]), np.array([[2.0], [-3.0]]))
    >>> outputs.ravel().tolist(), active.tolist()
    ([2.0, 3.0], [[True, False], [False, True]])
    """
    net = FloatNetwork.of(network)
    values = np.asarray(points, dtype=float)
    indicators = []
    for layer, (weight, bias) in enumerate(zip(net.weights, net.biases), start=1):
        pre = values @ weight.T + bias
        if layer == len(net.weights):
            values = pre
        else:
            active = pre > 0
            indicators.append(active)
            values = np.where(active, pre, 0.0)
    empty = np.zeros((values.shape[0], 0), dtype=bool)
    return values, (np.concatenate(indicators, axis=1) if indicators else empty)


def indicator_to_pattern(indicator: np.ndarray, widths: Sequence[int]) -> ActivationPattern:
    """The pattern of a 0/1 vector of hidden neurons listed layer by layer.

    Examples
    --------
    >>> indicator_to_pattern(np.array([1, 0, 0, 1, 1]), (2, 2, 3, 1))
    ActivationPattern([[0], [1, 2]])
    """
    layers, start = [], 0
    for width in widths[1:-1]:
        layers.append([int(i) for i in np.flatnonzero(indicator[start : start + width])])
        start += width
    return ActivationPattern(layers)


def pattern_indicator(pattern: ActivationPattern, widths: Sequence[int]) -> np.ndarray:
    """The bool vector of hidden neurons (layer by layer) active in ``pattern``.

    Examples
    --------
    >>> pattern_indicator(ActivationPattern([[0], [1, 2]]), (2, 2, 3, 1)).astype(int).tolist()
    [1, 0, 0, 1, 1]
    """
    return np.array(
        [neuron in active for active, width in zip(pattern.active, widths[1:-1]) for neuron in range(width)], dtype=bool
    )


def pattern_code(pattern: ActivationPattern, widths: Sequence[int]) -> int:
    """The pattern's decimal code: hidden neurons layer by layer as binary digits, first neuron most significant.

    This is how the source paper's figures label patterns.

    Examples
    --------
    >>> pattern_code(ActivationPattern([[0], [1, 2]]), (2, 2, 3, 1))
    19
    """
    return int("".join("1" if bit else "0" for bit in pattern_indicator(pattern, widths)) or "0", 2)


def affine_map_float(network: Network | FloatNetwork, pattern: ActivationPattern) -> tuple[np.ndarray, np.ndarray]:
    """(M, c) with f(x) = M x + c on the region of ``pattern``: M = W_L D_{L−1} W_{L−1} ⋯ D_1 W_1 (floats).

    Examples
    --------
    >>> M, c = affine_map_float(Network.from_weights([[[1], [-1]], [[1, 1]]]), ActivationPattern([[1]]))
    >>> M.tolist(), c.tolist()
    ([[-1.0]], [0.0])
    """
    net = FloatNetwork.of(network)
    pattern.check(net.network.architecture)
    matrix, offset = np.eye(net.widths[0]), np.zeros(net.widths[0])
    for layer, (weight, bias) in enumerate(zip(net.weights, net.biases)):
        matrix, offset = weight @ matrix, weight @ offset + bias
        if layer < len(pattern.active):
            keep = pattern_indicator(ActivationPattern([pattern.active[layer]]), (0, net.widths[layer + 1], 0))
            matrix, offset = matrix * keep[:, None], offset * keep
    return matrix, offset
