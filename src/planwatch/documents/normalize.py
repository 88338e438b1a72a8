"""Normalise plan text for extraction while keeping a map back to the original.

What breaks extraction and is mended here: full-width digits, letters and signs
(０-９ ％ Ａ-Ｚ, and ．＋－～：／ next to digits), ASCII clause marks between Chinese text
("增长7.3%;规上工业", "财政总收入:全年完成"), stray spaces around numbers and
between Chinese characters ("700 亿元"), zero-width characters, and line wraps
inside a sentence ("完\\n\\n成工业园区"). Replacements are one character for one
(its ASCII twin, or the full-width mark an ASCII one stands for; ℅ after a number is %), and deletions are the only
edits that change length, so the map is a sorted list of deletion points. Everything runs as regular-expression passes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import regex

# Full-width forms always replaced by their ASCII twin: digits, per cent sign, Latin letters.
_FULLWIDTH_ALWAYS = "０-９％Ａ-Ｚａ-ｚ"
# Full-width signs replaced only inside numbers ("１．５", "３～５", "－２"); elsewhere they are punctuation.
# The care-of sign ℅ (U+2105), which some typists pick for a per cent sign ("同比增长15℅"), reads as % after a number.
_FULLWIDTH = regex.compile(
    rf"[{_FULLWIDTH_ALWAYS}]|(?<=[0-9０-９])[．：／～－＋](?=[0-9０-９])|(?<![0-9０-９])[＋－～](?=[0-9０-９])"
    r"|(?<=[0-9０-９][ \u00a0\u3000]*)℅"
    r"|(?<=\p{Han}[0-9]{1,3})[·•](?=[0-9]{1,3}[%‰])"  # a copy's middle dot for a decimal point: "价格上涨1·8%"
)
_TWIN_OFFSET = 0xFEE0  # ord('０') - ord('0')
# ASCII clause marks of web copies and PDF conversions between Chinese text ("同比增长7.3%;规上工业…",
# "财政总收入:全年完成…") read as the full-width marks they stand for: after a Chinese character, a digit, %/‰,
# a Latin letter or a closing mark, before a Chinese character or an opening mark; after a Chinese character, a
# mark or %/‰, before a Latin letter or a digit; spaces and a line break (a wrap) may follow the mark. Numbers
# (1,234.5, 2.8:50.9) and English text keep theirs.
FULL_MARKS = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_ASCII_MARK = regex.compile(
    r"(?:(?<=[\p{Han}0-9%‰A-Za-z\u3001-\u303f\uff01-\uff60“”‘’…—\u2460-\u2473])"  # (after ⑤: "两会速递⑤:临川…")
    r"|(?<=\p{Han}\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\)))[,;:]"  # (after a pinyin aid: "大關(guān),完成")
    r"(?=[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?(?:[\p{Han}“‘《（【\u3008-\u3011]|\((?:\d{1,2}|\p{Han}{1,3})\)))"  # (";(6)基础…")
    r"|(?<=\p{Han})[!?]"  # "再出发!“生产总值增长6%": an exclamation between Chinese text ends its sentence (Review18)
    r"(?=[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?[\p{Han}“‘《（【\u3008-\u3011])"
    r"|(?<=[\p{Han}%‰\u3001-\u303f\uff01-\uff60“”‘’…—] )[;]"  # a copy's wrap before the mark: "1.74倍 ;公共财政…"
    r"(?=[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?[\p{Han}“‘《（【\u3008-\u3011])"  # "增长7.3%;规上工业", "举措,⏎稳中有为" (a wrap)
    r"|(?<=[\p{Han}\u3001-\u303f\uff01-\uff60“”‘’…%‰])[,;:]"
    r"(?=[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?[A-Za-z0-9０-９])"  # "…区”,R&D经费占GDP比重", "总值:2651亿元", "超50%,7个县市"
)
# An ASCII bracket pair on one line around Chinese words ("(主要是工业、建筑业未达预期)", "(草案)", "(下同)").
_ASCII_PAIR = regex.compile(r"\((?=[^()\n]{0,120}?\p{Han})[^()\n]{1,120}\)")

# A decimal split after its point by a copy's spaces, before a per cent ("增长 0. 5%", "增长 8. 5%"): the spaces go. Only
# after Chinese text (and spaces): "1. 5%的企业…" opening a line is a list item's number.
_SPLIT_DECIMAL = regex.compile(r"(?<=\p{Han}[ \u3000]*\d{1,3}[ \u3000]*\.)[ \u3000]+(?=\d{1,3}[ \u3000]*(?:[%‰]|[万亿]?元|亿|万))"
                             r"|(?<=\p{Han}[ \u3000]*\d{1,3})[ \u3000]+(?=\.[ \u3000]*\d{1,3}[ \u3000]*[%‰])")
# A mirror site's reading aid: the pinyin of a character in brackets after it ("經(jīng)濟增長", "地區(qū)生產總值"), at least
# one vowel with its tone mark. Dropped: it splits the words every rule reads.
_PINYIN = regex.compile(r"(?<=\p{Han})[（(](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[）)]")
_TONES = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_SENTENCE_END = "。；！？：”’」』）)…;:!?"
_SENT = regex.escape(_SENTENCE_END)
_CJK = r"\p{Han}\u3001-\u303f\uff00-\uffef“”‘’—…·"
# CJK characters that do not end a sentence: spaces after them are never a paragraph break.
_CJK_INNER = rf"[{_CJK}--[{_SENT}]]"
_SPACE = r"[ \u00a0\u2002\u2003\u2009\u3000]"  # not tabs: they separate table cells
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width space and joiners, word joiner, BOM, soft hyphen
# Two or more spaces with a wide one among them separate paragraphs (one-line speeches): never dropped.
_NOT_PARA = r"(?![ \t\u00a0\u2002\u2009]*[\u2003\u3000][ \t\u00a0\u2002\u2009]*[\u2003\u3000 ])"
_SPACE_RUN = regex.compile(
    rf"(?<={_CJK_INNER}|[0-9%]){_NOT_PARA}(?:{_SPACE}+)(?=[{_CJK}])"  # 坪山区 2019 / 700 亿元 / 国民经济 和社会
    rf"|(?<={_CJK_INNER}){_NOT_PARA}(?:{_SPACE}+)(?=[0-9A-Za-z%])"  # 增长 8%
    rf"|(?<=[{_SENT}]){_SPACE}(?=[{_CJK}0-9A-Za-z%])"  # one space after punctuation (more: a paragraph break)
    rf"|(?<=[0-9])(?:{_SPACE}+)(?=[%％])"  # 8 %
    rf"|(?<=[0-9]\.)(?<={_CJK_INNER}[0-9]{{1,12}}\.){_SPACE}(?=[0-9])"  # a stray space after a decimal point: 完成412. 36亿元
    rf"|(?<={_CJK_INNER}[0-9]{{1,12}}){_SPACE}(?=\.[0-9])"  # ...or before it: 是2011年的2 .7倍 (a copy's wrap)
    rf"|(?<={_CJK_INNER}(?:19|20)){_SPACE}(?=[0-9]{{2}}年)"  # ...or inside a year: 是20 11年的4倍
    rf"|\r(?=\n)|[{INVISIBLE}]",  # CR of CRLF, zero-width characters
    regex.V1,
)
# Start of a line that must stay on its own line: headings, dashes, list bullets, table rows.
_HEAD = (
    r"[ \t\u3000]*(?:\*\*|#{1,6}\s)?(?:第[一二三四五六七八九十百零\d]+[章节部分篇]|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|[—-]{2}|[-*•·+|]\s)"
)
_HEAD_RE = regex.compile(_HEAD)
# A line break (with blank lines) after a character that does not end a sentence, before text:
# a candidate wrap, kept only when the line before is long (see _is_wrap).
_BREAK = regex.compile(rf"(?<=[^{_SENT}\s])[ \t\u3000\r]*\n(?:[ \t\u3000\r]*\n)*[ \t\u3000]*(?=\S)")
# No real sentence is this long (the longest in the corpus: 500 characters); a longer run without
# 。；！？ or a line break gets a "；" in place of a clause mark (or a line break, when it has none)
# every SENTENCE_MAX characters, so that work around each number stays bounded (issue 12).
SENTENCE_MAX = 800
_SENTENCE_MARK = re.compile(r"[。；！？\n]")
_CLAUSE_MARKS = "，,、：:"
_MIN_WRAPPED = 40  # a line this long that stops mid-sentence was wrapped...
_MIN_WRAPPED_HEADING = 60  # ...or this long when it is a bare heading line


@dataclass(slots=True)
class NormalText:
    """Normalised text and the map from its offsets back to the original's."""

    text: str
    original: str
    _cuts: list[int] = field(default_factory=list)  # positions in `text` after which chars were dropped
    _shift: list[int] = field(default_factory=list)  # total dropped up to and including that cut
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)  # where each run starts, originally (lazy)

    def to_original(self, pos: int) -> int:
        """Offset in the original text of the character at normalised offset `pos`."""
        i = bisect_right(self._cuts, pos)
        return pos + (self._shift[i - 1] if i else 0)

    def from_original(self, pos: int) -> int:
        """Normalised offset of the first kept character at or after original offset `pos`."""
        if not self._cuts:
            return min(max(pos, 0), len(self.text))
        if not self._starts:
            # Between cuts the map is a shift: segment k covers normalised [cuts[k-1], cuts[k]) and
            # starts at original offset cuts[k-1] + shift[k-1]. One bisection over those starts.
            self._starts = [0] + [cut + shift for cut, shift in zip(self._cuts, self._shift, strict=True)]
        k = bisect_right(self._starts, pos) - 1
        if k < 0:
            return 0
        shift = self._shift[k - 1] if k else 0
        end = self._cuts[k] if k < len(self._cuts) else len(self.text)  # where the segment stops
        return min(max(pos - shift, 0), end, len(self.text))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised half-open span [start, end)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def fullwidth_twin(ch: str) -> str:
    """The ASCII twin of a full-width form (U+FF01-U+FF5E), else `ch` itself."""
    return chr(ord(ch) - _TWIN_OFFSET) if "\uff01" <= ch <= "\uff5e" else ch


