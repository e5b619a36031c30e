"""Rank bounds of the blocks M̃_k = [M_k | c_k] a network realises, derived from the patterns alone.

docs/mathematics.md#rank-families: everything factors through each hidden layer; products and differences of blocks factor
through the layers where their patterns agree or differ. Used by ``varieties.rank``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Sequence

from architectures.architecture import Architecture
from architectures.errors import ComputationTooLargeError
from architectures.patterns import ActivationPattern


@dataclass(frozen=True)
class BlockBound:
    """``rank(kind of blocks) ≤ value`` with the reason. ``kind``: block, columns, rows, difference,
    combination."""

    kind: str
    blocks: tuple[int, ...]
    value: int
    reason: str
    coefficients: tuple[int, ...] = ()
    """For ``kind="combination"``: the coefficient of each block in ``blocks``."""
    part: str = "affine"
    """``"affine"``: the blocks M̃_k = [M_k | c_k]; ``"linear"``: their linear parts M_k (with biases);
    ``"centred"`` (columns only): the linear parts beside the differences c_k − c_first of the bias columns."""

    @property
    def name(self) -> str:
        blocks = [f"lin M_{k}" if self.part != "affine" else f"M_{k}" for k in self.blocks]
        if self.part == "centred":
            differences = [f"c_{k} − c_{self.blocks[0]}" for k in self.blocks[1:]]
            return f"rank [{' | '.join(blocks + differences)}]"
        if self.kind == "block":
            return f"rank {blocks[0]}"
        if self.kind == "columns":
            return f"rank [{' | '.join(blocks)}]"
        if self.kind == "rows":
            return f"rank [{'; '.join(blocks)}]"
        if self.kind == "combination":
            terms = []
            for coefficient, block in zip(self.coefficients, blocks):
                sign = "−" if coefficient < 0 else "+"
                size = "" if abs(coefficient) == 1 else f"{abs(coefficient)}·"
                terms.append(f"{sign} {size}{block}")
            text = " ".join(terms)
            return f"rank ({text[2:] if text.startswith('+') else '−' + text[1:]})"
        return f"rank ({blocks[0]} − {blocks[1]})"


def _minimum(candidates: list[tuple[int, str]]) -> tuple[int, str]:
    return min(candidates, key=lambda candidate: candidate[0])


def block_rank(architecture: Architecture, pattern: ActivationPattern) -> tuple[int, str]:
    """``r_k``: the smallest of n_L, n_0 (+1 with biases) and every hidden layer's active count (+1)."""
    bias = 1 if architecture.bias else 0
    plus = " + 1 (bias)" if bias else ""
    candidates = [
        (architecture.output_width, f"{architecture.output_width} rows"),
        (architecture.input_width + bias, f"{architecture.input_width + bias} columns"),
    ]
    for layer, neurons in enumerate(pattern.active, start=1):
        candidates.append(
            (
                len(neurons) + bias,
                f"it factors through the {len(neurons)} active neuron(s) of hidden layer {layer}{plus}",
            )
        )
    return _minimum(candidates)


def _agree(patterns: Sequence[ActivationPattern], layers: range) -> bool:
    return all(len({pattern.active[layer] for pattern in patterns}) == 1 for layer in layers)


def concatenation_bound(
    architecture: Architecture, patterns: Sequence[ActivationPattern], kind: str
) -> tuple[int, str]:
    """Bound of ``[M̃_a | M̃_b | …]`` (``kind="columns"``) or ``[M̃_a; M̃_b; …]`` (``"rows"``).

    Columns share the left factor when the patterns agree above layer l, rows the right factor when
    they agree below it; both then factor through the union of the active neurons of layer l.
    """
    bias = 1 if architecture.bias else 0
    plus = " + 1 (bias)" if bias else ""
    hidden = len(architecture.hidden_widths)
    candidates = [(sum(block_rank(architecture, p)[0] for p in patterns), "the sum of the blocks' ranks")]
    if kind == "columns":
        candidates.append((architecture.output_width, f"{architecture.output_width} rows"))
    else:
        candidates.append((architecture.input_width + bias, f"{architecture.input_width + bias} columns"))
    for layer in range(hidden):
        shared = range(layer + 1, hidden) if kind == "columns" else range(0, layer)
        if _agree(patterns, shared):
            union = frozenset().union(*(p.active[layer] for p in patterns))
            where = "above" if kind == "columns" else "below"
            candidates.append(
                (
                    len(union) + bias,
                    f"the patterns agree {where} hidden layer {layer + 1}, so it "
                    f"factors through the union of its active neurons "
                    f"({len(union)}){plus}",
                )
            )
    return _minimum(candidates)


