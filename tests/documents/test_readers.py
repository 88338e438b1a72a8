"""Each supported format reads into the text a person sees, with key sentences intact."""

from __future__ import annotations

import pytest

from planwatch.documents import bundled_plan_path, load
from planwatch.documents.normalize import normalize

from .paths import FIXTURES, corpus_files, needs_corpus

GOOD = [
    ("county-plan-gbk.txt", "txt"),
    ("report-utf16.txt", "txt"),
    ("plan-utf8-bom.md", "md"),
    ("plan-crlf.txt", "txt"),
    ("plan.docx", "docx"),
    ("plan.pdf", "pdf"),
    ("plan.html", "html"),
]


@pytest.mark.parametrize(("name", "fmt"), GOOD)
def test_every_format_yields_the_key_sentence(name: str, fmt: str) -> None:
    document = load(FIXTURES / name)
    assert document.format == fmt
    assert document.name == name.rsplit(".", 1)[0]
    assert "地区生产总值增长" in document.text
    assert "地区生产总值增长8%" in normalize(document.text).text


@pytest.mark.parametrize("name", ["county-plan-gbk.txt", "report-utf16.txt", "plan-utf8-bom.md", "plan-crlf.txt"])
def test_text_files_are_exactly_the_decoded_file(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    text = load(FIXTURES / name).text
    if data.startswith(b"\xef\xbb\xbf"):
        assert text == data[3:].decode("utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        assert text == data.decode("utf-16")
    elif name.endswith("gbk.txt"):
        assert text == data.decode("gbk")
    else:
        assert text == data.decode("utf-8")  # CRLF kept: offsets index the file as decoded


def test_gbk_county_plan_is_detected_not_assumed() -> None:
    text = load(FIXTURES / "county-plan-gbk.txt").text
    assert text.startswith("示例县2024年国民经济和社会发展计划")
    assert "粮食播种面积稳定在45万亩以上" in text


def test_short_gbk_snippet_is_decoded(tmp_path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("增长8%".encode("gbk"))
    assert load(path).text == "增长8%"


def test_utf16_without_bom_is_decoded(tmp_path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("地区生产总值增长8%左右。\n".encode("utf-16-le"))
    assert load(path).text == "地区生产总值增长8%左右。\n"


def test_docx_keeps_order_and_tables_as_tab_rows() -> None:
    lines = load(FIXTURES / "plan.docx").text.split("\n")
    assert lines[0] == "示例县2024年国民经济和社会发展计划"
    assert "地区生产总值增长8%左右；城乡居民人均可支配收入增长7%。" in lines
    assert "地区生产总值增速\t6.2%\t8%左右" in lines
    assert lines.index("指标\t2023年预计\t2024年目标") < lines.index("三、2024年主要任务")
    assert "" not in lines


def test_pdf_drops_page_numbers_and_running_heads_and_joins_wraps() -> None:
    text = load(FIXTURES / "plan.pdf").text
    assert "- 1 -" not in text and "- 2 -" not in text
    assert "示例县2024年国民经济和社会发展计划" not in text  # the running head on every page
    lines = text.split("\n")
    assert "三、2024年主要任务" in lines
    assert "（一）做强县域工业" in lines
    # A paragraph that the PDF wrapped over lines (and a page break) comes back whole.
    assert ("1. 推动企业技术改造。实施技术改造项目30个以上，新增规模以上工业企业20家以上，"
            "工业投资增长15%，力争全年规模以上工业增加值增长9%。") in lines
    assert "全县地区生产总值增长8%左右；城乡居民人均可支配收入增长7%" in text


def test_html_keeps_the_article_only() -> None:
    text = load(FIXTURES / "plan.html").text
    lines = text.split("\n")
    assert lines[0] == "示例县2024年国民经济和社会发展计划"
    assert "地区生产总值增长8%左右；城乡居民人均可支配收入增长7%。" in lines
    assert "预计全县地区生产总值完成185.6亿元，增长6.2%；规模以上工业增加值增长7.5%。" in lines
    assert "地区生产总值增速\t8%左右" in lines
    for noise in ("首页", "政务公开", "统计代码", "_hmt", "分享到", "备案号", "color:red", "alert"):
        assert noise not in text


def test_html_without_known_container_uses_the_largest_text_block(tmp_path) -> None:
    body = "".join(f"<p>第{i}段：全市地区生产总值增长{i}%左右，城乡居民收入稳步增长。</p>" for i in range(1, 6))
    page = (f"<html><body><div class='menu-x'><a>首页</a><a>机构</a></div><div class='wrap'><div class='zw'>{body}</div>"
            "</div><div class='links'><a>友情链接</a></div></body></html>")
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    text = load(path).text
    assert text.split("\n")[0] == "第1段：全市地区生产总值增长1%左右，城乡居民收入稳步增长。"
    assert "友情链接" not in text and "首页" not in text


def test_bundled_plan_loads() -> None:
    document = load(bundled_plan_path())
    assert document.name == "pingshan-2019-plan"
    assert "地区生产总值 700 亿元左右" in document.text


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_documents_read_exactly(path) -> None:
    """Every line of the file stays, verbatim and in order, except a saved page's tool lines (issue 9)."""
    raw = path.read_text(encoding="utf-8").split("\n")
    text = load(path).text.split("\n")
    it = iter(raw)
    assert all(any(line == other for other in it) for line in text)  # a subsequence of the file's lines
    dropped = [line for line in raw if line not in set(text)]
    assert len(dropped) <= 20 and all(len(line) <= 12 for line in dropped), dropped


def test_html_prefers_the_article_inside_a_wrapper(tmp_path) -> None:
    article = "".join(f"<p>第{i}条：全市地区生产总值增长{i}%左右，城乡居民收入稳步增长，重点项目加快推进。</p>" for i in range(1, 6))
    links = "".join(f"<li><a>相关文章标题第{i}篇关于经济工作的报道</a></li>" for i in range(1, 4))
    page = (f"<html><body><div class='content'><h1>某市2024年计划</h1><div id='zoom'>{article}</div>"
            f"<ul class='list'>{links}</ul></div></body></html>")
    path = tmp_path / "wrapped.html"
    path.write_text(page, encoding="utf-8")
    text = load(path).text
    assert text.split("\n")[:2] == ["某市2024年计划", "第1条：全市地区生产总值增长1%左右，城乡居民收入稳步增长，重点项目加快推进。"]
    assert "相关文章" not in text


def test_docx_with_word_numbering_gets_its_labels() -> None:
    lines = load(FIXTURES / "plan-numbered.docx").text.split("\n")
    assert lines == [
        "示例县2024年国民经济和社会发展计划",
        "一、2023年国民经济和社会发展计划执行情况",
        "预计全县地区生产总值增长6.2%。",
        "二、2024年国民经济和社会发展的主要任务",
        "（一）做强县域工业",
        "1. 推动企业技术改造。工业投资增长15%。",
        "2. 培育壮大市场主体。新增规模以上工业企业20家以上。",
        "（二）推进乡村振兴",
        "1. 稳定粮食生产。粮食播种面积稳定在45万亩以上。",
    ]


def test_flowed_pdf_paragraphs_come_back_whole() -> None:
    text = load(FIXTURES / "plan-flowed.pdf").text
    lines = text.split("\n")
    assert "第 1 页" not in text and "共 3 页" not in text
    assert lines[0] == "示例县2024年国民经济和社会发展计划"  # first page's title, not a running head
    assert ("综合考虑各方面因素，2024年全县经济社会发展的主要预期目标是：全县地区生产总值增长8%左右；"
            "城乡居民人均可支配收入增长7%；单位地区生产总值能耗下降3%以内。") in lines
    assert "全年安排重点项目120个，完成投资150亿元，固定资产投资增长10%左右。" in lines
    assert lines.count("（一）做强县域工业") == 3  # headings stay on their own lines
    assert all(len(line) < 120 for line in lines)  # paragraphs were not glued together


def test_html_table_layout_page_keeps_paragraphs(tmp_path) -> None:
    paragraphs = "".join(f"<p>第{i}项：全市地区生产总值增长{i}%左右，城乡居民收入稳步增长，重点项目加快推进。</p>" for i in range(1, 6))
    data_table = "<table><tr><td></td><td>2024年</td></tr><tr><td><p>地区生产总值</p></td><td>增长8%</td></tr></table>"
    page = (f"<html><body><table><tr><td class='left'><a>首页</a></td><td class='bt_content'>{paragraphs}{data_table}</td>"
            "</tr></table></body></html>")
    path = tmp_path / "old-site.html"
    path.write_text(page, encoding="utf-8")
    lines = load(path).text.split("\n")
    assert "第3项：全市地区生产总值增长3%左右，城乡居民收入稳步增长，重点项目加快推进。" in lines
    assert "\t2024年" in lines and "地区生产总值\t增长8%" in lines
