"""Exact membership of a point in a variety, decided by the equations known to vanish on it.

A violated rank constraint proves a point is off the variety; proving it is on needs generators
of the whole ideal (an ``IdealResult`` with ``proved == "generates"`` from the engine).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import flint

from architectures.errors import InvalidDataError
from architectures.numbers import to_fraction_vector

if TYPE_CHECKING:
    from varieties.variety import Variety


@dataclass(frozen=True)
class MembershipResult:
    """``member`` is True or False when proved, None when the known equations do not decide."""

    member: bool | None
    reason: str

    def __bool__(self) -> bool:
        if self.member is None:
            raise ValueError(f"membership is undecided: {self.reason}")
        return self.member


def contains(variety: "Variety", point: Sequence[Any], ideal: Any = None) -> MembershipResult:
    """Decide exactly whether ``point`` lies on the variety, as far as the known equations allow.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> v = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]])
    >>> contains(v, [1, 0, 0, 0, 1, 0, 0, 0, 1]).member
    False
    >>> contains(v, v.sample_point(seed=1)).member is None
    True
    """
    try:
        values = to_fraction_vector(point, what="point")
    except ValueError as error:
        raise InvalidDataError(str(error)) from error
    if len(values) != variety.ambient_dimension:
        raise InvalidDataError(
            f"the point has {len(values)} coordinates but the variety lives in "
            f"{variety.ambient_dimension}-dimensional space ({variety.coordinate_names[0]} …)"
        )
    for family in variety.rank_constraints():
        rank = family.evaluate(values).rank()
        if rank > family.bound:
            return MembershipResult(
                False, f"{family.name} is {rank} at the point, above its bound {family.bound} ({family.reason})"
            )
    if ideal is not None:
        if list(ideal.context.names()) != list(variety.coordinate_names):
            raise InvalidDataError("the ideal's coordinates are not the variety's")
        arguments = [flint.fmpq(v.numerator, v.denominator) for v in values]
        nonzero = [g for g in ideal.generators if g(*arguments) != 0]
        if nonzero:
            return MembershipResult(False, f"a generator of the ideal ({ideal.proved}) does not vanish: {nonzero[0]}")
        if ideal.proved.kind == "generates":
            return MembershipResult(True, f"every generator of I(V) vanishes (proved by {ideal.route})")
    return MembershipResult(
        None,
        "the point satisfies every known equation, but they are not known to generate "
        "I(V); pass ideal=implicitize(variety) with proved == 'generates' to decide",
    )
