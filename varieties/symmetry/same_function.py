"""Exact decision whether two networks (of any widths and depths) compute the same function.

Compares the affine pieces on every region of the common refinement of their activation regions
(``varieties.symmetry.regions``); a disagreement yields an exact witness input, checked by the forward pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from architectures.errors import ComputationTooLargeError
from architectures.forward import forward_pass
from architectures.network_file import Network
from varieties.symmetry.regions import MAX_REGIONS, ActivationRegion, activation_regions, evaluate_row


@dataclass(frozen=True)
class SameFunction:
    """The verdict, a witness input where the outputs differ (or None), and what proves it."""

    same: bool
    witness: tuple[Fraction, ...] | None
    outputs: tuple[tuple[Fraction, ...], ...] | None  # the two networks' outputs at the witness
    """f(witness) and g(witness), computed by the exact forward pass."""
    regions: int
    proved: str

    def __bool__(self) -> bool:
        return self.same

    def __repr__(self) -> str:
        if self.same:
            return f"SameFunction(same=True, {self.proved})"
        return (
            f"SameFunction(same=False, witness={[str(x) for x in self.witness or ()]}, "
            f"outputs={[[str(y) for y in o] for o in self.outputs or ()]})"
        )


def same_function(first: Network, second: Network, *, max_regions: int = MAX_REGIONS) -> SameFunction:
    """Decide exactly whether f_first = f_second on all of Q^{n_0} (hence R^{n_0}).

    Both are continuous and affine on each region of the common refinement of their activation
    regions, and the regions' union is dense: the functions agree everywhere iff their affine pieces
    agree on every full-dimensional region. When a pair of pieces differs, a point of that region
    where they differ is returned and re-checked with the exact forward pass.

    Examples
    --------
    >>> absolute = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> also = Network.from_weights([[[2], [-3], [0]], [[Fraction(1, 2), Fraction(1, 3), 5]]])
    >>> same_function(absolute, also).same
    True
    >>> identity = Network.from_weights([[[1], [-1]], [[1, -1]]])   # relu(x) − relu(−x) = x
    >>> result = same_function(absolute, identity)
    >>> result.same, result.witness[0] < 0
    (False, True)
    """
    regions = activation_regions([first, second], max_regions=max_regions)
    for region in regions:
        if region.pieces[0] != region.pieces[1]:
            witness = _witness(region)
            outputs = tuple(
                forward_pass(network.architecture, network.theta, [witness]).outputs[0] for network in (first, second)
            )
            if outputs[0] == outputs[1]:  # pragma: no cover - _witness guarantees a difference
                raise ComputationTooLargeError("internal error: the witness does not separate the networks")
            return SameFunction(
                False, witness, outputs, len(regions), "the exact forward pass gives different outputs at the witness"
            )
    return SameFunction(
        True,
        None,
        None,
        len(regions),
        f"the affine pieces agree on all {len(regions)} full-dimensional regions of the common "
        "refinement (decided by exact rational linear programs)",
    )


def _witness(region: ActivationRegion) -> tuple[Fraction, ...]:
    """A point strictly inside the region where the two affine pieces differ."""
    point = region.point
    differences = [tuple(a - b for a, b in zip(r, s)) for r, s in zip(*region.pieces)]
    for row in differences:
        if evaluate_row(row, point) != 0:
            return point
    # The pieces differ but agree at the point: move along a differing row's gradient, staying inside.
    direction = next(row[:-1] for row in differences if any(row[:-1]))
    slack = min((evaluate_row(row, point) for row in region.inequalities), default=Fraction(1))
    speed = max((abs(sum(a * d for a, d in zip(row, direction))) for row in region.inequalities), default=Fraction(0))
    step = Fraction(1) if speed == 0 else slack / (2 * speed)
    return tuple(x + step * d for x, d in zip(point, direction))


def same_function_on(first: Network, second: Network, data: Sequence[Sequence[Fraction]]) -> bool:
    """Whether the two networks agree on the given points (exact forward pass; evidence, not proof).

    Examples
    --------
    >>> same_function_on(Network.from_weights([[[1]], [[1]]]), Network.from_weights([[[2]], [[1]]]), [[-1]])
    True
    """
    return (
        forward_pass(first.architecture, first.theta, data).outputs
        == forward_pass(second.architecture, second.theta, data).outputs
    )
