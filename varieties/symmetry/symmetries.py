"""The symmetry group of a ReLU parametrisation: permutations and positive rescalings of hidden neurons.

Acts exactly on parameter vectors θ (from ``architectures``); gives a canonical form of θ modulo the
group and decides whether two parameter vectors lie in one orbit, with the group element as witness.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from sympy.utilities.iterables import multiset_permutations

from architectures.architecture import Architecture
from architectures.errors import ComputationTooLargeError, InvalidSymmetryError, MismatchedArchitecturesError
from architectures.numbers import to_fraction

#: Largest number of tie-breaking orders the canonical form tries before giving up.
MAX_BRANCHES = 40_320


@dataclass(frozen=True)
class SymmetryElement:
    """A group element g = (σ_l, λ_l) for each hidden layer l = 1 … L−1.

    New neuron ``i`` of layer l is old neuron ``permutations[l−1][i]`` with its incoming weights and
    bias multiplied by ``scalings[l−1][i] > 0`` and its outgoing weights divided by it, so that
    W'_l = S_l P_l W_l P_{l−1}ᵀ S_{l−1}^{−1}. The function computed by the network is unchanged.

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> g = SymmetryElement(arch, ((1, 0),), ((2, Fraction(1, 3)),))
    >>> g.act([1, 2, 3, 4])
    (Fraction(4, 1), Fraction(1, 3), Fraction(2, 1), Fraction(9, 1))
    >>> g.inverse().act(g.act([1, 2, 3, 4]))
    (Fraction(1, 1), Fraction(2, 1), Fraction(3, 1), Fraction(4, 1))
    """

    architecture: Architecture
    permutations: tuple[tuple[int, ...], ...]
    scalings: tuple[tuple[Fraction, ...], ...]

    def __post_init__(self) -> None:
        architecture = self.architecture
        if not isinstance(architecture, Architecture):
            raise InvalidSymmetryError(f"a symmetry element needs an Architecture, got {architecture!r}")
        hidden = architecture.hidden_widths
        for name, value in (("permutations", self.permutations), ("scalings", self.scalings)):
            if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != len(hidden):
                raise InvalidSymmetryError(
                    f"{name} must hold one entry per hidden layer ({len(hidden)} for widths "
                    f"{architecture.widths}), got {value!r}"
                )
        permutations = []
        scalings = []
        for layer, (width, permutation, scaling) in enumerate(zip(hidden, self.permutations, self.scalings), 1):
            values = [
                int(i) if isinstance(i, (int, np.integer)) and not isinstance(i, bool) else None for i in permutation
            ]
            if None in values or sorted(values) != list(range(width)):  # type: ignore[type-var]
                raise InvalidSymmetryError(
                    f"permutations[{layer - 1}] = {tuple(permutation)!r} is not a permutation of 0 … {width - 1} "
                    f"(hidden layer {layer} has {width} neurons)"
                )
            if len(scaling) != width:
                raise InvalidSymmetryError(
                    f"scalings[{layer - 1}] has {len(scaling)} entries but hidden layer {layer} has {width} neurons"
                )
            factors = tuple(to_fraction(s, what=f"scalings[{layer - 1}]") for s in scaling)
            for index, factor in enumerate(factors):
                if factor <= 0:
                    raise InvalidSymmetryError(
                        f"scalings[{layer - 1}][{index}] = {factor}: rescalings must be positive (t > 0); "
                        "a zero or negative factor does not preserve a ReLU network's function"
                    )
            permutations.append(tuple(values))
            scalings.append(factors)
        object.__setattr__(self, "permutations", tuple(permutations))
        object.__setattr__(self, "scalings", tuple(scalings))

    @classmethod
    def identity(cls, architecture: Architecture) -> "SymmetryElement":
        """The neutral element.

        Examples
        --------
        >>> SymmetryElement.identity(Architecture((2, 3, 1))).act([1, 2, 3, 4, 5, 6, 7, 8, 9])[:3]
        (Fraction(1, 1), Fraction(2, 1), Fraction(3, 1))
        """
        hidden = architecture.hidden_widths
        return cls(architecture, tuple(tuple(range(n)) for n in hidden), tuple((Fraction(1),) * n for n in hidden))

    def act(self, theta: Sequence[Any]) -> tuple[Fraction, ...]:
        """g·θ, exactly.

        Examples
        --------
        >>> g = SymmetryElement(Architecture((1, 1, 1)), ((0,),), ((3,),))
        >>> g.act([2, 5])     # incoming × 3, outgoing ÷ 3
        (Fraction(6, 1), Fraction(5, 3))
        """
        architecture = self.architecture
        layers: list[list[Any]] = [[list(map(list, weight)), list(bias)] for weight, bias in architecture.unpack(theta)]
        for layer, (permutation, scaling) in enumerate(zip(self.permutations, self.scalings), start=1):
            weight, bias = layers[layer - 1]
            layers[layer - 1] = [
                [[s * x for x in weight[p]] for p, s in zip(permutation, scaling)],
                [s * bias[p] for p, s in zip(permutation, scaling)],
            ]
            following = layers[layer][0]
            layers[layer][0] = [[row[p] / s for p, s in zip(permutation, scaling)] for row in following]
        return _pack(architecture, layers)

    def compose(self, other: "SymmetryElement") -> "SymmetryElement":
        """self ∘ other: first ``other``, then ``self``.

        Examples
        --------
        >>> arch = Architecture((1, 2, 1))
        >>> g = SymmetryElement(arch, ((1, 0),), ((2, 3),))
        >>> h = SymmetryElement(arch, ((1, 0),), ((5, 7),))
        >>> h.compose(g).act([1, 2, 3, 4]) == h.act(g.act([1, 2, 3, 4]))
        True
        """
        _same_architecture(self.architecture, other.architecture)
        permutations = tuple(
            tuple(q[p[i]] for i in range(len(p))) for p, q in zip(self.permutations, other.permutations)
        )
        scalings = tuple(
            tuple(s[i] * t[p[i]] for i in range(len(p)))
            for p, s, t in zip(self.permutations, self.scalings, other.scalings)
        )
        return SymmetryElement(self.architecture, permutations, scalings)

    def inverse(self) -> "SymmetryElement":
        """g^{−1}.

        Examples
        --------
        >>> g = SymmetryElement(Architecture((1, 2, 1)), ((1, 0),), ((2, 5),))
        >>> g.inverse().permutations, g.inverse().scalings
        (((1, 0),), ((Fraction(1, 5), Fraction(1, 2)),))
        """
        permutations = []
        scalings = []
        for permutation, scaling in zip(self.permutations, self.scalings):
            inverse = [0] * len(permutation)
            for i, p in enumerate(permutation):
                inverse[p] = i
            permutations.append(tuple(inverse))
            scalings.append(tuple(1 / scaling[inverse[k]] for k in range(len(permutation))))
        return SymmetryElement(self.architecture, tuple(permutations), tuple(scalings))

    def __str__(self) -> str:
        parts = []
        for layer, (p, s) in enumerate(zip(self.permutations, self.scalings), start=1):
            parts.append(f"layer {layer}: σ={list(p)} λ=[{', '.join(map(str, s))}]")
        return "; ".join(parts) if parts else "identity (no hidden layers)"


def symmetry_dimension(architecture: Architecture) -> int:
    """Dimension of the symmetry group: one positive rescaling per hidden neuron.

    Examples
    --------
    >>> symmetry_dimension(Architecture((3, 4, 5, 2)))
    9
    """
    return sum(architecture.hidden_widths)


def random_symmetry(architecture: Architecture, *, seed: int, bound: int = 9) -> SymmetryElement:
    """A random group element: uniform permutations, scalings p/q with 1 ≤ p, q ≤ ``bound``.

    Examples
    --------
    >>> g = random_symmetry(Architecture((2, 3, 1)), seed=1)
    >>> sorted(g.permutations[0]), all(s > 0 for s in g.scalings[0])
    ([0, 1, 2], True)
    """
    rng = np.random.default_rng(seed)
    permutations = tuple(tuple(int(i) for i in rng.permutation(n)) for n in architecture.hidden_widths)
    scalings = tuple(
        tuple(Fraction(int(rng.integers(1, bound + 1)), int(rng.integers(1, bound + 1))) for _ in range(n))
        for n in architecture.hidden_widths
    )
    return SymmetryElement(architecture, permutations, scalings)


@dataclass(frozen=True)
class CanonicalForm:
    """The canonical representative of θ's orbit and an element g with g·θ = representative."""

    theta: tuple[Fraction, ...]
    element: SymmetryElement
    branches: int
    """How many tie-breaking orders of equal neurons were compared."""


