"""Fuzzing the files themselves: byte-level edits of network files (.json, .npz) and exported ideals,
random .npz archives, and exports whose writing fails at a random step.

Every example is read correctly or refused with a project error, within a time bound, and no write
leaves a half-written file. A fixed seed keeps CI reproducible; ``RELU_VARIETIES_FUZZ_EXAMPLES=5000``
runs a longer search (the default runs in well under a minute).
"""

from __future__ import annotations

import errno
import io
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import architectures.atomic_write as atomic
from architectures.errors import OutputNotWritableError, ReluVarietiesError
from architectures.network_file import Network, load_network
from implicitize.export import FORMATS, write_export
from implicitize.export.json import export_json, load_json_file

EXAMPLES = int(os.environ.get("RELU_VARIETIES_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
#: Seconds one example may take: a reader that expands or loops on hostile bytes fails here, not in CI's timeout.
BOUND = 10.0

NETWORK = Network.from_weights([[["1", "-2"], ["3/4", "0"]], [["1", "5"]]], [["0", "1"], ["-1"]])
GOOD_JSON = json.dumps(NETWORK.to_json()).encode()


def _npz_bytes(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


(W1, B1), (W2, B2) = [(np.array(w, dtype=float), np.array(b, dtype=float)) for w, b in NETWORK.layers()]
GOOD_NPZ = _npz_bytes(W1=W1, b1=B1, W2=W2, b2=B2)
GOOD_IDEAL: bytes = b""  # filled on first use (building an ideal needs the engine)


def _good_ideal() -> bytes:
    global GOOD_IDEAL
    if not GOOD_IDEAL:
        import flint

        from implicitize.ideal import IdealResult

        context = flint.fmpq_mpoly_ctx.get(("m_0_0_0", "m_0_0_1", "m_0_1_0", "m_0_1_1"), "degrevlex")
        a, b, c, d = context.gens()
        result = IdealResult(
            context,
            (a * d - b * c, 3 * a**2 - b / 7 + 2),
            4,
            proved="generates",
            route="a 2 × 2 determinant and a quadric",
        )
        GOOD_IDEAL = export_json(result).encode()
    return GOOD_IDEAL


EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 8), st.binary(max_size=6)), min_size=1, max_size=4)


def _edited(data: bytes, edits) -> bytes:
    """Apply (where, how many bytes cut, bytes inserted) edits, positions as fractions of the length."""
    for where, cut, insert in edits:
        position = int(where * len(data))
        data = data[:position] + insert + data[position + cut :]
    return data


def _read_within_bound(read, path) -> object | None:
    start = time.monotonic()
    try:
        return read(path)
    except ReluVarietiesError:
        return None
    finally:
        assert time.monotonic() - start < BOUND, f"reading took {time.monotonic() - start:.1f} s"


@FUZZ
@given(edits=EDITS)
def test_any_edit_of_a_json_network_file_is_read_or_refused(tmp_path, edits):
    path = tmp_path / "net.json"
    path.write_bytes(_edited(GOOD_JSON, edits))
    _read_within_bound(load_network, path)


@FUZZ
@given(edits=EDITS)
@example(edits=[(0.9375, 6, b"\x00\x00\x01\x00\x00\x00")])  # an unknown compression method (once NotImplementedError)
def test_any_edit_of_an_npz_network_file_is_read_or_refused(tmp_path, edits):
    path = tmp_path / "net.npz"
    path.write_bytes(_edited(GOOD_NPZ, edits))
    network = _read_within_bound(load_network, path)
    if network is not None and network.architecture == NETWORK.architecture:
        assert all(np.isfinite(float(x)) for x in network.theta)


ARRAYS = st.builds(
    lambda dtype, shape, fill: np.full(shape, fill).astype(dtype),
    st.sampled_from(["f8", "f4", "i8", "u1", "c16", "U2", "bool", "f2"]),
    st.lists(st.integers(0, 4), max_size=3).map(tuple),
    st.sampled_from([0, 1, -1, 0.5, 1e308, np.inf, np.nan]),
)
NAMES = st.sampled_from(["W1", "W2", "W3", "b1", "b2", "fc1.weight", "fc1.bias", "weight0", "x"])


@FUZZ
@given(arrays=st.dictionaries(NAMES, ARRAYS, max_size=5))
def test_any_npz_archive_of_arrays_is_read_or_refused(tmp_path, arrays):
    path = tmp_path / "net.npz"
    with np.errstate(all="ignore"):
        path.write_bytes(_npz_bytes(**arrays))
    _read_within_bound(load_network, path)


@FUZZ
@given(edits=EDITS)
def test_any_edit_of_an_exported_ideal_file_is_read_or_refused(tmp_path, edits):
    path = tmp_path / "ideal.json"
    path.write_bytes(_edited(_good_ideal(), edits))
    result = _read_within_bound(load_json_file, path)
    if result is not None:
        for name in FORMATS:  # what reads back must export, or be refused, in every format
            try:
                FORMATS[name](result)
            except ReluVarietiesError:
                pass


@FUZZ
@given(
    format=st.sampled_from(sorted(FORMATS)),
    step=st.sampled_from(["none", "write", "fsync", "replace"]),
    existing=st.booleans(),
)
def test_an_export_failing_at_any_step_leaves_the_old_file_or_the_whole_new_one(tmp_path, format, step, existing):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    result = load_json_file(_write(folder / "in.json", _good_ideal()))
    target = folder / f"out.{format}"
    if existing:
        target.write_text("previous\n")
    text = FORMATS[format](result)
    real = {"fsync": atomic.os.fsync, "replace": atomic.os.replace, "fdopen": atomic.os.fdopen}
    replacement = {
        "fsync": _no_space,
        "replace": _no_space,
        "write": lambda handle, mode: _HalfWritten(real["fdopen"](handle, mode)),
    }
    try:
        if step in replacement:
            setattr(atomic.os, "fdopen" if step == "write" else step, replacement[step])
        try:
            write_export(text, target)
            assert step == "none" and target.read_text() == text
        except OutputNotWritableError:
            assert step != "none"
            assert (target.read_text() == "previous\n") if existing else not target.exists()
    finally:
        for name, function in real.items():
            setattr(atomic.os, name, function)
    expected = {"in.json", target.name} if (existing or step == "none") else {"in.json"}
    assert {p.name for p in folder.iterdir()} == expected  # no temporary file left beside it


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _HalfWritten:
    """A file whose disk fills half-way through the write."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stream.close()

    def write(self, data: bytes) -> None:
        self.stream.write(data[: len(data) // 2])
        _no_space()


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
