"""Regenerate the document fixtures of tests/documents (run: .venv/bin/python tests/data/documents/make_fixtures.py).

The produced files are committed; this script documents how each was made. password.pdf (a PDF that opens only
with the password "planwatch") is LibreOffice's export of a two-line text, made once with
``soffice --headless --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},
"DocumentOpenPassword":{"type":"string","value":"planwatch"}}' enc.txt``.
The passages are written for the tests (a fictional county, 示例县), in the style
of real county plans.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

COUNTY_PLAN = """示例县2024年国民经济和社会发展计划

一、2023年国民经济和社会发展计划执行情况

预计全县地区生产总值完成185.6亿元，增长6.2%；规模以上工业增加值增长7.5%；一般公共预算收入12.3亿元，增长5.1%。

二、2024年国民经济和社会发展的主要目标

（一）主要预期目标

地区生产总值增长8%左右；城乡居民人均可支配收入增长7%；单位地区生产总值能耗下降3%以内。

（二）主要任务

1. 做强县域工业。新增规模以上工业企业20家以上，工业投资增长15%。

2. 推进乡村振兴。粮食播种面积稳定在45万亩以上，新建高标准农田3万亩。
"""

UTF16_PASSAGE = """示例县2024年政府工作报告

一、今年工作安排

全县地区生产总值增长8%左右，城镇新增就业3500人以上。
"""

MARKDOWN_PASSAGE = """# 示例县2024年国民经济和社会发展计划

## 一、主要目标

- 地区生产总值增长８％左右；
- 固定资产投资增长１０％；

## 二、主要任务

**一是**做强县域工业，新增规模以上工业企业20家以上。**二是**推进乡村振兴，新建高标准农田3万亩。
"""

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>示例县2024年国民经济和社会发展计划_示例县人民政府门户网站</title>
<style>.nav{color:red} p{margin:0}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="nav"><ul><li>首页</li><li>政务公开</li><li>政策解读</li><li>互动交流</li></ul></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 规划计划</div>
<div class="main">
  <h1>示例县2024年国民经济和社会发展计划</h1>
  <div class="info">发布时间：2024-01-20 来源：县发展和改革局 【字号：大 中 小】</div>
  <div class="TRS_Editor">
    <p>&nbsp;&nbsp;一、2023年国民经济和社会发展计划执行情况</p>
    <p>&nbsp;&nbsp;预计全县地区生产总值完成185.6亿元，增长6.2%；规模以上工业增加值
    增长7.5%。</p>
    <p>&nbsp;&nbsp;二、2024年国民经济和社会发展的主要目标</p>
    <p style="text-indent:2em">地区生产总值增长<span>8%</span>左右；城乡居民人均可支配收入增长7%。</p>
    <table border="1"><tr><td>指标</td><td>2024年目标</td></tr>
    <tr><td>地区生产总值增速</td><td>8%左右</td></tr></table>
    <p>三、2024年主要任务</p>
    <p>（一）做强县域工业。新增规模以上工业企业20家以上。</p>
  </div>
</div>
<div class="share">分享到：微信 微博</div>
<div class="footer">主办：示例县人民政府办公室 备案号：X ICP备00000000号<script>alert(1)</script></div>
</body></html>
"""

# Lines of the PDF's body text; the PDF wraps them at 30 characters per line.
PDF_PARAGRAPHS = [
    "一、2023年国民经济和社会发展计划执行情况",
    "预计全县地区生产总值完成185.6亿元，增长6.2%；规模以上工业增加值增长7.5%；"
    "一般公共预算收入12.3亿元，增长5.1%；社会消费品零售总额增长4.8%。",
    "二、2024年国民经济和社会发展的主要目标",
    "综合考虑各方面因素，2024年全县经济社会发展的主要预期目标是：全县地区生产总值增长8%左右；"
    "城乡居民人均可支配收入增长7%；单位地区生产总值能耗下降3%以内。",
    "三、2024年主要任务",
    "（一）做强县域工业",
    "1. 推动企业技术改造。实施技术改造项目30个以上，新增规模以上工业企业20家以上，"
    "工业投资增长15%，力争全年规模以上工业增加值增长9%。",
    "2. 推进乡村振兴。粮食播种面积稳定在45万亩以上，新建高标准农田3万亩，"
    "农村居民人均可支配收入增长8%左右。",
    "（二）扩大有效投资",
    "全年安排重点项目120个，完成投资150亿元，固定资产投资增长10%左右。",
]
PDF_HEAD = "示例县2024年国民经济和社会发展计划"
PDF_WIDTH = 30  # characters per line


def _wrap(paragraph: str, width: int) -> list[str]:
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)] or [""]


def make_text_files() -> None:
    """County plan in GBK, a UTF-16 (BOM) work report, a UTF-8-BOM Markdown plan."""
    (HERE / "county-plan-gbk.txt").write_bytes(COUNTY_PLAN.encode("gbk"))
    (HERE / "report-utf16.txt").write_bytes(UTF16_PASSAGE.encode("utf-16"))  # with BOM
    (HERE / "plan-utf8-bom.md").write_bytes(MARKDOWN_PASSAGE.encode("utf-8-sig"))
    (HERE / "plan-crlf.txt").write_bytes(COUNTY_PLAN.replace("\n", "\r\n").encode("utf-8"))