def difference_bound(
    architecture: Architecture, first: ActivationPattern, second: ActivationPattern
) -> tuple[int, str]:
    """Bound of ``M̃_a − M̃_b``: telescoping over the layers where the patterns differ (the bias
    coordinate cancels), the union of a layer where they agree above (or below, plus the bias)."""
    bias = 1 if architecture.bias else 0
    hidden = len(architecture.hidden_widths)
    symmetric = [len(first.active[layer] ^ second.active[layer]) for layer in range(hidden)]
    candidates = [
        (architecture.output_width, f"{architecture.output_width} rows"),
        (architecture.input_width + bias, f"{architecture.input_width + bias} columns"),
        (block_rank(architecture, first)[0] + block_rank(architecture, second)[0], "the sum of the blocks' ranks"),
        (
            sum(symmetric),
            "it is a sum over hidden layers of terms factoring through the neurons whose state "
            f"differs (|S_a Δ S_b| per layer: {symmetric})",
        ),
    ]
    for layer in range(hidden):
        union = len(first.active[layer] | second.active[layer])
        if _agree([first, second], range(layer + 1, hidden)):
            candidates.append(
                (
                    union,
                    f"the patterns agree above hidden layer {layer + 1}: it factors through "
                    f"the {union} neuron(s) active in either there",
                )
            )
        if _agree([first, second], range(0, layer)):
            candidates.append(
                (
                    union + bias,
                    f"the patterns agree below hidden layer {layer + 1}: it factors "
                    f"through the {union} neuron(s) active in either there" + (" + 1 (bias)" if bias else ""),
                )
            )
    return _minimum(candidates)


def combination_bound(
    architecture: Architecture, patterns: Sequence[ActivationPattern], coefficients: Sequence[int]
) -> tuple[int, str] | None:
    """Bound of Σ c_k M̃_k when the patterns agree on every hidden layer but one (docs/mathematics.md#rank-families).

    Then Σ c_k M̃_k = A (Σ c_k D̃_k) B, of rank at most the number of neurons j of that layer with
    Σ_{k: j ∈ S_k} c_k ≠ 0, plus one with biases when Σ c_k ≠ 0. None if no such layer exists.
    """
    hidden = len(architecture.hidden_widths)
    differing = [layer for layer in range(hidden) if len({p.active[layer] for p in patterns}) > 1]
    if len(differing) > 1:
        return None
    layer = differing[0] if differing else hidden - 1
    if hidden == 0:
        return None
    neurons = [
        j
        for j in range(architecture.hidden_widths[layer])
        if sum(c for c, p in zip(coefficients, patterns) if j in p.active[layer]) != 0
    ]
    extra = 1 if architecture.bias and sum(coefficients) != 0 else 0
    candidates = [
        (architecture.output_width, f"{architecture.output_width} rows"),
        (architecture.input_width + (1 if architecture.bias else 0), "its columns"),
        (
            len(neurons) + extra,
            f"the patterns differ only in hidden layer {layer + 1}, so it factors through Σ c_k D_k, "
            f"non-zero on neurons {neurons}" + (" and the bias coordinate" if extra else ""),
        ),
    ]
    return _minimum(candidates)


def _combinations(count: int) -> list[tuple[int, ...]]:
    """Coefficient vectors in {−1, 0, 1}^count with at least three non-zero entries, first non-zero +1."""
    result = []
    for vector in itertools.product((0, 1, -1), repeat=count):
        nonzero = [c for c in vector if c]
        if len(nonzero) >= 3 and nonzero[0] == 1:
            result.append(vector)
    return result


#: Signed combinations of blocks are tried for at most this many blocks (3^K vectors).
MAX_COMBINATION_BLOCKS = 6

#: The most blocks whose pairs are bounded (K(K−1)/2 pair families: 500 blocks give 124 750 pairs, each with
#: three bounds; 1 000 identical blocks once ran for minutes before any answer).
MAX_PAIRED_BLOCKS = 500


