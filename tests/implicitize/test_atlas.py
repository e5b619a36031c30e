"""The atlas: grid counts against a brute-force orbit count, the runner (time limit, SIGKILL and resume),
and the shipped data against recomputation, exact points of each variety, and Singular's elimination."""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from math import comb
from pathlib import Path

import flint
import pytest

from architectures.errors import (
    InvalidEnumerationError,
    InvalidOptionError,
    MissingExtraError,
)
from implicitize.atlas import GRIDS, grid_cases, ideals, load, polynomials, rows
from implicitize.atlas.compute import compute_case
from implicitize.atlas.grid import AtlasCase
from implicitize.atlas.load import typed_row
from implicitize.atlas.run import run_grid
from implicitize.atlas.store import AtlasDatabase, export, transposed
from varieties import PatternVariety

ROOT = Path(__file__).resolve().parents[2]
#: Seed of the sampled rows; a failure message names it, and ATLAS_SAMPLE_SEED=<seed> repeats that sample.
SEED = int(os.environ.get("ATLAS_SAMPLE_SEED", time.time_ns() % 10**6))


# -- grids ------------------------------------------------------------------------------------------------
def orbit_count(hidden: tuple[int, ...], blocks: int) -> int:
    """Orbits of K-tuples of pairwise distinct patterns under neuron permutations (per layer) and block
    permutations, by applying every group element to every tuple (a brute force, independent of the lattice)."""
    patterns = list(itertools.product(*[range(2**width) for width in hidden]))  # a bit mask per layer

    def permute(mask: int, permutation: tuple[int, ...]) -> int:
        return sum(1 << permutation[i] for i in range(len(permutation)) if mask >> i & 1)

    neuron_groups = list(itertools.product(*[itertools.permutations(range(width)) for width in hidden]))
    seen: set[tuple] = set()
    orbits = 0
    for tuple_ in itertools.permutations(patterns, blocks):
        if tuple_ in seen:
            continue
        orbits += 1
        for group in neuron_groups:
            image = tuple(tuple(permute(mask, perm) for mask, perm in zip(pattern, group)) for pattern in tuple_)
            seen.update(itertools.permutations(image))
    return orbits


