"""`serve` and `demo`: a bad port or host, or a port in use, is one line and exit status 2, and the dashboard's
address is printed only once it is listened on (CLI audit defects 5 and 6: an uvicorn traceback and exit 1,
or uvicorn's ERROR line and exit 3 after the address had been printed)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from cli_support import run

from .edge_checks import one_line


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """uvicorn never really serves in these tests: the sockets it was given are recorded instead."""
    given: list[Any] = []

    def fake_run(_server: Any, sockets: list[socket.socket] | None = None) -> None:
        given.append([s.getsockname() for s in sockets or []])

    monkeypatch.setattr("uvicorn.Server.run", fake_run)
    return given


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something already listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]



@pytest.mark.parametrize("command", ["serve", "demo"])
@pytest.mark.parametrize("port", ["99999", "-1", "0", "65536"])
def test_a_port_out_of_range_is_a_usage_error(command: str, port: str, served: list[Any],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, command, "--port", port)
    assert "--port" in one_line(code, err)
    assert out == "" and served == []


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_port_in_use(command: str, busy_port: int, db_url: str, served: list[Any],
                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, command, "--port", str(busy_port))
    line = one_line(code, err)
    assert f"cannot listen on 127.0.0.1:{busy_port}" in line and "in use" in line
    assert "dashboard" not in out and served == []
    if command == "demo":
        assert out == "", "the busy port is found before the demo is loaded"


def test_an_address_that_is_not_this_machines(served: list[Any], db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "serve", "--host", "999.1.1.1", "--port", "8766")
    assert "cannot listen on 999.1.1.1:8766" in one_line(code, err)
    assert out == "" and served == []


def test_the_address_is_printed_once_bound(served: list[Any], db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = run(capsys, "serve", "--port", str(port))
    assert code == 0, err
    assert out.startswith(f"planwatch dashboard: http://127.0.0.1:{port}/")
    assert served == [[("127.0.0.1", port)]]
