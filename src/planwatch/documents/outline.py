"""The section outline of a plan: headings 第一章 / 一、 / （一） / 1. / （1） / 一是, as a tree.

Headings are found at the start of a paragraph: after a line break, or after a
run of wide spaces in documents that keep a whole speech on one line. Lead-ins
("一是…", "**二是**…") may also follow a full stop or colon inside a paragraph
and govern only to the end of it. Numbering must run on (a "3." with no "2."
before it is a list inside a sentence, not a heading).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex

_CN = "一二三四五六七八九十"
# (kind, level, rank, pattern). `level` is the heading style as published (0 = 第…章/篇/节/部分,
# 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）, 5 = 一是); `rank` orders nesting (篇 > 章 > 节 > 一、 > …).
_STYLES: list[tuple[str, int, int, regex.Pattern[str]]] = [
    ("part", 0, 0, regex.compile(rf"第(?P<n>[{_CN}百零\d]+)(?:篇|部分)(?![\p{{Han}}]{{0,2}}[，。])")),
    ("chapter", 0, 1, regex.compile(rf"第(?P<n>[{_CN}百零\d]+)章(?![\p{{Han}}]{{0,2}}[，。])")),
    ("section", 0, 2, regex.compile(rf"第(?P<n>[{_CN}百零\d]+)节(?![\p{{Han}}]{{0,2}}[，。])")),
    # 一、 but not "一、二季度" / "一、二、三产业"
    ("cn", 1, 3, regex.compile(rf"(?P<n>[{_CN}]{{1,3}})、(?![{_CN}]{{1,3}}[、季])")),
    ("cn_paren", 2, 4, regex.compile(rf"[（(](?P<n>[{_CN}]{{1,3}})[）)]")),
    # 1. / 1、 / 1． but not 1.5 or 1、2
    ("num", 3, 5, regex.compile(r"(?P<n>\d{1,2})(?:[.．](?!\d)|、(?!\d))")),
    ("num_paren", 4, 6, regex.compile(r"[（(](?P<n>\d{1,2})[）)]")),
    ("lead_in", 5, 7, regex.compile(rf"\*{{0,2}}(?P<n>[{_CN}]{{1,2}})是\*{{0,2}}(?=[\p{{Han}}“])")),
]
_LEAD_IN = _STYLES[-1]
_SPACES = r"[ \t\u3000\u2003\u2002\u00a0]"
# Where a paragraph starts: line start, or after a run of two or more wide spaces (one-line speeches).
# (Each alternative starts with a character class, so the scan stays fast.)
_PARA_START = regex.compile(rf"\n{_SPACES}*(?:#{{1,6}}{_SPACES}*)?|{_SPACES}{{2,}}|[。；！？：”]{_SPACES}+")
_TEXT_START = regex.compile(rf"{_SPACES}*(?:#{{1,6}}{_SPACES}*)?")
# Where a lead-in may start inside a paragraph: after a full stop, semicolon or colon.
_INLINE_LEAD = regex.compile(rf"[。；：](?=\*{{0,2}}[{_CN}]{{1,2}}是)")
_TITLE_END = regex.compile(rf"[。；！？\r\n]|{_SPACES}{{2,}}")
_PARA_END = regex.compile(rf"\n{_SPACES}*\n|\r?\n(?=\S)|{_SPACES}{{2,}}")
_BLANK_PARA_END = regex.compile(rf"\n{_SPACES}*\r?\n|{_SPACES}{{2,}}")
_MAX_TITLE = 80  # a "title" longer than this (without a full stop) is a paragraph, not a heading
_MAX_LEAD_TITLE = 40  # a lead-in sentence longer than this is titled by its first clause
_LOOSE_KINDS = {"num", "num_paren", "lead_in"}  # list-like styles: must count up from 1


@dataclass(slots=True)
class Section:
    """One heading and the text it governs: [start, end) in the text given to `build_outline`."""

    level: int
    label: str
    title: str
    start: int
    end: int
    heading_end: int
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)
    kind: str = ""  # part, chapter, section, cn, cn_paren, num, num_paren, lead_in
    number: int = 0  # the heading's ordinal (三 → 3), 0 when unknown

    @property
    def path(self) -> list[Section]:
        """The chain of sections from the top level down to this one."""
        chain: list[Section] = []
        node: Section | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def to_dict(self) -> dict[str, object]:
        """The section and its children as JSON-ready dicts."""
        return {
            "level": self.level, "kind": self.kind, "label": self.label, "title": self.title,
            "start": self.start, "end": self.end, "heading_end": self.heading_end,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(slots=True)
class Outline:
    """The heading tree of one document, with look-up by offset."""

    text: str
    sections: list[Section]
    _starts: dict[int, list[int]] = field(default_factory=dict, repr=False, compare=False)  # id(siblings) -> starts
    # the stretch [lo, hi) the last offset asked for lies in, and its path (`path_at`)
    _last: tuple[int, int, list[Section]] = field(default_factory=lambda: (0, 0, []), repr=False, compare=False)

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def _starts_of(self, level: list[Section]) -> list[int]:
        """The start offsets of a list of siblings, worked out once per list."""
        starts = self._starts.get(id(level))
        if starts is None:
            starts = self._starts[id(level)] = [s.start for s in level]
        return starts

    def path_at(self, offset: int) -> list[Section]:
        """The sections that contain `offset`, outermost first (a new list).

        Callers mostly ask offsets in text order: the stretch around the last one asked (`stretch_at`)
        answers those that fall in it without a look-up per level.
        """
        lo, hi, path = self._last
        if not lo <= offset < hi:
            path, lo, hi = self.stretch_at(offset)
            self._last = (lo, hi, path)
        return list(path)

    def stretch_at(self, offset: int) -> tuple[list[Section], int, int]:
        """`path_at(offset)`, and the offsets [lo, hi) around it that `path_at` answers the same for.

        At each level `path_at` picks the last sibling starting at or before the offset and stops
        unless the offset is inside it: every offset that makes the same picks gets the same path
        (callers asking offsets in text order ask again only when they leave the stretch).
        """
        chain: list[Section] = []
        lo, hi = 0, len(self.text)
        level = self.sections
        while level:
            # Siblings are in text order and do not overlap: the last one starting at or before
            # `offset` is the only one that can hold it.
            starts = self._starts_of(level)
            i = bisect_right(starts, offset) - 1
            if i + 1 < len(level):
                hi = min(hi, starts[i + 1])
            if i < 0:
                return chain, lo, hi
            inner = level[i]
            lo = max(lo, inner.start)
            if offset >= inner.end:
                return chain, max(lo, inner.end), hi
            hi = min(hi, inner.end)
            chain.append(inner)
            level = inner.children
        return chain, lo, hi

    def to_list(self) -> list[dict[str, object]]:
        """The whole tree as JSON-ready dicts."""
        return [s.to_dict() for s in self.sections]


@dataclass(slots=True)
class _Heading:
    kind: str
    level: int
    rank: int
    label: str
    title: str
    start: int
    heading_end: int
    number: int
    inline: bool  # a lead-in inside a paragraph


_DIGITS = {ch: i + 1 for i, ch in enumerate(_CN[:9])} | {"零": 0}


def cn_number(numeral: str) -> int:
    """Value of a small Chinese or Arabic numeral (一 → 1, 十二 → 12, 二十 → 20, 12 → 12); 0 if unknown."""
    if numeral.isdigit():
        return int(numeral)
    digits = _DIGITS
    if numeral == "十":
        return 10
    if "百" in numeral:
        head, _, rest = numeral.partition("百")
        return digits.get(head, 1) * 100 + (cn_number(rest.lstrip("零")) if rest else 0)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(numeral, 0) if len(numeral) == 1 else 0


def _title(text: str, start: int) -> tuple[str, int]:
    """The heading's title from `start` to the end of its first sentence or line, and that end."""
    stop = _TITLE_END.search(text, start)
    end = stop.start() if stop else len(text)
    return text[start:end].strip(" *\t\u3000\u2003\u00a0#"), end


