"""A user changes their own password (browser tour: nobody could; an administrator had to set it for them).

Any role, from the user menu: the current password, the new one twice. The accounts' one rule (at least
`PASSWORD_MIN` characters, the CLI's and the administration pages'), a wrong current password counted as a
failed login, messages in the interface language beside the form, the CSRF token as every form, and the same
change as JSON (`POST /api/account/password`). The user's other sessions end; this one goes on.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import PASSWORD, Demo, csrf_of, login, make_client

NEW = "new-pass-word-7"


def _change(client: TestClient, current: str, new: str, again: str | None = None, lang: str = "zh",
            **extra: str) -> object:
    data = {"current_password": current, "new_password": new, "confirm_password": new if again is None else again,
            "csrf_token": csrf_of(client), **extra}
    return client.post(f"/account/password?lang={lang}", data=data, follow_redirects=False)


def _error(page: str) -> tuple[str, list[str]]:
    """The message shown beside the form and the names of the fields marked invalid."""
    message = re.search(r'id="password-error"[^>]*>([^<]*)<', page)
    invalid = re.findall(r'<input name="(\w+)"[^>]*aria-invalid="true"', page)
    return (message.group(1) if message else ""), invalid


@pytest.mark.parametrize("role", ["admin", "office", "editor", "viewer"])
def test_every_role_finds_the_page_in_its_user_menu(client: TestClient, role: str) -> None:
    """Before: /account/password was a 404 and the header's name linked only to the account page (API tokens)."""
    login(client, role)
    home = client.get("/").text
    menu = home[home.index('id="user-menu"'):home.index("</details>", home.index('id="user-menu"'))]
    assert 'href="/account/password"' in menu and 'href="/account"' in menu
    page = client.get("/account/password")
    assert page.status_code == 200 and 'id="password-form"' in page.text
    for name in ("current_password", "new_password", "confirm_password"):
        assert f'name="{name}" type="password"' in page.text
    assert 'minlength="8"' in page.text and "修改密码" in page.text
    assert 'href="/account/password"' in client.get("/account").text  # the account page links to it too


def test_the_page_asks_for_a_login(client: TestClient) -> None:
    response = client.get("/account/password", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/account/password"


@pytest.mark.parametrize(("current", "new", "again", "field", "zh", "en"), [
    ("", NEW, None, "current_password", "请输入当前密码", "Enter your current password"),
    ("wrong-pass-word", NEW, None, "current_password", "当前密码不正确", "The current password is not correct"),
    (PASSWORD, "short", None, "new_password", "密码太短，至少需要 8 个字符",
     "The password is too short; use at least 8 characters"),
    (PASSWORD, NEW, NEW + "x", "confirm_password", "两次输入的新密码不一致",
     "The new password and its repetition differ"),
    (PASSWORD, PASSWORD, None, "new_password", "新密码不能与当前密码相同",
     "The new password is the same as the current one"),
])
def test_a_refused_change_shows_the_form_again_with_its_message(demo_engine: Engine, demo: Demo, current: str,
                                                                new: str, again: str | None, field: str, zh: str,
                                                                en: str) -> None:
    for lang, words in (("zh", zh), ("en", en)):
        with make_client(demo_engine) as client:
            login(client, "editor")
            response = _change(client, current, new, again, lang=lang)
            assert response.status_code == 422, response.text[:300]
            message, invalid = _error(response.text)
            assert message.startswith(words) and invalid == [field]
            assert 'id="password-form"' in response.text and 'action="/account/password"' in response.text
            assert PASSWORD not in response.text and NEW not in response.text  # passwords are never sent back
            # the page shown again is the password page: its language switch leads there, not to a POST address
            assert 'href="/account/password?lang=' in response.text
            api = client.post("/api/account/password", headers={"X-CSRF-Token": csrf_of(client)},
                              json={"current_password": current, "new_password": new,
                                    "confirm_password": new if again is None else again}, params={"lang": lang})
            assert api.status_code == 422
            error = api.json()["error"]
            assert error["message"].startswith(words) and error["details"]["field"] == field
            assert client.get("/api/account").status_code == 200  # still logged in
    with Session(demo_engine) as session:
        from planwatch.store.accounts import authenticate

        assert authenticate(session, "editor", PASSWORD) is not None  # nothing changed


def test_a_change_keeps_this_session_and_ends_the_others(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    other = login(TestClient(client.app), "editor")  # the same user on another computer
    login(client, "editor")
    response = _change(client, PASSWORD, NEW)
    assert response.status_code == 303 and response.headers["location"] == "/account?done=password"
    page = client.get(response.headers["location"]).text
    assert "密码已修改" in re.search(r'id="saved"[^>]*>([^<]*)<', page).group(1)  # type: ignore[union-attr]
    assert client.get("/api/account").json()["account"]["username"] == "editor"  # this session goes on
    assert other.get("/api/account").status_code == 401  # the other ended
    token = {"Authorization": f"Bearer {demo.tokens['editor']}"}
    assert client.get("/api/account", headers=token).status_code == 200  # API tokens are not sessions
    fresh = TestClient(client.app)
    refused = fresh.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": csrf_of(fresh)})
    assert refused.status_code == 401
    login(fresh, "editor", NEW)
    from planwatch.store.schema import AuditLog

    with Session(demo_engine) as session:
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert last is not None and (last.who, last.action, last.detail["username"]) == ("editor", "user.passwd", "editor")


def test_the_json_route_changes_it_too(client: TestClient, demo: Demo) -> None:
    """The page's JSON says the rule; the change is a POST with the session's CSRF header or an API token."""
    token = {"Authorization": f"Bearer {demo.tokens['viewer']}"}
    rule = client.get("/api/account/password", headers=token).json()
    assert rule["minimum"] == 8 and rule["account"]["username"] == "viewer"
    done = client.post("/api/account/password", headers=token,
                       json={"current_password": PASSWORD, "new_password": NEW})  # the repetition is optional here
    assert done.status_code == 200 and done.json()["changed"] is True
    assert client.post("/api/account/password", json={"current_password": NEW, "new_password": PASSWORD}
                       ).status_code == 401  # nobody logged in
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/account/password"] and "get" in paths["/api/account/password"]


def test_the_form_needs_its_csrf_token(client: TestClient) -> None:
    login(client, "editor")
    response = client.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW,
                                                      "confirm_password": NEW})
    assert response.status_code == 403 and "表单已过期" in response.text
    assert login(TestClient(client.app), "editor")  # the password did not change


