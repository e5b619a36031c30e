"""Jacobian spectra under random inputs: the discrete distribution of the singular values of f'(x).

Downstream of ``distributions.pieces``: on piece k the Jacobian is M_k, so the singular values take the
values σ(M_k) with the pieces' probabilities (floating point, with their error bounds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from architectures.errors import InvalidDistributionError
from distributions.pieces import PieceDistribution


@dataclass(frozen=True)
class SpectrumAtom:
    """Singular values (descending) of the Jacobian on one piece, with its probability and error."""

    singular_values: np.ndarray
    probability: float
    error: float


def jacobian_spectra(distribution: PieceDistribution) -> tuple[SpectrumAtom, ...]:
    """One atom per piece found: σ_1 ≥ … ≥ σ_min(n_0, n_L) of M_k, most probable piece first.

    Examples
    --------
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1], [-1]], [[2, 3]]], [[0, 0], [0]])       # slope 2 or −3
    >>> sorted((a.singular_values.tolist(), round(a.probability, 9)) for a in jacobian_spectra(affine_pieces(net, standard_normal(1))))
    [([2.0], 0.5), ([3.0], 0.5)]
    """
    return tuple(
        SpectrumAtom(np.linalg.svd(piece.matrix, compute_uv=False), piece.probability, piece.error)
        for piece in distribution.pieces
    )


def singular_value_distribution(
    distribution: PieceDistribution, index: int = 0, *, decimals: int = 12
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distribution of the ``index``-th largest singular value: (values ascending, probabilities, errors).

    Pieces whose values agree to ``decimals`` decimals are merged (e.g. pieces with the same Jacobian).

    Examples
    --------
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1], [-1]], [[2, -2]]], [[0, 0], [0]])      # f(x) = 2|x|: σ = 2 always
    >>> values, probabilities, _ = singular_value_distribution(affine_pieces(net, standard_normal(1)))
    >>> values.tolist(), probabilities.round(9).tolist()
    ([2.0], [1.0])
    """
    count = min(distribution.network.widths[0], distribution.network.widths[-1])
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < count:
        raise InvalidDistributionError(
            f"singular value index {index!r} out of range: the Jacobian has {count} "
            f"singular values (indices 0 … {count - 1})"
        )
    table: dict[float, list[float]] = {}
    for atom in jacobian_spectra(distribution):
        key = float(np.round(atom.singular_values[index], decimals))
        entry = table.setdefault(key, [0.0, 0.0])
        entry[0] += atom.probability
        entry[1] += atom.error
    values = np.array(sorted(table))
    return values, np.array([table[v][0] for v in values]), np.array([table[v][1] for v in values])