def canonical_form(architecture: Architecture, theta: Sequence[Any]) -> CanonicalForm:
    """A representative of θ's orbit that depends only on the orbit.

    Layer by layer, each neuron's incoming weights and bias are scaled so that the first non-zero
    entry reaching it from an input, the bias or an already normalised neuron has absolute value 1;
    neurons with no such entry (they compute 0 on every input) are normalised through their outgoing
    weights, and what remains by a spanning forest. Neurons are sorted by their normalised incoming
    rows; ties (twins, silent neurons) are broken by trying every order and keeping the
    lexicographically least result, which makes the form independent of the starting order.

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> canonical_form(arch, [2, -3, 5, 7]).theta
    (Fraction(-1, 1), Fraction(1, 1), Fraction(21, 1), Fraction(10, 1))
    >>> canonical_form(arch, [-6, 4, Fraction(7, 2), Fraction(5, 2)]).theta
    (Fraction(-1, 1), Fraction(1, 1), Fraction(21, 1), Fraction(10, 1))
    """
    values = architecture.check_parameters(theta)
    start = [[list(map(list, w)), list(b)] for w, b in architecture.unpack(values)]
    identity = SymmetryElement.identity(architecture)
    branches = [(start, _Tracker.identity(architecture))]
    for layer in range(1, architecture.depth):
        grown = []
        for layers, tracker in branches:
            grown.extend(_branch_layer(layers, tracker, layer))
            if len(grown) > MAX_BRANCHES:
                raise ComputationTooLargeError(
                    f"canonical form of θ needs more than {MAX_BRANCHES} tie-breaking orders (many equal "
                    "neurons in one layer); remove duplicate neurons first, e.g. with reduce_network"
                )
        unique: dict[Any, Any] = {}
        for layers, tracker in grown:
            unique.setdefault(_key(layers), (layers, tracker))
        branches = list(unique.values())
    best = None
    for layers, tracker in branches:
        _normalise_rest(architecture, layers, tracker)
        candidate = _pack(architecture, layers)
        if best is None or candidate < best[0]:
            best = (candidate, tracker)
    assert best is not None
    element = best[1].element(architecture) if architecture.depth > 1 else identity
    return CanonicalForm(best[0], element, len(branches))


