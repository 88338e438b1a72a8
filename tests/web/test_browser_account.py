"""Where a login lands, in Debian's headless Chromium.

Browser tour: every login came back to the home page, a liaison's 我的任务 and the office's task list a search away.
"""

from __future__ import annotations

import pytest

from . import test_browser as _browser
from .conftest import PASSWORD, Demo
from .test_browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]

server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures


def _log_in(page, username: str, password: str = PASSWORD, url: str = "/login") -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda address: "/login" not in address)


@pytest.mark.parametrize(("username", "landing"), [("editor", "/my/tasks"), ("office", "/tasks"), ("viewer", "/")])
def test_a_login_lands_on_the_users_working_page(page, demo: Demo, username: str, landing: str) -> None:  # type: ignore[no-untyped-def]
    """Before: the home page for everyone. The home page's 登录 link leads to the working page too."""
    page.goto("/")
    page.click("#login-link")
    _log_in(page, username, url=page.url)
    assert page.url.removeprefix(_server(page)).split("?")[0] == landing


def test_a_login_from_a_page_returns_to_it(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/tasks/{demo.task_id}")
    page.click("#login-link")
    _log_in(page, "editor", url=page.url)
    assert page.url.endswith(f"/tasks/{demo.task_id}")


def _server(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("location.origin")
