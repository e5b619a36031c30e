"""Reading the toolkit's JSON inputs (specs, networks, data, means, covariances) with one clear error.

Every file-reading entry point goes through :func:`read_json_file`, so a missing file or broken JSON
reads the same everywhere, raised as the caller's own exception class.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from architectures.errors import InvalidSpecError


def read_json_file(path: str | Path, *, what: str, error: type[Exception] = InvalidSpecError) -> Any:
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
    try:
        text = Path(path).read_text()
    except OSError as problem:
        raise error(f"cannot read {what} file {str(path)!r}: {problem.strerror}") from problem
    return parse_json(text, what=f"{what} file {str(path)!r}", error=error)


def parse_json(text: str, *, what: str, error: type[Exception] = InvalidSpecError) -> Any:
    """Parse JSON text; raise ``error`` saying where ``what`` is broken."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        raise error(f"{what} is not valid JSON ({problem.msg} at line {problem.lineno}, "
                    f"column {problem.colno})") from problem
