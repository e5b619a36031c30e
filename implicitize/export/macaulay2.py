"""Macaulay2 script export: the coordinate ring, the ideal, and (optionally) the parametrisation as a map.

Last step of the data flow for computer algebra: ``M2 --script file`` defines ring ``R`` and ideal ``I``.
Coordinates ``m_k_i_j`` become Macaulay2's indexed variables ``m_(k,i,j)`` (``_`` is an operator there).
"""

from __future__ import annotations

import re
from typing import Sequence

from architectures.errors import InvalidExportError
from architectures.parametrisation import Parametrisation
from implicitize.export.base import check_exportable, check_parametrisation, infix, proof_line
from implicitize.ideal import IdealResult
from implicitize.export.reserved_names import MACAULAY2

_INDEXED = re.compile(r"([A-Za-z][A-Za-z0-9]*)((?:_\d+)+)\Z")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")
_RESERVED = {"R", "I", "P", "F"}


def macaulay2_name(name: str) -> str:
    """The Macaulay2 spelling of a coordinate or parameter name.

    Examples
    --------
    >>> macaulay2_name("m_0_1_2"), macaulay2_name("w1_0_1"), macaulay2_name("Y_3"), macaulay2_name("t")
    ('m_(0,1,2)', 'w1_(0,1)', 'Y_3', 't')
    """
    match = _INDEXED.match(name)
    if (match.group(1) if match else name) in MACAULAY2:
        raise InvalidExportError(
            f"export_macaulay2: {name!r} is spelled with a Macaulay2 keyword or global "
            "name and cannot name a ring variable; rename it (e.g. y_0_1)"
        )
    if match:
        indices = match.group(2).strip("_").split("_")
        return f"{match.group(1)}_{indices[0]}" if len(indices) == 1 else (f"{match.group(1)}_({','.join(indices)})")
    if _PLAIN.match(name) and name not in _RESERVED:
        return name
    raise InvalidExportError(
        f"export_macaulay2: cannot spell the name {name!r} in Macaulay2; use letters and digits, optionally "
        f"followed by _index groups (y_0_1), and none of {sorted(_RESERVED)}"
    )


def _spelled(names: Sequence[str]) -> list[str]:
    return [macaulay2_name(name) for name in names]


def export_macaulay2(result: IdealResult, *, parametrisation: Parametrisation | None = None) -> str:
    """A Macaulay2 script defining ``R = QQ[coordinates, MonomialOrder => GRevLex]`` and ``I = ideal(...)``.

    With ``parametrisation`` it also defines ``P = QQ[θ]`` and the ring map ``F = map(P, R, {...})``
    sending each coordinate to its polynomial in θ: ``kernel F`` is then the ideal of the variety.

    Examples
    --------
    >>> import flint
    >>> ctx = flint.fmpq_mpoly_ctx.get(("m_0_0_0", "m_0_0_1"), "degrevlex")
    >>> a, b = ctx.gens()
    >>> print(export_macaulay2(IdealResult(ctx, (a * b - 2,), 2, proved="generates")))
    -- relu-varieties: ideal of a variety in Q^2, 1 generator(s); proved: generates
    R = QQ[m_(0,0,0), m_(0,0,1), MonomialOrder => GRevLex];
    I = ideal(
      m_(0,0,0)*m_(0,0,1) - 2
    );
    <BLANKLINE>
    """
    result = check_exportable(result, exporter="export_macaulay2")
    parametrisation = check_parametrisation(result, parametrisation, exporter="export_macaulay2")
    names = _spelled(result.coordinate_names)
    generators = [infix(g, names) for g in result.generators]
    lines = [
        f"-- relu-varieties: {proof_line(result)}",
        f"R = QQ[{', '.join(names)}, MonomialOrder => GRevLex];",
    ]
    if generators:
        lines += ["I = ideal(", ",\n".join("  " + text for text in generators), ");"]
    else:
        lines.append("I = ideal(0_R);")
    if parametrisation is not None:
        parameters = _spelled(parametrisation.parameter_names)
        images = [infix(p, parameters) for p in parametrisation.polynomials]
        lines += [
            f"-- the parametrisation {parametrisation!r}; kernel F is the ideal of its image closure",
            f"P = QQ[{', '.join(parameters)}];",
            "F = map(P, R, {",
            ",\n".join("  " + text for text in images),
            "});",
            "use R;",
        ]
    return "\n".join(lines) + "\n"
