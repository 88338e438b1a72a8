"""Word number formats rendered as the labels a reader sees."""

from __future__ import annotations

import pytest

from planwatch.documents.docx_numbering import chinese_numeral, format_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (105, "一百零五"), (110, "一百一十")],
)
def test_chinese_numerals(value: int, expected: str) -> None:
    assert chinese_numeral(value) == expected


@pytest.mark.parametrize(("fmt", "expected"), [("decimal", "3"), ("chineseCounting", "三"), ("chineseCountingThousand", "三"),
                                               ("decimalEnclosedCircle", "③"), ("lowerLetter", "c"), ("upperRoman", "III"),
                                               ("decimalFullWidth", "３")])
def test_formats(fmt: str, expected: str) -> None:
    assert format_number(3, fmt) == expected


def _styled_plan() -> bytes:
    """A .docx numbered through its styles: Heading 1 carries level 0; "Sub" is based on Heading 2, which
    carries level 1; other paragraphs name a missing style or a character style (so the default applies)."""
    import io

    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[name].element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    sub = document.styles.add_style("Sub", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = document.styles["Heading 2"]
    document.add_paragraph("执行情况", style="Heading 1")
    document.add_paragraph("做强工业", style="Sub")
    document.add_paragraph("工业投资增长15%。")
    missing = document.add_paragraph("粮食播种面积稳定在45万亩以上。")
    missing._p.style = "NoSuchStyle"  # a style the file does not define: the default paragraph style
    character = document.add_paragraph("新增规模以上工业企业20家。")
    character._p.style = "DefaultParagraphFont"  # a character style named by a paragraph: the default too
    document.add_paragraph("主要任务", style="Heading 1")
    document.add_paragraph("推进乡村振兴", style="Sub")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_numbers_from_styles_and_their_bases() -> None:
    from planwatch.documents import from_bytes

    assert from_bytes("plan.docx", _styled_plan()).text.splitlines() == [
        "一、执行情况", "（一）做强工业", "工业投资增长15%。", "粮食播种面积稳定在45万亩以上。", "新增规模以上工业企业20家。",
        "二、主要任务", "（一）推进乡村振兴",
    ]
