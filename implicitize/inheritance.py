"""Inheritance: the ideal of a network with more outputs (or inputs) than its rank bound, from a smaller one.

Let U = Q^n be the outputs of a network (n = n_L) and W the rest of a block's coordinates, so that the
coordinates of V are the entries of the n × (columns) matrix F = [M̃_0 | M̃_1 | …] of all blocks side by
side. Left multiplication W_L ↦ g W_L (and b_L ↦ g b_L) maps the parametrisation into itself for every
g ∈ End(U), so V is End(U)-stable; and F = W_L[:, S] · (…) (+ b_L with biases), where S holds the
neurons of the last hidden layer active in some pattern, so every point of V has rank F ≤ r with
r = |S| (+ 1 with biases). With U' = Q^r ⊂ U (the first r outputs), V' = V ∩ (U' ⊗ W) is the variety of
the same network with r outputs. Then

    I(V) = I_{r+1}(F) + ( f ∘ π : f ∈ I(V'), π ∈ Hom(U, U') ).

Proof (the inheritance argument of J. M. Landsberg and L. Manivel, *On the ideals of secant varieties of
Segre varieties*, Found. Comput. Math. 4 (2004), §4; J. M. Landsberg, *Tensors: Geometry and
Applications*, AMS 2012, §3.7). Both sides lie in I(V) (π maps V into V ∩ U'⊗W) and are GL(U)-stable. By
Cauchy's formula Q[U ⊗ W]_d = ⊕_λ S_λU* ⊗ S_λW*, so a GL(U)-stable subspace is ⊕_λ S_λU* ⊗ Z_λ; the
components with more than r rows make up I_{r+1}(F) (C. De Concini, D. Eisenbud and C. Procesi, *Young
diagrams and determinantal varieties*, Invent. Math. 56 (1980)), and the others are determined by their
restriction to U' ⊗ W, which maps S_λU* ⊗ Z_λ onto S_λU'* ⊗ Z_λ ≠ 0. Restriction maps I(V) into I(V'),
and the right side onto all of I(V') (π = the projection, the identity on U'). Hence equality. If I(V')
is generated in degrees ≤ d and r + 1 ≤ d, then I(V) is generated in degrees ≤ d, and generators found
by interpolation in every degree ≤ d generate it.

The inputs give the same argument without the data (pattern varieties only): right multiplication
W_1 ↦ W_1 g acts on the linear parts M_k, which stacked, [M_0; M_1; …], have rank ≤ t, the neurons of
the first hidden layer active in some pattern; bias columns are fixed by it and only enlarge the
multiplicity spaces, so V' is the network with t inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Literal

from architectures.architecture import Architecture
from architectures.errors import InvalidArgumentError, ReluVarietiesError
from varieties.variety import OutputVariety, PatternVariety, Variety

if TYPE_CHECKING:
    from implicitize.ideal import IdealResult


@dataclass(frozen=True)
class Reduction:
    """The network with fewer outputs (or inputs) whose variety is V ∩ U' ⊗ W, and the rank bound r."""

    variety: "Variety"
    side: Literal["outputs", "inputs"]
    rank: int
    """Every point of V has rank ≤ ``rank`` for the matrix of blocks side by side (inputs: stacked)."""
    width: int
    """n: the number of outputs (inputs) of the larger network."""

    def describe(self) -> str:
        """The End-stability and rank bound the argument rests on, in words."""
        if self.side == "outputs":
            return (
                f"V is stable under End(Q^{self.width}) acting on the outputs and the blocks side by side "
                f"have rank ≤ {self.rank}"
            )
        return (
            f"V is stable under End(Q^{self.width}) acting on the inputs and the linear parts stacked have "
            f"rank ≤ {self.rank}"
        )


