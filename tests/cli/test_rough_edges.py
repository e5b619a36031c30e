"""The command line's behaviour at its edges: time limits, progress bars, interrupts, shared implicitize options."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from implicitize.cli import ideal_options, main
from implicitize.cli.app import build_parser
from implicitize.engine import BACKENDS, STRATEGIES

ROOT = Path(__file__).resolve().parents[2]
#: Subcommands that can compute for long; each takes --timeout.
LONG = [
    "dimension",
    "constraints",
    "network-variety",
    "implicitize",
    "equivalent",
    "identifiability",
    "survey",
    "export",
    "contains",
    "distribution",
]


class _Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _options(command: str) -> dict[str, object]:
    parser = build_parser(command)
    sub = next(action for action in parser._actions if action.dest == "==SUPPRESS==" or action.nargs == "A...")
    return {option: action for action in sub.choices[command]._actions for option in action.option_strings}


@pytest.mark.parametrize("command", LONG)
def test_every_long_command_takes_a_timeout(command):
    assert "--timeout" in _options(command)


def test_export_takes_the_implicitize_options_and_they_mean_the_same():
    implicitize, export = _options("implicitize"), _options("export")
    shared = ("--strategy", "--max-degree", "--backend", "--prove", "--no-cache", "--cache", "--seed", "--timeout")
    for option in shared:
        assert option in export, option
        assert (export[option].dest, export[option].default, export[option].choices) == (
            implicitize[option].dest,
            implicitize[option].default,
            implicitize[option].choices,
        )
    assert (ideal_options.STRATEGIES, ideal_options.BACKENDS) == (STRATEGIES, BACKENDS)


def test_export_uses_the_cache_and_its_prove_option(tmp_path, capsys):
    cache = str(tmp_path / "c.sqlite")
    arguments = ["--example", "determinant", "--cache", cache]
    assert main(["implicitize", *arguments, "--json"]) == 0
    computed = json.loads(capsys.readouterr().out)
    assert not computed["cache_hit"]
    assert main(["export", *arguments, "--format", "json", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert json.loads(exported["text"])["generators"] and exported["proved"] == computed["proved"]
    assert (
        main(
            [
                "export",
                "--example",
                "determinant",
                "--no-cache",
                "--format",
                "json",
                "--strategy",
                "elimination",
                "--backend",
                "sympy",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["generators"] == len(computed["generators"])


def test_a_timeout_stops_the_command_with_one_line_and_status_2(capsys, monkeypatch):
    import implicitize.cli.dimension as command

    def slow(args):
        time.sleep(5)
        return 0

    monkeypatch.setattr(command, "run_dimension", slow)
    assert main(["dimension", "--example", "determinant", "--timeout", "0.2"]) == 2  # 0 if it slept on
    error = capsys.readouterr().err
    assert error.startswith("relu-varieties: error: relu-varieties dimension did not finish within --timeout 0.2 s")
    assert error.count("\n") == 1


def test_a_timeout_kills_a_long_implicitization_and_writes_nothing(tmp_path, capsys):
    output = tmp_path / "ideal.smt2"
    # interpolating up to degree 6 takes about 6 s here; the limit stops it after 1 s (else: status 0, a file)
    status = main(
        [
            "export",
            "--example",
            "three-cubics",
            "--no-cache",
            "--max-degree",
            "6",
            "--format",
            "smtlib",
            "-o",
            str(output),
            "--timeout",
            "1",
        ]
    )
    assert status == 2 and "did not finish within --timeout 1 s" in capsys.readouterr().err
    assert not output.exists()


def test_progress_bars_only_on_a_terminal(tmp_path, monkeypatch, capsys):
    arguments = ["survey", "--widths", "2,2,2", "--blocks", "2", "--workers", "1"]
    assert main(arguments + ["--db", str(tmp_path / "a.sqlite")]) == 0
    assert "case" not in capsys.readouterr().err  # stderr is not a terminal here
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(arguments + ["--db", str(tmp_path / "b.sqlite")]) == 0
    assert "case" in terminal.getvalue()  # the bar
    terminal.truncate(0)
    assert main(arguments + ["--db", str(tmp_path / "c.sqlite"), "--json"]) == 0
    assert "case" not in terminal.getvalue()  # never with --json


def test_ctrl_c_ends_quietly_with_status_130(capsys, monkeypatch):
    import implicitize.cli.dimension as command

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "run_dimension", interrupted)
    assert main(["dimension", "--example", "determinant"]) == 130
    assert capsys.readouterr().err == "relu-varieties: interrupted\n"


def test_ctrl_c_while_a_subcommand_loads_ends_quietly(capsys, monkeypatch):
    import implicitize.cli.app as cli_app

    def interrupted(name):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_app.importlib, "import_module", interrupted)
    assert main(["dimension", "--example", "determinant"]) == 130
    assert capsys.readouterr().err == "relu-varieties: interrupted\n"


def test_a_closed_pipe_ends_quietly_with_a_nonzero_status():
    """``relu-varieties ... | head`` where the reader has gone: status 141 (128 + SIGPIPE), nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command writes anything
    try:
        done = subprocess.run(
            [sys.executable, "-m", "implicitize.cli", "parametrisation", "--example", "determinant"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141 and done.stderr == ""


@pytest.mark.parametrize("command", [["implicitize"], ["export", "--format", "json"]])
def test_the_implicitization_bar_only_on_a_terminal(command, monkeypatch, capsys):
    arguments = [*command, "--example", "three-cubics", "--no-cache"]
    assert main(arguments) == 0
    assert "interpolating" not in capsys.readouterr().err
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(arguments) == 0
    assert "interpolating" in terminal.getvalue()
