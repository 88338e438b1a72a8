"""Indicator names a reader accepts (issue 9): real sentences with reviewed names, and the registry check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract import extract_quantities
from planwatch.extract.naming import is_name, problems, tidy

# Reviewed names: issue 9, and the hand review of unseen passages of 2026-12-06 (names-review-*.json).
CASES = [case for path in sorted((Path(__file__).resolve().parents[1] / "data" / "naming").glob("names-*.json"))
         for case in json.loads(path.read_text("utf-8"))]


def _record_for(text: str, number: str) -> list:
    return [r for r in extract_quantities(text, doc="t") if number in r.quote.replace(" ", "")]


@pytest.mark.parametrize("case", CASES, ids=[c["old_name"] for c in CASES])
def test_sentence_gets_the_reviewed_name(case: dict) -> None:
    found = _record_for(case["text"], case["number"])
    if case["expected"] is None:  # the number describes its object or counts aspects: no record
        assert all(r.indicator != case["old_name"] for r in extract_quantities(case["text"], doc="t"))
        assert not found, [r.indicator for r in found]
        return
    assert found, case["text"]
    record = found[0] if case.get("first") else found[-1]  # "first": a list's first item (later quotes hold its value too)
    assert record.indicator == case["expected"], (record.indicator, case["source"])


@pytest.mark.parametrize(
    "name",
    ["方面", "支出", "经济", "预期目标是:经济", "增速就能够", "高校毕业生将高", "大城市", "各地可",
     "上述", "税率降至", "进出口总额接连", "服务业对经济增长贡献率接", "(含一级水源保护区", "增加值", "率", "4月贯通实战应用",
     "提出国内生产总值", "但赤字率", "着重对", "一律按", "认真落实国务院关于鼓励引导民间投资新", "增长预期目标定", "保障性安居工程新",
     "中央政府拟", "我国有", "速度可以"],
)
def test_junk_names_are_not_names(name: str) -> None:
    assert not is_name(name), name
    assert problems(name)


@pytest.mark.parametrize(
    "name",
    ["规模以上工业增加值", "细颗粒物（PM2.5）平均浓度", "研究与试验发展（R&D）经费投入强度", "110刑事治安警情", "一级水源保护区",
     "可再生能源装机占比", "可供应病床", "7大产业集群对工业贡献率", "就业岗位", "农村贫困人口减少", "CPI",
     "和美乡村", "“美丽街区”", "民间投资占比", "全国文明城市", "在建重大水利工程投资规模", "已建在建入级电动船舶数量占全国",
     "近岸海域优良海水面积比例", "在校学生", "国家扶贫标准", "科技创新", "公共服务", "国有企业", "服务业在国内生产总值中占比"],
)
def test_real_names_pass(name: str) -> None:
    assert is_name(name), problems(name)


@pytest.mark.parametrize(
    ("raw", "tidy_name"),
    [
        ("PM_{2.5} 平均浓度", "PM2.5平均浓度"),
        ("拆除违法建筑", "违法建筑拆除"),
        ("改造老旧小区", "老旧小区改造"),
        ("整合产业空间", "产业空间"),
        ("“坪水相逢”画展、“马峦山健步走”等文体活动", "文体活动"),
        ("集成电路、生物医药、人工智能三大先导产业规模", "三大先导产业规模"),
        ("在边境地区、集体经济薄弱村新建各类棚室", "各类棚室"),
        ("公交线路调整优化", "公交线路"),
        ("全国地级及以上城市细颗粒物（PM2.5）平均浓度", "地级及以上城市细颗粒物（PM2.5）平均浓度"),
        ("全国文明城市", "全国文明城市"),
        ("办理反馈率", "办理反馈率"),
    ],
)
def test_tidy(raw: str, tidy_name: str) -> None:
    assert tidy(raw) == tidy_name


def _problems_with_every_pattern(name: str) -> list[str]:
    """`problems` as written before its character tests: every pattern tried on every name."""
    from planwatch.extract import naming

    found: list[str] = []
    text = "".join((name or "").split())
    if len(naming._HAN.findall(text)) + len(regex.findall(r"[A-Za-z]", text)) < 2:
        found.append("too short")
    if text in naming._FUNCTION_WORDS:
        found.append("a function word or a word too generic to name a thing")
    words = naming._words(text)
    if naming._WORD_START.match(text):
        words = [text[:3], *naming._words(text[3:])] if len(text) > 3 else [text]
    if naming._BAD_MARK.search(text) or (words and words[0] in naming._BAD_FIRST):
        found.append("starts with a function word or punctuation")
    if (words and len(words) > 1 and words[-1] in naming._BAD_LAST) or naming._VERB_END.search(text):
        found.append("ends with a verb, a function word or punctuation")
    if naming._DIGITS_LEAD.search(text) and not naming._NUMBERED_NAME.match(text):
        found.append("starts with a number")
    if naming._UNBALANCED.search(text):
        found.append("an unbalanced bracket")
    if tidy(text) != text:
        found.append("holds a verb, a list or typesetting that tidying removes")
    return found


_PIECES = ["可再生", "就业", "能源", "降至", "达到", "连续", "（", "(", ")", "）", "，", "—", "-", "·", "、", "1", "٣", "²",
           "PM", "x", " ", "\n", "率", "的", "和", "全市", "增长"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=5))
def test_problems_are_those_of_every_pattern(pieces: list[str]) -> None:
    name = "".join(pieces)
    assert problems(name) == _problems_with_every_pattern(name)


def test_problems_of_real_names_are_those_of_every_pattern() -> None:
    names = [c[key] for c in CASES for key in ("old_name", "expected") if c.get(key)]
    assert len(names) > 20
    for name in names:
        assert problems(name) == _problems_with_every_pattern(name), name
