"""The polynomial map θ ↦ coordinates of a variety, for one activation pattern per block.

Block k of a network realises the affine map M̃_k = [M_k | c_k] = [I 0]·T_L·D̃_{L−1}·T_{L−1}⋯D̃_1·T_1
(T_l = [[W_l, b_l], [0, 1]] with biases, W_l without; D̃_l = diag(1_{S_l}, 1)). Its coordinates are
M̃_k·H_k: H_k the identity for the pattern variety, the block's homogenised data for the output
variety. Evaluation and Jacobians use these matrix products directly (exact over Q, or modulo a
prime in int64), so they stay cheap; the explicit polynomials (python-flint) are built on demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any, Callable, Sequence

import flint
import numpy as np
import sympy

from architectures.architecture import Architecture
from architectures.coordinates import Coordinate, MapEntry, OutputEntry
from architectures.errors import ComputationTooLargeError, InvalidDataError
from architectures.forward import check_data
from architectures.modular import check_prime, matmul_mod, residues
from architectures.patterns import ActivationPattern, PatternAssignment, as_patterns

MatMul = Callable[[np.ndarray, np.ndarray], np.ndarray]

#: The most parameters a symbolic parametrisation (a python-flint ring Q[θ]) is built in.
MAX_SYMBOLIC_PARAMETERS = 100_000

#: The most entries of a modular Jacobian (int64: 8 bytes each, so 1.6 GB).
MAX_JACOBIAN_ENTRIES = 200_000_000

#: Modular products split entries into 16-bit limbs, so inner dimensions stay below 2^16.
MODULAR_WIDTH_LIMIT = 65_536


@dataclass(frozen=True, eq=False)
class Parametrisation:
    """θ ∈ Q^P ↦ Q^N, block by block: block k contributes the entries of M̃_k·H_k.

    Build one with :func:`pattern_parametrisation` or :func:`output_parametrisation`.

    Examples
    --------
    >>> f = pattern_parametrisation(Architecture((1, 2, 1)), [[[0]], [[0, 1]]])
    >>> f.coordinate_names, f.coordinates[1]
    (('m_0_0_0', 'm_1_0_0'), MapEntry(block=1, row=0, column=0))
    >>> [str(p) for p in f.polynomials]
    ['w1_0_0*w2_0_0', 'w1_0_0*w2_0_0 + w1_1_0*w2_0_1']
    >>> f.evaluate([1, 2, 3, 4])
    (Fraction(3, 1), Fraction(11, 1))
    """

    architecture: Architecture
    patterns: tuple[ActivationPattern, ...]
    block_inputs: tuple[np.ndarray, ...]
    """H_k per block: an object array of Fractions, (n_0 + bias) × s_k."""
    positions: tuple[np.ndarray, ...]
    """For each block, the n_L × s_k array of coordinate indices its entries occupy."""
    coordinates: tuple[Coordinate, ...]
    """Each coordinate as a record (:class:`MapEntry` or :class:`OutputEntry`), in order."""
    kind: str = field(default="pattern")

    @cached_property
    def coordinate_names(self) -> tuple[str, ...]:
        """The coordinates' names (``m_k_i_j`` or ``y_i_j``), in order."""
        return tuple(coordinate.name for coordinate in self.coordinates)

    @property
    def ambient_dimension(self) -> int:
        """N, the number of coordinates."""
        return len(self.coordinate_names)

    @property
    def parameter_count(self) -> int:
        return self.architecture.parameter_count

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return self.architecture.parameter_names

    # -- exact and modular evaluation ----------------------------------------------------------
    def evaluate(self, theta: Sequence[Any]) -> tuple[Fraction, ...]:
        """The coordinates at θ, exactly."""
        values = self.architecture.check_parameters(theta)
        matrices = _layer_matrices(self.architecture, np.array(values, dtype=object), exact=True)
        result = np.empty(self.ambient_dimension, dtype=object)
        for block, pattern in enumerate(self.patterns):
            affine = _block_affine(self.architecture, matrices, pattern, np.dot, exact=True)
            result[self.positions[block].ravel()] = affine.dot(self.block_inputs[block]).ravel()
        return tuple(Fraction(value) for value in result)

    def evaluate_mod(self, theta: np.ndarray, prime: int) -> np.ndarray:
        """The coordinates modulo ``prime`` at θ given as int64 residues (see :func:`residues`)."""
        theta = self._check_residues(theta, prime)
        matrices = _layer_matrices(self.architecture, theta, exact=False)
        result = np.empty(self.ambient_dimension, dtype=np.int64)
        multiply = _modular_product(prime)
        for block, pattern in enumerate(self.patterns):
            affine = _block_affine(self.architecture, matrices, pattern, multiply, exact=False)
            result[self.positions[block].ravel()] = multiply(affine, self._inputs_mod(prime)[block]).ravel()
        return result

    def jacobian(self, theta: Sequence[Any]) -> flint.fmpq_mat:
        """The exact N × P Jacobian at θ over Q."""
        values = self.architecture.check_parameters(theta)
        matrix = self._jacobian(np.array(values, dtype=object), np.dot, self.block_inputs, None)
        rows, columns = matrix.shape
        return flint.fmpq_mat(
            rows, columns, [flint.fmpq(v.numerator, v.denominator) for v in (Fraction(x) for x in matrix.ravel())]
        )

    def jacobian_mod(self, theta: np.ndarray, prime: int) -> np.ndarray:
        """The N × P Jacobian modulo ``prime`` at θ given as int64 residues."""
        widest = max(self.architecture.widths)
        if widest >= MODULAR_WIDTH_LIMIT:
            raise ComputationTooLargeError(
                f"a layer of width {widest} in {self.architecture.widths}: exact modular Jacobians support widths "
                f"below {MODULAR_WIDTH_LIMIT}; use a smaller architecture"
            )
        entries = self.ambient_dimension * self.parameter_count
        if entries > MAX_JACOBIAN_ENTRIES:
            raise ComputationTooLargeError(
                f"the Jacobian of {self.architecture.widths} is {self.ambient_dimension} × {self.parameter_count} "
                f"= {entries} entries, more than the {MAX_JACOBIAN_ENTRIES} held in memory; use fewer blocks or "
                "data points, or smaller widths"
            )
        theta = self._check_residues(theta, prime)
        return self._jacobian(theta, _modular_product(prime), self._inputs_mod(prime), prime)

    def _jacobian(
        self, theta: np.ndarray, multiply: MatMul, inputs: Sequence[np.ndarray], prime: int | None
    ) -> np.ndarray:
        architecture = self.architecture
        exact = prime is None
        matrices = _layer_matrices(architecture, theta, exact=exact)
        jacobian = np.zeros((self.ambient_dimension, architecture.parameter_count), dtype=object if exact else np.int64)
        bias = 1 if architecture.bias else 0
        for block, pattern in enumerate(self.patterns):
            rows = self.positions[block].ravel()
            for layer, left, right in _chains(architecture, matrices, pattern, multiply, exact):
                fan_in, width = architecture.widths[layer - 1], architecture.widths[layer]
                through = multiply(right, inputs[block])  # (n_{l−1} + bias) × s_k
                # outer[i, c, a, b] = Left[i, a] · (Right H)[b, c] = ∂(M̃ H)[i, c] / ∂T_l[a, b]
                outer = left[:, None, :width, None] * through.T[None, :, None, :]
                if prime is not None:
                    outer %= prime
                layer_slice = architecture.layer_slice(layer)
                weights = outer[..., :fan_in].reshape(len(rows), width * fan_in)
                start = layer_slice.start
                jacobian[rows, start : start + width * fan_in] = weights
                if bias:
                    jacobian[rows, start + width * fan_in : layer_slice.stop] = outer[..., fan_in].reshape(
                        len(rows), width
                    )
        return jacobian

    def _check_residues(self, theta: np.ndarray, prime: int) -> np.ndarray:
        check_prime(prime)
        theta = np.asarray(theta, dtype=np.int64)
        if theta.shape != (self.parameter_count,):
            raise InvalidDataError(f"θ must hold {self.parameter_count} residues, got an array of shape {theta.shape}")
        return theta % prime

    def _inputs_mod(self, prime: int) -> tuple[np.ndarray, ...]:
        cache = self.__dict__.setdefault("_inputs_mod_cache", {})
        if prime not in cache:
            cache[prime] = tuple(residues(h.ravel(), prime).reshape(h.shape) for h in self.block_inputs)
        return cache[prime]

    # -- polynomials ---------------------------------------------------------------------------
    @cached_property
    def context(self) -> flint.fmpq_mpoly_ctx:
        """The python-flint polynomial ring Q[θ] with the architecture's parameter names."""
        if self.parameter_count > MAX_SYMBOLIC_PARAMETERS:
            raise ComputationTooLargeError(
                f"the polynomials of {self.architecture.widths} need a ring in {self.parameter_count} parameters, "
                f"more than the {MAX_SYMBOLIC_PARAMETERS} symbolic work allows; use the numeric routes "
                "(dimension, identifiability --route batch) or a smaller architecture"
            )
        return flint.fmpq_mpoly_ctx.get(self.parameter_names, "lex")

    @cached_property
    def polynomials(self) -> tuple[flint.fmpq_mpoly, ...]:
        """The N coordinate polynomials in Q[θ] (python-flint)."""
        generators = np.empty(self.parameter_count, dtype=object)
        generators[:] = list(self.context.gens())
        zero = self.context.from_dict({})
        matrices = _layer_matrices(self.architecture, generators, exact=True, zero=zero, one=zero + 1)
        result = np.empty(self.ambient_dimension, dtype=object)
        for block, pattern in enumerate(self.patterns):
            affine = _block_affine(self.architecture, matrices, pattern, _poly_product, exact=True)
            inputs = np.vectorize(lambda v: flint.fmpq(v.numerator, v.denominator), otypes=[object])(
                self.block_inputs[block]
            )
            result[self.positions[block].ravel()] = _poly_product(affine, inputs).ravel()
        return tuple(result)

    def to_sympy(self) -> list[sympy.Expr]:
        """The coordinate polynomials as sympy expressions in the parameter names."""
        symbols = sympy.symbols(self.parameter_names)
        return [sympy.sympify(str(p), locals=dict(zip(self.parameter_names, symbols))) for p in self.polynomials]

    def __repr__(self) -> str:
        return (
            f"Parametrisation({self.kind}, {self.architecture}, {len(self.patterns)} block(s), "
            f"P={self.parameter_count} → N={self.ambient_dimension})"
        )