@dataclass(frozen=True)
class Equivalence:
    """Whether θ' = g·θ for a group element g, and such a g when it exists."""

    equivalent: bool
    element: SymmetryElement | None

    def __bool__(self) -> bool:
        return self.equivalent


def equivalent(architecture: Architecture, theta: Sequence[Any], other: Sequence[Any]) -> Equivalence:
    """Decide whether ``other`` = g·``theta`` for some g in the symmetry group; return g as witness.

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> bool(equivalent(arch, [2, -3, 5, 7], [-6, 4, 14, 5]))
    False
    >>> result = equivalent(arch, [2, -3, 5, 7], [-6, 4, Fraction(7, 2), Fraction(5, 2)])
    >>> bool(result), result.element.act([2, -3, 5, 7]) == (-6, 4, Fraction(7, 2), Fraction(5, 2))
    (True, True)
    """
    first = canonical_form(architecture, theta)
    second = canonical_form(architecture, other)
    if first.theta != second.theta:
        return Equivalence(False, None)
    return Equivalence(True, second.element.inverse().compose(first.element))


def symmetry_vector_fields(architecture: Architecture, theta: Sequence[Any]) -> list[tuple[Fraction, ...]]:
    """The tangent vectors d/dt (t-rescaling of one hidden neuron)·θ at t = 1, one per hidden neuron.

    They span the tangent space of θ's orbit and lie in the kernel of every Jacobian of the
    network's outputs with respect to θ.

    Examples
    --------
    >>> symmetry_vector_fields(Architecture((1, 1, 1)), [2, 3])
    [(Fraction(2, 1), Fraction(-3, 1))]
    """
    values = architecture.check_parameters(theta)
    names = architecture.parameter_names
    fields = []
    for layer, width in enumerate(architecture.hidden_widths, start=1):
        for neuron in range(width):
            vector = []
            for name, value in zip(names, values):
                kind, indices = name[0], name[1:].split("_")
                owner = int(indices[0])
                if owner == layer and int(indices[1]) == neuron:
                    vector.append(value)  # incoming weight or bias of the neuron
                elif kind == "w" and owner == layer + 1 and int(indices[2]) == neuron:
                    vector.append(-value)  # outgoing weight
                else:
                    vector.append(Fraction(0))
            fields.append(tuple(vector))
    return fields


