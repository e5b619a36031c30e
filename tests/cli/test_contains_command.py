"""``relu-varieties contains``: exact membership, z3 realisability with a witness checked by the exact
forward pass, and clear errors for a point of the wrong shape or an ideal with no proved generators."""

from __future__ import annotations

import json
from fractions import Fraction

import flint
import pytest

from architectures import EXAMPLES, forward_pass, load_spec
from architectures.errors import InvalidPointError, NoIdealError
from implicitize.cli import main
from implicitize.cli.contains import read_point
from implicitize.ideal import IdealResult
from implicitize.export.onnx import family_data
from varieties import variety_from_spec

SPEC = load_spec(EXAMPLES["output-with-bias"])


def _run(tmp_path, capsys, point, *extra):
    path = tmp_path / "y.json"
    path.write_text(json.dumps(point))
    code = main(["contains", "--example", "output-with-bias", "--point", str(path), "--json", *extra])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else captured.err)


def test_a_sampled_output_is_on_the_variety_and_z3_s_witness_produces_it(tmp_path, capsys):
    variety = variety_from_spec(SPEC)
    point = variety.sample_point(seed=1)
    code, report = _run(tmp_path, capsys, [[str(v) for v in point]], "--realisable")
    assert code == 0 and report["on_variety"] is True and report["realisable"] is True
    theta = [Fraction(report["witness"][name]) for name in variety.parametrisation.parameter_names]
    data = family_data(variety.parametrisation)
    run = forward_pass(SPEC.architecture, theta, data)  # independent: the exact forward pass
    assert [row[0] for row in run.outputs] == list(point)
    assert [SPEC.patterns[k] for k in SPEC.assignment.assignment] == list(run.patterns)


def test_a_point_off_the_variety_is_off_and_not_realisable(tmp_path, capsys):
    variety = variety_from_spec(SPEC)
    point = list(variety.sample_point(seed=2))
    point[0] += 1
    code, report = _run(tmp_path, capsys, [str(v) for v in point], "--realisable")
    assert code == 0 and report["on_variety"] is False and report["realisable"] is False
    assert report["solver"]["answer"] == "unsat"


def test_a_timeout_says_unknown(tmp_path, capsys):
    path = tmp_path / "c.json"
    variety = variety_from_spec(load_spec(EXAMPLES["three-cubics"]))
    path.write_text(json.dumps([str(v) for v in variety.sample_point(seed=1)]))
    assert (
        main(["contains", "--example", "three-cubics", "--point", str(path), "--realisable", "--timeout", "0.001"]) == 0
    )
    out = capsys.readouterr().out
    assert "unknown/timeout" in out and "not realisable" not in out


def test_a_point_of_the_wrong_shape_is_a_clear_error(tmp_path, capsys):
    code, err = _run(tmp_path, capsys, [[1, 2, 3]])
    assert code == 2 and "shape (1, 3)" in err and "(1, 6)" in err
    with pytest.raises(InvalidPointError, match=r"shape \(2,\)"):
        read_point([[1, 2], [3]], ["y_0_0", "y_0_1", "y_1_0"], (1, 3))
    with pytest.raises(InvalidPointError, match="cannot read"):
        read_point(["x", 1], ["y_0_0", "y_0_1"], (1, 2))


def test_an_ideal_with_no_proved_generators_is_refused(tmp_path, capsys, monkeypatch):
    import implicitize

    variety = variety_from_spec(SPEC)
    context = flint.fmpq_mpoly_ctx.get(variety.coordinate_names, "degrevlex")
    monkeypatch.setattr(implicitize, "implicitize", lambda *a, **k: IdealResult(context, (), 6, proved="contained"))
    code, err = _run(tmp_path, capsys, [0, 0, 0, 0, 0, 0])
    assert code == 2 and "no generators" in err
    with pytest.raises(NoIdealError):
        from implicitize.export.base import check_exportable

        check_exportable(IdealResult(context, (), 6, proved="contained"), exporter="contains")
