"""Mean and covariance files beyond the double range, and specs with too many blocks: one clear line, status 2."""

from __future__ import annotations

import json

import pytest

from implicitize.cli import main

NETWORK = {"widths": [2, 2, 1], "bias": False, "weights": [[["1", "2"], ["3", "-1"]], [["1", "1"]]]}


@pytest.mark.parametrize(
    "option, document", [("--mean", ["1e400", 0]), ("--cov", [["1e400", 0], [0, 1]]), ("--mean", ["-1e309", "1/3"])]
)
def test_an_exact_value_beyond_the_double_range_is_one_clear_line(option, document, tmp_path, capsys):
    network = tmp_path / "net.json"
    network.write_text(json.dumps(NETWORK))
    values = tmp_path / "values.json"
    values.write_text(json.dumps(document))
    assert main(["distribution", str(network), option, str(values)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "beyond the range of a float" in err


def test_a_spec_with_more_blocks_than_rank_families_are_built_for_is_answered_or_refused_at_once(tmp_path, capsys):
    """1 000 equal blocks once ran for minutes building half a million pair bounds: ``constraints`` now
    refuses at once, ``dimension`` answers from the Jacobian and the parameter count, checked against one block
    (equal blocks give the same variety, embedded diagonally)."""
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"widths": [3, 3, 3], "bias": False, "variety": "pattern", "patterns": [[[0]]] * 1000}))
    assert main(["constraints", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "499500 pairs to bound" in err
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"widths": [3, 3, 3], "bias": False, "variety": "pattern", "patterns": [[[0]]]}))
    assert main(["dimension", "--json", str(one)]) == 0
    single = json.loads(capsys.readouterr().out)
    assert main(["dimension", "--json", str(spec)]) == 0
    many = json.loads(capsys.readouterr().out)
    assert many["dimension"] == single["dimension"]
