"""The README's "In a notebook" lines run as written and give the three cubics of docs/mathematics.md#dimension."""

from __future__ import annotations

import re
from pathlib import Path

import sympy

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_six_lines_give_det_m0_det_m1_and_det_of_the_difference():
    text = README.read_text()
    section = text[text.index("## In a notebook") :]
    code = re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
    assert len([line for line in code.splitlines() if line.strip()]) == 6
    namespace: dict = {}
    exec(code, namespace)
    result = namespace["result"]
    blocks = [
        sympy.Matrix(3, 3, [sympy.Symbol(f"m_{k}_{i}_{j}") for i in range(3) for j in range(3)]) for k in range(2)
    ]
    cubics = [blocks[0].det(), blocks[1].det(), (blocks[0] - blocks[1]).det()]
    generators = result.to_sympy()
    basis = sympy.groebner(cubics, *sorted({s for c in cubics for s in c.free_symbols}, key=str), order="grevlex")
    assert all(basis.contains(g) for g in generators)
    reverse = sympy.groebner(generators, *basis.gens, order="grevlex")
    assert all(reverse.contains(c) for c in cubics)
    assert "\\begin" in result._repr_latex_()