def _poly_product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    rows, inner = left.shape
    columns = right.shape[1]
    result = np.empty((rows, columns), dtype=object)
    for i in range(rows):
        for j in range(columns):
            total = 0 * left[i, 0] if inner else 0
            for t in range(inner):
                if right[t, j] != 0 and left[i, t] != 0:
                    total = total + left[i, t] * right[t, j]
            result[i, j] = total
    return result


def _filled(shape: tuple[int, int], value: Any) -> np.ndarray:
    # np.full would try to iterate python-flint polynomials; fill entry by entry instead.
    array = np.empty(shape, dtype=object)
    for index in np.ndindex(*shape):
        array[index] = value
    return array


def _modular_product(prime: int) -> MatMul:
    return lambda left, right: matmul_mod(left, right, prime)


def _layer_matrices(
    architecture: Architecture, theta: np.ndarray, *, exact: bool, zero: Any = None, one: Any = None
) -> list[np.ndarray]:
    """The augmented layer matrices T_1 … T_L from θ (object arrays when exact, int64 otherwise)."""
    bias = 1 if architecture.bias else 0
    zero = (Fraction(0) if exact else 0) if zero is None else zero
    one = (Fraction(1) if exact else 1) if one is None else one
    matrices = []
    for layer in range(1, architecture.depth + 1):
        rows, columns = architecture.widths[layer], architecture.widths[layer - 1]
        chunk = theta[architecture.layer_slice(layer)]
        matrix = (
            _filled((rows + bias, columns + bias), zero)
            if exact
            else np.zeros((rows + bias, columns + bias), dtype=np.int64)
        )
        matrix[:rows, :columns] = np.asarray(chunk[: rows * columns]).reshape(rows, columns)
        if bias:
            matrix[:rows, columns] = chunk[rows * columns :]
            matrix[rows, columns] = one
        matrices.append(matrix)
    return matrices


