"""The two varieties of a ReLU network: the pattern variety P_A and the output variety V_{X,A}.

Each wraps its parametrisation (from ``architectures``) and knows how to write the blocks M̃_k as
linear forms in its coordinates, which is what rank constraints, dimensions and the engine use.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property
from typing import Any, Sequence

import flint
import numpy as np
import sympy

from architectures.architecture import Architecture, random_parameters
from architectures.errors import InvalidDataError
from architectures.forward import check_data
from architectures.parametrisation import Parametrisation, output_parametrisation, pattern_parametrisation
from architectures.patterns import ActivationPattern, PatternAssignment, as_patterns
from architectures.realisability import (
    DEFAULT_PIVOT_BUDGET,
    Realisability,
    decide_assignment,
    unrealisable_message,
    warn_if_unrealisable,
)
from architectures.spec import Spec
from varieties.rank import FormMatrix, LinearForm, RankFamily


class Variety:
    """The Zariski closure of the image of a parametrisation; shared behaviour of both varieties."""

    kind = "variety"

    def __init__(self, parametrisation: Parametrisation) -> None:
        self.parametrisation = parametrisation
        self.architecture: Architecture = parametrisation.architecture
        self.patterns: tuple[ActivationPattern, ...] = parametrisation.patterns

    # -- coordinates ---------------------------------------------------------------------------
    @property
    def ambient_dimension(self) -> int:
        """N: the dimension of the ambient affine space."""
        return self.parametrisation.ambient_dimension

    @property
    def coordinate_names(self) -> tuple[str, ...]:
        return self.parametrisation.coordinate_names

    @cached_property
    def context(self) -> flint.fmpq_mpoly_ctx:
        """The coordinate ring Q[coordinates] (python-flint, degree reverse lexicographic)."""
        return flint.fmpq_mpoly_ctx.get(self.coordinate_names, "degrevlex")

    def symbols(self) -> list[sympy.Symbol]:
        """The coordinates as sympy symbols."""
        return [sympy.Symbol(name) for name in self.coordinate_names]

    def sample_point(self, *, seed: int) -> tuple[Fraction, ...]:
        """An exact point of the variety: the parametrisation at random integer parameters."""
        return self.parametrisation.evaluate(random_parameters(self.architecture, seed=seed))

    # -- blocks as linear forms ----------------------------------------------------------------
    def block_forms(self, block: int) -> FormMatrix | None:
        """M̃_block as linear forms in the coordinates, or None when the coordinates do not determine it."""
        raise NotImplementedError

    def output_forms(self, block: int) -> FormMatrix | None:
        """A matrix of coordinates equal to M̃_block times something (output varieties: Y_block)."""
        return None

    def linear_families(self) -> list[RankFamily]:
        """Linear equations every point satisfies (rank ≤ 0 families)."""
        return []

    def arrange(
        self, kind: str, blocks: Sequence[int], coefficients: Sequence[int] = (), part: str = "affine"
    ) -> FormMatrix | None:
        """The matrix of a rank bound ("block", "columns", "rows", "difference", "combination")
        as linear forms; ``part="linear"`` keeps only the linear part M_k of each block (its first
        n_0 columns), ``part="centred"`` the linear parts beside the differences c_k − c_first of the
        bias columns; None when the coordinates do not determine the blocks."""
        forms = [self.block_forms(k) for k in blocks]
        if part in ("linear", "centred"):
            if any(form is None for form in forms):
                return None
            columns = self.architecture.input_width
            if part == "centred":
                return tuple(
                    tuple(entry for form in forms for entry in form[i][:columns])  # type: ignore[index]
                    + tuple(
                        _combine([form[i][columns], forms[0][i][columns]], (1, -1))  # type: ignore[index]
                        for form in forms[1:]
                    )
                    for i in range(len(forms[0]))  # type: ignore[arg-type]
                )
            forms = [tuple(row[:columns] for row in form) for form in forms]  # type: ignore[union-attr]
        elif any(form is None for form in forms):
            if kind not in ("block", "columns"):
                return None
            forms = [self.output_forms(k) for k in blocks]
            if any(form is None or not form[0] for form in forms):
                return None
        if kind == "block":
            return forms[0]
        if kind == "columns":
            return tuple(
                tuple(entry for form in forms for entry in form[i])  # type: ignore[index]
                for i in range(len(forms[0]))  # type: ignore[arg-type]
            )
        if kind == "rows":
            return tuple(row for form in forms for row in form)  # type: ignore[union-attr]
        if kind == "difference":
            coefficients = (1, -1)
        rows, columns = len(forms[0]), len(forms[0][0])  # type: ignore[arg-type, index]
        return tuple(
            tuple(
                _combine([form[i][j] for form in forms], coefficients)  # type: ignore[index]
                for j in range(columns)
            )
            for i in range(rows)
        )

    # -- the algorithms, as methods for convenience --------------------------------------------
    def rank_constraints(self) -> list[RankFamily]:
        """See :func:`varieties.rank.rank_constraints`."""
        from varieties.rank import rank_constraints

        return rank_constraints(self)

    def dimension(self, *, seed: int = 0, prime: int | None = None, exact: bool = False):
        """See :func:`varieties.dimension.dimension`."""
        from varieties.dimension import dimension

        return dimension(self, seed=seed, prime=prime, exact=exact)

    def expected_dimension(self):
        """See :func:`varieties.dimension.expected_dimension`."""
        from varieties.dimension import expected_dimension

        return expected_dimension(self)

    def is_defective(self, *, seed: int = 0) -> bool:
        """See :func:`varieties.dimension.is_defective`."""
        from varieties.dimension import is_defective

        return is_defective(self, seed=seed)

    def contains(self, point: Sequence[Any], ideal: Any = None):
        """See :func:`varieties.membership.contains`."""
        from varieties.membership import contains

        return contains(self, point, ideal=ideal)

    def describe(self) -> str:
        patterns = ", ".join(str(p) for p in self.patterns)
        return f"{self.kind} variety of {self.architecture} with patterns {patterns}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.describe()}; ambient dimension {self.ambient_dimension})"


def _coordinate_matrix(positions: np.ndarray) -> FormMatrix:
    """The matrix whose entries are the coordinates at ``positions`` (each a linear form x_i)."""
    return tuple(tuple({int(index): Fraction(1)} for index in row) for row in positions)


def _combine(forms: Sequence[LinearForm], coefficients: Sequence[int]) -> LinearForm:
    """Σ c_k form_k, without zero coefficients."""
    result: dict[int, Fraction] = {}
    for form, scale in zip(forms, coefficients):
        for index, coefficient in form.items():
            result[index] = result.get(index, Fraction(0)) + scale * coefficient
    return {index: value for index, value in result.items() if value}


class PatternVariety(Variety):
    """The closure of the tuples (M̃_1, …, M̃_K) a network realises on K activation patterns.

    Coordinates ``m_k_i_j``; with biases column ``n_0`` of block k holds c_k.

    Examples
    --------
    >>> v = PatternVariety(Architecture((3, 2, 3)), [[[0, 1]]])
    >>> v.ambient_dimension, v.dimension().dimension
    (9, 8)
    """

    kind = "pattern"

    def __init__(self, architecture: Architecture, patterns: Sequence[Any]) -> None:
        super().__init__(pattern_parametrisation(architecture, patterns))

    def block_forms(self, block: int) -> FormMatrix:
        return _coordinate_matrix(self.parametrisation.positions[block])


class OutputVariety(Variety):
    """The closure of the outputs Y (``Y[i][j]`` = output i at point j) on one activation region.

    Whether some network gives the data this assignment is decided on construction by exact LPs
    within ``realisability_budget`` (:func:`architectures.realisability.decide_assignment`); a proved
    unrealisable assignment issues a :class:`RealisabilityWarning` and is listed in :attr:`warnings`.
    Pass ``realisability`` when it is known already (e.g. a network that takes these patterns).

    Examples
    --------
    >>> v = OutputVariety(Architecture((2, 2, 1)), [[1, 0], [0, 1], [1, 1]], [0, 0, 0], [[[0]]])
    >>> [f.name for f in v.rank_constraints()]
    ['Y_0 · K_0 = 0']
    >>> v.realisability.realisable, v.warnings
    (True, ())
    """

    kind = "output"

    def __init__(
        self,
        architecture: Architecture,
        data: Any,
        assignment: PatternAssignment | Sequence[int],
        patterns: Sequence[Any] | None = None,
        *,
        realisability: Realisability | None = None,
        realisability_budget: int = DEFAULT_PIVOT_BUDGET,
    ) -> None:
        points = check_data(architecture, data)
        if not isinstance(assignment, PatternAssignment):
            if patterns is None:
                raise InvalidDataError("give the patterns, or a PatternAssignment, with a list of indices")
            assignment = PatternAssignment(as_patterns(patterns, architecture), tuple(assignment))
        super().__init__(output_parametrisation(architecture, points, assignment))
        self.assignment: PatternAssignment = assignment
        if realisability is None:
            realisability = decide_assignment(
                architecture, assignment.patterns, points, assignment.assignment, budget=realisability_budget
            )
        self.realisability: Realisability = realisability
        message = unrealisable_message(realisability)
        self.warnings: tuple[str, ...] = () if message is None else (message,)
        warn_if_unrealisable(realisability)

    @cached_property
    def _block_algebra(self) -> list[tuple[sympy.Matrix, list[int]]]:
        """For each block: the kernel basis of H_k and the pivot columns of H_k."""
        result = []
        for inputs in self.parametrisation.block_inputs:
            matrix = sympy.Matrix(
                inputs.shape[0],
                inputs.shape[1],
                lambda i, j: sympy.Rational(
                    inputs[i, j].numerator,  # type: ignore[attr-defined]
                    inputs[i, j].denominator,  # type: ignore[attr-defined]
                ),
            )
            _, pivots = matrix.rref()
            result.append((matrix, list(pivots)))
        return result

    def output_forms(self, block: int) -> FormMatrix:
        return _coordinate_matrix(self.parametrisation.positions[block])

    def block_forms(self, block: int) -> FormMatrix | None:
        inputs, pivots = self._block_algebra[block]
        if len(pivots) < inputs.rows:
            return None  # the block's points do not span: M̃_k is not determined by Y_k
        inverse = inputs.extract(list(range(inputs.rows)), pivots).inv()
        positions = self.parametrisation.positions[block]
        rows = []
        for i in range(positions.shape[0]):
            row = []
            for j in range(inputs.rows):
                form = {
                    int(positions[i, pivot]): Fraction(int(inverse[t, j].p), int(inverse[t, j].q))
                    for t, pivot in enumerate(pivots)
                    if inverse[t, j] != 0
                }
                row.append(form)
            rows.append(tuple(row))
        return tuple(rows)

    def linear_families(self) -> list[RankFamily]:
        families = []
        for block, (inputs, _) in enumerate(self._block_algebra):
            kernel = inputs.nullspace()
            if not kernel:
                continue
            positions = self.parametrisation.positions[block]
            matrix = tuple(
                tuple(
                    {
                        int(positions[i, c]): Fraction(int(vector[c].p), int(vector[c].q))
                        for c in range(inputs.cols)
                        if vector[c] != 0
                    }
                    for vector in kernel
                )
                for i in range(positions.shape[0])
            )
            families.append(
                RankFamily(
                    f"Y_{block} · K_{block} = 0",
                    f"Y_{block} = M̃_{block} H_{block} and the {len(kernel)} column(s) of K_{block} span the kernel of the "
                    f"block's homogenised data H_{block}: every linear dependency among its points holds for the outputs",
                    matrix,
                    0,
                )
            )
        return families

    @property
    def data(self) -> tuple[tuple[Fraction, ...], ...]:
        """The data points, recovered from the blocks' homogenised inputs."""
        points: dict[int, tuple[Fraction, ...]] = {}
        n_0 = self.architecture.input_width
        for inputs, positions in zip(self.parametrisation.block_inputs, self.parametrisation.positions):
            for column in range(inputs.shape[1]):
                points[int(positions[0, column])] = tuple(inputs[:n_0, column])
        return tuple(points[index] for index in sorted(points))


def variety_from_spec(spec: Spec) -> Variety:
    """The variety a spec describes.

    Examples
    --------
    >>> from architectures import EXAMPLES, load_spec
    >>> variety_from_spec(load_spec(EXAMPLES["three-cubics"])).ambient_dimension
    18
    """
    if spec.variety == "pattern":
        return PatternVariety(spec.architecture, spec.patterns)
    return OutputVariety(
        spec.architecture,
        spec.data,
        spec.assignment,  # type: ignore[arg-type]
        realisability=spec.realisability,
    )
