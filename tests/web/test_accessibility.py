"""Contrast of the badges and secondary text, Chinese marked as Chinese on English pages, charts with a text
alternative (review ux4 item 19: 进度滞后 white on #e07b00 = 2.99:1, 暂无数据/未启动/数据不一致 white on #8a94a0 = 3.07:1,
labels and notes #6b7785 on #f5f6f8 = 4.21:1; `/?plan=4&lang=en` read every Chinese title and quote with an English
voice; the indicator charts had no text alternative)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from planwatch.web.lang_marks import mark_chinese

from .conftest import Demo

CSS = Path(__file__).resolve().parents[2] / "src" / "planwatch" / "web" / "static" / "app.css"
AA = 4.5  # WCAG 1.4.3 for text under 18.66 px bold / 24 px (badges are .8rem)


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _stylesheet() -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """(the :root variables, every rule as (selector, {property: value}) with var() resolved)."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", text.split("}", 1)[0]))
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = {}
        for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            declarations[name.strip()] = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)].strip(),
                                                value.strip())
        rules.append((" ".join(selector.split()), declarations))
    return {k: v.strip() for k, v in variables.items()}, rules


def test_the_contrast_helper_agrees_with_the_review() -> None:
    assert round(contrast("#fff", "#e07b00"), 2) == 3.0  # axe: 2.99
    assert round(contrast("#6b7785", "#f5f6f8"), 2) == 4.22  # axe: 4.21


def test_every_badge_colour_reads_at_4_5_to_1() -> None:
    _variables, rules = _stylesheet()
    base = next(d for s, d in rules if s == ".badge")
    text = base["color"]
    badges = {".badge": base["background"]}
    for selector, declarations in rules:
        for one in selector.split(","):
            one = one.strip()
            if one.startswith(".badge.") and "background" in declarations:
                badges[one] = declarations["background"]
    assert {".badge.at_risk", ".badge.met", ".badge.missed", ".badge.on_track", ".badge.absent"} <= set(badges)
    low = {name: round(contrast(text, colour), 2) for name, colour in badges.items() if contrast(text, colour) < AA}
    assert low == {}, f"badges under {AA}:1 with {text} text: {low}"


def test_secondary_text_and_links_read_at_4_5_to_1() -> None:
    variables, rules = _stylesheet()
    header = next(d for s, d in rules if s == "table.data th")["background"]
    for ground in (variables["--bg"], variables["--card"], header):
        assert contrast(variables["--muted"], ground) >= AA, ground
        assert contrast(variables["--link"], ground) >= AA, ground


def test_links_in_running_text_are_underlined() -> None:
    _variables, rules = _stylesheet()
    underlined = [s for s, d in rules if d.get("text-decoration", "").startswith("underline") and "main" in s]
    assert any(all(tag in s for tag in ("p", "li", "td")) for s in underlined), underlined


class _Unmarked(HTMLParser):
    """Chinese text of a page's body outside any element with lang="zh…"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.unmarked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append((tag, (dict(attrs).get("lang") or "").startswith("zh")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if any(t in ("script", "style", "title", "textarea") for t in tags):
            return
        if re.search("[\u4e00-\u9fff]", data) and not any(zh for _, zh in self.stack):
            self.unmarked.append(data.strip()[:40])


def _unmarked(html: str) -> list[str]:
    parser = _Unmarked()
    parser.feed(html)
    return parser.unmarked


@pytest.mark.parametrize("path", ["/?plan={plan}", "/targets?plan={plan}", "/plans/{plan}", "/tasks?plan={plan}",
                                  "/indicators/{indicator}", "/assessments?plan={plan}"])
def test_chinese_inside_english_pages_is_marked_as_chinese(client: TestClient, demo: Demo, path: str) -> None:
    address = path.format(plan=demo.plan_id, indicator=demo.indicator_id)
    english = client.get(address + ("&" if "?" in address else "?") + "lang=en")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert '<span lang="zh-CN">' in english.text
    assert _unmarked(english.text) == []
    chinese = client.get(address + ("&" if "?" in address else "?") + "lang=zh")
    assert '<html lang="zh-CN">' in chinese.text and '<span lang="zh-CN">' not in chinese.text


def test_mark_chinese_leaves_latin_words_scripts_and_options_as_html_allows() -> None:
    html = ('<p>Plan 深圳市坪山区2019年计划 — GDP 地区生产总值 700 亿元左右 met</p>'
            '<script type="application/json">{"a":"中文"}</script><title>坪山</title>'
            '<select><option value="1">深圳 2019</option><option>All</option></select><a lang="zh">中文</a>')
    assert mark_chinese(html) == (
        '<p>Plan <span lang="zh-CN">深圳市坪山区2019年计划</span> — GDP <span lang="zh-CN">地区生产总值 700 亿元左右</span>'
        ' met</p><script type="application/json">{"a":"中文"}</script><title>坪山</title>'
        '<select><option value="1" lang="zh-CN">深圳 2019</option><option>All</option></select><a lang="zh">中文</a>')


def test_charts_have_a_text_alternative(client: TestClient, demo: Demo) -> None:
    page = client.get(f"/indicators/{demo.indicator_id}").text
    charts = re.findall(r'<div class="chart"[^>]*>', page)
    assert charts
    for chart in charts:
        assert 'role="img"' in chart
        assert re.search(r'aria-label="[^"]*下方记录表和实际值表"', chart), chart
