"""Review ux4 in a real browser (Debian's Chromium via Playwright): a report's text has a limit the form shows.

#14: a progress report over 4,000 characters was refused on a bare error page that showed the liaison logged out;
the textarea had no maxlength and no counter.
"""

from __future__ import annotations

import pytest

from .conftest import Demo
from .test_browser import browser, server  # noqa: F401  (fixtures shared with the other browser tests)
from .test_browser_supervision import open_as  # noqa: F401

pytestmark = [pytest.mark.browser]


def test_the_report_text_counts_and_a_refusal_keeps_the_form(open_as, demo: Demo) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    tab = open_as("editor", width=390)
    tab.goto(f"/tasks/{demo.task_id}")
    field = tab.locator("form.report-form textarea[name=evidence]")
    counter = tab.locator(f"#evidence-count-{demo.task_id}")
    assert field.get_attribute("maxlength") == "4000" and counter.inner_text() == "0 / 4000"
    field.fill("推进项目建设")
    assert counter.inner_text() == "6 / 4000"
    # a browser that ignores maxlength (or a pasted draft): the server's refusal is the same form again
    field.evaluate("el => el.removeAttribute('maxlength')")
    field.fill("推进项目建设，" * 613)
    tab.locator("form.report-form input[name=files]").set_input_files(
        files=[{"name": "photo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 100}])
    tab.locator("form.report-form button[type=submit]").click()
    tab.wait_for_selector(f"#evidence-error-{demo.task_id}")
    assert "最多 4000 个字符，现有 4291 个" in tab.locator(f"#evidence-error-{demo.task_id}").inner_text()
    assert len(tab.locator("form.report-form textarea[name=evidence]").input_value()) == 4291
    assert tab.locator(f"#evidence-count-{demo.task_id}").inner_text() == "4291 / 4000"
    assert tab.locator("header").get_by_text("联络员").count() >= 1  # still logged in: the header says who
