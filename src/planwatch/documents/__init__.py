"""Reading documents: files in, decoded text and its section outline out.

`load(path)` dispatches on the file's extension to one small reader per format
(read_text, read_docx, read_pdf, read_html); every problem with the file becomes
a one-line DocumentError naming the file, the problem and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from planwatch.errors import DocumentError

BUNDLED_PLAN = "pingshan-2019-plan.txt"

Reader = Callable[[Path, bytes], str]

# Extension -> format name; the readers are imported on first use.
FORMATS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
}
SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
_HINTS = {
    ".doc": "save it as .docx in Word or WPS",
    ".wps": "save it as .docx in WPS",
    ".rtf": "save it as .docx or .txt",
    ".xls": "export the table as .txt or copy it into a .docx",
    ".xlsx": "export the table as .txt or copy it into a .docx",
    ".ofd": "export it as PDF",
    ".caj": "export it as PDF",
    ".jpg": "run OCR first and save the text as .txt",
    ".png": "run OCR first and save the text as .txt",
}


@dataclass(slots=True)
class Document:
    """A plan as text: `text` is what every record's offsets index."""

    name: str  # the file's stem: the `doc` field of records
    text: str
    path: Path | None = None
    format: str = "txt"


def bundled_plan_path() -> Path:
    """Path of the bundled reference plan (Pingshan District 2019)."""
    return Path(str(resources.files("planwatch.data").joinpath(BUNDLED_PLAN)))


def load(path: Path | str) -> Document:
    """Read a plan file (.txt .md .docx .pdf .html) into a Document, or raise DocumentError."""
    path = Path(path)
    fmt = _format_of(path)
    data = _read_bytes(path)
    text = _reader(fmt)(path, data)
    if not text.strip():
        raise DocumentError(f"{path}: contains no text (only blank space); check that the right file was saved")
    return Document(name=path.stem, text=text, path=path, format=fmt)


def _format_of(path: Path) -> str:
    """The format name for `path`'s extension, or a DocumentError listing the supported ones."""
    suffix = path.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if not path.exists() and not path.is_symlink():
        raise DocumentError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise DocumentError(f"{path}: is a directory, not a file; give the path of a plan file ({', '.join(SUPPORTED)})")
    supported = ", ".join(SUPPORTED)
    if not suffix:
        raise DocumentError(f"{path}: no file extension, so the format is unknown; rename it to one of {supported}")
    hint = _HINTS.get(suffix, "convert it to one of them")
    raise DocumentError(f"{path}: unsupported file type '{suffix}'; planwatch reads {supported}; {hint}")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; missing, directory, unreadable or empty files raise DocumentError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory, not a file; give the path of a plan file ({', '.join(SUPPORTED)})") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied; make the file readable or copy it elsewhere") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc}); check the disk or copy the file again") from None
    if not data:
        raise DocumentError(f"{path}: empty file (0 bytes); check that the download or export finished")
    return data


def _reader(fmt: str) -> Reader:
    """The reader function of a format (imported lazily: PDF/HTML libraries load only when needed)."""
    if fmt in ("txt", "md"):
        from planwatch.documents.read_text import read_text

        return read_text
    if fmt == "docx":
        from planwatch.documents.read_docx import read_docx

        return read_docx
    if fmt == "pdf":
        from planwatch.documents.read_pdf import read_pdf

        return read_pdf
    from planwatch.documents.read_html import read_html

    return read_html