# What a heading's label can start with (第, 一…十, a bracket, a digit); anything else is no heading.
_LABEL_FIRST = frozenset("第（(" + _CN)


def _label_start(text: str, pos: int, inline: bool) -> int:
    """Where the label of a heading starting at `pos` would start (after a paragraph's "**")."""
    return pos + 2 if not inline and text.startswith("**", pos) else pos


def _may_open(text: str, pos: int, inline: bool) -> bool:
    """False when no heading can start at `pos`: its label would not start with 第, a numeral, a bracket or *."""
    first = text[(at := _label_start(text, pos, inline)): at + 1]
    return first in _LABEL_FIRST or first.isdigit() or first == "*"


def _match_at(text: str, pos: int, inline: bool) -> _Heading | None:
    """The heading that starts at `pos`, if any."""
    styles = [_LEAD_IN] if inline else _STYLES
    if not _may_open(text, pos, inline):
        return None  # the usual paragraph start: one set look-up instead of eight patterns
    pos_label = _label_start(text, pos, inline)
    for kind, level, rank, pattern in styles:
        m = pattern.match(text, pos_label if kind != "lead_in" else pos)
        if not m:
            continue
        title, end = _title(text, m.end())
        if kind == "lead_in" and len(title) > _MAX_LEAD_TITLE and "，" in title:
            # A long lead-in sentence: its first clause names the point.
            end = text.index("，", m.end(), end)
            title = text[m.end():end].strip(" *\t\u3000\u2003\u00a0#")
        if not title or (len(title) > _MAX_TITLE and kind != "lead_in"):
            return None
        label = m.group(0).strip("*")
        return _Heading(kind, level, rank, label, title, pos, end, cn_number(m.group("n")), inline)
    return None


