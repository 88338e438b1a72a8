"""Normalisation mends what breaks extraction and maps every character back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.documents import bundled_plan_path, load
from planwatch.documents.normalize import FULL_MARKS, fullwidth_twin, normalize

# Text that stresses the rules: CJK, digits in both widths, spaces of every kind, breaks.
_PIECES = st.sampled_from(
    list("增长亿元万人年一二（）。，；：％．－～／＋０１２３４５６７８９0123456789%.-~ \t\n\r\u3000\u2003\u00a0\u200bAＡｚ,;:()|")
    + ["\n\n", "  \u2003\u2003", "完\n\n成", "第一章", "一、", "（一）", "1. ", "— —"]
)
_PLANLIKE = st.lists(_PIECES, max_size=200).map("".join)


def _maps_back(original: str) -> None:
    n = normalize(original)
    previous = -1
    for i, ch in enumerate(n.text):
        o = n.to_original(i)
        assert 0 <= o < len(original)
        assert o > previous  # strictly increasing
        previous = o
        assert ch in (original[o], fullwidth_twin(original[o]), FULL_MARKS.get(original[o]),
                      "\t" if original[o] in "|｜" else None), (i, ch, original[o])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises_and_maps_back(original: str) -> None:
    _maps_back(original)


@settings(max_examples=300, deadline=None)
@given(_PLANLIKE)
def test_plan_like_text_maps_back(original: str) -> None:
    _maps_back(original)


@settings(max_examples=200, deadline=None)
@given(_PLANLIKE, st.data())
def test_span_is_monotone_and_covers_the_characters(original: str, data: st.DataObject) -> None:
    n = normalize(original)
    size = len(n.text)
    a = data.draw(st.integers(0, size))
    b = data.draw(st.integers(a, size))
    c = data.draw(st.integers(b, size))
    s1, e1 = n.span(a, b)
    s2, e2 = n.span(b, c)
    assert s1 <= e1 <= s2 + (1 if a == b else 0) or a == b
    assert s1 <= s2 and e1 <= e2
    if a < b:
        # Every kept character of the span lies inside the original span.
        assert all(s1 <= n.to_original(i) < e1 for i in range(a, b))
        assert n.from_original(s1) == a


def test_a_table_row_written_with_pipes_reads_as_a_tab_row() -> None:
    """A Markdown table, or a page's table copied as text (review23, a 民生实事 progress table): its pipes are the cells'
    tabs, one character for one, and a row's line is never joined to the next as a wrap (the unit cell "教育局" then the
    next row's number read "教育局2"). A pipe alone in a line of prose stays."""
    original = ("2022年某区民生实事项目进展情况表(截至9月底)\n序号 | 项目内容 | 进展情况 | 责任单位 |\n"
                "1 | 新建成公办中小学、幼儿园7所,新增中小学、幼儿园公办学位6800个。 | 新建成某区职教中心等7所中小学、幼儿园,"
                "新增学位6800个。 | 教育局 |\n2 | 新建成婴幼儿照护服务成长驿站7家。 | 新建13家。 | 卫生健康局 |\n"
                "人均可支配收入 | 增长5%")
    n = normalize(original)
    lines = n.text.split("\n")
    assert lines[1] == "序号 \t 项目内容 \t 进展情况 \t 责任单位 \t"
    assert lines[3].startswith("2 \t 新建成婴幼儿") and lines[2].endswith("教育局 \t")
    assert lines[4] == "人均可支配收入 | 增长5%"
    _maps_back(original)


def test_a_decimal_split_by_a_copys_space_is_joined() -> None:
    """Review24: a plan report copied from a PDF ("固定资产投资 140 亿元,增长 0. 5%"): the growth was read as 5%. A list item's
    number opening a line stays ("1. 5%的企业…")."""
    n = normalize("固定资产投资 140 亿元,增长 0. 5%;社会消费品零售总额 401亿元,增长 8. 5%\n1. 5%的企业完成改造")
    assert n.text == "固定资产投资140亿元，增长0.5%；社会消费品零售总额401亿元，增长8.5%\n1. 5%的企业完成改造"


