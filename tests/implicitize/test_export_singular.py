"""Singular export: Singular reads the script back into the same ideal, and the map's kernel is it."""

from __future__ import annotations

import subprocess

import flint
import pytest
import sympy

from architectures.errors import InvalidExportError
from export_cases import determinant, monic_set, parse_infix, three_cubics, with_rational_coefficients
from implicitize.export.singular import export_singular
from implicitize.ideal import IdealResult

PRINT_GENERATORS = """
for (int relu_i = 1; relu_i <= ncols({0}); relu_i++) {{ print(string({0}[relu_i])); }}
"""


def run_singular(script: str) -> list[str]:
    done = subprocess.run(
        ["Singular", "-q"], input=script + "\nquit;\n", capture_output=True, text=True, timeout=60, check=True
    )
    assert "error" not in done.stdout.lower() + done.stderr.lower(), done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("case", [three_cubics, with_rational_coefficients])
@pytest.mark.singular
def test_singular_reads_back_the_exact_generators(case):
    result, _ = case()
    printed = run_singular(export_singular(result) + PRINT_GENERATORS.format("I"))
    assert parse_infix(printed, result.context) == list(result.generators)


@pytest.mark.parametrize("case", [three_cubics, with_rational_coefficients])
@pytest.mark.singular
def test_singular_reduced_groebner_basis_equals_sympys_of_the_original(case):
    result, _ = case()
    script = export_singular(result) + "option(redSB);\nideal G = std(I);\n" + PRINT_GENERATORS.format("G")
    from_singular = parse_infix(run_singular(script), result.context)
    symbols = [sympy.Symbol(name) for name in result.coordinate_names]
    basis = sympy.groebner(result.to_sympy(), *symbols, order="grevlex")
    from_sympy = parse_infix([str(e) for e in basis.exprs], result.context)
    assert monic_set(from_singular, result.context) == monic_set(from_sympy, result.context)


@pytest.mark.singular
def test_the_kernel_of_the_exported_map_is_the_exported_ideal_for_rank_two_three_by_three():
    # docs/mathematics.md#dimension: the (3,2,3) pattern variety is {det M = 0}; Singular's elimination agrees.
    result, parametrisation = determinant()
    script = (
        export_singular(result, parametrisation=parametrisation)
        + "option(redSB);\nideal K = std(kernel(P, F));\nideal G = std(I);\n"
        + "print(size(reduce(K, G)) + size(reduce(G, K)));\n"
    )
    assert run_singular(script) == ["0"]


@pytest.mark.singular
def test_a_zero_ideal_is_written_as_zero_and_read_back_empty():
    result, _ = three_cubics()
    zero = IdealResult(result.context, (), 18, proved="generates", route="hand")
    assert run_singular(export_singular(zero) + "print(size(I));\n") == ["0"]


def test_coordinate_names_that_clash_with_the_scripts_names_are_refused():
    context = flint.fmpq_mpoly_ctx.get(("R", "y"), "degrevlex")
    with pytest.raises(InvalidExportError, match="clash"):
        export_singular(IdealResult(context, (context.gens()[0],), 2, proved="generates"))
