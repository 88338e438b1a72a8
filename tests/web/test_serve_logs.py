"""`planwatch serve` keeps an access log and an auth log on stderr, at the level PLANWATCH_LOG_LEVEL sets (review ux4
item 17: after ~150 requests and a lock-out, serve's log held only its start line; uvicorn ran at "warning")."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

import planwatch

from .conftest import PASSWORD

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve_and_visit(demo_url: str, level: str) -> str:
    """Serve the demo database, GET the home page, fail to log in as `viewer` twice (the second time refused: the
    account's limit is 1 here), log in as `admin` and out; what serve wrote on stderr."""
    if not demo_url.startswith("sqlite:///"):
        pytest.skip("served from a SQLite file")
    port = _free_port()
    source = str(Path(planwatch.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p),
           "PLANWATCH_DATABASE_URL": demo_url, "PLANWATCH_LOG_LEVEL": level, "PLANWATCH_LOGIN_ATTEMPTS": "1"}
    server = subprocess.Popen([sys.executable, "-c", "from planwatch.cli import main; main()", "serve", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as browser:
            deadline = time.monotonic() + 60
            while True:
                try:
                    assert browser.get("/").status_code == 200
                    break
                except httpx.TransportError:
                    assert server.poll() is None and time.monotonic() < deadline
                    time.sleep(0.2)

            assert browser.get("/api/plans", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 200

            def log_in(username: str, password: str) -> int:
                token = re.search(r'name="csrf-token" content="([^"]+)"', browser.get("/login").text)
                assert token
                return browser.post("/login", data={"username": username, "password": password,
                                                    "csrf_token": token.group(1)}).status_code

            assert log_in("viewer", "wrong") == 401
            assert log_in("viewer", "wrong again") == 429
            assert log_in("admin", PASSWORD) == 303  # to the landing page
            token = re.search(r'name="csrf-token" content="([^"]+)"', browser.get("/").text)
            assert token
            browser.post("/logout", data={"csrf_token": token.group(1)})
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)
    return err


def test_serve_logs_requests_and_logins(demo_url: str) -> None:
    err = _serve_and_visit(demo_url, "info")
    assert re.search(rf"^{STAMP} INFO uvicorn\.access: 127\.0\.0\.1:\d+ - \"GET / HTTP/1\.1\" 200$", err, re.M), err
    assert re.search(rf"^{STAMP} WARNING planwatch\.auth: login failed user=\"viewer\" address=127\.0\.0\.1$",
                     err, re.M), err
    assert re.search(rf"^{STAMP} WARNING planwatch\.auth: login refused user=\"viewer\" address=127\.0\.0\.1 "
                     r"limit=account retry_after=\d+$", err, re.M), err
    assert re.search(rf"^{STAMP} INFO planwatch\.auth: login user=\"admin\" address=127\.0\.0\.1$", err, re.M), err
    assert re.search(rf"^{STAMP} INFO planwatch\.auth: logout user=\"admin\" address=127\.0\.0\.1$", err, re.M), err
    assert PASSWORD not in err and "wrong again" not in err
    # a proxy on this machine forwards the client's address (docs/deploying.md)
    assert re.search(rf"^{STAMP} INFO uvicorn\.access: 203\.0\.113\.7:0 - \"GET /api/plans HTTP/1\.1\" 200$", err,
                     re.M), err


def test_at_warning_only_refusals_are_logged(demo_url: str) -> None:
    err = _serve_and_visit(demo_url, "WARNING")
    assert "uvicorn.access" not in err and "INFO" not in err
    assert "WARNING planwatch.auth: login failed user=\"viewer\"" in err
    assert "WARNING planwatch.auth: login refused user=\"viewer\"" in err
