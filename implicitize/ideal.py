"""The result of implicitization: generators of an ideal over Q and exactly what was proved of them.

Generators are python-flint polynomials in the variety's coordinates (``y_i_j`` or ``m_k_i_j``);
sympy and LaTeX forms are for display only. A result is a value: frozen once built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import flint
import sympy

from implicitize.printing import latex_text, sympy_text
from implicitize.proof import Proof

#: The texts of the statements a result can make about its generators (see :class:`Proof`).
PROVED_CONTAINED = "contained"
PROVED_GENERATES = "generates"


def proved_up_to(degree: int) -> str:
    """The statement "the generators generate the ideal in degrees ≤ ``degree``"."""
    return str(Proof.generates_up_to(degree))


@dataclass(frozen=True)
class IdealResult:
    """Generators of (a part of) the ideal I(V) of a variety, and what is proved about them.

    ``proved`` is a :class:`Proof`: ``contained`` (the generators lie in I(V), checked by exact
    substitution), ``generates_up_to`` a degree bound, or ``generates``; ``route`` says how (it is
    ``proved.route``). Its text may be given instead (``proved="generates"``); it compares equal to it.
    Frozen: derive a changed result with ``dataclasses.replace``; to change the route, replace ``proved``
    by a :class:`Proof` carrying it (a ``route`` given beside a proof with its own route is ignored).

    Examples
    --------
    >>> ctx = flint.fmpq_mpoly_ctx.get(("y_0_0", "y_0_1"), "degrevlex")
    >>> y0, y1 = ctx.gens()
    >>> r = IdealResult(ctx, (y0 * y1 - 1,), ambient_dimension=2, dimension=1, proved="generates",
    ...                 route="example")
    >>> r.degrees, r.to_sympy()
    ((2,), [y_0_0*y_0_1 - 1])
    """

    context: flint.fmpq_mpoly_ctx
    generators: tuple[flint.fmpq_mpoly, ...]
    ambient_dimension: int
    dimension: int | None = None
    expected_dimension: int | None = None
    degree: int | None = None
    hilbert_function: dict[int, int] = field(default_factory=dict)
    """Computed values d ↦ dim of the degree-≤d (or degree-d when homogeneous) part of I(V)."""
    strategy: str = ""
    backend: str = "python-flint"
    proved: Proof = Proof.contained()
    route: str = ""
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    cache_hit: bool = False
    description: str = ""

    def __post_init__(self) -> None:
        proof = self.proved if isinstance(self.proved, Proof) else Proof.from_text(self.proved)
        if self.route and not proof.route:
            proof = Proof(proof.kind, proof.degree_bound, self.route)
        # frozen: the two views of the route are made to agree once, here
        object.__setattr__(self, "proved", proof)
        object.__setattr__(self, "route", proof.route)
        object.__setattr__(self, "generators", tuple(self.generators))

    @property
    def coordinate_names(self) -> tuple[str, ...]:
        return tuple(self.context.names())

    @property
    def degrees(self) -> tuple[int, ...]:
        """Total degree of each generator."""
        return tuple(int(g.total_degree()) for g in self.generators)

    def to_sympy(self) -> list[sympy.Expr]:
        """The generators as sympy expressions in the coordinate names."""
        symbols = [sympy.Symbol(name) for name in self.coordinate_names]
        return [
            sympy.Poly.from_dict(
                {exponents: sympy.Rational(int(c.p), int(c.q)) for exponents, c in g.to_dict().items()}, *symbols
            ).as_expr()
            for g in self.generators
        ]

    def to_strings(self) -> list[str]:
        """The generators in sympy syntax (``y_0_1**2 - 3/4*y_1_0``), printed without sympy."""
        return [sympy_text(g) for g in self.generators]

    def _repr_latex_(self) -> str:
        rows = r" \\ ".join(latex_text(g) + " = 0" for g in self.generators) or r"\text{(zero ideal)}"
        return rf"$\begin{{gathered}} {rows} \end{{gathered}}$"

    def summary(self) -> dict[str, Any]:
        """The machine-readable summary printed by ``relu-varieties implicitize --json``."""
        return {
            "ambient_dimension": self.ambient_dimension,
            "dimension": self.dimension,
            "expected_dimension": self.expected_dimension,
            "degree": self.degree,
            "generators": self.to_strings(),
            "degrees": list(self.degrees),
            "proved": str(self.proved),
            "route": self.route,
            "strategy": self.strategy,
            "backend": self.backend,
            "seconds": round(self.seconds, 6),
            "cache_hit": self.cache_hit,
        }

    def __repr__(self) -> str:
        degrees = ", ".join(map(str, self.degrees)) or "none"
        return (
            f"IdealResult({len(self.generators)} generator(s) of degrees {degrees}; dim {self.dimension} "
            f"in {self.ambient_dimension}; proved: {self.proved} ({self.route}); {self.strategy})"
        )
