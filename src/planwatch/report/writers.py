"""The execution report written as Markdown, self-contained HTML, Word (docx) or PDF (via LibreOffice).

Word: real heading styles (the navigation pane shows the outline), a table-of-contents
field, page numbers in the footer, the main-indicator table, the charts as pictures and
the sources of the actuals as numbered endnotes. PDF: the Word file converted by
``libreoffice --headless``.
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path

from planwatch.errors import PlanwatchError
from planwatch.report.model import DomainPart, Report

FORMATS = ("docx", "md", "html", "pdf")
TABLE_HEADERS = ("指标", "年度目标", "实际完成", "完成情况", "差距")
COLUMN_CM = (3.7, 3.2, 3.0, 2.3, 3.6)  # 15.8 cm: A4 less the margins (the widths of a table without rows)
TEXT_CM = 15.8
TABLE_PT = 10.5  # the main table in 五号, as tables of official documents are
_CELL_PAD_CM = 0.45  # a cell's left and right margins, and a little room
CHART_TITLES = {"domains": "图1 各领域目标任务完成情况", "indicators": "图2 主要指标目标与实际"}
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


_NAMED_PART = re.compile(r"第[一二三四五六七八九十百零\d]+(?:章|节|篇|部分)")  # a label printed apart from its title
_DEEPEST = 5  # a heading deeper in the plan's outline is written at this level (Markdown's ###### and HTML's h6)


PARTS = ("主要指标完成情况", "各领域目标任务推进情况", "图表")  # the report's own parts, 第一部分 … 第三部分


def _sections(report: Report) -> list[tuple[int, str]]:
    """The headings of the report, in order: (level, text); a domain's are at level 2 and below (`_domain_heads`).

    The report's own parts are numbered 第一部分 … so that the plan's headings quoted inside them (一、 二、 三、 …, its
    numbers kept) never repeat one of its numbers in the table of contents: "三、2019年…主要任务" sat inside the
    report's 二、 and before its 三、图表."""
    out = [(1, _part_label(1, PARTS[0])), (1, _part_label(2, PARTS[1]))]
    out += [(level, text) for heads in _domain_heads(report) for level, text in heads]
    if report.charts:
        out.append((1, _part_label(3, PARTS[2])))
    out.append((1, "资料来源"))
    return out


def _part_label(n: int, title: str) -> str:
    """第一部分 主要指标完成情况."""
    return f"第{_cn(n)}部分 {title}"


_PLAN_PART = re.compile(r"第[一二三四五六七八九十百零\d]+部分")  # the plan numbers its parts as the report does


def _as_printed(label: str, title: str) -> str:
    """A heading of the plan as the plan prints it: 二、…, （一）…, 第一章 总体要求 (a space after 第…章/节/篇/部分)."""
    return f"{label} {title}" if _NAMED_PART.fullmatch(label) else f"{label}{title}"


def _domain_heads(report: Report) -> list[list[tuple[int, str]]]:
    """Per domain, the headings written before its content, as (level, text): the plan's headings above it not yet
    written ("三、2016年重点工作" once, above its "（一）…"), then its own, each with the plan's own number and title,
    at level 2 for the plan's outermost heading and one deeper per level of the plan's outline (at most `_DEEPEST`).

    The report is read beside the plan, so its numbers are the plan's ("二、…" stays 二、, never renumbered （一）);
    only a plan numbering none of its headings (its one domain 主要任务) gets generated ones, （一）（二）…"""
    if not any(part.label or part.parents for part in report.domains):
        return [[(2, f"（{_cn(i + 1)}）{part.title}")] for i, part in enumerate(report.domains)]
    labels = {label for part in report.domains for _s, label, _t in (*part.parents, (0, part.label, ""))}
    prefix = "计划" if any(_PLAN_PART.fullmatch(label) for label in labels) else ""  # 计划第三部分, beside 第三部分
    out: list[list[tuple[int, str]]] = []
    written: list[int] = []  # the starts of the chain of headings last written, outermost first
    for part in report.domains:
        title = part.title.removeprefix(part.label).strip() if part.label else part.title
        chain = [*part.parents, (part.start, part.label, title)]
        common = 0
        while common < min(len(written), len(chain)) and written[common] == chain[common][0]:
            common += 1
        if common == len(chain):  # never expected (each domain is its own heading): write it anyway
            common -= 1
        out.append([(min(2 + depth, _DEEPEST), prefix * (depth == 0) + _as_printed(label, text))
                    for depth, (_start, label, text) in enumerate(chain) if depth >= common])
        written = [start for start, _label, _text in chain]
    return out


