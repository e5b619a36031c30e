"""The ``generating_kinds`` column of the atlas: which kinds of rank families generate I(V).

Checked by another route than the one that filled it: sympy's Gröbner bases (the column used Singular's
normal forms when installed) decide ideal equality between the minors of the chosen kinds and the shipped
generators, and dropping any kind from a chosen set must lose generation (the sets are smallest)."""

from __future__ import annotations

import json
import os
import random

from architectures import Architecture
from implicitize import ideals_equal
from implicitize.atlas import load
from implicitize.atlas.families import GRIDS_WITH_KINDS, KINDS, family_kinds, generating_kinds
from implicitize.atlas.load import ideals, polynomials, rows
from varieties import PatternVariety, minors

SEED = int(os.environ.get("ATLAS_SEED", random.SystemRandom().randrange(10**6)))
SHIPPED = rows()
RECORDS = {record["case_id"]: record for record in ideals()}


def _variety(row: dict) -> PatternVariety:
    widths = tuple(int(w) for w in row["widths"].split(","))
    return PatternVariety(Architecture(widths, bias=row["bias"]), json.loads(row["patterns"]))


def _generators(row: dict, variety: PatternVariety) -> list:
    return [variety.context.from_dict(p.to_dict()) for p in polynomials(RECORDS[row["case_id"]])]


def test_every_finished_bias_and_deep_row_names_its_generating_kinds():
    for row in SHIPPED:
        filled = row["grid"] in GRIDS_WITH_KINDS and row["status"] == "done"
        assert (row["generating_kinds"] is not None) == filled, row["case_id"]
        if filled:
            kinds = row["generating_kinds"]
            assert (kinds == []) == (row["minors_generate"] == "no"), row["case_id"]
            assert (kinds == [[]]) == (row["generators"] == 0), row["case_id"]
            assert len({len(choice) for choice in kinds}) <= 1  # all of the smallest size
            assert all(choice == [k for k in KINDS if k in choice] for choice in kinds)


def test_chosen_kinds_generate_and_none_can_be_dropped_by_sympy_groebner_bases():
    small = [row for row in SHIPPED if row["generating_kinds"] and row["generators"] and row["ambient"] <= 9]
    for row in random.Random(SEED).sample(small, min(6, len(small))):
        variety = _variety(row)
        generators = _generators(row, variety)
        by_kind: dict[str, list] = {}
        for kind, family in family_kinds(variety):
            by_kind.setdefault(kind, []).append(family)
        for choice in row["generating_kinds"]:
            chosen = list(minors([f for kind in choice for f in by_kind[kind]], variety.context))
            assert ideals_equal(chosen, generators, variety.context, backend="sympy"), (SEED, row["case_id"])
            for dropped in choice:
                rest = [f for kind in choice if kind != dropped for f in by_kind[kind]]
                fewer = list(minors(rest, variety.context)) if rest else []
                assert not ideals_equal(fewer, generators, variety.context, backend="sympy"), (
                    SEED,
                    row["case_id"],
                    dropped,
                )


def test_recomputed_generating_kinds_match_the_shipped_column_on_a_sample():
    filled = [row for row in SHIPPED if row["generating_kinds"] is not None and row["ambient"] <= 12]
    for row in random.Random(SEED).sample(filled, min(8, len(filled))):
        variety = _variety(row)
        assert generating_kinds(variety, _generators(row, variety)) == row["generating_kinds"], (SEED, row["case_id"])


def test_the_dataframe_carries_the_column_as_lists():
    table = load()
    assert "generating_kinds" in table.columns
    bias = table[(table.grid == "shallow2_bias") & (table.status == "done")]
    assert all(isinstance(kinds, list) for kinds in bias.generating_kinds)


def test_rerun_replaces_a_timeout_row_that_now_finishes_and_its_transposes_leaving_other_lines_as_they_were(tmp_path):
    import csv
    import gzip
    import shutil

    from implicitize.atlas.load import DEFAULT_DIRECTORY
    from implicitize.atlas.rerun import main

    linked = {row["transpose_of"] for row in SHIPPED if row["transpose_of"]}
    fast = [row for row in SHIPPED if row["case_id"] in linked and row["status"] == "done" and row["seconds"] < 0.3]
    chosen = random.Random(SEED).choice(fast)["case_id"]
    for name in ("atlas.csv", "ideals.jsonl.gz"):
        shutil.copy(DEFAULT_DIRECTORY / name, tmp_path / name)
    # turn the chosen case and its transpose into timeout rows, as a run over the limit would have left them
    with open(tmp_path / "atlas.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    touched = [i for i, row in enumerate(table) if chosen in (row["case_id"], row["transpose_of"])]
    assert len(touched) == 2
    for i in touched:
        table[i].update(status="stale", generators="", generator_degrees="", proved="", route="over the limit")
    with open(tmp_path / "atlas.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    assert main([str(tmp_path), "--db", str(tmp_path / "rerun.sqlite"), "--status", "stale"]) == 0
    before = (DEFAULT_DIRECTORY / "atlas.csv").read_text(encoding="utf-8").splitlines()
    after = (tmp_path / "atlas.csv").read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [i - 1 for i, (old, new) in enumerate(zip(before, after)) if old != new]
    assert set(changed) <= set(touched), (SEED, chosen)  # only the seconds of the recomputed case may differ
    restored = rows(tmp_path)
    # the degree of V needs Singular when V is not a complete intersection
    skipped = {"seconds"} | (set() if shutil.which("Singular") else {"degree_of_V"})
    for i in touched:
        assert {k: v for k, v in restored[i].items() if k not in skipped} == {
            k: v for k, v in SHIPPED[i].items() if k not in skipped
        }, (SEED, chosen)
    with gzip.open(tmp_path / "ideals.jsonl.gz", "rt", encoding="utf-8") as handle:
        new_ideals = [json.loads(line) for line in handle]
    old_ideals = list(ideals())
    for i, (old, new) in enumerate(zip(old_ideals, new_ideals)):
        if i not in touched:
            assert old == new
        else:
            assert (old["generators"], old["coordinates"]) == (new["generators"], new["coordinates"]), (SEED, chosen)
