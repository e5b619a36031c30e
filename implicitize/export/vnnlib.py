"""VNN-LIB 2.0 properties: the variety's equations as polynomial assertions, regions as linear ones.

Two kinds, each over one ONNX network of :mod:`implicitize.export.onnx`:

* :func:`family_property` — over the family network (weights ``W1, b1, …`` are the inputs, the
  output ``Y`` is the network at the data): the generators p(Y) = 0 (polynomial assertions, every
  coefficient an integer: each generator is multiplied by the lcm of its denominators, which
  changes nothing about its zeros), the activation regions as signs of the hidden pre-activations
  ``Z_l[k, j]`` (linear in those variables), and the query's own linear constraints on Y.
  It is satisfiable iff some weights put every data point in its assigned region and give an
  output on the variety that satisfies the query.
* :func:`region_property` — over a trained network ``X ↦ Y``: an input in a box whose hidden
  pre-activations have a given activation pattern (linear constraints only).

Types are ``float64`` (the graphs' element type) and every literal is an exact decimal.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Sequence

import flint

from architectures.errors import InvalidExportError
from architectures.network_file import Network
from architectures.parametrisation import Parametrisation
from architectures.patterns import ActivationPattern
from implicitize.export.base import check_exportable, check_parametrisation, comment_text, polynomial_terms, proof_line
from implicitize.export.smtlib import smtlib_term
from implicitize.ideal import IdealResult
from implicitize.export.onnx import family_data
from implicitize.export.queries import LinearConstraint, Query

_COORDINATE = re.compile(r"y_(\d+)_(\d+)\Z")
_RELATIONS = {"=": "==", "<=": "<=", ">=": ">=", "<": "<", ">": ">"}


def decimal(value: Fraction) -> str:
    """An exact decimal literal for an integer or a dyadic/decimal rational (VNN-LIB has no ``/``).

    Examples
    --------
    >>> decimal(Fraction(-3)), decimal(Fraction(1, 8))
    ('-3.0', '0.125')
    """
    value = Fraction(value)
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        raise InvalidExportError(f"{value} has no finite decimal expansion; scale the constraint to integers first")
    digits = max(twos, fives, 1)
    scaled = abs(value) * 10**digits
    text = f"{int(scaled) // 10**digits}.{int(scaled) % 10**digits:0{digits}d}".rstrip("0")
    text = text + "0" if text.endswith(".") else text
    return ("-" if value < 0 else "") + text


def integer_scale(coefficients: Sequence[Fraction]) -> int:
    """The positive lcm of the denominators: multiplying by it makes every coefficient an integer.

    Examples
    --------
    >>> integer_scale([Fraction(1, 2), Fraction(-3, 4), Fraction(5)])
    4
    """
    return math.lcm(*(Fraction(c).denominator for c in coefficients)) if coefficients else 1


def integer_generator(polynomial: flint.fmpq_mpoly) -> flint.fmpq_mpoly:
    """The generator times the lcm of its coefficients' denominators (same zeros, integer coefficients)."""
    return polynomial * integer_scale([c for c, _ in polynomial_terms(polynomial)])


def coordinate_variable(name: str) -> str:
    """The VNN-LIB variable of coordinate ``y_i_j``: ``Y[i, j]``.

    Examples
    --------
    >>> coordinate_variable("y_1_3")
    'Y[1, 3]'
    """
    match = _COORDINATE.match(name)
    if not match:
        raise InvalidExportError(f"coordinate {name!r} is not an output coordinate y_i_j")
    return f"Y[{match.group(1)}, {match.group(2)}]"


def vnnlib_term(polynomial: flint.fmpq_mpoly, variables: Sequence[str]) -> str:
    """An integer-coefficient polynomial as a VNN-LIB arithmetic term (powers as repeated products).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("a", "b"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> vnnlib_term(3 * a**2 * b - 1, ["Y[0, 0]", "Y[0, 1]"])
    '(+ (* 3.0 Y[0, 0] Y[0, 0] Y[0, 1]) -1.0)'
    """
    return smtlib_term(polynomial, variables, decimal)


def linear_assertion(constraint: LinearConstraint, variable) -> str:
    """A linear constraint as an assertion, scaled by a positive integer so every literal is exact."""
    scale = integer_scale([c for _, c in constraint.coefficients] + [constraint.constant])
    terms = [
        variable(name) if c * scale == 1 else f"(* {decimal(c * scale)} {variable(name)})"
        for name, c in constraint.coefficients
    ]
    left = terms[0] if len(terms) == 1 else f"(+ {' '.join(terms)})"
    return f"(assert ({_RELATIONS[constraint.relation]} {left} {decimal(constraint.constant * scale)}))"


