"""Which results are year-end estimates (预计), not final figures.

A plan is written in December or January: its review of the year closing is almost always 预计 ("预计全县地区生产总值
完成185.6亿元，增长6.2%", "预计2018年主要指标完成情况如下：——地区生产总值700亿元左右…"). Such a result is kept, but marked
(`Quantity.estimate`), so that monitoring can prefer a final figure of the same year and say when a verdict rests on
an estimate. A result is an estimate when 预计 governs it:

- in its own sentence, before its value ends ("预计全县地区生产总值完成185.6亿元，增长6.2%；…一般公共预算收入12.3亿元"
  — a sentence that opens on 预计 covers every clause up to its full stop; "全年预计完成…" too);
- in a lead sentence the result's list hangs from ("预计2018年主要指标完成情况如下：" then "——地区生产总值…；" lines),
  through list items up to the next heading or the first paragraph that is no list item;
- in a heading above it ("一、2023年主要指标预计完成情况").

Not an estimate: 预计数 (the estimate as a base: "比上年预计数增长5%"), 预计 as a noun of comparison ("好于预计",
"超出预计", "低于预计"), a target (预计 before a goal is the plan's expectation: kind target, never flagged), and
初步核算 — the statistics office's preliminary accounting is the official figure of its date (docs/extraction.md).
A 左右 on a result alone does not make it an estimate either (it is an approximation as written).

Where the 预计 is not inside the record's quote, `extra["estimate_quote"]` holds the evidence with it (the text from
预计 to the quote's end when it is near in the same sentence, else the governing lead or heading, …, and the quote)
and `extra["estimate_start"]` where that evidence starts: the store's document actual quotes it, so a verdict's
evidence never drops the 预计 the document wrote.
"""

from __future__ import annotations

import regex

from planwatch.documents.normalize import NormalText
from planwatch.documents.outline import Outline
from planwatch.extract.records import Quantity

__all__ = ["ESTIMATE", "mark_estimates"]

# 预计 as "estimated": not 预计数 / 预计值 (the estimate as a base), nor after 于/出/过/比/较/及/超/到 (好于预计, 超过预计,
# 比预计, 不及预计, 达到预计: the expectation compared with), nor 预计目标 (an expected goal)
ESTIMATE = regex.compile(r"(?<![于出过比较及超到])预计(?!数|值|目标)")
_SENTENCE_MARKS = "。！？!?\n"
_CLAUSE_MARK = regex.compile(r"[，,；;：:]")
# What may open a clause before a 预计 that governs the rest of its sentence: time and place words only
_OPENING = regex.compile(
    r"[ \u3000\t—]*(?:(?:(?:19|20)\d{2}\s*年|今年|全年|去年|当年|上年|年内|年底|年末|全[国省市县区镇乡旗]|我[国省市县区镇]|"
    r"本[省市县区镇]|[\p{Han}]{1,5}[省市县区镇州旗]|(?:经|据)?(?:初步)?测算|初步|综合|总体|[ \u3000\t])*)")
# A list item's opening: a dash, a bullet, a circled number (a bracketed or dotted number opens headings too: such an
# item needs its clause mark at the end, `_list_item`)
_MARKED = regex.compile(r"[ \u3000\t]*(?:——|—|－|-|·|•|●|○|■|□|◆|◇|▪|★|☆|[①-⑳])")
_NUMBERED = regex.compile(r"[ \u3000\t]*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]|[一二三四五六七八九十]{1,2}是)")
_LEAD_END = regex.compile(r"(?:[：:]|如下)[ \u3000\t]*$")
_NEAR = 40  # 预计 at most this far before the quote in its sentence: the evidence runs on from it
_LIST_MAX = 150  # a paragraph this short that ends on a clause mark counts as a list item under a lead
_LEAD_MAX = 80  # a lead sentence is short
_UP = 40  # paragraphs looked back for a lead
_SENTENCE_MAX = 400  # a sentence is looked back into this far (a page of unpunctuated text costs no more)


