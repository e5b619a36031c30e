"""The equivalent and identifiability subcommands print the documented JSON keys with correct values."""

from __future__ import annotations

import json
from fractions import Fraction

from architectures import Network, forward_pass
from implicitize.cli import main
from varieties.symmetry.identifiability import degenerate_examples


def _write(tmp_path, name, network: Network):
    path = tmp_path / name
    path.write_text(json.dumps(network.to_json()))
    return str(path)


def test_equivalent_reports_symmetry_same_function_and_a_witness(tmp_path, capsys):
    absolute = Network.from_weights([[[1], [-1]], [[1, 1]]])
    rescaled = Network.from_weights([[[-2], [3]], [[Fraction(1, 2), Fraction(1, 3)]]])
    identity = Network.from_weights([[[1], [-1]], [[1, -1]]])
    a, b, c = (_write(tmp_path, f"{n}.json", x) for n, x in (("a", absolute), ("b", rescaled), ("c", identity)))
    assert main(["equivalent", a, b, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"related_by_symmetry": True, "same_function": True, "witness": None}
    assert main(["equivalent", a, c, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"related_by_symmetry", "same_function", "witness"}
    assert result["related_by_symmetry"] is False and result["same_function"] is False
    point = [Fraction(x) for x in result["witness"]]
    assert (
        forward_pass(absolute.architecture, absolute.theta, [point]).outputs
        != forward_pass(identity.architecture, identity.theta, [point]).outputs
    )
    assert main(["equivalent", a, c]) == 0
    assert "witness input" in capsys.readouterr().out


def test_equivalent_of_a_network_and_its_reduction_is_same_function_without_symmetry(tmp_path, capsys):
    twins = degenerate_examples()["twins"]
    smaller = Network.from_weights([[[1, 2], [-1, 1]], [[3, -2]]], [[1, 0], [0]])
    assert main(["equivalent", _write(tmp_path, "t.json", twins), _write(tmp_path, "s.json", smaller), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"related_by_symmetry": False, "same_function": True, "witness": None}


def test_identifiability_prints_the_documented_keys(tmp_path, capsys):
    path = _write(tmp_path, "dead.json", degenerate_examples()["dead"])
    assert main(["identifiability", path, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"functional_dimension", "fibre_dimension", "symmetry_dimension", "identifiable", "reasons"}
    assert result["functional_dimension"] + result["fibre_dimension"] == 13
    assert result["symmetry_dimension"] == 3 and result["identifiable"] is False
    assert any(r.startswith("dead neuron") for r in result["reasons"])
    assert main(["identifiability", path]) == 0
    assert "identifiable up to symmetries: no" in capsys.readouterr().out


def test_mismatched_networks_give_a_clear_error_and_exit_code_two(tmp_path, capsys):
    one = _write(tmp_path, "one.json", Network.from_weights([[[1]], [[1]]]))
    two = _write(tmp_path, "two.json", Network.from_weights([[[1, 2]], [[1]]]))
    assert main(["equivalent", one, two]) == 2
    assert "same input and output widths" in capsys.readouterr().err


def test_identifiability_modular_method_agrees_with_the_exact_one(tmp_path, capsys):
    path = _write(tmp_path, "aa.json", degenerate_examples()["always-active"])
    answers = []
    for method in ("exact", "modular"):
        assert main(["identifiability", path, "--method", method, "--seed", "3", "--json"]) == 0
        answers.append(json.loads(capsys.readouterr().out))
    assert answers[0] == answers[1] and answers[0]["fibre_dimension"] > answers[0]["symmetry_dimension"]
