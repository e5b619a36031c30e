"""Reading the toolkit's input files with one set of limits and one kind of error.

Every file-reading entry point (specs, network files, data, means, covariances, exported ideals)
goes through :func:`read_json_file` or :func:`read_text_file`, so a missing file, a file too large,
bytes that are not UTF-8, JSON nested too deep, a number with too many digits, ``NaN`` or
``Infinity`` read the same everywhere and are raised as the caller's own exception class, with what
was given, what was expected and what to do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from architectures.errors import InvalidNumberError, InvalidSpecError
from architectures.numbers import MAX_EXACT_DIGITS

#: The largest input file read, in bytes (a JSON network of 10^6 parameters written as exact
#: strings is about 20 MB).
MAX_FILE_BYTES = 256 * 2**20

#: The deepest nesting of JSON arrays and objects accepted (our formats nest at most 5 deep).
MAX_JSON_DEPTH = 64

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def read_bytes_file(
    path: str | Path, *, what: str, error: type[Exception] = InvalidSpecError, max_bytes: int = MAX_FILE_BYTES
) -> bytes:
    """The bytes of the file at ``path``, refusing a missing, unreadable or oversized file with ``error``.

    Examples
    --------
    >>> try:
    ...     read_bytes_file("no/such/file.json", what="spec")
    ... except InvalidSpecError as problem:
    ...     print(problem)
    cannot read spec file 'no/such/file.json': No such file or directory
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise error(f"{what} file {str(path)!r} is a directory; give the path of a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise error(
                f"{what} file {str(path)!r} has {size} bytes, more than the {max_bytes} read; "
                "split the input or pass a larger max_bytes"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as problem:
        raise error(f"cannot read {what} file {str(path)!r}: {problem.strerror or problem}") from problem
    except ValueError as problem:  # a path with a NUL byte
        raise error(f"{what} file name {str(path)[:60]!r} is not a usable path: {problem}") from problem
    if len(data) > max_bytes:
        raise error(f"{what} file {str(path)!r} has more than {max_bytes} bytes; split the input")
    return data


def decode_utf8(data: bytes, *, what: str, error: type[Exception] = InvalidSpecError) -> str:
    """Decode UTF-8 bytes; an undecodable byte is reported with its position.

    Examples
    --------
    >>> try:
    ...     decode_utf8(b'{"a": "\\xff"}', what="spec file 'x.json'")
    ... except InvalidSpecError as problem:
    ...     print(problem)
    spec file 'x.json' is not UTF-8 text: byte 0xff at position 7 (invalid start byte); save the file as UTF-8
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        byte = data[problem.start]
        raise error(
            f"{what} is not UTF-8 text: byte 0x{byte:02x} at position {problem.start} "
            f"({problem.reason}); save the file as UTF-8"
        ) from problem


def read_text_file(
    path: str | Path, *, what: str, error: type[Exception] = InvalidSpecError, max_bytes: int = MAX_FILE_BYTES
) -> str:
    """The UTF-8 text of the file at ``path``, within the size limit (see :func:`read_bytes_file`)."""
    data = read_bytes_file(path, what=what, error=error, max_bytes=max_bytes)
    return decode_utf8(data, what=f"{what} file {str(path)!r}", error=error)


def read_json_file(
    path: str | Path, *, what: str, error: type[Exception] = InvalidSpecError, max_bytes: int = MAX_FILE_BYTES
) -> Any:
    """Parse the JSON file at ``path``; raise ``error`` naming ``what`` the file is when it cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "spec.json"
    >>> _ = path.write_text("{broken")
    >>> try:
    ...     read_json_file(path, what="spec")
    ... except InvalidSpecError as problem:
    ...     print(str(problem).split(" (")[0].replace(str(path), "PATH"))
    spec file 'PATH' is not valid JSON
    """
    text = read_text_file(path, what=what, error=error, max_bytes=max_bytes)
    return parse_json(text, what=f"{what} file {str(path)!r}", error=error)


def parse_json(
    text: str | bytes, *, what: str, error: type[Exception] = InvalidSpecError, max_depth: int = MAX_JSON_DEPTH
) -> Any:
    """Parse JSON text within the toolkit's limits; raise ``error`` saying where ``what`` is broken.

    Refused: nesting deeper than ``max_depth``, integers with more than
    :data:`~architectures.numbers.MAX_EXACT_DIGITS` digits, ``NaN`` and ``Infinity`` (not JSON), and
    numbers too large for a float (``1e999``).

    Examples
    --------
    >>> parse_json('{"widths": [3, 2, 3]}', what="spec")
    {'widths': [3, 2, 3]}
    >>> try:
    ...     parse_json("[" * 100 + "]" * 100, what="spec")
    ... except InvalidSpecError as problem:
    ...     print(problem)
    spec nests arrays and objects 100 deep, more than the 64 allowed; flatten the input
    """
    if isinstance(text, bytes):
        text = decode_utf8(text, what=what, error=error)
    depth = json_depth(text)
    if depth > max_depth:
        raise error(
            f"{what} nests arrays and objects {depth} deep, more than the {max_depth} allowed; flatten the input"
        )
    try:
        return json.loads(
            text,
            parse_int=lambda digits: _parse_int(digits, what),
            parse_float=lambda digits: _parse_float(digits, what),
            parse_constant=lambda name: _refuse_constant(name, what),
        )
    except json.JSONDecodeError as problem:
        raise error(
            f"{what} is not valid JSON ({problem.msg} at line {problem.lineno}, column {problem.colno})"
        ) from problem
    except InvalidNumberError as problem:
        raise error(str(problem)) from problem
    except RecursionError as problem:  # pragma: no cover - json_depth refuses first
        raise error(f"{what} nests arrays and objects too deep; flatten the input") from problem


def json_depth(text: str) -> int:
    """The deepest nesting of ``[``/``{`` in JSON text, strings skipped, without parsing it.

    Examples
    --------
    >>> json_depth('{"a": [[1], "[[["]}')
    3
    """
    data = _STRING.sub(b'""', text.encode("utf-8", "surrogatepass"))
    codes = np.frombuffer(data, dtype=np.uint8)
    steps = np.zeros(len(codes), dtype=np.int32)
    steps[(codes == ord("[")) | (codes == ord("{"))] = 1
    steps[(codes == ord("]")) | (codes == ord("}"))] = -1
    return int(np.cumsum(steps).max(initial=0))


def _parse_int(digits: str, what: str) -> int:
    if len(digits.lstrip("-")) > MAX_EXACT_DIGITS:
        raise InvalidNumberError(
            f"{what}: an integer with {len(digits)} digits, more than the "
            f"{MAX_EXACT_DIGITS} allowed; give the value with fewer digits"
        )
    return int(digits)


def _parse_float(digits: str, what: str) -> float:
    value = float(digits)
    if value in (float("inf"), float("-inf")):
        raise InvalidNumberError(
            f"{what}: the number {digits[:40]!r} is too large for a float; write it "
            'as an exact string such as "1e400" if it is meant exactly'
        )
    return value


def _refuse_constant(name: str, what: str) -> Any:
    raise InvalidNumberError(f"{what}: {name} is not a number JSON allows; give a finite number")
