"""The worked verification queries (each with its answer proved by hand), an exact reading of parsed
VNN-LIB properties, and a small trained two-moons network; shared by the bundle and solver tests."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from export_cases import collinear_with_bias, opposite_points, three_cubics, two_points_two_outputs
from implicitize.export.queries import LinearConstraint, Query, point_query


def worked_queries():
    """(label, result, parametrisation, query, expected answer): three sat, four unsat, proved by hand.

    * three cubics: the image of the parametrisation at integer θ is on the variety (sat); adding 1 to
      one coordinate makes det M_1 ≠ 0 there (unsat; checked exactly in the tests);
    * (1,1,2), x = 1, 2 active: Y[:, 1] = 2 Y[:, 0], so y_0_1 > y_1_1 forces y_0_0 > y_1_0;
    * (1,1,1), x = 1 and x = −1 both active: w > 0 and −w > 0, the region is empty;
    * (1,2,1) with biases, x = 0, 1, 2 on one piece: Y_0 − 2Y_1 + Y_2 = 0, so Y_1 cannot exceed both.
    """
    cubics, cubic_map = three_cubics()
    on = cubic_map.evaluate([Fraction((3 * i) % 7 - 3) for i in range(cubic_map.parameter_count)])
    off = list(on)
    off[0] += 1
    names = cubics.coordinate_names
    two, two_map = two_points_two_outputs()
    opposite, opposite_map = opposite_points()
    collinear, collinear_map = collinear_with_bias()
    gt = lambda a, b: LinearConstraint.of({a: 1, b: -1}, ">", 0)  # noqa: E731
    le = lambda a, b: LinearConstraint.of({a: 1, b: -1}, "<=", 0)  # noqa: E731
    return [
        ("three cubics, a point of the image", cubics, cubic_map, point_query(names, on, name="on"), "sat"),
        ("three cubics, one coordinate moved", cubics, cubic_map, point_query(names, off, name="off"), "unsat"),
        (
            "(1,1,2) both points exceed",
            two,
            two_map,
            Query(
                "exceed_both", "output 0 exceeds output 1 at both points", (gt("y_0_1", "y_1_1"), gt("y_0_0", "y_1_0"))
            ),
            "sat",
        ),
        (
            "(1,1,2) only the second exceeds",
            two,
            two_map,
            Query(
                "exceed_second",
                "output 0 exceeds output 1 at point 1 only",
                (gt("y_0_1", "y_1_1"), le("y_0_0", "y_1_0")),
            ),
            "unsat",
        ),
        (
            "(1,1,1) x and -x both active",
            opposite,
            opposite_map,
            Query("opposite", "output at x = 1 exceeds output at x = -1", (gt("y_0_0", "y_0_1"),)),
            "unsat",
        ),
        (
            "(1,2,1) middle above both neighbours",
            collinear,
            collinear_map,
            Query("middle_peak", "Y_1 exceeds Y_0 and Y_2", (gt("y_0_1", "y_0_0"), gt("y_0_1", "y_0_2"))),
            "unsat",
        ),
        (
            "(1,2,1) increasing then x = -1 higher",
            collinear,
            collinear_map,
            Query("rise", "Y_1 exceeds Y_0 and Y_3 exceeds Y_1", (gt("y_0_1", "y_0_0"), gt("y_0_3", "y_0_1"))),
            "sat",
        ),
    ]


def evaluate(node: Any, env: Mapping[tuple[str, tuple[int, ...]], Fraction]) -> Any:
    """The exact value of a node of the official parser's AST (literals read from their lexemes)."""
    import vnnlib

    if isinstance(node, vnnlib.Var):
        return env[(node.name, tuple(node.indices))]
    if isinstance(node, (vnnlib.Float, vnnlib.Int)):
        return Fraction(node.lexeme)
    if isinstance(node, vnnlib.Negate):
        return -evaluate(node.expr, env)
    if isinstance(node, vnnlib.Plus):
        return sum((evaluate(a, env) for a in node.args), Fraction(0))
    if isinstance(node, vnnlib.Minus):
        return evaluate(node.head, env) - sum((evaluate(a, env) for a in node.rest), Fraction(0))
    if isinstance(node, vnnlib.Multiply):
        product = Fraction(1)
        for a in node.args:
            product *= evaluate(a, env)
        return product
    if isinstance(node, vnnlib.And):
        return all(evaluate(a, env) for a in node.args)
    if isinstance(node, vnnlib.Or):
        return any(evaluate(a, env) for a in node.args)
    comparisons = {
        vnnlib.GreaterThan: lambda a, b: a > b,
        vnnlib.GreaterEqual: lambda a, b: a >= b,
        vnnlib.LessThan: lambda a, b: a < b,
        vnnlib.LessEqual: lambda a, b: a <= b,
        vnnlib.Equal: lambda a, b: a == b,
        vnnlib.NotEqual: lambda a, b: a != b,
    }
    for kind, compare in comparisons.items():
        if isinstance(node, kind):
            return compare(evaluate(node.lhs, env), evaluate(node.rhs, env))
    raise TypeError(f"unexpected VNN-LIB node {type(node).__name__}: {node}")


