"""``relu-varieties report --csv`` and ``SurveyRun.to_dataframe()``: the same rows as the database."""

from __future__ import annotations

import csv
import sys

import pytest

from architectures import Architecture
from architectures.errors import MissingExtraError
from implicitize.cli import main
from implicitize.survey import plan_survey, run_survey
from implicitize.survey.database import SurveyDatabase


def test_report_csv_holds_every_row_of_the_database(tmp_path, capsys):
    database = tmp_path / "s.sqlite"
    assert main(["survey", "--widths", "3,3,3", "--blocks", "2", "--db", str(database), "--json"]) == 0
    target = tmp_path / "rows.csv"
    assert main(["report", "--db", str(database), "--plot", str(tmp_path / "p.png"), "--csv", str(target)]) == 0
    with SurveyDatabase(database) as opened:
        stored = opened.rows()
    with open(target, newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == len(stored) == 13
    assert [(line["case_key"], int(line["actual"]), line["defective"]) for line in lines] == [
        (row.case_key, row.actual, str(row.defective)) for row in stored
    ]


def test_report_csv_into_a_missing_directory_is_one_line_and_status_2(tmp_path, capsys):
    database = tmp_path / "s.sqlite"
    assert main(["survey", "--widths", "2,2,2", "--blocks", "2", "--db", str(database), "--json"]) == 0
    assert (
        main(
            [
                "report",
                "--db",
                str(database),
                "--plot",
                str(tmp_path / "p.png"),
                "--csv",
                str(tmp_path / "absent" / "rows.csv"),
            ]
        )
        == 2
    )
    assert "cannot write the CSV" in capsys.readouterr().err


def test_to_dataframe_matches_the_rows_and_names_the_extra_without_pandas(tmp_path, monkeypatch):
    plan = plan_survey(Architecture((3, 3, 3)), 2)
    with SurveyDatabase(tmp_path / "s.sqlite") as database:
        run = run_survey(plan, database, workers=1)
    frame = run.to_dataframe()
    assert list(frame["actual"]) == [row.actual for row in run.rows]
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"relu-varieties\[pandas\]"):
        run.to_dataframe()
