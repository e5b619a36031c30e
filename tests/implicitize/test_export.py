"""Export dispatch: every format goes through one entry point; bad formats and paths fail clearly."""

from __future__ import annotations

import pytest

from architectures.errors import NoIdealError, OutputNotWritableError, ReluVarietiesError, UnknownFormatError
from export_cases import three_cubics
from implicitize.export.registry import FORMATS, SUFFIXES, export, write_export
from varieties import PatternVariety


@pytest.mark.slow
def test_each_format_name_dispatches_to_its_exporter_and_has_a_suffix():
    result, parametrisation = three_cubics()
    assert set(FORMATS) == set(SUFFIXES) == {"smtlib", "m2", "singular", "json", "latex"}
    for name, exporter in FORMATS.items():
        assert export(result, name, parametrisation=parametrisation) == exporter(
            result, parametrisation=parametrisation
        )


def test_an_unknown_format_lists_the_known_ones():
    result, _ = three_cubics()
    with pytest.raises(UnknownFormatError, match="smtlib") as caught:
        export(result, "mathematica")
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, ReluVarietiesError)


@pytest.mark.parametrize("target", ["missing-directory/ideal.smt2", "."])
def test_an_unwritable_output_path_is_refused_and_nothing_is_written(tmp_path, target):
    path = tmp_path / target
    with pytest.raises(OutputNotWritableError, match="cannot write"):
        write_export("text", path)
    assert not (tmp_path / "missing-directory").exists()


def test_writing_then_reading_gives_the_text_back(tmp_path):
    result, _ = three_cubics()
    text = export(result, "singular")
    assert write_export(text, tmp_path / "ideal.sing").read_text() == text


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_variety_with_no_computed_ideal_is_refused_by_every_format(name):
    variety = PatternVariety(three_cubics()[1].architecture, [[[0, 1]], [[1, 2]]])
    with pytest.raises(NoIdealError, match="implicitize"):
        export(variety, name)
