"""Writing an output file whole or not at all: a temporary file beside it, renamed over it when complete.

A full disk (``ENOSPC``), a read-only directory or an interruption while writing leaves the target as it
was and no temporary file behind; the failure is the caller's own exception class, with what to do.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from architectures.errors import OutputNotWritableError


def write_atomically(
    data: str | bytes, path: str | Path, *, what: str = "the output", error: type[Exception] = OutputNotWritableError
) -> Path:
    """Write ``data`` (text as UTF-8, or bytes) to ``path``, replacing it only once every byte is on disk.

    Examples
    --------
    >>> import pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically("ring R = 0, (x), dp;\\n", folder / "ideal.sing").read_text()
    'ring R = 0, (x), dp;\\n'
    >>> sorted(p.name for p in folder.iterdir())  # no temporary file left
    ['ideal.sing']
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as problem:
        raise error(
            f"cannot write {what} to {str(path)!r}: {problem.strerror or problem}; nothing was written "
            "there (free some space or choose a writable path)"
        ) from problem
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return path


__all__ = ["write_atomically"]
