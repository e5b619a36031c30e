"""``survey --scheduler``: the address checked before any work; a server that is no scheduler refused quickly."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from architectures.errors import InvalidOptionError, SchedulerUnreachableError
from implicitize.cli import main
from implicitize.survey.scheduler_address import scheduler_address
from implicitize.survey.run import connect_scheduler


@pytest.mark.parametrize(
    "text, expected",
    [
        ("localhost:8786", "tcp://localhost:8786"),
        ("tcp://10.0.0.2:1", "tcp://10.0.0.2:1"),
        ("TLS://node-3.cluster:65535", "tls://node-3.cluster:65535"),
        ("tcp://[::1]:8786", "tcp://[::1]:8786"),
    ],
)
def test_addresses_dask_serves_are_normalised(text, expected):
    assert scheduler_address(text) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("garbage", "not a scheduler address"),
        ("tcp://", "not a scheduler address"),
        ("tcp://no such host:8786", "not a scheduler address"),
        ("tcp://host:0", "not a scheduler address"),
        ("tcp://host:99999", "not a scheduler address"),
        ("host:port", "not a scheduler address"),
        ("udp://host:8786", "protocol 'udp'"),
        ("tcp://host:8786\n--db x", "not a scheduler address"),
        ("", "not a scheduler address"),
        (None, "text address"),
        (8786, "text address"),
    ],
)
def test_malformed_addresses_are_refused_before_connecting(text, fragment):
    with pytest.raises(InvalidOptionError, match=fragment):
        scheduler_address(text)


def test_the_command_refuses_a_malformed_address_before_any_work(tmp_path, capsys):
    database = tmp_path / "s.sqlite"
    start = time.monotonic()
    assert main(["survey", "--widths", "3,3,3", "--scheduler", "tcp://a b:1", "--db", str(database)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a scheduler address" in err
    assert not database.exists()  # refused before the database was opened
    assert time.monotonic() - start < 5


def test_a_server_that_is_not_a_scheduler_is_refused_within_the_timeout():
    """An HTTP-like server answering garbage: the handshake fails and no Client is built."""
    pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def answer() -> None:
        connection, _ = server.accept()
        with connection:
            connection.sendall(b"HTTP/1.0 426 Upgrade Required\r\nserver: x\r\n\r\n" + b"\xff" * 64)
            time.sleep(0.5)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    start = time.monotonic()
    with pytest.raises(SchedulerUnreachableError):
        connect_scheduler(f"tcp://127.0.0.1:{server.getsockname()[1]}", timeout=2)
    assert time.monotonic() - start < 6
    server.close()