def positive_ratio(first: Sequence[Fraction], second: Sequence[Fraction]) -> Fraction | None:
    """κ > 0 with first = κ·second (both non-zero), else None: rows related by a positive rescaling.

    Examples
    --------
    >>> positive_ratio([2, 4, -2], [1, 2, -1]), positive_ratio([-1, -2, 1], [1, 2, -1])
    (Fraction(2, 1), None)
    """
    first = [Fraction(x) for x in first]
    second = [Fraction(x) for x in second]
    pivot = next((i for i, v in enumerate(second) if v != 0), None)
    if pivot is None or len(first) != len(second) or not any(first):
        return None
    ratio = first[pivot] / second[pivot]
    if ratio <= 0 or any(x != ratio * y for x, y in zip(first, second)):
        return None
    return ratio


# -- internals ---------------------------------------------------------------------------------
Layers = list  # [[weight rows, bias], ...] per layer, mutable lists of Fractions


class _Tracker:
    """The group element accumulated so far: for each hidden layer, the order and the scalings."""

    def __init__(self, orders: list[list[int]], scales: list[list[Fraction]]) -> None:
        self.orders = orders
        self.scales = scales

    @classmethod
    def identity(cls, architecture: Architecture) -> "_Tracker":
        return cls(
            [list(range(n)) for n in architecture.hidden_widths],
            [[Fraction(1)] * n for n in architecture.hidden_widths],
        )

    def copy(self) -> "_Tracker":
        return _Tracker([list(o) for o in self.orders], [list(s) for s in self.scales])

    def element(self, architecture: Architecture) -> SymmetryElement:
        return SymmetryElement(architecture, tuple(map(tuple, self.orders)), tuple(map(tuple, self.scales)))


def _pack(architecture: Architecture, layers: Layers) -> tuple[Fraction, ...]:
    theta: list[Fraction] = []
    for weight, bias in layers:
        for row in weight:
            theta.extend(row)
        if architecture.bias:
            theta.extend(bias)
    return tuple(theta)


def _key(layers: Layers) -> tuple:
    return tuple((tuple(map(tuple, w)), tuple(b)) for w, b in layers)


def _same_architecture(first: Architecture, second: Architecture) -> None:
    if first != second:
        raise MismatchedArchitecturesError(
            f"the two symmetry elements act on different architectures, {first} and {second}; "
            "compose elements of one architecture only"
        )


