"""``relu-varieties export``: the spec's ideal in each format, and one clear line for each kind of bad input."""

from __future__ import annotations

import json

import sympy

from architectures import EXAMPLES
from export_cases import z3_check, fix_point
from implicitize.cli import main
from implicitize.export.json import load_json
from varieties import variety_from_spec
from architectures import load_spec


def _error_line(capsys) -> str:
    error = capsys.readouterr().err.strip()
    assert error.startswith("relu-varieties: error:") and "\n" not in error
    return error


def test_an_unknown_format_is_one_clear_line_naming_the_formats(capsys):
    assert main(["export", "--example", "determinant", "--format", "maple"]) == 2
    error = _error_line(capsys)
    assert "'maple'" in error and all(name in error for name in ("smtlib", "m2", "singular", "json", "latex"))


def test_an_unwritable_output_path_is_refused_before_computing(tmp_path, capsys):
    target = tmp_path / "no-such-directory" / "ideal.smt2"
    assert main(["export", "--example", "determinant", "--format", "smtlib", "-o", str(target)]) == 2
    assert "does not exist" in _error_line(capsys)
    assert main(["export", "--example", "determinant", "--format", "smtlib", "-o", str(tmp_path)]) == 2
    assert "directory" in _error_line(capsys)


def test_exported_json_of_the_determinant_example_is_the_determinant(tmp_path, capsys):
    target = tmp_path / "ideal.json"
    assert main(["export", "--example", "determinant", "--format", "json", "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().out
    result = load_json(target.read_text())
    matrix = sympy.Matrix(3, 3, [sympy.Symbol(f"m_0_{i}_{j}") for i in range(3) for j in range(3)])
    (generator,) = result.to_sympy()
    assert sympy.simplify(generator / matrix.det()).is_number  # (det M): rank ≤ 2 of docs/mathematics.md#dimension
    assert result.proved == "generates"


def test_exported_smtlib_accepts_a_point_of_the_variety_and_rejects_one_off_it(capsys):
    assert main(["export", "--example", "three-cubics", "--format", "smtlib", "--keep-parameters"]) == 0
    text = capsys.readouterr().out
    assert "(declare-fun w1_0_0 () Real)" in text and "(set-logic QF_NRA)" in text
    variety = variety_from_spec(load_spec(EXAMPLES["three-cubics"]))
    point = variety.sample_point(seed=3)
    names = variety.coordinate_names
    # the equations alone (parameters dropped) decide the fixed points quickly
    equations = text.split("; parameters kept")[0]
    assert z3_check(equations + fix_point(names, point) + "(check-sat)\n")[0] == "sat"
    off = list(point)
    off[4] += 1
    assert z3_check(equations + fix_point(names, off) + "(check-sat)\n")[0] == "unsat"


def test_json_flag_prints_one_object_with_the_text(capsys):
    assert main(["export", "--example", "determinant", "--format", "singular", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["format"] == "singular" and printed["text"].startswith("// relu-varieties")
