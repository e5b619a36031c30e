"""Sphinx configuration: the Markdown pages of this folder, the notebooks (as stored, not executed) and the
API of the four packages, built with warnings as errors:

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import architectures

project = "relu-varieties"
author = "relu-varieties contributors"
copyright = "relu-varieties contributors, MIT licence"
release = architectures.__version__
version = release

extensions = [
    "myst_nb",  # Markdown pages (MyST) and notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # "Examples" sections in the docstrings
    "sphinx.ext.mathjax",
]

# The notebooks are stored without outputs and run by the test suite, not by the docs build.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}

exclude_patterns = ["_build", "notebooks/.ipynb_checkpoints", "**/.ipynb_checkpoints"]

autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Dataclass fields and re-exported names would otherwise be documented twice.
autodoc_inherit_docstrings = False

html_theme = "alabaster"
html_title = "relu-varieties"


def _help(arguments: list[str]) -> str:
    """What ``relu-varieties ARGUMENTS --help`` prints (the console script's own parser, in this process)."""
    from implicitize.cli import main

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.suppress(SystemExit):
        main([*arguments, "--help"])
    return output.getvalue()


def write_cli_reference(path: Path) -> None:
    """Write the command-line reference page from every subcommand's ``--help`` (so it cannot go stale)."""
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; a fixed width keeps the page stable
    overview = _help([])
    names = re.findall(r"^    ([a-z][a-z0-9-]*)", overview.split("commands:", 1)[1], flags=re.M)
    lines = [
        "# Command-line reference",
        "",
        "Generated from `relu-varieties --help` and each subcommand's `--help` when the documentation is",
        "built. [The command line](cli.md) explains the commands on network files and spec files.",
        "",
        "```text",
        overview.rstrip(),
        "```",
        "",
    ]
    for name in names:
        lines += [f"## `{name}`", "", "```text", _help([name]).rstrip(), "```", ""]
    text = "\n".join(lines)
    if not path.exists() or path.read_text() != text:  # rewriting an unchanged page would rebuild it
        path.write_text(text)


write_cli_reference(Path(__file__).parent / "cli-reference.md")
