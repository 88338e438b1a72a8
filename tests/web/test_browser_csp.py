"""The Content-Security-Policy holds in a real Chromium: no page breaks a rule (no inline script,
no inline handler, no foreign origin) while its scripts and charts still run (issue 12)."""

from __future__ import annotations

import pytest

from .conftest import Demo
from .test_browser import CHROMIUM, browser, server  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


def test_pages_break_no_csp_rule(browser, server: str, demo: Demo) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(base_url=server, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    violations: list[str] = []
    errors: list[str] = []
    tab.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    for url in ("/", f"/plans/{demo.plan_id}", f"/indicators/{demo.indicator_id}", "/targets", "/tasks",
                f"/tasks/{demo.task_id}", "/search?q=学位", "/login"):
        response = tab.goto(url)
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        tab.wait_for_load_state("networkidle")
    tab.goto(f"/indicators/{demo.indicator_id}")
    tab.wait_for_load_state("networkidle")
    context.close()
    assert not violations, violations
    assert not errors, errors
