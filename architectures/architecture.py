"""What a fully connected ReLU network is: its widths, whether it has biases, its parameters.

The first object of the data flow; every parametrisation, variety and distribution starts from one.
Parameters are ordered layer by layer: ``W_l`` row-major, then ``b_l`` when biases are on.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from architectures.errors import ComputationTooLargeError, InvalidArchitectureError, InvalidParametersError
from architectures.numbers import to_fraction_vector

Matrix = tuple[tuple[Fraction, ...], ...]

#: The most parameters :attr:`Architecture.parameter_names` spells out (about 1 GB of strings).
MAX_PARAMETER_NAMES = 10_000_000


@dataclass(frozen=True)
class Architecture:
    """A fully connected ReLU network with widths ``(n_0, …, n_L)``.

    ``n_0`` inputs, hidden ReLU layers ``1 … L−1``, a linear output layer ``L``.

    Examples
    --------
    >>> arch = Architecture((3, 2, 3))
    >>> arch.depth, arch.hidden_widths, arch.parameter_count
    (2, (2,), 12)
    >>> arch.parameter_names[:3]
    ('w1_0_0', 'w1_0_1', 'w1_0_2')
    >>> Architecture((2, 2, 1), bias=True).parameter_count
    9
    """

    widths: tuple[int, ...]
    bias: bool = False

    def __post_init__(self) -> None:
        widths = self.widths
        if isinstance(widths, (str, bytes)) or not isinstance(widths, Sequence):
            raise InvalidArchitectureError(
                f"widths must be a sequence of positive integers such as (3, 2, 3), got {widths!r}"
            )
        if len(widths) < 2:
            raise InvalidArchitectureError(
                f"widths {tuple(widths)!r} need at least an input and an output width, e.g. (3, 2, 3)"
            )
        for index, width in enumerate(widths):
            if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width <= 0:
                raise InvalidArchitectureError(f"widths[{index}] = {width!r}: every width must be a positive integer")
        if not isinstance(self.bias, bool):
            raise InvalidArchitectureError(f"bias must be True or False, got {self.bias!r}")
        object.__setattr__(self, "widths", tuple(int(width) for width in widths))

    @property
    def depth(self) -> int:
        """The number L of weight layers."""
        return len(self.widths) - 1

    @property
    def input_width(self) -> int:
        return self.widths[0]

    @property
    def output_width(self) -> int:
        return self.widths[-1]

    @property
    def hidden_widths(self) -> tuple[int, ...]:
        """Widths of the hidden ReLU layers ``1 … L−1``."""
        return self.widths[1:-1]

    def layer_parameter_count(self, layer: int) -> int:
        """Number of parameters of layer ``layer`` (1-based): ``n_l n_{l−1}`` (+ ``n_l`` with biases)."""
        self._check_layer(layer)
        rows, columns = self.widths[layer], self.widths[layer - 1]
        return rows * columns + (rows if self.bias else 0)

    @property
    def parameter_count(self) -> int:
        """P = Σ n_l n_{l−1} (+ Σ n_l with biases)."""
        return sum(self.layer_parameter_count(layer) for layer in range(1, self.depth + 1))

    def layer_slice(self, layer: int) -> slice:
        """The positions of layer ``layer``'s parameters (``W_l`` then ``b_l``) in θ."""
        self._check_layer(layer)
        start = sum(self.layer_parameter_count(previous) for previous in range(1, layer))
        return slice(start, start + self.layer_parameter_count(layer))

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """``w{l}_{i}_{j}`` for ``W_l[i, j]`` and ``b{l}_{i}`` for ``b_l[i]``; layers 1-based, indices 0-based."""
        if self.parameter_count > MAX_PARAMETER_NAMES:
            raise ComputationTooLargeError(
                f"widths {self.widths} have {self.parameter_count} parameters; naming more than "
                f"{MAX_PARAMETER_NAMES} would exhaust memory; work with the weights as arrays instead"
            )
        names: list[str] = []
        for layer in range(1, self.depth + 1):
            rows, columns = self.widths[layer], self.widths[layer - 1]
            names.extend(f"w{layer}_{i}_{j}" for i in range(rows) for j in range(columns))
            if self.bias:
                names.extend(f"b{layer}_{i}" for i in range(rows))
        return tuple(names)

    def unpack(self, theta: Sequence[Any]) -> tuple[tuple[Matrix, tuple[Fraction, ...]], ...]:
        """Split an exact parameter vector into ``(W_l, b_l)`` per layer (``b_l`` zero without biases).

        Examples
        --------
        >>> Architecture((1, 1, 1)).unpack([2, 3])
        ((((Fraction(2, 1),),), (Fraction(0, 1),)), (((Fraction(3, 1),),), (Fraction(0, 1),)))
        """
        values = self.check_parameters(theta)
        layers = []
        for layer in range(1, self.depth + 1):
            chunk = values[self.layer_slice(layer)]
            rows, columns = self.widths[layer], self.widths[layer - 1]
            weight = tuple(tuple(chunk[i * columns : (i + 1) * columns]) for i in range(rows))
            bias = tuple(chunk[rows * columns :]) if self.bias else (Fraction(0),) * rows
            layers.append((weight, bias))
        return tuple(layers)

    def pack(self, weights: Sequence[Any], biases: Sequence[Any] | None = None) -> tuple[Fraction, ...]:
        """Flatten per-layer weights (and biases) into θ in the documented order.

        Examples
        --------
        >>> Architecture((1, 2, 1)).pack([[[1], [2]], [[3, 4]]])
        (Fraction(1, 1), Fraction(2, 1), Fraction(3, 1), Fraction(4, 1))
        """
        if len(weights) != self.depth:
            raise InvalidParametersError(
                f"got {len(weights)} weight matrices for an architecture with {self.depth} layers"
            )
        if self.bias and (biases is None or len(biases) != self.depth):
            raise InvalidParametersError(
                f"this architecture has biases: give {self.depth} bias vectors, got "
                f"{'none' if biases is None else len(biases)}"
            )
        if (
            not self.bias
            and biases is not None
            and any(any(value != 0 for value in to_fraction_vector(b, what="bias")) for b in biases)
        ):
            raise InvalidParametersError("non-zero biases were given for an architecture without biases; use bias=True")
        theta: list[Fraction] = []
        for layer, weight in enumerate(weights, start=1):
            rows, columns = self.widths[layer], self.widths[layer - 1]
            if len(weight) != rows or any(len(row) != columns for row in weight):
                raise InvalidParametersError(f"W_{layer} must be {rows}×{columns} for widths {self.widths}")
            for i, row in enumerate(weight):
                theta.extend(to_fraction_vector(row, what=f"W_{layer}[{i}]"))
            if self.bias:
                bias = biases[layer - 1]  # type: ignore[index]
                if len(bias) != rows:
                    raise InvalidParametersError(f"b_{layer} must have {rows} entries, got {len(bias)}")
                theta.extend(to_fraction_vector(bias, what=f"b_{layer}"))
        return tuple(theta)

    def check_parameters(self, theta: Sequence[Any]) -> tuple[Fraction, ...]:
        """Read θ exactly and check its length against :attr:`parameter_count`."""
        if isinstance(theta, (str, bytes)) or not hasattr(theta, "__len__"):
            raise InvalidParametersError(f"θ must be a sequence of {self.parameter_count} numbers")
        if len(theta) != self.parameter_count:
            raise InvalidParametersError(
                f"θ has {len(theta)} entries but widths {self.widths} (bias={self.bias}) have "
                f"{self.parameter_count} parameters"
            )
        return to_fraction_vector(theta, what="θ")

    def _check_layer(self, layer: int) -> None:
        if not 1 <= layer <= self.depth:
            raise InvalidArchitectureError(f"layer {layer} does not exist: layers are 1 … {self.depth}")

    def __str__(self) -> str:
        return f"({', '.join(map(str, self.widths))}){' with biases' if self.bias else ''}"


def random_parameters(
    architecture: Architecture, *, seed: int, bound: int = 9, denominator: int = 1
) -> tuple[Fraction, ...]:
    """Random exact parameters: integers in ``[−bound, bound]`` divided by ``1 … denominator``.

    Examples
    --------
    >>> theta = random_parameters(Architecture((2, 2, 1)), seed=0)
    >>> len(theta), theta == random_parameters(Architecture((2, 2, 1)), seed=0)
    (6, True)
    """
    if bound < 1 or denominator < 1:
        raise InvalidParametersError("bound and denominator must be positive integers")
    rng = np.random.default_rng(seed)
    numerators = rng.integers(-bound, bound + 1, size=architecture.parameter_count)
    denominators = rng.integers(1, denominator + 1, size=architecture.parameter_count)
    return tuple(Fraction(int(n), int(d)) for n, d in zip(numerators, denominators))