def _candidates(text: str) -> Iterator[_Heading]:
    """Every heading-like start in `text`, in order."""
    seen: set[int] = set()
    paragraphs = {m.end() for m in _PARA_START.finditer(text)}
    paragraphs.add(_TEXT_START.match(text).end())
    # Only the starts a label can open (`_may_open`) are tried: most paragraphs open with a word.
    starts = sorted({(pos, False) for pos in paragraphs if _may_open(text, pos, False)}
                    | {(m.end(), True) for m in _INLINE_LEAD.finditer(text) if m.end() not in paragraphs})
    for pos, inline in starts:
        if pos in seen or pos >= len(text):
            continue
        seen.add(pos)
        heading = _match_at(text, pos, inline)
        if heading is not None:
            yield heading


def _sentence_per_line(text: str) -> bool:
    """True for documents that put each sentence on its own line (paragraphs are not lines)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 30:
        return False
    multi = sum(1 for line in lines if line.count("。") >= 2)
    return multi < 0.1 * len(lines)


def build_outline(text: str) -> Outline:
    """Build the section tree of `text` from its headings."""
    return _recent_outline(text)


@lru_cache(maxsize=4)  # describe, quantities, tasks and the writer each ask for the same document's tree
def _recent_outline(text: str) -> Outline:
    roots: list[Section] = []
    stack: list[Section] = []
    ranks: dict[int, int] = {}  # id(section) -> rank
    lead_ends: dict[int, int] = {}  # id(lead-in section) -> end of its paragraph
    para_ends: list[int] | None = None  # where paragraphs end, computed on the first lead-in

    def close_until(pos: int) -> None:
        # Lead-ins govern to the end of their paragraph only.
        while stack and id(stack[-1]) in lead_ends and lead_ends[id(stack[-1])] <= pos:
            node = stack.pop()
            node.end = lead_ends[id(node)]

    title_end = 0  # a candidate inside the previous heading's title is part of that title
    for h in _candidates(text):
        if h.start < title_end:
            continue
        close_until(h.start)
        if not _plausible(h, stack, ranks, roots):
            continue
        node = Section(h.level, h.label, h.title, h.start, len(text), h.heading_end, kind=h.kind, number=h.number)
        while stack and ranks[id(stack[-1])] >= h.rank:
            closed = stack.pop()
            closed.end = min(h.start, lead_ends.get(id(closed), h.start))
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        ranks[id(node)] = h.rank
        title_end = h.heading_end
        if h.kind == "lead_in":
            if para_ends is None:
                para_end = _BLANK_PARA_END if _sentence_per_line(text) else _PARA_END
                para_ends = [m.start() for m in para_end.finditer(text)]
            i = bisect_left(para_ends, h.heading_end)
            lead_ends[id(node)] = para_ends[i] if i < len(para_ends) else len(text)
        stack.append(node)
    close_until(len(text))
    for node in stack:
        node.end = min(len(text), lead_ends.get(id(node), len(text)))
    return Outline(text, roots)


def _plausible(h: _Heading, stack: list[Section], ranks: dict[int, int], roots: list[Section]) -> bool:
    """False for a numbered heading that does not continue its numbering (a list inside a sentence)."""
    if h.number <= 1:
        return True
    parent = next((s for s in reversed(stack) if ranks[id(s)] < h.rank), None)
    siblings = parent.children if parent is not None else roots
    previous = next((s for s in reversed(siblings) if s.kind == h.kind), None)
    if previous is not None:
        return h.number > previous.number  # numbering goes on
    return h.kind not in _LOOSE_KINDS
