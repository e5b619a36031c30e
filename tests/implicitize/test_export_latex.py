"""LaTeX export: one typesettable line per generator, naming exactly the generator's coordinates."""

from __future__ import annotations

import re

import pytest
from matplotlib.mathtext import MathTextParser

from export_cases import determinant, three_cubics, with_rational_coefficients
from implicitize.export.latex import export_latex, latex_name


def _rows(text: str, environment: int = 0) -> list[str]:
    blocks = re.findall(r"\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}", text, flags=re.S)
    return [row.strip() for row in blocks[environment].split("\\\\\n")]


@pytest.mark.parametrize("case", [three_cubics, with_rational_coefficients])
@pytest.mark.slow
def test_each_generator_is_one_line_that_typesets_and_names_its_own_coordinates(case):
    result, _ = case()
    rows = _rows(export_latex(result))
    assert len(rows) == len(result.generators)
    parser = MathTextParser("path")
    for row, generator in zip(rows, result.generators):
        assert row.endswith("&= 0")
        body = row[: -len("&= 0")]
        parser.parse(f"${body}$")  # raises ValueError on malformed TeX
        used = {name for name, e in zip(result.coordinate_names, generator.degrees()) if e}
        shown = {name for name in result.coordinate_names if latex_name(name) in body}
        assert shown == used


def test_rational_coefficients_print_as_fractions():
    result, _ = with_rational_coefficients()
    text = export_latex(result)
    assert r"\frac{3" in text and r"\frac{2" in text and "0." not in text


def test_the_parametrisation_is_listed_one_coordinate_per_line():
    result, parametrisation = determinant()
    rows = _rows(export_latex(result, parametrisation=parametrisation), environment=1)
    assert [row.split(" &= ")[0] for row in rows] == [latex_name(n) for n in parametrisation.coordinate_names]
    assert all(latex_name(n) in " ".join(rows) for n in parametrisation.parameter_names)
