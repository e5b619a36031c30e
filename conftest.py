"""Markers for tests that need an external program (registered in setup.cfg), for every test and doctest.

A test marked ``singular``, ``macaulay2``, ``multigraded`` or ``gfan`` skips, with the reason, on a machine without
that program (``multigraded``: the Macaulay2 1.26 of the PyPI package passagemath-macaulay2).
Set ``RELU_VARIETIES_REQUIRE_PROGRAMS=1`` (CI does when it has installed them) to run them anyway, so that
a missing program fails instead of skipping. Here, at the root, so that it also applies when only a
package's doctests are collected (``python -m pytest implicitize/singular.py``).
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
from collections.abc import Callable

import pytest


def _installed(distribution: str) -> Callable[[], bool]:
    """Whether the Python distribution (a package shipping the program) is installed."""

    def check() -> bool:
        try:
            importlib.metadata.distribution(distribution)
        except importlib.metadata.PackageNotFoundError:
            return False
        return True

    return check


#: Marker -> (whether the program it needs is here, reason its tests skip on a machine without it).
PROGRAMS: dict[str, tuple[Callable[[], bool], str]] = {
    "singular": (lambda: shutil.which("Singular") is not None, "Singular is not installed (apt-get install singular)"),
    "macaulay2": (lambda: shutil.which("M2") is not None, "Macaulay2 is not installed (apt-get install macaulay2)"),
    "multigraded": (
        _installed("passagemath-macaulay2"),
        "Macaulay2 1.26 with MultigradedImplicitization is not installed (pip install passagemath-macaulay2)",
    ),
    "gfan": (lambda: shutil.which("gfan") is not None, "gfan is not installed (apt-get install gfan)"),
}

#: Text in a doctest's examples showing that it runs the program of the marker (no doctest runs Macaulay2).
DOCTEST_TRACES = {
    "singular": (
        "_singular(",
        "_singular_timed(",
        'backend="singular"',
        "degree_of_quotient(",
        "serre_certificate(",
        "missing_generators(",
        "degree_certificate(",
        "singular_values(",
    )
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Doctests get the markers of the programs they call; marked tests skip where the program is absent."""
    require = bool(os.environ.get("RELU_VARIETIES_REQUIRE_PROGRAMS"))
    for item in items:
        test = getattr(item, "dtest", None)
        if test is not None:
            source = "\n".join(example.source for example in test.examples)
            for marker, traces in DOCTEST_TRACES.items():
                if any(trace in source for trace in traces):
                    item.add_marker(marker)
        for marker, (available, reason) in PROGRAMS.items():
            if not require and item.get_closest_marker(marker) and not available():
                item.add_marker(pytest.mark.skip(reason=reason))
