"""Fuzzing the readers: any spec, network file or ideal file is read or refused with a project error.

A fixed seed keeps CI reproducible; ``RELU_VARIETIES_FUZZ_EXAMPLES=5000`` runs a longer search.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from architectures.errors import ReluVarietiesError
from architectures.network_file import network_from_json
from architectures.spec import load_spec
from implicitize.export.json import load_json

EXAMPLES = int(os.environ.get("RELU_VARIETIES_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1/3", "-0.5", "1e99999999", "1/0", "nan", "", "0x10", "1_0", "True"]),
    st.booleans(),
    st.none(),
)
LEAVES = st.one_of(NUMBERS, st.text(max_size=8))
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=30,
)
WIDTHS = st.lists(st.one_of(st.integers(-2, 4), st.just("3"), st.none()), max_size=4)


def _read_or_refuse(read, value) -> None:
    try:
        read(value)
    except ReluVarietiesError:
        pass


@FUZZ
@given(
    st.fixed_dictionaries(
        {"widths": WIDTHS},
        optional={
            "bias": st.one_of(st.booleans(), NUMBERS),
            "variety": st.sampled_from(["pattern", "output", "x"]),
            "patterns": VALUES,
            "data": VALUES,
            "assignment": VALUES,
            "extra": VALUES,
        },
    )
)
@pytest.mark.slow
def test_any_spec_is_read_or_refused(raw):
    _read_or_refuse(load_spec, raw)


@FUZZ
@given(st.fixed_dictionaries({"weights": VALUES}, optional={"widths": WIDTHS, "bias": VALUES, "biases": VALUES}))
@pytest.mark.slow
def test_any_network_object_is_read_or_refused(raw):
    _read_or_refuse(network_from_json, raw)


TERMS = st.lists(
    st.fixed_dictionaries(
        {
            "coefficient": st.one_of(st.text(max_size=6), NUMBERS),
            "monomial": st.dictionaries(st.sampled_from(["a", "b", "c"]), NUMBERS, max_size=3),
        }
    ),
    max_size=3,
)


@FUZZ
@given(
    st.fixed_dictionaries(
        {
            "schema": st.sampled_from(["relu-varieties/ideal/1", "x"]),
            "coordinates": st.one_of(st.just(["a", "b"]), VALUES),
            "generators": st.one_of(st.lists(TERMS, max_size=3), VALUES),
        },
        optional={
            "ordering": VALUES,
            "proved": VALUES,
            "route": VALUES,
            "hilbert_function": VALUES,
            "timings": VALUES,
            "dimension": VALUES,
        },
    )
)
@pytest.mark.slow
def test_any_ideal_document_is_read_or_refused(document):
    _read_or_refuse(load_json, json.dumps(document))


GOOD_SPEC = json.dumps({"widths": [3, 2, 3], "patterns": [[[0]], [[1]]]})


@FUZZ
@given(st.integers(0, len(GOOD_SPEC) - 1), st.integers(0, 3), st.text(max_size=4))
@pytest.mark.slow
def test_any_edit_of_a_spec_file_is_read_or_refused(position, cut, insert):
    _read_or_refuse(load_spec, GOOD_SPEC[:position] + insert + GOOD_SPEC[position + cut :])
