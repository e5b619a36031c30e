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
    arrays = [np.asarray(w, dtype=np.float64) for w in weights]
    for index, array in enumerate(arrays, start=1):
        if array.ndim != 2:
            raise UnsupportedLayerError(f"{source}: the weight of layer {index} has shape {array.shape}; an affine "
                                        "layer's weight is a matrix (outputs, inputs)")
    matrices = [array.tolist() for array in arrays]
    vectors = None if biases is None else [np.asarray(b, dtype=np.float64).reshape(-1).tolist() for b in biases]
    try:
        return Network.from_weights(matrices, vectors, allow_float=True)
    except ReluVarietiesError as error:
        raise UnsupportedLayerError(f"{source}: the affine layers do not chain into a network: {error}") from error
