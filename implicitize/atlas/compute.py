"""One atlas case computed: dimensions, the ideal with what is proved, and whether the minors generate it.

The ideal comes from :func:`implicitize.implicitize` (strategy ``auto``, ``prove=True``); whatever it
proves, and by which route, is recorded. Whether the rank-constraint minors generate I(V) is decided
exactly: each generator is reduced modulo a Gröbner basis of the minors (:func:`minors_verdict`).
"""

from __future__ import annotations

import json
import time
from typing import Any

from architectures import __version__
from architectures.errors import ReluVarietiesError
from implicitize.atlas.grid import AtlasCase
from implicitize.proof import Proof

#: Values of the ``minors_generate`` column.
MINORS_YES, MINORS_NO = "yes", "no"


def minors_verdict(variety: Any, generators: list, proved: Proof | str) -> tuple[str, list, float]:
    """(verdict, missing generators, seconds): do the rank-constraint minors generate I(V)?

    Each generator is reduced modulo a Gröbner basis of the minors over Q (Singular when installed,
    else sympy): the missing generators are those with a non-zero normal form, i.e. not in the ideal
    of the minors. The minors lie in I(V) (they are theorems), so with ``proved == "generates"`` the
    verdict ``"yes"`` means I(V) = (minors) exactly; without a proof of generation it is
    ``"up to degree D"`` (D the largest degree found). ``"no"`` is exact either way.

    Examples
    --------
    >>> from architectures import Architecture
    >>> from varieties import PatternVariety
    >>> from implicitize import implicitize
    >>> v = PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    >>> verdict, missing, _ = minors_verdict(v, list(implicitize(v).generators), "generates")
    >>> verdict, missing
    ('yes', [])
    """
    from implicitize.backends.ideal_ops import normal_forms
    from varieties import minors

    started = time.perf_counter()
    known = list(minors(variety.rank_constraints(), variety.context))
    forms = normal_forms(generators, known, variety.context) if generators else []
    missing = [g for g, form in zip(generators, forms) if form != 0]
    if missing:
        verdict = MINORS_NO
    elif (proved if isinstance(proved, Proof) else Proof.from_text(proved)).kind == "generates":
        verdict = MINORS_YES
    else:
        verdict = f"up to degree {max((int(g.total_degree()) for g in generators), default=0)}"
    return verdict, missing, time.perf_counter() - started


def compute_case(case: AtlasCase, *, timeout: float = 60.0, seed: int = 0) -> tuple[dict, dict]:
    """(table row, ideal record) of one computed case; status ``done`` or ``error: <exception>``.

    Examples
    --------
    >>> from implicitize.atlas.grid import AtlasCase
    >>> row, ideal = compute_case(AtlasCase("shallow2", (2, 2, 2), False, "[[[0,1]],[[0]]]"))
    >>> row["status"], row["dimension"], row["generator_degrees"], row["proved"], row["minors_generate"]
    ('done', 6, '[2, 2]', 'generates', 'yes')
    >>> ideal["generators"][1]  # det M_2 (and det(M_1 - M_2) before it)
    'm_1_0_1*m_1_1_0 - m_1_0_0*m_1_1_1'
    """
    from implicitize import implicitize
    from implicitize.atlas.families import kinds_of_row
    from varieties import PatternVariety

    start = time.perf_counter()
    variety = PatternVariety(case.architecture, json.loads(case.patterns))
    dimension = variety.dimension(seed=seed)
    counts = variety.expected_dimension()
    timings: dict[str, float] = {"dimension and expected": time.perf_counter() - start}
    row: dict[str, Any] = {
        "case_id": case.case_id,
        "grid": case.grid,
        "widths": ",".join(map(str, case.widths)),
        "bias": case.bias,
        "blocks": case.blocks,
        "patterns": case.patterns,
        "transpose_of": "",
        "status": "done",
        "ambient": variety.ambient_dimension,
        "dimension": dimension.dimension,
        "certified": dimension.certified,
        "naive_expected": counts.naive,
        "refined_expected": counts.refined,
        "defective": dimension.dimension < counts.refined,
        "generators": None,
        "generator_degrees": None,
        "proved": None,
        "route": None,
        "degree_of_V": None,
        "minors_generate": None,
        "missing_degrees": None,
        "generating_kinds": None,
        "seconds": None,
        "version": __version__,
    }
    ideal: dict[str, Any] = {
        "case_id": case.case_id,
        "coordinates": list(variety.context.names()),
        "generators": None,
        "missing_generators": None,
    }
    try:
        result = implicitize(variety, "auto", seed=seed, prove=True, timeout=timeout)
        timings.update({f"implicitize {name}": float(value) for name, value in result.timings.items()})
        generators = list(result.generators)
        verdict, missing, seconds = minors_verdict(variety, generators, result.proved)
        timings["minors"] = seconds
        started = time.perf_counter()
        kinds = kinds_of_row(variety, generators, case.grid, verdict)
        timings["generating kinds"] = time.perf_counter() - started
    except ReluVarietiesError as error:  # recorded as this case's outcome; the atlas goes on
        row["status"] = f"error: {type(error).__name__}"
        row["route"] = str(error)
    else:
        row.update(
            generators=len(generators),
            generator_degrees=json.dumps(sorted(result.degrees)),
            proved=str(result.proved),
            route=result.route,
            degree_of_V=result.degree,
            minors_generate=verdict,
            missing_degrees=json.dumps(sorted(int(g.total_degree()) for g in missing)),
            generating_kinds=kinds,
        )
        ideal.update(generators=[str(g) for g in generators], missing_generators=[str(g) for g in missing])
    row["seconds"] = round(time.perf_counter() - start, 4)
    ideal["timings"] = {name: round(value, 4) for name, value in timings.items()}
    return row, ideal


__all__ = ["MINORS_NO", "MINORS_YES", "compute_case", "minors_verdict"]
