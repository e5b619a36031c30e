"""The pattern lattice cache: identical results, across processes, invalidated by version, safe when corrupt."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import flint
import networkx as nx
import pytest

from architectures import Architecture, CacheError
from implicitize import cache as cache_module
from implicitize import implicitize
from implicitize.cache import PatternCache
from varieties import PatternVariety

ARCH = Architecture((3, 3, 3))


def test_cached_result_is_identical_and_marked(tmp_path):
    cache = PatternCache(tmp_path / "c.sqlite")
    variety = PatternVariety(ARCH, [[[0, 1]], [[0, 1, 2]]])
    first = implicitize(variety, cache=cache)
    second = implicitize(variety, cache=cache)
    assert not first.cache_hit and second.cache_hit
    assert second.generators == first.generators and second.proved == first.proved
    assert cache.hits == 1 and len(cache) == 1


def test_symmetric_patterns_hit_and_are_renamed_correctly(tmp_path):
    cache = PatternCache(tmp_path / "c.sqlite")
    implicitize(PatternVariety(ARCH, [[[0, 1]], [[0, 1, 2]]]), cache=cache)
    swapped = PatternVariety(ARCH, [[[0, 1, 2]], [[1, 2]]])  # blocks swapped, neurons relabelled
    result = implicitize(swapped, cache=cache)
    assert result.cache_hit
    for seed in range(10):
        point = [flint.fmpq(x.numerator, x.denominator) for x in swapped.sample_point(seed=seed)]
        assert all(g(*point) == 0 for g in result.generators)
    assert len(result.generators) == len(implicitize(swapped).generators)


@pytest.mark.slow
def test_cache_survives_a_process_restart(tmp_path):
    path = tmp_path / "c.sqlite"
    script = (
        "import json, sys; from architectures import *; from varieties import PatternVariety; "
        "from implicitize import implicitize; from implicitize.cache import PatternCache; "
        f"r = implicitize(PatternVariety(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]]), "
        f"cache=PatternCache({str(path)!r})); print(json.dumps([r.cache_hit, r.to_strings()]))"
    )
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
        for _ in range(2)
    ]
    assert runs[0][0] is False and runs[1][0] is True and runs[0][1] == runs[1][1]


def test_version_bump_invalidates(tmp_path, monkeypatch):
    cache = PatternCache(tmp_path / "c.sqlite")
    variety = PatternVariety(ARCH, [[[0, 1]], [[1, 2]]])
    implicitize(variety, cache=cache)
    monkeypatch.setattr(cache_module, "ALGORITHM_VERSION", cache_module.ALGORITHM_VERSION + 1)
    assert not implicitize(variety, cache=cache).cache_hit


def test_corrupted_file_is_rebuilt_not_trusted(tmp_path):
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = PatternCache(path)
    assert cache.rebuilt_from is not None and cache.rebuilt_from.exists()
    result = implicitize(PatternVariety(ARCH, [[[0, 1]], [[1, 2]]]), cache=cache)
    assert not result.cache_hit and len(result.generators) == 3


def test_tampered_entry_is_recomputed(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = PatternCache(path)
    variety = PatternVariety(ARCH, [[[0, 1]], [[1, 2]]])
    good = implicitize(variety, cache=cache)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE results SET payload = replace(payload, '\"-1\"', '\"7\"')")
    result = implicitize(variety, cache=PatternCache(path))
    assert not result.cache_hit and result.generators == good.generators


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "c.sqlite"
    PatternCache(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(CacheError, match="newer"):
        PatternCache(path)


@pytest.mark.slow
def test_related_varieties_seed_the_computation(tmp_path):
    cache = PatternCache(tmp_path / "c.sqlite")
    implicitize(PatternVariety(ARCH, [[[0, 1]], [[1, 2]]]), cache=cache)
    bigger = PatternVariety(ARCH, [[[0, 1]], [[1, 2]], [[0, 2]]])
    seeds = cache.related_generators(bigger)
    assert seeds and all(
        g(*[flint.fmpq(x.numerator, x.denominator) for x in bigger.sample_point(seed=s)]) == 0
        for g in seeds
        for s in range(3)
    )
    assert implicitize(bigger, cache=cache).proved == "generates"


@pytest.mark.singular
@pytest.mark.slow
def test_a_proof_in_the_cache_answers_a_later_call_without_prove(tmp_path):
    """After ``prove=True`` proved the three cubics generate, a plain call reuses that proof; a fresh
    cache without it still says only "up to degree 3"."""
    variety = PatternVariety(ARCH, [[[0, 1]], [[1, 2]]])
    cache = PatternCache(tmp_path / "c.sqlite")
    proved = implicitize(variety, prove=True, cache=cache)
    assert proved.proved == "generates"
    later = implicitize(variety, cache=cache)
    assert later.cache_hit and later.proved == "generates" and later.generators == proved.generators
    assert implicitize(variety, cache=PatternCache(tmp_path / "other.sqlite")).proved == "generates up to degree 3"


def test_a_cache_that_cannot_be_opened_is_a_clear_error_and_nothing_is_renamed(tmp_path, monkeypatch):
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"")

    def read_only(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(cache_module.sqlite3, "connect", read_only)
    with pytest.raises(CacheError, match="writable file"):
        PatternCache(path)
    assert [p.name for p in tmp_path.iterdir()] == ["c.sqlite"]


def test_a_full_disk_keeps_the_answer_and_warns_that_it_was_not_cached(tmp_path):
    from architectures.errors import CacheWriteWarning

    cache = PatternCache(tmp_path / "c.sqlite")

    class FullDisk:
        """The cache's connection, failing every write as a full disk does (ENOSPC)."""

        def __init__(self, inner):
            self.inner = inner

        def execute(self, sql, *args):
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")
            return self.inner.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    cache._connection = FullDisk(cache._connection)
    variety = PatternVariety(ARCH, [[[0, 1]], [[0, 1, 2]]])
    with pytest.warns(CacheWriteWarning, match="disk is full"):
        result = implicitize(variety, cache=cache)
    assert result.generators == implicitize(variety).generators and len(cache) == 0


