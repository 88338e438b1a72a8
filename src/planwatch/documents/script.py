"""Traditional script to simplified, once at read time, character for character.

Copies of plans on mirror sites are often converted to traditional script ("地區生產總值增長7.5%"), and every
rule of extraction is written for simplified text. `simplify` turns such a text into simplified script with
OpenCC (t2s: its phrase dictionary first, then character by character) before any stage sees it, so every
stage works unchanged.

Detection comes first and is cheap: one pass of a regular expression over the text counts the characters of
`data/traditional_chars.txt` (t2s changes them, GB2312 lacks them, Big5 holds them: 區 產 總 長 億 …). A simplified
text has none or a few (臺灣 in a name), never a tenth of its Chinese characters; the 23 reports of the
corpus have none. Characters that simplified texts use in names (乾 於 後 夥 麽) are not counted, and a text
found simplified is returned as it is, byte for byte (t2s would make 乾隆 干隆 or 於 于).

The conversion keeps the text's length and each character's place: offsets of quotes, headings and tables
index the stored text. A line whose phrase conversion changes its length, or changes a character that t2s
leaves alone on its own, is converted character by character instead.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

NOTE = "已由繁体转换为简体"  # what a converted document says of itself (outline, extract, ingest)
TRADITIONAL = "traditional"  # Document.script of a text read in traditional script and converted

MIN_CHARS = 3  # fewer traditional-only characters is a name or a quote, not a text in traditional script
MIN_SHARE = 0.1  # ... and they must be this share of the text's wide (CJK) characters
_WIDE_FROM = 0x2E80  # CJK radicals onwards: only such characters are ever converted


@cache
def _traditional() -> re.Pattern[str]:
    """One character class of the characters that mark traditional script (read once)."""
    data = resources.files("planwatch.data").joinpath("traditional_chars.txt").read_text(encoding="utf-8")
    chars = "".join(line.strip() for line in data.splitlines() if not line.startswith("#"))
    return re.compile(f"[{re.escape(chars)}]")


def _wide_count(text: str) -> int:
    """How many characters of `text` are CJK-wide (three UTF-8 bytes or more): Chinese characters and marks."""
    return (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2


def is_traditional(text: str) -> bool:
    """Whether `text` is written in traditional script: at least MIN_CHARS traditional-only characters, and
    MIN_SHARE of its wide characters."""
    found = len(_traditional().findall(text))
    return found >= MIN_CHARS and found >= MIN_SHARE * _wide_count(text)


def simplify(text: str) -> tuple[str, bool]:
    """(`text` in simplified script, whether it was converted): unchanged unless it is traditional."""
    if not is_traditional(text):
        return text, False
    return to_simplified(text), True


@cache
def _converter() -> Any:
    """OpenCC's t2s converter (its dictionaries ship with the package: no network)."""
    import opencc

    return opencc.OpenCC("t2s")


def _char_map(text: str) -> dict[int, str]:
    """str.translate table of what t2s makes of each of `text`'s wide characters on its own (changed ones)."""
    wide = sorted({c for c in text if ord(c) >= _WIDE_FROM and not 0xD800 <= ord(c) < 0xE000})  # no lone surrogates
    converted = _convert("\n".join(wide)).split("\n")
    if len(converted) != len(wide):  # never seen; each character alone then
        converted = [_convert(c) for c in wide]
    return {ord(c): s for c, s in zip(wide, converted, strict=True) if s != c and len(s) == 1}


def _convert(text: str) -> str:
    """OpenCC t2s of `text`; `text` itself when OpenCC cannot take it (a lone surrogate has no UTF-8)."""
    try:
        return str(_converter().convert(text))
    except UnicodeError:
        return text


def to_simplified(text: str) -> str:
    """`text` converted by OpenCC t2s, of the same length with each character in its place.

    Phrases first (OpenCC's word dictionary picks 乾隆 over 干隆, 頭髮 → 头发): the whole text in one call, else
    line by line; a line whose conversion moves a character is converted character by character."""
    table = _char_map(text)
    if not table:
        return text
    whole = _convert(text)
    if _aligned(text, whole, table):
        return whole
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if not any(ord(c) in table for c in line):
            out.append(line)
            continue
        converted = _convert(line)
        out.append(converted if _aligned(line, converted, table) else line.translate(table))
    return "".join(out)


def _aligned(before: str, after: str, table: dict[int, str]) -> bool:
    """Whether `after` is `before` with characters replaced in place: same length, and only characters that t2s
    changes on their own are changed."""
    return len(before) == len(after) and all(a == b or ord(a) in table for a, b in zip(before, after, strict=True))
