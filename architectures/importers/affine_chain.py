"""A chain of affine maps with ReLU between them, as float arrays, made into an exact Network."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from architectures.errors import ReluVarietiesError, UnsupportedLayerError
from architectures.network_file import Network


def network_from_arrays(weights: Sequence[Any], biases: Sequence[Any] | None, *, source: str) -> Network:
    """``W_l`` as (out, in) float arrays, ``b_l`` as vectors, converted exactly (``Fraction(float(x))``).

    Examples
    --------
    >>> network_from_arrays([np.eye(2, dtype=np.float32)], [np.full(2, 0.5)], source="demo").theta[-1]
    Fraction(1, 2)
    """
    arrays = [_real_array(w, source, f"the weight of layer {index}") for index, w in enumerate(weights, start=1)]
    for index, array in enumerate(arrays, start=1):
        if array.ndim != 2:
            raise UnsupportedLayerError(
                f"{source}: the weight of layer {index} has shape {array.shape}; an affine "
                "layer's weight is a matrix (outputs, inputs)"
            )
    matrices = [array.tolist() for array in arrays]
    vectors = (
        None
        if biases is None
        else [
            _real_array(b, source, f"the bias of layer {index}").reshape(-1).tolist()
            for index, b in enumerate(biases, start=1)
        ]
    )
    try:
        return Network.from_weights(matrices, vectors, allow_float=True)
    except ReluVarietiesError as error:
        raise UnsupportedLayerError(f"{source}: the affine layers do not chain into a network: {error}") from error


def _real_array(values: Any, source: str, what: str) -> np.ndarray:
    """``values`` as a float64 array, refusing text, objects and complex or boolean entries."""
    try:
        array = np.asarray(values)
        if array.dtype.kind not in "iuf":
            raise TypeError(f"entries of dtype {array.dtype}")
        return array.astype(np.float64)
    except (TypeError, ValueError) as error:
        raise UnsupportedLayerError(
            f"{source}: {what} is not an array of real numbers ({error}); an affine layer "
            "holds float or integer tensors"
        ) from error
