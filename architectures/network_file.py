"""Network files: a network with numeric weights, read exactly from JSON, ``.npz``, ``.pt`` or ``.onnx``.

``{"widths": [...], "bias": true, "weights": [W_1, …, W_L], "biases": [b_1, …, b_L]}``; numbers are
integers, decimal strings or ``"p/q"`` strings; plain JSON floats are converted to the exact rationals
they hold, with a :class:`FloatWeightsWarning`. In ``.npz`` files (arrays ``W1 … WL``/``b1 … bL``,
``weight0``/``bias0``, ``fc1.weight``/``fc1.bias``, ``layers.0.weight``, …; each W is (out, in))
binary floats are converted exactly too. ``.pt``/``.pth`` and ``.onnx`` go to
:mod:`architectures.importers`.
"""

from __future__ import annotations

import io
import math
import re
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from architectures.architecture import MAX_PARAMETER_NAMES, Architecture
from architectures.errors import (
    ComputationTooLargeError,
    FloatWeightsWarning,
    InvalidArgumentError,
    InvalidNumberError,
    InvalidSpecError,
    ReluVarietiesError,
)
from architectures.json_files import read_bytes_file, read_json_file
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
        if not isinstance(self.architecture, Architecture):
            raise InvalidArgumentError(
                f"Network: architecture is {self.architecture!r:.60} "
                f"({type(self.architecture).__name__}); expected an Architecture"
            )
        object.__setattr__(self, "theta", self.architecture.check_parameters(self.theta))

    @classmethod
    def from_weights(
        cls, weights: list[Any], biases: list[Any] | None = None, *, allow_float: bool = False
    ) -> "Network":
        """Build from per-layer weight matrices (lists of rows) and optional bias vectors."""
        if not weights:
            raise InvalidSpecError("a network needs at least one weight matrix")
        matrices = [
            to_fraction_matrix(w, what=f"W_{l}", allow_float=allow_float) for l, w in enumerate(weights, start=1)
        ]
        widths = [len(matrices[0][0]) if matrices[0] else 0] + [len(m) for m in matrices]
        architecture = Architecture(tuple(widths), bias=biases is not None)
        vectors = (
            None
            if biases is None
            else [to_fraction_vector(b, what=f"b_{l}", allow_float=allow_float) for l, b in enumerate(biases, start=1)]
        )
        return cls(architecture, architecture.pack(matrices, vectors))

    def layers(self):
        """``((W_1, b_1), …, (W_L, b_L))`` as exact tuples."""
        return self.architecture.unpack(self.theta)

    def to_json(self) -> dict[str, Any]:
        """The network file's JSON object (numbers as exact strings)."""
        layers = self.layers()
        result: dict[str, Any] = {
            "widths": list(self.architecture.widths),
            "bias": self.architecture.bias,
            "weights": [[[fraction_to_string(x) for x in row] for row in w] for w, _ in layers],
        }
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
        return _load_npz(path, names)
    return network_from_json(read_json_file(path, what="network"))


#: The keys a network file may have.
NETWORK_KEYS = frozenset({"widths", "bias", "weights", "biases"})


def network_from_json(raw: Any) -> Network:
    """Build a :class:`Network` from the parsed JSON of a network file, checking it against its widths.

    Examples
    --------
    >>> network_from_json({"widths": [1, 1], "bias": False, "weights": [[["2"]]]}).theta
    (Fraction(2, 1),)
    >>> network_from_json({"widths": [1, 1], "bias": True, "weights": [[["2"]]]})
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidSpecError: the network file says "bias": true but has no "biases"; add one bias vector per layer or set "bias": false
    """
    _check_network_fields(raw)
    bias = raw.get("bias", "biases" in raw)
    biases = raw.get("biases") if bias else None
    try:
        try:
            network = Network.from_weights(raw["weights"], biases)
        except InvalidNumberError as problem:
            if "float" not in str(problem):
                raise
            network = Network.from_weights(raw["weights"], biases, allow_float=True)
            warnings.warn(
                "the network file has binary floats; each was converted to the exact rational it "
                "holds (0.1 becomes 3602879701896397/36028797018963968)",
                FloatWeightsWarning,
                stacklevel=3,
            )
    except InvalidSpecError:
        raise
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid network file: {error}") from error
    if "widths" in raw and list(raw["widths"]) != list(network.architecture.widths):
        raise InvalidSpecError(
            f"the weights have widths {list(network.architecture.widths)} but the file says {raw['widths']}"
        )
    return network


def _check_network_fields(raw: Any) -> None:
    """The shape of a network file's JSON: the keys, their types, and "bias" agreeing with "biases"."""
    if not isinstance(raw, dict) or "weights" not in raw:
        raise InvalidSpecError('a network file is an object with "widths", "bias", "weights" (and "biases")')
    unknown = sorted(set(raw) - NETWORK_KEYS)
    if unknown:
        raise InvalidSpecError(f"unknown key(s) {unknown} in the network file; allowed keys are {sorted(NETWORK_KEYS)}")
    if "widths" in raw and (
        not isinstance(raw["widths"], list)
        or not all(isinstance(w, int) and not isinstance(w, bool) for w in raw["widths"])
    ):
        raise InvalidSpecError(f'"widths" must be a list of positive integers such as [3, 2, 3], got {raw["widths"]!r}')
    if "bias" in raw and not isinstance(raw["bias"], bool):
        raise InvalidSpecError(f'"bias" must be true or false, got {raw["bias"]!r}')
    for key, inner in (("weights", "a weight matrix (a list of rows)"), ("biases", "a bias vector")):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, list) for item in value):
            raise InvalidSpecError(
                f'"{key}" must be a list with one entry per layer, each {inner}, got {_shorten(value)}'
            )
    for index, matrix in enumerate(raw["weights"], start=1):
        if not matrix or not all(isinstance(row, list) for row in matrix):
            raise InvalidSpecError(
                f"weights[{index - 1}] (W_{index}) must be a non-empty list of rows, got {_shorten(matrix)}"
            )
    if raw.get("bias") is False and "biases" in raw:
        raise InvalidSpecError(
            'the network file says "bias": false but gives "biases"; remove them or set "bias": true'
        )
    if raw.get("bias") is True and "biases" not in raw:
        raise InvalidSpecError(
            'the network file says "bias": true but has no "biases"; add one bias vector per layer or set "bias": false'
        )


