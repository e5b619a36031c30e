"""The implicitize command: JSON keys of the design card, cache hits shown, errors as one line."""

from __future__ import annotations

import json

from implicitize.cli import main


def test_implicitize_json_keys(tmp_path, capsys):
    assert main(["implicitize", "--example", "three-cubics", "--json", "--cache", str(tmp_path / "c.sqlite")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {
        "ambient_dimension",
        "dimension",
        "expected_dimension",
        "generators",
        "degrees",
        "proved",
        "strategy",
        "seconds",
    } <= set(printed)
    assert printed["degrees"] == [3, 3, 3] and all(g.startswith(("m_", "-m_")) for g in printed["generators"])


def test_implicitize_text_shows_cache_hits(tmp_path, capsys):
    arguments = ["implicitize", "--example", "determinant", "--cache", str(tmp_path / "c.sqlite")]
    assert main(arguments) == 0 and main(arguments) == 0
    out = capsys.readouterr().out
    assert "(cache hit)" in out and "generates" in out


def test_no_cache_and_degree_bound(capsys):
    assert main(["implicitize", "--example", "deep", "--no-cache", "--max-degree", "1", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["generators"] == [] and printed["proved"] == "generates up to degree 1"
