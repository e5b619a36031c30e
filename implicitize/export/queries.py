"""Verification queries: named conjunctions of exact linear constraints on a variety's coordinates.

A query is what a verifier is asked beside the variety itself ("is Y this point?", "can output 0
exceed output 1 at the second point?"). The VNN-LIB, SMT-LIB and SCIP routes all render the same
:class:`Query`, so that their answers can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from architectures.errors import InvalidQueryError
from architectures.numbers import to_fraction

#: Relations a constraint may use, in SMT-LIB spelling (VNN-LIB writes ``==`` for ``=``).
RELATIONS = ("=", "<=", ">=", "<", ">")


@dataclass(frozen=True)
class LinearConstraint:
    """``Σ coefficients[name] · name  relation  constant``, exactly.

    Examples
    --------
    >>> c = LinearConstraint.of({"y_0_1": 1, "y_1_1": -1}, ">", 0)
    >>> c.holds({"y_0_1": Fraction(3), "y_1_1": Fraction(2)})
    True
    """

    coefficients: tuple[tuple[str, Fraction], ...]
    relation: str
    constant: Fraction = Fraction(0)

    @classmethod
    def of(cls, coefficients: Mapping[str, Any], relation: str, constant: Any = 0) -> "LinearConstraint":
        """Build from a ``{name: coefficient}`` mapping, reading every number exactly."""
        if relation not in RELATIONS:
            raise InvalidQueryError(f"relation {relation!r} is not one of {', '.join(RELATIONS)}")
        terms = tuple(
            (str(name), to_fraction(value, what=f"coefficient of {name}")) for name, value in coefficients.items()
        )
        if not terms:
            raise InvalidQueryError("a constraint needs at least one coordinate with a coefficient")
        return cls(terms, relation, to_fraction(constant, what="constant"))

    def value(self, point: Mapping[str, Fraction]) -> Fraction:
        """The left-hand side at ``point`` (a mapping from coordinate names to exact values)."""
        return sum((c * Fraction(point[name]) for name, c in self.coefficients), Fraction(0))

    def holds(self, point: Mapping[str, Fraction]) -> bool:
        """Whether the constraint holds at ``point``, exactly."""
        left, right = self.value(point), self.constant
        return {"=": left == right, "<=": left <= right, ">=": left >= right, "<": left < right, ">": left > right}[
            self.relation
        ]


@dataclass(frozen=True)
class Query:
    """A named conjunction of linear constraints; ``description`` says in words what it asserts.

    Examples
    --------
    >>> q = point_query(["Y_0", "Y_1"], [1, "1/2"])
    >>> q.name, len(q.constraints), q.constraints[1].constant
    ('point', 2, Fraction(1, 2))
    """

    name: str
    description: str
    constraints: tuple[LinearConstraint, ...] = field(default=())

    def check(self, coordinates: Sequence[str]) -> "Query":
        """Return the query if every constraint names only ``coordinates``; raise otherwise."""
        known = set(coordinates)
        for constraint in self.constraints:
            unknown = [name for name, _ in constraint.coefficients if name not in known]
            if unknown:
                raise InvalidQueryError(
                    f"query {self.name!r} names {unknown}, which are not coordinates of the variety "
                    f"({', '.join(list(coordinates)[:4])} …); use the variety's coordinate names"
                )
        if not self.name.replace("_", "").replace("-", "").isalnum():
            raise InvalidQueryError(f"query name {self.name!r} must be letters, digits, '_' or '-' (it names a file)")
        return self


def point_query(
    coordinates: Sequence[str], point: Sequence[Any], *, name: str = "point", description: str | None = None
) -> Query:
    """The query "the coordinates equal ``point``" (one equation per coordinate)."""
    if len(point) != len(coordinates):
        raise InvalidQueryError(f"the point has {len(point)} entries but there are {len(coordinates)} coordinates")
    constraints = tuple(LinearConstraint.of({c: 1}, "=", v) for c, v in zip(coordinates, point))
    return Query(name, description or "the output equals the given point", constraints)


#: The query with no constraint of its own: is the variety (with its regions) non-empty?
REALISABLE = Query("realisable", "some network with the assigned activation patterns exists (no extra constraint)")