def test_a_decimal_split_around_its_point_is_joined() -> None:
    """Review27: a mirror copy wrote "经济增长6 . 5%左右" (spaces on both sides of the point): read as 5%."""
    original = "经济增长6 . 5%左右，收入增长 6 .5%\n1 . 5%的企业完成改造"
    n = normalize(original)
    assert n.text == "经济增长6.5%左右，收入增长6.5%\n1 . 5%的企业完成改造"
    _maps_back(original)


def test_a_decimal_split_before_an_amount_is_joined() -> None:
    """Review75: a plan report from a PDF wrote "完成一般公共预算收入 18. 08 亿元": read as 8亿元 named "…收入18."."""
    original = "完成一般公共预算收入 18. 08 亿元，税收 6. 5 万元\n1. 5亿元的项目"
    n = normalize(original)
    assert n.text == "完成一般公共预算收入18.08亿元，税收6.5万元\n1. 5亿元的项目"
    _maps_back(original)


def test_numbers_on_lines_of_their_own_inside_sentences_are_joined() -> None:
    """Review80: a speech copied from a web page put every figure on a line of its own ("增长⏎8.4%⏎；…"): the growth
    verbs lost their values. Joined where the page does it again and again and the text goes on with a mark; a table set
    one cell a line, whose next line is another cell, stays as it is."""
    original = ("预计地区生产总值增长\n8.4%\n；一般公共预算收入增长\n4.6%\n；城乡居民人均可支配收入分别增长\n8.2%\n、\n8.8%\n。"
                "\n明确了\n2020\n年经济工作的总要求。\n指标\n2025年目标\n地区生产总值\n增长6%\n")
    n = normalize(original)
    assert n.text.startswith("预计地区生产总值增长8.4%；一般公共预算收入增长4.6%；城乡居民人均可支配收入分别增长8.2%、8.8%。\n"
                             "明确了2020年经济工作的总要求。\n")
    assert n.text.endswith("\n指标\n2025年目标\n地区生产总值\n增长6%\n")
    _maps_back(original)
    few = "地区生产总值增长\n8.4%\n；收入增长6%。\n"
    assert normalize(few).text == few  # once is no habit of the page


def test_a_mirror_sites_pinyin_is_dropped() -> None:
    """Review27: mirror sites write the pinyin of some characters in brackets after them ("經(jīng)濟增長", "地區(qū)生產總值"),
    splitting the words every rule reads. Only pinyin with a tone mark after a character goes; other brackets stay."""
    original = "经(jīng)济增长6.5%，城镇新增就(jiù)业4万人，目标(a)和(2)项，绿(lü)色"
    n = normalize(original)
    assert n.text == "经济增长6.5%，城镇新增就业4万人，目标(a)和(2)项，绿(lü)色"
    assert n.original[n.to_original(n.text.index("业")): n.to_original(n.text.index("业")) + 1] == "业"
    _maps_back(original)


def test_an_ascii_comma_after_a_pinyin_aid_is_a_clause_mark() -> None:
    """Review46: "一举跨过(guò)千亿大关(guān),完成1006.9亿元" — the comma follows the aid, not a character, yet ends the
    clause as "大关,完成" would; English text keeps its comma."""
    n = normalize("一举跨过(guò)千亿大关(guān),完成1006.9亿元。see (A),then")
    assert n.text == "一举跨过千亿大关，完成1006.9亿元。see (A),then"
    _maps_back("一举跨过(guò)千亿大关(guān),完成1006.9亿元。")


