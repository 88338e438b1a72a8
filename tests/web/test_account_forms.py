"""Accounts in the browser: tokens made once per form, names that fit in addresses, a new password ends sessions.

Web audit 5, 6 and 7: creating a token answered the form with the page itself (a reload made a
second token); a user name with / ? # was accepted and then could not be managed; resetting a
password left the user's existing sessions logged in for up to 14 days.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from .conftest import PASSWORD, Demo, csrf_of, login


def _tokens(engine: Engine, username: str) -> int:
    from planwatch.store.accounts import ApiToken, User

    with Session(engine) as session:
        return int(session.scalar(select(func.count(ApiToken.id)).join(User, User.id == ApiToken.user_id)
                                  .where(User.username == username)) or 0)


def _shown_token(page: str) -> str | None:
    found = re.search(r'id="new-token"[^>]*>[^<]*<code>(pw_[^<]+)</code>', page)
    return found.group(1) if found else None


@pytest.mark.parametrize(("form", "fields", "owner"), [
    ("/account/tokens", {"name": "报表脚本"}, "editor"),
    ("/admin/tokens", {"username": "viewer", "name": "报表脚本"}, "viewer"),
])
def test_a_new_token_is_shown_once_and_a_reload_makes_no_second(client: TestClient, demo_engine: Engine, form: str,
                                                                 fields: dict[str, str], owner: str) -> None:
    """Before: the POST answered 200 with the page, so reloading it posted again and made a second token."""
    login(client, "admin" if form.startswith("/admin") else "editor")
    before = _tokens(demo_engine, owner)
    response = client.post(form, data={**fields, "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert "pw_" not in location and "token=" not in location  # the secret never travels in the address
    page = client.get(location)
    token = _shown_token(page.text)
    assert page.status_code == 200 and token
    assert client.get("/api/account", headers={"Authorization": f"Bearer {token}"}).json()["account"]["username"] == owner
    again = client.get(location)  # the reload: a GET now, no new token, and the secret is not shown again
    assert again.status_code == 200 and _shown_token(again.text) is None
    assert _tokens(demo_engine, owner) == before + 1


def test_a_flash_nobody_took_is_dropped(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A token waiting for a page that never came is forgotten after FLASH_AGE, not kept in the cookie for 14 days."""
    from planwatch.web import sessions

    login(client, "editor")
    client.post("/account/tokens", data={"name": "x", "csrf_token": csrf_of(client)}, follow_redirects=False)
    now = sessions.time.time()
    monkeypatch.setattr(sessions.time, "time", lambda: now + sessions.FLASH_AGE + 1)
    assert _shown_token(client.get("/account").text) is None
    signer = client.app.state.signer  # type: ignore[attr-defined]
    assert signer.loads(client.cookies.get(sessions.SESSION_COOKIE)).flash is None


@pytest.mark.parametrize("name", ["a/b?c#d", "a/b", "wang?", "li#1", "zhang san", "tab\tname", "ctl\x07", "back\\slash"])
def test_names_that_break_addresses_are_refused_in_the_web(client: TestClient, demo_engine: Engine, name: str) -> None:
    """Before: `a/b?c#d` was added, then every form and API route for it answered 404."""
    from planwatch.store.accounts import User

    login(client, "admin")
    response = client.post("/admin/users", data={"username": name, "password": "pass-word-1", "role": "viewer",
                                                 "csrf_token": csrf_of(client)})
    assert response.status_code == 422
    assert "用户名不能含有 / ? # \\、空格或控制字符" in response.text
    api = client.post("/api/admin/users", json={"username": name, "password": "pass-word-1"},
                      headers={"X-CSRF-Token": csrf_of(client)})
    assert api.status_code == 422 and api.json()["error"]["details"]["field"] == "username"
    with Session(demo_engine) as session:
        assert session.scalar(select(User).where(User.username == name)) is None