def _masks(architecture: Architecture, pattern: ActivationPattern) -> list[np.ndarray]:
    """D̃_1 … D̃_{L−1} as 0/1 vectors (with a trailing 1 for the homogenising coordinate)."""
    bias = [1] if architecture.bias else []
    return [np.array(list(row) + bias, dtype=np.int64) for row in pattern.indicator(architecture)]


def _identity(size: int, exact: bool, like: np.ndarray) -> np.ndarray:
    if exact:
        zero = 0 * like.flat[0] if like.size else Fraction(0)
        identity = _filled((size, size), zero)
        for i in range(size):
            identity[i, i] = zero + 1
        return identity
    return np.eye(size, dtype=np.int64)


def _output_projection(architecture: Architecture, like: np.ndarray, exact: bool) -> np.ndarray:
    width = architecture.output_width
    bias = 1 if architecture.bias else 0
    return _identity(width + bias, exact, like)[:width, :]


def _chains(
    architecture: Architecture, matrices: list[np.ndarray], pattern: ActivationPattern, multiply: MatMul, exact: bool
) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """For each layer l: (l, Left_l, Right_l) with M̃ = Left_l · T_l · Right_l.

    Left_l = [I 0]·T_L·D̃_{L−1}⋯T_{l+1}·D̃_l (n_L × (n_l + bias)),
    Right_l = D̃_{l−1}·T_{l−1}⋯D̃_1·T_1 ((n_{l−1} + bias) × (n_0 + bias)).
    """
    masks = _masks(architecture, pattern)
    depth = architecture.depth
    rights = [_identity(matrices[0].shape[1], exact, matrices[0])]
    for layer in range(1, depth):
        rights.append(masks[layer - 1][:, None] * multiply(matrices[layer - 1], rights[-1]))
    lefts = [_output_projection(architecture, matrices[-1], exact)]
    for layer in range(depth - 1, 0, -1):
        lefts.append(multiply(lefts[-1], matrices[layer]) * masks[layer - 1][None, :])
    lefts.reverse()
    return [(layer, lefts[layer - 1], rights[layer - 1]) for layer in range(1, depth + 1)]


