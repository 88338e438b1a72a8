"""Word plans (.docx) via python-docx: body paragraphs and tables in document order.

One paragraph per line, led by the number Word draws for automatically numbered
paragraphs ("一、", "（一）", "1."); a table becomes one line per row with its cells
joined by tabs (merged cells once). Empty paragraphs are dropped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from planwatch.errors import DocumentError

_CORRUPT = "not a valid Word .docx file (corrupt, truncated or another format); open and re-save it in Word or WPS, or export it as .txt"


def read_docx(path: Path, data: bytes) -> str:
    """The text of a .docx file: paragraphs and table rows, one per line."""
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError, OSError):
        raise DocumentError(f"{path}: {_CORRUPT}") from None
    return "\n".join(lines)


def _body_lines(document: object) -> list[str]:
    """Lines of the document body, walking paragraphs and tables in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from planwatch.documents.docx_numbering import load_numbering

    numbering = load_numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            text = _clean(block.text)
            label = numbering.label(block)  # Word's automatic "一、" / "1." in front of the paragraph
            if text:
                lines.append(label + text if label and not text.startswith(label) else text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table: object) -> list[str]:
    """One tab-separated line per table row; a merged cell is kept once."""
    lines: list[str] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(_clean(p.text) for p in cell.paragraphs if _clean(p.text)))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _clean(text: str) -> str:
    """A paragraph's text on one line, without edge whitespace (soft breaks become spaces)."""
    return " ".join(part.strip() for part in text.replace("\t", " ").splitlines() if part.strip()).strip()
