"""Joining PDF lines: margin, indentation and headings decide where paragraphs end."""

from __future__ import annotations

from planwatch.documents.read_pdf import Line, reflow


def _line(text: str, left: float = 72, right: float = 520) -> Line:
    return Line(text, left, right, 14)


def test_indented_paragraphs() -> None:
    lines = [
        _line("全县地区生产总值增长8%左右，城乡居民人均可支配收入增长", left=100),
        _line("7%。规模以上工业增加值增长9%，固定资产投资增长10%左右。"),  # ends at the margin with 。
        _line("全年安排重点项目120个，完成投资150亿元。", left=100, right=300),  # indented: a new paragraph
        _line("三、2024年主要任务", right=200),
        _line("（一）做强县域工业", right=200),
    ]
    assert reflow(lines) == [
        "全县地区生产总值增长8%左右，城乡居民人均可支配收入增长7%。规模以上工业增加值增长9%，固定资产投资增长10%左右。",
        "全年安排重点项目120个，完成投资150亿元。",
        "三、2024年主要任务",
        "（一）做强县域工业",
    ]


def test_block_paragraphs_without_indentation() -> None:
    lines = [
        _line("全县地区生产总值增长8%左右；"),  # at the margin, mid-sentence: runs on
        _line("城乡居民人均可支配收入增长7%。"),  # at the margin, sentence ends: without indents, a paragraph end
        _line("全年安排重点项目120个。", right=250),
        _line("1. 推动企业技术改造，实施项目30个以上，", right=518),
        _line("2. 推进乡村振兴。", right=200),  # a numbered item is never a continuation
    ]
    assert reflow(lines) == [
        "全县地区生产总值增长8%左右；城乡居民人均可支配收入增长7%。",
        "全年安排重点项目120个。",
        "1. 推动企业技术改造，实施项目30个以上，",
        "2. 推进乡村振兴。",
    ]


def test_latin_words_keep_a_space() -> None:
    lines = [_line("the growth of gross domestic"), _line("product reached 8%", right=200), _line("end", right=100)]
    assert reflow(lines)[0] == "the growth of gross domestic product reached 8%"


def test_garbled_text_layers_are_recognised() -> None:
    from planwatch.documents.read_pdf import garbled

    assert garbled("\ue001\ue002\ue003 \ue004\ufffd增")
    assert not garbled("地区生产总值增长8%左右。\ue001")
    assert not garbled("")
