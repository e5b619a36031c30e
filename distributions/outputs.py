"""The output distribution of a network under random inputs: a mixture of truncated Gaussians, one per piece.

Downstream of ``distributions.pieces``: on piece k the output is M_k x + c_k with x restricted to the
piece's region, so each output coordinate's CDF and density are sums over pieces of Gaussian polytope
probabilities (floating point, ``distributions.orthant``). The pieces not found (mass ≤ the search's
unexplored mass) are accounted for in the CDF's error; densities and moments are those of the pieces found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
from scipy.linalg import null_space

from architectures.errors import InvalidDistributionError
from distributions.inputs import GaussianInput
from distributions.orthant import polytope_integrals_float
from distributions.pieces import AffinePiece, PieceDistribution
from distributions.region import pattern_region_float, support_polytope

#: An output row of M_k L smaller than this (relative to |M_k| |L|) is a constant: an atom of the output.
ATOM_ROW = 1e-12


@dataclass(frozen=True)
class OutputCDF:
    """P(f_i(x) ≤ t) at each t of ``points`` (floating point): the true CDF lies in [cdf − error, cdf + error]."""

    points: np.ndarray
    cdf: np.ndarray
    error: np.ndarray


@dataclass(frozen=True)
class OutputDensity:
    """The density of f_i at ``points`` (continuous part, pieces found) with its error, and the atoms
    ``(value, probability)``: pieces on which f_i is constant (e.g. every neuron of a layer inactive)."""

    points: np.ndarray
    density: np.ndarray
    error: np.ndarray
    atoms: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class OutputMoments:
    """Mean and covariance of the output restricted to the pieces found, each with an error bound."""

    mean: np.ndarray
    covariance: np.ndarray
    mean_error: np.ndarray
    covariance_error: np.ndarray


def _terms(
    distribution: PieceDistribution,
) -> Iterator[tuple[float, GaussianInput, AffinePiece, np.ndarray, np.ndarray, int]]:
    """(mixture weight, component, piece, C, d, component index) for every piece found under every
    component; C u + d ≥ 0 is the piece's region in the component's support coordinates."""
    for index, (weight, gaussian) in enumerate(distribution.distribution.components()):
        for piece in distribution.pieces:
            found = piece.component_errors[index] > 0 if piece.component_errors else True
            if weight == 0 or not found:
                continue
            polytope = support_polytope(pattern_region_float(distribution.network, piece.pattern), gaussian)
            if polytope.feasible:
                yield weight, gaussian, piece, polytope.C, polytope.d, index


def _check_coordinate(distribution: PieceDistribution, coordinate: int) -> None:
    width = distribution.network.widths[-1]
    if isinstance(coordinate, bool) or not isinstance(coordinate, (int, np.integer)) or not 0 <= coordinate < width:
        raise InvalidDistributionError(
            f"output coordinate {coordinate!r} does not exist: the network has {width} outputs (0 … {width - 1})"
        )


def output_cdf_float(
    distribution: PieceDistribution, coordinate: int, points: np.ndarray, *, abs_tol: float = 1e-4, seed: int = 0
) -> OutputCDF:
    """CDF of output ``coordinate`` at ``points``: Σ_k P(x ∈ R_k, (M_k x + c_k)_i ≤ t) (floating point).

    Each term is the Gaussian probability of the region with one more inequality. The error adds the
    terms' error bounds and the search's unexplored mass.

    Examples
    --------
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])        # f(x) = |x|
    >>> result = output_cdf_float(affine_pieces(net, standard_normal(1)), 0, np.array([-1.0, 1.0]))
    >>> result.cdf.round(6).tolist()                                            # P(|x| ≤ 1) = 0.682689
    [0.0, 0.682689]
    """
    _check_coordinate(distribution, coordinate)
    points = np.asarray(points, dtype=float).ravel()
    cdf = np.zeros(len(points))
    error = np.full(len(points), distribution.unexplored_mass)
    for weight, gaussian, piece, C, d, _component in _terms(distribution):
        row = piece.matrix[coordinate] @ gaussian.factor
        level = piece.matrix[coordinate] @ gaussian.mean + piece.offset[coordinate]
        C_ext = np.r_[C, -row[None, :]]
        D = np.c_[np.repeat(d[None, :], len(points), axis=0), points - level]
        values, errors, _ = polytope_integrals_float(C_ext, D, abs_tol=abs_tol, seed=seed)
        cdf += weight * values[:, 0]
        error += weight * errors[:, 0]
    return OutputCDF(points, np.clip(cdf, 0, 1), error)


def output_density_float(
    distribution: PieceDistribution, coordinate: int, points: np.ndarray, *, abs_tol: float = 1e-4, seed: int = 0
) -> OutputDensity:
    """Density of output ``coordinate`` at ``points`` over the pieces found, and its atoms (floating point).

    On a piece with a = (M_k L)_i ≠ 0 the density at t is ``φ(s)/|a| · P(x ∈ R_k | a·u = s|a|)``, ``s = (t − β)/|a|``
    (β the output at the mean); the conditional probability is a polytope probability in the r − 1
    coordinates orthogonal to a. A piece with a = 0 is an atom at β.

    Examples
    --------
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1]], [[1]]], [[0], [0]])                   # f(x) = max(x, 0)
    >>> result = output_density_float(affine_pieces(net, standard_normal(1)), 0, np.array([1.0]))
    >>> round(float(result.density[0]), 6), result.atoms                        # φ(1), and P(f = 0) = 1/2
    (0.241971, ((0.0, 0.5),))
    """
    _check_coordinate(distribution, coordinate)
    points = np.asarray(points, dtype=float).ravel()
    density = np.zeros(len(points))
    error = np.zeros(len(points))
    atoms: dict[float, float] = {}
    for weight, gaussian, piece, C, d, component in _terms(distribution):
        row = piece.matrix[coordinate] @ gaussian.factor
        level = float(piece.matrix[coordinate] @ gaussian.mean + piece.offset[coordinate])
        scale = np.linalg.norm(row)
        if scale <= ATOM_ROW * max(
            float(np.linalg.norm(piece.matrix[coordinate]) * np.linalg.norm(gaussian.factor)), 1e-300
        ):
            probability = piece.component_probabilities[component] if piece.component_probabilities else 1.0
            atoms[level] = atoms.get(level, 0.0) + weight * probability
            continue
        direction = row / scale
        s = (points - level) / scale
        basis = null_space(direction[None, :])
        D = d[None, :] + s[:, None] * (C @ direction)[None, :]
        values, errors, _ = polytope_integrals_float(C @ basis, D, abs_tol=abs_tol, seed=seed)
        factor = weight * np.exp(-s * s / 2) / np.sqrt(2 * np.pi) / scale
        density += factor * values[:, 0]
        error += factor * errors[:, 0]
    return OutputDensity(points, density, error, tuple(sorted(atoms.items())))


def output_moments_float(distribution: PieceDistribution, *, abs_tol: float = 1e-4, seed: int = 0) -> OutputMoments:
    """Mean and covariance of f(x) over the pieces found (floating point).

    E[f 1_{R_k}] and E[f fᵀ 1_{R_k}] are integrals of polynomials over Gaussian polytopes, estimated by
    the same randomised QMC sampler as the probabilities (all coordinates sampled), with its error bound.
    When the search is complete these are the output's mean and covariance.

    Examples
    --------
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1]], [[1]]], [[0], [0]])                   # f(x) = max(x, 0)
    >>> moments = output_moments_float(affine_pieces(net, standard_normal(1)), abs_tol=1e-5)
    >>> bool(abs(moments.mean[0] - 1 / np.sqrt(2 * np.pi)) <= moments.mean_error[0])   # E max(x,0) = 1/√(2π)
    True
    """
    width = distribution.network.widths[-1]
    first, second = np.zeros(width), np.zeros((width, width))
    first_error, second_error = np.zeros(width), np.zeros((width, width))
    for weight, gaussian, piece, C, d, _component in _terms(distribution):
        matrix, shift = piece.matrix @ gaussian.factor, piece.matrix @ gaussian.mean + piece.offset

        def outputs(u: np.ndarray, matrix: np.ndarray = matrix, shift: np.ndarray = shift) -> np.ndarray:
            y = u @ matrix.T + shift
            return np.c_[y, (y[:, :, None] * y[:, None, :]).reshape(len(y), -1)]

        values, errors, _ = polytope_integrals_float(C, d[None, :], function=outputs, abs_tol=abs_tol, seed=seed)
        first += weight * values[0, :width]
        second += weight * values[0, width:].reshape(width, width)
        first_error += weight * errors[0, :width]
        second_error += weight * errors[0, width:].reshape(width, width)
    covariance = second - np.outer(first, first)
    covariance_error = (
        second_error
        + np.abs(first)[:, None] * first_error[None, :]
        + first_error[:, None] * (np.abs(first)[None, :] + first_error[None, :])
    )
    return OutputMoments(first, covariance, first_error, covariance_error)
