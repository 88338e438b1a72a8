"""Where a login lands (browser tour: every user came back to the home page, a liaison had to find 我的任务 and the
planning office its task list by hand).

A login goes back to the page it came from (``next``: the 登录 link's page with its filters, a page that asked
for a login), when that is a local page that answers GET; with no such page — the login page opened as it is,
the home page's 登录 link, another site, a POST-only address — it lands on the user's working page
(`routes.auth.landing`): the planning office on the task list with its summary by unit, an account bound to
units (a liaison) on 我的任务, others on the home page.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import PASSWORD, Demo, csrf_of

LANDING = {"office": "/tasks", "editor": "/my/tasks", "editor2": "/my/tasks", "viewer": "/", "admin": "/"}


def _log_in(client: TestClient, username: str, next_url: str | None) -> str:
    client.cookies.clear()
    data = {"username": username, "password": PASSWORD, "csrf_token": csrf_of(client)}
    if next_url is not None:
        data["next"] = next_url
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    return response.headers["location"]


@pytest.mark.parametrize("role", sorted(LANDING))
def test_a_login_without_a_page_to_go_back_to_lands_on_the_users_working_page(client: TestClient, demo: Demo,
                                                                             role: str) -> None:
    """Before: "/" for everyone."""
    for next_url in (None, "", "/", "https://evil.example/", "//evil.example", f"/tasks/{demo.task_id}/updates"):
        assert _log_in(client, role, next_url) == LANDING[role], (role, next_url)
    assert client.get(LANDING[role]).status_code == 200  # a page this user may open


@pytest.mark.parametrize("role", ["office", "editor"])
def test_a_login_with_a_page_to_go_back_to_goes_there(client: TestClient, demo: Demo, role: str) -> None:
    for target in ("/targets?plan=1&kind=target", f"/tasks/{demo.task_id}", "/?plan=1", "/inbox"):
        assert _log_in(client, role, target) == target


def test_the_login_form_keeps_no_next_when_none_was_given(client: TestClient) -> None:
    """The form posts what it was given: an empty `next` (a login page opened as it is), not "/" (home)."""
    page = client.get("/login").text
    assert '<input type="hidden" name="next" value="">' in page
    assert '<input type="hidden" name="next" value="/inbox">' in client.get("/login?next=/inbox").text


def test_a_page_that_asked_for_the_login_is_where_it_returns(client: TestClient, demo: Demo) -> None:
    asked = client.get("/inbox", follow_redirects=False)
    assert asked.status_code == 303 and asked.headers["location"] == "/login?next=/inbox"
    assert _log_in(client, "editor", "/inbox") == "/inbox"
