"""The Singular backend: worked cases of docs/mathematics.md#dimension by Singular's eliminate, checked by determinants, points,
Jacobian dimensions and sympy; errors when Singular is missing, fails or runs out of time."""

from __future__ import annotations

import os
import time

import flint
import pytest

from architectures.errors import BackendFailedError, BackendUnavailableError, InvalidDataError
from elimination_cases import block_determinants, independent_points, span_rank, variety
from implicitize.backends import singular
from implicitize.backends.ideal_ops import groebner_basis, hilbert_function, ideals_equal, normal_forms
from implicitize.backends.singular import (
    eliminate_singular,
    groebner_singular,
    hilbert_series_singular,
    minbase_singular,
    reduce_singular,
    run_singular,
    singular_available,
)
from varieties.dimension import dimension
from worked_cases import worked_case_named


@pytest.mark.skipif(
    not os.environ.get("RELU_VARIETIES_REQUIRE_PROGRAMS"),
    reason="only where the external programs are required (CI sets RELU_VARIETIES_REQUIRE_PROGRAMS=1)",
)
def test_singular_is_installed_where_required():
    """CI installs Debian's singular (.ci/run) and requires it: the Singular tests must run there, not skip."""
    assert singular_available()


@pytest.mark.singular
def test_one_block_323_gives_the_determinant():
    """(3,2,3), block {0,1}: rank ≤ 2 matrices, one cubic — Singular's generator spans the same line as sympy's det."""
    v = worked_case_named("(3,2,3) {0,1}").variety()
    generators = eliminate_singular(v.parametrisation)
    [det] = block_determinants(v, [(1,)])
    assert len(generators) == 1 and generators[0].total_degree() == 3
    assert span_rank([det, generators[0]]) == 1


@pytest.mark.singular
def test_two_blocks_232_fill_the_ambient_space():
    """(2,3,2), blocks {0,1},{1,2}: the variety is all of C^8, so the eliminated ideal is zero."""
    v = worked_case_named("(2,3,2) {0,1},{1,2}").variety()
    assert eliminate_singular(v.parametrisation) == []
    assert dimension(v).dimension == 8  # Jacobian rank, the independent route


@pytest.mark.slow
@pytest.mark.singular
def test_two_blocks_333_are_cut_out_by_det_m1_det_m2_det_m1_minus_m2():
    """(3,3,3), blocks {0,1},{1,2}: three cubics spanning the same space as det M_1, det M_2, det(M_1 − M_2);
    both sets are generated in degree 3, so equal spans mean equal ideals (also checked by sympy Gröbner bases)."""
    v = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    generators = eliminate_singular(v.parametrisation)
    dets = block_determinants(v, [(1, 0), (0, 1), (1, -1)])
    assert sorted(g.total_degree() for g in generators) == [3, 3, 3]
    assert span_rank(dets) == span_rank(dets + generators) == 3
    assert ideals_equal(generators, dets, v.context, backend="sympy")


@pytest.mark.slow
@pytest.mark.singular
def test_deep_3333_generators_vanish_on_points_and_have_the_jacobian_dimension():
    """(3,3,3,3), blocks (all, all), ({0,1}, all): every generator vanishes at points from the reference
    evaluator, and the Krull dimension of Q[y]/I equals the generic Jacobian rank (not smaller, not larger)."""
    v = variety((3, 3, 3, 3), [[[0, 1, 2], [0, 1, 2]], [[0, 1], [0, 1, 2]]])
    generators = eliminate_singular(v.parametrisation)
    assert generators
    for point in independent_points(v, 5, seed=3):
        assert all(g(*point) == 0 for g in generators)
    _, krull = hilbert_series_singular(generators, v.context)
    assert krull == dimension(v).dimension


@pytest.mark.parametrize(
    "widths, patterns",
    [
        ((3, 2, 3), [[[0, 1]]]),
        ((2, 2, 2), [[[0]], [[0, 1]]]),
        ((2, 2, 2, 2), [[[0, 1], [0, 1]], [[0], [0, 1]]]),
    ],
)
@pytest.mark.singular
def test_eliminated_generators_vanish_under_exact_substitution(widths, patterns):
    """Each generator composed with the parametrisation is the zero polynomial of Q[θ]."""
    f = variety(widths, patterns).parametrisation
    for g in eliminate_singular(f):
        assert g.compose(*f.polynomials, ctx=f.context).is_zero()


@pytest.mark.singular
def test_hilbert_series_of_a_complete_intersection():
    """Three cubics cutting out codimension 3 (docs/mathematics.md#dimension: dim 15 in C^18) have numerator (1 − t^3)^3."""
    v = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    dets = block_determinants(v, [(1, 0), (0, 1), (1, -1)])
    numerator, krull = hilbert_series_singular(dets, v.context)
    assert numerator == [1, 0, 0, -3, 0, 0, 3, 0, 0, -1]
    assert krull == 15


@pytest.mark.singular
def test_hilbert_series_of_the_zero_and_unit_ideals():
    ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c"), "degrevlex")
    assert hilbert_series_singular([], ctx) == ([1], 3)
    assert hilbert_series_singular([ctx.from_dict({(0, 0, 0): 1})], ctx) == ([], -1)


