"""Text from files never becomes a live line of an exported script; names reserved by a target are refused."""

from __future__ import annotations

import json
import subprocess

import flint
import pytest
import z3

from architectures.errors import InvalidExportError, InvalidIdealFileError
from implicitize.export.registry import export
from implicitize.export.json import load_json
from implicitize.ideal import IdealResult

HOSTILE = [
    "x\n(assert false)",
    "x\r\nquit;",
    "x\u2028(check-sat)",
    "x\u2029print(1);",
    "x\x85exit 0",
    "x\x0b\x0c\x1c\x1d\x1e(assert false)",
    "x\x1b[2J\u202e",
    "*/ -- ; // % \\",
]


def _hostile_result(text: str) -> IdealResult:
    document = {
        "schema": "relu-varieties/ideal/1",
        "coordinates": ["y_0_0", "y_0_1"],
        "generators": [
            [{"coefficient": "1", "monomial": {"y_0_0": 2}}, {"coefficient": "-1/3", "monomial": {"y_0_1": 1}}]
        ],
        "proved": "generates",
        "route": text,
    }
    return load_json(json.dumps(document))


@pytest.mark.parametrize("text", HOSTILE)
def test_a_file_stating_no_known_proof_is_refused(text):
    # "proved" is read into a Proof (contained / generates up to degree d / generates): other text,
    # hostile or not, never reaches an exported script
    document = {
        "schema": "relu-varieties/ideal/1",
        "coordinates": ["y_0_0"],
        "generators": [[{"coefficient": "1", "monomial": {"y_0_0": 1}}]],
        "proved": "generates " + text,
    }
    with pytest.raises(InvalidIdealFileError, match='"proved"'):
        load_json(json.dumps(document))


COMMENT = {"smtlib": ";", "singular": "//", "m2": "--", "latex": "%"}


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("target", sorted(COMMENT))
def test_hostile_text_stays_inside_one_comment_line(target, text):
    script = export(_hostile_result(text), target)
    comment_lines = [line for line in script.splitlines() if "generates" in line]
    assert len(comment_lines) == 1 and comment_lines[0].startswith(COMMENT[target])
    assert all(ch.isprintable() for ch in comment_lines[0])
    assert len(script.splitlines()) == len(script.split("\n")) - (1 if script.endswith("\n") else 0)


@pytest.mark.parametrize("text", HOSTILE)
def test_z3_reads_exactly_the_intended_assertions(text):
    solver = z3.Solver()
    solver.from_string(export(_hostile_result(text), "smtlib"))
    assert len(solver.assertions()) == 1 and solver.check() == z3.sat


@pytest.mark.singular
@pytest.mark.parametrize("text", HOSTILE[:4])
def test_singular_runs_the_script_and_nothing_else(text):
    script = export(_hostile_result(text), "singular") + "print(size(I));\nquit;\n"
    done = subprocess.run(["Singular", "-q", "--no-rc"], input=script, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["1"], done.stdout + done.stderr


@pytest.mark.macaulay2
@pytest.mark.slow
@pytest.mark.macaulay2
def test_macaulay2_runs_the_script_and_nothing_else(tmp_path):
    path = tmp_path / "ideal.m2"
    path.write_text(export(_hostile_result(HOSTILE[0] + HOSTILE[3]), "m2") + "print numgens I;\n")
    done = subprocess.run(["M2", "--script", str(path)], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["1"], done.stdout + done.stderr


@pytest.mark.parametrize(
    "target, name",
    [
        ("singular", "std"),
        ("singular", "ring"),
        ("singular", "dim"),
        ("m2", "ideal"),
        ("m2", "and"),
        ("smtlib", "true"),
        ("smtlib", "ite"),
    ],
)
def test_a_name_the_target_reserves_is_refused(target, name):
    context = flint.fmpq_mpoly_ctx.get((name, "y_0_1"), "degrevlex")
    a, b = context.gens()
    result = IdealResult(context, (a - b,), 2, proved="generates")
    with pytest.raises(InvalidExportError, match=name):
        export(result, target)


@pytest.mark.singular
@pytest.mark.parametrize("name", ["std", "ring", "dim"])
def test_singular_itself_refuses_the_names_the_exporter_refuses(name):
    done = subprocess.run(
        ["Singular", "-q", "--no-rc"],
        input=f"ring R = 0, ({name}, b), dp;\nquit;\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "error" in done.stdout + done.stderr
