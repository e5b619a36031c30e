"""Network files: a network with numeric weights, read exactly from JSON or ``.npz``.

``{"widths": [...], "bias": true, "weights": [W_1, …, W_L], "biases": [b_1, …, b_L]}``; numbers are
integers, decimal strings or ``"p/q"`` strings. In ``.npz`` files (arrays ``W1 … WL``, ``b1 … bL``)
binary floats are converted to the exact rationals they hold.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from architectures.architecture import Architecture
from architectures.errors import InvalidSpecError, ReluVarietiesError
from architectures.json_files import read_json_file
from architectures.numbers import fraction_to_string, to_fraction_matrix, to_fraction_vector


@dataclass(frozen=True)
class Network:
    """An architecture with exact parameters θ (ordered as :attr:`Architecture.parameter_names`).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> net.architecture.widths, net.theta[:2]
    ((1, 2, 1), (Fraction(1, 1), Fraction(-1, 1)))
    """

    architecture: Architecture
    theta: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "theta", self.architecture.check_parameters(self.theta))

    @classmethod
    def from_weights(cls, weights: list[Any], biases: list[Any] | None = None,
                     *, allow_float: bool = False) -> "Network":
        """Build from per-layer weight matrices (lists of rows) and optional bias vectors."""
        if not weights:
            raise InvalidSpecError("a network needs at least one weight matrix")
        matrices = [to_fraction_matrix(w, what=f"W_{l}", allow_float=allow_float)
                    for l, w in enumerate(weights, start=1)]
        widths = [len(matrices[0][0]) if matrices[0] else 0] + [len(m) for m in matrices]
        architecture = Architecture(tuple(widths), bias=biases is not None)
        vectors = None if biases is None else [to_fraction_vector(b, what=f"b_{l}", allow_float=allow_float)
                                               for l, b in enumerate(biases, start=1)]
        return cls(architecture, architecture.pack(matrices, vectors))

    def layers(self):
        """``((W_1, b_1), …, (W_L, b_L))`` as exact tuples."""
        return self.architecture.unpack(self.theta)

    def to_json(self) -> dict[str, Any]:
        """The network file's JSON object (numbers as exact strings)."""
        layers = self.layers()
        result: dict[str, Any] = {"widths": list(self.architecture.widths), "bias": self.architecture.bias,
                                  "weights": [[[fraction_to_string(x) for x in row] for row in w] for w, _ in layers]}
        if self.architecture.bias:
            result["biases"] = [[fraction_to_string(x) for x in b] for _, b in layers]
        return result


def load_network(path: str | Path) -> Network:
    """Read a network file (``.json`` or ``.npz``); errors are :class:`InvalidSpecError`."""
    path = Path(path)
    if path.suffix == ".npz":
        try:
            return _load_npz(path)
        except OSError as error:
            raise InvalidSpecError(f"cannot read network file {str(path)!r}: {error.strerror}") from error
    return network_from_json(read_json_file(path, what="network"))


def network_from_json(raw: Any) -> Network:
    """Build a :class:`Network` from the parsed JSON of a network file, checking it against its widths."""
    if not isinstance(raw, dict) or "weights" not in raw:
        raise InvalidSpecError('a network file is an object with "widths", "bias", "weights" (and "biases")')
    bias = raw.get("bias", "biases" in raw)
    try:
        network = Network.from_weights(raw["weights"], raw.get("biases") if bias else None)
    except InvalidSpecError:
        raise
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid network file: {error}") from error
    if "widths" in raw and list(raw["widths"]) != list(network.architecture.widths):
        raise InvalidSpecError(
            f"the weights have widths {list(network.architecture.widths)} but the file says {raw['widths']}")
    return network


def _load_npz(path: Path) -> Network:
    with np.load(path) as arrays:
        depth = sum(1 for name in arrays.files if name.startswith("W"))
        if depth == 0:
            raise InvalidSpecError(f"{path}: no arrays W1 … WL in the .npz file")
        weights = [arrays[f"W{l}"].tolist() for l in range(1, depth + 1)]
        has_bias = all(f"b{l}" in arrays.files for l in range(1, depth + 1))
        biases = [arrays[f"b{l}"].tolist() for l in range(1, depth + 1)] if has_bias else None
    try:
        return Network.from_weights(weights, biases, allow_float=True)
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid network file {path}: {error}") from error