@pytest.mark.singular
def test_groebner_basis_and_normal_forms_agree_with_sympy():
    """Reduced monic degrevlex bases are unique: Singular's equals sympy's; normal forms too."""
    ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c"), "degrevlex")
    a, b, c = ctx.gens()
    generators = [a**2 - b * c / 3, a * b - 2 * c**2, b**3 - a * c + 5]
    assert sorted(map(str, groebner_singular(generators, ctx))) == sorted(
        map(str, groebner_basis(generators, ctx, backend="sympy"))
    )
    tested = [a**3, a * b * c + 1, generators[0] * (b + 7) - generators[2] * a]
    assert list(map(str, reduce_singular(tested, generators, ctx))) == list(
        map(str, normal_forms(tested, generators, ctx, backend="sympy"))
    )
    assert reduce_singular(tested, generators, ctx)[2].is_zero()


@pytest.mark.singular
def test_minbase_drops_redundant_generators():
    ctx = flint.fmpq_mpoly_ctx.get(("a", "b", "c"), "degrevlex")
    a, b, c = ctx.gens()
    f, g = a * b - c**2, a**2 - b * c
    result = minbase_singular([f, a * f + b * g, g, f * g, 3 * f - g], ctx)
    assert len(result) == 2 and ideals_equal(result, [f, g], ctx, backend="sympy")
    with pytest.raises(InvalidDataError, match="homogeneous"):
        minbase_singular([a - 1], ctx)


@pytest.mark.slow
@pytest.mark.singular
def test_hilbert_function_from_the_series_matches_the_count_of_standard_monomials():
    v = worked_case_named("(3,3,3) {0,1},{1,2}").variety()
    dets = block_determinants(v, [(1, 0), (0, 1), (1, -1)])
    assert [hilbert_function(dets, v.context, d, backend="singular") for d in range(5)] == [
        hilbert_function(dets, v.context, d, backend="sympy") for d in range(5)
    ]


def test_missing_singular_names_the_package(monkeypatch, tmp_path):
    """With a PATH that holds no Singular, the backend says which Debian package to install."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not singular_available()
    with pytest.raises(BackendUnavailableError, match="apt-get install singular"):
        run_singular("ring r = 0, (x), dp;")
    with pytest.raises(BackendUnavailableError, match="singular"):
        eliminate_singular(worked_case_named("(3,2,3) {0,1}").variety().parametrisation)


def test_renamed_executable_is_reported_missing(monkeypatch):
    monkeypatch.setattr(singular, "SINGULAR_EXECUTABLE", "Singular-not-installed-here")
    assert not singular_available()
    with pytest.raises(BackendUnavailableError, match="apt-get install singular"):
        run_singular("ring r = 0, (x), dp;")


@pytest.mark.slow
@pytest.mark.singular
def test_timeout_kills_singular_and_reports_failure():
    started = time.perf_counter()
    with pytest.raises(BackendFailedError, match="time limit of 1 s"):
        run_singular("int i = 0; while (1) { i = i + 1; }", timeout=1)
    assert time.perf_counter() - started < 10


@pytest.mark.singular
def test_a_singular_error_is_quoted():
    with pytest.raises(BackendFailedError, match="undefined_thing"):
        run_singular("ring r = 0, (x), dp; poly p = undefined_thing + ;")


@pytest.mark.singular
@pytest.mark.slow
def test_eliminate_with_timeout_too_short_fails_cleanly():
    v = variety((3, 3, 3, 3), [[[0, 1, 2], [0, 1, 2]], [[0, 1], [0, 1, 2]]])
    with pytest.raises(BackendFailedError, match="time limit"):
        eliminate_singular(v.parametrisation, timeout=0.5)


@pytest.mark.parametrize("timeout", [0, -1, "10", True])
def test_bad_timeouts_are_refused(timeout):
    with pytest.raises(InvalidDataError, match="timeout"):
        run_singular("ring r = 0, (x), dp;", timeout=timeout)


@pytest.mark.singular
@pytest.mark.slow
def test_singular_dies_with_a_killed_parent():
    """A Python process killed by SIGKILL mid-elimination leaves no Singular running (PR_SET_PDEATHSIG)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "from implicitize.backends.singular import run_singular\n"
        "run_singular('ring r = 0, x, dp; int i; for (i = 0; i < 1; i = i) { }', timeout=60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    children: list[str] = []
    for _ in range(100):
        time.sleep(0.1)
        children = subprocess.run(["pgrep", "-P", str(parent.pid)], capture_output=True, text=True).stdout.split()
        if children:
            break
    assert children, "Singular did not start"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(50):
        time.sleep(0.1)
        if not os.path.exists(f"/proc/{children[0]}") or "Z" in open(f"/proc/{children[0]}/stat").read().split()[2]:
            break
    else:
        os.kill(int(children[0]), signal.SIGKILL)
        raise AssertionError("Singular outlived its killed parent")


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie awaiting its parent."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads process states from /proc (Linux)")
@pytest.mark.slow
def test_a_timeout_kills_the_program_with_its_children(tmp_path, monkeypatch):
    """A program that starts a child of its own (as Singular may) leaves nothing running after a timeout."""
    pids = tmp_path / "pids"
    program = tmp_path / "fake-singular"
    program.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nsleep 300\n")
    program.chmod(0o755)
    monkeypatch.setattr(singular, "SINGULAR_EXECUTABLE", str(program))
    started = time.perf_counter()
    with pytest.raises(BackendFailedError, match="time limit"):
        run_singular("ring r = 0, (x), dp;", timeout=1)
    assert time.perf_counter() - started < 10  # killing only the program would wait on the child's pipes
    grandchild = int(pids.read_text())
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)
