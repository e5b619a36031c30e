"""The ``survey`` and ``report`` commands, end to end through the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest

from architectures import Architecture, forward_pass
from architectures.lattice import canonical_patterns, enumerate_pattern_tuples
from implicitize.cli import main
from implicitize.survey.database import SurveyDatabase


@pytest.mark.slow
def test_survey_then_report_on_the_command_line(tmp_path, capsys):
    database = tmp_path / "survey.sqlite"
    assert main(["survey", "--widths", "3,3,3", "--blocks", "2", "--db", str(database), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    expected_cases = len(enumerate_pattern_tuples(Architecture((3, 3, 3)), 2))
    assert (first["cases"], first["computed"], first["already_in_database"]) == (expected_cases, expected_cases, 0)
    assert (
        main(
            [
                "survey",
                "--widths",
                "2,2,2",
                "--blocks",
                "2",
                "--min-active",
                "1",
                "--distinct",
                "--workers",
                "1",
                "--no-progress",
                "--db",
                str(database),
            ]
        )
        == 0
    )
    assert "computed 2 with serial" in capsys.readouterr().out
    assert main(["survey", "--widths", "3,3,3", "--blocks", "2", "--db", str(database), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["computed"] == 0
    plot = tmp_path / "plot.png"
    assert main(["report", "--db", str(database), "--plot", str(plot)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:5] == ["widths", "bias", "check", "K", "cases"]
    assert [line.split()[:5] for line in table[2:]] == [
        ["2,2,2", "no", "dimension", "2", "2"],
        ["3,3,3", "no", "dimension", "2", str(expected_cases)],
    ]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["report", "--db", str(database), "--plot", str(plot), "--defective", "5"]) == 0
    assert (
        "no defective cases" in capsys.readouterr().out
    )  # docs/mathematics.md#dimension: shallow counts are reached here
    assert main(["report", "--db", str(database), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(s["cases"] for s in report["surveys"]) == expected_cases + 2
    assert report["plot"] is None and sorted(p.name for p in tmp_path.glob("*.png")) == ["plot.png"]  # only when asked


def test_bad_command_line_input_gives_one_clear_line(tmp_path, capsys):
    database = str(tmp_path / "s.sqlite")
    assert main(["survey", "--widths", "3,x,3", "--db", database]) == 2
    assert "comma-separated positive integers" in capsys.readouterr().err
    assert main(["survey", "--widths", "3,3,3", "--blocks", "0", "--db", database]) == 2
    assert "positive integer" in capsys.readouterr().err
    assert main(["survey", "--widths", "3,3,3", "--scheduler", "localhost", "--db", database]) == 2
    assert "tcp://host:port" in capsys.readouterr().err
    (tmp_path / "text.sqlite").write_text("not a database " * 100)
    assert main(["report", "--db", str(tmp_path / "text.sqlite")]) == 2
    assert "not a readable survey database" in capsys.readouterr().err
    assert main(["report", "--db", str(tmp_path / "mistyped.sqlite")]) == 2
    assert "there is no survey database" in capsys.readouterr().err
    assert not (tmp_path / "mistyped.sqlite").exists()  # an error, not a new empty file


@pytest.mark.slow
def test_survey_on_data_keeps_only_tuples_some_network_produces_there(tmp_path, capsys):
    points = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [-1, 2, 0], [2, -1, 1]]
    (tmp_path / "data.json").write_text(json.dumps({"data": points, "assignment": [0, 0, 0, 1, 1, 1]}))
    database = tmp_path / "s.sqlite"
    assert (
        main(
            [
                "survey",
                "--widths",
                "3,3,3",
                "--blocks",
                "2",
                "--data",
                str(tmp_path / "data.json"),
                "--db",
                str(database),
                "--json",
            ]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["undecided"] == 0 and summary["unrealisable"] > 0
    # Independent route: networks sampled at random, keeping those giving each data block one pattern.
    architecture = Architecture((3, 3, 3))
    rng = np.random.default_rng(2)
    seen = set()
    for _ in range(6000):  # entries in {-1, 0, 1, 2}: all-positive rows, needed by some tuples, are not rare
        theta = [int(v) for v in rng.integers(-1, 3, size=architecture.parameter_count)]
        taken = forward_pass(architecture, theta, points).patterns
        if len(set(taken[:3])) == 1 and len(set(taken[3:])) == 1:
            seen.add(canonical_patterns(architecture, [taken[0], taken[3]]))
    with SurveyDatabase(database) as db:
        keys = {row.case_key for row in db.rows()}
    assert keys == {json.dumps([p.as_lists() for p in case], separators=(",", ":")) for case in seen}
    assert summary["cases"] == len(seen)
    (tmp_path / "bad.json").write_text('{"data": []}')
    assert main(["survey", "--widths", "3,3,3", "--data", str(tmp_path / "bad.json"), "--db", str(database)]) == 2
    assert '"assignment"' in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.singular
def test_survey_with_prove_proves_generation_of_every_small_case(tmp_path, capsys):
    database = tmp_path / "p.sqlite"
    assert (
        main(
            [
                "survey",
                "--widths",
                "3,3,3",
                "--blocks",
                "2",
                "--check",
                "generation",
                "--prove",
                "--workers",
                "1",
                "--db",
                str(database),
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["settings"] == "seed=0 max_degree=None prove"
    with SurveyDatabase(database) as db:
        rows = {row.case_key: row for row in db.rows()}
    assert len(rows) == len(enumerate_pattern_tuples(Architecture((3, 3, 3)), 2))
    assert all(row.proved == "generates" for row in rows.values())
    # docs/mathematics.md#dimension: the three cubics det M_1, det M_2, det(M_1 − M_2) generate for blocks {0,1},{1,2}.
    cubics = canonical_patterns(Architecture((3, 3, 3)), [[[0, 1]], [[1, 2]]])
    assert json.loads(rows[json.dumps([p.as_lists() for p in cubics], separators=(",", ":"))].degrees) == [3, 3, 3]
