"""Word plans (.docx) via python-docx: body paragraphs and tables in document order.

One paragraph per line, led by the number Word draws for automatically numbered
paragraphs ("一、", "（一）", "1."); a table becomes one line per row with its cells
joined by tabs (merged cells once). Empty paragraphs are dropped.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from planwatch.errors import DocumentError

MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # a .docx unpacking to more than this is a zip bomb, not a plan
_CORRUPT = "not a valid Word .docx file (corrupt, truncated or another format); open and re-save it in Word or WPS, or export it as .txt"


def read_docx(path: Path, data: bytes) -> str:
    """The text of a .docx file: paragraphs and table rows, one per line."""
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    _check_unpacked_size(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document))
    except (PackageNotFoundError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, LxmlError, OSError,
            zlib.error, EOFError, NotImplementedError, AttributeError, TypeError, IndexError):
        # damaged parts surface as zlib "invalid distance too far back", "compression method not supported",
        # python-docx AttributeErrors (Relationship_lst, overrides) or join() over None
        raise DocumentError(f"{path}: {_CORRUPT}", reason="damaged", format="DOCX") from None
    return "\n".join(lines)


def _check_unpacked_size(path: Path, data: bytes) -> None:
    """Refuse a package whose parts unpack to more than MAX_UNPACKED_BYTES (checked before unpacking)."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise DocumentError(f"{path}: {_CORRUPT}", reason="damaged", format="DOCX") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(f"{path}: unpacks to {unpacked / 1048576:.0f} MB, more than a plan can hold "
                            f"({MAX_UNPACKED_BYTES // 1048576} MB); {_CORRUPT}", reason="too_large")


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
