"""The command line's house rules: one registry, one module per subcommand, a fast ``--help``, lazy packages."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from implicitize.cli import main
from implicitize.cli.registry import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "architectures",
    "varieties",
    "varieties.symmetry",
    "implicitize",
    "implicitize.export",
    "implicitize.backends",
    "implicitize.survey",
    "distributions",
]
HEAVY = ("sympy", "flint", "numpy", "networkx", "scipy", "matplotlib", "tqdm")


def _modules_loaded_by(argv: list[str]) -> set[str]:
    """Every module a fresh interpreter has imported after ``relu-varieties ARGV``."""
    code = (
        f"import sys\nfrom implicitize.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split("\n")[-2].split())


@pytest.mark.parametrize("argv", [["--help"], ["--version"], []])
def test_help_and_version_import_no_heavy_library(argv):
    assert {name.split(".")[0] for name in _modules_loaded_by(argv)} & set(HEAVY) == set()


def test_a_subcommand_imports_only_its_own_module():
    loaded = {name for name in _modules_loaded_by(["dimension", "--help"]) if name.startswith("implicitize.cli.")}
    assert loaded == {
        "implicitize.cli.app",
        "implicitize.cli.registry",
        "implicitize.cli.dimension",
        "implicitize.cli.options",
        "implicitize.cli.spec_options",
    }


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_subcommand_help_has_its_summary_a_description_and_an_example(name, capsys):
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: relu-varieties {name}")
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 12, description  # a sentence or more, not just the summary
    assert f"\n  relu-varieties {name} " in text.split("example")[-1]


def test_top_level_help_lists_every_subcommand_with_its_summary(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name, entry in COMMANDS.items():
        assert f"{name} {' '.join(entry.summary.split())}" in text


def test_every_command_module_is_registered_once():
    registering = {
        f"implicitize.cli.{info.name}"
        for info in pkgutil.iter_modules([str(ROOT / "implicitize/cli")])
        if "def register(" in (ROOT / "implicitize/cli" / f"{info.name}.py").read_text()
    }
    assert registering == {entry.module for entry in COMMANDS.values()}
    assert len(set(COMMANDS.values())) == len(COMMANDS)


def test_nothing_outside_the_cli_package_imports_it():
    offenders = []
    for folder in ("architectures", "varieties", "implicitize", "distributions"):
        for path in (ROOT / folder).rglob("*.py"):
            if (ROOT / "implicitize/cli") in path.parents:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                names = (
                    [alias.name for alias in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith("implicitize.cli")]
    assert offenders == []


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_of_a_package_resolves_and_is_documented(package):
    module = importlib.import_module(package)
    assert module.__doc__ and "Public API" in module.__doc__
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        getattr(module, "not_a_name")  # noqa: B009 - the attribute access is what is tested


def test_export_from_the_package_is_the_function_after_the_subpackage_is_imported():
    importlib.import_module("implicitize.export.json")
    from implicitize import export

    assert callable(export) and export.__module__ == "implicitize.export.registry"


@pytest.mark.parametrize(
    "package, name",
    [
        ("varieties", "dimension"),
        ("varieties", "minors"),
        ("varieties.symmetry", "identifiability"),
        ("varieties.symmetry", "same_function"),
        ("implicitize", "export"),
    ],
)
def test_a_public_function_wins_over_its_module_of_the_same_name(package, name):
    """``from varieties import dimension`` is the function, also after the module varieties.dimension is imported."""
    code = (
        f"import importlib, types\nimportlib.import_module('{package}.{name}')\n"
        f"from {package} import {name}\nassert callable({name}) and not isinstance({name}, types.ModuleType)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
