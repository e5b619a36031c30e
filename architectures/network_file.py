"""Network files: a network with numeric weights, read exactly from JSON, ``.npz``, ``.pt`` or ``.onnx``.

``{"widths": [...], "bias": true, "weights": [W_1, …, W_L], "biases": [b_1, …, b_L]}``; numbers are
integers, decimal strings or ``"p/q"`` strings; plain JSON floats are converted to the exact rationals
they hold, with a :class:`FloatWeightsWarning`. In ``.npz`` files (arrays ``W1 … WL``/``b1 … bL``,
``weight0``/``bias0``, ``fc1.weight``/``fc1.bias``, ``layers.0.weight``, …; each W is (out, in))
binary floats are converted exactly too. ``.pt``/``.pth`` and ``.onnx`` go to
:mod:`architectures.importers`.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from architectures.architecture import Architecture
from architectures.errors import FloatWeightsWarning, InvalidNumberError, InvalidSpecError, ReluVarietiesError
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


def load_network(path: str | Path, *, names: list[tuple[str, str | None]] | None = None) -> Network:
    """Read a network file, choosing the reader by extension: ``.json``, ``.npz``, ``.pt``/``.pth``, ``.onnx``.

    ``names`` gives the ``.npz`` arrays explicitly, as ``[(weight_1, bias_1 or None), …]`` in layer order.
    Errors are :class:`InvalidSpecError` (missing optional packages: ``MissingExtraError``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.npz"
    >>> np.savez(path, **{"fc1.weight": np.ones((2, 1)), "fc1.bias": np.zeros(2), "fc2.weight": np.ones((1, 2))})
    >>> load_network(path).architecture.widths
    (1, 2, 1)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".pt", ".pth"):
        from architectures.importers.torch_models import load_torch_file
        return load_torch_file(path)
    if suffix == ".onnx":
        from architectures.importers.onnx_models import from_onnx
        return from_onnx(path)
    if suffix == ".npz":
        try:
            return _load_npz(path, names)
        except OSError as error:
            raise InvalidSpecError(f"cannot read network file {str(path)!r}: {error.strerror}") from error
    return network_from_json(read_json_file(path, what="network"))


def network_from_json(raw: Any) -> Network:
    """Build a :class:`Network` from the parsed JSON of a network file, checking it against its widths."""
    if not isinstance(raw, dict) or "weights" not in raw:
        raise InvalidSpecError('a network file is an object with "widths", "bias", "weights" (and "biases")')
    bias = raw.get("bias", "biases" in raw)
    biases = raw.get("biases") if bias else None
    try:
        try:
            network = Network.from_weights(raw["weights"], biases)
        except InvalidNumberError as problem:
            if "float" not in str(problem):
                raise
            network = Network.from_weights(raw["weights"], biases, allow_float=True)
            warnings.warn("the network file has binary floats; each was converted to the exact rational it "
                          "holds (0.1 becomes 3602879701896397/36028797018963968)", FloatWeightsWarning,
                          stacklevel=3)
    except InvalidSpecError:
        raise
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid network file: {error}") from error
    if "widths" in raw and list(raw["widths"]) != list(network.architecture.widths):
        raise InvalidSpecError(
            f"the weights have widths {list(network.architecture.widths)} but the file says {raw['widths']}")
    return network


def _npz_layer_names(files: list[str]) -> list[tuple[str, str | None]]:
    """Weight arrays (``W1``, ``weight0``, ``fc1.weight``, ``layers.0.weight``) in layer order, with biases."""
    def partner(name: str) -> str:
        return "b" + name[1:] if re.fullmatch(r"W\d+", name) else name.replace("weight", "bias")

    weights = [name for name in files if re.fullmatch(r"W\d+", name) or "weight" in name]
    weights.sort(key=lambda name: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)])
    return [(name, partner(name) if partner(name) in files else None) for name in weights]


def _load_npz(path: Path, names: list[tuple[str, str | None]] | None = None) -> Network:
    with np.load(path, allow_pickle=False) as arrays:
        layer_names = names if names is not None else _npz_layer_names(arrays.files)
        if not layer_names:
            raise InvalidSpecError(f"{path}: no weight arrays (W1 … WL, weight0, fc1.weight, layers.0.weight) "
                                   f"among {arrays.files}; pass names=[(weight, bias), …]")
        missing = [n for pair in layer_names for n in pair if n is not None and n not in arrays.files]
        if missing:
            raise InvalidSpecError(f"{path}: no arrays {missing} in the .npz file (it has {arrays.files})")
        weights = [arrays[w].tolist() for w, _ in layer_names]
        has_bias = [b is not None for _, b in layer_names]
        biases = ([arrays[b].reshape(-1).tolist() if b is not None else [0] * len(w)
                   for (_, b), w in zip(layer_names, weights)] if any(has_bias) else None)
    try:
        return Network.from_weights(weights, biases, allow_float=True)
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid network file {path}: {error}") from error
