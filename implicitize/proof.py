"""What a result proves about its generators, as a value: a kind, a degree bound and a route.

The text (``"contained"``, ``"generates up to degree 3"``, ``"generates"``) is derived from the value,
so callers test ``proof.kind`` and ``proof.degree_bound`` instead of parsing it; :meth:`Proof.from_text`
reads the text back (files written before the value existed store only the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from architectures.errors import InvalidDataError

ProofKind = Literal["contained", "generates_up_to", "generates"]
KINDS: tuple[str, ...] = ("contained", "generates_up_to", "generates")
_UP_TO = re.compile(r"generates up to degree (\d+)\Z")


@dataclass(frozen=True, eq=False)
class Proof:
    """What is proved about generators of (a part of) I(V), and how (``route``).

    ``contained``: the generators lie in I(V) (exact substitution); ``generates_up_to``: they generate
    I(V) in every degree ≤ ``degree_bound``; ``generates``: they generate I(V). Equal to its text, so
    ``result.proved == "generates"`` keeps working; two proofs are equal when kind, bound and route are.

    Examples
    --------
    >>> p = Proof.generates_up_to(3, route="interpolation")
    >>> str(p), p.kind, p.degree_bound, p == "generates up to degree 3"
    ('generates up to degree 3', 'generates_up_to', 3, True)
    >>> Proof.from_text("generates up to degree 3", route="interpolation") == p
    True
    >>> f"{Proof.generates():<10}|"
    'generates |'
    """

    kind: ProofKind
    degree_bound: int | None = None
    route: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidDataError(f"unknown proof kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        needs_bound = self.kind == "generates_up_to"
        if needs_bound != (self.degree_bound is not None) or (self.degree_bound is not None and self.degree_bound < 0):
            raise InvalidDataError(
                f"a {self.kind!r} proof got degree_bound={self.degree_bound!r}; a degree bound "
                "(an integer ≥ 0) belongs to 'generates_up_to' and only to it"
            )

    @classmethod
    def contained(cls, route: str = "") -> "Proof":
        """The generators lie in I(V)."""
        return cls("contained", None, route)

    @classmethod
    def generates_up_to(cls, degree: int, route: str = "") -> "Proof":
        """The generators generate I(V) in every degree ≤ ``degree``."""
        return cls("generates_up_to", int(degree), route)

    @classmethod
    def generates(cls, route: str = "") -> "Proof":
        """The generators generate I(V)."""
        return cls("generates", None, route)

    @classmethod
    def from_text(cls, text: str, route: str = "") -> "Proof":
        """The proof whose text is ``text`` (the inverse of ``str``).

        Examples
        --------
        >>> Proof.from_text("generates up to degree 4").degree_bound
        4
        >>> Proof.from_text("proved")
        Traceback (most recent call last):
        ...
        architectures.errors.InvalidDataError: unknown statement 'proved' of what is proved; expected 'contained', 'generates up to degree d' or 'generates'
        """
        if text in ("contained", "generates"):
            return cls(text, None, route)  # type: ignore[arg-type]
        match = _UP_TO.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidDataError(
                f"unknown statement {text!r} of what is proved; expected 'contained', "
                "'generates up to degree d' or 'generates'"
            )
        return cls("generates_up_to", int(match.group(1)), route)

    @property
    def generates_everything(self) -> bool:
        """True when the generators are proved to generate all of I(V)."""
        return self.kind == "generates"

    @property
    def generates_some_degrees(self) -> bool:
        """True when generation is proved at least in low degrees (``generates`` or ``generates_up_to``)."""
        return self.kind != "contained"

    def __str__(self) -> str:
        if self.kind == "generates_up_to":
            return f"generates up to degree {self.degree_bound}"
        return self.kind

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        if isinstance(other, Proof):
            return (self.kind, self.degree_bound, self.route) == (other.kind, other.degree_bound, other.route)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))  # equal proofs (and a proof and its text) have equal text

    def __repr__(self) -> str:
        bound = f", degree_bound={self.degree_bound}" if self.degree_bound is not None else ""
        return f"Proof({self.kind!r}{bound}, route={self.route!r})"
