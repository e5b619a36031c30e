"""The ``survey`` and ``report`` commands, end to end through the command line."""
from __future__ import annotations

import json

from architectures import Architecture
from architectures.lattice import enumerate_pattern_tuples
from implicitize.cli import main


def test_survey_then_report_on_the_command_line(tmp_path, capsys):
    database = tmp_path / "survey.sqlite"
    assert main(["survey", "--widths", "3,3,3", "--blocks", "2", "--db", str(database), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    expected_cases = len(enumerate_pattern_tuples(Architecture((3, 3, 3)), 2))
    assert (first["cases"], first["computed"], first["already_in_database"]) == (expected_cases, expected_cases, 0)
    assert main(["survey", "--widths", "2,2,2", "--blocks", "2", "--min-active", "1", "--distinct",
                 "--workers", "1", "--no-progress", "--db", str(database)]) == 0
    assert "computed 2 with serial" in capsys.readouterr().out
    assert main(["survey", "--widths", "3,3,3", "--blocks", "2", "--db", str(database), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["computed"] == 0
    plot = tmp_path / "plot.png"
    assert main(["report", "--db", str(database), "--plot", str(plot)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:5] == ["widths", "bias", "check", "K", "cases"]
    assert [line.split()[:5] for line in table[2:]] == [["2,2,2", "no", "dimension", "2", "2"],
                                                       ["3,3,3", "no", "dimension", "2", str(expected_cases)]]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["report", "--db", str(database), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(s["cases"] for s in report["surveys"]) == expected_cases + 2
    assert (tmp_path / "survey.sqlite.png").exists()


def test_bad_command_line_input_gives_one_clear_line(tmp_path, capsys):
    database = str(tmp_path / "s.sqlite")
    assert main(["survey", "--widths", "3,x,3", "--db", database]) == 2
    assert "comma-separated positive integers" in capsys.readouterr().err
    assert main(["survey", "--widths", "3,3,3", "--blocks", "0", "--db", database]) == 2
    assert "positive integer" in capsys.readouterr().err
    assert main(["survey", "--widths", "3,3,3", "--scheduler", "localhost:8786", "--db", database]) == 2
    assert "tcp://host:port" in capsys.readouterr().err
    (tmp_path / "text.sqlite").write_text("not a database " * 100)
    assert main(["report", "--db", str(tmp_path / "text.sqlite")]) == 2
    assert "not a readable survey database" in capsys.readouterr().err