def family_property(result: IdealResult, parametrisation: Parametrisation, query: Query, *, region: bool = True) -> str:
    """The VNN-LIB 2.0 property "equations + regions + query" over :func:`~implicitize.export.onnx.family_model`.

    Examples
    --------
    >>> from architectures import Architecture, output_parametrisation
    >>> from implicitize.export.queries import REALISABLE
    >>> f = output_parametrisation(Architecture((1, 1, 1)), [[1], [2]], [0, 0], patterns=[[[0]]])
    >>> ctx = flint.fmpq_mpoly_ctx.get(f.coordinate_names, "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> result = IdealResult(ctx, (y1 - 2 * y0,), 2, proved="generates", route="example")
    >>> print(family_property(result, f, REALISABLE))  # doctest: +NORMALIZE_WHITESPACE
    ; relu-varieties: ideal of a variety in Q^2, 1 generator(s); proved: generates (example)
    ; query realisable: some network with the assigned activation patterns exists (no extra constraint)
    ; network N: the family network (inputs: the weights; output Y[i, j] = output i at data point j)
    (vnnlib-version <2.0>)
    (declare-network N
      (declare-input W1 float64 [1, 1])
      (declare-input W2 float64 [1, 1])
      (declare-hidden Z1 float64 [1, 2] "Z1")
      (declare-output Y float64 [1, 2]))
    ; equations of the variety (each generator times the lcm of its denominators)
    (assert (== (+ (* -2.0 Y[0, 0]) Y[0, 1]) 0.0))
    ; activation regions: pre-activation Z_l[neuron, point] > 0 at active, <= 0 at inactive neurons
    (assert (> Z1[0, 0] 0.0))
    (assert (> Z1[0, 1] 0.0))
    """
    result = check_exportable(result, exporter="family_property")
    parametrisation = check_parametrisation(result, parametrisation, exporter="family_property")
    query = query.check(result.coordinate_names)
    architecture = parametrisation.architecture
    points = family_data(parametrisation)
    variables = [coordinate_variable(name) for name in result.coordinate_names]
    lines = [
        f"; relu-varieties: {proof_line(result)}",
        f"; query {query.name}: {comment_text(query.description)}",
        "; network N: the family network (inputs: the weights; output Y[i, j] = output i at data point j)",
        "(vnnlib-version <2.0>)",
    ] + _family_declaration(architecture, len(points))
    if result.generators:
        lines.append("; equations of the variety (each generator times the lcm of its denominators)")
        lines += [f"(assert (== {vnnlib_term(integer_generator(g), variables)} 0.0))" for g in result.generators]
    if region:
        lines.append("; activation regions: pre-activation Z_l[neuron, point] > 0 at active, <= 0 at inactive neurons")
        for block, pattern in enumerate(parametrisation.patterns):
            for index in parametrisation.positions[block][0]:
                lines += _pattern_lines(pattern, architecture.hidden_widths, column=int(index))
    if query.constraints:
        lines.append(f"; query {query.name}")
        variable_of = dict(zip(result.coordinate_names, variables))
        lines += [linear_assertion(c, variable_of.__getitem__) for c in query.constraints]
    return "\n".join(lines) + "\n"


def heads_property(
    result: IdealResult, parametrisation: Parametrisation, index: int, *, epsilon: Fraction = Fraction(1, 10**6)
) -> str:
    """ "Some weights with the assigned regions give ``|p_index| > epsilon``" over the polynomial-head network.

    The heads network is :func:`~implicitize.export.polynomial_heads.head_model`; its outputs ``p_0 …`` are the
    integer-scaled generators at ``Y``. Every generator vanishes on the image of the regions, so the
    property is unsatisfiable: a verifier that proves it has checked the equation on the network.
    Linear in the declared variables (``p_i`` and the hidden ``Z_l``).
    """
    result = check_exportable(result, exporter="heads_property")
    parametrisation = check_parametrisation(result, parametrisation, exporter="heads_property")
    if not 0 <= index < len(result.generators):
        raise InvalidExportError(f"generator index {index} is not one of 0 … {len(result.generators) - 1}")
    architecture = parametrisation.architecture
    points = family_data(parametrisation)
    bound = decimal(Fraction(epsilon))
    lines = [
        f"; relu-varieties: {proof_line(result)}",
        f"; generator {index} at the outputs, as the head p_{index} of heads.onnx: "
        f"{' '.join(str(integer_generator(result.generators[index])).split())}",
        f"; sat iff some weights with the assigned activation regions give |p_{index}| > {bound}: unsat, since "
        "every generator vanishes on the image of the regions",
        "(vnnlib-version <2.0>)",
    ]
    lines += _family_declaration(architecture, len(points), heads=len(result.generators))
    lines.append("; activation regions: pre-activation Z_l[neuron, point] > 0 at active, <= 0 at inactive neurons")
    for block, pattern in enumerate(parametrisation.patterns):
        for point in parametrisation.positions[block][0]:
            lines += _pattern_lines(pattern, architecture.hidden_widths, column=int(point))
    lines.append(f"(assert (or (> p_{index}[0] {bound}) (< p_{index}[0] -{bound})))")
    return "\n".join(lines) + "\n"


