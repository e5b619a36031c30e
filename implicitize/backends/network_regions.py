"""Linear-region queries on a trained network, decided by z3 (exact) and by Marabou (``maraboupy``).

The query of :func:`~implicitize.export.vnnlib.region_property`: some input in a box has a given
activation pattern. With the pattern fixed every pre-activation is affine in the input, so the
region is a polyhedron; z3 reads it exactly as SMT-LIB (QF_LRA), Marabou from the bundle's ONNX
graph cut at the pre-activations ``Z1 …`` (its own floating-point simplex; strict ``z > 0`` is
written ``z ≥ epsilon``).
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from architectures.importers.extras import require
from architectures.network_file import Network
from architectures.patterns import ActivationPattern
from implicitize.export.smtlib import real_literal
from implicitize.backends.smt_solvers import Decision


def region_smtlib(network: Network, pattern: ActivationPattern, box: Sequence[tuple[Fraction, Fraction]]) -> str:
    """The region query as an exact SMT-LIB script (inputs ``x_i``; pre-activations expanded on the pattern).

    Examples
    --------
    >>> net = Network.from_weights([[[1], [-1]], [[1, 1]]])
    >>> print(region_smtlib(net, ActivationPattern([[0, 1]]), [(Fraction(-1), Fraction(1))]), end="")
    (set-logic QF_LRA)
    (declare-fun x_0 () Real)
    (assert (<= (- 1.0) x_0))
    (assert (<= x_0 1.0))
    (assert (> (+ (* 1.0 x_0) 0.0) 0.0))
    (assert (> (+ (* (- 1.0) x_0) 0.0) 0.0))
    (check-sat)
    """
    architecture = network.architecture
    names = [f"x_{i}" for i in range(architecture.input_width)]
    lines = ["(set-logic QF_LRA)"] + [f"(declare-fun {n} () Real)" for n in names]
    for name, (low, high) in zip(names, box):
        lines += [
            f"(assert (<= {real_literal(Fraction(low))} {name}))",
            f"(assert (<= {name} {real_literal(Fraction(high))}))",
        ]
    # Affine forms (coefficients on the inputs, constant), layer by layer on the pattern.
    forms = [({i: Fraction(1)}, Fraction(0)) for i in range(architecture.input_width)]
    for layer, (weight, bias) in enumerate(network.layers()[:-1], start=1):
        active = pattern.active[layer - 1]
        new_forms = []
        for neuron, (row, b) in enumerate(zip(weight, bias)):
            coefficients: dict[int, Fraction] = {}
            constant = Fraction(b)
            for w, (form, c) in zip(row, forms):
                for i, value in form.items():
                    coefficients[i] = coefficients.get(i, Fraction(0)) + w * value
                constant += w * c
            terms = " ".join(f"(* {real_literal(coefficients.get(i, Fraction(0)))} {n})" for i, n in enumerate(names))
            lines.append(f"(assert ({'>' if neuron in active else '<='} (+ {terms} {real_literal(constant)}) 0.0))")
            new_forms.append((coefficients, constant) if neuron in active else ({}, Fraction(0)))
        forms = new_forms
    return "\n".join(lines + ["(check-sat)"]) + "\n"


def marabou_region_decide(
    onnx_path: str | Path,
    network: Network,
    pattern: ActivationPattern,
    box: Sequence[tuple[Fraction, Fraction]],
    *,
    timeout: float = 60.0,
    epsilon: float = 1e-6,
) -> Decision:
    """Decide the region query with Marabou on the ONNX network (``onnx/network.onnx`` of a bundle)."""
    require("maraboupy", "marabou")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # maraboupy warns that its TensorFlow parser is unavailable
        from maraboupy import Marabou
    hidden = [f"Z{layer}" for layer in range(1, network.architecture.depth)]
    query = Marabou.read_onnx(str(onnx_path), outputNames=hidden)
    inputs = query.inputVars[0].ravel()
    for variable, (low, high) in zip(inputs, box):
        query.setLowerBound(variable, float(low))
        query.setUpperBound(variable, float(high))
    for layer, variables in enumerate(query.outputVars):
        active = pattern.active[layer]
        for neuron, variable in enumerate(variables.ravel()):
            if neuron in active:
                query.setLowerBound(variable, epsilon)
            else:
                query.setUpperBound(variable, 0.0)
    options = Marabou.createOptions(verbosity=0, timeoutInSeconds=int(timeout))
    start = time.perf_counter()
    answer, values, _ = query.solve(options=options, verbose=False)
    seconds = time.perf_counter() - start
    if answer == "sat":
        return Decision("sat", seconds, "marabou", model={f"x_{i}": repr(values[v]) for i, v in enumerate(inputs)})
    if answer == "unsat":
        return Decision("unsat", seconds, "marabou")
    return Decision("unknown", seconds, "marabou", detail=answer)
