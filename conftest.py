"""Markers for tests that need an external program (registered in setup.cfg), for every test and doctest.

A test marked ``singular`` or ``macaulay2`` skips, with the reason, on a machine without that program.
Set ``RELU_VARIETIES_REQUIRE_PROGRAMS=1`` (CI does when it has installed both) to run them anyway, so that
a missing program fails instead of skipping. Here, at the root, so that it also applies when only a
package's doctests are collected (``python -m pytest implicitize/singular.py``).
"""

from __future__ import annotations

import os
import shutil

import pytest

#: Marker -> (program it needs, reason its tests skip on a machine without it).
PROGRAMS = {
    "singular": ("Singular", "Singular is not installed (apt-get install singular)"),
    "macaulay2": ("M2", "Macaulay2 is not installed (apt-get install macaulay2)"),
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
        for marker, (program, reason) in PROGRAMS.items():
            if not require and item.get_closest_marker(marker) and shutil.which(program) is None:
                item.add_marker(pytest.mark.skip(reason=reason))
