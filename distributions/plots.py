"""Figures of the distributions package (matplotlib): the PMF over patterns and the output CDF against
Monte Carlo, and the singular-value distribution, as in the source paper's figures.

The last step of the distributions data flow; each function draws on a given matplotlib Axes (or a new
one) and returns it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from distributions.float_network import pattern_code
from distributions.monte_carlo import MonteCarloSample
from distributions.outputs import output_cdf_float
from distributions.pieces import PieceDistribution
from distributions.spectra import singular_value_distribution


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure().add_subplot()


def plot_pattern_pmf(
    distribution: PieceDistribution, *, monte_carlo: MonteCarloSample | None = None, top: int = 20, ax: Any = None
) -> Any:
    """Bars: the ``top`` most probable patterns (labelled by their decimal codes) with error bars, and the
    Monte Carlo frequencies beside them when given.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])
    >>> ax = plot_pattern_pmf(affine_pieces(net, standard_normal(1)))
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['2', '1']
    """
    ax = _axes(ax)
    widths = distribution.network.widths
    pieces = distribution.pieces[:top]
    positions = np.arange(len(pieces))
    width = 0.4 if monte_carlo is not None else 0.8
    ax.bar(
        positions - (width / 2 if monte_carlo is not None else 0),
        [p.probability for p in pieces],
        width,
        yerr=[p.error for p in pieces],
        color="tab:blue",
        label="computed",
    )
    if monte_carlo is not None:
        ax.bar(
            positions + width / 2,
            [monte_carlo.frequencies.get(p.pattern, 0.0) for p in pieces],
            width,
            color="tab:red",
            label=f"Monte Carlo ({monte_carlo.count:,} samples)",
        )
        ax.legend()
    ax.set_xticks(positions, [str(pattern_code(p.pattern, widths)) for p in pieces], rotation=90)
    ax.set_xlabel("activation pattern (decimal code)")
    ax.set_ylabel("probability")
    return ax


def plot_output_cdf(
    distribution: PieceDistribution,
    coordinate: int = 0,
    *,
    monte_carlo: MonteCarloSample | None = None,
    points: np.ndarray | None = None,
    ax: Any = None,
) -> Any:
    """The computed CDF of output ``coordinate`` (with its error band) and the empirical CDF of the Monte
    Carlo outputs when given (``monte_carlo`` sampled with ``keep_outputs=True``).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])
    >>> ax = plot_output_cdf(affine_pieces(net, standard_normal(1)), points=np.linspace(0, 3, 5))
    >>> ax.lines[0].get_ydata().round(3).tolist()       # 2Φ(t) − 1
    [0.0, 0.547, 0.866, 0.976, 0.997]
    """
    ax = _axes(ax)
    samples = None if monte_carlo is None or monte_carlo.outputs is None else monte_carlo.outputs[:, coordinate]
    if points is None:
        low, high = np.quantile(samples, [0.001, 0.999]) if samples is not None else (-3.0, 3.0)
        points = np.linspace(low, high, 60)
    cdf = output_cdf_float(distribution, coordinate, points)
    ax.plot(cdf.points, cdf.cdf, color="tab:blue", label="computed")
    ax.fill_between(
        cdf.points, np.clip(cdf.cdf - cdf.error, 0, 1), np.clip(cdf.cdf + cdf.error, 0, 1), color="tab:blue", alpha=0.2
    )
    if samples is not None:
        ordered = np.sort(samples)
        ax.step(
            ordered,
            np.arange(1, len(ordered) + 1) / len(ordered),
            where="post",
            color="tab:red",
            linestyle="--",
            label="Monte Carlo",
        )
        ax.legend()
    ax.set_xlabel(f"output {coordinate}")
    ax.set_ylabel("CDF")
    return ax


def plot_singular_values(
    distribution: PieceDistribution,
    index: int = 0,
    *,
    sampled: np.ndarray | None = None,
    bins: int = 30,
    ax: Any = None,
) -> Any:
    """Histogram of the ``index``-th singular value of the Jacobian: computed (weights = piece
    probabilities) and, when given, from sampled singular values.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from architectures import Network
    >>> from distributions.inputs import standard_normal
    >>> from distributions.pieces import affine_pieces
    >>> net = Network.from_weights([[[1], [-1]], [[2, 3]]], [[0, 0], [0]])
    >>> ax = plot_singular_values(affine_pieces(net, standard_normal(1)), bins=2)
    >>> round(float(sum(patch.get_height() * patch.get_width() for patch in ax.patches)), 6)
    1.0
    """
    ax = _axes(ax)
    values, probabilities, _ = singular_value_distribution(distribution, index)
    edges = np.histogram_bin_edges(np.r_[values, sampled if sampled is not None else []], bins=bins)
    ax.hist(
        values,
        bins=edges,
        weights=probabilities / probabilities.sum(),
        density=True,
        alpha=0.6,
        color="tab:blue",
        label="computed",
    )
    if sampled is not None:
        ax.hist(sampled, bins=edges, density=True, alpha=0.6, color="tab:orange", label="Monte Carlo")
        ax.legend()
    ax.set_xlabel(f"singular value σ_{index + 1} of the Jacobian")
    ax.set_ylabel("density")
    return ax
