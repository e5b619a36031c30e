"""Pieces found by sampling: probabilities against Monte Carlo, budgets and their honest bounds, the command."""

import json

import mpmath
import numpy as np
import pytest
from scipy.stats import truncnorm

from architectures.errors import InvalidDistributionError
from architectures.forward import forward_pass
from architectures.numbers import to_fraction
from distribution_cases import make_network
from distributions.inputs import GaussianInput, standard_normal
from distributions.monte_carlo import monte_carlo_float
from distributions.orthant import _interval_mass_and_sample
from distributions.pieces import affine_pieces
from implicitize.cli import main

SAMPLES = 4 * 10**5
Z = 5.0


@pytest.fixture(scope="module")
def medium():
    """A (6, 12, 12, 2) network under N(μ, 0.3² I): about a hundred pieces carry 99% of the mass."""
    rng = np.random.default_rng(5)
    network = make_network((6, 12, 12, 2), seed=21)
    distribution = GaussianInput(rng.normal(size=6), 0.3**2 * np.eye(6))
    sample = monte_carlo_float(network, distribution, SAMPLES, seed=22)
    return network, distribution, sample


def test_sampled_pieces_agree_with_monte_carlo_and_reach_the_mass(medium):
    network, distribution, sample = medium
    result = affine_pieces(network, distribution, mass=0.99, search="samples")
    assert result.mass >= 0.99 and not result.stopped and len(result.pieces) > 20
    for piece in result.pieces:
        frequency = sample.frequencies.get(piece.pattern, 0.0)
        spread = np.sqrt(max(piece.probability, frequency, 1 / SAMPLES) / SAMPLES)
        assert abs(frequency - piece.probability) <= Z * spread + piece.error, piece.pattern
    # Most probable first, and every witness is a point of its region (exact forward pass).
    probabilities = [piece.probability for piece in result.pieces]
    assert probabilities == sorted(probabilities, reverse=True)
    for piece in result.pieces[:20]:
        point = [[to_fraction(v, what="witness", allow_float=True) for v in piece.witness]]
        assert forward_pass(network.architecture, network.theta, point).patterns[0] == piece.pattern


def test_a_piece_budget_stops_the_search_and_the_bound_on_the_rest_holds(medium):
    network, distribution, sample = medium
    result = affine_pieces(network, distribution, mass=0.99, max_pieces=5)
    assert len(result.pieces) == 5 and result.mass < 0.99
    assert result.stopped == "the budget of 5 pieces was reached"
    found = {piece.pattern for piece in result.pieces}
    unseen = sum(f for pattern, f in sample.frequencies.items() if pattern not in found)
    # The mass of the patterns not found is what the result says it is at most (and close to it).
    assert unseen <= result.unexplored_mass + Z * np.sqrt(unseen / SAMPLES)
    assert result.unexplored_mass - unseen <= result.mass_error + Z * np.sqrt(unseen / SAMPLES)


@pytest.mark.parametrize("search", ["samples", "facets"])
def test_a_time_limit_stops_either_search_with_what_it_found(medium, search):
    network, distribution, _ = medium
    result = affine_pieces(network, distribution, mass=0.99, timeout=1e-9, search=search)
    assert result.stopped == "the time limit of 1e-09 s was reached" and result.mass < 0.99


def test_progress_hears_the_mass_found_after_each_piece(medium, capsys):
    network, distribution, _ = medium
    messages: list[str] = []
    result = affine_pieces(network, distribution, mass=0.5, search="samples", progress=messages.append)
    assert len(messages) == len(result.pieces) and capsys.readouterr().err == ""
    assert messages[-1] == f"mass 0.5000 of 0.5000 in {len(result.pieces)} pieces"
    assert sum(piece.probability for piece in result.pieces) >= 0.5


@pytest.mark.parametrize(
    "options, phrase",
    [
        ({"search": "grid"}, "search must be one of"),
        ({"timeout": 0}, "timeout must be a positive"),
        ({"max_pieces": 0}, "max_pieces must be a positive integer"),
    ],
)
def test_bad_search_options_are_refused(options, phrase):
    with pytest.raises(InvalidDistributionError, match=phrase):
        affine_pieces(make_network((2, 3, 1), seed=1), standard_normal(2), **options)


def test_interval_mass_and_sample_match_the_truncated_normal():
    # Both tails, a two-sided interval and half-lines, against scipy's truncated normal.
    lo = np.array([-np.inf, -1.0, 2.0, 6.0, -7.0, 0.5])
    hi = np.array([0.3, 1.5, np.inf, 6.5, -6.2, 0.5 + 1e-3])
    w = np.array([0.1, 0.5, 0.9, 0.3, 0.7, 0.25])
    mass, sample = _interval_mass_and_sample(lo, hi, w)
    with mpmath.workdps(50):
        exact = [float(mpmath.ncdf(b) - mpmath.ncdf(a)) for a, b in zip(lo, hi)]
    np.testing.assert_allclose(mass, exact, rtol=1e-9)
    np.testing.assert_allclose(sample, truncnorm.ppf(w, lo, hi), rtol=1e-6)


def test_the_command_states_the_budget_that_stopped_it(tmp_path, capsys):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(make_network((3, 8, 8, 1), seed=31).to_json()))
    assert main(["distribution", str(path), "--budget", "3"]) == 0
    out = capsys.readouterr().out
    assert "3 pieces" in out and "the budget of 3 pieces was reached" in out and "at most" in out
    assert main(["distribution", str(path), "--budget", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["pieces"]) == 3 and result["stopped"] == "the budget of 3 pieces was reached"
    assert not result["complete"] and result["mass_error"] >= 0