def test_a_middle_dot_between_digits_of_a_rate_is_a_decimal_point() -> None:
    """Review28: a county bulletin wrote "医疗保健类价格上涨1·8%": read as 8%. A name's dot and a date's stay."""
    n = normalize("医疗保健类价格上涨1·8%，交通通信类价格上涨2•9%，某·某公司，2024·12")
    assert n.text == "医疗保健类价格上涨1.8%，交通通信类价格上涨2.9%，某·某公司，2024·12"


def test_fullwidth_digits_and_percent() -> None:
    assert normalize("增长１０．５％，３～５个").text == "增长10.5%，3~5个"


def test_care_of_sign_after_a_number_is_a_percent_sign() -> None:
    # some county news items type ℅ (U+2105) for % (constructed after the pattern of review6's passages)
    original = "地区生产总值实现52360万元,同比增长12℅;财政收入分别增长21.5℅和18 ℅,转c/℅"
    n = normalize(original)
    assert n.text == "地区生产总值实现52360万元，同比增长12%；财政收入分别增长21.5%和18%，转c/℅"
    start = n.text.index("12%")
    assert n.span(start, start + 3) == (original.index("12℅"), original.index("12℅") + 3)


def test_fullwidth_punctuation_outside_numbers_is_kept() -> None:
    assert normalize("目标：增长．好／坏").text == "目标：增长．好／坏"
    assert normalize("比例为２：４：４").text == "比例为2:4:4"


@pytest.mark.parametrize(("original", "normal"), [
    # web copies and PDF conversions of local plan reports (constructed after their pattern, review4)
    ("同比增长7.3%;规上工业增加值增长8.4%,全社会", "同比增长7.3%；规上工业增加值增长8.4%，全社会"),
    ("财政总收入:全年完成12.5亿元", "财政总收入：全年完成12.5亿元"),
    ("的95.8%(主要是工业未达预期),增长3.0%", "的95.8%（主要是工业未达预期），增长3.0%"),
    ("计划(草案),请予审议", "计划（草案），请予审议"),
    ("全县GDP,同比增长", "全县GDP，同比增长"),
    # line 84 of ../shared/corpus/full/beijing-gwr-2026.txt, the only ASCII mark between Chinese in the 23 reports
    ("培育6G、量子科技、生物制造等新增长点;推动传统产业提质升级", "培育6G、量子科技、生物制造等新增长点；推动传统产业提质升级"),
    ("获评“科技强区”,R&D经费占GDP比重", "获评“科技强区”，R&D经费占GDP比重"),
    # a mark before a line break (a wrap) or a space, and a mark after a per cent before a digit (constructed)
    ("采取一系列新的举措,\n稳中有进", "采取一系列新的举措，\n稳中有进"),
    ("增长2.6%;\n宏观调控", "增长2.6%；\n宏观调控"),
    ("增长6%, 规上工业", "增长6%，规上工业"),
    ("比重超40%,9个县市入选", "比重超40%，9个县市入选"),
    # numbers, ratios, English and Latin asides keep their marks
    ("总额1,234.5亿元", "总额1,234.5亿元"),
    ("结构为3.1:48.7:48.2", "结构为3.1:48.7:48.2"),
    ("细颗粒物(PM2.5)浓度", "细颗粒物(PM2.5)浓度"),
    ("see Table 1, p. 2: (a) and (b)", "see Table 1, p. 2: (a) and (b)"),
    ("索引号 : 000014349/2019-00321", "索引号 : 000014349/2019-00321"),
])
def test_ascii_clause_marks_between_chinese_read_as_full_width(original: str, normal: str) -> None:
    assert normalize(original).text.replace(" ", "") == normal.replace(" ", "")  # (spaces follow their own rules)


def test_spaces_between_numbers_units_and_chinese() -> None:
    n = normalize("深圳市坪山区 2019 年国民经济 和社会发展计划，地区生产总值 700 亿元左右，增长 8 %")
    assert n.text == "深圳市坪山区2019年国民经济和社会发展计划，地区生产总值700亿元左右，增长8%"
    start = n.text.index("700亿元")
    s, e = n.span(start, start + len("700亿元"))
    assert n.original[s:e] == "700 亿元"


