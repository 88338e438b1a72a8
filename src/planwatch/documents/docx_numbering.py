"""Automatic list numbering of Word documents ("一、", "（一）", "1." made by Word, not typed).

python-docx gives a paragraph's text without the number Word draws in front of
it; plans often number their headings that way, and the outline needs the
labels. This renders them from numbering.xml: counters per list and level,
formats decimal / Chinese / letters / roman / circled, and the level's lvlText.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_LEVEL = 8  # Word has nine list levels, 0-8; anything else in a file is damage
MAX_START = 1_000_000  # a list starting beyond this is damage (or an attack: start 10**12 made roman numerals loop)
MAX_STYLE_CHAIN = 64  # styles "based on" each other deeper than this (or in a cycle) stop the lookup


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"  # what follows the number: tab, space or nothing


@dataclass(slots=True)
class _Styles:
    """A document's styles by id (first of each id) and its default paragraph style, read once.

    python-docx's `paragraph.style` scans every style of styles.xml (hundreds in a Word
    template) on each call; this answers the same lookups from two dicts.
    """

    by_id: dict[str, Any] = field(default_factory=dict)  # styleId -> w:style element
    paragraph_ids: set[str] = field(default_factory=set)  # ids whose style is a paragraph style
    default: Any = None  # the default paragraph style (the last one marked default)

    def of_paragraph(self, style_id: str | None) -> Any:
        """The style element python-docx's `paragraph.style` gives for a paragraph with pStyle `style_id`."""
        if style_id is None or style_id not in self.paragraph_ids:
            return self.default
        return self.by_id[style_id]


@dataclass(slots=True)
class Numbering:
    """Numbering definitions of one document and the running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId -> ilvl -> count
    document: object = None  # the python-docx Document, for its styles
    styles: _Styles | None = None  # read on first need

    def label(self, paragraph: object) -> str:
        """The number Word shows before `paragraph` ("一、", "（二）", "3."), or "" when none."""
        if not self.levels:
            return ""  # no list definitions: no paragraph can carry a number
        if self.styles is None:
            self.styles = _style_index(self.document)
        found = _num_pr(paragraph, self.styles)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(self.abstract_of.get(num_id, num_id), {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new item restarts the levels below it
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for i in range(ilvl, -1, -1):
            if f"%{i + 1}" in text:
                value = counts.get(i, levels[i].start if i in levels else 1)
                fmt = levels[i].fmt if i in levels else "decimal"
                text = text.replace(f"%{i + 1}", format_number(value, fmt))
        # Word separates the number from the text by a tab; a space keeps "1. 标题" on one readable line.
        return text + " " if text and text[-1].isascii() and level.suffix != "nothing" else text


def load_numbering(document: object) -> Numbering:
    """The numbering definitions of a python-docx Document (empty when it has none)."""
    numbering = Numbering(document=document)
    try:
        root = document.part.numbering_part.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    abstracts: dict[str, dict[int, _Level]] = {}
    for abstract in root.iterchildren(qn("w:abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in abstract.iterchildren(qn("w:lvl")):
            ilvl = _int(lvl.get(qn("w:ilvl")))
            if not 0 <= ilvl <= MAX_LEVEL:
                continue
            levels[ilvl] = _Level(
                start=_start(_val(lvl, "w:start") or "1"),
                fmt=_val(lvl, "w:numFmt") or "decimal",
                text=_val(lvl, "w:lvlText") or "",
                suffix=_val(lvl, "w:suff") or "tab",
            )
        abstracts[abstract.get(qn("w:abstractNumId")) or ""] = levels
    for num in root.iterchildren(qn("w:num")):
        num_id = num.get(qn("w:numId")) or ""
        abstract_id = _val(num, "w:abstractNumId") or ""
        levels = {k: _Level(v.start, v.fmt, v.text, v.suffix) for k, v in abstracts.get(abstract_id, {}).items()}
        for override in num.iterchildren(qn("w:lvlOverride")):
            ilvl = _int(override.get(qn("w:ilvl")))
            start = _val(override, "w:startOverride")
            if start is not None and ilvl in levels:
                levels[ilvl].start = _start(start)
        numbering.levels[num_id] = levels
        numbering.abstract_of[num_id] = abstract_id
    return numbering


def format_number(value: int, fmt: str) -> str:
    """`value` written in a Word number format."""
    if fmt.startswith(("chineseCounting", "ideographTraditional", "chineseLegalSimplified", "taiwaneseCounting")):
        return chinese_numeral(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    return str(value)


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 999)."""
    if value <= 0 or value >= 1000:
        return str(value)
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += _CN_DIGITS[ones]
    return out


def _roman(value: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for amount, letters in numerals:
        while value >= amount:
            out += letters
            value -= amount
    return out or str(value)


def _style_index(document: object) -> _Styles:
    """The styles of `document` as python-docx resolves paragraph styles (none when the part is unusable)."""
    from docx.enum.style import WD_STYLE_TYPE

    index = _Styles()
    try:
        root = document.part.styles.element  # type: ignore[attr-defined]
    except AttributeError:  # a styles part damaged into a plain part: python-docx finds no style either
        return index
    for style in root.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        is_paragraph = style.type == WD_STYLE_TYPE.PARAGRAPH
        if style_id is not None and style_id not in index.by_id:
            index.by_id[style_id] = style
            if is_paragraph:
                index.paragraph_ids.add(style_id)
        if is_paragraph and style.default:
            index.default = style
    return index


def _num_pr(paragraph: object, styles: _Styles) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph, from its own properties or else its style chain."""
    p_pr = paragraph._p.pPr  # type: ignore[attr-defined]
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None:
        style = styles.of_paragraph(paragraph._p.style)  # type: ignore[attr-defined]
        seen: set[int] = set()
        while num_pr is None and style is not None and id(style) not in seen and len(seen) < MAX_STYLE_CHAIN:
            seen.add(id(style))  # a style based on itself (or a longer cycle) must not loop forever
            style_pr = style.pPr
            num_pr = style_pr.numPr if style_pr is not None else None
            based_on = style.basedOn_val
            style = styles.by_id.get(based_on) if based_on is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    num_id = str(num_pr.numId.val)
    if num_id == "0":  # numbering switched off
        return None
    return num_id, (num_pr.ilvl.val if num_pr.ilvl is not None else 0)


def _val(element: object, tag: str) -> str | None:
    child = element.find(qn(tag))  # type: ignore[attr-defined]
    return child.get(qn("w:val")) if child is not None else None


def _start(text: str | None) -> int:
    """A list's start value, kept within 0..MAX_START."""
    return min(max(_int(text), 0), MAX_START)


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0
