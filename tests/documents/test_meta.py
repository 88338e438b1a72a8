"""describe() reads title, government, level, year and kind from the document itself."""

from __future__ import annotations

import re

import pytest

from planwatch.documents import bundled_plan_path, load
from planwatch.documents.meta import DocumentMeta, describe, level_of

from .paths import FIXTURES, corpus_files, needs_corpus


def test_reference_plan() -> None:
    document = load(bundled_plan_path())
    assert describe(document.text, document.name) == DocumentMeta(
        title="深圳市坪山区 2019 年国民经济 和社会发展计划", government="深圳市坪山区",
        level="district", year=2019, kind="plan",
    )


@pytest.mark.parametrize(("title", "government", "level", "year", "kind"), [
    ("2026年吉林省政府工作报告", "吉林省", "province", 2026, "work_report"),
    ("上海市政府工作报告", "上海市", "province", None, "work_report"),
    ("关于深圳市坪山区2018年国民经济和社会发展计划执行情况与2019年计划草案的报告", "深圳市坪山区", "district", 2019, "plan"),
    ("示例县2024年国民经济和社会发展计划", "示例县", "county", 2024, "plan"),
    ("内蒙古自治区2024年国民经济和社会发展计划", "内蒙古自治区", "province", 2024, "plan"),
    ("鄂尔多斯市伊金霍洛旗2024年国民经济和社会发展计划", "鄂尔多斯市伊金霍洛旗", "county", 2024, "plan"),
    ("苏州市2024年国民经济和社会发展计划", "苏州市", "city", 2024, "plan"),
    ("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "中华人民共和国", "national", 2021, "five_year"),
    ("坪山区国民经济和社会发展“十三五”规划纲要", "坪山区", "district", 2016, "five_year"),
])
def test_titles(title: str, government: str, level: str, year: int | None, kind: str) -> None:
    meta = describe(title + "\n正文。\n", "doc")
    assert (meta.title, meta.government, meta.level, meta.year, meta.kind) == (title, government, level, year, kind)


def test_year_from_headings_then_name() -> None:
    assert describe("政府工作报告\n一、2022年工作回顾\n二、2023年主要任务\n", "x").year == 2023
    assert describe("政府工作报告\n各位代表：\n一、过去一年工作\n", "report-2021").year == 2021
    assert describe("无题\n", "nothing").year is None


def test_year_of_a_yearless_local_report_title_from_its_own_words() -> None:
    """A local plan report copied with a yearless title: the year of the draft it submits (constructed after the
    pattern of local plan reports, review4)."""
    text = ("国民经济和社会发展计划执行情况及国民经济和社会发展计划草案的报告\n\n各位代表：\n\n受县人民政府委托，"
            "现将2011年国民经济和社会发展计划执行情况及2012年国民经济和社会发展计划草案提请县人大审议。\n")
    assert describe(text, "x").year == 2012


def test_levels() -> None:
    assert [level_of(g) for g in ("国务院", "北京市", "重庆市", "广东省", "广西壮族自治区", "深圳市", "坪山区", "示例县", "")] == [
        "national", "province", "province", "province", "province", "city", "district", "county", None]


@pytest.mark.parametrize("name", ["plan.docx", "plan.html", "county-plan-gbk.txt", "report-utf16.txt"])
def test_fixtures(name: str) -> None:
    document = load(FIXTURES / name)
    meta = describe(document.text, document.name)
    assert meta.government == "示例县" and meta.level == "county" and meta.year == 2024


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_documents(path) -> None:
    text = path.read_text(encoding="utf-8")
    meta = describe(text, path.stem)
    year = int(re.search(r"(\d{4})", path.stem.split("_")[-1]).group(1))  # stems carry the year
    assert meta.year == year
    assert meta.kind == "work_report"
    if "national" in path.stem:
        assert (meta.government, meta.level) == ("国务院", "national")
    else:
        assert meta.level == "province" and meta.government.endswith(("省", "市", "自治区"))
    assert not meta.title.startswith(("下载", "打印", "【"))


def test_pdf_without_its_title_still_gets_year_and_kind() -> None:
    document = load(FIXTURES / "plan.pdf")  # the title was a running head, dropped with the page furniture
    meta = describe(document.text, document.name)
    assert (meta.year, meta.kind) == (2024, "plan")


# Constructed after the pattern of local plan reports copied from web pages (places and names changed): a word that
# stands for the government without naming it is no government; a deputy's title is cut off the government's name.
@pytest.mark.parametrize(("text", "government"), [
    ("关于区2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划(草案)的报告\n\n各位代表：", ""),
    ("2022年全市国民经济和社会发展计划报告\n\n各位代表：", ""),
    ("——2024年1月9日在区第十八届人民代表大会第五次会议上\n区发改委主任 某某\n各位代表:", ""),
    ("政府工作报告\n\n——2011年1月13日在县第十五届人民代表大会\n\n第五次会议上\n\n和宁县常务副县长某某某\n\n各位代表:\n\n"
     "现在,我代表县人民政府向大会报告工作", "和宁县"),
    ("1月20日上午,和宁省十三届人大二次会议开幕,省长某某代表省政府向大会作政府工作报告。", "和宁省"),  # news: 人大, no 第
])
def test_a_word_for_the_government_is_not_its_name(text: str, government: str) -> None:
    """Before: 区, 县 ("日在区…" with 日在 cut), 全市, 关于区 and 我代表县 were stored as governments."""
    assert describe(text, "t").government == government
