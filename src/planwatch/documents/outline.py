"""The section outline of a plan: headings 第一章 / 一、 / （一） / 1. / （1） / 一是, as a tree.

Headings are found at the start of a paragraph (after a line break, or after a
run of wide spaces in documents that keep a whole speech on one line).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

_CN = "一二三四五六七八九十"
_LEVELS: list[tuple[int, regex.Pattern[str]]] = [
    (0, regex.compile(rf"第[{_CN}百零\d]+[章篇部分](?![\p{{Han}}]{{0,2}}[，。])")),
    (1, regex.compile(rf"[{_CN}]{{1,3}}、")),
    (2, regex.compile(rf"[（(][{_CN}]{{1,3}}[）)]")),
    (3, regex.compile(r"\d{1,2}(?:[.．](?!\d)|、)")),
    (4, regex.compile(r"[（(]\d{1,2}[）)]")),
    (5, regex.compile(rf"\*{{0,2}}[{_CN}]是\*{{0,2}}(?=[\p{{Han}}“])")),
]
_PARA_START = regex.compile(r"(?:^|\n|(?<=[。；！？])[ \u3000\u2003\u00a0]{2,}|[ \u3000\u2003]{2,})[ \t\u3000\u2003\u00a0]*")
_TITLE_END = regex.compile(r"[。；！？\n]|[ \u3000\u2003]{2,}")


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
            "level": self.level, "label": self.label, "title": self.title,
            "start": self.start, "end": self.end,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(slots=True)
class Outline:
    """The heading tree of one document, with look-up by offset."""

    text: str
    sections: list[Section]

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def path_at(self, offset: int) -> list[Section]:
        """The sections that contain `offset`, outermost first."""
        chain: list[Section] = []
        level = self.sections
        while True:
            inner = next((s for s in level if s.start <= offset < s.end), None)
            if inner is None:
                return chain
            chain.append(inner)
            level = inner.children


def _headings(text: str) -> Iterator[tuple[int, str, str, int, int]]:
    """(level, label, title, start, heading_end) for every heading in `text`."""
    for para in _PARA_START.finditer(text):
        pos = para.end()
        for level, pattern in _LEVELS:
            m = pattern.match(text, pos)
            if not m:
                continue
            label = m.group(0).strip("*")
            stop = _TITLE_END.search(text, m.end())
            end = stop.start() if stop else len(text)
            if stop and text[stop.start()] in "。；！？":
                end = stop.start()
            title = text[m.end():end].strip(" *\u3000")
            if not title or len(title) > 80 and level < 3:
                break
            yield level, label, title, pos, end
            break


def build_outline(text: str) -> Outline:
    """Build the section tree of `text` from its headings."""
    roots: list[Section] = []
    stack: list[Section] = []
    for level, label, title, start, heading_end in _headings(text):
        node = Section(level, label, title, start, len(text), heading_end)
        while stack and stack[-1].level >= level:
            stack.pop().end = start
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    return Outline(text, roots)