def mark_estimates(records: list[Quantity], norm: NormalText, outline: Outline) -> None:
    """Set `estimate` (and the evidence with 预计, `extra`) on each result that 预计 governs."""
    s = norm.text
    if not ESTIMATE.search(s):
        return
    for q in records:
        if q.kind != "result" or q.end <= q.start:
            continue
        start = norm.from_original(q.start)
        end = norm.from_original(q.end - 1) + 1
        cue = _in_sentence(s, start, end)
        if cue is not None:
            q.estimate = True
            if ESTIMATE.search(q.quote) is None:
                _quote_from(q, norm, cue)
            continue
        lead = _lead(s, outline, start)
        words = _heading(outline, start) or (norm.original[slice(*norm.span(*lead))].strip() if lead else "")
        if words:
            q.estimate = True
            if ESTIMATE.search(q.quote) is None:
                q.extra["estimate_quote"] = f"{words}……{q.quote}"
                q.extra["estimate_start"] = q.start


def _in_sentence(s: str, start: int, end: int) -> int | None:
    """The offset of a 预计 of the sentence that governs the record at [start, end), or None: one inside its words
    ("全社会研发投入强度预计达到2.6%"), one that opens the sentence or a clause with nothing but time and place words
    before it ("预计全县…", "2022年预计达到…", "全年预计…": to the sentence's end), or one after another subject in the
    record's own clause ("主营业务收入预计达到4200亿元、从业人员达到43.8万人"; not "…，清洁能源装机比重达66.1%" after
    "数字经济增加值预计达3.4万亿元，…")."""
    floor = max(0, start - _SENTENCE_MAX)
    lo = max(floor, *(s.rfind(mark, floor, start) + 1 for mark in _SENTENCE_MARKS))
    found = None
    for m in ESTIMATE.finditer(s, lo, end):
        if m.start() >= start:
            return m.start()
        clause = lo
        for mark in _CLAUSE_MARK.finditer(s, lo, m.start()):
            clause = mark.end()
        if _OPENING.fullmatch(s, clause, m.start()) or not _CLAUSE_MARK.search(s, m.end(), start):
            found = m.start()
    return found


def _quote_from(q: Quantity, norm: NormalText, cue: int) -> None:
    """The evidence with the 预计 at normalised offset `cue`: the text from it to the quote's end when near, else
    预计…… before the quote."""
    origin = norm.to_original(cue)
    if origin < q.start and q.start - origin <= _NEAR:
        q.extra["estimate_quote"] = norm.original[origin:q.end]
        q.extra["estimate_start"] = origin
    elif origin < q.start:
        q.extra["estimate_quote"] = f"预计……{q.quote}"
        q.extra["estimate_start"] = q.start


def _heading(outline: Outline, pos: int) -> str:
    """The title of a heading above `pos` that says 预计 (its label and title), or ""."""
    for section in outline.path_at(pos):
        if pos >= section.heading_end and ESTIMATE.search(section.title):
            return f"{section.label}{section.title}"
    return ""


def _lead(s: str, outline: Outline, pos: int) -> tuple[int, int] | None:
    """Where the lead sentence with 预计 is that the list holding `pos` hangs from ("预计2018年主要指标完成情况如下："),
    or None."""
    path = outline.path_at(pos)
    floor = path[-1].heading_end if path else 0  # never past the heading of the section the record is in
    at = s.rfind("\n", 0, pos) + 1  # the record's paragraph
    for _ in range(_UP):
        if at <= floor:
            return None
        stop = at - 1
        begin = s.rfind("\n", 0, stop) + 1
        paragraph = s[begin:stop].strip()
        at = begin
        if not paragraph:
            continue
        if begin < floor:
            return None
        if _LEAD_END.search(paragraph):
            lead = max(begin, s.rfind("。", begin, stop) + 1)  # the sentence that leads, not the paragraph's earlier ones
            while lead < stop and s[lead].isspace():
                lead += 1
            end = stop
            while end > lead and s[end - 1].isspace():
                end -= 1
            return (lead, end) if end - lead <= _LEAD_MAX and ESTIMATE.search(s, lead, end) else None
        if not _list_item(paragraph):
            return None
    return None


def _list_item(paragraph: str) -> bool:
    """A list item under a lead: a dashed or bulleted item, or a numbered or short one ending on a clause mark (a
    heading, "（一）保持经济稳定增长，实体经济迈上新台阶", ends on none)."""
    if _MARKED.match(paragraph):
        return True
    return paragraph[-1] in "；;，,。" and (len(paragraph) <= _LIST_MAX or _NUMBERED.match(paragraph) is not None)
