"""Pattern tuples up to symmetry: canonical forms, enumeration with filters, and the pattern lattice.

A tuple of K patterns (one per block) is the same problem after permuting the hidden neurons of each
layer (in all blocks at once) and permuting the blocks; the survey and the lattice cache work with one
canonical representative per orbit. Feeds ``implicitize.survey.run`` and the lattice cache of results.

Encoding: layer l of a tuple is a K × n_l 0/1 matrix (block × neuron). Neuron permutations permute its
columns, block permutations permute the rows of every layer at once. For a fixed block order, sorting
each layer's columns is a canonical form under neuron permutations; the largest such form over all K!
block orders is a canonical form of the orbit. Enumeration builds, for each layer, the multisets of n_l
columns from {0,1}^K (an orbit under neuron permutations), takes their products over layers and keeps
the tuples that are canonical, so each orbit is produced once without listing all 2^(K Σ n_l) tuples.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass
from math import comb, prod
from typing import Any, Callable, Iterator, Sequence

import networkx as nx
import numpy as np

from architectures.architecture import Architecture
from architectures.errors import ComputationTooLargeError, InvalidEnumerationError
from architectures.patterns import ActivationPattern, as_patterns
from architectures.forward import check_data
from architectures.realisability import REALISABILITY_METHOD, check_assignment, decide_realisability

PatternTuple = tuple[ActivationPattern, ...]
_Encoding = tuple[tuple[tuple[int, ...], ...], ...]

#: Default bound on the candidate tuples an enumeration may visit before it refuses.
MAX_CANDIDATES = 2_000_000


@dataclass(frozen=True)
class Canonicalisation:
    """The canonical form of a pattern tuple and the relabelling that produces it.

    Canonical block i is input block ``block_order[i]``; in hidden layer l (0-based in this tuple),
    canonical neuron i is input neuron ``neuron_maps[l][i]``.

    Examples
    --------
    >>> c = canonicalise(Architecture((3, 3, 3)), [[[2]], [[0, 1, 2]]])
    >>> [p.as_lists() for p in c.patterns], c.block_order
    ([[[0, 1, 2]], [[0]]], (1, 0))
    """

    patterns: PatternTuple
    block_order: tuple[int, ...]
    neuron_maps: tuple[tuple[int, ...], ...]


def _check_architecture(architecture: Any) -> Architecture:
    if not isinstance(architecture, Architecture):
        raise InvalidEnumerationError(
            f"expected an Architecture such as Architecture((3, 3, 3)), got {type(architecture).__name__}"
        )
    return architecture


def _indicators(architecture: Architecture, patterns: PatternTuple) -> list[tuple[tuple[int, ...], ...]]:
    return [pattern.indicator(architecture) for pattern in patterns]


def _encode(
    indicators: list[tuple[tuple[int, ...], ...]], order: Sequence[int], layers: int
) -> tuple[_Encoding, tuple[tuple[int, ...], ...]]:
    encoding = []
    maps = []
    for layer in range(layers):
        width = len(indicators[0][layer])
        columns = [(tuple(indicators[block][layer][neuron] for block in order), neuron) for neuron in range(width)]
        columns.sort(key=lambda item: item[0], reverse=True)
        encoding.append(tuple(column for column, _ in columns))
        maps.append(tuple(neuron for _, neuron in columns))
    return tuple(encoding), tuple(maps)


def _decode(encoding: _Encoding, blocks: int) -> PatternTuple:
    return tuple(
        ActivationPattern([[neuron for neuron, column in enumerate(layer) if column[block]] for layer in encoding])
        for block in range(blocks)
    )


def _best_encoding(
    encoding_of_order: Callable[[Sequence[int]], tuple[_Encoding, tuple[tuple[int, ...], ...]]], blocks: int
) -> tuple[_Encoding, tuple[tuple[int, ...], ...], tuple[int, ...]]:
    best = None
    for order in itertools.permutations(range(blocks)):
        encoding, maps = encoding_of_order(order)
        if best is None or encoding > best[0]:
            best = (encoding, maps, order)
    assert best is not None  # blocks ≥ 1, so there is at least one order
    return best


def canonicalise(architecture: Architecture, patterns: Sequence[Any]) -> Canonicalisation:
    """The canonical form of ``patterns`` up to neuron permutations within layers and block permutations.

    Exact and deterministic; costs K! · Σ n_l log n_l for K blocks.

    Examples
    --------
    >>> arch = Architecture((3, 3, 3))
    >>> a = canonicalise(arch, [[[0, 1]], [[1, 2]]]).patterns
    >>> b = canonicalise(arch, [[[0, 2]], [[1, 0]]]).patterns
    >>> a == b, [p.as_lists() for p in a]
    (True, [[[0, 1]], [[0, 2]]])
    """
    architecture = _check_architecture(architecture)
    patterns = as_patterns(patterns, architecture)
    indicators = _indicators(architecture, patterns)
    layers = len(architecture.hidden_widths)
    encoding, maps, order = _best_encoding(lambda order: _encode(indicators, order, layers), len(patterns))
    return Canonicalisation(_decode(encoding, len(patterns)), tuple(order), maps)


def canonical_patterns(architecture: Architecture, patterns: Sequence[Any]) -> PatternTuple:
    """The canonical representative of a tuple of patterns (one per block) modulo the symmetries.

    Two tuples get the same answer exactly when one is obtained from the other by permuting hidden
    neurons within each layer (the same permutation in every block) and permuting the blocks.

    Examples
    --------
    >>> arch = Architecture((2, 2, 2, 2))
    >>> canonical_patterns(arch, [[[1], [0, 1]], [[0, 1], [1]]])
    (ActivationPattern([[0, 1], [0]]), ActivationPattern([[0], [0, 1]]))
    """
    return canonicalise(architecture, patterns).patterns


def _check_blocks(blocks: Any) -> int:
    if isinstance(blocks, bool) or not isinstance(blocks, (int, np.integer)) or blocks < 1:
        raise InvalidEnumerationError(f"blocks must be a positive integer (the number of patterns K), got {blocks!r}")
    return int(blocks)


def _check_min_active(architecture: Architecture, min_active: Any) -> tuple[int, ...]:
    hidden = architecture.hidden_widths
    if isinstance(min_active, (int, np.integer)) and not isinstance(min_active, bool):
        values = (int(min_active),) * len(hidden)
    elif isinstance(min_active, Sequence) and not isinstance(min_active, (str, bytes)):
        values = tuple(min_active)
        if len(values) != len(hidden) or any(
            isinstance(v, bool) or not isinstance(v, (int, np.integer)) for v in values
        ):
            raise InvalidEnumerationError(
                f"min_active {min_active!r}: give one integer, or one per hidden layer ({len(hidden)} layers)"
            )
        values = tuple(int(v) for v in values)
    else:
        raise InvalidEnumerationError(
            f"min_active must be an integer or one integer per hidden layer, got {min_active!r}"
        )
    for layer, (value, width) in enumerate(zip(values, hidden), start=1):
        if not 0 <= value <= width:
            raise InvalidEnumerationError(
                f"min_active = {value} for hidden layer {layer}, which has {width} neurons; use 0 … {width}"
            )
    return values


def candidate_count(architecture: Architecture, blocks: int) -> int:
    """How many (tuple of column multisets) candidates :func:`enumerate_pattern_tuples` visits.

    Examples
    --------
    >>> candidate_count(Architecture((3, 3, 3)), 2)  # multisets of 3 columns from {0,1}^2
    20
    """
    return prod(comb(2**blocks + width - 1, width) for width in architecture.hidden_widths)


def _layer_multisets(blocks: int, width: int, minimum: int) -> list[tuple[tuple[int, ...], ...]]:
    columns = sorted(itertools.product((0, 1), repeat=blocks), reverse=True)
    result = []
    for chosen in itertools.combinations_with_replacement(columns, width):
        if all(sum(column[block] for column in chosen) >= minimum for block in range(blocks)):
            result.append(tuple(chosen))  # already sorted descending
    return result


def _orbit_representatives(
    architecture: Architecture, blocks: int, minimum: tuple[int, ...], distinct: bool, max_candidates: int
) -> Iterator[PatternTuple]:
    estimate = candidate_count(architecture, blocks)
    if estimate > max_candidates:
        raise ComputationTooLargeError(
            f"enumerating {blocks}-block tuples for widths {architecture.widths} visits about {estimate:,} "
            f"candidates, above the budget max_candidates={max_candidates:,}; use fewer blocks, a larger "
            "min_active, or raise max_candidates"
        )
    per_layer = [_layer_multisets(blocks, width, low) for width, low in zip(architecture.hidden_widths, minimum)]
    for encoding in itertools.product(*per_layer):
        # ``encoding`` is canonical for the identity block order; keep it only if no order beats it.
        best = max(
            tuple(
                tuple(sorted((tuple(column[block] for block in order) for column in layer), reverse=True))
                for layer in encoding
            )
            for order in itertools.permutations(range(blocks))
        )
        if best != encoding:
            continue
        patterns = _decode(encoding, blocks)
        if distinct and len(set(patterns)) < blocks:
            continue
        yield patterns


@dataclass(frozen=True)
class PatternEnumeration:
    """The canonical pattern tuples that passed the filters, and how realisability was decided.

    ``realisability`` is ``"not checked"`` without data, else the method (exact rational simplex);
    ``undecided`` lists tuples whose realisability could not be decided (deep networks only), which are
    not in ``cases``; ``unrealisable`` counts those proved impossible on the data.

    Examples
    --------
    >>> e = enumerate_pattern_tuples(Architecture((2, 2, 2)), 2, distinct=True)
    >>> len(e), e.realisability
    (4, 'not checked')
    """

    architecture: Architecture
    blocks: int
    cases: tuple[PatternTuple, ...]
    realisability: str = "not checked"
    unrealisable: int = 0
    undecided: tuple[PatternTuple, ...] = ()

    def __len__(self) -> int:
        return len(self.cases)

    def __iter__(self) -> Iterator[PatternTuple]:
        return iter(self.cases)

    def __getitem__(self, index: int) -> PatternTuple:
        return self.cases[index]


def enumerate_pattern_tuples(
    architecture: Architecture,
    blocks: int,
    *,
    min_active: int | Sequence[int] = 0,
    distinct: bool = False,
    data: Any = None,
    assignment: Sequence[int] | None = None,
    seed: int = 0,
    max_candidates: int = MAX_CANDIDATES,
) -> PatternEnumeration:
    """Every tuple of ``blocks`` patterns up to symmetry, as canonical forms, filtered.

    Filters: ``min_active`` (every block has at least this many active neurons in every hidden layer;
    or one bound per layer), ``distinct`` (the blocks' patterns are pairwise different), and with
    ``data`` and ``assignment`` (a block index per data point) realisability: some real θ makes the
    points of each data block take one pattern of the tuple (blocks matched in any order). Realisability
    is decided with exact LPs over Q (see :mod:`architectures.realisability`): exactly for one hidden
    layer; for deep networks tuples that could not be decided are reported in ``undecided``.

    Examples
    --------
    >>> arch = Architecture((3, 3, 3))
    >>> len(enumerate_pattern_tuples(arch, 2)), len(enumerate_pattern_tuples(arch, 2, min_active=1))
    (13, 9)
    >>> e = enumerate_pattern_tuples(Architecture((1, 2, 1)), 2, distinct=True, data=[[1], [-1]], assignment=[0, 1])
    >>> [[p.as_lists() for p in case] for case in e], e.unrealisable
    ([[[[0]], [[1]]], [[[0, 1]], [[]]], [[[0]], [[]]]], 1)
    """
    architecture = _check_architecture(architecture)
    blocks = _check_blocks(blocks)
    minimum = _check_min_active(architecture, min_active)
    if not isinstance(distinct, bool):
        raise InvalidEnumerationError(f"distinct must be True or False, got {distinct!r}")
    if (data is None) != (assignment is None):
        raise InvalidEnumerationError("realisability needs both data (points) and assignment (block per point)")
    if distinct and 2 ** sum(architecture.hidden_widths) < blocks:
        raise InvalidEnumerationError(
            f"there are only {2 ** sum(architecture.hidden_widths)} patterns for widths {architecture.widths}, "
            f"so {blocks} distinct ones do not exist"
        )
    points = None
    if data is not None:
        points = check_data(architecture, data)
        check_assignment(len(points), assignment, blocks)  # type: ignore[arg-type]  # given with data
    cases = []
    undecided = []
    unrealisable = 0
    for patterns in _orbit_representatives(architecture, blocks, minimum, distinct, max_candidates):
        if points is not None:
            answer = decide_realisability(
                architecture,
                patterns,
                points,
                assignment,  # type: ignore[arg-type]
                seed=seed,
            ).realisable
            if answer is None:
                undecided.append(patterns)
                continue
            if not answer:
                unrealisable += 1
                continue
        cases.append(patterns)
    cases.sort(key=_sort_key)
    return PatternEnumeration(
        architecture,
        blocks,
        tuple(cases),
        "not checked" if points is None else REALISABILITY_METHOD,
        unrealisable,
        tuple(undecided),
    )


def _sort_key(patterns: PatternTuple) -> tuple:
    return (-sum(len(layer) for p in patterns for layer in p.active), [p.as_lists() for p in patterns])


def _children(
    architecture: Architecture, patterns: PatternTuple
) -> Iterator[tuple[PatternTuple, str, str, tuple[int, ...]]]:
    """(child tuple, relation, operation, parent block of each child block) for one parent."""
    blocks = len(patterns)
    layers = [list(map(set, p.active)) for p in patterns]
    for layer in range(len(architecture.hidden_widths)):
        for neuron in range(architecture.hidden_widths[layer]):
            holders = [block for block in range(blocks) if neuron in layers[block][layer]]
            for block in holders:
                child = [[set(s) for s in p] for p in layers]
                child[block][layer].discard(neuron)
                relation = "inclusion" if len(holders) == 1 else "none"
                yield (
                    tuple(ActivationPattern(p) for p in child),
                    relation,
                    f"switch off neuron {neuron} of layer {layer + 1} in block {block}",
                    tuple(range(blocks)),
                )
            if len(holders) > 1:
                child = [[set(s) for s in p] for p in layers]
                for block in holders:
                    child[block][layer].discard(neuron)
                yield (
                    tuple(ActivationPattern(p) for p in child),
                    "inclusion",
                    f"remove neuron {neuron} of layer {layer + 1} (off in blocks {holders})",
                    tuple(range(blocks)),
                )
    if blocks > 1:
        for block in range(blocks):
            kept = tuple(b for b in range(blocks) if b != block)
            yield tuple(patterns[b] for b in kept), "projection", f"drop block {block}", kept


@dataclass(frozen=True)
class Related:
    """A pattern tuple whose pattern variety's ideal lies in that of a given tuple (after renaming blocks).

    ``blocks[i]`` is the given tuple's block that block i of ``patterns`` stands for, so coordinates
    ``m_i_*`` of the related variety are ``m_{blocks[i]}_*`` of the given one.
    """

    patterns: PatternTuple
    relation: str
    blocks: tuple[int, ...]


def related_tuples(architecture: Architecture, patterns: Sequence[Any]) -> list[Related]:
    """The tuples of :func:`pattern_lattice` whose ideals are contained in this tuple's ideal, in its block order.

    - ``"projection"``: every tuple of some of its blocks (dropping the others; a path of projection
      edges down the lattice): I(V_kept) = I(V) ∩ Q[the kept blocks' coordinates].
    - ``"inclusion"``: every tuple one inclusion edge *above* it, a neuron off in all its blocks switched
      on in some of them: V lies in that variety (its incoming weights set to zero), so its ideal lies in I(V).

    The tuples are in this tuple's block order and neuron labels (not canonicalised), so a polynomial in
    their coordinates is one in this tuple's after renaming blocks by ``blocks``.

    Examples
    --------
    >>> for r in related_tuples(Architecture((3, 2, 3)), [[[0]], [[0]]]):
    ...     print(r.relation, [p.as_lists() for p in r.patterns], r.blocks)
    projection [[[0]]] (0,)
    projection [[[0]]] (1,)
    inclusion [[[0, 1]], [[0]]] (0, 1)
    inclusion [[[0]], [[0, 1]]] (0, 1)
    inclusion [[[0, 1]], [[0, 1]]] (0, 1)
    """
    architecture = _check_architecture(architecture)
    patterns = as_patterns(patterns, architecture)
    blocks = len(patterns)
    found = []
    for size in range(blocks - 1, 0, -1):
        for kept in itertools.combinations(range(blocks), size):
            found.append(Related(tuple(patterns[b] for b in kept), "projection", kept))
    identity = tuple(range(blocks))
    for layer, width in enumerate(architecture.hidden_widths):
        for neuron in range(width):
            if any(neuron in p.active[layer] for p in patterns):
                continue
            for size in range(1, blocks + 1):
                for switched in itertools.combinations(range(blocks), size):
                    parent = []
                    for block, pattern in enumerate(patterns):
                        active = [set(s) for s in pattern.active]
                        if block in switched:
                            active[layer].add(neuron)
                        parent.append(ActivationPattern(tuple(active)))
                    found.append(Related(tuple(parent), "inclusion", identity))
    return found


_STRENGTH = {"inclusion": 2, "projection": 1, "none": 0}


def pattern_lattice(
    architecture: Architecture,
    blocks: int,
    *,
    min_active: int | Sequence[int] = 0,
    distinct: bool = False,
    root: Sequence[Any] | None = None,
    max_candidates: int = MAX_CANDIDATES,
) -> nx.DiGraph:
    """The lattice of canonical pattern tuples with at most ``blocks`` blocks, edges parent → child.

    Nodes are canonical tuples (:func:`canonical_patterns`) passing the filters of
    :func:`enumerate_pattern_tuples`; with ``root`` only the tuples reachable from it. An edge comes from
    switching one neuron off in one block, removing a neuron (off in every block), or dropping a block.
    Its ``relation`` says what is proved about the pattern varieties (Zariski closures):

    - ``"inclusion"``: V_child ⊆ V_parent (same ambient space), so I(V_parent) ⊆ I(V_child). True for
      removing a neuron, and for switching a neuron off in its only active block: both equal the parent
      with that neuron's incoming weights (and bias) set to zero.
    - ``"projection"``: dropping a block; V_child is the closure of the image of V_parent under forgetting
      that block's coordinates, so I(V_child) = I(V_parent) ∩ Q[remaining coordinates].
    - ``"none"``: switching off, in one block, a neuron that is active in other blocks too. No inclusion
      holds in general: for widths (1, 1, 1) the blocks {0},{0} give the diagonal {(t, t)} and {0},{} the
      line {(t, 0)}.

    ``child_blocks[i]`` on an edge is the parent block (in the parent's canonical order) that the
    child's canonical block i comes from, so coordinates ``m_{child_blocks[i]}_*`` of the parent become
    ``m_i_*`` of the child (neurons are relabelled too, which does not move coordinates). When several
    operations reach the same child the strongest relation is kept; ``operations`` lists them all.

    Examples
    --------
    >>> g = pattern_lattice(Architecture((3, 2, 3)), 1)
    >>> sorted(len(node[0].active[0]) for node in g), g.number_of_edges()
    ([0, 1, 2], 2)
    >>> g = pattern_lattice(Architecture((3, 3, 3)), 2, root=[[[0, 1]], [[1, 2]]])
    >>> top = canonical_patterns(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    >>> sorted(data["relation"] for _, _, data in g.out_edges(top, data=True))
    ['inclusion', 'inclusion', 'none', 'projection']
    """
    architecture = _check_architecture(architecture)
    blocks = _check_blocks(blocks)
    minimum = _check_min_active(architecture, min_active)
    graph = nx.DiGraph(architecture=architecture, blocks=blocks)

    def admissible(patterns: PatternTuple) -> bool:
        return (
            len(patterns) <= blocks
            and all(len(p.active[layer]) >= minimum[layer] for p in patterns for layer in range(len(minimum)))
            and (not distinct or len(set(patterns)) == len(patterns))
        )

    if root is None:
        for count in range(1, blocks + 1):
            if distinct and 2 ** sum(architecture.hidden_widths) < count:
                break
            for patterns in _orbit_representatives(architecture, count, minimum, distinct, max_candidates):
                graph.add_node(patterns, blocks=count)
    else:
        start = canonical_patterns(architecture, root)
        if not admissible(start):
            raise InvalidEnumerationError(
                f"the root {[p.as_lists() for p in start]} does not pass the filters (at most {blocks} blocks, "
                f"min_active={minimum}, distinct={distinct})"
            )
        graph.add_node(start, blocks=len(start))
        queue = deque([start])
        while queue:
            parent = queue.popleft()
            for child, *_ in _children(architecture, parent):
                node = canonical_patterns(architecture, child)
                if admissible(node) and node not in graph:
                    if graph.number_of_nodes() >= max_candidates:
                        raise ComputationTooLargeError(
                            f"the lattice below {[p.as_lists() for p in start]} has more than {max_candidates:,} "
                            "nodes; raise max_candidates or add filters"
                        )
                    graph.add_node(node, blocks=len(node))
                    queue.append(node)
    for parent in list(graph.nodes):
        for child, relation, operation, kept in _children(architecture, parent):
            form = canonicalise(architecture, child)
            if form.patterns not in graph:
                continue
            child_blocks = tuple(kept[i] for i in form.block_order)
            if graph.has_edge(parent, form.patterns):
                data = graph.edges[parent, form.patterns]
                data["operations"].append(operation)
                if _STRENGTH[relation] > _STRENGTH[data["relation"]]:
                    data.update(relation=relation, child_blocks=child_blocks)
            else:
                graph.add_edge(
                    parent, form.patterns, relation=relation, operations=[operation], child_blocks=child_blocks
                )
    return graph


__all__ = [
    "Canonicalisation",
    "MAX_CANDIDATES",
    "PatternEnumeration",
    "PatternTuple",
    "Related",
    "candidate_count",
    "canonical_patterns",
    "canonicalise",
    "enumerate_pattern_tuples",
    "pattern_lattice",
    "related_tuples",
]
