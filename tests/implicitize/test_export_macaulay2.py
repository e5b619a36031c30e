"""Macaulay2 export: M2 reads the script back into the same ideal, and the map's kernel is it."""

from __future__ import annotations

import re
import subprocess

import pytest
import sympy

from architectures.errors import InvalidExportError
from export_cases import determinant, monic_set, parse_infix, three_cubics, with_rational_coefficients
from implicitize.export.macaulay2 import export_macaulay2, macaulay2_name


def run_m2(script: str, tmp_path) -> str:
    path = tmp_path / "ideal.m2"
    path.write_text(script)
    done = subprocess.run(["M2", "--script", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def _plain_names(text: str) -> str:
    # m_(0,1,2) -> m_0_1_2, Y_3 stays: the inverse of macaulay2_name
    return re.sub(
        r"([A-Za-z][A-Za-z0-9]*)_\(([\d,]+)\)", lambda m: m.group(1) + "_" + m.group(2).replace(",", "_"), text
    )


def test_names_are_spelled_as_indexed_variables_and_back():
    for name in ("m_0_1_2", "y_3_0", "Y_4", "w2_1_0"):
        assert _plain_names(macaulay2_name(name)) == name
    with pytest.raises(InvalidExportError, match="cannot spell"):
        macaulay2_name("bad-name")


@pytest.mark.slow
@pytest.mark.macaulay2
def test_macaulay2_reads_back_the_generators_and_its_groebner_basis_is_sympys(tmp_path):
    # One M2 run for all checks (M2 starts in about half a second).
    cases = [three_cubics()[0], with_rational_coefficients()[0]]
    script = ""
    for result in cases:
        script += export_macaulay2(result)
        script += 'scan(flatten entries gens I, g -> print toString g);\nprint "--";\n'
        script += 'scan(flatten entries gens gb I, g -> print toString g);\nprint "==";\n'
    printed = run_m2(script, tmp_path)
    blocks = [block.strip() for block in printed.split("==") if block.strip()]
    assert len(blocks) == len(cases)
    for result, block in zip(cases, blocks):
        generators, basis = (part.split() for part in block.split("--"))
        assert parse_infix([_plain_names(g) for g in generators], result.context) == list(result.generators)
        symbols = [sympy.Symbol(name) for name in result.coordinate_names]
        reference = sympy.groebner(result.to_sympy(), *symbols, order="grevlex")
        assert monic_set(parse_infix([_plain_names(g) for g in basis], result.context), result.context) == monic_set(
            parse_infix([str(e) for e in reference.exprs], result.context), result.context
        )


@pytest.mark.slow
@pytest.mark.macaulay2
def test_the_kernel_of_the_exported_map_is_the_exported_ideal_for_rank_two_three_by_three(tmp_path):
    result, parametrisation = determinant()
    script = export_macaulay2(result, parametrisation=parametrisation) + "print(kernel F == I);\n"
    assert run_m2(script, tmp_path) == "true"