def reduction(variety: "Variety") -> Reduction | None:
    """The smaller network whose ideal determines I(V), or None when there is none: more outputs than the
    rank bound r of the blocks side by side, else (pattern varieties) more inputs than the rank bound of
    the linear parts stacked.

    Examples
    --------
    >>> v = PatternVariety(Architecture((4, 3, 4)), [[[0, 1]], [[1, 2]]])
    >>> step = reduction(v)
    >>> step.side, step.rank, step.variety.architecture.widths
    ('outputs', 3, (4, 3, 3))
    >>> reduction(step.variety).variety.architecture.widths
    (3, 3, 3)
    >>> reduction(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])) is None
    True
    """
    if not isinstance(variety, Variety):
        raise InvalidArgumentError(
            f"reduction: argument 'variety' is {variety!r} ({type(variety).__name__}); expected a PatternVariety "
            "or OutputVariety, e.g. PatternVariety(Architecture((3, 3, 4)), [[[0, 1]], [[1, 2]]])"
        )
    if type(variety) not in (PatternVariety, OutputVariety):
        return None
    architecture = variety.architecture
    last = frozenset().union(*(pattern.active[-1] for pattern in variety.patterns))
    outputs = len(last) + int(architecture.bias)
    if 1 <= outputs < architecture.output_width:
        smaller = Architecture(architecture.widths[:-1] + (outputs,), bias=architecture.bias)
        return Reduction(_same_network(variety, smaller), "outputs", outputs, architecture.output_width)
    first = frozenset().union(*(pattern.active[0] for pattern in variety.patterns))
    if type(variety) is PatternVariety and 1 <= len(first) < architecture.input_width:
        smaller = Architecture((len(first),) + architecture.widths[1:], bias=architecture.bias)
        return Reduction(
            PatternVariety(smaller, list(variety.patterns)), "inputs", len(first), architecture.input_width
        )
    return None


def _same_network(variety: "Variety", smaller: Architecture) -> "Variety":
    """``variety`` for the architecture ``smaller`` (fewer outputs): same patterns, same data."""
    if isinstance(variety, OutputVariety):
        return OutputVariety(smaller, variety.data, variety.assignment, realisability=variety.realisability)
    return PatternVariety(smaller, list(variety.patterns))


def inheritance_proof(
    step: Reduction, proved_degree: int, smaller_ideal: Callable[["Variety"], "IdealResult"]
) -> str | None:
    """A sentence proving that the generators of I(V) found in every degree ≤ ``proved_degree`` generate
    I(V), from ``smaller_ideal(step.variety)`` (the engine on the smaller network V' of
    :func:`reduction`), or None when the rank minors exceed the degree, or I(V') is not proved generated
    in degrees ≤ it (or its computation fails).

    Examples
    --------
    >>> from implicitize.engine import implicitize
    >>> v = PatternVariety(Architecture((3, 2, 4)), [[[0, 1]]])
    >>> inheritance_proof(reduction(v), 3, lambda smaller: implicitize(smaller, max_degree=3))[:60]
    'V is stable under End(Q^4) acting on the outputs and the blo'
    """
    if step.rank + 1 > proved_degree:
        return None
    try:
        smaller = smaller_ideal(step.variety)
    except ReluVarietiesError:  # e.g. its interpolation over a budget: no proof here, the larger result stands
        return None
    degrees = [int(g.total_degree()) for g in smaller.generators]
    if not smaller.proved.generates_everything or max(degrees, default=0) > proved_degree:
        return None
    return (
        f"{step.describe()}; V' = V ∩ {{the first {step.rank} {step.side}}} is the {step.variety.describe()}, "
        f"whose ideal is generated in degree ≤ {max(degrees, default=0)} ({smaller.route}); so I(V) is generated "
        f"by the {step.rank + 1}-minors of that matrix and the f ∘ π with f ∈ I(V'), π: Q^{step.width} → "
        f"Q^{step.rank} (inheritance: Landsberg–Manivel 2004; De Concini–Eisenbud–Procesi 1980), all of "
        f"degree ≤ {proved_degree}, and every generator in degree ≤ {proved_degree} was found"
    )