def normalize(original: str) -> NormalText:
    """Return `original` normalised for extraction, with an offset map back to it."""
    text = one_for_one(original)
    drops = [m.span() for m in _SPACE_RUN.finditer(text)]
    if ". " in text or " ." in text:
        drops.extend(m.span() for m in _SPLIT_DECIMAL.finditer(text))
    if _TONES.search(text):
        drops.extend(m.span() for m in _PINYIN.finditer(text))
    drops.extend(_breaks(text))
    if not drops:
        return NormalText(cap_sentences(text), original)
    drops.sort()
    pieces: list[str] = []
    cuts: list[int] = []
    shifts: list[int] = []
    pos = removed = 0
    for start, end in drops:
        start = max(start, pos)  # overlapping drops (a space inside a wrap): drop the rest only
        if end <= start:
            continue
        pieces.append(text[pos:start])
        cuts.append(start - removed)
        removed += end - start
        shifts.append(removed)
        pos = end
    pieces.append(text[pos:])
    # Merge cuts at the same normalised position (adjacent drops) so bisect sees one.
    merged_cuts: list[int] = []
    merged_shifts: list[int] = []
    for cut, shift in zip(cuts, shifts, strict=False):
        if merged_cuts and merged_cuts[-1] == cut:
            merged_shifts[-1] = shift
        else:
            merged_cuts.append(cut)
            merged_shifts.append(shift)
    return NormalText(cap_sentences("".join(pieces)), original, merged_cuts, merged_shifts)