def two_block_count(n1: int) -> int:
    """Burnside over the block swap: multisets of n1 columns in {0,1}², minus the tuples with equal blocks."""
    fixed = sum(n1 - 2 * b + 1 for b in range(n1 // 2 + 1))
    return (comb(n1 + 3, 3) + fixed) // 2 - (n1 + 1)


def test_two_block_formula_agrees_with_brute_force():
    assert [two_block_count(n1) for n1 in range(1, 5)] == [orbit_count((n1,), 2) for n1 in range(1, 5)]


@pytest.mark.parametrize("grid", sorted(GRIDS))
def test_grid_sizes_match_an_independent_orbit_count(grid):
    architectures, blocks, bias, _ = GRIDS[grid]
    cases = grid_cases(grid)
    if blocks == 2 and len(architectures[0]) == 3:
        per = {widths: two_block_count(widths[1]) for widths in architectures}
    else:
        counts = {hidden: orbit_count(hidden, blocks) for hidden in {w[1:-1] for w in architectures}}
        per = {widths: counts[widths[1:-1]] for widths in architectures}
    assert len(cases) == sum(per.values())
    assert len({case.case_id for case in cases}) == len(cases)
    linked = {widths for widths in architectures if not bias and len(widths) == 3 and widths[0] > widths[-1]}
    assert sum(not case.computed for case in cases) == sum(per[w] for w in linked)
    ids = {case.case_id for case in cases}
    assert all(case.transpose_of in ids for case in cases if not case.computed)


def test_headline_counts():
    assert [len(grid_cases(g)) for g in ("shallow2", "shallow2_bias", "shallow3", "deep2")] == [1632, 279, 639, 502]
    assert sum(case.computed for case in grid_cases("shallow2")) == 1020


def test_unknown_grid_is_refused():
    with pytest.raises(InvalidEnumerationError, match="unknown atlas grid 'shallow9'"):
        grid_cases("shallow9")


def test_a_linked_case_is_the_transpose_of_its_partner():
    case = next(c for c in grid_cases("shallow2") if c.case_id == "4,3,2|[[[0,1]],[[0,2]]]")
    partner = next(c for c in grid_cases("shallow2") if c.case_id == case.transpose_of)
    row, ideal = transposed(case, *compute_case(partner))
    direct_row, direct_ideal = compute_case(case)
    for key in ("ambient", "dimension", "refined_expected", "generator_degrees", "proved", "minors_generate"):
        assert row[key] == direct_row[key], key
    assert ideal["coordinates"] == direct_ideal["coordinates"]
    variety = PatternVariety(case.architecture, json.loads(case.patterns))
    point = [flint.fmpq(v.numerator, v.denominator) for v in variety.sample_point(seed=5)]
    assert all(g(*point) == 0 for g in polynomials(ideal)) and polynomials(ideal)


# -- runner -----------------------------------------------------------------------------------------------
@pytest.mark.singular  # without Singular the case is refused at once (no elimination to fall back on)
def test_a_case_over_the_limit_is_a_timeout_row(tmp_path):
    # three blocks of (3,4,3): interpolation alone takes minutes and no proof finishes in 10 minutes
    slow = AtlasCase("shallow3", (3, 4, 3), False, "[[[0,1]],[[1,2]],[[2,3]]]")
    quick = AtlasCase("shallow3", (2, 2, 2), False, "[[[0,1]],[[0]],[[1]]]")
    with AtlasDatabase(tmp_path / "a.sqlite") as database:
        outcome = run_grid("shallow3", database, cases=[quick, slow], limit=1.0)
        stored = database.records()
    assert outcome.statuses == {"timeout": 1, "done": 1} and outcome.computed == 2
    row = stored[slow.case_id][0]
    counts = PatternVariety(slow.architecture, json.loads(slow.patterns)).expected_dimension()
    assert (row["status"], row["ambient"], row["refined_expected"], row["generators"]) == (
        "timeout",
        27,
        counts.refined,
        None,
    )
    assert stored[quick.case_id][0]["status"] == "done"


def test_bad_options_are_refused(tmp_path):
    with AtlasDatabase(tmp_path / "a.sqlite") as database:
        with pytest.raises(InvalidOptionError, match="workers"):
            run_grid("deep2", database, workers=0)
        with pytest.raises(InvalidOptionError, match="limit"):
            run_grid("deep2", database, limit=-1)
        assert database.keys() == set()


def _count(database: Path) -> int:
    try:
        with sqlite3.connect(database) as connection:
            return connection.execute("SELECT COUNT(*) FROM atlas").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def test_sigkill_at_a_random_moment_then_resume_loses_and_duplicates_nothing(tmp_path):
    database = tmp_path / "atlas.sqlite"
    command = [sys.executable, "-m", "implicitize.atlas.run", "shallow2", "--db", str(database)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command + ["--max-cases", "40"], cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    target = random.Random(SEED).randint(1, 35)  # kill once this many rows are stored (mid-run)
    while process.poll() is None and (not database.exists() or _count(database) < target):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    before = _count(database)
    assert before < 40, "the run ended before the kill"
    subprocess.run(
        command + ["--max-cases", str(40 - before)],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )
    expected = [case.case_id for case in grid_cases("shallow2") if case.computed][:40]
    with AtlasDatabase(database) as opened:
        stored = opened.records()
    assert sorted(stored) == sorted(expected), f"seed {SEED}, {before} rows before the resume"
    assert all(row["status"] == "done" for row, _ in stored.values())


def test_export_writes_linked_rows_and_counts_the_absent(tmp_path):
    with AtlasDatabase(tmp_path / "a.sqlite") as database:
        run_grid("shallow2", database, cases=[c for c in grid_cases("shallow2") if c.widths in ((1, 2, 2), (2, 2, 1))])
        written, absent = export(database, tmp_path / "out", grids=("shallow2",))
    table = rows(tmp_path / "out")
    assert written == len(table) == 2 * two_block_count(2) and absent == len(grid_cases("shallow2")) - written
    linked = [row for row in table if row["transpose_of"]]
    assert len(linked) == two_block_count(2) and all(row["widths"] == "2,2,1" for row in linked)
    assert [record["case_id"] for record in ideals(tmp_path / "out")] == [row["case_id"] for row in table]


def test_load_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"relu-varieties\[pandas\]"):
        load()


# -- the shipped data -------------------------------------------------------------------------------------
SHIPPED = rows()
RECORDS = {record["case_id"]: record for record in ideals()}
CASES = {case.case_id: case for grid in GRIDS for case in grid_cases(grid)}


def test_shipped_rows_are_cases_of_the_grids_once_each_with_an_outcome():
    ids = [row["case_id"] for row in SHIPPED]
    assert len(ids) == len(set(ids)) == len(RECORDS)
    assert all(CASES[key].grid == row["grid"] for key, row in zip(ids, SHIPPED))
    assert {row["status"] for row in SHIPPED} <= {"done", "timeout"} | {
        row["status"] for row in SHIPPED if row["status"].startswith("error")
    }
    for row in SHIPPED:
        if row["status"] == "done":
            assert row["certified"] and row["dimension"] <= row["refined_expected"] <= row["naive_expected"]
            assert row["defective"] == (row["dimension"] < row["refined_expected"])
            assert row["generators"] == len(row["generator_degrees"]) == len(RECORDS[row["case_id"]]["generators"])


#: Routes whose proof runs Singular: without it such a row cannot be recomputed to the same answer.
SINGULAR_ROUTES = (
    "Serre's criterion",
    "Cohen–Macaulay and a point count",
    "V(J) is a complete intersection",
    "equal to the elimination",
    "elimination (",
)


def test_a_random_sample_of_fast_rows_recomputes_to_the_same_answers():
    fast = [
        row
        for row in SHIPPED
        if row["status"] == "done"
        and not row["transpose_of"]
        and row["seconds"] < 0.3
        and (shutil.which("Singular") or not row["route"].startswith(SINGULAR_ROUTES))
    ]
    for row in random.Random(SEED).sample(fast, min(10, len(fast))):
        again, ideal = compute_case(CASES[row["case_id"]])
        again = typed_row(again)
        # the degree of V needs Singular when V is not a complete intersection
        skipped = {"seconds", "version"} | (set() if shutil.which("Singular") else {"degree_of_V"})
        for key in row:
            if key not in skipped:
                assert again[key] == row[key], (SEED, row["case_id"], key)
        assert ideal["generators"] == RECORDS[row["case_id"]]["generators"], (SEED, row["case_id"])


def test_generators_vanish_at_exact_points_of_each_variety_and_not_off_it():
    with_ideal = [row for row in SHIPPED if row["generators"]]
    generator = random.Random(SEED)
    for row in generator.sample(with_ideal, min(25, len(with_ideal))):
        case = CASES[row["case_id"]]
        variety = PatternVariety(case.architecture, json.loads(case.patterns))
        record = RECORDS[row["case_id"]]
        assert record["coordinates"] == list(variety.context.names())
        found = polynomials(record) + polynomials(record, "missing_generators")
        for seed in (generator.randrange(10**6), generator.randrange(10**6)):
            point = [flint.fmpq(v.numerator, v.denominator) for v in variety.sample_point(seed=seed)]
            assert all(g(*point) == 0 for g in found), (SEED, row["case_id"])
        # V is a proper subvariety, so a random integer point misses it (probability ≥ 1 − deg/10^9)
        off = [flint.fmpq(generator.randrange(-(10**9), 10**9)) for _ in record["coordinates"]]
        assert any(g(*off) != 0 for g in found), (SEED, row["case_id"])


@pytest.mark.singular
def test_proved_ideals_agree_with_singular_elimination_on_a_sample():
    from implicitize import eliminate, ideals_equal

    small = [
        row
        for row in SHIPPED
        if row["proved"] == "generates" and row["generators"] and row["ambient"] <= 12 and not row["transpose_of"]
    ]
    for row in random.Random(SEED).sample(small, min(6, len(small))):
        case = CASES[row["case_id"]]
        variety = PatternVariety(case.architecture, json.loads(case.patterns))
        reference = eliminate(variety.parametrisation, backend="singular", timeout=60)
        assert ideals_equal(polynomials(RECORDS[row["case_id"]]), reference, variety.context), (SEED, row["case_id"])


def test_minors_verdicts_agree_with_sympy_groebner_bases_on_a_sample():
    from implicitize import ideals_equal
    from varieties import minors

    small = [row for row in SHIPPED if row["minors_generate"] == "yes" and row["generators"] and row["ambient"] <= 8]
    for row in random.Random(SEED).sample(small, min(6, len(small))):
        case = CASES[row["case_id"]]
        variety = PatternVariety(case.architecture, json.loads(case.patterns))
        known = list(minors(variety.rank_constraints(), variety.context))
        assert ideals_equal(known, polynomials(RECORDS[row["case_id"]]), variety.context, backend="sympy"), (
            SEED,
            row["case_id"],
        )


def test_dask_local_cluster_gives_the_rows_of_the_local_runner(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
    from implicitize.atlas.distributed import run_grid_dask

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        with AtlasDatabase(tmp_path / "dask.sqlite") as database:
            outcome = run_grid_dask("shallow2", database, cluster.scheduler_address, max_cases=12)
            remote = database.records()
    with AtlasDatabase(tmp_path / "local.sqlite") as database:
        run_grid("shallow2", database, max_cases=12)
        local = database.records()
    assert outcome.computed == 12 and sorted(remote) == sorted(local)
    for key, (row, ideal) in local.items():
        assert {k: v for k, v in remote[key][0].items() if k != "seconds"} == {
            k: v for k, v in row.items() if k != "seconds"
        }
        assert remote[key][1]["generators"] == ideal["generators"]


@pytest.mark.singular  # without Singular the case is refused at once (no elimination to fall back on)
def test_dask_task_kills_a_case_over_the_limit():
    from implicitize.atlas.distributed import run_guarded

    row, _ = run_guarded(AtlasCase("shallow3", (3, 4, 3), False, "[[[0,1]],[[1,2]],[[2,3]]]"), limit=1.0)
    assert (row["status"], row["seconds"], row["ambient"]) == ("timeout", 1.0, 27)
