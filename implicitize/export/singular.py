"""Singular script export: the coordinate ring, the ideal, and (optionally) the parametrisation as a map.

Last step of the data flow for computer algebra: ``Singular -q file`` defines ring ``R`` and ideal ``I``.
"""

from __future__ import annotations

from architectures.errors import InvalidExportError
from architectures.parametrisation import Parametrisation
from implicitize.export.base import check_exportable, check_parametrisation, infix, proof_line
from implicitize.ideal import IdealResult
from implicitize.export.reserved_names import SINGULAR

#: Names the script defines; coordinates must not reuse them.
_RESERVED = {"R", "I", "P", "F", "K"}


def export_singular(result: IdealResult, *, parametrisation: Parametrisation | None = None) -> str:
    """A Singular script defining ``ring R = 0, (coordinates), dp;`` and ``ideal I``.

    With ``parametrisation`` it also defines the parameter ring ``P`` and, in it, the map
    ``F: R → P`` sending each coordinate to its polynomial in θ, then returns to ``R``; the ideal of
    the variety is then ``kernel(P, F)`` (computed by elimination), which the script does not run.

    Examples
    --------
    >>> import flint
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> print(export_singular(IdealResult(ctx, (y1**2 - y0 / 2,), 2, proved="generates", route="example")))
    // relu-varieties: ideal of a variety in Q^2, 1 generator(s); proved: generates (example)
    ring R = 0, (y_0_0, y_0_1), dp;
    ideal I =
      y_0_1^2 - 1/2*y_0_0;
    <BLANKLINE>
    """
    result = check_exportable(result, exporter="export_singular")
    parametrisation = check_parametrisation(result, parametrisation, exporter="export_singular")
    names = result.coordinate_names
    spelled = set(names) | set(parametrisation.parameter_names if parametrisation is not None else ())
    clash = sorted(_RESERVED & spelled)
    if clash:
        raise InvalidExportError(
            f"export_singular: coordinate name(s) {clash} clash with the script's ring and "
            f"ideal names {sorted(_RESERVED)}; rename the coordinates"
        )
    reserved = sorted(SINGULAR & spelled)
    if reserved:
        raise InvalidExportError(
            f"export_singular: name(s) {reserved[:5]} are Singular commands or types and "
            "cannot name ring variables; rename them (e.g. y_0_1)"
        )
    generators = [infix(g, names) for g in result.generators] or ["0"]
    lines = [
        f"// relu-varieties: {proof_line(result)}",
        f"ring R = 0, ({', '.join(names)}), dp;",
        "ideal I =",
        ",\n".join("  " + text for text in generators) + ";",
    ]
    if parametrisation is not None:
        parameters = parametrisation.parameter_names
        images = [infix(p, parameters) for p in parametrisation.polynomials]
        lines += [
            f"// the parametrisation {parametrisation!r}; kernel(P, F) is the ideal of its image closure",
            f"ring P = 0, ({', '.join(parameters)}), dp;",
            "map F = R,",
            ",\n".join("  " + text for text in images) + ";",
            "setring R;",
        ]
    return "\n".join(lines) + "\n"
