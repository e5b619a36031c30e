"""Functional dimension, fibre dimension and identifiability of a network up to its symmetries.

Ranks the Jacobian of the outputs with respect to θ (parametrisations of ``architectures``) on every
activation region or on a data set, compares the fibre with the rescaling orbit and explains excess.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import flint
import numpy as np

from architectures.errors import InvalidDataError, PrimeTooSmallError
from architectures.forward import check_data, forward_pass
from architectures.keywords import resolve_prime
from architectures.modular import rank_mod, residues
from architectures.network_file import Network
from architectures.parametrisation import output_parametrisation, pattern_parametrisation
from architectures.patterns import ActivationPattern, PatternAssignment
from varieties.symmetry.regions import MAX_REGIONS, activation_regions
from varieties.symmetry.symmetries import positive_ratio, symmetry_dimension, symmetry_vector_fields

#: ``method="auto"`` ranks over Q up to this many parameters, modulo a prime above.
AUTO_EXACT_PARAMETERS = 150
#: ``route="auto"`` enumerates activation regions up to this many parameters, samples a batch above.
AUTO_REGION_PARAMETERS = 60
#: Number of primes in [2^30, 2^31), the range random primes are drawn from.
PRIMES_IN_RANGE = 50_697_537


@dataclass(frozen=True)
class FunctionalDimension:
    """The rank of the Jacobian of the outputs with respect to θ, and how it was obtained.

    ``route`` is ``"regions"`` (the affine pieces on every activation region: the functional
    dimension on all inputs), ``"batch"`` (random inputs, see ``varieties.symmetry.batch_dimension``) or
    ``"data"`` (the outputs on a given data set). ``upper_bound`` is
    P − (dimension of the rescaling orbit), proved because the rescaling directions lie in the kernel.
    """

    rank: int
    parameter_count: int
    upper_bound: int
    route: str
    method: str
    prime: int | None
    error_bound: float
    proved: str
    regions: int | None = None
    """How many activation regions the regions route visited."""
    inputs: int | None = None
    """How many inputs the batch route used."""

    @property
    def fibre_dimension(self) -> int:
        """P − functional dimension: the dimension of the set of parameters giving the same function."""
        return self.parameter_count - self.rank


def _jacobian_parametrisation(network: Network, data: Any, max_regions: int):
    architecture = network.architecture
    if data is None:
        patterns = [region.patterns[0] for region in activation_regions(network, max_regions=max_regions)]
        return pattern_parametrisation(architecture, patterns), patterns
    points = check_data(architecture, data)
    forward = forward_pass(architecture, network.theta, points)
    assignment = PatternAssignment.from_point_patterns(forward.patterns)
    return output_parametrisation(architecture, points, assignment), list(assignment.patterns)


def _rational_matrix(rows: Sequence[Sequence[Fraction]], columns: int) -> flint.fmpq_mat:
    return flint.fmpq_mat(len(rows), columns, [flint.fmpq(v.numerator, v.denominator) for row in rows for v in row])


def orbit_dimension(network: Network) -> int:
    """Dimension of θ's orbit under positive rescalings: the rank of the rescaling directions.

    Examples
    --------
    >>> orbit_dimension(Network.from_weights([[[1], [0]], [[1, 0]]]))   # neuron 1 has no weights
    1
    """
    fields = symmetry_vector_fields(network.architecture, network.theta)
    if not fields:
        return 0
    return _rational_matrix(fields, network.architecture.parameter_count).rank()


def functional_dimension(
    network: Network,
    data: Any = None,
    *,
    method: str = "auto",
    prime: int | None = None,
    seed: int = 0,
    max_regions: int = MAX_REGIONS,
) -> FunctionalDimension:
    """Rank of ∂(outputs)/∂θ at θ, over all activation regions (``data=None``) or on a data set.

    ``method="exact"`` ranks the Jacobian over Q (a proof); ``"auto"`` does so up to
    :data:`AUTO_EXACT_PARAMETERS` parameters and goes modular above. ``method="modular"`` ranks it modulo
    ``prime`` (default: drawn from [2^30, 2^31) with ``seed``): always a proven lower bound; equal to
    the rational rank when it reaches the proven upper bound P − orbit dimension, and otherwise
    wrong with probability at most ``error_bound`` (the chance that a random prime of the range
    divides a fixed non-zero minor, bounded by Hadamard's inequality; the bound presumes the default
    random prime, not one chosen by the caller).

    On the data route, each point contributes the derivative of its own affine piece (a point on a
    region boundary gets the piece of its strict pattern, a one-sided derivative).

    Examples
    --------
    >>> net = Network.from_weights([[[1, 2], [-1, 1], [3, -1]], [[1, -2, 1]]])
    >>> result = functional_dimension(net)
    >>> result.rank, result.parameter_count, result.fibre_dimension, result.upper_bound
    (6, 9, 3, 6)
    >>> data = [[1, 1], [-1, 2], [2, -1], [-3, -1], [1, -3], [0, 1], [2, 5], [-4, 3]]
    >>> functional_dimension(net, data=data, method="modular").rank
    6
    """
    _check_method(method)
    parametrisation, _ = _jacobian_parametrisation(network, data, max_regions)
    return _rank(network, parametrisation, "regions" if data is None else "data", method, prime, seed)


def _check_method(method: str) -> None:
    if method not in ("exact", "modular", "auto"):
        raise InvalidDataError(f"method must be 'exact', 'modular' or 'auto', got {method!r}")


def _rank(
    network: Network, parametrisation, route: str, method: str, prime: int | None, seed: int
) -> FunctionalDimension:
    architecture = network.architecture
    count = architecture.parameter_count
    bound = count - orbit_dimension(network)
    if method == "auto":
        method = "exact" if architecture.parameter_count <= AUTO_EXACT_PARAMETERS else "modular"
    if method == "exact":
        rank = parametrisation.jacobian(network.theta).rank()
        return FunctionalDimension(rank, count, bound, route, method, None, 0.0, "exact rank of the Jacobian over Q")
    prime = resolve_prime(prime, seed)
    try:
        theta = residues(network.theta, prime)
    except PrimeTooSmallError:
        raise PrimeTooSmallError(f"a denominator of θ is divisible by {prime}; choose another prime or seed") from None
    rank = rank_mod(parametrisation.jacobian_mod(theta, prime), prime)
    if rank == bound:
        return FunctionalDimension(
            rank,
            count,
            bound,
            route,
            method,
            prime,
            0.0,
            "the rank modulo p (a lower bound) meets the upper bound P − orbit dimension",
        )
    bits = _hadamard_bits(parametrisation.jacobian(network.theta), rank + 1)
    error = min(1.0, math.ceil(bits / 30) / PRIMES_IN_RANGE)
    return FunctionalDimension(
        rank,
        count,
        bound,
        route,
        method,
        prime,
        error,
        f"rank modulo p = {prime}: a proven lower bound, exact unless p divides every non-zero {rank + 1}-minor",
    )


def _hadamard_bits(matrix: flint.fmpq_mat, size: int) -> float:
    """log2 of Hadamard's bound on a size × size minor after clearing each row's denominators."""
    norms = []
    for i in range(matrix.nrows()):
        row = [matrix[i, j] for j in range(matrix.ncols())]
        common = 1
        for value in row:
            common = math.lcm(common, int(value.q))
        squares = sum(int(value.p * common // value.q) ** 2 for value in row)
        if squares:
            norms.append(0.5 * math.log2(squares))
    return sum(sorted(norms, reverse=True)[:size])


@dataclass(frozen=True)
class Degeneracy:
    """A structural reason for a fibre larger than the symmetry orbit: kind, layer (1-based), neurons."""

    kind: str
    layer: int
    neurons: tuple[int, ...]
    message: str

    def __str__(self) -> str:
        return self.message


def degeneracies(
    network: Network,
    patterns: Sequence[ActivationPattern] | None = None,
    *,
    scope: str = "input",
    max_regions: int = MAX_REGIONS,
) -> list[Degeneracy]:
    """Dead neurons, neurons with zero outgoing weights, twins, opposite pairs, mergeable always-active neurons.

    ``patterns``: the activation patterns over which activity is judged (default: those of every
    activation region, i.e. all inputs; ``scope`` names what they cover in the messages, e.g.
    ``"data point"``). Neurons are 0-based, layers 1-based.

    Examples
    --------
    >>> net = Network.from_weights([[[1, 2], [2, 4], [-1, 1]], [[1, 1, -2]]])
    >>> [str(d) for d in degeneracies(net)]
    ['twin neurons: neurons 0 and 1 of layer 1 have positively proportional incoming weights and biases (ratio 2), so only a combination of their outgoing weights matters']
    """
    architecture = network.architecture
    if patterns is None:
        patterns = [region.patterns[0] for region in activation_regions(network, max_regions=max_regions)]
    layers = network.layers()
    found: list[Degeneracy] = []
    for layer in range(1, architecture.depth):
        weight, bias = layers[layer - 1]
        following = layers[layer][0]
        width = architecture.widths[layer]
        active_somewhere = [any(n in p.active[layer - 1] for p in patterns) for n in range(width)]
        active_everywhere = [all(n in p.active[layer - 1] for p in patterns) for n in range(width)]
        rows = [tuple(weight[n]) + ((bias[n],) if architecture.bias else ()) for n in range(width)]
        for n in range(width):
            if not active_somewhere[n]:
                found.append(
                    Degeneracy(
                        "dead",
                        layer,
                        (n,),
                        f"dead neuron: neuron {n} of layer {layer} is inactive on every {scope}, so its "
                        "incoming and outgoing weights do not affect the function",
                    )
                )
            elif all(row[n] == 0 for row in following):
                found.append(
                    Degeneracy(
                        "zero-outgoing",
                        layer,
                        (n,),
                        f"zero outgoing weights: neuron {n} of layer {layer} feeds nothing forward, so "
                        "its incoming weights do not affect the function",
                    )
                )
        for a in range(width):
            for b in range(a + 1, width):
                if not (active_somewhere[a] and active_somewhere[b]):
                    continue
                ratio = positive_ratio(rows[b], rows[a])
                if ratio is not None:
                    found.append(
                        Degeneracy(
                            "twins",
                            layer,
                            (a, b),
                            f"twin neurons: neurons {a} and {b} of layer {layer} have positively "
                            f"proportional incoming weights and biases (ratio {ratio}), so only a "
                            "combination of their outgoing weights matters",
                        )
                    )
                elif positive_ratio(tuple(-x for x in rows[b]), rows[a]) is not None:
                    found.append(
                        Degeneracy(
                            "opposite",
                            layer,
                            (a, b),
                            f"opposite neurons: neurons {a} and {b} of layer {layer} have negatively "
                            "proportional incoming weights and biases, so they share one bending "
                            "hyperplane and relu(z) − relu(−z) = z lets their weights trade off",
                        )
                    )
        always = [n for n in range(width) if active_everywhere[n] and any(row[n] != 0 for row in following)]
        constant = [n for n in always if not any(weight[n])]
        # with biases even one always-active neuron lets its bias trade against the next layer's
        if len(always) >= 2 or constant or (always and architecture.bias):
            found.append(
                Degeneracy(
                    "always-active",
                    layer,
                    tuple(always),
                    f"always-active neurons: neuron(s) {always} of layer {layer} are active on every "
                    f"{scope}, so they act as one affine map that can be re-factored (mixed by an "
                    "invertible matrix, or folded into the next layer"
                    + (" and its bias, as constant neuron(s) " + str(constant) if constant else "")
                    + ") without changing the function",
                )
            )
    return found


@dataclass(frozen=True)
class Identifiability:
    """Functional, fibre and symmetry dimensions of a network, the verdict and the reasons for it."""

    functional_dimension: int
    fibre_dimension: int
    symmetry_dimension: int
    orbit_dimension: int
    identifiable: bool
    reasons: tuple[str, ...]
    details: FunctionalDimension

    def to_json(self) -> dict[str, Any]:
        """The keys of ``relu-varieties identifiability --json``.

        Examples
        --------
        >>> sorted(identifiability(degenerate_examples()["twins"]).to_json())
        ['fibre_dimension', 'functional_dimension', 'identifiable', 'reasons', 'symmetry_dimension']
        """
        return {
            "functional_dimension": self.functional_dimension,
            "fibre_dimension": self.fibre_dimension,
            "symmetry_dimension": self.symmetry_dimension,
            "identifiable": self.identifiable,
            "reasons": list(self.reasons),
        }


def identifiability(
    network: Network,
    data: Any = None,
    *,
    method: str = "auto",
    prime: int | None = None,
    seed: int = 0,
    max_regions: int = MAX_REGIONS,
    route: str = "auto",
    timeout: float | None = None,
) -> Identifiability:
    """Whether θ is identifiable up to permutations and rescalings of hidden neurons, and why not.

    Identifiable means: the fibre (parameters giving the same function, on all inputs or on ``data``)
    has the dimension of the symmetry group and no structural degeneracy is present.
    ``route="regions"`` ranks the pieces of every activation region (at most ``max_regions``);
    ``"batch"`` ranks the Jacobian at random inputs modulo a prime (``timeout`` seconds at most), and
    judges degeneracies on those inputs; ``"auto"`` takes regions up to
    :data:`AUTO_REGION_PARAMETERS` parameters.

    Examples
    --------
    >>> generic = Network.from_weights([[[1, 2], [-1, 1], [3, -1]], [[1, -2, 1]]])
    >>> result = identifiability(generic)
    >>> result.fibre_dimension, result.symmetry_dimension, result.identifiable
    (3, 3, True)
    >>> dead = Network.from_weights([[[1, 2], [-1, 1], [0, 0]], [[1, -2, 1]]], [[0, 0, -1], [0]])
    >>> result = identifiability(dead)
    >>> result.fibre_dimension > result.symmetry_dimension, result.identifiable, result.reasons[0][:12]
    (True, False, 'dead neuron:')
    """
    architecture = network.architecture
    _check_method(method)
    if route not in ("auto", "batch", "regions"):
        raise InvalidDataError(f"route must be 'auto', 'batch' or 'regions', got {route!r}")
    if route == "auto":
        route = "regions" if architecture.parameter_count <= AUTO_REGION_PARAMETERS else "batch"
    if data is None and route == "batch":
        from varieties.symmetry.batch_dimension import batch_functional_dimension, sampled_patterns

        batch = batch_functional_dimension(network, seed=seed, prime=prime, timeout=timeout)
        details = FunctionalDimension(
            batch.rank,
            batch.parameter_count,
            batch.upper_bound,
            "batch",
            "modular",
            batch.prime,
            batch.error_bound,
            batch.proved,
            inputs=batch.inputs,
        )
        patterns = sampled_patterns(network, max(batch.inputs, 1), seed=seed)
        scope = "sampled input"
    else:
        parametrisation, patterns = _jacobian_parametrisation(network, data, max_regions)
        details = _rank(network, parametrisation, "regions" if data is None else "data", method, prime, seed)
        if data is None:
            details = dataclasses.replace(details, regions=len(patterns))
        scope = "input" if data is None else "data point"
    reasons = [str(d) for d in degeneracies(network, patterns, scope=scope)]
    fibre = details.fibre_dimension
    group = symmetry_dimension(architecture)
    count = architecture.parameter_count
    if fibre > group and not reasons:
        if details.route == "batch":
            reasons.append(
                f"undecided: the sampled inputs give fibre dimension at most {fibre}, {fibre - group} "
                "more than the rescalings; either a hidden symmetry or regions the sample missed "
                "(rerun with another --seed, or --route regions on a small network)"
            )
        else:
            reasons.append(
                f"hidden symmetry: the fibre has dimension {fibre}, {fibre - group} more than the "
                f"rescalings account for, by a mechanism not classified here"
            )
    return Identifiability(
        details.rank, fibre, group, count - details.upper_bound, fibre == group and not reasons, tuple(reasons), details
    )


def generic_inputs(network: Network, count: int, *, seed: int = 0, bound: int = 20) -> list[tuple[Fraction, ...]]:
    """``count`` random integer inputs in [−bound, bound]^{n_0} (a data set for the data route).

    Examples
    --------
    >>> len(generic_inputs(Network.from_weights([[[1, 2]], [[1]]]), 5))
    5
    """
    rng = np.random.default_rng(seed)
    values = rng.integers(-bound, bound + 1, size=(count, network.architecture.input_width))
    return [tuple(Fraction(int(v)) for v in row) for row in values]


def degenerate_examples() -> dict[str, Network]:
    """Small networks, one per kind of degeneracy, each otherwise generic (used in tests and notebook).

    Examples
    --------
    >>> sorted(degenerate_examples())
    ['always-active', 'constant neuron', 'dead', 'twins', 'zero-outgoing']
    """
    W1 = [[1, 2], [-1, 1], [3, -1]]
    return {
        "dead": Network.from_weights([[[1, 2], [-1, 1], [0, 0]], [[1, -2, 1]]], [[0, 1, -1], [0]]),
        "twins": Network.from_weights([[[1, 2], [2, 4], [-1, 1]], [[1, 1, -2]]], [[1, 2, 0], [0]]),
        "zero-outgoing": Network.from_weights([W1, [[1, -2, 0]]], [[1, 0, -1], [0]]),
        "constant neuron": Network.from_weights([[[1, 2], [-1, 1], [0, 0]], [[1, -2, 3]]], [[1, 0, 2], [1]]),
        # layer 2: both neurons active on every input (non-negative weights, positive biases) and
        # h_1 = 2·h_0 + 3 there, so neuron 1 folds into neuron 0 and the output bias
        "always-active": Network.from_weights([W1, [[1, 2, 1], [2, 4, 2]], [[1, -1]]], [[0, 1, -1], [1, 5], [0]]),
    }