def block_bounds(architecture: Architecture, patterns: Sequence[ActivationPattern]) -> list[BlockBound]:
    """All block, pair and all-block bounds for the given patterns (trivial ones included).

    With biases, the linear part M_k = W_L D^{(k)}_{L−1} ⋯ D^{(k)}_1 W_1 of each block is the block of the
    same network without biases, so it obeys every bound without biases; those are added (``part="linear"``)
    where they are stricter than the bound of the affine blocks, whose minors already contain theirs.

    Examples
    --------
    >>> from architectures.patterns import ActivationPattern
    >>> patterns = [ActivationPattern(((0,),)), ActivationPattern(((1,),))]
    >>> [(b.name, b.value) for b in block_bounds(Architecture((3, 2, 3), bias=True), patterns)
    ...  if b.kind == "block"]
    [('rank M_0', 2), ('rank M_1', 2), ('rank lin M_0', 1), ('rank lin M_1', 1)]
    """
    if len(patterns) > MAX_PAIRED_BLOCKS:
        raise ComputationTooLargeError(
            f"{len(patterns)} blocks have {len(patterns) * (len(patterns) - 1) // 2} pairs to bound, more than the "
            f"{MAX_PAIRED_BLOCKS} blocks whose rank families are built; merge equal patterns or study fewer blocks"
        )
    bounds = _affine_block_bounds(architecture, patterns)
    if not architecture.bias:
        return bounds
    affine = {(b.kind, b.blocks, b.coefficients): b.value for b in bounds}
    linear = Architecture(architecture.widths, bias=False)
    for bound in _affine_block_bounds(linear, patterns):
        if bound.value < affine[(bound.kind, bound.blocks, bound.coefficients)]:
            bounds.append(
                BlockBound(
                    bound.kind,
                    bound.blocks,
                    bound.value,
                    f"the linear part, which the biases do not enter: {bound.reason}",
                    bound.coefficients,
                    part="linear",
                )
            )
        if bound.kind == "columns":
            value, reason = centred_columns_bound(architecture, [patterns[k] for k in bound.blocks])
            if value < affine[("columns", bound.blocks, ())]:
                bounds.append(BlockBound("columns", bound.blocks, value, reason, part="centred"))
    return bounds


def centred_columns_bound(architecture: Architecture, patterns: Sequence[ActivationPattern]) -> tuple[int, str]:
    """Bound of ``[M_a | M_b | … | c_b − c_a | …]`` with biases: the linear parts beside the differences of
    the bias columns.

    Where the patterns agree above hidden layer l, every bias term entering after layer l is the same in
    each block and cancels in c_b − c_a, so all these columns factor through the union of the active
    neurons of layer l — without the + 1 the bias column costs in ``[M̃_a | M̃_b]``.
    """
    linear = Architecture(architecture.widths, bias=False)
    hidden = len(architecture.hidden_widths)
    candidates = [
        (architecture.output_width, f"{architecture.output_width} rows"),
        (
            sum(block_rank(linear, p)[0] for p in patterns) + len(patterns) - 1,
            "the sum of the linear parts' ranks, plus one per difference of bias columns",
        ),
    ]
    for layer in range(hidden):
        if _agree(patterns, range(layer + 1, hidden)):
            union = frozenset().union(*(p.active[layer] for p in patterns))
            candidates.append(
                (
                    len(union),
                    f"the patterns agree above hidden layer {layer + 1}, where the bias "
                    f"terms entering later cancel in the differences, so it factors "
                    f"through the union of its active neurons ({len(union)})",
                )
            )
    return _minimum(candidates)


def _affine_block_bounds(architecture: Architecture, patterns: Sequence[ActivationPattern]) -> list[BlockBound]:
    bounds = []
    for k, pattern in enumerate(patterns):
        value, reason = block_rank(architecture, pattern)
        bounds.append(BlockBound("block", (k,), value, reason))
    groups: list[tuple[int, ...]] = [pair for pair in itertools.combinations(range(len(patterns)), 2)]
    if len(patterns) >= 3:
        groups.append(tuple(range(len(patterns))))
    for group in groups:
        members = [patterns[k] for k in group]
        for kind in ("columns", "rows"):
            value, reason = concatenation_bound(architecture, members, kind)
            bounds.append(BlockBound(kind, group, value, reason))
        if len(group) == 2:
            value, reason = difference_bound(architecture, *members)
            bounds.append(BlockBound("difference", group, value, reason))
    if 3 <= len(patterns) <= MAX_COMBINATION_BLOCKS:
        for vector in _combinations(len(patterns)):
            group = tuple(k for k, c in enumerate(vector) if c)
            coefficients = tuple(vector[k] for k in group)
            bound = combination_bound(architecture, [patterns[k] for k in group], coefficients)
            if bound is not None:
                bounds.append(BlockBound("combination", group, bound[0], bound[1], coefficients))
    return bounds