def make_docx() -> None:
    """A Word plan: title, headings, body paragraphs, an indicator table."""
    import docx

    document = docx.Document()
    document.add_heading("示例县2024年国民经济和社会发展计划", level=1)
    document.add_paragraph("一、2023年国民经济和社会发展计划执行情况")
    document.add_paragraph("预计全县地区生产总值完成185.6亿元，增长6.2%；规模以上工业增加值增长7.5%。")
    document.add_paragraph("")
    document.add_paragraph("二、2024年国民经济和社会发展的主要目标")
    para = document.add_paragraph("地区生产总值增长")
    para.add_run("8%").bold = True
    para.add_run("左右；城乡居民人均可支配收入增长7%。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "2023年预计", "2024年目标"), ("地区生产总值增速", "6.2%", "8%左右"),
                             ("固定资产投资增速", "9%", "10%左右")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("三、2024年主要任务")
    document.add_paragraph("（一）做强县域工业。新增规模以上工业企业20家以上。")
    document.save(HERE / "plan.docx")


def make_numbered_docx() -> None:
    """A Word plan whose headings are numbered by Word (一、 / （一） / 1.), not typed."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        + "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                  for i, (fmt, text) in enumerate(levels))
        + "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    document.add_paragraph("示例县2024年国民经济和社会发展计划")
    numbered("2023年国民经济和社会发展计划执行情况", 0)
    document.add_paragraph("预计全县地区生产总值增长6.2%。")
    numbered("2024年国民经济和社会发展的主要任务", 0)
    numbered("做强县域工业", 1)
    numbered("推动企业技术改造。工业投资增长15%。", 2)
    numbered("培育壮大市场主体。新增规模以上工业企业20家以上。", 2)
    numbered("推进乡村振兴", 1)
    numbered("稳定粮食生产。粮食播种面积稳定在45万亩以上。", 2)
    document.save(HERE / "plan-numbered.docx")


def make_pdfs() -> None:
    """A 3-page PDF with a text layer, running head and page numbers; a scanned one without text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [line for paragraph in PDF_PARAGRAPHS for line in _wrap(paragraph, PDF_WIDTH)]
    per_page = 7
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    pdf = canvas.Canvas(str(HERE / "plan.pdf"), pagesize=A4, invariant=1)
    pdf.setTitle(PDF_HEAD)
    width, height = A4
    for number, page in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(width / 2, height - 40, PDF_HEAD)  # running head
        pdf.setFont("STSong-Light", 14)
        y = height - 90
        for line in page:
            pdf.drawString(72, y, line)
            y -= 26
        pdf.setFont("STSong-Light", 10)
        pdf.drawCentredString(width / 2, 40, f"- {number} -")  # page number
        pdf.showPage()
    pdf.save()

    scanned = canvas.Canvas(str(HERE / "scanned.pdf"), pagesize=A4, invariant=1)
    for _ in range(2):
        scanned.setFillGray(0.85)
        scanned.rect(60, 60, width - 120, height - 120, fill=1, stroke=0)  # a "scan": shapes, no text
        scanned.showPage()
    scanned.save()


def make_flowed_pdf() -> None:
    """A PDF laid out like a word processor would (justified CJK wrapping, footer "第 N 页 共 M 页")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=26, firstLineIndent=28,
                          wordWrap="CJK", alignment=4)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, alignment=0)
    story = [Paragraph("示例县2024年国民经济和社会发展计划", heading)]
    for paragraph in PDF_PARAGRAPHS * 3:
        style = heading if paragraph.endswith(("情况", "目标", "任务", "工业", "投资")) else body
        story.append(Paragraph(paragraph, style))

    def footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("STSong-Light", 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"第 {doc.page} 页 共 3 页")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    SimpleDocTemplate(str(HERE / "plan-flowed.pdf"), pagesize=A4, invariant=1).build(
        story, onFirstPage=footer, onLaterPages=footer)


def make_html() -> None:
    """A government web page saved as GB2312/GBK with navigation, scripts and a footer."""
    (HERE / "plan.html").write_bytes(HTML_PAGE.encode("gbk"))


def make_bad_files() -> None:
    """Empty, binary, unknown-extension, corrupt docx/pdf files."""
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (HERE / "notes.xyz").write_text("地区生产总值增长8%\n", encoding="utf-8")
    # A ZIP that is not a Word document, and a truncated real one.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    (HERE / "corrupt.docx").write_bytes((HERE / "plan.docx").read_bytes()[:600])
    (HERE / "zip-not-word.docx").write_bytes(buffer.getvalue())
    (HERE / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ngarbage \x00\x01\x02 trailer")


if __name__ == "__main__":
    make_text_files()
    make_docx()
    make_numbered_docx()
    make_pdfs()
    make_flowed_pdf()
    make_html()
    make_bad_files()
    print("fixtures written to", HERE)
