"""The varieties of a trained network on a data set: its activation regions on the data, and their varieties.

An exact rational forward pass gives every data point its activation pattern; the points are grouped
into a :class:`PatternAssignment` (patterns in order of first appearance), and the result holds the
output variety V_{X,A} of those regions and the pattern variety P_A of the distinct patterns, ready
for :func:`implicitize.implicitize` and :func:`implicitize.export.registry`. The network's own outputs are a
point of the output variety (:meth:`NetworkVarieties.output_point`), and the assignment is realisable,
the network being the witness. A point with a pre-activation exactly 0 lies on a region boundary;
it is reported (kept with the neuron inactive), dropped, or refused, as ``on_boundary`` says.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from architectures.errors import BoundaryPointError, InvalidDataError
from architectures.forward import check_data, forward_pass
from architectures.network_file import Network
from architectures.numbers import ExactMatrix, fraction_to_string
from architectures.patterns import PatternAssignment
from architectures.realisability import Realisability
from architectures.spec import Spec
from varieties.variety import OutputVariety, PatternVariety

#: What to do with a point on a region boundary (a pre-activation exactly 0).
BOUNDARY_CHOICES = ("report", "drop", "error")


@dataclass(frozen=True)
class BoundaryPoint:
    """Data point ``point`` (index in the given data) has hidden neuron ``neuron`` of hidden layer
    ``layer`` (both 0-based) at pre-activation exactly 0."""

    point: int
    layer: int
    neuron: int

    def __str__(self) -> str:
        return f"point {self.point}: hidden layer {self.layer + 1}, neuron {self.neuron}"


@dataclass(frozen=True, eq=False)
class NetworkVarieties:
    """The activation regions a network visits on data, and their output and pattern varieties.

    ``data`` are the points used (``point_indices`` their indices in the given data: all of them,
    unless boundary points were dropped); ``outputs[j]`` is the network's exact output at ``data[j]``.
    """

    network: Network
    data: ExactMatrix
    point_indices: tuple[int, ...]
    outputs: ExactMatrix
    assignment: PatternAssignment
    output_variety: OutputVariety
    pattern_variety: PatternVariety
    boundary: tuple[BoundaryPoint, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def patterns(self):
        """The distinct patterns, in order of first appearance in the data."""
        return self.assignment.patterns

    @property
    def counts(self) -> tuple[int, ...]:
        """How many of the points used take each pattern."""
        counter = Counter(self.assignment.assignment)
        return tuple(counter[index] for index in range(len(self.patterns)))

    def output_point(self) -> tuple[Fraction, ...]:
        """The network's outputs on the data as a point of the output variety (its coordinate order)."""
        rows = self.network.architecture.output_width
        return tuple(self.outputs[j][i] for i in range(rows) for j in range(len(self.data)))

    def pattern_point(self) -> tuple[Fraction, ...]:
        """The network's matrices M̃_k on its patterns as a point of the pattern variety."""
        return self.pattern_variety.parametrisation.evaluate(self.network.theta)

    def output_spec(self) -> Spec:
        """The output variety as a spec (for the spec-based commands and files)."""
        return Spec(
            self.network.architecture,
            "output",
            self.patterns,
            self.data,
            self.assignment,
            self.output_variety.realisability,
        )

    def pattern_spec(self) -> Spec:
        """The pattern variety as a spec."""
        return Spec(self.network.architecture, "pattern", self.patterns)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description (numbers exact as strings); ``output_spec`` is a spec file's object."""
        return {
            "widths": list(self.network.architecture.widths),
            "bias": self.network.architecture.bias,
            "points": len(self.data),
            "point_indices": list(self.point_indices),
            "patterns": [p.as_lists() for p in self.patterns],
            "counts": list(self.counts),
            "assignment": list(self.assignment.assignment),
            "outputs": [[fraction_to_string(v) for v in row] for row in self.outputs],
            "boundary": [[b.point, b.layer, b.neuron] for b in self.boundary],
            "notes": list(self.notes),
            "warnings": list(self.warnings),
            "output_spec": self.output_spec().to_json(),
            "pattern_spec": self.pattern_spec().to_json(),
        }


