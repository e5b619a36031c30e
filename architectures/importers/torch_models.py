"""PyTorch: an ``nn.Sequential`` of ``nn.Linear`` and ``nn.ReLU``, a state dict, or a ``.pt`` file."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from architectures.errors import InvalidSpecError, UnsupportedLayerError
from architectures.importers.affine_chain import network_from_arrays
from architectures.importers.extras import require
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
                "Linear layers with one ReLU between each pair (Dropout/Identity in eval mode) can be imported")
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
    names = [name for name in state_dict if name.endswith("weight")]
    if not names:
        raise InvalidSpecError(f"no '….weight' tensors in the state dict (keys: {list(state_dict)[:6]})")
    names.sort(key=_layer_key)
    weights = [_array(state_dict[name]) for name in names]
    bias_names = [name[: -len("weight")] + "bias" for name in names]
    has_bias = [name in state_dict for name in bias_names]
    biases = [_array(state_dict[name]) if present else None for name, present in zip(bias_names, has_bias)]
    return _with_biases(weights, biases, has_bias, source="state dict")


def load_torch_file(path: str | Path) -> Network:
    """Read a ``.pt``/``.pth`` file: a saved state dict (loaded with ``weights_only=True``) or ``nn.Sequential``.

    A whole pickled module can only be unpickled with ``weights_only=False``, which runs code from the
    file: open such files only from a trusted source (a state dict is always safe).

    Examples
    --------
    >>> import pytest, tempfile, pathlib; torch = pytest.importorskip("torch")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.pt"
    >>> torch.save({"weight": torch.ones(1, 2), "bias": torch.zeros(1)}, path)
    >>> load_torch_file(path).architecture.widths
    (2, 1)
    """
    torch = require("torch", "torch")
    try:
        loaded = torch.load(path, weights_only=True)
    except OSError as error:
        raise InvalidSpecError(f"cannot read network file {str(path)!r}: {error}") from error
    except Exception:  # a pickled module, refused by the weights-only unpickler
        loaded = torch.load(path, weights_only=False)
    if isinstance(loaded, torch.nn.Module):
        return from_torch(loaded)
    if isinstance(loaded, Mapping):
        return from_torch_state_dict(loaded)
    raise InvalidSpecError(f"{path}: expected a state dict or an nn.Sequential, got {type(loaded).__name__}")


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
