"""The evaluation page in headless Chromium: the radar is drawn by a static script (no inline script), the rule shows on hover."""

from __future__ import annotations

import pytest

from .conftest import Demo
from .test_browser import CHROMIUM, browser, page, server, shot  # noqa: F401  (the browser fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def test_evaluation_radar_is_drawn_and_rules_show_on_hover(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    blocked: list[str] = []
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))  # a dimension without data is "-", not 0
    page.goto(f"/plans/{demo.plan_id}")
    page.locator(f"a[href='/plans/{demo.plan_id}/evaluation']").click()
    page.wait_for_selector("#evaluation-radar[data-drawn='1'] canvas")  # a selector: no eval under the CSP
    painted = page.evaluate(
        """() => {
            const canvas = document.querySelector('#evaluation-radar canvas');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) inked++;
            return inked;
        }"""
    )
    assert painted > 500, "the radar canvas is blank"
    title = page.locator("#evaluation-table td[title]").first.get_attribute("title")
    assert title and title.startswith("评分规则")
    assert not blocked, blocked
    assert not errors, errors
    shot(page, "evaluation")
