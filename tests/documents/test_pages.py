"""Page numbers and running heads are recognised at page edges only."""

from __future__ import annotations

import pytest

from planwatch.documents.pages import is_page_number, strip_furniture


@pytest.mark.parametrize("line", ["- 3 -", "—12—", "3", " 第 3 页 ", "第3页 共12页", "3 / 12", "－ 7 －", "Page 2 of 9"])
def test_page_numbers(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["3个百分点", "2019", "增长3%", "第三章", "1. 促进产业提质升级"])
def test_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_running_heads_and_footers_repeated_on_most_pages() -> None:
    pages = [
        ["坪山区2019年计划", f"{body}，", "接着写的内容", "本页完。", f"坪山区发展和改革局 第 {i} 页"]
        for i, body in enumerate(["工业增长", "投资增长", "消费增长", "出口增长"], start=1)
    ]
    cleaned = strip_furniture(pages)
    assert [page[0] for page in cleaned] == ["工业增长，", "投资增长，", "消费增长，", "出口增长，"]
    assert all(page[1:] == ["接着写的内容", "本页完。"] for page in cleaned)


def test_a_repeated_line_in_the_body_is_kept() -> None:
    pages = [["标题", "同一句话。", "不同的内容%d。" % i, "另一行。", f"- {i} -"] for i in range(1, 5)]
    cleaned = strip_furniture(pages)
    assert all("同一句话。" in page for page in cleaned)  # not at an edge once the heads are gone
