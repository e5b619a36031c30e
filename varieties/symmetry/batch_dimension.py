"""Functional dimension of a large network from the Jacobian at a batch of inputs, ranked modulo a prime.

For a ReLU network the outputs at an input x with activation pattern fixed are multilinear in the
parameters: ∂out/∂W_l = U_l ⊗ h_{l−1} and ∂out/∂b_l = U_l, where h_{l−1} are the layer's input
activations and U_l = W_L D_{L−1} ⋯ W_{l+1} D_l is the linear map from the layer's pre-activations
to the outputs (D_k the 0/1 diagonal of the active neurons). The whole batch's Jacobian is built with
numpy, vectorised over the inputs, as residues modulo a random prime below 2^31 (θ's fractions a/b
map to a·b^{-1} mod p, so the matrix is the exact rational Jacobian reduced modulo p), and ranked modulo
a random prime below 2^21 by blocked elimination in float64 (``architectures.blocked_rank``: BLAS
products that stay exact); an uncertified final batch is also ranked modulo a random 31-bit prime by
python-flint's ``nmod_mat``, which gives the stated error probability. Integer inputs keep everything exact; the activation patterns come from a
float forward pass whose rounding error is bounded, inputs too close to a bend being dropped.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from architectures.blocked_rank import random_blocked_prime, rank_mod_blocked
from architectures.errors import ComputationTooLargeError, InvalidDataError, PrimeTooSmallError
from architectures.keywords import Progress, resolve_prime
from architectures.modular import matmul_mod, rank_mod, residues
from architectures.network_file import Network
from architectures.parametrisation import MAX_JACOBIAN_ENTRIES
from architectures.patterns import ActivationPattern

#: The batch starts with this many times P / n_L inputs (each input gives n_L Jacobian rows).
BATCH_OVERSAMPLING = 1.2
#: Inputs are dyadic points m / INPUT_DENOMINATOR (exact in float64 and modulo an odd prime) at
#: scales log-uniform in [1 / 64, INPUT_BOUND]: the bends of deeper layers lie at every scale.
INPUT_BOUND = 1000
INPUT_DENOMINATOR = 2**12
_EPS = np.finfo(np.float64).eps


@dataclass(frozen=True)
class BatchDimension:
    """Rank of the batch Jacobian modulo ``prime``, the proved upper bound and what the rank proves.

    ``certified`` is True when the rank meets ``upper_bound`` = P − (dimension of the rescaling
    orbit): then it is the functional dimension, proved (the rank modulo p never exceeds the rank
    over Q, which never exceeds the bound). Otherwise ``rank`` is the rank modulo p of the Jacobian at
    ``inputs`` inputs: a lower bound for the functional dimension that is wrong, as the rank over Q of
    this matrix, with probability at most ``error_bound`` over the choice of the prime.
    """

    rank: int
    parameter_count: int
    upper_bound: int
    inputs: int
    rounds: int
    prime: int
    certified: bool
    error_bound: float
    stopped: str

    @property
    def proved(self) -> str:
        """One sentence saying what the rank proves."""
        if self.certified:
            return (
                f"certified: the rank modulo p = {self.prime} at {self.inputs} inputs reaches the upper "
                "bound P − orbit dimension"
            )
        return (
            f"lower bound: rank modulo p = {self.prime} at {self.inputs} inputs, {self.stopped}; the functional "
            "dimension may be larger"
        )


def orbit_dimension_fast(network: Network, prime: int) -> int:
    """Dimension of θ's rescaling orbit, exact: modulo ``prime`` first, over Q only if that is not full.

    The rank modulo p is at most the rational rank, which is at most the number of hidden neurons, so a
    full rank modulo p is the exact answer; the rational rank is computed only in the degenerate case.

    Examples
    --------
    >>> orbit_dimension_fast(Network.from_weights([[[1], [0]], [[1, 0]]]), 2147483647)
    1
    """
    from varieties.symmetry.identifiability import orbit_dimension

    architecture = network.architecture
    hidden = sum(architecture.hidden_widths)
    if hidden == 0:
        return 0
    if hidden * architecture.parameter_count > MAX_JACOBIAN_ENTRIES:
        raise ComputationTooLargeError(
            f"the rescaling orbit of {architecture} needs a {hidden} × {architecture.parameter_count} matrix, more "
            f"than the {MAX_JACOBIAN_ENTRIES} entries allowed; study a network with fewer hidden neurons"
        )
    fields = np.zeros((hidden, architecture.parameter_count), dtype=np.int64)
    theta = residues(network.theta, prime)
    offset, row = 0, 0
    widths = architecture.widths
    starts = []
    for layer in range(1, architecture.depth + 1):
        starts.append(offset)
        offset += widths[layer] * widths[layer - 1] + (widths[layer] if architecture.bias else 0)
    for layer in range(1, architecture.depth):
        before, width, after = widths[layer - 1], widths[layer], widths[layer + 1]
        start, following = starts[layer - 1], starts[layer]
        for neuron in range(width):
            incoming = np.arange(start + neuron * before, start + (neuron + 1) * before)
            fields[row, incoming] = theta[incoming]
            if architecture.bias:
                bias = start + width * before + neuron
                fields[row, bias] = theta[bias]
            outgoing = following + np.arange(after) * width + neuron
            fields[row, outgoing] = (prime - theta[outgoing]) % prime
            row += 1
    # the same vectors as varieties.symmetry.symmetries.symmetry_vector_fields, built as residues in bulk
    rank = rank_mod(fields, prime)
    return rank if rank == hidden else orbit_dimension(network)


def _float_layers(network: Network) -> list[tuple[np.ndarray, np.ndarray]]:
    return [
        (
            np.array([[float(x) for x in row] for row in w], dtype=np.float64).reshape(len(w), -1),
            np.array([float(x) for x in b], dtype=np.float64),
        )
        for w, b in network.layers()
    ]


def _modular_layers(network: Network, prime: int) -> list[tuple[np.ndarray, np.ndarray]]:
    try:
        theta = residues(network.theta, prime)
    except PrimeTooSmallError:
        raise PrimeTooSmallError(f"a denominator of θ is divisible by {prime}; choose another prime or seed") from None
    architecture, layers, offset = network.architecture, [], 0
    for layer in range(1, architecture.depth + 1):
        rows, columns = architecture.widths[layer], architecture.widths[layer - 1]
        weight = theta[offset : offset + rows * columns].reshape(rows, columns)
        offset += rows * columns
        bias = np.zeros(rows, dtype=np.int64)
        if architecture.bias:
            bias = theta[offset : offset + rows]
            offset += rows
        layers.append((weight, bias))
    return layers


def activation_masks(network: Network, inputs: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Active-neuron masks of each hidden layer at inputs exact in float64, and which are certainly decided.

    A float64 forward pass with a running bound on its rounding error (each dot product of length n
    errs by at most ``(n + 2)·ε·(|W|·|h| + |b|)``, and ReLU is 1-Lipschitz, so earlier errors pass through
    ``|W|``); an input is kept only if every pre-activation exceeds its error bound in absolute value, so
    the masks of kept inputs are exact (as are the signs).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> masks, kept = activation_masks(net, np.array([[2], [0], [-3]]))
    >>> masks[0][kept].tolist(), kept.tolist()
    ([[True, False], [False, True]], [True, False, True])
    """
    layers = _float_layers(network)
    h = inputs.astype(np.float64)
    error = np.zeros_like(h)
    kept = np.ones(len(inputs), dtype=bool)
    masks = []
    for weight, bias in layers[:-1]:
        magnitude = np.abs(h) @ np.abs(weight).T + np.abs(bias)
        # (n + 2)ε covers the dot product and the rounding of θ to float (relative ε per entry)
        error = error @ np.abs(weight).T + (weight.shape[1] + 3) * _EPS * magnitude * 1.01
        z = h @ weight.T + bias
        kept &= np.all(np.abs(z) > error, axis=1)
        active = z > 0
        masks.append(active)
        h = np.where(active, z, 0.0)
        error = np.where(active, error, 0.0)
    return masks, kept