def _scale(layers: Layers, layer: int, neuron: int, factor: Fraction) -> None:
    """Multiply neuron's incoming row and bias by factor, divide its outgoing column by it."""
    weight, bias = layers[layer - 1]
    weight[neuron] = [factor * x for x in weight[neuron]]
    bias[neuron] *= factor
    for row in layers[layer][0]:
        row[neuron] /= factor


def _branch_layer(layers: Layers, tracker: _Tracker, layer: int) -> list[tuple[Layers, _Tracker]]:
    """Normalise and sort layer ``layer`` in every tie-breaking order; earlier layers are settled."""
    weight, bias = layers[layer - 1]
    width = len(weight)
    anchored_columns = _anchored_columns(layers, layer)
    anchored = set(anchored_columns)
    keys = []
    for neuron in range(width):
        row = list(weight[neuron]) + [bias[neuron]]
        pivot = next((row[c] for c in anchored_columns if row[c] != 0), None)
        if pivot is not None:
            # entries from silent neurons are not settled yet: only their signs are invariant
            keys.append((0, tuple(x / abs(pivot) if c in anchored else (x > 0) - (x < 0) for c, x in enumerate(row))))
        else:  # silent neuron: only the signs of its row are invariant
            keys.append((1, tuple((x > 0) - (x < 0) for x in row)))
    order = sorted(range(width), key=lambda n: keys[n])
    groups = [list(group) for _, group in itertools.groupby(order, key=lambda n: keys[n])]
    # Neurons with equal incoming rows and equal outgoing columns are interchangeable: only the
    # distinct arrangements of a group's multiset of such classes need to be tried.
    following = layers[layer][0]
    count = 1
    arrangements = []
    for group in groups:
        signature = {
            n: _signature(weight[n] + [bias[n]], [row[n] for row in following], anchored_columns) for n in group
        }
        classes: dict = {}
        for n in group:
            classes.setdefault(signature[n], []).append(n)
        labels = [index for index, members in enumerate(classes.values()) for _ in members]
        count *= math.factorial(len(group)) // math.prod(math.factorial(len(m)) for m in classes.values())
        if count > MAX_BRANCHES:
            raise ComputationTooLargeError(
                f"hidden layer {layer} has more than {MAX_BRANCHES} orders of equal neurons to compare; "
                "remove duplicate neurons first, e.g. with reduce_network"
            )
        members = list(classes.values())
        arrangements.append([_arrangement(members, labelling) for labelling in multiset_permutations(labels)])
    results = []
    for choice in itertools.product(*arrangements):
        permutation = [n for group in choice for n in group]
        branch = [[list(map(list, w)), list(b)] for w, b in layers]
        new_tracker = tracker.copy()
        _permute(branch, layer, permutation)
        previous = new_tracker.orders[layer - 1]
        previous_scales = new_tracker.scales[layer - 1]
        new_tracker.orders[layer - 1] = [previous[p] for p in permutation]
        new_tracker.scales[layer - 1] = [previous_scales[p] for p in permutation]
        for position, neuron in enumerate(permutation):
            if keys[neuron][0] == 0:
                row = branch[layer - 1][0][position] + [branch[layer - 1][1][position]]
                pivot = next(row[c] for c in anchored_columns if row[c] != 0)
                _scale(branch, layer, position, 1 / abs(pivot))
                new_tracker.scales[layer - 1][position] /= abs(pivot)
        results.append((branch, new_tracker))
    return results


def _arrangement(members: list[list[int]], labelling: list[int]) -> list[int]:
    """The neurons in the order ``labelling`` gives their classes, each class's members in turn (linear time:
    a group of 20 000 equal neurons once took minutes)."""
    used = [0] * len(members)
    order = []
    for label in labelling:
        order.append(members[label][used[label]])
        used[label] += 1
    return order


