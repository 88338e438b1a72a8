"""Login rate limiting (issue 12): per account and per address, with a clear message and Retry-After."""

from __future__ import annotations

import typing

from fastapi.testclient import TestClient

from .conftest import PASSWORD, csrf_of, make_client


def _try(client: TestClient, username: str, password: str) -> typing.Any:
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_of(client),
                                       "next": "/"}, follow_redirects=False)


def test_an_account_is_locked_after_too_many_failures(demo_engine: typing.Any, demo: typing.Any) -> None:
    with make_client(demo_engine, login_attempts=3, login_attempts_per_address=100) as client:
        for _ in range(3):
            assert _try(client, "editor", "wrong-password").status_code == 401
        refused = _try(client, "editor", PASSWORD)  # even the right password waits now
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 0
        assert 'id="login-limited"' in refused.text and ("次数过多" in refused.text or "Too many" in refused.text)
        # other accounts are not affected
        assert _try(client, "viewer", PASSWORD).status_code == 303


def test_a_success_clears_the_failures(demo_engine: typing.Any, demo: typing.Any) -> None:
    with make_client(demo_engine, login_attempts=3, login_attempts_per_address=100) as client:
        for _ in range(2):
            assert _try(client, "editor", "wrong-password").status_code == 401
        assert _try(client, "editor", PASSWORD).status_code == 303
        client.cookies.clear()
        for _ in range(2):
            assert _try(client, "editor", "wrong-password").status_code == 401
        assert _try(client, "editor", PASSWORD).status_code == 303


def test_an_address_is_limited_across_accounts(demo_engine: typing.Any, demo: typing.Any) -> None:
    with make_client(demo_engine, login_attempts=100, login_attempts_per_address=4) as client:
        for name in ("a1", "a2", "a3", "a4"):
            assert _try(client, name, "guess").status_code == 401
        refused = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": csrf_of(client)},
                              headers={"Accept": "application/json"}, follow_redirects=False)
        assert refused.status_code == 429
        error = refused.json()["error"]
        assert error["code"] == "too_many_requests" and error["details"]["limit"] == "address"


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(demo_engine: typing.Any, demo: typing.Any,
                                                                      caplog: typing.Any) -> None:
    """Review ux4 #9: five wrong passwords for the office's login name, from anywhere, locked the office out for 15
    minutes (the right password answered 429), and nothing was logged. The limit is per account and address now."""
    import logging

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(secret_key="test-secret", login_attempts=3, login_attempts_per_address=100),
                     engine=demo_engine)
    with caplog.at_level(logging.WARNING, logger="planwatch.auth"), \
            TestClient(app, raise_server_exceptions=False, client=("203.0.113.9", 40000)) as attacker, \
            TestClient(app, raise_server_exceptions=False, client=("10.1.2.3", 50000)) as office:
        for _ in range(3):
            assert _try(attacker, "office", "guess").status_code == 401
        assert _try(attacker, "office", PASSWORD).status_code == 429  # the guessing address waits
        assert _try(office, "office", PASSWORD).status_code == 303  # the office, from its own address, logs in
        assert _try(attacker, "office", "guess").status_code == 429  # and its login cleared nothing of the attacker's
    # the auth log has a line for every failed login too (docs/deploying.md); the lock-out is logged once
    (record,) = [r for r in caplog.records if r.name == "planwatch.auth" and "login locked" in r.getMessage()]
    assert "'office'" in record.getMessage()
    assert "203.0.113.9" in record.getMessage()
