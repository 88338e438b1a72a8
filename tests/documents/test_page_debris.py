"""Saved web pages: toolbar, breadcrumb, share and print lines are dropped (issue 9, part 3).

The .txt fixtures are real pages as saved from the web (whole lines of
../shared/corpus/full/beijing-gwr-2026.txt and yunnan-gwr-2026.txt: the head, a paragraph, the tail);
the .html page wraps real paragraphs of henan-gwr-2026.txt in a government site's layout, with the
toolbar inside the article container.
"""

from __future__ import annotations

import pytest

from planwatch.documents import load
from planwatch.documents.page_debris import drop_page_debris
from planwatch.extract import extract_quantities

from .paths import FIXTURES

DEBRIS = ("下载", "打印", "全屏", "收藏", "字号", "字体", "加大", "减小", "还原", "分享到", "相关报道", "相关文档",
          "您的位置", "当前位置", "关闭窗口", "扫一扫", "点击图片进入专题")


def _lines(text: str) -> list[str]:
    return text.split("\n")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("saved-page-beijing-2026.txt", "2026年北京市政府工作报告"),
        ("saved-page-yunnan-2026.txt", "2026年政府工作报告"),
        ("saved-page-henan-2026.html", "2026年河南省政府工作报告"),
        ("saved-page-henan-2026-oneline.txt", "2026年河南省政府工作报告"),
    ],
)
def test_saved_page_keeps_the_report_only(name: str, title: str) -> None:
    document = load(FIXTURES / name)
    lines = _lines(document.text)
    assert lines[0] == title
    for line in lines:
        assert not any(line.strip(" 【】:：") == word or line.startswith(word) for word in DEBRIS), line
    assert all(line.strip() not in ("大", "中", "小", "×", "|", ">", "】", "首页", "云南要闻") for line in lines)
    records = extract_quantities(document.text, doc=document.name)
    for record in records:
        assert document.text[record.start:record.end] == record.quote


def test_beijing_body_and_its_figures_stay() -> None:
    document = load(FIXTURES / "saved-page-beijing-2026.txt")
    assert "来源：北京日报" in document.text  # page metadata that names the source is kept
    assert document.text.rstrip().endswith("为强国建设、民族复兴伟业作出新的更大贡献！")
    assert any(r.unit == "元" for r in extract_quantities(document.text, doc=document.name))


def test_lines_are_dropped_whole_and_only_at_head_and_tail() -> None:
    body = ["表1 主要指标", "大", "中", "地区生产总值增长5%左右。"] * 20
    text = "\n".join(["下载", "打印", "全屏", "收藏", "标题", *body, "分享到:", "×"])
    cleaned = drop_page_debris(text)
    assert cleaned == "\n".join(["标题", *body])  # the body's "大", "中" cells stay; the tools go


def test_plain_plan_is_unchanged() -> None:
    text = (FIXTURES / "plan-crlf.txt").read_bytes().decode("utf-8")
    assert drop_page_debris(text) == text
