"""Sphinx configuration: the Markdown pages of this folder, the notebooks (as stored, not executed) and the
API of the four packages, built with warnings as errors:

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""
from __future__ import annotations

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