def tensor_env(tensors: Mapping[str, list]) -> dict[tuple[str, tuple[int, ...]], Fraction]:
    """``{(name, (i, j)): value}`` from 2-d nested lists."""
    return {
        (name, (i, j)): Fraction(v)
        for name, rows in tensors.items()
        for i, row in enumerate(rows)
        for j, v in enumerate(row)
    }


def exact_family_tensors(architecture, theta, points) -> dict[str, list]:
    """W_l, b_l, Z_l (pre-activations, neuron × point) and Y (output × point), by plain exact loops."""
    tensors: dict[str, list] = {}
    columns = [list(p) for p in points]
    for layer, (weight, bias) in enumerate(architecture.unpack(theta), start=1):
        tensors[f"W{layer}"] = [list(r) for r in weight]
        tensors[f"b{layer}"] = [[b] for b in bias]
        pre = [[sum((w * x for w, x in zip(row, column)), b) for column in columns] for row, b in zip(weight, bias)]
        name = "Y" if layer == architecture.depth else f"Z{layer}"
        tensors[name] = pre
        columns = [[max(pre[i][j], Fraction(0)) for i in range(len(pre))] for j in range(len(columns))]
    return tensors


def two_moons_network():
    """A (2, 8, 1) ReLU classifier (one logit) trained on 200 two-moons points (sklearn, fixed seeds), imported exactly."""
    from sklearn.datasets import make_moons
    from sklearn.neural_network import MLPClassifier
    from architectures.importers import from_sklearn
    import warnings

    x, y = make_moons(200, noise=0.1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = MLPClassifier(hidden_layer_sizes=(8,), max_iter=300, random_state=0).fit(x, y)
    return from_sklearn(model)


def two_moons_queries():
    """The two-moons network's output variety on 10 rounded data points, with the network's own patterns:
    its own outputs (sat: the network is a witness) and the same with output 0 moved by 1 (unsat: its block
    has more points than the 3 columns of its affine map, so a linear equation of the data breaks)."""
    from sklearn.datasets import make_moons
    from implicitize import implicitize
    from varieties.network_variety import network_varieties

    network = two_moons_network()
    x, _ = make_moons(200, noise=0.1, random_state=0)
    data = [[Fraction(round(v * 8), 8) for v in point] for point in x[:10]]
    found = network_varieties(network, data)
    variety = found.output_variety
    result = implicitize(variety)
    on = [row[0] for row in found.outputs]
    off = [on[0] + 1] + on[1:]
    names = variety.coordinate_names
    return [
        ("two moons, own output", result, variety.parametrisation, point_query(names, on, name="own"), "sat"),
        ("two moons, moved output", result, variety.parametrisation, point_query(names, off, name="moved"), "unsat"),
    ]