def _shorten(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _npz_layer_names(files: list[str]) -> list[tuple[str, str | None]]:
    """Weight arrays (``W1``, ``weight0``, ``fc1.weight``, ``layers.0.weight``) in layer order, with biases."""

    def partner(name: str) -> str:
        return "b" + name[1:] if re.fullmatch(r"W\d+", name) else name.replace("weight", "bias")

    weights = [name for name in files if re.fullmatch(r"W\d+", name) or "weight" in name]
    weights.sort(key=lambda name: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)])
    return [(name, partner(name) if partner(name) in files else None) for name in weights]


def _load_npz(path: Path, names: list[tuple[str, str | None]] | None = None) -> Network:
    data = read_bytes_file(path, what="network")
    if not data.startswith(b"PK"):
        kind = "a single .npy array" if data.startswith(b"\x93NUMPY") else "not a zip archive"
        raise InvalidSpecError(
            f"network file {str(path)!r} is {kind}; an .npz network file is written by "
            "numpy.savez(path, W1=..., b1=..., W2=...)"
        )
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            layer_names = names if names is not None else _npz_layer_names(arrays.files)
            _check_npz_names(path, layer_names, arrays.files)
            weights = [_numeric_array(path, arrays, w, 2) for w, _ in layer_names]
            has_bias = [b is not None for _, b in layer_names]
            biases = (
                [
                    _numeric_array(path, arrays, b, 1) if b is not None else [0] * len(w)
                    for (_, b), w in zip(layer_names, weights)
                ]
                if any(has_bias)
                else None
            )
    # zipfile raises NotImplementedError for an unknown compression method, RuntimeError for encryption.
    except (
        zipfile.BadZipFile,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
        struct.error,
    ) as error:
        if isinstance(error, ReluVarietiesError):
            raise
        reason = (
            "it holds pickled Python objects, which are never loaded (they can run code); save plain numeric arrays"
            if "pickle" in str(error)
            else f"it is damaged or truncated ({error})"
        )
        raise InvalidSpecError(f"cannot read network file {str(path)!r}: {reason}") from error
    try:
        return Network.from_weights(weights, biases, allow_float=True)
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid network file {path}: {error}") from error


def _check_npz_names(path: Path, layer_names: list[tuple[str, str | None]], files: list[str]) -> None:
    if not layer_names:
        raise InvalidSpecError(
            f"{path}: no weight arrays (W1 … WL, weight0, fc1.weight, layers.0.weight) "
            f"among {files}; pass names=[(weight, bias), …]"
        )
    missing = [n for pair in layer_names for n in pair if n is not None and n not in files]
    if missing:
        raise InvalidSpecError(f"{path}: no arrays {missing} in the .npz file (it has {files})")
    numbered = [int(name[1:]) for name, _ in layer_names if re.fullmatch(r"W\d+", name)]
    if numbered and numbered != list(range(1, len(numbered) + 1)):
        raise InvalidSpecError(
            f"{path}: the weight arrays are numbered {numbered}; layers are W1, W2, … with none missing"
        )


def _numeric_array(path: Path, arrays: Any, name: str, dimensions: int) -> list:
    shape = _declared_shape(path, arrays, name)
    if math.prod(shape) > MAX_PARAMETER_NAMES:
        raise ComputationTooLargeError(
            f"{path}: array {name!r} declares shape {shape}, more than the {MAX_PARAMETER_NAMES} entries a network "
            "may have; the file is not read further (split or shrink the network)"
        )
    array = arrays[name]
    if array.dtype.kind not in "iuf":
        raise InvalidSpecError(f"{path}: array {name!r} has dtype {array.dtype}; give integer or float arrays")
    if dimensions == 1:
        array = array.reshape(-1)
    elif array.ndim != 2:
        raise InvalidSpecError(
            f"{path}: weight array {name!r} has shape {array.shape}; a weight matrix is (outputs, inputs)"
        )
    return array.tolist()


def _declared_shape(path: Path, arrays: Any, name: str) -> tuple[int, ...]:
    """The shape an ``.npz`` member's header declares, read before the (possibly huge) data is."""
    with arrays.zip.open(name + ".npy") as member:
        version = np.lib.format.read_magic(member)
        if version == (1, 0):
            shape, _, _ = np.lib.format.read_array_header_1_0(member)
        elif version == (2, 0):
            shape, _, _ = np.lib.format.read_array_header_2_0(member)
        else:
            raise InvalidSpecError(
                f"{path}: array {name!r} is in .npy format version {version}; save it with "
                "numpy.savez (format 1.0 or 2.0)"
            )
    return tuple(int(n) for n in shape)
