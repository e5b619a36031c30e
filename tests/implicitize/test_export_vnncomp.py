"""VNN-COMP bundles: every file parses and type-checks with the official VNN-LIB parser, the ONNX
networks compute our exact forward pass (onnxruntime), the properties mean what the README says
(read exactly from the parser's AST), and bad input leaves nothing behind."""

from __future__ import annotations

import csv
import json
import random
from fractions import Fraction

import numpy as np
import pytest

vnnlib = pytest.importorskip("vnnlib", reason="the official VNN-LIB parser is in the test extra (pip install vnnlib)")
onnx = pytest.importorskip("onnx", reason="ONNX export needs the onnx extra")
pytest.importorskip("onnxruntime", reason="the ONNX reference runtime is in the onnx extra")

from architectures import Network, forward_pass, load_network
from architectures.errors import InvalidExportError, NoIdealError, OutputNotWritableError
from architectures.realisability import decide_realisability
from export_cases import opposite_points, three_cubics
from implicitize.cli import main
from implicitize.export.vnncomp import network_bundle, variety_bundle
from implicitize.ideal import IdealResult
from implicitize.export.onnx import family_data, family_feed, family_model, run_model
from verification_cases import exact_family_tensors, evaluate, tensor_env, two_moons_network, worked_queries

OUTPUT_CASES = [case for case in worked_queries() if case[2].kind == "output"]


def _bundle_files(folder):
    rows = list(csv.reader((folder / "instances.csv").open()))
    assert rows and all(len(row) == 3 and int(row[2]) > 0 for row in rows)
    return rows


def _dyadic_theta(architecture, rng):
    return [Fraction(rng.randint(-16, 16), 8) for _ in range(architecture.parameter_count)]


@pytest.mark.parametrize(
    "label, result, parametrisation, query, expected", OUTPUT_CASES, ids=[case[0] for case in OUTPUT_CASES]
)
def test_every_property_parses_and_is_true_exactly_when_the_weights_realise_it(
    tmp_path, label, result, parametrisation, query, expected
):
    folder = variety_bundle(tmp_path / "bundle", result, parametrisation, [query])
    rows = _bundle_files(folder)
    model = onnx.load(str(folder / rows[0][0]))
    onnx.checker.check_model(model)
    parsed = vnnlib.parse_query_file(str(folder / rows[0][1]))
    declared = {d.name for n in parsed.networks for d in (*n.inputs, *n.hidden, *n.outputs)}
    graph_names = {t.name for t in model.graph.input} | {o for node in model.graph.node for o in node.output}
    assert declared <= graph_names  # every declared tensor exists in the ONNX graph
    architecture, points = parametrisation.architecture, family_data(parametrisation)
    rng = random.Random(label)
    truths = []
    for _ in range(40):
        theta = _dyadic_theta(architecture, rng)
        tensors = exact_family_tensors(architecture, theta, points)
        truth = all(evaluate(a.expr, tensor_env(tensors)) for a in parsed.assertions)
        # Independent meaning: the forward pass takes the assigned patterns and the query holds.
        run = forward_pass(architecture, theta, points)
        wanted = [
            parametrisation.patterns[b]
            for j in range(len(points))
            for b, block in enumerate(parametrisation.positions)
            if j in block[0]
        ]
        values = dict(zip(parametrisation.coordinate_names, [v for row in run.output_matrix() for v in row]))
        assert truth == (list(run.patterns) == wanted and all(c.holds(values) for c in query.constraints))
        truths.append(truth)
    if expected == "unsat":
        assert not any(truths)


def test_an_exact_lp_witness_satisfies_every_assertion_of_the_realisable_property(tmp_path):
    label, result, parametrisation, query, _ = OUTPUT_CASES[-1]  # (1,2,1) with biases
    folder = variety_bundle(tmp_path / "b", result, parametrisation)
    parsed = vnnlib.parse_query_file(str(folder / "vnnlib" / "realisable.vnnlib"))
    architecture, points = parametrisation.architecture, family_data(parametrisation)
    blocks = [b for j in range(len(points)) for b, block in enumerate(parametrisation.positions) if j in block[0]]
    witness = decide_realisability(architecture, parametrisation.patterns, points, blocks)
    assert witness.realisable and witness.block_order == tuple(range(len(parametrisation.patterns)))
    tensors = exact_family_tensors(architecture, witness.witness, points)
    assert all(evaluate(a.expr, tensor_env(tensors)) for a in parsed.assertions)


