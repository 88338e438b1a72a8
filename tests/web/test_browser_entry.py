"""Data entry, administration and the small things (issue 10 parts 2–4) in Debian's headless Chromium.

Screenshots of the new pages go to ``test-artifacts/`` with ``make screenshots`` (docs/screenshots holds copies).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from . import test_browser as _browser
from .conftest import PASSWORD, Demo
from .test_browser import CHROMIUM, shot
from .test_entry import add_second_government

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
]
DATA = Path(__file__).resolve().parents[1] / "data"
server, browser, page = _browser.server, _browser.browser, _browser.page  # the browser tests' fixtures


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)  # the user's working page (`routes.auth.landing`)


def _manual_actuals(engine: Engine) -> set[tuple[str, str, float, str, str]]:
    from planwatch.store.schema import Actual, Government, Indicator

    with Session(engine) as session:
        return {tuple(r) for r in session.execute(  # type: ignore[misc]
            select(Government.name, Indicator.name, Actual.value, Actual.unit, Actual.who)
            .join(Government, Government.id == Actual.government_id).join(Indicator, Indicator.id == Actual.indicator_id)
            .where(Actual.source == "manual"))}


def test_entry_grid_takes_1_5_wan_with_two_governments(page, demo: Demo, demo_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    add_second_government(demo_engine)
    log_in(page, "admin")
    page.click("nav.nav a[href='/entry']")
    page.select_option("#entry-government", label="示例区")
    page.click("#entry-select button[type=submit]")
    school = page.locator("#entry-table tr", has_text="公办学位").locator("input")
    gdp = page.locator("#entry-table tr", has_text="地区生产总值").locator("input")
    school.fill("1.5万")
    gdp.fill("6.2亿元")  # a growth rate written as an amount: refused beside its cell
    page.click("#entry-save")
    error = page.locator("#entry-table tr", has_text="地区生产总值").locator(".cell-error")
    assert "%" in error.inner_text()
    assert page.locator("#entry-table tr", has_text="公办学位").locator("input").input_value() == "1.5万"  # never lost
    assert page.locator("#entry-table tr", has_text="地区生产总值").locator("input").input_value() == "6.2亿元"
    shot(page, "entry-grid-error")
    assert _manual_actuals(demo_engine) == set()  # all cells or none
    page.locator("#entry-table tr", has_text="地区生产总值").locator("input").fill("6.2%")
    page.click("#entry-save")
    assert "已保存 2 个数值" in page.locator("#entry-saved").inner_text()
    assert {("示例区", "公办学位", 1.5, "万个", "admin"), ("示例区", "地区生产总值", 6.2, "%", "admin")} <= _manual_actuals(demo_engine)
    shot(page, "entry-grid")
    page.click("text=查看尚缺数据")
    page.select_option("select[name=frequency]", "quarter")
    page.click("form.filters button[type=submit]")
    assert "一季度" in page.locator("#missing-table").inner_text()
    shot(page, "entry-missing")


def test_indicator_form_is_shown_only_to_those_who_may_enter(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "editor2")
    page.goto(f"/indicators/{demo.indicator_id}")
    assert page.locator("#actual-form").count() == 0
    page.context.clear_cookies()
    log_in(page, "editor")
    page.goto(f"/indicators/{demo.indicator_id}")
    assert page.locator("#actual-form select[name=government]").count() == 1
    page.fill("#actual-form input[name=year]", "2019")
    page.fill("#actual-form input[name=value]", "很多")
    page.click("#actual-form button[type=submit]")
    page.locator("#actual-error").wait_for(state="visible")
    assert page.locator("#actual-error").is_visible()
    assert page.locator("#actual-form input[name=value]").input_value() == "很多"


def test_admin_pages_users_units_tokens_audit(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "admin")
    page.click("nav.nav a[href='/admin/users']")
    page.fill("#add-user input[name=username]", "ma")
    page.fill("#add-user input[name=password]", "pass-word-1")
    page.select_option("#add-user select[name=role]", "editor")
    page.fill("#add-user input[name=units]", "区火星局")
    page.click("#add-user button[type=submit]")
    assert "区火星局 未登记" in page.locator("#admin-error").inner_text()
    assert page.locator("#add-user input[name=username]").input_value() == "ma"
    page.fill("#add-user input[name=password]", "pass-word-1")
    page.fill("#add-user input[name=units]", demo.unit)
    page.click("#add-user button[type=submit]")
    page.locator("#user-ma").wait_for(state="visible")  # the redirect's page, however loaded the machine (was is_visible)
    assert page.locator("#user-ma").is_visible()
    shot(page, "admin-users")
    page.click(".subnav a[href='/admin/units']")
    page.fill("#add-unit input[name=name]", "区测试局")
    page.select_option("#add-unit select[name=government]", "深圳市坪山区")
    page.click("#add-unit button[type=submit]")
    added = page.locator(".unit-group", has_text="深圳市坪山区").locator("text=区测试局")
    added.wait_for(state="visible")
    assert added.is_visible()
    shot(page, "admin-units")
    page.click(".subnav a[href='/admin/tokens']")
    page.fill("#add-token input[name=name]", "报表脚本")
    page.click("#add-token button[type=submit]")
    assert page.locator("#new-token code").inner_text().startswith("pw_")
    page.click(".subnav a[href='/audit']")
    page.select_option("select[name=who]", "admin")
    page.click("#audit-filters button[type=submit]")
    table = page.locator("#audit-table").inner_text()
    assert "添加用户" in table and "角色" in table and "\\u" not in table and '{"' not in table
    shot(page, "audit-log")


def test_nested_quantity_is_reachable_in_the_reader(page, demo: Demo, demo_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from planwatch.store.schema import Record

    with Session(demo_engine) as session:
        gdp = session.scalar(select(Record.id).where(Record.plan_id == demo.plan_id, Record.value == 7e10,
                                                     Record.indicator.like("地区生产总值%")))
    page.goto(f"/plans/{demo.plan_id}#r-{gdp}")
    inner = page.locator(f"#r-{gdp}")
    assert inner.evaluate("el => el.parentElement.closest('mark.q') !== null")  # nested in a longer quote
    assert inner.is_visible() and inner.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.locator("#record-detail").get_attribute("data-record-id") == str(gdp)
    _browser.shot(page, "plan-reader-nested", full=False)  # the screen the anchor opens
    page.goto(f"/plans/{demo.plan_id}")
    page.locator(f"#r-{gdp}").click()
    assert page.locator("#record-detail").get_attribute("data-record-id") == str(gdp)
    assert "700" in page.locator("#record-detail").inner_text()
    text = page.locator("#doc-text").inner_text()
    assert "坑梓文化科技中心前期工作加快推进" in text  # the source's line wrap is joined
    with Session(demo_engine) as session:
        fall = session.scalar(select(Record.id).where(Record.plan_id == demo.plan_id, Record.value == -4.43))
    page.goto(f"/plans/{demo.plan_id}#r-{fall}")  # the anchor selects the outer quote too
    assert "下降4.43%" in page.locator("#record-detail").inner_text()  # a fall in words, not "-4.43 %"


def test_reductions_are_written_in_words(page, demo: Demo, demo_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from planwatch.documents import Document
    from planwatch.pipeline import ingest_document

    text = (DATA / "heldout" / "national-2017.txt").read_text(encoding="utf-8")
    result = ingest_document(demo_engine, Document(name="national-2017", text=text), government="国务院", year=2017)
    page.goto(f"/targets?plan={result.plan_id}&kind=target")
    table = page.locator("table.data").first.inner_text()
    assert "下降3.4%以上" in table and "≥-3.4" not in table
    page.goto(f"/plans/{result.plan_id}")
    page.locator("mark.q", has_text="下降3.4%以上").first.click()
    assert "下降3.4%以上" in page.locator("#record-detail").inner_text()


def test_plan_labels_search_aliases_upload_errors_favicon(page, demo: Demo, demo_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    option = page.locator("#plan-select option").first.inner_text()
    assert "2019年" in option and "深圳市坪山区" in option and " · " not in option  # the plan's name (labels.plan_label)
    page.goto("/search?q=GDP")
    records = page.locator("section.card", has_text="记录").first.inner_text()
    assert "地区生产总值" in records and "700 亿元" in records and "2018 ·" in records
    assert "地区生产总值" in page.locator("#search-indicators").inner_text()
    favicon = page.request.get("/favicon.ico")
    assert favicon.status == 200 and favicon.headers["content-type"] == "image/x-icon"
    log_in(page, "admin")
    page.goto("/upload")
    page.set_input_files("#upload-file", files=[{"name": "规划.xyz", "mimeType": "text/plain", "buffer": "坪山".encode()}])
    page.click("#upload-form button[type=submit]")
    message = page.locator("#upload-message, .error-card .message").first
    message.wait_for()
    words = message.inner_text()
    assert "无法读取 .xyz 类型的文件" in words
    assert not [w for w in re.findall(r"[A-Za-z]{4,}", words) if w not in ("docx", "html")], words


@pytest.mark.parametrize("path", ["/", "/targets", "/tasks", "/indicators", "/entry", "/entry/missing", "/admin/users", "/audit",
                                  "/search?q=GDP", "/rounds", "/tasks?page=2&lang=en", "/tasks?group=unit&lang=en"])
def test_tables_fit_a_390_pixel_phone(page, demo: Demo, path: str) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "admin")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"{path} is {width} px wide on a 390 px phone"
    if path in ("/entry", "/admin/users"):
        _browser.shot(page, f"phone-{path.strip('/').replace('/', '-')}", full=False)  # the first screen, as a phone shows it


def test_task_tables_on_a_390_pixel_phone_keep_every_column_readable(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """A task's title gets the screen's width (it shrank to 2–4 characters a line) and its status and latest
    report stay on screen (audit 24)."""
    log_in(page, "admin")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/tasks")
    boxes = page.eval_on_selector("table.tasks-table tbody tr.task-row", """row => Object.fromEntries(
        Array.from(row.children).map((c, i) => [c.className || String(i), c.getBoundingClientRect().toJSON()]))""")
    assert boxes["task-title"]["width"] >= 200, boxes
    for name in ("task-status", "nowrap"):
        assert 0 <= boxes[name]["left"] and boxes[name]["right"] <= 390, (name, boxes)


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_log_out_button_is_readable_on_the_header(page, demo: Demo) -> None:  # type: ignore[no-untyped-def]
    """退出 had the link blue on the header red (1.3:1); WCAG AA asks 4.5:1 (audit 23)."""
    log_in(page, "viewer")
    text = page.eval_on_selector("form[action='/logout'] button", "e => getComputedStyle(e).color")
    background = page.eval_on_selector(".topbar", "e => getComputedStyle(e).backgroundColor")
    light, dark = sorted((_luminance(text), _luminance(background)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5, (text, background)