def test_paragraph_separators_of_one_line_speeches_are_kept() -> None:
    text = "增长8%左右。  \u2003\u2003一、过去五年工作回顾  \u2003\u20032023年是关键一年。"
    assert normalize(text).text == text
    indented = "工作回顾\u3000\u3000一、总体要求 \u3000\u3000二、主要任务"
    assert normalize(indented).text == indented


def test_pdf_wraps_inside_a_sentence_are_joined() -> None:
    line = "推动工业转型升级加快步伐，全年淘汰落后产能企业200家，实施“倍增计划”重点项目，完"
    n = normalize(f"{line}\n\n成工业园区循环化改造重点项目改造任务。\n\n（一）发展环境\n\n下一段。")
    assert "完成工业园区" in n.text
    assert "任务。\n\n（一）发展环境\n\n下一段。" in n.text  # sentence ends and headings keep their breaks


def test_short_lines_and_list_items_keep_their_breaks() -> None:
    text = "主要目标\n- 地区生产总值增长8.5%以上；\n- 规模以上工业增加值增长10%\n1. 促进产业提质升级"
    assert normalize(text).text == text


# A county report's PDF laid out in two columns (review32, constructed): lines of 25–39 characters that fill the column
# stop mid-number and mid-unit; its heading lines and a list set one item a line keep their breaks.
_COLUMN = ("2019 年成绩\n"
           "2019 年,全区预计实现地区生产总值 369 亿元,增长\n"
           "7.6%;规模以上工业增加值增长 5%;固定资产投资 316 亿\n"
           "元,增长 11.8%;社会消费品零售总额 226.2 亿元,增长 11.4%;\n"
           "直接利用外资 5425 万美元,增长 12.48%;进出口总额 15.4\n"
           "亿元;地方一般公共预算收入 12.21 亿元,增长 2.1%;城镇、\n"
           "农村常住居民人均可支配收入分别达到 39159 元和 20598 元,\n"
           "分别增长 8%和 8.5%。在 2018 年度全省县域经济考核中,跃\n"
           "居一类县市区第四名。\n"
           "——调结构促转型,三次产业质效加速突破。电子信息、\n"
           "绿色建材两大主导产业产值分别增长 20%和 30%。\n")


def test_a_narrow_column_is_joined_where_its_lines_fill_it() -> None:
    text = normalize(_COLUMN).text
    for joined in ("增长7.6%", "316亿元", "15.4亿元", "城镇、农村常住", "跃居一类", "电子信息、绿色建材"):
        assert joined in text
    assert text.startswith("2019 年成绩\n") or text.startswith("2019年成绩\n")  # a short heading line stays apart
    assert "第四名。\n——调结构" in text


def test_a_list_one_short_item_a_line_is_no_column() -> None:
    items = "\n".join(f"建成{place}社区服务中心{n}个并投入使用运营" for place, n in
                      zip(("东城", "西城", "南城", "北城", "中城", "新城", "老城"), range(2, 9), strict=True))
    assert normalize(f"2024年民生实事项目清单\n{items}\n").text.count("\n") == 8


def test_crlf_and_zero_width_characters() -> None:
    n = normalize("增长\u200b8%\r\n下一行")
    assert n.text == "增长8%\n下一行"
    assert n.span(2, 4) == (3, 5)


def test_reference_plan_wraps_are_mended() -> None:
    text = normalize(load(bundled_plan_path()).text).text
    for joined in ("完成工业园区", "加快推进，3条花景大道", "地区生产总值700亿元左右", "PM_{2.5} 平均浓度"):
        assert joined in text


def test_table_cells_keep_their_tabs() -> None:
    row = "地区生产总值增速\t6.2%\t8%左右"
    assert normalize(row).text == row
