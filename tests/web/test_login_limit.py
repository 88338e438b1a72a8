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
