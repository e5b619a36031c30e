"""Which kinds of rank families generate I(V): the smallest sets of family kinds whose minors suffice.

Every rank family of a variety (``varieties.rank_constraints``) has a kind, read from the bound it comes
from (``varieties.bounds.BlockBound``): ``block`` (rank M̃_k), ``linear`` (a bound on the linear parts M_k,
with biases), ``concatenation`` ([M̃_a | M̃_b] or [M̃_a; M̃_b]), ``difference`` (M̃_a − M̃_b),
``combination`` (Σ c_k M̃_k) and ``centred`` ([M_a | M_b | c_b − c_a], with biases); the linear equations
of output varieties are ``linear equations``. The minors of any families lie in I(V), so a set of kinds
generates I(V) exactly when every generator of I(V) reduces to zero modulo a Gröbner basis of their
minors (exact normal forms over Q, as :func:`implicitize.atlas.compute.minors_verdict`).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from architectures.errors import InvalidIdealFileError
from implicitize.atlas.store import IDEALS_FILE
from varieties.rank import RankFamily

#: Family kinds, in the order they are listed and tried.
KINDS = ("block", "linear", "concatenation", "difference", "combination", "centred", "linear equations")

_KIND_OF_BOUND = {
    "block": "block",
    "columns": "concatenation",
    "rows": "concatenation",
    "difference": "difference",
    "combination": "combination",
}


def family_kinds(variety: Any) -> list[tuple[str, RankFamily]]:
    """(kind, family) for every rank family of ``variety``, in ``rank_constraints`` order.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> v = PatternVariety(Architecture((3, 3, 3), bias=True), [[[0, 1]], [[1, 2]]])
    >>> [(kind, family.name) for kind, family in family_kinds(v)]
    [('difference', 'rank (M_0 − M_1)'), ('linear', 'rank lin M_0'), ('linear', 'rank lin M_1')]
    """
    from varieties.bounds import block_bounds

    kind_of_name: dict[str, str] = {}
    for bound in block_bounds(variety.architecture, variety.patterns):
        if bound.part == "centred":
            kind = "centred"
        elif bound.part == "linear":
            kind = "linear"
        else:
            kind = _KIND_OF_BOUND[bound.kind]
        kind_of_name.setdefault(bound.name, kind)
    # the families of rank_constraints are the linear equations (named Y_k · K_k = 0), then the bounds
    return [(kind_of_name.get(family.name, "linear equations"), family) for family in variety.rank_constraints()]


def generates(variety: Any, generators: list, families: list[RankFamily]) -> bool:
    """Whether the minors of ``families`` generate the ideal spanned by ``generators`` (a subset of I(V))."""
    from implicitize.backends.ideal_ops import normal_forms
    from varieties import minors

    if not generators:
        return True
    known = list(minors(families, variety.context)) if families else []
    if not known:
        return False
    return all(form == 0 for form in normal_forms(generators, known, variety.context))


def generating_kinds(variety: Any, generators: list) -> list[list[str]]:
    """The smallest sets of family kinds whose minors generate (``generators``) = I(V); ``[]`` when none do.

    Subsets of the kinds present are tried by size (supersets of a generating set also generate); every
    generating set of the smallest size is returned, each in :data:`KINDS` order. ``[[]]`` means no
    minors are needed (I(V) = 0). ``generators`` must generate I(V) (a proved ideal).

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> from implicitize import implicitize
    >>> v = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    >>> generating_kinds(v, list(implicitize(v).generators))
    [['block', 'difference']]
    """
    if not generators:
        return [[]]
    by_kind: dict[str, list[RankFamily]] = {}
    for kind, family in family_kinds(variety):
        by_kind.setdefault(kind, []).append(family)
    present = [kind for kind in KINDS if kind in by_kind]
    for size in range(1, len(present) + 1):
        found = [
            list(subset)
            for subset in itertools.combinations(present, size)
            if generates(variety, generators, [f for kind in subset for f in by_kind[kind]])
        ]
        if found:
            return found
    return []


def kinds_text(sets: list[list[str]]) -> str:
    """The CSV text of :func:`generating_kinds` (JSON: a list of alternatives, each a list of kinds).

    Examples
    --------
    >>> kinds_text([["block", "difference"]])
    '[["block", "difference"]]'
    """
    return json.dumps(sets)


#: The grids whose rows carry the ``generating_kinds`` column (the bias and deep cases).
GRIDS_WITH_KINDS = ("shallow2_bias", "deep2")


def kinds_of_row(variety: Any, generators: list, grid: str, verdict: str) -> str | None:
    """The ``generating_kinds`` cell of a row: computed for the bias and deep grids when the minors
    generate (``verdict == "yes"``), ``"[]"`` (none do) when they do not, None elsewhere."""
    if grid not in GRIDS_WITH_KINDS or verdict not in ("yes", "no"):
        return None
    return kinds_text(generating_kinds(variety, generators) if verdict == "yes" else [])


def annotate(directory: str | Path, grids: tuple[str, ...] = GRIDS_WITH_KINDS, log: Any = None) -> int:
    """Fill the ``generating_kinds`` column of an exported atlas (``atlas.csv`` beside ``ideals.jsonl.gz``)
    for the rows of ``grids``, from the stored generators; other cells are left as they are. Returns the
    number of rows filled."""
    import csv

    from architectures import Architecture
    from implicitize.atlas.load import ideals, polynomials
    from implicitize.atlas.store import COLUMNS, TABLE_FILE
    from varieties import PatternVariety

    path = Path(directory) / TABLE_FILE
    with open(path, newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    filled = 0
    for row, record in zip(table, ideals(directory)):
        if record["case_id"] != row["case_id"]:
            raise InvalidIdealFileError(
                f"{IDEALS_FILE} is not in the order of {TABLE_FILE} at {row['case_id']!r}; export the atlas again"
            )
        if row["grid"] not in grids or row["status"] != "done":
            continue
        widths = tuple(int(w) for w in row["widths"].split(","))
        variety = PatternVariety(Architecture(widths, bias=row["bias"] == "True"), json.loads(row["patterns"]))
        if list(variety.context.names()) != list(record["coordinates"]):
            raise InvalidIdealFileError(f"the coordinates of {row['case_id']!r} are not those of its variety")
        generators = [variety.context.from_dict(p.to_dict()) for p in polynomials(record)]
        row["generating_kinds"] = kinds_of_row(variety, generators, row["grid"], row["minors_generate"])
        filled += 1
        if log is not None:
            print(f"{row['generating_kinds']:<50} {row['case_id']}", file=log, flush=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in table:
            writer.writerow({key: row.get(key) or "" for key in COLUMNS})
    return filled


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(annotate(sys.argv[1] if len(sys.argv) > 1 else "notebooks/atlas", log=sys.stderr), "rows filled")


__all__ = [
    "GRIDS_WITH_KINDS",
    "KINDS",
    "annotate",
    "family_kinds",
    "generates",
    "generating_kinds",
    "kinds_of_row",
    "kinds_text",
]
