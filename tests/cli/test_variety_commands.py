"""The dimension and constraints commands against the library."""

from __future__ import annotations

import json

from implicitize.cli import main


def test_dimension_json_has_the_documented_keys(capsys):
    assert main(["dimension", "--example", "shared-signature", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {
        "ambient_dimension",
        "dimension",
        "lower_bound",
        "upper_bound",
        "certified",
        "expected_dimension",
        "refined_expected_dimension",
        "defective",
    } <= set(printed)
    assert (printed["dimension"], printed["certified"], printed["refined_expected_dimension"]) == (13, True, 13)


def test_dimension_text_says_what_is_certified(capsys):
    assert main(["dimension", "--example", "deep"]) == 0
    out = capsys.readouterr().out
    assert "certified" in out and "defective: yes" in out


def test_constraints_prints_minors_in_sympy_syntax(capsys):
    assert main(["constraints", "--example", "determinant", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed["minors"]) == 1 and "^" not in printed["minors"][0]


def test_constraints_refuses_beyond_max(capsys):
    assert main(["constraints", "--example", "three-cubics", "--max", "2"]) == 2
    assert "3 minors" in capsys.readouterr().err


def test_small_prime_is_refused(capsys):
    assert main(["dimension", "--example", "deep", "--prime", "97"]) == 2
    assert "too small" in capsys.readouterr().err
