"""scikit-learn: ``MLPClassifier`` / ``MLPRegressor`` with ``activation='relu'``."""

from __future__ import annotations

from typing import Any

from architectures.errors import UnsupportedLayerError
from architectures.importers.affine_chain import network_from_arrays
from architectures.network_file import Network


def from_sklearn(estimator: Any) -> Network:
    """Import a fitted MLP; ``coefs_`` are (in, out) so they are transposed; weights convert exactly.

    For a classifier the network is the pre-softmax (pre-logistic) output.

    Examples
    --------
    >>> import pytest, numpy as np; nn = pytest.importorskip("sklearn.neural_network")
    >>> mlp = nn.MLPRegressor(hidden_layer_sizes=(3,), max_iter=5).fit(np.eye(2), [0.0, 1.0])
    >>> from_sklearn(mlp).architecture.widths
    (2, 3, 1)
    """
    if not hasattr(estimator, "coefs_") or not hasattr(estimator, "intercepts_"):
        raise UnsupportedLayerError(
            f"expected a fitted sklearn MLPClassifier or MLPRegressor, got {type(estimator).__name__}"
        )
    if getattr(estimator, "activation", None) != "relu":
        raise UnsupportedLayerError(
            f"the MLP has activation={estimator.activation!r}; only activation='relu' networks can be imported"
        )
    return network_from_arrays(
        [w.T for w in estimator.coefs_], list(estimator.intercepts_), source=type(estimator).__name__
    )
