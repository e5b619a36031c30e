"""A query on an output variety decided by Marabou on the family network (weights as inputs).

Marabou reads :func:`~implicitize.export.onnx.family_model` (its products of two inputs become
bilinear constraints), cut at the pre-activations ``Z1 …`` and the output ``Y``. The regions are
bounds on ``Z`` (strict ``z > 0`` as ``z ≥ epsilon``), the query's constraints and the *linear*
generators are linear (in)equalities on ``Y``; Marabou has no polynomial constraints, so nonlinear
generators are left out. Marabou needs bounded inputs: every weight lies in ``[−bound, bound]``,
so its "unsat" means "no weights in that box". Bilinear queries often come back "unknown".
"""

from __future__ import annotations

import tempfile
import time
import warnings
from fractions import Fraction
from pathlib import Path

from architectures.importers.extras import require
from architectures.parametrisation import Parametrisation
from implicitize.export.base import polynomial_terms
from implicitize.ideal import IdealResult
from implicitize.export.onnx import family_model
from implicitize.export.queries import Query
from implicitize.backends.smt_solvers import Decision


def marabou_family_decide(
    result: IdealResult,
    parametrisation: Parametrisation,
    query: Query,
    *,
    equations: bool = True,
    bound: float = 10.0,
    timeout: float = 60.0,
    epsilon: float = 1e-3,
) -> Decision:
    """Decide "weights in the box with the assigned regions whose outputs satisfy the query" with Marabou.

    ``equations=False`` leaves the linear generators out (the network and regions alone).
    """
    onnx = require("onnx", "onnx")
    require("maraboupy", "marabou")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # maraboupy warns that its TensorFlow parser is unavailable
        from maraboupy import Marabou
    query = query.check(result.coordinate_names)
    architecture = parametrisation.architecture
    hidden = [f"Z{layer}" for layer in range(1, architecture.depth)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "family.onnx"
        onnx.save(family_model(parametrisation), str(path))
        network = Marabou.read_onnx(str(path), outputNames=hidden + ["Y"])
    for variables in network.inputVars:
        for variable in variables.ravel():
            network.setLowerBound(variable, -bound)
            network.setUpperBound(variable, bound)
    count = parametrisation.ambient_dimension // architecture.output_width
    for block, pattern in enumerate(parametrisation.patterns):
        for point in parametrisation.positions[block][0]:
            for layer, z in enumerate(network.outputVars[:-1]):
                for neuron in range(architecture.hidden_widths[layer]):
                    if neuron in pattern.active[layer]:
                        network.setLowerBound(z[neuron, int(point)], epsilon)
                    else:
                        network.setUpperBound(z[neuron, int(point)], 0.0)
    outputs = network.outputVars[-1]
    index = {name: i for i, name in enumerate(result.coordinate_names)}
    variable = lambda name: outputs[index[name] // count, index[name] % count]  # noqa: E731
    for generator in result.generators if equations else ():
        terms = polynomial_terms(generator)
        if generator.total_degree() == 1:
            linear = [(result.coordinate_names[e.index(1)], c) for c, e in terms if sum(e) == 1]
            constant = -sum((c for c, e in terms if sum(e) == 0), 0)
            network.addEquality([variable(n) for n, _ in linear], [float(c) for _, c in linear], float(constant))
    for constraint in query.constraints:
        names = [variable(n) for n, _ in constraint.coefficients]
        coefficients = [float(c) for _, c in constraint.coefficients]
        right = float(constraint.constant)
        negated = [-c for c in coefficients]
        if constraint.relation == "=":
            network.addEquality(names, coefficients, right)
        elif constraint.relation in ("<=", "<"):
            network.addInequality(names, coefficients, right - (epsilon if constraint.relation == "<" else 0.0))
        else:
            network.addInequality(names, negated, -right - (epsilon if constraint.relation == ">" else 0.0))
    options = Marabou.createOptions(verbosity=0, timeoutInSeconds=int(timeout))
    start = time.perf_counter()
    answer, values, _ = network.solve(options=options, verbose=False)
    seconds = time.perf_counter() - start
    if answer in ("sat", "unsat"):
        model: dict[str, Fraction | str] = (
            {str(v): repr(values[v]) for v in network.inputVars[0].ravel()} if answer == "sat" else {}
        )
        return Decision(answer, seconds, "marabou", detail=f"weights in [-{bound:g}, {bound:g}]", model=model)
    return Decision("unknown", seconds, "marabou", detail=str(answer))
