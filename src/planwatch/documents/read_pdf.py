"""PDF plans with a text layer, via pypdfium2.

Each page's text comes as lines with their position (pypdfium2's text rectangles).
Page numbers and running heads are dropped; then a line that reaches the right
margin runs on into the next one unless that one is indented (a new paragraph) or
is a heading, so paragraphs come back whole. Scanned PDFs (no text layer) are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import median

import regex

from planwatch.documents.pages import strip_furniture
from planwatch.errors import DocumentError

_SENTENCE_END = "。！？”’」』…!?"  # a line ending so may end its paragraph even at the margin
_HEADING = regex.compile(
    r"^\s*(?:第[一二三四五六七八九十百零\d]+[章节部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,2}[.．、](?!\d)|[—-]{2}|[一二三四五六七八九十]是|[-•·●■◆]\s)"
)
_SAME_LINE = 0.5  # rectangles whose bottoms differ by less than this × their height share a line
_MARGIN_SLACK = 3.0  # a line ending this many char heights short of the margin still reached it (numbers wrap early)
_INDENT = 1.2  # a line starting this many character heights right of the left margin is indented
_INDENTED_SHARE = 0.05  # the document indents paragraphs when this share of lines is indented
_GAP = 1.5  # a gap this many heights wide inside a line is a column break (kept as a space)
_GARBAGE = regex.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]")
_WHITESPACE = regex.compile(r"\s")
_GARBLED_SHARE = 0.3
_CLEAN = str.maketrans({"\x02": None, "\ufffe": None, "\r": None, "\n": " "})


@dataclass(slots=True)
class Line:
    """One line of a page: its text and where it sits (PDF points, origin bottom left)."""

    text: str
    left: float
    right: float
    height: float


def read_pdf(path: Path, data: bytes) -> str:
    """The text of a PDF's text layer: pages joined, furniture dropped, wrapped lines joined."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(f"{path}: is password-protected; remove the password and try again",
                                reason="pdf_password") from None
        raise DocumentError(f"{path}: not a valid PDF (corrupt, truncated or another format); re-export it as PDF or "
                            "save it as .txt", reason="damaged", format="PDF") from None
    try:
        pages = [_page_lines(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        raise DocumentError(f"{path}: not a valid PDF (a page cannot be read); re-export it as PDF or save it as .txt", reason="damaged",
                            format="PDF") from None
    finally:
        pdf.close()
    if not any(line.text.strip() for lines in pages for line in lines):
        raise DocumentError(
            f"{path}: no text layer (a scanned PDF, {len(pages)} page(s) of images); run OCR first (e.g. ocrmypdf) or give a .txt/.docx",
            reason="pdf_scanned", pages=len(pages),
        )
    lines = [line for page in strip_furniture(pages, text=lambda line: line.text) for line in page]
    text = "\n".join(reflow(lines))
    if garbled(text):
        raise DocumentError(
            f"{path}: the text layer cannot be decoded (its fonts have no Unicode map, so the characters come out as garbage); "
            "run OCR first (e.g. ocrmypdf --force-ocr) or get a .docx/.txt of the plan",
            reason="pdf_garbled",
        )
    return text


def garbled(text: str) -> bool:
    """True when most characters of a text layer are private-use, replacement or control characters."""
    visible = len(text) - len(_WHITESPACE.findall(text))
    return visible > 0 and len(_GARBAGE.findall(text)) > _GARBLED_SHARE * visible


def _page_lines(pdf: object, index: int) -> list[Line]:
    """The lines of one page, from its text rectangles, top to bottom as the PDF orders them."""
    page = pdf[index]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        lines: list[Line] = []
        last_bottom: float | None = None
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top).translate(_CLEAN)
            if not text.strip():
                continue
            height = max(top - bottom, 1.0)
            if lines and last_bottom is not None and abs(bottom - last_bottom) < _SAME_LINE * height:
                prev = lines[-1]
                gap = " " if left - prev.right > _GAP * height else ""
                lines[-1] = Line(prev.text + gap + text, min(prev.left, left), max(prev.right, right), max(prev.height, height))
            else:
                lines.append(Line(text, left, right, height))
            last_bottom = bottom
        if not lines:  # no rectangles (unusual producers): fall back to the plain text, without positions
            raw = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n").translate({2: None, 0xFFFE: None})
            lines = [Line(t, 0.0, 0.0, 0.0) for t in raw.split("\n") if t.strip()]
    finally:
        textpage.close()
        page.close()
    return [Line(line.text.strip(), line.left, line.right, line.height) for line in lines]


def reflow(lines: list[Line]) -> list[str]:
    """Join lines wrapped at the right margin back into paragraphs; one paragraph per output line."""
    lines = [line for line in lines if line.text]
    if not lines:
        return []
    positioned = [line for line in lines if line.height > 0]
    if len(positioned) >= 3:
        left_margin = min(line.left for line in positioned)
        right_margin = _right_margin([line.right for line in positioned])
        size = median(line.height for line in positioned)
        indented = sum(1 for line in positioned if line.left - left_margin >= _INDENT * size)
        uses_indent = indented >= _INDENTED_SHARE * len(positioned)
    else:
        return _reflow_by_length([line.text for line in lines])
    out: list[str] = [lines[0].text]
    for prev, line in zip(lines, lines[1:], strict=False):
        reaches_margin = prev.height > 0 and prev.right >= right_margin - _MARGIN_SLACK * size
        starts_paragraph = (
            line.left - left_margin >= _INDENT * size
            or _HEADING.match(line.text) is not None
            or (not uses_indent and prev.text[-1] in _SENTENCE_END)
        )
        if reaches_margin and not starts_paragraph:
            out[-1] += _joint(prev.text, line.text) + line.text
        else:
            out.append(line.text)
    return out


def _right_margin(rights: list[float]) -> float:
    """The right margin: where most full lines end (the 80th percentile of line ends)."""
    ordered = sorted(rights)
    return ordered[min(len(ordered) - 1, int(0.8 * len(ordered)))]


def _reflow_by_length(texts: list[str]) -> list[str]:
    """Without positions: join a line to the next when it is about as long as a full line and ends mid-sentence."""
    long = sorted(len(t) for t in texts if len(t) >= 10)
    full = median(long[len(long) // 2:]) if len(long) >= 3 else 0
    out: list[str] = [texts[0]]
    for prev, text in zip(texts, texts[1:], strict=False):
        if full and len(prev) >= 0.85 * full and prev[-1] not in _SENTENCE_END + "；：;:" and not _HEADING.match(text):
            out[-1] += _joint(prev, text) + text
        else:
            out.append(text)
    return out


def _joint(prev: str, nxt: str) -> str:
    """What goes between two joined lines: a space between Latin words, else nothing."""
    return " " if prev[-1].isascii() and prev[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum() else ""
