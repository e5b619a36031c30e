"""The Macaulay2 names refused as ring variables: every identifier Core binds, checked against Macaulay2 itself."""

from __future__ import annotations

import random
import re
import shutil
import subprocess

import pytest

from architectures.errors import InvalidExportError
from implicitize.export.macaulay2 import macaulay2_name
from implicitize.export.macaulay2_core_names import CORE_NAMES, MACAULAY2_VERSION

SAMPLE = sorted(random.Random(16).sample(sorted(CORE_NAMES), 40))


@pytest.mark.parametrize("name", ["gb", "ker", "random", "Ideal", "det", "symbol", "QQ", "ii", "koszul", "res"])
def test_names_core_binds_are_refused_plain_and_indexed(name):
    assert name in CORE_NAMES
    with pytest.raises(InvalidExportError, match="Macaulay2"):
        macaulay2_name(name)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name):
        with pytest.raises(InvalidExportError, match="Macaulay2"):
            macaulay2_name(f"{name}_0_1")


@pytest.mark.parametrize("name", ["y_0_1", "m_0_0_0", "w1_0_1", "b2_3", "t", "Y_3"])
def test_the_toolkit_s_own_names_are_not_core_names(name):
    assert macaulay2_name(name)


def test_the_list_holds_identifiers_only():
    assert len(CORE_NAMES) > 1000
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9']*", name) for name in CORE_NAMES)


@pytest.mark.skipif(shutil.which("M2") is None, reason="Macaulay2 is not installed (apt-get install macaulay2)")
def test_the_list_agrees_with_the_installed_macaulay2(tmp_path):
    """Same version: the same identifiers exactly. Another version: a seeded sample is still bound in Core."""
    script = tmp_path / "names.m2"
    out = tmp_path / "names.txt"
    script.write_text(
        f'f = openOut "{out}"; f << version#"VERSION" << endl; '
        "scan(sort apply(keys Core.Dictionary, toString), k -> f << k << endl); close f;\n"
    )
    subprocess.run(["M2", "--script", str(script)], capture_output=True, text=True, timeout=120, check=True)
    version, *keys = out.read_text().split("\n")
    installed = {key for key in keys if re.fullmatch(r"[A-Za-z][A-Za-z0-9']*", key)}
    if version.strip() == MACAULAY2_VERSION:
        assert installed == CORE_NAMES
    else:
        assert set(SAMPLE) <= installed, sorted(set(SAMPLE) - installed)
    assert not {"y", "m", "w1", "b2", "t", "Y"} & installed
