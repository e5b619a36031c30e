"""The console script: help, version, the parametrisation command, and errors as one clear line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from architectures import __version__, load_spec, EXAMPLES
from implicitize.cli import main


def test_version_and_help(capsys):
    for flag in ("--version", "--help"):
        try:
            main([flag])
        except SystemExit as stop:
            assert stop.code == 0
    out = capsys.readouterr().out
    assert __version__ in out and "parametrisation" in out


def test_parametrisation_json_matches_the_library(capsys):
    assert main(["parametrisation", "--example", "determinant", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    parametrisation = load_spec(EXAMPLES["determinant"]).parametrisation()
    assert printed["coordinates"] == {
        name: str(p) for name, p in zip(parametrisation.coordinate_names, parametrisation.polynomials)
    }


def test_bad_spec_is_one_clear_line(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"widths": [3, 3, 3], "patterns": [[[7]]]}')
    assert main(["parametrisation", str(path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("relu-varieties: error:") and "neuron" in error and "\n" not in error


@pytest.mark.slow
def test_console_script_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "implicitize.cli", "parametrisation", "--example", "deep"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "m_1_1_1" in result.stdout
