"""Reading documents: files in, decoded text and its section outline out.

`load(path)` dispatches on the file's extension to one small reader per format
(read_text, read_docx, read_pdf, read_html); every problem with the file becomes
a one-line DocumentError naming the file, the problem and what to do. A text in traditional script is
converted to simplified there, once, character for character (`documents.script`), so every later stage
reads simplified text; the Document says so (`script`, `notes`).
"""

from __future__ import annotations

import os
import stat
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
    script: str = ""  # "traditional": read in traditional script and converted to simplified (documents.script)

    @property
    def notes(self) -> list[str]:
        """What reading did to the text that a user should know (Chinese, shown by outline, extract, ingest)."""
        from planwatch.documents.script import NOTE, TRADITIONAL

        return [NOTE] if self.script == TRADITIONAL else []


def bundled_plan_path() -> Path:
    """Path of the bundled reference plan (Pingshan District 2019)."""
    return Path(str(resources.files("planwatch.data").joinpath(BUNDLED_PLAN)))


def load(path: Path | str, *, max_bytes: int | None = None) -> Document:
    """Read a plan file (.txt .md .docx .pdf .html) into a Document, or raise DocumentError.

    Only regular files are read (a FIFO or device is refused at once), up to `max_bytes`
    (default: the `max_file_mb` setting); any failure inside a reader becomes a DocumentError.
    """
    path = Path(path)
    fmt = _format_of(path)
    return from_bytes(path, read_file_bytes(path, max_bytes), fmt)


def from_bytes(path: Path | str, data: bytes, fmt: str | None = None) -> Document:
    """A Document from a file's bytes already in memory (`path` names it and gives the format).

    Whatever the bytes are, the outcome is a Document or a DocumentError (fuzzed in
    tests/documents/test_fuzz.py and benchmarks/fuzz.py).
    """
    path = Path(path)
    fmt = fmt or _format_of(path)
    if not data:
        raise DocumentError(f"{path}: empty file (0 bytes); check that the download or export finished", reason="empty_file")
    text = _guarded(_reader(fmt), path, data, fmt)
    if not text.strip():
        raise DocumentError(f"{path}: contains no text (only blank space); check that the right file was saved", reason="no_text")
    from planwatch.documents.script import TRADITIONAL, simplify

    text, converted = simplify(text)
    return Document(name=path.stem, text=text, path=path, format=fmt, script=TRADITIONAL if converted else "")


def _guarded(reader: Reader, path: Path, data: bytes, fmt: str) -> str:
    """Run `reader`; whatever a damaged file makes a parsing library raise becomes one DocumentError."""
    try:
        return reader(path, data)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError(f"{path}: too large to read in memory; split the document or save it as .txt", reason="too_large") from None
    except RecursionError:
        raise DocumentError(f"{path}: nested too deeply to read; re-save it or export it as .txt", reason="damaged") from None
    except Exception as exc:  # zlib, lxml, python-docx, pypdfium2, selectolax errors on damaged files
        detail = " ".join(str(exc).split())[:200]
        raise DocumentError(f"{path}: damaged or not a valid {fmt} file ({type(exc).__name__}: {detail}); "
                            "open and re-save it, or export it as .txt", reason="damaged", format=fmt) from None


def max_file_bytes() -> int:
    """The largest file planwatch reads, in bytes (setting `max_file_mb`)."""
    from planwatch.settings import get_settings

    return int(get_settings().max_file_mb * 1024 * 1024)


def too_large_message(name: object, size: int | None, limit: int) -> str:
    """The one line for a file past the size limit."""
    what = f"is {size / 1048576:.1f} MB" if size is not None else "is larger than the limit"
    return (f"{name}: {what}; planwatch reads files up to {limit / 1048576:.3g} MB "
            "(setting PLANWATCH_MAX_FILE_MB); split the document or raise the limit")


def read_file_bytes(path: Path | str, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; anything else raises DocumentError.

    The file is opened without blocking and checked with fstat, so a FIFO or a device
    named like a plan (plan.txt → /dev/zero) is refused at once instead of hanging.
    """
    path = Path(path)
    limit = max_file_bytes() if max_bytes is None else max_bytes
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; check the path", reason="not_found") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory, not a file; give the path of a plan file ({', '.join(SUPPORTED)})",
                            reason="directory") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied; make the file readable or copy it elsewhere", reason="permission") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc}); check the disk or copy the file again",
                            reason="os_error") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{path}: is a directory, not a file; give the path of a plan file ({', '.join(SUPPORTED)})",
                                reason="directory")
        if not stat.S_ISREG(info.st_mode):
            kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                    or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise DocumentError(f"{path}: is {kind}, not a regular file; planwatch reads only regular files, save the plan to a file first",
                                reason="not_regular")
        if info.st_size > limit:
            raise DocumentError(too_large_message(path, info.st_size, limit), reason="too_large")
        try:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc}); check the disk or copy the file again",
                                reason="os_error") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew while being read
        raise DocumentError(too_large_message(path, None, limit), reason="too_large")
    if not data:
        raise DocumentError(f"{path}: empty file (0 bytes); check that the download or export finished", reason="empty_file")
    return data


def _format_of(path: Path) -> str:
    """The format name for `path`'s extension, or a DocumentError listing the supported ones."""
    suffix = path.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if not path.exists() and not path.is_symlink():
        raise DocumentError(f"{path}: no such file; check the path", reason="not_found")
    if path.is_dir():
        raise DocumentError(f"{path}: is a directory, not a file; give the path of a plan file ({', '.join(SUPPORTED)})",
                            reason="directory")
    supported = ", ".join(SUPPORTED)
    if not suffix:
        raise DocumentError(f"{path}: no file extension, so the format is unknown; rename it to one of {supported}", reason="no_extension")
    hint = _HINTS.get(suffix, "convert it to one of them")
    raise DocumentError(f"{path}: unsupported file type '{suffix}'; planwatch reads {supported}; {hint}",
                        reason="unsupported_type", type=suffix)


def unsupported_reason(path: Path) -> str | None:
    """Why a file of `path`'s type is not read, with the hint to convert it (save as .docx …); None when it is."""
    try:
        _format_of(path)
    except DocumentError as exc:
        return str(exc)
    return None


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
