"""Where a sentence stands: the plan's year, and the kind and year its section implies.

Review sections (执行情况, 工作回顾) hold results of the previous year; target and
task sections (目标, 任务, 安排) hold targets of the plan year. Five-year periods
(十四五, 十五五) map to their last year.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from planwatch.documents.outline import Outline, Section, build_outline
from planwatch.extract import plain_re

FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
_FIVE_YEAR = plain_re.compile("|".join(FIVE_YEAR_END))
_TITLE_YEAR = regex.compile(r"(20\d{2}|19\d{2})\s*年[^\n。]{0,12}?(?:国民经济和社会发展计划|政府工作报告|计划草案|预算)")
# A report on one year's execution and the next year's plan: "执行情况与2025年…计划草案", "执行情况及计划草案",
# a portal's "执行情况和2021年国民经济计划执行草案", a title cut after its second year ("执行情况与2019年国民经济").
_DRAFT = regex.compile(r"执行情况[^\n。]{0,40}?(?:草案|安排)|执行情况\s*(?:与|和|及|暨|、)\s*(?:20|19)\d{2}\s*年")
_DATELINE = regex.compile(r"——\s*(20\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_REVIEW = plain_re.compile(r"回顾|执行情况|完成情况|过去|成绩|成就|进展情况|主要工作")
_FORWARD = plain_re.compile(r"任务|目标|安排|要求|重点|建议|部署|举措|今年|思路|展望|工作")
_YEAR = regex.compile(r"(20\d{2}|19\d{2})\s*年")
# What lets a subsection overturn its parent's kind: a year, a five-year term, goals, a review.
_STRONG = regex.compile(r"(?:19|20)\d{2}\s*年|十[一二三四五六]五|目标|今年|明年|回顾|执行情况|完成情况")
# Paragraph openings that switch between review and outlook inside one section.
_PARA = regex.compile(
    r"(?:^|\n|[ \u3000\u2003]{2,})[ \u3000\u2003]*(?P<open>过去一年|过去五年|一年来|五年来|今年)"
    r"|(?P<goal>(?:主要)?(?:预期)?目标(?:是|为)?[：:])"
    r"|(?:^|\n)[ \u3000\u2003]*(?P<five>“?十[一二三四五六]五”?(?:时期|期间))"
)
_OUTLOOK = plain_re.compile(r"目标|要|将|力争|确保|计划|安排|拟|着力|重点|努力")


@dataclass(slots=True)
class Frame:
    """The default kind and year for quantities in one section."""

    kind: str
    year: int | None
    section: str


def plan_year(text: str, name: str = "", outline: Outline | None = None) -> int | None:
    """The year a plan or work report is for: title, dateline, headings, then the file name."""
    head = text[:600]
    if m := _TITLE_YEAR.search(head):
        # "关于2024年…计划执行情况与2025年…计划草案的报告": the plan is the draft's year, not the one reviewed.
        # The title is the paragraph that holds the match (a yearless title line above it says nothing).
        para = head.rfind("\n\n", 0, m.start()) + 2 if "\n\n" in head[: m.start()] else 0
        title = head[para: m.end() + 80].split("\n\n")[0]
        if draft := _DRAFT.search(title, m.start() - para):
            # the draft's own year ("…执行情况和2021年国民经济计划执行草案"), else the year after the one reviewed
            years = [int(y.group(1)) for y in _YEAR.finditer(draft.group(0))]
            return max(years) if years else int(m.group(1)) + 1
        return int(m.group(1))
    if m := _DATELINE.search(head):
        return int(m.group(1))
    outline = outline or build_outline(text)
    for section in outline.walk():
        if section.level > 2:
            continue
        if y := _YEAR.search(section.title):
            year = int(y.group(1))
            if _REVIEW.search(section.title):
                return year + 1
            if _FORWARD.search(section.title):
                return year
    if m := regex.search(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", name):
        return int(m.group(1))
    return None


def _classify(section: Section, plan: int | None) -> tuple[str | None, int | None]:
    """Kind and year a heading implies, or (None, None) when it says neither."""
    title = section.title
    five = _FIVE_YEAR.search(title)
    y = _YEAR.search(title)
    year = int(y.group(1)) if y else None
    if _REVIEW.search(title):
        if five and not year:
            year = FIVE_YEAR_END[five.group(0)]
        return "result", year if year else (plan - 1 if plan else None)
    if _FORWARD.search(title) or (year and plan and year >= plan):
        if five and not year:
            year = FIVE_YEAR_END[five.group(0)]
        return "target", year if year else plan
    return None, None


# Goals of the next five years, said just before the colon: "明确了今后五年的发展目标：", "“十五五”时期主要目标：".
_AHEAD_FIVE = plain_re.compile(r"(?:(?:今后|未来)(?:五|5)年|(?P<p>十[一二三四五六]五)[”\"]?(?:时期|期间)?)[^，。；！？]{0,12}$")


def _goal_year(before: str, plan: int | None) -> int | None:
    """The year of goals announced after `before` (the text of their line up to 目标): a five-year plan's last year
    when the goals are those of the next five years, else the plan's (a 十四五 named earlier in the sentence,
    "是实施“十四五”规划承上启下的关键一年，…主要预期目标是：", does not count)."""
    found = _AHEAD_FIVE.search(before) if plan is not None else None
    if found is None or plan is None:
        return plan
    end = FIVE_YEAR_END[found.group("p")] if found.group("p") else plan + 4
    return end if end > plan else plan


class DocumentContext:
    """Section frames of one document, looked up by offset into the normalised text."""

    def __init__(self, text: str, name: str = "", outline: Outline | None = None) -> None:
        self.text = text
        self.outline = outline or build_outline(text)
        self.plan_year = plan_year(text, name, self.outline)
        self._frames: list[tuple[int, int, Frame]] = []
        default = Frame("result", self.plan_year - 1 if self.plan_year else None, "")
        self._default = default
        self._cache: dict[tuple[int, int], Frame] = {}
        self._cues: list[tuple[int, str, int | None]] = self._paragraph_cues()
        self._cue_starts = [cue[0] for cue in self._cues]
        self._outlook_from = self._end_of_first_review()

    def _end_of_first_review(self) -> int | None:
        """Where the first top-level review section ends: unlabelled sections after it look ahead."""
        tops = [s for s in self.outline.sections if s.level <= 1]
        for i, section in enumerate(tops):
            kind, _ = _classify(section, self.plan_year)
            if kind == "result" or (kind is None and i == 0 and len(tops) > 1):
                return section.end  # a report opens with its review, named or not
            if kind == "target":
                return None
        return None

    def _paragraph_cues(self) -> list[tuple[int, str, int | None]]:
        """Paragraphs that open a review (过去一年…) or an outlook (今年…目标) of their own."""
        cues: list[tuple[int, str, int | None]] = []
        plan = self.plan_year
        for m in _PARA.finditer(self.text):
            if m.group("goal"):
                line = self.text[self.text.rfind("\n", 0, m.start("goal")) + 1: m.start("goal")]
                cues.append((m.start("goal"), "target", _goal_year(line, plan)))
                continue
            if m.group("five"):  # a paragraph about a five-year period: its last year
                end = FIVE_YEAR_END[m.group("five").strip("“”").removesuffix("时期").removesuffix("期间").strip("“”")]
                if plan:
                    cues.append((m.start("five"), "target" if end >= plan else "result", end))
                continue
            opening = m.group("open")
            if opening == "今年":
                stop = self.text.find("\n", m.end())
                paragraph = self.text[m.end(): stop if stop >= 0 else len(self.text)][:200]
                if _OUTLOOK.search(paragraph):
                    cues.append((m.start("open"), "target", plan))
            else:
                cues.append((m.start("open"), "result", plan - 1 if plan else None))
        return cues

    def _cue_before(self, pos: int) -> tuple[int, str, int | None] | None:
        """The last paragraph cue at or before `pos` (cues are in text order: one bisection)."""
        i = bisect_right(self._cue_starts, pos)
        return self._cues[i - 1] if i else None

    def frame_at(self, pos: int) -> Frame:
        """Kind and year implied by the innermost classifying heading around `pos`."""
        path = self.outline.path_at(pos)
        cue = self._cue_before(pos)
        key = (id(path[-1]) if path else -1, cue[0] if cue else -1)
        if key in self._cache:
            return self._cache[key]
        kind, year = self._default.kind, self._default.year
        decided_at = -1
        for depth, section in enumerate(path):
            if depth and decided_at >= 0 and not _STRONG.search(section.title):
                continue  # "（一）全力实施“三大任务”…" inside a review stays a review
            k, y = _classify(section, self.plan_year)
            if k:
                kind, year, decided_at = k, y, section.start
        if decided_at < 0 and self._outlook_from is not None and path and path[0].start >= self._outlook_from:
            kind, year, decided_at = "target", self.plan_year, path[0].start
        if cue and cue[0] > decided_at:
            kind, year = cue[1], cue[2]
        label = " > ".join(f"{s.label}{s.title}" for s in path)
        frame = Frame(kind, year, label)
        self._cache[key] = frame
        return frame