def batch_jacobian(
    layers: list[tuple[np.ndarray, np.ndarray]],
    inputs: np.ndarray,
    masks: list[np.ndarray],
    *,
    bias: bool,
    modulus: int | None,
) -> np.ndarray:
    """∂(outputs)/∂θ at every input: rows (input, output) in order, columns in θ's order.

    ``modulus=None`` computes in float64 (``layers`` and ``inputs`` float), otherwise in residues modulo
    the prime ``modulus`` (``layers`` and ``inputs`` residues).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[2, 3]]], [[0, 0], [1]])
    >>> masks, _ = activation_masks(net, np.array([[5]]))
    >>> batch_jacobian(_float_layers(net), np.array([[5]]), masks, bias=True, modulus=None).tolist()
    [[10.0, 0.0, 2.0, 0.0, 5.0, 0.0, 1.0]]
    """

    def multiply(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return left @ right if modulus is None else matmul_mod(left, right, modulus)

    def reduce(values: np.ndarray) -> np.ndarray:
        return values if modulus is None else values % modulus

    count, outputs = len(inputs), layers[-1][0].shape[0]
    dtype = np.float64 if modulus is None else np.int64
    activations = [reduce(inputs.astype(dtype))]
    for (weight, b), active in zip(layers[:-1], masks):
        z = reduce(multiply(activations[-1], weight.T) + b)
        activations.append(np.where(active, z, 0).astype(dtype))
    blocks: list[np.ndarray] = []
    upstream = np.broadcast_to(np.eye(outputs, dtype=dtype), (count, outputs, outputs))  # ∂out/∂z_L
    for layer in range(len(layers) - 1, -1, -1):
        h = activations[layer]
        weights = reduce(upstream[:, :, :, None] * h[:, None, None, :])  # entries below 2^62 modulo p
        layer_blocks = [weights.reshape(count * outputs, -1)]
        if bias:
            layer_blocks.append(np.ascontiguousarray(upstream).reshape(count * outputs, -1))
        blocks = layer_blocks + blocks
        if layer:
            flat = multiply(np.ascontiguousarray(upstream).reshape(count * outputs, -1), layers[layer][0])
            upstream = flat.reshape(count, outputs, -1) * masks[layer - 1][:, None, :].astype(dtype)
    return np.concatenate(blocks, axis=1)


def _error_bound(network: Network, jacobian_float: np.ndarray, size: int) -> float:
    """Chance over the random prime that p divides every non-zero size-minor of the rational Jacobian.

    Every entry is a product of at most L entries of θ and an input m / 2^12, so 2^12·D^L·J is an
    integer matrix (D the lcm of θ's denominators); Hadamard's inequality bounds its minors by the product of
    the largest row norms, and a random prime from [2^30, 2^31) divides such a minor with probability at
    most (number of prime factors ≥ 2^30) / (number of primes there).
    """
    from varieties.symmetry.identifiability import PRIMES_IN_RANGE

    denominators = 1
    for value in network.theta:
        denominators = math.lcm(denominators, value.denominator)
    scale = network.architecture.depth * math.log2(denominators) + math.log2(INPUT_DENOMINATOR)
    norms = np.linalg.norm(jacobian_float, axis=1)
    logs = np.sort(np.log2(norms[norms > 0]) + scale + 1)[::-1]  # +1 bit covers float rounding
    bits = float(np.sum(np.maximum(logs[:size], 0)))
    return min(1.0, math.ceil(bits / 30) / PRIMES_IN_RANGE)


def batch_functional_dimension(
    network: Network,
    *,
    seed: int = 0,
    prime: int | None = None,
    timeout: float | None = None,
    start: int | None = None,
    progress: Progress | None = None,
) -> BatchDimension:
    """Functional dimension of θ from the Jacobian at growing batches of random integer inputs, modulo p.

    The functional dimension is the largest rank of ∂(outputs)/∂θ over input sets. The batch starts
    with ``start`` inputs (default ⌈1.2·P / n_L⌉) and doubles until the rank modulo the random prime
    (drawn with ``seed`` from [2^30, 2^31) unless given) meets the proved upper bound P − orbit
    dimension, or has not grown for two rounds, or ``timeout`` seconds have passed. ``progress`` hears
    the rank reached after each round.

    Examples
    --------
    >>> net = Network.from_weights([[[1, 2], [-1, 1], [3, -1]], [[1, -2, 1]]], [[1, 0, -1], [0]])
    >>> result = batch_functional_dimension(net)
    >>> result.rank, result.upper_bound, result.certified
    (10, 10, True)
    """

    architecture = network.architecture
    if timeout is not None and timeout <= 0:
        raise InvalidDataError(f"timeout must be a positive number of seconds, got {timeout!r}")
    prime = resolve_prime(prime, seed)
    began = time.monotonic()
    count = architecture.parameter_count
    bound = count - orbit_dimension_fast(network, prime)
    layers = _modular_layers(network, prime)
    fast_prime, fast_layers = _blocked_prime_layers(network, seed)
    rng = np.random.default_rng(seed)
    outputs = architecture.widths[-1]
    size = start if start is not None else max(1, math.ceil(BATCH_OVERSAMPLING * count / outputs))
    inputs = np.zeros((0, architecture.input_width), dtype=np.int64)
    kept_masks: list[np.ndarray] = [np.zeros((0, w), dtype=bool) for w in architecture.hidden_widths]
    history: list[int] = []
    rank, rounds, stopped = 0, 0, ""
    while True:
        fresh = random_inputs(rng, size - len(inputs), architecture.input_width)
        masks, kept = activation_masks(network, fresh / INPUT_DENOMINATOR)
        inputs = np.concatenate([inputs, fresh[kept]])
        kept_masks = [np.concatenate([old, new[kept]]) for old, new in zip(kept_masks, masks)]
        # Each round ranks the Jacobian modulo a prime below 2^21 by blocked elimination in float64
        # (fast, and a proved lower bound whatever the prime); the 31-bit prime is used only for the
        # final rank of an uncertified run, whose error probability it states.
        jacobian = batch_jacobian(
            fast_layers, _residue_inputs(inputs, fast_prime), kept_masks, bias=architecture.bias, modulus=fast_prime
        )
        rank = rank_mod_blocked(jacobian, fast_prime)
        del jacobian
        rounds += 1
        history.append(rank)
        if progress is not None:
            progress(f"rank {rank} of at most {bound} at {len(inputs)} inputs")
        if rank >= bound:
            break
        if len(history) >= 3 and history[-1] == history[-3]:
            stopped = f"the rank stopped growing for two rounds (last batch {len(inputs)} inputs)"
            break
        if timeout is not None and time.monotonic() - began > timeout:
            stopped = f"the time limit of {timeout} s was reached"
            break
        size *= 2
    certified = rank == bound
    error = 0.0
    if certified:
        prime = fast_prime
    else:
        jacobian = batch_jacobian(
            layers, _residue_inputs(inputs, prime), kept_masks, bias=architecture.bias, modulus=prime
        )
        rank = rank_mod(jacobian, prime)  # the rank whose error probability is stated below
        certified = rank == bound
    if not certified:
        float_jacobian = batch_jacobian(
            _float_layers(network), inputs / INPUT_DENOMINATOR, kept_masks, bias=architecture.bias, modulus=None
        )
        error = _error_bound(network, float_jacobian, rank + 1)
    return BatchDimension(rank, count, bound, len(inputs), rounds, prime, certified, error, stopped)


def _residue_inputs(numerators: np.ndarray, prime: int) -> np.ndarray:
    """m / 2^12 ↦ m · (2^12)^{-1} mod p (products below 2^53)."""
    return (numerators % prime) * pow(INPUT_DENOMINATOR, -1, prime) % prime


def _blocked_prime_layers(network: Network, seed: int) -> tuple[int, list[tuple[np.ndarray, np.ndarray]]]:
    """A prime below 2^21 for :func:`rank_mod_blocked` that divides no denominator of θ, and θ's layers modulo it."""
    for attempt in range(64):
        prime = random_blocked_prime(seed + attempt)
        try:
            return prime, _modular_layers(network, prime)
        except PrimeTooSmallError:
            continue
    raise PrimeTooSmallError("64 primes below 2^21 all divide a denominator of θ; give θ with smaller denominators")


def random_inputs(rng: np.random.Generator, count: int, width: int) -> np.ndarray:
    """Numerators of ``count`` inputs over :data:`INPUT_DENOMINATOR`, each uniform in a cube [−s, s]^width.

    Examples
    --------
    >>> points = random_inputs(np.random.default_rng(0), 4, 3)
    >>> points.shape, bool(np.abs(points).max() <= INPUT_BOUND * INPUT_DENOMINATOR)
    ((4, 3), True)
    """
    scales = np.exp(rng.uniform(math.log(1 / 64), math.log(INPUT_BOUND), size=(count, 1))) * INPUT_DENOMINATOR
    return np.rint(rng.uniform(-1, 1, size=(count, width)) * scales).astype(np.int64)


def sampled_patterns(network: Network, inputs: int, *, seed: int = 0) -> list[ActivationPattern]:
    """The distinct activation patterns of ``inputs`` random integer inputs (as the batch route draws them).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> len(sampled_patterns(net, 50))
    2
    """
    architecture = network.architecture
    rng = np.random.default_rng(seed)
    points = random_inputs(rng, inputs, architecture.input_width)
    masks, kept = activation_masks(network, points / INPUT_DENOMINATOR)
    rows = np.concatenate(masks, axis=1)[kept] if masks else np.zeros((int(kept.sum()), 0), dtype=bool)
    unique = np.unique(rows, axis=0) if len(rows) else rows
    patterns = []
    for row in unique:
        active, offset = [], 0
        for width in architecture.hidden_widths:
            active.append(tuple(int(n) for n in np.flatnonzero(row[offset : offset + width])))
            offset += width
        patterns.append(ActivationPattern(tuple(active)))
    return patterns


__all__ = [
    "BatchDimension",
    "activation_masks",
    "batch_functional_dimension",
    "batch_jacobian",
    "orbit_dimension_fast",
    "random_inputs",
    "sampled_patterns",
]
