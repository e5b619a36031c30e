"""Canonical forms, orbit enumeration and the pattern lattice, checked against brute force."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np
import pytest
import sympy
from scipy.optimize import least_squares

from architectures import ActivationPattern, Architecture, pattern_parametrisation
from architectures.errors import ComputationTooLargeError, InvalidEnumerationError, InvalidPatternError
from architectures.lattice import (
    canonical_patterns,
    canonicalise,
    enumerate_pattern_tuples,
    pattern_lattice,
)

SMALL = [
    ((2, 2, 2), 1),
    ((2, 2, 2), 2),
    ((2, 2, 2), 3),
    ((2, 3, 2), 2),
    ((3, 3, 3), 2),
    ((3, 3, 3), 3),
    ((2, 2, 2, 2), 2),
    ((2, 1, 2, 2), 3),
    ((1, 4, 1), 2),
]


def all_patterns(architecture: Architecture) -> list[ActivationPattern]:
    layers = [
        [frozenset(c) for r in range(w + 1) for c in itertools.combinations(range(w), r)]
        for w in architecture.hidden_widths
    ]
    return [ActivationPattern(choice) for choice in itertools.product(*layers)]


def relabel(patterns, block_order, neuron_perms):
    """Block i of the result is input block block_order[i]; neuron j of layer l becomes perms[l][j]."""
    return tuple(
        ActivationPattern([[neuron_perms[l][j] for j in layer] for l, layer in enumerate(patterns[b].active)])
        for b in block_order
    )


def group(architecture: Architecture, blocks: int):
    neuron_groups = itertools.product(*(itertools.permutations(range(w)) for w in architecture.hidden_widths))
    return [(order, perms) for perms in neuron_groups for order in itertools.permutations(range(blocks))]


def brute_force_orbits(architecture: Architecture, blocks: int) -> list[frozenset]:
    elements = group(architecture, blocks)
    seen: set = set()
    orbits = []
    for tup in itertools.product(all_patterns(architecture), repeat=blocks):
        if tup in seen:
            continue
        orbit = frozenset(relabel(tup, order, perms) for order, perms in elements)
        seen |= orbit
        orbits.append(orbit)
    return orbits


@pytest.mark.parametrize("widths, blocks", [((3, 4, 3), 3), ((2, 3, 3, 2), 2), ((3, 2, 2, 2, 3), 4)])
def test_canonical_form_is_invariant_under_random_relabellings(widths, blocks):
    architecture = Architecture(widths)
    rng = random.Random(7)
    patterns = all_patterns(architecture)
    for _ in range(40):
        tup = tuple(rng.choice(patterns) for _ in range(blocks))
        canonical = canonical_patterns(architecture, tup)
        for _ in range(5):
            order = rng.sample(range(blocks), blocks)
            perms = [rng.sample(range(w), w) for w in architecture.hidden_widths]
            assert canonical_patterns(architecture, relabel(tup, order, perms)) == canonical


@pytest.mark.parametrize("widths, blocks", SMALL)
def test_same_canonical_form_exactly_on_brute_force_orbits(widths, blocks):
    architecture = Architecture(widths)
    orbits = brute_force_orbits(architecture, blocks)
    forms = []
    for orbit in orbits:
        members = {canonical_patterns(architecture, tup) for tup in orbit}
        assert len(members) == 1  # invariant on the orbit
        (form,) = members
        assert form in orbit  # a representative, not just an invariant
        forms.append(form)
    assert len(set(forms)) == len(orbits)  # different orbits, different forms


@pytest.mark.parametrize("widths, blocks", SMALL)
def test_enumeration_counts_equal_brute_force_orbit_counts(widths, blocks):
    architecture = Architecture(widths)
    tuples = list(itertools.product(all_patterns(architecture), repeat=blocks))
    forms = {canonical_patterns(architecture, tup) for tup in tuples}
    enumeration = enumerate_pattern_tuples(architecture, blocks)
    assert len(enumeration) == len(forms) and set(enumeration) == forms
    distinct = {f for f in forms if len(set(f)) == blocks}
    assert set(enumerate_pattern_tuples(architecture, blocks, distinct=True)) == distinct
    active = {f for f in forms if all(len(layer) >= 1 for p in f for layer in p.active)}
    assert set(enumerate_pattern_tuples(architecture, blocks, min_active=1)) == active


def test_per_layer_minimum_filters_each_layer_separately():
    architecture = Architecture((2, 3, 2, 2))
    tuples = itertools.product(all_patterns(architecture), repeat=2)
    expected = {
        canonical_patterns(architecture, t)
        for t in tuples
        if all(len(p.active[0]) >= 2 and len(p.active[1]) >= 1 for p in t)
    }
    assert set(enumerate_pattern_tuples(architecture, 2, min_active=(2, 1))) == expected


def test_canonicalisation_reports_the_relabelling_it_applied():
    architecture = Architecture((3, 4, 3, 2))
    rng = random.Random(3)
    patterns = all_patterns(architecture)
    for _ in range(30):
        tup = tuple(rng.choice(patterns) for _ in range(3))
        form = canonicalise(architecture, tup)
        inverse = [{old: new for new, old in enumerate(m)} for m in form.neuron_maps]
        assert relabel(tup, form.block_order, inverse) == form.patterns


def test_canonical_form_of_the_three_cubics_case():
    architecture = Architecture((3, 3, 3))
    # {0,1},{1,2} and {0,2},{0,1} share one neuron: the same orbit; {0,1},{0,1,2} does not.
    assert canonical_patterns(architecture, [[[0, 1]], [[1, 2]]]) == canonical_patterns(
        architecture, [[[0, 2]], [[0, 1]]]
    )
    assert canonical_patterns(architecture, [[[0, 1]], [[1, 2]]]) != canonical_patterns(
        architecture, [[[0, 1]], [[0, 1, 2]]]
    )


def test_lattice_nodes_are_all_canonical_tuples_up_to_the_block_count():
    architecture = Architecture((2, 3, 2))
    graph = pattern_lattice(architecture, 2)
    expected = set()
    for count in (1, 2):
        expected |= {
            canonical_patterns(architecture, t) for t in itertools.product(all_patterns(architecture), repeat=count)
        }
    assert set(graph.nodes) == expected
    for parent, child, data in graph.edges(data=True):
        size = lambda node: sum(len(layer) for p in node for layer in p.active)  # noqa: E731
        if data["relation"] == "projection":
            assert len(child) == len(parent) - 1
        else:
            assert len(child) == len(parent) and size(child) < size(parent)


def _distance_to_image(parametrisation, target: np.ndarray, seed: int) -> float:
    """Least-squares distance from target to the image of the parametrisation (floating point)."""
    rng = np.random.default_rng(seed)
    polynomials = parametrisation.to_sympy()
    function = sympy.lambdify(sympy.symbols(parametrisation.parameter_names), polynomials, "numpy")
    best = np.inf
    for _ in range(6):
        start = rng.normal(size=parametrisation.parameter_count)
        fit = least_squares(
            lambda t: np.array(function(*t), dtype=float) - target, start, xtol=1e-14, ftol=1e-14, gtol=1e-14
        )
        best = min(best, float(np.max(np.abs(fit.fun))))
    return best


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # scipy's least squares on exact fits
@pytest.mark.parametrize(
    "architecture, root",
    [
        (Architecture((2, 2, 2)), None),
        (Architecture((2, 2, 2), bias=True), [[[0, 1]], [[1]]]),
        (Architecture((2, 2, 2, 2)), [[[0, 1], [0, 1]], [[0], [0, 1]]]),
    ],
)
@pytest.mark.slow
def test_inclusion_and_projection_edges_hold_numerically(architecture, root):
    # Independent route: a point of the child variety is reached by the parent's parametrisation
    # (least squares), after putting the child's blocks where child_blocks says they come from.
    graph = pattern_lattice(architecture, 2, root=root)
    rng = np.random.default_rng(1)
    checked = 0
    # Below a root, only the edges out of the root (fitting deep parametrisations is slow).
    edges = (
        graph.edges(data=True)
        if root is None
        else [edge for node in [canonical_patterns(architecture, root)] for edge in graph.out_edges(node, data=True)]
    )
    for parent, child, data in edges:
        if data["relation"] == "none":
            continue
        theta = rng.integers(-3, 4, size=architecture.parameter_count)
        point = np.array([float(v) for v in pattern_parametrisation(architecture, child).evaluate(theta.tolist())])
        block = architecture.output_width * (architecture.input_width + architecture.bias)
        parent_blocks = [parent[i] for i in data["child_blocks"]]
        distance = _distance_to_image(pattern_parametrisation(architecture, parent_blocks), point, seed=checked)
        assert distance < 1e-6, (parent, child, data)
        assert len(point) == block * len(child)
        checked += 1
    assert checked >= 2


def test_switching_off_a_shared_neuron_is_not_an_inclusion():
    # (1, 1, 1): blocks {0},{0} give the diagonal; {0},{} the line (t, 0), which is not inside it.
    architecture = Architecture((1, 1, 1))
    graph = pattern_lattice(architecture, 2)
    parent = canonical_patterns(architecture, [[[0]], [[0]]])
    child = canonical_patterns(architecture, [[[0]], [[]]])
    assert graph.edges[parent, child]["relation"] == "none"
    target = np.array([1.0, 0.0]) if child[1].active == (frozenset(),) else np.array([0.0, 1.0])
    assert _distance_to_image(pattern_parametrisation(architecture, parent), target, seed=0) > 0.4


def test_lattice_below_a_root_reaches_the_empty_pattern_and_respects_filters():
    architecture = Architecture((3, 3, 3))
    root = [[[0, 1]], [[1, 2]]]
    graph = pattern_lattice(architecture, 2, root=root)
    top = canonical_patterns(architecture, root)
    assert graph.in_degree(top) == 0
    assert (ActivationPattern([[]]),) in graph and set(graph) == set(nx.descendants(graph, top)) | {top}
    filtered = pattern_lattice(architecture, 2, root=root, min_active=1, distinct=True)
    assert all(len(p.active[0]) >= 1 for node in filtered for p in node)
    assert all(len(set(node)) == len(node) for node in filtered)


def test_bad_input_is_refused_with_specific_errors():
    architecture = Architecture((3, 3, 3))
    with pytest.raises(InvalidEnumerationError, match="positive integer"):
        enumerate_pattern_tuples(architecture, 0)
    with pytest.raises(InvalidEnumerationError, match="hidden layer 1"):
        enumerate_pattern_tuples(architecture, 2, min_active=4)
    with pytest.raises(InvalidEnumerationError, match="one per hidden layer"):
        enumerate_pattern_tuples(architecture, 2, min_active=(1, 1))
    with pytest.raises(InvalidEnumerationError, match="distinct ones do not exist"):
        enumerate_pattern_tuples(Architecture((1, 1, 1)), 3, distinct=True)
    with pytest.raises(InvalidEnumerationError, match="both data"):
        enumerate_pattern_tuples(architecture, 2, data=[[1, 2, 3]])
    with pytest.raises(InvalidEnumerationError, match="2 patterns were given"):
        enumerate_pattern_tuples(architecture, 2, data=[[1, 2, 3]], assignment=[0])
    with pytest.raises(ComputationTooLargeError, match="candidates"):
        enumerate_pattern_tuples(Architecture((3, 8, 8, 3)), 4)
    with pytest.raises(InvalidPatternError):
        canonical_patterns(architecture, [[[0, 5]]])
    with pytest.raises(InvalidEnumerationError, match="Architecture"):
        canonical_patterns((3, 3, 3), [[[0]]])
    with pytest.raises(InvalidEnumerationError, match="does not pass the filters"):
        pattern_lattice(architecture, 1, root=[[[0]], [[1]]])
