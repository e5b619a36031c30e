"""Realisability of pattern tuples on data, checked against forward passes and a floating-point LP."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog as scipy_linprog

from architectures import ActivationPattern, Architecture, forward_pass, random_parameters
from architectures.errors import InvalidEnumerationError
from architectures.lattice import canonical_patterns, enumerate_pattern_tuples
from architectures.realisability import decide_realisability


def grouped(patterns):
    """Blocks of points sharing a pattern, as (distinct patterns, block index per point)."""
    distinct = list(dict.fromkeys(patterns))
    return distinct, [distinct.index(p) for p in patterns]


@pytest.mark.parametrize(
    "widths, bias", [((2, 3, 1), False), ((2, 3, 2), True), ((2, 2, 2, 1), True), ((3, 2, 3, 1), False)]
)
def test_patterns_taken_under_a_random_network_are_realisable(widths, bias):
    architecture = Architecture(widths, bias=bias)
    rng = np.random.default_rng(5)
    for seed in range(6):
        theta = random_parameters(architecture, seed=seed)
        data = rng.integers(-4, 5, size=(5, widths[0])).tolist()
        patterns, assignment = grouped(forward_pass(architecture, theta, data).patterns)
        result = decide_realisability(architecture, patterns, data, assignment, seed=seed)
        if len(widths) == 3:
            assert result.realisable is True
        else:
            assert result.realisable is not False  # deep: proved or undecided, never refuted
        if result.realisable:
            taken = forward_pass(architecture, result.witness, data).patterns
            assert [taken[j] for j in range(len(data))] == [
                patterns[result.block_order[assignment[j]]] for j in range(len(data))
            ]


def float_lp_feasible(architecture, patterns, data, assignment) -> bool:
    """Shallow networks: every first-layer neuron's sign system has a solution (scipy HiGHS)."""
    for order in itertools.permutations(range(len(patterns))):
        ok = True
        for neuron in range(architecture.hidden_widths[0]):
            rows, rhs = [], []
            for point, block in zip(data, assignment):
                row = list(point) + ([1] if architecture.bias else [])
                if neuron in patterns[order[block]].active[0]:
                    rows.append([-v for v in row])
                    rhs.append(-1)
                else:
                    rows.append(row)
                    rhs.append(0)
            result = scipy_linprog(np.zeros(len(rows[0])), A_ub=rows, b_ub=rhs, bounds=(None, None), method="highs")
            if result.status != 0:
                ok = False
                break
        if ok:
            return True
    return False


@pytest.mark.parametrize("bias", [False, True])
def test_exact_decision_agrees_with_a_floating_point_lp_on_shallow_networks(bias):
    architecture = Architecture((2, 2, 1), bias=bias)
    data = [[1, 0], [0, 1], [-1, -1], [1, 1]]
    assignment = [0, 0, 1, 1]
    layer = [frozenset(c) for r in range(3) for c in itertools.combinations(range(2), r)]
    answers = []
    for first, second in itertools.product(layer, repeat=2):
        patterns = [ActivationPattern([first]), ActivationPattern([second])]
        exact = decide_realisability(architecture, patterns, data, assignment)
        assert exact.exact
        answers.append(exact.realisable)
        assert exact.realisable == float_lp_feasible(architecture, patterns, data, assignment)
    assert True in answers and False in answers


@pytest.mark.slow
def test_enumeration_with_data_keeps_exactly_the_patterns_a_network_can_take():
    # Independent route: sample many networks, record the (canonical) pattern tuples they produce.
    architecture = Architecture((2, 2, 1))  # no bias: the three points sum to 0, not all can be active
    data = [[1, 0], [0, 1], [-1, -1]]
    assignment = [0, 1, 2]
    enumeration = enumerate_pattern_tuples(architecture, 3, data=data, assignment=assignment)
    seen = set()
    rng = np.random.default_rng(0)
    for _ in range(3000):  # small integers, so that degenerate (zero) weights are sampled too
        theta = [int(v) for v in rng.integers(-2, 3, size=architecture.parameter_count)]
        taken = forward_pass(architecture, theta, data).patterns
        seen.add(canonical_patterns(architecture, taken))
    assert seen <= set(enumeration)
    assert seen == set(enumeration)  # 3000 samples reach every realisable tuple of this small case
    assert enumeration.unrealisable > 0 and "exact rational simplex" in enumeration.realisability


def test_bad_assignments_are_refused():
    architecture = Architecture((2, 2, 1))
    with pytest.raises(InvalidEnumerationError, match="one block index per point"):
        decide_realisability(architecture, [[[0]]], [[1, 0], [0, 1]], [0])
    with pytest.raises(InvalidEnumerationError, match="have no data point"):
        decide_realisability(architecture, [[[0]], [[1]], [[0, 1]]], [[1, 0], [0, 1]], [0, 2])
    with pytest.raises(InvalidEnumerationError, match="attempts"):
        decide_realisability(architecture, [[[0]]], [[1, 0]], [0], attempts=0)


def test_deep_networks_are_refuted_exactly_when_the_first_layer_is_infeasible():
    # Without biases x and −x cannot both activate a first-layer neuron, whatever the deeper layers do;
    # the float LP (independent route) agrees that the first layer alone is infeasible.
    architecture = Architecture((1, 2, 2, 1))
    patterns = [ActivationPattern([[0], [0]]), ActivationPattern([[0], [1]])]
    data, assignment = [[1], [-1]], [0, 1]
    result = decide_realisability(architecture, patterns, data, assignment)
    assert result.realisable is False and result.exact and "first-layer" in result.reason
    shallow = Architecture((1, 2, 1))
    first_layer = [ActivationPattern([p.active[0]]) for p in patterns]
    assert not float_lp_feasible(shallow, first_layer, data, assignment)
