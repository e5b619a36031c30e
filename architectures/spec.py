"""JSON spec files: a problem (architecture, variety, patterns, data) in a form scripts can write.

``{"widths": [3, 3, 3], "bias": false, "variety": "pattern", "patterns": [[[0, 1]], [[1, 2]]]}``;
an output variety adds ``"data"`` (points, exact numbers) and ``"assignment"`` (pattern index per point).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from architectures.architecture import Architecture
from architectures.errors import InvalidSpecError, ReluVarietiesError
from architectures.forward import check_data
from architectures.json_files import parse_json, read_json_file
from architectures.numbers import ExactMatrix, fraction_to_string
from architectures.parametrisation import Parametrisation, output_parametrisation, pattern_parametrisation
from architectures.patterns import ActivationPattern, PatternAssignment, as_patterns
from architectures.realisability import Realisability

_KEYS = {"widths", "bias", "variety", "patterns", "data", "assignment"}

#: Built-in problems, usable wherever a spec file is (``--example NAME`` on the command line).
EXAMPLES: dict[str, dict[str, Any]] = {
    "three-cubics": {"widths": [3, 3, 3], "bias": False, "variety": "pattern", "patterns": [[[0, 1]], [[1, 2]]]},
    "determinant": {"widths": [3, 2, 3], "bias": False, "variety": "pattern", "patterns": [[[0, 1]]]},
    "shared-signature": {"widths": [3, 3, 3], "bias": False, "variety": "pattern", "patterns": [[[0, 1]], [[0, 1, 2]]]},
    "deep": {
        "widths": [2, 2, 2, 2],
        "bias": False,
        "variety": "pattern",
        "patterns": [[[0, 1], [0, 1]], [[0], [0, 1]]],
    },
    "output-with-bias": {
        "widths": [2, 2, 1],
        "bias": True,
        "variety": "output",
        "patterns": [[[0]], [[0, 1]]],
        "data": [[1, 0], [0, 1], [1, 1], [2, "1/2"], [-1, 3], ["3/4", 2]],
        "assignment": [0, 0, 0, 0, 1, 1],
    },
}


@dataclass(frozen=True)
class Spec:
    """A validated problem: which variety of which architecture, on which patterns (and data).

    Examples
    --------
    >>> spec = load_spec(EXAMPLES["three-cubics"])
    >>> spec.architecture, spec.variety, [str(p) for p in spec.patterns]
    (Architecture(widths=(3, 3, 3), bias=False), 'pattern', ['{0,1}', '{1,2}'])
    """

    architecture: Architecture
    variety: str
    patterns: tuple[ActivationPattern, ...]
    data: ExactMatrix | None = None
    assignment: PatternAssignment | None = None
    realisability: Realisability | None = field(default=None, compare=False)
    """Whether a network gives the data this assignment, when already decided (output varieties)."""

    def parametrisation(self) -> Parametrisation:
        """The parametrisation of the spec's variety."""
        if self.variety == "pattern":
            return pattern_parametrisation(self.architecture, self.patterns)
        return output_parametrisation(self.architecture, self.data, self.assignment)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, Any]:
        """The spec as a JSON object, numbers as exact strings."""
        result: dict[str, Any] = {
            "widths": list(self.architecture.widths),
            "bias": self.architecture.bias,
            "variety": self.variety,
            "patterns": [p.as_lists() for p in self.patterns],
        }
        if self.variety == "output":
            result["data"] = [[fraction_to_string(x) for x in point] for point in self.data or ()]
            result["assignment"] = list(self.assignment.assignment) if self.assignment else []
        return result


def load_spec(source: str | Path | Mapping[str, Any]) -> Spec:
    """Read and validate a spec from a JSON file path, a JSON string, or an already-parsed dict.

    Every error is an :class:`InvalidSpecError` naming the field that is wrong.
    """
    raw = _read(source)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise InvalidSpecError(f"unknown key(s) {unknown} in spec; allowed keys are {sorted(_KEYS)}")
    if "widths" not in raw:
        raise InvalidSpecError('the spec has no "widths"; e.g. {"widths": [3, 3, 3], ...}')
    variety = raw.get("variety", "pattern")
    if variety not in ("pattern", "output"):
        raise InvalidSpecError(f'"variety" must be "pattern" or "output", got {variety!r}')
    if "patterns" not in raw:
        raise InvalidSpecError('the spec has no "patterns": one list of active neurons per hidden layer, per block')
    try:
        widths = raw["widths"]
        if not isinstance(widths, list):
            raise InvalidSpecError(f'"widths" must be a list of positive integers, got {widths!r}')
        architecture = Architecture(tuple(widths), bias=raw.get("bias", False))
        patterns = as_patterns(raw["patterns"], architecture)
        if variety == "pattern":
            extra = sorted({"data", "assignment"} & set(raw))
            if extra:
                raise InvalidSpecError(f'{extra} only belong to an output variety ("variety": "output")')
            return Spec(architecture, variety, patterns)
        if "data" not in raw or "assignment" not in raw:
            raise InvalidSpecError('an output variety needs "data" (points) and "assignment" (pattern per point)')
        data = check_data(architecture, raw["data"])
        if not isinstance(raw["assignment"], list):
            raise InvalidSpecError('"assignment" must be a list with one pattern index per point')
        assignment = PatternAssignment(patterns, tuple(raw["assignment"])).check(architecture, len(data))
        return Spec(architecture, variety, patterns, data, assignment)
    except InvalidSpecError:
        raise
    except ReluVarietiesError as error:
        raise InvalidSpecError(f"invalid spec: {error}") from error


def _read(source: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(source, Mapping):
        return dict(source)
    if not isinstance(source, (str, Path)):
        raise InvalidSpecError(f"a spec is a file path, a JSON string or a dict, got {type(source).__name__}")
    if isinstance(source, Path) or not str(source).lstrip().startswith("{"):
        raw = read_json_file(source, what="spec")
    else:
        raw = parse_json(str(source), what="spec")
    if not isinstance(raw, dict):
        raise InvalidSpecError(f"a spec is a JSON object, got {type(raw).__name__}")
    return raw
