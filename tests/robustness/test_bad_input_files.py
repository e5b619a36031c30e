"""Malformed input files: every one a single clear line on stderr and exit status 2, never a traceback.

Each class of file here once gave a traceback or a hang; the expected message fragment says what the
error must name so the user knows what to fix.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import numpy as np
import pytest

from architectures.errors import InvalidIdealFileError, InvalidNumberError, InvalidSpecError
from architectures.json_files import json_depth, parse_json
from architectures.network_file import load_network
from architectures.numbers import to_fraction
from architectures.spec import load_spec
from implicitize.cli import main
from implicitize.export.json import load_json

GOOD = {"widths": [2, 2, 1], "bias": False, "weights": [[["1", "2"], ["3", "-1"]], [["1", "1"]]]}


def _json(path, document):
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def _w(first: str) -> dict:
    return {**GOOD, "weights": [[[first, "2"], ["3", "-1"]], [["1", "1"]]]}


JSON_CASES = {
    "widths an integer": ({**GOOD, "widths": 3}, '"widths" must be a list'),
    "weights an integer": ({**GOOD, "weights": 3}, '"weights" must be a list'),
    "deep nesting": ("[" * 5000 + "]" * 5000, "5000 deep"),
    "5000-digit string": (_w("1" * 5000), "more than the 4000 allowed"),
    "5000-digit integer": (
        '{"widths":[2,2,1],"bias":false,"weights":[[[' + "1" * 5000 + ",2],[3,-1]],[[1,1]]]}",
        "5000 digits",
    ),
    "huge exponent": (_w("1e99999999"), "100000000 digits"),
    "exponent 5000": (_w("1e5000"), "5001 digits"),
    "NaN": ('{"widths":[2,2,1],"bias":false,"weights":[[[NaN,2],[3,-1]],[[1,1]]]}', "NaN"),
    "bias false with biases": ({**GOOD, "biases": [["0", "0"], ["0"]]}, '"bias": false but gives'),
    "bias true without biases": ({**GOOD, "bias": True}, '"bias": true but has no'),
    "unknown key": ({**GOOD, "activation": "tanh"}, "unknown key"),
}


@pytest.mark.parametrize("command", ["identifiability", "distribution", "equivalent"])
@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_a_malformed_network_file_is_one_line_and_status_two(case, command, tmp_path, capsys):
    document, fragment = JSON_CASES[case]
    path = str(_json(tmp_path / "net.json", document))
    argv = [command, path] + ([path] if command == "equivalent" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("relu-varieties: error:") and fragment in err, err


def test_bytes_that_are_not_utf8_are_reported_with_their_position(tmp_path, capsys):
    path = tmp_path / "net.json"
    path.write_bytes(b'{"widths":[2,2,1],"bias":false,"weights":"\xff"}')
    assert main(["identifiability", str(path)]) == 2
    assert "byte 0xff at position 42" in capsys.readouterr().err


def _npz_missing_layer(path):
    np.savez(path, W1=np.ones((2, 2)), W3=np.ones((1, 2)))


def _npz_object_array(path):
    np.savez(path, W1=np.array([[1, 2]], dtype=object), W2=np.ones((1, 1)))


def _raw_pickle(path):
    path.write_bytes(pickle.dumps({"W1": [[1]]}))


def _npy_renamed(path):
    with open(path, "wb") as handle:
        np.save(handle, np.ones((2, 2)))


def _truncated(path):
    np.savez(path, W1=np.ones((2, 2)), W2=np.ones((1, 2)))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


NPZ_CASES = {
    "missing W2": (_npz_missing_layer, "numbered [1, 3]"),
    "object array": (_npz_object_array, "pickled Python objects"),
    "raw pickle": (_raw_pickle, "not a zip archive"),
    ".npy renamed": (_npy_renamed, "a single .npy array"),
    "truncated zip": (_truncated, "damaged or truncated"),
}


@pytest.mark.parametrize("case", sorted(NPZ_CASES))
def test_a_malformed_npz_network_is_refused_without_loading_pickles(case, tmp_path, capsys):
    write, fragment = NPZ_CASES[case]
    path = tmp_path / "net.npz"
    write(path)
    with pytest.raises(InvalidSpecError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        load_network(path)
    assert main(["identifiability", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_good_network_file_still_reads(tmp_path):
    network = load_network(_json(tmp_path / "net.json", GOOD))
    assert network.architecture.widths == (2, 2, 1)
    assert network.theta == tuple(to_fraction(x) for x in ("1", "2", "3", "-1", "1", "1"))


def test_the_digit_limit_refuses_without_expanding_and_keeps_ordinary_numbers():
    with pytest.raises(InvalidNumberError, match="digits"):
        to_fraction("1e99999999")
    with pytest.raises(InvalidNumberError, match="digits"):
        to_fraction("1/" + "3" * 4001)
    assert to_fraction("-1.5E+2") == -150 and to_fraction(" 3/4 ") == to_fraction("0.75")
    assert to_fraction("1" * 4000) == int("1" * 4000)


def test_json_depth_skips_brackets_inside_strings():
    assert json_depth('{"a": [[1], "[[[[["]}') == 3
    assert parse_json('["[[[[[[[[[[["]', what="x", max_depth=1) == ["[[[[[[[[[[["]


def test_a_huge_float_literal_is_refused_not_read_as_infinity():
    with pytest.raises(InvalidSpecError, match="too large for a float"):
        parse_json("[1e999]", what="data")


def test_option_values_out_of_range_are_usage_errors(capsys):
    assert main(["export", "--example", "determinant", "--format", "smtlib", "--max-degree", "-1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected a positive integer" in err


@pytest.mark.parametrize("source", [None, 3, b"{}"])
def test_load_spec_of_something_that_is_no_spec_says_what_it_takes(source):
    with pytest.raises(InvalidSpecError, match="file path, a JSON string or a dict"):
        load_spec(source)


IDEAL = {
    "schema": "relu-varieties/ideal/1",
    "coordinates": ["a"],
    "generators": [[{"coefficient": "1", "monomial": {"a": 1}}]],
}


@pytest.mark.parametrize(
    "document, fragment",
    [
        ({**IDEAL, "generators": [[{"coefficient": "1e999999999", "monomial": {"a": 1}}]]}, "digits"),
        ({**IDEAL, "coordinates": [f"c{i}" for i in range(100_000)]}, "more than the 10000"),
        ({**IDEAL, "extra": 1}, "unknown key"),
        ("[" * 1000 + "]" * 1000, "1000 deep"),
    ],
)
def test_a_hostile_ideal_file_is_refused_quickly(document, fragment):
    with pytest.raises(InvalidIdealFileError, match=fragment):
        load_json(document if isinstance(document, str) else json.dumps(document))


def test_a_coordinate_named_true_prints_as_a_symbol():
    result = load_json(
        json.dumps({**IDEAL, "coordinates": ["True"], "generators": [[{"coefficient": "2", "monomial": {"True": 2}}]]})
    )
    assert result.to_strings() == ["2*True**2"]


def test_an_internal_error_is_one_line_and_the_traceback_only_under_debug(monkeypatch, capsys):
    import implicitize.cli.identifiability as commands

    def broken(args):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(commands, "run_identifiability", broken)
    assert main(["identifiability", "x.json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error, please report" in err and "Traceback" not in err
    assert main(["--debug", "identifiability", "x.json"]) == 1
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.slow
def test_a_closed_pipe_is_quiet():
    done = subprocess.run(
        f"{sys.executable} -m implicitize.cli export --example three-cubics --format json | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_sizes_that_would_exhaust_memory_are_refused_before_allocating():
    from architectures import Architecture
    from architectures.errors import ComputationTooLargeError
    from varieties.variety import PatternVariety

    with pytest.raises(ComputationTooLargeError, match="10000100000 parameters"):
        Architecture((10**5, 10**5, 1)).parameter_names
    wide = PatternVariety(Architecture((3, 10**6, 3)), [[[0]], [[1]]])
    with pytest.raises(ComputationTooLargeError, match="6000000 parameters"):
        wide.parametrisation.polynomials
    with pytest.raises(ComputationTooLargeError, match="width 1000000"):
        wide.parametrisation.jacobian_mod(np.zeros(wide.parametrisation.parameter_count, dtype=np.int64), 32003)


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["distribution", "--mass", "2", "x.json"], "probability in (0, 1]"),
        (["distribution", "--mass", "nan", "x.json"], "probability in (0, 1]"),
        (["identifiability", "--timeout", "0", "x.json"], "positive number of seconds"),
        (["identifiability", "--timeout", "inf", "x.json"], "positive number of seconds"),
        (["implicitize", "--example", "determinant", "--seed", "-1"], "integer ≥ 0"),
        (["survey", "--widths", "3,3,3", "--workers", "two"], "positive integer"),
        (["no-such-command"], "invalid choice"),
    ],
)
def test_every_option_out_of_range_is_one_line_and_status_two(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err, err
