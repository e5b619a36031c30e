"""Plots draw what they are given: bar heights are the probabilities, the CDF line is the computed CDF."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from distribution_cases import make_network  # noqa: E402
from distributions.float_network import pattern_code  # noqa: E402
from distributions.inputs import standard_normal  # noqa: E402
from distributions.monte_carlo import monte_carlo_float  # noqa: E402
from distributions.outputs import output_cdf_float  # noqa: E402
from distributions.pieces import affine_pieces  # noqa: E402
from distributions.plots import plot_output_cdf, plot_pattern_pmf  # noqa: E402


@pytest.mark.slow
def test_pmf_bars_show_probabilities_and_monte_carlo_frequencies_by_pattern_code():
    network = make_network((2, 4, 1), seed=71)
    result = affine_pieces(network, standard_normal(2), mass=1.0)
    sample = monte_carlo_float(network, standard_normal(2), 20000, seed=1)
    ax = plot_pattern_pmf(result, monte_carlo=sample, top=5)
    heights = [patch.get_height() for patch in ax.patches]
    pieces = result.pieces[:5]
    assert np.allclose(heights[: len(pieces)], [p.probability for p in pieces])
    assert np.allclose(heights[len(pieces) :], [sample.frequencies.get(p.pattern, 0) for p in pieces])
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert labels == [str(pattern_code(p.pattern, network.architecture.widths)) for p in pieces]


@pytest.mark.slow
def test_cdf_plot_draws_the_computed_cdf_and_the_empirical_one():
    network = make_network((2, 4, 1), seed=72)
    result = affine_pieces(network, standard_normal(2), mass=1.0)
    sample = monte_carlo_float(network, standard_normal(2), 5000, seed=2, keep_outputs=True)
    points = np.linspace(-1, 1, 9)
    ax = plot_output_cdf(result, 0, monte_carlo=sample, points=points)
    assert np.allclose(ax.lines[0].get_ydata(), output_cdf_float(result, 0, points).cdf)
    assert len(ax.lines[1].get_xdata()) == 5000