def test_wrong_current_passwords_count_as_failed_logins(demo_engine: Engine, demo: Demo) -> None:
    """A session left open on a shared computer does not let someone try passwords at leisure."""
    with make_client(demo_engine, login_attempts=3, login_attempts_per_address=100) as client:
        login(client, "editor")
        for _ in range(3):
            assert _change(client, "guess-guess", NEW).status_code == 422
        refused = _change(client, PASSWORD, NEW)  # even the right one waits now, as at the login form
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        message, invalid = _error(refused.text)
        assert "次数过多" in message and invalid == ["current_password"]
        api = client.post("/api/account/password", headers={"X-CSRF-Token": csrf_of(client)},
                          json={"current_password": PASSWORD, "new_password": NEW})
        assert api.status_code == 429 and int(api.headers["retry-after"]) > 0
        error = api.json()["error"]
        assert error["code"] == "too_many_requests" and error["details"]["limit"] == "account"


def test_the_administration_pages_apply_the_same_rule(client: TestClient) -> None:
    """One rule (store.accounts.check_password) and one message: the administration page said "密码太短：至少 8 个字符"
    where the library's refusal, and now a user's own change, read "密码太短，至少需要 8 个字符"."""
    from planwatch.store.accounts import PASSWORD_MIN

    login(client, "admin")
    page = client.post("/admin/users/viewer", data={"action": "password", "password": "x" * (PASSWORD_MIN - 1),
                                                    "csrf_token": csrf_of(client)})
    assert page.status_code == 422 and "密码太短，至少需要 8 个字符" in page.text
    assert f'minlength="{PASSWORD_MIN}"' in client.get("/admin/users").text


def test_the_cli_applies_the_same_rule(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.store.accounts import PASSWORD_MIN
    from tests.cli_support import run

    short = "x" * (PASSWORD_MIN - 1)
    assert run(capsys, "users", "add", "zhou", "--password", "long-enough-1")[0] == 0
    for args in (("users", "add", "zhao", "--password", short), ("users", "passwd", "zhou", "--password", short)):
        code, _out, err = run(capsys, *args)
        assert code == 2 and f"至少需要 {PASSWORD_MIN} 个字符" in err  # the pages' words (the CLI's language: zh)
