"""Every public function of the packages' ``__init__`` APIs, and every subcommand, given bad values:
the project's own exception, never a traceback from deep inside."""

from __future__ import annotations

import importlib
import inspect
import math

import numpy as np
import pytest

from architectures.errors import ReluVarietiesError
from implicitize.cli import main
from implicitize.cli.app import build_parser
from implicitize.cli.registry import COMMANDS

PACKAGES = ("architectures", "varieties", "implicitize", "distributions")
BAD = {
    "None": None,
    "text": "x",
    "negative": -1,
    "nan": math.nan,
    "infinity": math.inf,
    "ragged": [[1, 2], [3]],
    "object": object(),
    "array of nan": np.full((2, 2), np.nan),
}


def _public_functions() -> list[tuple[str, str]]:
    found = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value) and any(
                p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                for p in inspect.signature(value).parameters.values()
            ):
                found.append((package, name))
    return found


FUNCTIONS = _public_functions()


def test_the_api_is_what_the_test_walks():
    assert len(FUNCTIONS) >= 60  # every package's functions are found (a rename would shrink this)


#: Bad values that are a correct input for one function, with the outcome checked instead.
CORRECT = {("implicitize", "write_export", "text"): lambda: open("x").read() == "x"}  # writes "x" to the file x


@pytest.mark.parametrize("bad", sorted(BAD))
@pytest.mark.parametrize("package, name", FUNCTIONS)
def test_every_public_function_refuses_bad_values_with_a_project_error(package, name, bad, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a function that writes a file writes it here
    function = getattr(importlib.import_module(package), name)
    required = [
        p
        for p in inspect.signature(function).parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    try:
        function(*[BAD[bad]] * len(required))
    except ReluVarietiesError:
        return
    except Exception as error:  # noqa: BLE001 - the failure this test exists to find
        pytest.fail(f"{package}.{name}({bad}) raised {type(error).__name__}: {error}")
    assert (package, name, bad) in CORRECT and CORRECT[package, name, bad](), f"{package}.{name}({bad}) accepted it"


def _subcommands() -> list[str]:
    return sorted(COMMANDS)


BAD_OPTIONS = ["-1", "nan", "inf", "1e999", "x", ""]


@pytest.mark.parametrize("command", _subcommands())
def test_every_option_of_every_subcommand_given_bad_values_is_one_line(command, capsys, tmp_path, monkeypatch):
    """Each numeric or choice option with each bad value: a usage error (status 2), one line."""
    monkeypatch.chdir(tmp_path)
    parser = build_parser(command)
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    sub = action.choices[command]
    options = [a for a in sub._actions if a.option_strings and (a.type is not None or a.choices) and a.nargs != 0]
    assert options or command in ("equivalent",), command
    for option in options:
        for value in BAD_OPTIONS:
            if option.type is None and not option.choices:
                continue
            argv = [command, option.option_strings[-1], value]
            code = main(argv)
            err = capsys.readouterr().err
            assert code == 2 and err.count("\n") == 1 and err.startswith("relu-varieties: error:"), (argv, err)