def cap_sentences(text: str, limit: int = SENTENCE_MAX) -> str:
    """`text` with a sentence break every `limit` characters at most (one character for one)."""
    if len(text) <= limit or max(map(len, _SENTENCE_MARK.split(text))) <= limit:
        return text  # the usual case, in one C-speed pass
    breaks: list[int] = []
    last = 0
    for m in _SENTENCE_MARK.finditer(text):
        if m.start() - last > limit:
            breaks.extend(_breaks_in(text, last, m.start(), limit))
        last = m.end()
    if len(text) - last > limit:
        breaks.extend(_breaks_in(text, last, len(text), limit))
    if not breaks:
        return text
    chars = list(text)
    for pos in breaks:
        chars[pos] = "；" if chars[pos] in _CLAUSE_MARKS else "\n"
    return "".join(chars)


def _breaks_in(text: str, start: int, end: int, limit: int) -> list[int]:
    """Positions that split text[start:end] into pieces of at most `limit`: clause marks where there are some."""
    out: list[int] = []
    pos = start
    while end - pos > limit:
        low, high = pos + limit // 2, pos + limit
        cut = max(text.rfind(mark, low, high) for mark in _CLAUSE_MARKS)
        if cut < 0:
            cut = high
        out.append(cut)
        pos = cut + 1
    return out


