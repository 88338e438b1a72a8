"""Normalise plan text for extraction while keeping a map back to the original.

What breaks extraction and is mended here: full-width digits and signs (０-９ ％ ．),
stray spaces around numbers and between Chinese characters ("700 亿元"), and PDF
line wraps inside a sentence ("完\\n\\n成工业园区"). Deletions are the only edits
that change length, so the map is a sorted list of deletion points.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．＋－～：／",
    "0123456789%.+-~:/",
)
# Characters only remapped between or next to digits (elsewhere they are punctuation).
_DIGIT_CONTEXT = {".", "+", "-", "~", ":", "/"}

_CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef“”‘’—…·"
_SPACE = r"[ \t\u00a0\u2002\u2003\u2009\u3000]"
# Spaces next to a Chinese character, or between a digit and a Chinese char / % sign.
_SPACE_RUN = regex.compile(
    rf"(?<=[{_CJK}0-9%])({_SPACE}+)(?=[{_CJK}])|(?<=[{_CJK}])({_SPACE}+)(?=[0-9A-Za-z%])"
    rf"|(?<=[0-9])({_SPACE}+)(?=[%％])"
)
_SENTENCE_END = "。；！？：”’」』）)…;:!?"
_HEADING = regex.compile(
    r"^\s*(?:第[一二三四五六七八九十百零\d]+[章节部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.．、](?!\d)|[—-]{2})"
)
# A line break (with blank lines) that a PDF conversion put inside a sentence.
_BREAK = regex.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)*")


@dataclass(slots=True)
class NormalText:
    """Normalised text and the map from its offsets back to the original's."""

    text: str
    original: str
    _cuts: list[int] = field(default_factory=list)  # positions in `text` after which chars were dropped
    _shift: list[int] = field(default_factory=list)  # total dropped up to and including that cut

    def to_original(self, pos: int) -> int:
        """Offset in the original text of the character at normalised offset `pos`."""
        i = bisect_right(self._cuts, pos)
        return pos + (self._shift[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised half-open span [start, end)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def _is_wrap(line: str, following: str) -> bool:
    """True when the break after `line` falls inside a sentence (a PDF wrap)."""
    stripped = line.rstrip()
    if len(stripped) < 40 or not stripped or stripped[-1] in _SENTENCE_END:
        return False
    if _HEADING.match(stripped) and len(stripped) < 60:
        return False
    return bool(following) and not _HEADING.match(following)


def normalize(original: str) -> NormalText:
    """Return `original` normalised for extraction, with an offset map back to it."""
    text = original.translate(_FULLWIDTH) if _needs_translation(original) else original
    if text is not original:
        text = _restore_punctuation(original, text)
    drops: list[tuple[int, int]] = []  # (start, end) spans of `text` to delete
    for m in _SPACE_RUN.finditer(text):
        drops.append(m.span(m.lastindex or 0))
    for m in _BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        nxt_end = text.find("\n", m.end())
        following = text[m.end(): nxt_end if nxt_end >= 0 else len(text)]
        if _is_wrap(text[line_start:m.start()], following):
            drops.append(m.span())
    if not drops:
        return NormalText(text, original)
    drops.sort()
    pieces: list[str] = []
    cuts: list[int] = []
    shifts: list[int] = []
    pos = removed = 0
    for start, end in drops:
        if start < pos:  # overlapping drop (a space inside a wrap): keep the rest only
            start = pos
        if end <= start:
            continue
        pieces.append(text[pos:start])
        removed += end - start
        cuts.append(start - (removed - (end - start)))
        shifts.append(removed)
        pos = end
    pieces.append(text[pos:])
    return NormalText("".join(pieces), original, cuts, shifts)


def _needs_translation(text: str) -> bool:
    return any("\uff01" <= ch <= "\uff5e" for ch in text)


def _restore_punctuation(original: str, translated: str) -> str:
    """Undo the full-width mapping of punctuation that does not touch a digit."""
    chars = list(translated)
    for i, (a, b) in enumerate(zip(original, translated)):
        if a != b and b in _DIGIT_CONTEXT:
            left = translated[i - 1] if i else ""
            right = translated[i + 1] if i + 1 < len(translated) else ""
            if not (left.isdigit() and right.isdigit()) and not (b in "+-~" and right.isdigit()):
                chars[i] = a
    return "".join(chars)