def test_names_that_break_addresses_are_refused_by_the_store_and_cli(db_url: str,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.errors import ValidationError
    from planwatch.store.accounts import check_username
    from tests.cli_support import run

    code, _out, err = run(capsys, "users", "add", "a/b?c#d", "--password", "pass-word-1")
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "用户名不能含有" in err  # the pages' words: the CLI's language is zh by default (tests/cli/test_refusal_words.py)
    for good in ("刘联络员", "jyj-2", "li.wei@qu", "a%b"):
        check_username(good)
    with pytest.raises(ValidationError):
        check_username("\u200bzero")  # a format character, invisible in the table


def test_user_names_are_escaped_in_the_admin_forms(client: TestClient, demo_engine: Engine) -> None:
    """A name stored before the rule (or with % and the like) is still managed: its forms post to its escaped address."""
    from planwatch.store.accounts import User, hash_password

    with Session(demo_engine) as session, session.begin():
        session.add(User(username="old/x?y#z", display_name="旧", password_hash=hash_password("pass-word-1")))
        session.add(User(username="a%b", display_name="百分", password_hash=hash_password("pass-word-1")))
    login(client, "admin")
    page = client.get("/admin/users").text
    assert 'action="/admin/users/old%2Fx%3Fy%23z"' in page and 'action="/admin/users/a%25b"' in page
    for escaped, name in (("old%2Fx%3Fy%23z", "old/x?y#z"), ("a%25b", "a%b")):
        response = client.post(f"/admin/users/{escaped}", data={"action": "role", "role": "office", "units": "",
                                                                "csrf_token": csrf_of(client)}, follow_redirects=False)
        assert response.status_code == 303, response.text[:300]
        api = client.post(f"/api/admin/users/{escaped}/active", json={"active": False},
                          headers={"X-CSRF-Token": csrf_of(client)})
        assert api.status_code == 200 and api.json()["user"]["username"] == name
        with Session(demo_engine) as session:
            user = session.scalar(select(User).where(User.username == name))
            assert user is not None and user.role == "office" and not user.active


def test_a_new_password_ends_the_users_other_sessions(client: TestClient, demo: Demo) -> None:
    """Before: after an administrator reset viewer's password, viewer's old session stayed logged in."""
    viewer = login(TestClient(client.app), "viewer")
    assert viewer.get("/api/account").status_code == 200
    login(client, "admin")
    response = client.post("/api/admin/users/viewer/password", json={"password": "new-pass-word"},
                           headers={"X-CSRF-Token": csrf_of(client)})
    assert response.status_code == 200
    assert viewer.get("/api/account").status_code == 401  # the old session is over
    assert viewer.get("/tasks", follow_redirects=False).status_code in (200, 303)  # an anonymous visitor again
    login(viewer, "viewer", "new-pass-word")
    assert viewer.get("/api/account").json()["account"]["username"] == "viewer"
    # the admin page's form does the same; API tokens are not sessions and keep working
    client.post("/admin/users/viewer", data={"action": "password", "password": "third-pass-word",
                                             "csrf_token": csrf_of(client)})
    assert viewer.get("/api/account").status_code == 401
    assert viewer.get("/api/account", headers={"Authorization": f"Bearer {demo.tokens['viewer']}"}).status_code == 200


@pytest.mark.parametrize("how", ["api", "form", "store"])
def test_a_deactivated_users_sessions_stay_ended_when_they_are_activated_again(client: TestClient, demo: Demo,
                                                                                 how: str) -> None:
    """Before: a cookie from before a deactivation was refused only while the user was inactive; activated again,
    it logged them in again (a shared computer, a lost phone). Now deactivation ends it for good; the user logs
    in anew, and API tokens (not sessions) work again."""
    from planwatch.store import accounts
    from planwatch.store.db import transaction

    viewer = login(TestClient(client.app), "viewer")
    assert viewer.get("/api/account").status_code == 200
    login(client, "admin")

    def set_active(active: bool) -> None:
        if how == "api":
            response = client.post("/api/admin/users/viewer/active", json={"active": active},
                                   headers={"X-CSRF-Token": csrf_of(client)})
            assert response.status_code == 200
        elif how == "form":
            client.post("/admin/users/viewer", data={"action": "activate" if active else "deactivate",
                                                     "csrf_token": csrf_of(client)})
        else:
            with transaction(client.app.state.engine) as session:  # type: ignore[attr-defined]
                accounts.set_active(session, "viewer", active, who="admin")

    set_active(False)
    assert viewer.get("/api/account").status_code == 401
    set_active(True)
    assert viewer.get("/api/account").status_code == 401  # the old session stays over
    assert viewer.get("/api/account", headers={"Authorization": f"Bearer {demo.tokens['viewer']}"}).status_code == 200
    login(viewer, "viewer")
    assert viewer.get("/api/account").json()["account"]["username"] == "viewer"
    assert client.get("/api/account").json()["account"]["username"] == "admin"  # the admin's own session goes on


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(client: TestClient) -> None:
    elsewhere = login(TestClient(client.app), "admin")
    login(client, "admin")
    csrf = csrf_of(client)
    response = client.post("/admin/users/admin", data={"action": "password", "password": "new-pass-word",
                                                       "csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/account").json()["account"]["username"] == "admin"  # this browser stays logged in
    assert csrf_of(client) == csrf  # and its other open forms still post
    assert elsewhere.get("/api/account").status_code == 401
    assert login(TestClient(client.app), "admin", "new-pass-word")
    with pytest.raises(AssertionError):
        login(TestClient(client.app), "admin", PASSWORD)


def test_sessions_from_before_the_stamp_are_logged_out(client: TestClient, demo: Demo) -> None:
    """A cookie signed before sessions carried a password stamp cannot outlive a password change: it is refused."""
    from planwatch.store.accounts import load_principal
    from planwatch.web.sessions import SESSION_COOKIE
    from planwatch.web.sessions import Session as WebSession

    signer = client.app.state.signer  # type: ignore[attr-defined]
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        user_id = load_principal(session, 1).id  # type: ignore[union-attr]
    client.cookies.set(SESSION_COOKIE, signer.dumps(WebSession(user_id=user_id)))
    assert client.get("/api/account").status_code == 401


def test_a_refused_admin_form_links_to_its_page(client: TestClient) -> None:
    """The page shown again at /admin/users/<name> (a POST address) switches language to /admin/users, not there."""
    login(client, "admin")
    response = client.post("/admin/users/viewer", data={"action": "password", "password": "short",
                                                        "csrf_token": csrf_of(client)})
    assert response.status_code == 422
    assert 'href="/admin/users?lang=en"' in response.text and 'href="/admin/users/viewer?lang=en"' not in response.text


def test_a_long_token_name_is_cut_to_the_columns_length_and_the_cookie_stays_small(client: TestClient) -> None:
    """5,000 characters made a 7 KB cookie, which browsers drop: the token was made and never shown (review)."""
    login(client, "editor")
    response = client.post("/account/tokens", data={"name": "令" * 5000, "csrf_token": csrf_of(client)},
                           follow_redirects=False)
    assert response.status_code == 303
    assert all(len(c) < 4096 for c in response.headers.get_list("set-cookie"))
    assert _shown_token(client.get(response.headers["location"]).text)
