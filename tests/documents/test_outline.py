"""The outline finds real headings, in both one-paragraph-per-line and one-line documents."""

from __future__ import annotations

import pytest

from planwatch.documents import bundled_plan_path, load
from planwatch.documents.outline import build_outline, cn_number

from .paths import CORPUS, FIXTURES, corpus_files, needs_corpus


def _labels(text: str) -> list[str]:
    return [s.label for s in build_outline(text).walk()]


def test_pingshan_tree() -> None:
    text = load(bundled_plan_path()).text
    tree = build_outline(text)
    assert [s.label for s in tree.sections] == ["一、", "二、", "三、"]
    first, second, third = tree.sections
    assert [c.label for c in first.children] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert [c.title for c in second.children] == ["发展环境", "总体要求", "发展目标"]
    assert [c.label for c in third.children] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    for part in third.children:
        assert [c.label for c in part.children] == ["1.", "2.", "3.", "4."]
        assert all(c.kind == "num" and c.level == 3 for c in part.children)
    item = third.children[0].children[0]
    assert item.title == "促进产业提质升级"
    assert text[item.start:item.heading_end] == "1. 促进产业提质升级"
    assert [s.title for s in item.path] == [third.title, third.children[0].title, item.title]
    # Ranges nest and follow each other.
    for section in tree.walk():
        assert section.start < section.heading_end <= section.end
        if section.parent:
            assert section.parent.start <= section.start and section.end <= section.parent.end
    assert first.end == second.start and second.end == third.start and third.end == len(text)


def test_path_at_finds_the_sections_around_an_offset() -> None:
    text = load(bundled_plan_path()).text
    tree = build_outline(text)
    offset = text.index("完\n\n成工业园区")
    assert [s.label for s in tree.path_at(offset)] == ["三、", "（一）", "1."]
    assert tree.path_at(0) == []


def test_a_stretch_is_where_path_at_answers_the_same() -> None:
    texts = [load(bundled_plan_path()).text] + [path.read_text(encoding="utf-8") for path in corpus_files()[:3]]
    for text in texts:
        tree = build_outline(text)
        stretch, lo, hi = [], -1, -1
        for offset in range(0, len(text), 7):
            path = tree.path_at(offset)
            if lo <= offset < hi:
                assert path == stretch, offset  # the previous stretch still holds
            stretch, lo, hi = tree.stretch_at(offset)
            assert stretch == path and lo <= offset < hi
            assert tree.path_at(lo) == path and tree.path_at(hi - 1) == path


def test_one_line_speech_with_wide_space_paragraphs() -> None:
    text = ("上海市政府工作报告  上海市市长\u3000龚正  各位代表：  \u2003\u2003一、过去五年工作回顾  \u2003\u2003"
            "五年来，全市生产总值增长5%。  \u2003\u2003（一）坚持改革开放。浦东引领区建设推进。  \u2003\u2003"
            "（二）坚持创新驱动。研发投入占比提高到4.2%左右。  \u2003\u2003二、2023年主要任务  \u2003\u2003"
            "（一）着力扩内需。全市生产总值增长5.5%以上。")
    tree = build_outline(text)
    assert [(s.label, s.title) for s in tree.sections] == [("一、", "过去五年工作回顾"), ("二、", "2023年主要任务")]
    assert [c.title for c in tree.sections[0].children] == ["坚持改革开放", "坚持创新驱动"]
    assert tree.sections[1].children[0].title == "着力扩内需"


def test_false_headings_are_avoided() -> None:
    text = (
        "一、总体要求\n"
        "一、二季度经济增速较快，全年增长5%。\n"  # 一、二季度: not a heading
        "一、二、三产业协调发展。\n"
        "今年要做好三件事：1. 稳增长；2. 调结构；3. 惠民生。\n"  # numbered items inside a sentence
        "3. 这一行以3.开头但前面没有1.和2.，是列表片段而非标题。\n"
        "1.5倍的增速来自新动能。\n"
        "2019年是关键之年。\n"
        "二、主要任务\n"
    )
    assert _labels(text) == ["一、", "二、"]


def test_numbering_must_count_up() -> None:
    text = "一、目标\n1. 稳增长。\n2. 调结构。\n1. 重新编号的列表。\n二、任务\n（一）工业\n（二）农业\n"
    tree = build_outline(text)
    assert [c.label for c in tree.sections[0].children] == ["1.", "2.", "1."]
    assert [c.label for c in tree.sections[1].children] == ["（一）", "（二）"]


