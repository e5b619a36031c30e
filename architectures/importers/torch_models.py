"""PyTorch: an ``nn.Sequential`` of ``nn.Linear`` and ``nn.ReLU``, a state dict, or a ``.pt`` file."""

from __future__ import annotations

import contextlib
import io
import pickle
import re
import warnings
from pathlib import Path
from typing import Any, Mapping

from architectures.errors import InvalidSpecError, UnsupportedLayerError
from architectures.importers.affine_chain import network_from_arrays
from architectures.importers.extras import require
from architectures.json_files import read_bytes_file
from architectures.network_file import Network


def from_torch(module: Any) -> Network:
    """Import ``nn.Sequential(Linear, ReLU, Linear, …, Linear)``; weights convert exactly (``Fraction(float(x))``).

    Dropout and Identity are skipped in eval mode; any other layer raises :class:`UnsupportedLayerError`.

    Examples
    --------
    >>> import pytest; torch = pytest.importorskip("torch")
    >>> layer = torch.nn.Linear(2, 1); _ = torch.nn.init.ones_(layer.weight); _ = torch.nn.init.zeros_(layer.bias)
    >>> from_torch(torch.nn.Sequential(layer)).architecture.widths
    (2, 1)
    """
    torch = require("torch", "torch")
    nn = torch.nn
    layers = list(module) if isinstance(module, nn.Sequential) else [module]
    weights, biases, has_bias, expect_linear = [], [], [], True
    for index, layer in enumerate(layers):
        if isinstance(layer, (nn.Identity, nn.Flatten)) or (isinstance(layer, nn.Dropout) and not layer.training):
            continue
        if isinstance(layer, nn.Linear) and expect_linear:
            weights.append(layer.weight.detach().cpu().numpy())
            has_bias.append(layer.bias is not None)
            biases.append(None if layer.bias is None else layer.bias.detach().cpu().numpy())
            expect_linear = False
        elif isinstance(layer, nn.ReLU) and not expect_linear:
            expect_linear = True
        else:
            wanted = "Linear" if expect_linear else "ReLU (or the end)"
            raise UnsupportedLayerError(
                f"layer {index} is {type(layer).__name__} ({layer}); expected {wanted}: only nn.Sequential of "
                "Linear layers with one ReLU between each pair (Dropout/Identity in eval mode) can be imported"
            )
    if not weights or expect_linear:
        raise UnsupportedLayerError("the model must start with Linear and end with Linear (no ReLU after the last)")
    return _with_biases(weights, biases, has_bias, source="torch module")


def from_torch_state_dict(state_dict: Mapping[str, Any]) -> Network:
    """Import a state dict of ``….weight``/``….bias`` tensors in layer order; widths come from the shapes.

    Examples
    --------
    >>> import pytest; torch = pytest.importorskip("torch")
    >>> sd = {"0.weight": torch.ones(3, 2), "0.bias": torch.zeros(3), "2.weight": torch.ones(1, 3), "2.bias": torch.zeros(1)}
    >>> from_torch_state_dict(sd).architecture.widths
    (2, 3, 1)
    """
    names = [name for name in state_dict if isinstance(name, str) and name.endswith("weight")]
    if not names:
        raise InvalidSpecError(f"no '….weight' tensors in the state dict (keys: {list(state_dict)[:6]})")
    names.sort(key=_layer_key)
    weights = [_array(state_dict[name]) for name in names]
    bias_names = [name[: -len("weight")] + "bias" for name in names]
    has_bias = [name in state_dict for name in bias_names]
    biases = [_array(state_dict[name]) if present else None for name, present in zip(bias_names, has_bias)]
    return _with_biases(weights, biases, has_bias, source="state dict")


def load_torch_file(path: str | Path) -> Network:
    """Read a ``.pt``/``.pth`` file: a saved state dict or a whole ``nn.Sequential``, never running code from it.

    The file is unpickled with ``weights_only=True``: only tensors, containers and (for a whole saved
    model) the layer classes this importer understands are rebuilt. Any other object in the pickle
    (which could run code when unpickled) is refused with :class:`InvalidSpecError`, as is a file that
    is not a PyTorch file at all; the file is read within the toolkit's size limit.

    Examples
    --------
    >>> import pytest, tempfile, pathlib; torch = pytest.importorskip("torch")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.pt"
    >>> torch.save({"weight": torch.ones(1, 2), "bias": torch.zeros(1)}, path)
    >>> load_torch_file(path).architecture.widths
    (2, 1)
    """
    torch = require("torch", "torch")
    data = read_bytes_file(path, what="network")
    if not data:
        raise InvalidSpecError(
            f"network file {str(path)!r} is empty; save the network with torch.save(model.state_dict(), path)"
        )
    if not (data.startswith(b"PK\x03\x04") or data.startswith(b"\x80")):  # torch's zip format or a bare pickle
        raise InvalidSpecError(
            f"network file {str(path)!r} is not a PyTorch file (it starts with {data[:8]!r}); "
            "save the network with torch.save(model.state_dict(), path)"
        )
    try:
        with _safe_layer_classes(torch), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch's note on the pickle protocol of a foreign file
            loaded = torch.load(io.BytesIO(data), weights_only=True, map_location="cpu")
    except pickle.UnpicklingError as error:
        raise InvalidSpecError(
            f"network file {str(path)!r} holds Python objects other than tensors and the layers "
            f"{', '.join(sorted(_LAYERS))}; they are never unpickled (unpickling can run code from the file); "
            f"save the weights with torch.save(model.state_dict(), path) ({_first_line(error)})"
        ) from error
    except Exception as error:  # noqa: BLE001 - torch raises RuntimeError, EOFError, zip and pickle errors
        raise InvalidSpecError(
            f"network file {str(path)!r} is not a readable PyTorch file ({type(error).__name__}: "
            f"{_first_line(error)}); save it with torch.save(model.state_dict(), path)"
        ) from error
    if isinstance(loaded, torch.nn.Module):
        return from_torch(loaded)
    if isinstance(loaded, Mapping):
        return from_torch_state_dict(loaded)
    raise InvalidSpecError(f"{path}: expected a state dict or an nn.Sequential, got {type(loaded).__name__}")


#: The layer classes a whole saved ``nn.Sequential`` may contain (see :func:`from_torch`).
_LAYERS = ("Sequential", "Linear", "ReLU", "Dropout", "Identity", "Flatten")


def _safe_layer_classes(torch: Any) -> Any:
    """Allow the weights-only unpickler to rebuild the layer classes :func:`from_torch` reads, and no other."""
    allow = getattr(torch.serialization, "safe_globals", None)
    if allow is None:  # torch before 2.5: whole modules are refused, state dicts still load
        return contextlib.nullcontext()
    return allow([getattr(torch.nn, name) for name in _LAYERS])


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else "")[:200]


def _layer_key(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _array(tensor: Any) -> Any:
    return tensor.detach().cpu().numpy() if hasattr(tensor, "detach") else tensor


def _with_biases(weights, biases, has_bias, *, source: str) -> Network:
    import numpy as np

    if any(has_bias):  # a layer without bias has bias 0 in the biased architecture
        biases = [np.zeros(len(w)) if b is None else b for w, b in zip(weights, biases)]
        return network_from_arrays(weights, biases, source=source)
    return network_from_arrays(weights, None, source=source)