def _signature(row: list[Fraction], column: list[Fraction], anchored_columns: list[int]) -> tuple:
    """Incoming row and outgoing column after normalising the neuron's scale (raw if it is silent):
    equal signatures mean the neurons are interchangeable."""
    pivot = next((abs(row[c]) for c in anchored_columns if row[c] != 0), Fraction(1))
    return tuple(x / pivot for x in row), tuple(x * pivot for x in column)


def _permute(layers: Layers, layer: int, permutation: list[int]) -> None:
    weight, bias = layers[layer - 1]
    layers[layer - 1] = [[weight[p] for p in permutation], [bias[p] for p in permutation]]
    layers[layer][0] = [[row[p] for p in permutation] for row in layers[layer][0]]


def _anchored_columns(layers: Layers, layer: int) -> list[int]:
    """Columns of layer ``layer``'s rows (previous neurons, then the bias) with a settled scale."""
    fan_in = len(layers[layer - 1][0][0])
    if layer == 1:
        return list(range(fan_in + 1))
    previous = _anchored_neurons(layers, layer - 1)
    return [c for c in range(fan_in) if previous[c]] + [fan_in]


def _anchored_neurons(layers: Layers, layer: int) -> list[bool]:
    """Which neurons of hidden layer ``layer`` receive a non-zero entry from an input or the bias
    through a chain of non-zero weights (their scale is fixed by the forward normalisation)."""
    columns = set(_anchored_columns(layers, layer))
    weight, bias = layers[layer - 1]
    return [any((list(row) + [b])[c] != 0 for c in columns) for row, b in zip(weight, bias)]


def _normalise_rest(architecture: Architecture, layers: Layers, tracker: _Tracker) -> None:
    """Fix the scales of silent neurons: through outgoing weights, then by a spanning forest."""
    depth = architecture.depth
    settled = {(l, n) for l in range(1, depth) for n, a in enumerate(_anchored_neurons(layers, l)) if a}
    for layer in range(depth - 1, 0, -1):
        for neuron in range(architecture.widths[layer]):
            if (layer, neuron) in settled:
                continue
            column = [row[neuron] for row in layers[layer][0]]
            targets = [i for i in range(len(column)) if layer + 1 == depth or (layer + 1, i) in settled]
            pivot = next((column[i] for i in targets if column[i] != 0), None)
            if pivot is not None:
                # outgoing entry becomes ±1: scale by |pivot| (outgoing is divided by the factor)
                _scale(layers, layer, neuron, abs(pivot))
                tracker.scales[layer - 1][neuron] *= abs(pivot)
                settled.add((layer, neuron))
    # Remaining neurons only touch each other; a component's common scale changes nothing.
    for layer in range(1, depth):
        for neuron in range(architecture.widths[layer]):
            if (layer, neuron) in settled:
                continue
            settled.add((layer, neuron))
            stack = [(layer, neuron)]
            while stack:
                l, n = stack.pop()
                for (m_layer, m), factor in _free_edges(layers, l, n, depth, settled):
                    _scale(layers, m_layer, m, factor)
                    tracker.scales[m_layer - 1][m] *= factor
                    settled.add((m_layer, m))
                    stack.append((m_layer, m))


def _free_edges(layers: Layers, layer: int, neuron: int, depth: int, settled: set):
    """Non-zero weights between (layer, neuron) and unsettled neurons of adjacent hidden layers.

    Yields ((layer', neuron'), factor): rescaling neuron' by factor makes the weight ±1.
    """
    if layer + 1 < depth:
        for i, row in enumerate(layers[layer][0]):
            if (layer + 1, i) not in settled and row[neuron] != 0:
                yield (layer + 1, i), 1 / abs(row[neuron])  # the weight is neuron' 's incoming
    if layer > 1:
        for j, value in enumerate(layers[layer - 1][0][neuron]):
            if (layer - 1, j) not in settled and value != 0:
                yield (layer - 1, j), abs(value)  # the weight is neuron' 's outgoing