def _block_affine(
    architecture: Architecture, matrices: list[np.ndarray], pattern: ActivationPattern, multiply: MatMul, exact: bool
) -> np.ndarray:
    """M̃ = [M | c] of one block, n_L × (n_0 + bias)."""
    masks = _masks(architecture, pattern)
    product = matrices[0]
    for layer in range(2, architecture.depth + 1):
        product = multiply(matrices[layer - 1], masks[layer - 2][:, None] * product)
    return product[: architecture.output_width, :]


def _identity_inputs(architecture: Architecture) -> np.ndarray:
    size = architecture.input_width + (1 if architecture.bias else 0)
    return _identity(size, True, np.array([Fraction(0)], dtype=object))


def pattern_parametrisation(architecture: Architecture, patterns: Sequence[Any]) -> Parametrisation:
    """The pattern variety's map θ ↦ (M̃_1, …, M̃_K), coordinates ``m_k_i_j``.

    With biases column ``n_0`` of each block holds the constant term c_k.

    Examples
    --------
    >>> f = pattern_parametrisation(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    >>> f.ambient_dimension, f.parameter_count
    (18, 18)
    """
    patterns = as_patterns(patterns, architecture)
    columns = architecture.input_width + (1 if architecture.bias else 0)
    rows = architecture.output_width
    block_size = rows * columns
    positions = tuple(
        np.arange(block * block_size, (block + 1) * block_size).reshape(rows, columns) for block in range(len(patterns))
    )
    coordinates = tuple(MapEntry(k, i, j) for k in range(len(patterns)) for i in range(rows) for j in range(columns))
    identity = _identity_inputs(architecture)
    return Parametrisation(architecture, patterns, (identity,) * len(patterns), positions, coordinates, "pattern")


def homogenised_block(architecture: Architecture, points: Sequence[Sequence[Fraction]]) -> np.ndarray:
    """The (n_0 + bias) × s matrix whose columns are the points (with a final 1 when biases are on)."""
    extra = [Fraction(1)] if architecture.bias else []
    return np.array([list(point) + extra for point in points], dtype=object).T.reshape(
        architecture.input_width + len(extra), len(points)
    )


def output_parametrisation(
    architecture: Architecture,
    data: Any,
    assignment: PatternAssignment | Sequence[int],
    patterns: Sequence[Any] | None = None,
) -> Parametrisation:
    """The output variety's map θ ↦ Y, ``Y[i][j]`` = output i at point j, coordinates ``y_i_j``.

    ``assignment`` is a :class:`PatternAssignment`, or a list of pattern indices with ``patterns``.

    Examples
    --------
    >>> arch = Architecture((1, 2, 1))
    >>> f = output_parametrisation(arch, [[1], [2]], [0, 1], patterns=[[[0]], [[1]]])
    >>> [str(p) for p in f.polynomials]
    ['w1_0_0*w2_0_0', '2*w1_1_0*w2_0_1']
    """
    points = check_data(architecture, data)
    if not isinstance(assignment, PatternAssignment):
        if patterns is None:
            raise InvalidDataError("give the patterns, or a PatternAssignment, with a list of indices")
        assignment = PatternAssignment(as_patterns(patterns, architecture), tuple(assignment))
    assignment.check(architecture, len(points))
    rows, count = architecture.output_width, len(points)
    inputs = []
    positions = []
    for block_points in assignment.blocks:
        inputs.append(homogenised_block(architecture, [points[j] for j in block_points]))
        positions.append(
            np.array([[i * count + j for j in block_points] for i in range(rows)], dtype=np.int64).reshape(
                rows, len(block_points)
            )
        )
    coordinates = tuple(OutputEntry(i, j) for i in range(rows) for j in range(count))
    return Parametrisation(architecture, assignment.patterns, tuple(inputs), tuple(positions), coordinates, "output")
