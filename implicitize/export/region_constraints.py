"""The activation-region sign conditions of a parametrisation, as exact polynomials.

For each hidden layer l the pre-activation ``z_l = W_l a_{l-1} + b_l`` (a polynomial in θ and the
input, ``a_l = D_l z_l``) is ``> 0`` at active and ``<= 0`` at inactive neurons. An output variety's
inputs are its data points; a pattern variety has none, so block k gets witness inputs ``x_k_i``.
SMT-LIB, SCIP and the membership command all read the same :class:`RegionSystem`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import flint

from architectures.parametrisation import Parametrisation


@dataclass(frozen=True)
class RegionCondition:
    """One sign condition ``polynomial relation 0`` (relation ``">"`` or ``"<="``), with a comment."""

    polynomial: flint.fmpq_mpoly
    relation: str
    comment: str


@dataclass(frozen=True)
class RegionSystem:
    """The variables (parameters, then witness inputs) and the sign conditions in them.

    Examples
    --------
    >>> from architectures import Architecture, output_parametrisation
    >>> f = output_parametrisation(Architecture((1, 1, 1)), [[1], [-1]], [0, 0], patterns=[[[0]]])
    >>> [(str(c.polynomial), c.relation) for c in region_system(f).conditions]
    [('w1_0_0', '>'), ('-w1_0_0', '>')]
    """

    symbols: tuple[str, ...]
    witnesses: tuple[str, ...]
    conditions: tuple[RegionCondition, ...]


def region_system(parametrisation: Parametrisation) -> RegionSystem:
    """The sign conditions putting every data point (or witness input) in its block's region."""
    architecture = parametrisation.architecture
    parameters = list(parametrisation.parameter_names)
    if parametrisation.kind == "pattern":
        witnesses = [
            f"x_{k}_{i}" for k in range(len(parametrisation.patterns)) for i in range(architecture.input_width)
        ]
        # Witnesses are extra variables, so the pre-activations live in Q[θ, x].
        context = flint.fmpq_mpoly_ctx.get(parameters + witnesses, "degrevlex")
        gens = list(context.gens())
        theta, inputs = gens[: len(parameters)], gens[len(parameters) :]
        conditions = []
        for block, pattern in enumerate(parametrisation.patterns):
            x = inputs[block * architecture.input_width : (block + 1) * architecture.input_width]
            conditions += _sign_conditions(
                parametrisation, pattern, x, theta, f"block {block} witness, pattern {pattern}"
            )
        return RegionSystem(tuple(parameters + witnesses), tuple(witnesses), tuple(conditions))
    theta = list(parametrisation.context.gens())
    zero = parametrisation.context.from_dict({})
    conditions = []
    for block, pattern in enumerate(parametrisation.patterns):
        points = parametrisation.block_inputs[block]
        for column, point in enumerate(parametrisation.positions[block][0]):
            x = [
                zero + flint.fmpq(Fraction(v).numerator, Fraction(v).denominator)
                for v in points[: architecture.input_width, column]
            ]
            conditions += _sign_conditions(parametrisation, pattern, x, theta, f"point {int(point)}, pattern {pattern}")
    return RegionSystem(tuple(parameters), (), tuple(conditions))


def pre_activations(parametrisation: Parametrisation, pattern, x: list, theta: list) -> list[list]:
    """The pre-activation polynomials of every hidden layer at input ``x`` on ``pattern``'s region."""
    architecture = parametrisation.architecture
    layers = []
    values = x
    zero = 0 * theta[0]
    for layer, (active, width) in enumerate(zip(pattern.active, architecture.hidden_widths), start=1):
        chunk = theta[architecture.layer_slice(layer)]
        fan_in = architecture.widths[layer - 1]
        biases = chunk[width * fan_in :] if architecture.bias else [zero] * width
        pre = [sum((chunk[i * fan_in + j] * values[j] for j in range(fan_in)), zero) + biases[i] for i in range(width)]
        layers.append(pre)
        values = [z if i in active else zero for i, z in enumerate(pre)]
    return layers


def _sign_conditions(
    parametrisation: Parametrisation, pattern, x: list, theta: list, comment: str
) -> list[RegionCondition]:
    conditions = []
    for layer, (active, pre) in enumerate(
        zip(pattern.active, pre_activations(parametrisation, pattern, x, theta)), start=1
    ):
        for i, z in enumerate(pre):
            conditions.append(RegionCondition(z, ">" if i in active else "<=", f"{comment}: layer {layer} neuron {i}"))
    return conditions