def network_varieties(network: Network, data: Any, *, on_boundary: str = "report") -> NetworkVarieties:
    """The output and pattern varieties of the activation regions ``network`` takes on ``data``.

    ``on_boundary``: ``"report"`` keeps a point with a pre-activation exactly 0 (that neuron counts as
    inactive, as in the network) and lists it in ``boundary`` and ``warnings``; ``"drop"`` leaves such
    points out of the varieties; ``"error"`` raises :class:`BoundaryPointError`. ``data`` holds exact
    numbers (binary floats: read them with :func:`architectures.data_file.read_points`, which converts them).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])  # |x| on (1, 2, 1), no biases
    >>> result = network_varieties(net, [[1], [2], [-1], [0]])
    >>> [str(p) for p in result.patterns], result.counts, [str(b) for b in result.boundary]
    (['{0}', '{1}', '{}'], (2, 1, 1), ['point 3: hidden layer 1, neuron 0', 'point 3: hidden layer 1, neuron 1'])
    >>> from implicitize import implicitize
    >>> ideal = implicitize(result.output_variety)
    >>> result.output_variety.contains(result.output_point(), ideal).member
    True
    >>> network_varieties(net, [[1], [2], [-1], [0]], on_boundary="drop").point_indices
    (0, 1, 2)
    """
    if on_boundary not in BOUNDARY_CHOICES:
        raise InvalidDataError(f"on_boundary must be one of {', '.join(BOUNDARY_CHOICES)}, got {on_boundary!r}")
    architecture = network.architecture
    points = check_data(architecture, data)
    passed = forward_pass(architecture, network.theta, points)
    boundary = tuple(BoundaryPoint(*entry) for entry in passed.boundary)
    on_edge = sorted({b.point for b in boundary})
    notes: list[str] = []
    warnings: list[str] = []
    if on_edge and on_boundary == "error":
        shown = "; ".join(str(b) for b in boundary[:5]) + (" …" if len(boundary) > 5 else "")
        raise BoundaryPointError(
            f"{len(on_edge)} data point(s) lie on a region boundary (a pre-activation exactly 0: {shown}); "
            "move them off it, or choose on_boundary='report' (kept, neuron inactive) or 'drop'"
        )
    kept = [j for j in range(len(points)) if on_boundary != "drop" or j not in set(on_edge)]
    if not kept:
        raise InvalidDataError("every data point lies on a region boundary and was dropped; give other points")
    if on_edge and on_boundary == "drop":
        notes.append(f"dropped {len(on_edge)} point(s) on a region boundary: {on_edge}")
    elif on_edge:
        warnings.append(
            f"{len(on_edge)} data point(s) lie on a region boundary (a pre-activation exactly 0) and "
            f"were assigned the pattern with those neurons inactive: points {on_edge}"
        )
    used = tuple(points[j] for j in kept)
    assignment = PatternAssignment.from_point_patterns([passed.patterns[j] for j in kept])
    witness = Realisability(
        True,
        "the network itself takes these patterns on the data (exact forward pass)",
        network.theta,
        tuple(range(len(assignment.patterns))),
    )
    output_variety = OutputVariety(architecture, used, assignment, realisability=witness)
    pattern_variety = PatternVariety(architecture, assignment.patterns)
    return NetworkVarieties(
        network,
        used,
        tuple(kept),
        tuple(passed.outputs[j] for j in kept),
        assignment,
        output_variety,
        pattern_variety,
        boundary,
        tuple(notes),
        tuple(warnings),
    )


__all__ = ["BOUNDARY_CHOICES", "BoundaryPoint", "NetworkVarieties", "network_varieties"]