_INDENT = re.compile(r"\n(?:[ \t]{2,}|\u3000)[ \t\u3000]*$")


def _width(line: str) -> int:
    """The printed width of a line: 2 for a Chinese character, 1 for ASCII (from its UTF-8 length, in C)."""
    return len(line) + (len(line.encode("utf-8")) - len(line)) // 2


_IN_LINE_MARK = regex.compile(r"[，,、；;。：:！？]")
_COLUMN_LINES = 6  # wrapped lines of one width a text needs before it counts as set in a narrow column
_COLUMN_LINE_MIN = 12  # shorter lines (headings, a list's items) never count as a column's
_COLUMN_SLACK = 10  # a wrapped line may fall this much short of the column (ASCII digits and marks print narrower)


def _column(text: str, breaks: list[regex.Match[str]]) -> int:
    """The printed width of the narrow column a PDF copy was wrapped in (lines of 25–39 characters, a county report
    laid out in two columns: "2019 年,全区预计实现地区生产总值 369 亿元,增长⏎7.6%;…"), 0 when the text is not set so.
    Most lines that stop mid-sentence reach the same width, within `_COLUMN_SLACK`."""
    widths = []
    marked = 0  # lines with a mark inside: prose wrapped, not a list set one item a line
    for m in breaks:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _COLUMN_LINE_MIN <= m.start() - line_start < _MIN_WRAPPED:
            line = text[line_start: m.start()]
            widths.append(_width(line))
            marked += _IN_LINE_MARK.search(line) is not None
    if len(widths) < _COLUMN_LINES or marked * 2 < len(widths):
        return 0
    widths.sort()
    column = widths[len(widths) * 3 // 4]
    near = sum(1 for w in widths if column - _COLUMN_SLACK <= w <= column + 4)
    return column if near >= _COLUMN_LINES and near * 2 >= len(widths) else 0


def _breaks(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the line wraps of `text` that `normalize` joins."""
    breaks = list(_BREAK.finditer(text))
    column = _column(text, breaks) if len(breaks) >= _COLUMN_LINES else 0
    split = _split_numbers(text)
    return [m.span() for m in breaks
            if _is_wrap(text, m.start(), m.end(), column) or any(a <= m.start() < b for a, b in split)]


# A page whose numbers stand on lines of their own inside sentences (a web copy of a Word file, every figure its own
# span, Review80): "…地区生产总值增长⏎8.4%⏎；一般公共预算收入增长⏎4.6%⏎；…", "明确了⏎2020⏎年经济工作的…". A run of such
# fragments between a line that ends on no sentence mark and one that goes on with a mark or 年/月/日 is joined to both;
# a table set one cell a line never goes on with a mark. Only where the page does it often.
_FRAGMENT = regex.compile(r"[ \t\u3000]*(?:\d+(?:\.\d+)?[ \t\u3000]*[%‰]?|[年月日][)）]?)[ \t\u3000]*")
_GOES_ON = frozenset("，,、；;。：:)）年月日%")
_FRAGMENT_RUNS = 3  # runs a page needs before its fragments count as split sentences


def _split_numbers(text: str) -> list[tuple[int, int]]:
    """The stretches (from the end of the line before to the start of the line after) of the number fragments that split
    sentences (`_FRAGMENT`), when the page has at least `_FRAGMENT_RUNS` of them."""
    if text.count("\n") < 2 * _FRAGMENT_RUNS:
        return []
    lines = [(m.start(), m.end()) for m in regex.finditer(r"[^\n]*", text) if m.end() > m.start()]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _FRAGMENT.fullmatch(text, *lines[j]):
            j += 1
        if j > i and i > 0 and j < len(lines):
            before = text[lines[i - 1][0]: lines[i - 1][1]].rstrip()
            after = text[lines[j][0]: lines[j][1]].lstrip()
            if before and before[-1] not in _SENTENCE_END and after and after[0] in _GOES_ON:
                found.append((lines[i - 1][0] + len(before), lines[j][0]))
        i = max(j, i + 1)
    return found if len(found) >= _FRAGMENT_RUNS else []


def _is_wrap(text: str, brk: int, nxt: int, column: int = 0) -> bool:
    """True when the break at text[brk:nxt] falls inside a sentence (a PDF or web-copy wrap). `column`: the printed
    width of the narrow column the text is set in (`_column`), where a line that fills it was wrapped however short."""
    if _HEAD_RE.match(text, nxt):
        return False
    if text[brk] in " \u3000" and _INDENT.search(text, brk, nxt):
        return False  # a line that ends on a space before an indented one: a paragraph ends ("…6.8%左右 ⏎⏎  市长…")
    line_start = text.rfind("\n", 0, brk) + 1
    length = brk - line_start
    if "\t" in text[line_start:nxt]:
        return False  # (a table's row, its cells between tabs, ends where its line does)
    if length < _MIN_WRAPPED and not (column and length >= _COLUMN_LINE_MIN
                                      and _width(text[line_start:brk]) >= column - _COLUMN_SLACK):
        return False  # short, and no line that fills a narrow column
    if _HEAD_RE.match(text, line_start) and length < _MIN_WRAPPED_HEADING:
        # A heading line stays on its own unless it is a paragraph that opens with a heading.
        return any(ch in text[line_start:brk] for ch in "。；！？")
    if length < _MIN_WRAPPED and _IN_LINE_MARK.search(text, line_start, brk):
        return True  # a column's line with a mark inside: prose, whatever the lines around it
    return not _list_line(text, line_start, nxt)


def _list_line(text: str, line_start: int, nxt: int) -> bool:
    """Whether the line at `line_start` is an item of a list set one item a line with no punctuation (news and
    WeChat lists of targets: "…等纳入市轨道交通建设规划⏎建成西部快速通道等道路27条⏎…"): the lines before and after it
    (blank lines skipped) are short and end on no mark."""
    nxt_end = text.find("\n", nxt)
    after = text[nxt: nxt_end if nxt_end >= 0 else len(text)].strip()
    if not after or len(after) >= _MIN_WRAPPED or after[-1] in _SENTENCE_END or after[-1] in _CLAUSE_MARKS:
        return False
    prev_end = line_start - 1
    while prev_end > 0 and text[prev_end - 1] in " \t\u3000\r\n":
        prev_end -= 1
    if prev_end <= 0:
        return False
    before = text[text.rfind("\n", 0, prev_end) + 1: prev_end].strip()
    return 0 < len(before) < _MIN_WRAPPED and before[-1] not in _SENTENCE_END and before[-1] not in _CLAUSE_MARKS


def _to_twin(match: regex.Match[str]) -> str:
    ch = match.group()
    if ch in "·•":
        return "."
    return "%" if ch == "℅" else chr(ord(ch) - _TWIN_OFFSET)


# A summary written as fragments, one line of items kept apart by single spaces and no mark at all (Review18: an
# aggregator's "实施…工程 包括挡墙13.46千米 道路8.72千米 护砌2.75千米 [1][2] - 开展…"): each space between Chinese text, a
# number's unit or a footnote mark is the clause mark the fragments lack; read as one clause, a value took the name of
# the fragment after it. A line of 60 characters or more with no clause or sentence mark and four such spaces or more.
_FRAGMENT_LINE = regex.compile(r"(?m)^(?=[^\n]{60})[^\n，。；,;：:！？!?]*$")
_FRAGMENT_SPACE = regex.compile(r"(?<=[\p{Han}\d%\]）)”])[ ](?=[\p{Han}\-“（(\[])|(?<=[\p{Han}\]])[ ](?=\d)")
_FRAGMENTS_MIN = 4


def _fragment_marks(text: str, first: regex.Match[str]) -> str:
    """`text` with the spaces between fragments of its fragment lines (`_FRAGMENT_LINE`) made "，"."""
    pieces: list[str] = []
    pos = 0
    for line in _FRAGMENT_LINE.finditer(text, first.start()):
        spaces = [m.start() for m in _FRAGMENT_SPACE.finditer(text, line.start(), line.end())]
        if len(spaces) < _FRAGMENTS_MIN:
            continue
        for at in spaces:
            pieces.append(text[pos:at])
            pieces.append("，")
            pos = at + 1
    pieces.append(text[pos:])
    return "".join(pieces)


def full_marks(original: str) -> str:
    """`original` with the ASCII , ; : ( ) of Chinese prose made full-width, nothing else (one character for one).
    Task extraction reads it, so that a web or PDF copy's ASCII marks end clauses and hold asides there as they do
    for quantities, while the words it keeps (objects, titles) are the text's own."""
    text = original
    if " " in text and (fragments := _FRAGMENT_LINE.search(text)):
        text = _fragment_marks(text, fragments)
    if "," not in text and ";" not in text and ":" not in text and "(" not in text and "!" not in text \
            and "?" not in text:
        return text
    if "(" in text:  # first: a mark after the closing bracket sees it full-width ("…预期),增长3.0%")
        text = _ASCII_PAIR.sub(lambda m: "（" + m.group()[1:-1] + "）", text)
    return _ASCII_MARK.sub(lambda m: FULL_MARKS[m.group()], text)


# A table row written with pipes (Markdown, or a page's table copied as text): a line with two or more | or ｜ between
# cells ("1 | 新建幼儿园7所。 | 已建成5所。 | 教育局 |"). Its pipes read as the tabs a Word or web table's row has.
# A line that ends on a pipe is a cell of a table flattened one cell a line, the pipe its edge ("指标名称 |", "7.8% |", "||").
_PIPE_ROW = regex.compile(r"(?m)^[^\n|｜]*[|｜][^\n]*[|｜][^\n]*$|^[^\n]*[|｜][ \t\u3000]*$")
_PIPE = regex.compile(r"[|｜]")


def pipe_rows(text: str) -> str:
    """`text` with the pipes of its table rows as tabs (one character for one)."""
    if "|" not in text and "｜" not in text:
        return text
    return _PIPE_ROW.sub(lambda row: _PIPE.sub("\t", row.group()), text)


def one_for_one(original: str) -> str:
    """The replacements of `normalize` alone, one character for one (full-width digits and letters to ASCII, the
    ASCII , ; : ( ) of Chinese prose to full-width, the pipes of a table row to tabs): offsets stay those of
    `original`."""
    return full_marks(_FULLWIDTH.sub(_to_twin, pipe_rows(original)))


def wrap_breaks(original: str) -> list[tuple[int, int]]:
    """The (start, end) offsets in `original` of the line wraps `normalize` joins (readers hide them too)."""
    text = one_for_one(original)  # one character for one: offsets stay those of `original`
    return _breaks(text)


__all__ = [
    "FULL_MARKS", "INVISIBLE", "NormalText", "cap_sentences", "full_marks", "fullwidth_twin", "normalize", "one_for_one", "pipe_rows",
    "wrap_breaks",
]