def test_chapters_sections_and_bold_lead_ins() -> None:
    text = (
        "第一篇 总体要求\n第一章 发展基础\n第一节 主要成就\n"
        "**一是**经济实力增强。地区生产总值增长6%。**二是**创新能力提升。研发投入增长10%。\n"
        "第二节 面临形势\n第二章 主要目标\n"
    )
    tree = build_outline(text)
    assert [(s.kind, s.label) for s in tree.walk()] == [
        ("part", "第一篇"), ("chapter", "第一章"), ("section", "第一节"), ("lead_in", "一是"),
        ("lead_in", "二是"), ("section", "第二节"), ("chapter", "第二章"),
    ]
    lead = next(s for s in tree.walk() if s.label == "一是")
    assert lead.title == "经济实力增强"
    # A lead-in inside a paragraph governs to the end of that paragraph only.
    assert text[lead.end - 1] != "\n" and text[lead.parent.end:].startswith("第二节")


def test_inline_lead_ins_after_a_colon_or_semicolon() -> None:
    text = "一、工作回顾\n主要做了以下工作：一是稳增长，增长5%；二是调结构，服务业占比提高；三是惠民生。\n二、任务\n"
    tree = build_outline(text)
    assert [c.label for c in tree.sections[0].children] == ["一是", "二是", "三是"]
    assert tree.sections[0].children[-1].end <= tree.sections[1].start


def test_markdown_headings(tmp_path) -> None:
    text = load(FIXTURES / "plan-utf8-bom.md").text
    tree = build_outline(text)
    assert [(s.label, s.title) for s in tree.sections] == [("一、", "主要目标"), ("二、", "主要任务")]
    assert [c.label for c in tree.sections[1].children] == ["一是", "二是"]


@pytest.mark.parametrize("name", ["plan.docx", "plan.pdf", "plan.html", "county-plan-gbk.txt"])
def test_fixture_formats_have_the_same_top_level(name: str) -> None:
    tree = build_outline(load(FIXTURES / name).text)
    assert [s.label for s in tree.sections][:2] == ["一、", "二、"]


def test_cn_number() -> None:
    assert [cn_number(n) for n in ("一", "九", "十", "十一", "二十", "二十三", "12", "一百零五")] == [1, 9, 10, 11, 20, 23, 12, 105]


@needs_corpus
def test_shanghai_2023_one_line_document() -> None:
    text = (CORPUS / "08_shanghai-gwr-2023.txt").read_text(encoding="utf-8")
    assert text.count("\n") <= 1
    tree = build_outline(text)
    assert [s.title for s in tree.sections] == [
        "过去五年工作回顾", "今后五年工作的总体要求和主要目标", "2023年主要任务", "深入推进政府治理现代化"]
    assert len(tree.sections[0].children) == 6 and len(tree.sections[2].children) == 10


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_documents_have_a_sane_outline(path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = build_outline(text)
    tops = [s for s in tree.sections if s.kind == "cn"]
    assert 2 <= len(tops) <= 8
    numbers = [s.number for s in tops]
    assert numbers[0] == 1 and numbers == sorted(set(numbers))  # 一、二、三… in order (2009 lacks its 二、)
    for section in tree.walk():
        assert 0 < len(section.title) <= 80
        assert section.start < section.heading_end <= section.end <= len(text)
        assert text[section.start:].lstrip("*").startswith(section.label)
        siblings = section.parent.children if section.parent else tree.sections
        same = [s for s in siblings if s.kind == section.kind]
        assert same[0].number <= 1 or section.kind in {"cn", "cn_paren"}


def test_word_numbered_headings_make_the_tree() -> None:
    tree = build_outline(load(FIXTURES / "plan-numbered.docx").text)
    assert [(s.label, len(s.path)) for s in tree.walk()] == [
        ("一、", 1), ("二、", 1), ("（一）", 2), ("1.", 3), ("2.", 3), ("（二）", 2), ("1.", 3)]


def test_path_at_remembers_stretches_and_answers_in_any_order() -> None:
    """`path_at` answers from the stretch of the offset asked before (`stretch_at`) when it can: asked in
    text order (stretches reused), then in any order, it gives what `stretch_at` works out afresh, each time
    a list of its own."""
    import random

    text = load(bundled_plan_path()).text
    outline = build_outline(text)
    offsets = list(range(0, len(text), 5))
    random.Random(2).shuffle(offsets)
    for offset in sorted(offsets[: len(offsets) // 2]) + offsets:
        assert outline.path_at(offset) == outline.stretch_at(offset)[0], offset
    outline.path_at(0).append(outline.sections[0])
    assert outline.path_at(0) == outline.stretch_at(0)[0]