def _text_cm(text: str, size_pt: float = TABLE_PT) -> float:
    """The width of `text` on one line in cm: a CJK character one em, a Latin one about half."""
    ems = sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text)
    return ems * size_pt * 2.54 / 72


def column_widths(rows: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """The main table's column widths in cm (summing to `TEXT_CM`): every column but the first as wide as its longest
    cell on one line ("增长8.5%以上", "+0.5个百分点" never break: it broke "增长8.5%以 / 上"), the first (the indicator,
    the only one that may wrap) the rest, and at least as wide as its longest name when that fits (一般公共预算收入)."""
    if not rows:
        return COLUMN_CM
    needed = [max(_text_cm(row[i]) for row in rows) + _CELL_PAD_CM for i in range(len(rows[0]))]
    others = sum(needed[1:])
    if others > TEXT_CM - 3.0:  # too wide to keep every cell on one line: the table's fixed widths
        return COLUMN_CM
    spare = TEXT_CM - others - needed[0]
    if spare >= 0:  # everything fits: the spare room shared evenly
        return tuple(round(w + spare / len(needed), 2) for w in needed)
    return (round(TEXT_CM - others, 2), *(round(w, 2) for w in needed[1:]))


def _cn(n: int) -> str:
    """1 → 一 … 19 → 十九 (section numbers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("十" if n < 20 else digits[n // 10] + "十") + (digits[n % 10] if n % 10 else "")


def _domain_lines(part_counts: dict[str, int], late: list[tuple[str, str]], tracked: bool = True,
                  as_of: date | None = None, subsections: bool = False) -> str:
    """The task sentence of a domain: 截至2019-12-31，共N项任务，已完成a项、推进中b项、滞后c项、未启动d项；the late ones
    follow as a list (the states are those of the data cut-off `as_of`, so a count never changes silently).

    Nothing known of its tasks (no report, the plan not supervised): their number only, no state claimed. A heading
    whose own text lists no task but whose sub-sections do (`subsections`) says so: 本节总述未列任务，分项如下."""
    total = sum(v for k, v in part_counts.items() if k != "取消")
    if not total:
        return "本节总述未列任务，分项如下。" if subsections else "本领域未列出具体任务。"
    if not tracked:
        return f"共{total}项任务，尚无进展报送（本计划未开展任务督办），不作评判。"
    parts = "、".join(f"{k}{v}项" for k, v in part_counts.items() if v and k != "取消")
    when = f"截至{as_of.isoformat()}，" if as_of is not None else ""
    return f"{when}共{total}项任务，{parts}。" + ("滞后任务及责任单位如下：" if late else "")


def _task_sentence(report: Report, part: DomainPart) -> str:
    """`_domain_lines` of one part of `report`: its cut-off, and whether sub-sections of it follow."""
    below = any(start == part.start for other in report.domains for start, _label, _title in other.parents)
    return _domain_lines(part.counts, part.late, part.tracked, report.as_of, below)


def cut_off_line(report: Report) -> str:
    """The report's data cut-off, under its title and on its cover: 数据截至2019-12-31（生成于2026-12-06）."""
    made = f"（生成于{report.generated.isoformat()}）" if report.generated != report.as_of else ""
    return f"数据截至{report.as_of.isoformat()}{made}"


def _waiting_lines(part: DomainPart) -> tuple[str, list[str]]:
    """The tasks of a part past their deadline that no unit was assigned (待交办): late for nobody, yet that nobody was
    given them is what the leadership needs to see. A lead sentence and one item each, 任务（建议…牵头）; none: ("", [])."""
    if not part.waiting:
        return "", []
    return f"另有{len(part.waiting)}项任务已过完成时限、尚未交办（待交办，不计入滞后）：", _late_items(part.waiting)


def _late_items(late: list[tuple[str, str]]) -> list[str]:
    """Each late task with its unit: 任务（责任单位）."""
    return [f"{task}（{unit}）" for task, unit in late]


# ---- Markdown ---------------------------------------------------------------------------------------


def to_markdown(report: Report, image_dir: Path | None = None) -> str:
    """The report as Markdown; charts are written next to it into `image_dir` when given."""
    heads = iter(_sections(report))
    out = [f"# {report.title}", "", cut_off_line(report), "", report.headline, ""]
    out += [f"## {next(heads)[1]}", "", "| " + " | ".join(TABLE_HEADERS) + " |", "|" + "---|" * len(TABLE_HEADERS)]
    for line in report.lines:
        mark = f"[^{line.note}]" if line.note else ""
        out.append(f"| {line.row.indicator} | {line.target} | {line.actual}{mark} | {line.status} | {line.margin} |")
    out += ["", f"## {next(heads)[1]}", ""]
    for part, own in zip(report.domains, _domain_heads(report), strict=True):
        for level, text in (next(heads) for _head in own):
            out += [f"{'#' * (level + 1)} {text}", ""]
        out += [f"- {t}" for t in part.targets]
        out += ["", _task_sentence(report, part), ""]
        out += [f"- {item}" for item in _late_items(part.late)] + ([""] if part.late else [])
        lead, waiting = _waiting_lines(part)
        out += [lead, ""] + [f"- {item}" for item in waiting] + [""] if lead else []
    if report.charts:
        out += [f"## {next(heads)[1]}", ""]
        for key, png in report.charts.items():
            if image_dir is not None:
                image_dir.mkdir(parents=True, exist_ok=True)
                (image_dir / f"{key}.png").write_bytes(png)
                out += [f"![{CHART_TITLES[key]}]({image_dir.name}/{key}.png)", ""]
            else:
                out += [f"![{CHART_TITLES[key]}](data:image/png;base64,{base64.b64encode(png).decode()})", ""]
    out += [f"## {next(heads)[1]}", ""]
    out += [f"[^{i}]: {s}" for i, s in enumerate(report.sources, start=1)] or ["本报告的主要指标暂无实际值。"]
    out += ["", f"（planwatch 生成于 {report.generated.isoformat()}）", ""]
    return "\n".join(out)


# ---- HTML -------------------------------------------------------------------------------------------


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (charts inlined as data: URIs, no script)."""
    e = html.escape
    heads = iter(_sections(report))
    body = [f"<h1>{e(report.title)}</h1>", f'<p class="cut-off">{e(cut_off_line(report))}</p>',
            f"<p>{e(report.headline)}</p>", f"<h2>{e(next(heads)[1])}</h2>",
            "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in TABLE_HEADERS) + "</tr></thead><tbody>"]
    for line in report.lines:
        mark = f'<sup><a href="#note-{line.note}">{line.note}</a></sup>' if line.note else ""
        body.append(f'<tr class="status-{e(line.row.status.replace(" ", "-"))}"><td>{e(line.row.indicator)}</td>'
                    f"<td>{e(line.target)}</td><td>{e(line.actual)}{mark}</td><td>{e(line.status)}</td>"
                    f"<td>{e(line.margin)}</td></tr>")
    body += ["</tbody></table>", f"<h2>{e(next(heads)[1])}</h2>"]
    for part, own in zip(report.domains, _domain_heads(report), strict=True):
        for level, text in (next(heads) for _head in own):
            body.append(f"<h{level + 1}>{e(text)}</h{level + 1}>")
        if part.targets:
            body.append("<ul>" + "".join(f"<li>{e(t)}</li>" for t in part.targets) + "</ul>")
        body.append(f"<p>{e(_task_sentence(report, part))}</p>")
        if part.late:
            body.append('<ul class="late">' + "".join(f"<li>{e(t)}</li>" for t in _late_items(part.late)) + "</ul>")
        lead, waiting = _waiting_lines(part)
        if lead:
            body += [f"<p>{e(lead)}</p>", '<ul class="waiting">' + "".join(f"<li>{e(t)}</li>" for t in waiting) + "</ul>"]
    if report.charts:
        body.append(f"<h2>{e(next(heads)[1])}</h2>")
        for key, png in report.charts.items():
            body.append(f'<figure><img alt="{e(CHART_TITLES[key])}" src="data:image/png;base64,'
                        f'{base64.b64encode(png).decode()}"><figcaption>{e(CHART_TITLES[key])}</figcaption></figure>')
    body.append(f"<h2>{e(next(heads)[1])}</h2><ol>")
    body += [f'<li id="note-{i}">{e(s)}</li>' for i, s in enumerate(report.sources, start=1)]
    body.append("</ol>")
    style = ("body{font-family:'Noto Sans CJK SC','Source Han Sans SC',sans-serif;max-width:50em;margin:2em auto;"
             "line-height:1.7}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .5em}"
             "th{background:#eef3f8}.status-met td:nth-child(4){color:#2e7d32}.status-missed td:nth-child(4)"
             "{color:#c62828}img{max-width:100%}")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(report.title)}</title>'
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n")


# ---- Word -------------------------------------------------------------------------------------------


def _east_asian(style_or_run: object, font: str) -> None:
    """Set the East Asian font of a style or run (python-docx only sets the Latin one)."""
    from docx.oxml.ns import qn

    element = style_or_run.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _field(paragraph: object, instruction: str, cached: str = "") -> None:
    """Append a complex field (TOC, PAGE …) to `paragraph`, with `cached` as its shown result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> object:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run.append(fld)
        return run

    p = paragraph._p  # type: ignore[attr-defined]
    p.append(char("begin"))
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    p.append(instr_run)
    p.append(char("separate"))
    if cached:
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = cached
        run.append(text)
        p.append(run)
    p.append(char("end"))


def _toc(doc: object, entries: list[str], deepest: int = 3) -> None:
    """A TOC field of heading levels 1 to `deepest` spanning one paragraph per entry: the outline is its shown result
    until Word refreshes it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(kind: str | None = None, text: str | None = None, instr: str | None = None) -> object:
        r = OxmlElement("w:r")
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                fld.set(qn("w:dirty"), "true")
            r.append(fld)
        if instr is not None:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = instr
            r.append(node)
        if text is not None:
            node = OxmlElement("w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = text
            r.append(node)
        return r

    for i, entry in enumerate(entries or [""]):
        p = doc.add_paragraph()._p  # type: ignore[attr-defined]
        if i == 0:
            p.append(run("begin"))
            p.append(run(instr=f' TOC \\o "1-{deepest}" \\h \\z \\u '))
            p.append(run("separate"))
        p.append(run(text=entry))
        if i == len(entries or [""]) - 1:
            p.append(run("end"))


def to_docx(report: Report) -> bytes:
    """The report as a Word file (bytes)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT  # noqa: F401  (portrait, the default)
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.author = "planwatch"
    doc.core_properties.language = "zh-CN"
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    _east_asian(normal, BODY_FONT)
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        _east_asian(style, HEADING_FONT)
    doc.styles["Title"].font.size = Pt(20)
    _east_asian(doc.styles["Title"], HEADING_FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _field(footer, "PAGE", "1")
    footer.add_run(" 页")
    settings = doc.settings.element  # ask Word to refresh the TOC and page fields when opening
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

    doc.add_paragraph(report.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"{report.government}  ·  {cut_off_line(report)}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("目录").runs[0].bold = True
    heads = _sections(report)
    _toc(doc, [("    " * (level - 1)) + text for level, text in heads], max(3, *(level for level, _text in heads)))
    doc.add_page_break()

    it = iter(heads)
    doc.add_paragraph(cut_off_line(report))
    doc.add_paragraph(report.headline)
    doc.add_heading(next(it)[1], level=1)
    table = doc.add_table(rows=1, cols=len(TABLE_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, TABLE_HEADERS, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    table.autofit = False
    shown = [TABLE_HEADERS] + [(line.row.indicator, line.target, line.actual + (f"[{line.note}]" if line.note else ""),
                                line.status, line.margin) for line in report.lines]
    widths = column_widths(shown)
    for line in report.lines:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[3].text, cells[4].text = (line.row.indicator, line.target, line.status,
                                                                       line.margin)
        paragraph = cells[2].paragraphs[0]
        paragraph.add_run(line.actual)
        if line.note:
            paragraph.add_run(f"[{line.note}]").font.superscript = True
    for column, width in zip(table.columns, widths, strict=True):  # the grid LibreOffice lays out by
        column.width = Cm(width)
    for row, texts in zip(table.rows, shown, strict=True):  # and the cell widths Word uses
        for i, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
            cell.width = Cm(width)
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(TABLE_PT)
            if i and _text_cm(texts[i]) + _CELL_PAD_CM <= width:  # a value kept on one line where it fits
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
    doc.add_heading(next(it)[1], level=1)
    for part, own in zip(report.domains, _domain_heads(report), strict=True):
        for level, text in (next(it) for _head in own):
            doc.add_heading(text, level=level)
        for target in part.targets:
            doc.add_paragraph(target, style="List Bullet")
        doc.add_paragraph(_task_sentence(report, part))
        for item in _late_items(part.late):
            doc.add_paragraph(item, style="List Bullet")
        lead, waiting = _waiting_lines(part)
        if lead:
            doc.add_paragraph(lead)
        for item in waiting:
            doc.add_paragraph(item, style="List Bullet")
    if report.charts:
        doc.add_heading(next(it)[1], level=1)
        for key, png in report.charts.items():
            doc.add_picture(BytesIO(png), width=Cm(15.5))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption = doc.add_paragraph(CHART_TITLES[key], style="Caption")
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(next(it)[1], level=1)
    if report.sources:
        for i, source in enumerate(report.sources, start=1):
            doc.add_paragraph(f"[{i}] {source}")
    else:
        doc.add_paragraph("本报告的主要指标暂无实际值。")
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---- PDF --------------------------------------------------------------------------------------------


def libreoffice() -> str:
    """The LibreOffice executable, or a PlanwatchError saying how to install it."""
    for name in ("libreoffice", "soffice"):
        found = shutil.which(name)
        if found:
            return found
    raise PlanwatchError("PDF needs LibreOffice: apt-get install libreoffice-writer-nogui (or write --format docx)")


# A Basic macro of the private profile: open the Word file hidden, update its indexes (the TOC: the entries with their
# page numbers, which `--convert-to` leaves as the cached outline without them), export as PDF.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ToPdf(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
End Sub
</script:module>
"""


def docx_to_pdf(docx: bytes, timeout: float = 180) -> bytes:
    """Convert a Word file to PDF with ``libreoffice --headless`` in a private profile (safe to run in parallel).

    The table of contents is updated first (its entries get their page numbers), by a macro of the private profile;
    should the macro not run, the file is converted as it is (`--convert-to pdf`: the TOC without page numbers)."""
    exe = libreoffice()
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(docx)
        target = folder / "report.pdf"
        profile = folder / "profile"
        base = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
        env = {**os.environ, "HOME": tmp}
        try:
            done = subprocess.run([*base, "--terminate_after_init"], capture_output=True, timeout=timeout, check=False,
                                  env=env)  # creates the profile (it would overwrite a macro written before)
            module = profile / "user" / "basic" / "Standard" / "Module1.xba"
            if done.returncode == 0 and module.parent.is_dir():
                module.write_text(_MACRO, encoding="utf-8")
                done = subprocess.run([*base, f'macro:///Standard.Module1.ToPdf("{source}","{target}")'],
                                      capture_output=True, timeout=timeout, check=False, env=env)
            if not target.exists():
                done = subprocess.run([*base, "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                                      capture_output=True, timeout=timeout, check=False, env=env)
        except subprocess.TimeoutExpired as exc:
            raise PlanwatchError(f"LibreOffice did not finish converting the report within {timeout:.0f} s") from exc
        if done.returncode != 0 or not target.exists():
            message = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise PlanwatchError(f"LibreOffice could not convert the report to PDF: {message[-1] if message else done.returncode}")
        return target.read_bytes()


def render(report: Report, fmt: str, image_dir: Path | None = None) -> bytes:
    """The report in format `fmt` (docx, md, html, pdf) as bytes."""
    if fmt == "md":
        return to_markdown(report, image_dir).encode("utf-8")
    if fmt == "html":
        return to_html(report).encode("utf-8")
    if fmt == "docx":
        return to_docx(report)
    if fmt == "pdf":
        return docx_to_pdf(to_docx(report))
    raise PlanwatchError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")


__all__ = ["FORMATS", "docx_to_pdf", "libreoffice", "render", "to_docx", "to_html", "to_markdown"]