def test_related_tuples_are_the_lattice_edges_into_and_out_of_a_tuple():
    """Every tuple the cache draws on is joined to the variety's tuple by lattice edges that prove containment."""
    from architectures.lattice import canonical_patterns, pattern_lattice, related_tuples

    architecture = ARCH
    patterns = [[[0]], [[0, 1]]]
    node = canonical_patterns(architecture, patterns)
    for related in related_tuples(architecture, patterns):
        other = canonical_patterns(architecture, related.patterns)
        if related.relation == "projection":  # a path of projection edges down from the tuple
            lattice = pattern_lattice(architecture, 2, root=patterns)
            assert other in nx.descendants(lattice, node)
            path = nx.shortest_path(lattice, node, other)
            assert all(lattice.edges[a, b]["relation"] == "projection" for a, b in zip(path, path[1:]))
        else:  # one inclusion edge from the containing tuple down to this one
            lattice = pattern_lattice(architecture, 2, root=related.patterns)
            assert lattice.edges[other, node]["relation"] == "inclusion"


def test_generators_of_a_containing_variety_seed_the_computation(tmp_path):
    """I(V_parent) ⊆ I(V) when V_parent contains V: cached generators of the parent vanish on V."""
    cache = PatternCache(tmp_path / "c.sqlite")
    parent = PatternVariety(ARCH, [[[0, 1]], [[0, 1]]])
    implicitize(parent, cache=cache)
    smaller = PatternVariety(ARCH, [[[0]], [[0]]])  # neuron 1 removed (it is active in both blocks above)
    seeds = cache.related_generators(smaller)
    assert seeds
    for s in range(3):
        point = [flint.fmpq(x.numerator, x.denominator) for x in smaller.sample_point(seed=s)]
        assert all(g(*point) == 0 for g in seeds)
    # not a tautology: the seeds do not vanish everywhere
    assert any(g(*[flint.fmpq(k + 2) for k in range(smaller.ambient_dimension)]) != 0 for g in seeds)
    assert implicitize(smaller, cache=cache).generators == implicitize(smaller).generators


def test_the_key_holds_the_seed_and_the_prime(tmp_path):
    cache = PatternCache(tmp_path / "c.sqlite")
    variety = PatternVariety(ARCH, [[[0, 1]]])
    assert not implicitize(variety, cache=cache, seed=0).cache_hit
    assert implicitize(variety, cache=cache, seed=0).cache_hit
    assert not implicitize(variety, cache=cache, seed=1).cache_hit
    assert not implicitize(variety, cache=cache, seed=0, prime=2_147_483_629).cache_hit
    assert len(cache) == 3


def test_a_survey_shares_the_cache_with_implicitize(tmp_path, capsys):
    """The generation check of ``survey --cache`` stores results that ``implicitize`` then reads, and the
    survey's row agrees with the result read back."""
    from implicitize.cli import main
    from implicitize.survey.database import SurveyDatabase
    from implicitize.survey.run import plan_survey

    path = tmp_path / "c.sqlite"
    assert (
        main(
            [
                "survey",
                "--widths",
                "3,3,3",
                "--blocks",
                "1",
                "--check",
                "generation",
                "--workers",
                "1",
                "--db",
                str(tmp_path / "s.sqlite"),
                "--cache",
                str(path),
                "--json",
            ]
        )
        == 0
    )
    plan = plan_survey(ARCH, 1, check="generation")
    with SurveyDatabase(tmp_path / "s.sqlite", create=False) as database:
        rows = {row.case_key: row for row in database.rows()}
    cache = PatternCache(path)
    assert len(cache) == len(plan.cases)
    for case in plan.cases:
        result = implicitize(PatternVariety(ARCH, case), "auto", cache=cache)
        assert result.cache_hit
        row = rows[json.dumps([p.as_lists() for p in case], separators=(",", ":"))]
        assert json.loads(row.degrees) == sorted(result.degrees) and row.proved == result.proved


@pytest.mark.parametrize("not_a_cache", [False, True, "cache.sqlite", 0])
def test_a_cache_that_is_not_a_pattern_cache_is_refused_at_the_door(not_a_cache):
    from architectures.errors import InvalidArgumentError

    variety = PatternVariety(Architecture((2, 1, 2)), [[[0]]])
    with pytest.raises(InvalidArgumentError, match="PatternCache"):
        implicitize(variety, cache=not_a_cache)
