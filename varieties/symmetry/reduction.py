"""Minimal networks: remove dead and disconnected neurons, merge twins, fold always-active neurons.

Works on a ``Network`` with the activation regions of ``varieties.symmetry.regions``; every reduction is
proved to preserve the function by ``varieties.symmetry.same_function``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy

from architectures.architecture import Architecture
from architectures.network_file import Network
from varieties.symmetry.regions import MAX_REGIONS, activation_regions
from varieties.symmetry.same_function import SameFunction, same_function
from varieties.symmetry.symmetries import positive_ratio


@dataclass(frozen=True)
class Reduction:
    """The reduced network, the steps taken, and the proof that it computes the original function."""

    original: Network
    network: Network
    steps: tuple[str, ...]
    proof: SameFunction

    @property
    def removed(self) -> int:
        """Number of hidden neurons removed.

        Examples
        --------
        >>> reduce_network(Network.from_weights([[[1], [2]], [[1, 0]]])).removed   # neuron 1 feeds nothing
        1
        """
        return sum(self.original.architecture.hidden_widths) - sum(self.network.architecture.hidden_widths)


def reduce_network(network: Network, *, max_regions: int = MAX_REGIONS) -> Reduction:
    """An equivalent network with no wider layers, and fewer neurons where one of the rules applies.

    Rules, applied until none does: a neuron inactive on every input is removed; a neuron with zero
    outgoing weights is removed; of two neurons with positively proportional incoming weights and
    bias (h_a = κ·h_b) one is removed and its outgoing weights added, times κ, to the other's; a
    neuron active on every input whose affine map is a combination of other always-active neurons'
    (and, with biases, of the constant 1) is folded into their outgoing weights (and the next bias).
    A layer never drops below one neuron (a silent one with zero weights if nothing else is left).
    The result is checked with :func:`same_function`.

    Examples
    --------
    >>> twins = Network.from_weights([[[1, 2], [2, 4], [-1, 1]], [[1, 1, -2]]])
    >>> result = reduce_network(twins)
    >>> result.network.architecture.widths, result.proof.same, result.steps[0][:5]
    ((2, 2, 1), True, 'merge')
    """
    layers = [[list(map(list, w)), list(b)] for w, b in network.layers()]
    architecture = network.architecture
    steps: list[str] = []
    current = network
    while True:
        step = _one_step(current, layers, max_regions)
        if step is None:
            break
        steps.append(step)
        current = _network(architecture.bias, layers)
    proof = same_function(network, current, max_regions=max_regions)
    return Reduction(network, current, tuple(steps), proof)


def _network(bias: bool, layers: list) -> Network:
    widths = [len(layers[0][0][0])] + [len(w) for w, _ in layers]
    architecture = Architecture(tuple(widths), bias=bias)
    return Network(architecture, architecture.pack([w for w, _ in layers], [b for _, b in layers] if bias else None))


def _remove(layers: list, layer: int, neuron: int) -> None:
    """Delete neuron of hidden layer ``layer`` (1-based) and its outgoing column; keep ≥ 1 neuron."""
    weight, bias = layers[layer - 1]
    following = layers[layer][0]
    if len(weight) == 1:
        weight[0] = [Fraction(0)] * len(weight[0])
        bias[0] = Fraction(0)
        for row in following:
            row[0] = Fraction(0)
        return
    del weight[neuron]
    del bias[neuron]
    for row in following:
        del row[neuron]


def _is_silent(layers: list, layer: int) -> bool:
    weight, bias = layers[layer - 1]
    return len(weight) == 1 and not any(weight[0]) and bias[0] == 0 and not any(r[0] for r in layers[layer][0])


def _one_step(network: Network, layers: list, max_regions: int) -> str | None:
    """Apply the first applicable rule to ``layers`` in place; describe it, or return None."""
    architecture = network.architecture
    patterns = [region.patterns[0] for region in activation_regions(network, max_regions=max_regions)]
    for layer in range(1, architecture.depth):
        if _is_silent(layers, layer):
            continue
        weight, bias = layers[layer - 1]
        following = layers[layer][0]
        width = len(weight)
        active = [[n in p.active[layer - 1] for p in patterns] for n in range(width)]
        for n in range(width):
            if not any(active[n]):
                _remove(layers, layer, n)
                return f"remove neuron {n} of layer {layer}: inactive on every input"
            if all(row[n] == 0 for row in following):
                _remove(layers, layer, n)
                return f"remove neuron {n} of layer {layer}: zero outgoing weights"
        rows = [weight[n] + ([bias[n]] if architecture.bias else []) for n in range(width)]
        for a in range(width):
            for b in range(a + 1, width):
                ratio = positive_ratio(rows[b], rows[a])
                if ratio is not None:  # h_b = ratio · h_a
                    for row in following:
                        row[a] += ratio * row[b]
                    _remove(layers, layer, b)
                    return f"merge twin neuron {b} into neuron {a} of layer {layer} (h_{b} = {ratio}·h_{a})"
        always = [n for n in range(width) if all(active[n])]
        for n in always:
            others = [m for m in always if m != n]
            columns = [rows[m] for m in others]
            if architecture.bias:
                columns.append([Fraction(0)] * len(weight[0]) + [Fraction(1)])
            coefficients = _combination(columns, rows[n])
            if coefficients is None:
                continue
            for row in following:
                for m, t in zip(others, coefficients):
                    row[m] += t * row[n]
            if architecture.bias:
                constant = coefficients[-1]
                layers[layer][1] = [b + constant * row[n] for b, row in zip(layers[layer][1], following)]
            _remove(layers, layer, n)
            return (
                f"fold always-active neuron {n} of layer {layer} into "
                + (f"neurons {others} and " if others else "")
                + "the next layer"
            )
    return None


def _combination(columns: list[list[Fraction]], target: list[Fraction]) -> list[Fraction] | None:
    """Coefficients t with Σ t_i·columns[i] = target, or None (exact, sympy)."""
    if not columns:
        return None if any(target) else []
    matrix = sympy.Matrix([[sympy.Rational(c.numerator, c.denominator) for c in column] for column in columns]).T
    vector = sympy.Matrix([sympy.Rational(v.numerator, v.denominator) for v in target])
    try:
        solution, parameters = matrix.gauss_jordan_solve(vector)
    except ValueError:
        return None
    solution = solution.subs({p: 0 for p in parameters})
    return [Fraction(int(sympy.Rational(v).p), int(sympy.Rational(v).q)) for v in solution]
