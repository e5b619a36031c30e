"""LaTeX export of an ideal (and optionally its parametrisation), for papers and notebooks.

Last step of the data flow for people: an ``align*`` block with one ``generator = 0`` line each.
Indices stay 0-based, as in the code: ``m_k_i_j`` prints as m^{(k)}_{i,j}, ``w1_0_2`` as w^{(1)}_{0,2}.
"""

from __future__ import annotations

import re

import sympy

from architectures.parametrisation import Parametrisation
from implicitize.export.base import check_exportable, check_parametrisation, proof_line
from implicitize.ideal import IdealResult
from implicitize.printing import latex_text

_NAME = re.compile(r"([A-Za-z]+)(\d*)((?:_\d+)+)\Z")


def latex_name(name: str) -> str:
    """How a coordinate or parameter name prints in LaTeX.

    Examples
    --------
    >>> latex_name("m_1_0_2"), latex_name("y_0_3"), latex_name("w2_1_0"), latex_name("b1_4"), latex_name("t")
    ('m^{(1)}_{0,2}', 'y_{0,3}', 'w^{(2)}_{1,0}', 'b^{(1)}_{4}', 't')
    """
    match = _NAME.match(name)
    if not match:
        return sympy.latex(sympy.Symbol(name))
    letters, layer, indices = match.group(1), match.group(2), match.group(3).strip("_").split("_")
    if layer:
        return rf"{letters}^{{({layer})}}_{{{','.join(indices)}}}"
    if letters == "m" and len(indices) == 3:
        return rf"m^{{({indices[0]})}}_{{{indices[1]},{indices[2]}}}"
    return rf"{letters}_{{{','.join(indices)}}}"


def _latex(expression: sympy.Expr, names: dict[sympy.Symbol, str]) -> str:
    return sympy.latex(sympy.expand(expression), symbol_names=names, order="grevlex")


def export_latex(result: IdealResult, *, parametrisation: Parametrisation | None = None) -> str:
    """An ``align*`` environment with each generator ``= 0`` (and, optionally, the parametrisation).

    Examples
    --------
    >>> import flint
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> print(export_latex(IdealResult(ctx, (y1 - 2 * y0,), 2, proved="generates", route="example")))
    % relu-varieties: ideal of a variety in Q^2, 1 generator(s); proved: generates (example)
    \\begin{align*}
      - 2 y_{0,0} + y_{0,1} &= 0
    \\end{align*}
    <BLANKLINE>
    """
    result = check_exportable(result, exporter="export_latex")
    parametrisation = check_parametrisation(result, parametrisation, exporter="export_latex")
    coordinates = {sympy.Symbol(name): latex_name(name) for name in result.coordinate_names}
    # printed straight from the exact terms: sympy's printer costs more than computing a large ideal
    rows = [f"  {latex_text(g, latex_name)} &= 0" for g in result.generators] or [r"  \text{(zero ideal)} &"]
    lines = [
        f"% relu-varieties: {proof_line(result)}",
        r"\begin{align*}",
        " \\\\\n".join(rows),
        r"\end{align*}",
    ]
    if parametrisation is not None:
        names = dict(coordinates)
        names.update({sympy.Symbol(n): latex_name(n) for n in parametrisation.parameter_names})
        images = [
            f"  {latex_name(c)} &= {_latex(e, names)}"
            for c, e in zip(parametrisation.coordinate_names, parametrisation.to_sympy())
        ]
        lines += [f"% parametrisation: {parametrisation!r}", r"\begin{align*}", " \\\\\n".join(images), r"\end{align*}"]
    return "\n".join(lines) + "\n"