def test_the_family_network_computes_the_exact_forward_pass_and_pre_activations():
    _, result, parametrisation, _, _ = OUTPUT_CASES[-1]
    model = family_model(parametrisation)
    architecture, points = parametrisation.architecture, family_data(parametrisation)
    rng = random.Random(5)
    for _ in range(20):
        theta = _dyadic_theta(architecture, rng)
        got = run_model(model, family_feed(parametrisation, theta), ["Y", "Z1"])
        exact = exact_family_tensors(architecture, theta, points)
        outputs = forward_pass(architecture, theta, points).output_matrix()
        np.testing.assert_allclose(got["Y"], np.array(outputs, dtype=float), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(got["Z1"], np.array(exact["Z1"], dtype=float), rtol=1e-12, atol=1e-12)


@pytest.mark.slow
def test_the_two_moons_network_bundle_round_trips_and_its_witnesses_take_their_patterns(tmp_path):
    network = two_moons_network()
    folder = network_bundle(tmp_path / "moons", network)
    rows = _bundle_files(folder)
    assert len(rows) >= 2
    back = load_network(folder / "onnx" / "network.onnx")  # the project's own ONNX importer
    assert back.theta == network.theta and back.architecture == network.architecture
    model = onnx.load(str(folder / "onnx" / "network.onnx"))
    rng = np.random.default_rng(3)
    for _ in range(50):  # the ONNX network against the exact forward pass at random inputs
        x = [Fraction(float(v)) for v in rng.uniform(-2, 2, size=2)]
        exact = forward_pass(network.architecture, network.theta, [x]).outputs[0]
        got = run_model(model, {"X": np.array([[float(v) for v in x]])})["Y"][0]
        np.testing.assert_allclose(got, [float(v) for v in exact], rtol=1e-9, atol=1e-12)
    for _, vnnlib_path, _ in rows:
        parsed = vnnlib.parse_query_file(str(folder / vnnlib_path))
        text = (folder / vnnlib_path).read_text()
        witness = [Fraction(v) for v in text.split("witness x = (")[1].split(")")[0].split(", ")]
        run = run_model(model, {"X": np.array([[float(v) for v in witness]])}, ["Y", "Z1"])
        exact = forward_pass(network.architecture, network.theta, [witness])
        np.testing.assert_allclose(run["Y"][0], [float(v) for v in exact.outputs[0]], rtol=1e-9, atol=1e-12)
        weight, bias = network.layers()[0]
        z = [sum((w * x for w, x in zip(row, witness)), b) for row, b in zip(weight, bias)]
        env = {("X", (0, i)): v for i, v in enumerate(witness)} | {("Z1", (0, k)): v for k, v in enumerate(z)}
        assert all(evaluate(a.expr, env) for a in parsed.assertions)


def test_the_cli_writes_a_bundle_from_an_example_and_from_a_network_file(tmp_path, capsys):
    assert (
        main(
            [
                "export",
                "--example",
                "output-with-bias",
                "--format",
                "vnncomp",
                "-o",
                str(tmp_path / "a"),
                "--instance-timeout",
                "30",
                "--json",
            ]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["properties"] == ["off_variety_0.vnnlib", "realisable.vnnlib"]
    assert _bundle_files(tmp_path / "a")[0][2] == "30"
    vnnlib.parse_query_file(str(tmp_path / "a" / "vnnlib" / "realisable.vnnlib"))
    network_file = tmp_path / "net.json"
    network_file.write_text(
        json.dumps({"widths": [1, 2, 1], "bias": True, "weights": [[[1], [-1]], [[1, 1]]], "biases": [["1/2", 0], [0]]})
    )
    assert main(["export", str(network_file), "--format", "vnncomp", "-o", str(tmp_path / "n")]) == 0
    for _, path, _ in _bundle_files(tmp_path / "n"):
        vnnlib.parse_query_file(str(tmp_path / "n" / path))


def test_bad_input_is_a_clear_error_and_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    cubics, cubic_map = three_cubics()
    with pytest.raises(InvalidExportError, match="pattern variety"):
        variety_bundle(tmp_path / "p", cubics, cubic_map)
    thirds = Network.from_weights([[["1/3"]], [[1]]])
    with pytest.raises(InvalidExportError, match="no exact float64"):
        network_bundle(tmp_path / "t", thirds)
    result, parametrisation = opposite_points()
    empty = IdealResult(result.context, (), 2, proved="contained")
    with pytest.raises(NoIdealError):
        variety_bundle(tmp_path / "e", empty, parametrisation)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(OutputNotWritableError, match="not an empty"):
        variety_bundle(tmp_path / "full", result, parametrisation)

    def broken_save(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(onnx, "save", broken_save)
    with pytest.raises(OSError):
        variety_bundle(tmp_path / "s", result, parametrisation)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]
    monkeypatch.undo()
    assert main(["export", "--example", "three-cubics", "--format", "vnncomp", "-o", str(tmp_path / "c")]) == 2
    assert "pattern variety" in capsys.readouterr().err and not (tmp_path / "c").exists()


def test_point_files_become_properties_true_exactly_for_weights_producing_that_point(tmp_path, capsys):
    from architectures import EXAMPLES, load_spec
    from varieties import variety_from_spec

    variety = variety_from_spec(load_spec(EXAMPLES["output-with-bias"]))
    parametrisation = variety.parametrisation
    theta = [Fraction(v) for v in ["-1/2", -1, "5/16", "1/2", 4, -1, 2, "112/3", -5]]  # realises the spec
    points = family_data(parametrisation)
    outputs = [row[0] for row in forward_pass(parametrisation.architecture, theta, points).outputs]
    (tmp_path / "y.json").write_text(json.dumps([[str(v) for v in outputs]]))
    moved = [outputs[0] + 1] + outputs[1:]
    (tmp_path / "z.json").write_text(json.dumps([str(v) for v in moved]))
    assert (
        main(
            [
                "export",
                "--example",
                "output-with-bias",
                "--format",
                "vnncomp",
                "-o",
                str(tmp_path / "b"),
                "--point",
                str(tmp_path / "y.json"),
                "--point",
                str(tmp_path / "z.json"),
            ]
        )
        == 0
    )
    env = tensor_env(exact_family_tensors(parametrisation.architecture, theta, points))
    truth = {}
    for name in ("realisable", "point_0", "point_1"):
        parsed = vnnlib.parse_query_file(str(tmp_path / "b" / "vnnlib" / f"{name}.vnnlib"))
        truth[name] = all(evaluate(a.expr, env) for a in parsed.assertions)
    assert truth == {"realisable": True, "point_0": True, "point_1": False}
    (tmp_path / "bad.json").write_text("[1, 2]")
    assert (
        main(
            [
                "export",
                "--example",
                "output-with-bias",
                "--format",
                "vnncomp",
                "-o",
                str(tmp_path / "c"),
                "--point",
                str(tmp_path / "bad.json"),
            ]
        )
        == 2
    )
    assert "shape (2,)" in capsys.readouterr().err and not (tmp_path / "c").exists()


@pytest.mark.parametrize("label, result, parametrisation, query, expected", OUTPUT_CASES[-1:], ids=["(1,2,1)"])
def test_off_variety_properties_are_false_on_the_regions_and_not_vacuous(
    tmp_path, label, result, parametrisation, query, expected
):
    import math

    folder = variety_bundle(tmp_path / "h", result, parametrisation)
    rows = [row for row in _bundle_files(folder) if "off_variety" in row[1]]
    assert len(rows) == len(result.generators) and all(row[0] == "onnx/heads.onnx" for row in rows)
    model = onnx.load(str(folder / "onnx" / "heads.onnx"))
    graph_names = {t.name for t in model.graph.input} | {o for node in model.graph.node for o in node.output}
    architecture, points = parametrisation.architecture, family_data(parametrisation)
    rng = random.Random(11)
    outside = 0
    for index, (_, path, _) in enumerate(rows):
        parsed = vnnlib.parse_query_file(str(folder / path))
        assert {d.name for n in parsed.networks for d in (*n.inputs, *n.hidden, *n.outputs)} <= graph_names
        generator = result.generators[index]
        scale = math.lcm(*(int(c.q) for c in generator.coeffs()))
        for _ in range(40):
            theta = _dyadic_theta(architecture, rng)
            tensors = exact_family_tensors(architecture, theta, points)
            at = [flint_value(v) for row in tensors["Y"] for v in row]
            env = tensor_env(tensors) | {(f"p_{index}", (0,)): Fraction(str(generator(*at) * scale))}
            assert not all(evaluate(a.expr, env) for a in parsed.assertions)  # never on the regions
            outside += evaluate(parsed.assertions[-1].expr, env)  # |p| > eps alone: off the variety
    assert outside > 0


def flint_value(value):
    import flint

    return flint.fmpq(value.numerator, value.denominator)
