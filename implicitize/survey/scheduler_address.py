"""The address of a Dask scheduler (``survey --scheduler``), checked before any work or connection starts."""

from __future__ import annotations

import re

from architectures.errors import InvalidOptionError

#: Protocols of Dask's communication layer a scheduler listens on.
PROTOCOLS = ("tcp", "tls", "ws", "wss", "ucx")

_ADDRESS = re.compile(
    r"(?:(?P<protocol>[A-Za-z][A-Za-z0-9+.-]*)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)"
    r":(?P<port>[0-9]{1,5})"
)


def scheduler_address(text: object) -> str:
    """The address ``text`` as ``protocol://host:port`` (``host:port`` means ``tcp://host:port``).

    Refused with :class:`InvalidOptionError`, before anything connects: an unknown protocol, a host
    with spaces or other characters no host name has, a missing port or a port outside 1–65535.

    Examples
    --------
    >>> scheduler_address("localhost:8786"), scheduler_address("tls://10.0.0.2:8786")
    ('tcp://localhost:8786', 'tls://10.0.0.2:8786')
    >>> scheduler_address("tcp://node 1:99999")
    Traceback (most recent call last):
    ...
    architectures.errors.InvalidOptionError: --scheduler 'tcp://node 1:99999' is not a scheduler address; write it as host:port or tcp://host:port (port 1-65535), e.g. tcp://127.0.0.1:8786
    """
    usage = "write it as host:port or tcp://host:port (port 1-65535), e.g. tcp://127.0.0.1:8786"
    if not isinstance(text, str):
        raise InvalidOptionError(f"--scheduler must be a text address, got {type(text).__name__}; {usage}")
    shown = text if len(text) <= 80 else text[:77] + "..."
    match = _ADDRESS.fullmatch(text.strip())
    if match is None or not 1 <= int(match["port"]) <= 65535:
        raise InvalidOptionError(f"--scheduler {shown!r} is not a scheduler address; {usage}")
    protocol = (match["protocol"] or "tcp").lower()
    if protocol not in PROTOCOLS:
        raise InvalidOptionError(
            f"--scheduler {shown!r} uses the protocol {protocol!r}, which Dask does not "
            f"serve; use one of {', '.join(PROTOCOLS)} ({usage})"
        )
    return f"{protocol}://{match['host']}:{int(match['port'])}"


__all__ = ["PROTOCOLS", "scheduler_address"]
