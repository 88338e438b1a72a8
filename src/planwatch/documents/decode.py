"""Bytes to text for plain-text and HTML files: detect the encoding, never assume it.

Order of trust: a byte-order mark, strict UTF-8, UTF-16 without a mark (NUL-byte
pattern), then charset-normalizer with GB18030 preferred for Chinese bytes.
Anything that still looks binary raises DocumentError.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import regex

from planwatch.errors import DocumentError

# Characters that plain text may contain besides printable ones.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_NOT_TEXTLIKE = regex.compile(r"[^\p{Han}\p{Latin}\p{N}\p{P}\p{S}\p{Zs}\t\n\r\f\u3000-\u303f\uff00-\uffef]")
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # checked before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Magic numbers of formats that are sometimes given a .txt name by mistake.
_MAGIC: list[tuple[bytes, str, str]] = [  # (first bytes, what the file is, the problem's reason code)
    (b"%PDF-", "a PDF; rename it to .pdf", "misnamed_pdf"),
    (b"PK\x03\x04", "a ZIP or Office file; if it is a Word document, rename it to .docx", "misnamed_zip"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls); save it as .docx or .txt", "old_office"),
    (b"\x89PNG", "a PNG image; run OCR first", "image"),
    (b"\xff\xd8\xff", "a JPEG image; run OCR first", "image"),
]
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_MIN_TEXTLIKE = 0.97  # share of characters that must look like text


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding) of `data`, raising DocumentError naming `path` if it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, path), encoding + ("-sig" if encoding == "utf-8" else "")
    for magic, what, code in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(f"{path}: binary file, looks like {what}", reason=code)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise DocumentError(f"{path}: binary file (contains NUL bytes), not text; give a .txt, .md, .docx, .pdf or .html plan",
                                reason="binary")
        return _checked(text, path), "utf-16"
    try:
        return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _detect(data)
    if text is None:
        raise DocumentError(
            f"{path}: cannot decode the text (not UTF-8, UTF-16 or GB18030/GBK); re-save it as UTF-8", reason="encoding",
        )
    return _checked(text, path), encoding


def _strict(data: bytes, encoding: str, path: Path) -> str:
    """Decode with a known encoding (from a BOM); failure means a damaged file."""
    try:
        return _checked(data.decode(encoding), path)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: starts with a {encoding.upper()} byte-order mark but byte {exc.start} is not {encoding.upper()}; re-save it as UTF-8",
            reason="encoding",
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Text of UTF-16 bytes without a byte-order mark, or None when they are not UTF-16."""
    if len(data) % 2:
        return None
    best: str | None = None
    best_share = 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _textlike_share(text)
        if share > best_share:
            best, best_share = text, share
    return best if best_share >= _MIN_TEXTLIKE else None


def _detect(data: bytes) -> tuple[str | None, str]:
    """Decode non-UTF-8 bytes: GB18030 when it fits, else charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    gb_text: str | None
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding not in _GB_FAMILY:
        # Trust another guess over GB18030 only on enough bytes and when GB18030 looks worse.
        other = str(guess)
        if gb_text is None or (len(data) >= 200 and _textlike_share(other) > _textlike_share(gb_text)):
            return other, guess.encoding
    if gb_text is not None:
        return gb_text, "gb18030"
    return None, ""


def _textlike_share(text: str) -> float:
    """Share of characters that plausibly occur in a Chinese plan."""
    if not text:
        return 1.0
    return 1.0 - len(_NOT_TEXTLIKE.findall(text)) / len(text)


def _checked(text: str, path: Path) -> str:
    """`text` unchanged, unless control characters show it is binary data."""
    bad = len(_CONTROL.findall(text))
    if bad and (bad > 8 and bad / max(len(text), 1) > 0.001 or bad / max(len(text), 1) > 0.01):
        raise DocumentError(
            f"{path}: binary file ({bad} control characters), not text; give a .txt, .md, .docx, .pdf or .html plan",
            reason="binary",
        )
    return text
