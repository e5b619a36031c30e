"""The ``distribution`` command: JSON shape, ordering, defaults, and clear errors."""

import json

import numpy as np
import pytest

from distribution_cases import make_network
from distributions.inputs import standard_normal
from distributions.pieces import affine_pieces
from implicitize.cli import main


@pytest.fixture
def network_file(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(make_network((2, 5, 1), seed=61).to_json()))
    return path


def test_json_output_has_the_documented_shape_most_probable_first(network_file, capsys):
    assert main(["distribution", str(network_file), "--json", "--mass", "0.95"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"pieces", "mass", "mass_error", "complete", "stopped"}
    assert all(set(piece) == {"pattern", "probability", "error"} for piece in result["pieces"])
    probabilities = [piece["probability"] for piece in result["pieces"]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert result["mass"] >= 0.95 and abs(result["mass"] - sum(probabilities)) < 1e-12
    # Same answer as the library with the default input N(0, I).
    direct = affine_pieces(make_network((2, 5, 1), seed=61), standard_normal(2), mass=0.95)
    assert [p["pattern"] for p in result["pieces"]] == [p.pattern.as_lists() for p in direct.pieces]


def test_mean_and_covariance_files_are_read(network_file, tmp_path, capsys):
    (tmp_path / "mean.json").write_text(json.dumps([1, "1/2"]))
    (tmp_path / "cov.json").write_text(json.dumps([[1, 0], [0, 0]]))
    assert (
        main(
            [
                "distribution",
                str(network_file),
                "--mean",
                str(tmp_path / "mean.json"),
                "--cov",
                str(tmp_path / "cov.json"),
                "--json",
                "--mass",
                "1",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert abs(result["mass"] - 1) < 1e-9  # rank one: exact interval probabilities


def test_text_output_names_the_mass(network_file, capsys):
    assert main(["distribution", str(network_file)]) == 0
    assert "mass" in capsys.readouterr().out


@pytest.mark.parametrize(
    "covariance, phrase", [([[1, 2], [2, 1]], "positive semidefinite"), ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], "shape")]
)
def test_bad_covariance_files_give_one_clear_error(network_file, tmp_path, capsys, covariance, phrase):
    (tmp_path / "cov.json").write_text(json.dumps(covariance))
    assert main(["distribution", str(network_file), "--cov", str(tmp_path / "cov.json")]) == 2
    assert phrase in capsys.readouterr().err


def test_nan_weights_in_a_network_file_give_a_clear_error(tmp_path, capsys):
    path = tmp_path / "nan.npz"
    np.savez(path, W1=np.array([[np.nan, 1.0]]), W2=np.array([[1.0]]), b1=np.zeros(1), b2=np.zeros(1))
    assert main(["distribution", str(path)]) == 2
    assert "nan" in capsys.readouterr().err.lower()