def _family_declaration(architecture, count: int, heads: int = 0) -> list[str]:
    lines = ["(declare-network N"]
    for layer in range(1, architecture.depth + 1):
        rows, columns = architecture.widths[layer], architecture.widths[layer - 1]
        lines.append(f"  (declare-input W{layer} float64 [{rows}, {columns}])")
        if architecture.bias:
            lines.append(f"  (declare-input b{layer} float64 [{rows}, 1])")
    for layer, width in enumerate(architecture.hidden_widths, start=1):
        lines.append(f'  (declare-hidden Z{layer} float64 [{width}, {count}] "Z{layer}")')
    outputs = [f"  (declare-output Y float64 [{architecture.output_width}, {count}])"]
    outputs += [f"  (declare-output p_{i} float64 [1])" for i in range(heads)]
    outputs[-1] += ")"
    return lines + outputs


def region_property(
    network: Network, pattern: ActivationPattern, box: Sequence[tuple[Fraction, Fraction]], *, note: str = ""
) -> str:
    """The VNN-LIB 2.0 property "some X in ``box`` has activation ``pattern``" over the network ``X ↦ Y``.

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> text = region_property(net, ActivationPattern([[0]]), [(Fraction(-1), Fraction(1))])
    >>> print(text[text.index("(vnnlib"):], end="")
    (vnnlib-version <2.0>)
    (declare-network N
      (declare-input X float64 [1, 1])
      (declare-hidden Z1 float64 [1, 2] "Z1")
      (declare-output Y float64 [1, 1]))
    ; the input box
    (assert (>= X[0, 0] -1.0))
    (assert (<= X[0, 0] 1.0))
    ; activation pattern {0}: Z_l[0, neuron] > 0 at active, <= 0 at inactive neurons
    (assert (> Z1[0, 0] 0.0))
    (assert (<= Z1[0, 1] 0.0))
    """
    architecture = network.architecture
    if len(box) != architecture.input_width:
        raise InvalidExportError(
            f"the box has {len(box)} intervals but the network has {architecture.input_width} inputs"
        )
    lines = [
        f"; relu-varieties: linear-region query on network {architecture}",
        f"; sat iff some input in the box has activation pattern {pattern}" + (f" ({note})" if note else ""),
        "(vnnlib-version <2.0>)",
        "(declare-network N",
        f"  (declare-input X float64 [1, {architecture.input_width}])",
    ]
    for layer, width in enumerate(architecture.hidden_widths, start=1):
        lines.append(f'  (declare-hidden Z{layer} float64 [1, {width}] "Z{layer}")')
    lines.append(f"  (declare-output Y float64 [1, {architecture.output_width}]))")
    lines.append("; the input box")
    for i, (low, high) in enumerate(box):
        lines.append(f"(assert (>= X[0, {i}] {decimal(Fraction(low))}))")
        lines.append(f"(assert (<= X[0, {i}] {decimal(Fraction(high))}))")
    lines.append(f"; activation pattern {pattern}: Z_l[0, neuron] > 0 at active, <= 0 at inactive neurons")
    lines += _pattern_lines(pattern, architecture.hidden_widths, row=0)
    return "\n".join(lines) + "\n"


def _pattern_lines(
    pattern: ActivationPattern, widths: Sequence[int], *, column: int | None = None, row: int | None = None
) -> list[str]:
    lines = []
    for layer, (active, width) in enumerate(zip(pattern.active, widths), start=1):
        for neuron in range(width):
            index = f"{neuron}, {column}" if column is not None else f"{row}, {neuron}"
            lines.append(f"(assert ({'>' if neuron in active else '<='} Z{layer}[{index}] 0.0))")
    return lines
