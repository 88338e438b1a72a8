"""Where the commitments are: task and results regions, their groups, paragraphs and clauses.

A plan's top-level sections are sorted by title into results (…执行情况, …工作回顾)
and tasks (…主要任务, …重点工作, …工作安排, …政策取向); goal sections (总体要求, 发展目标) are
skipped unless a 分解方案's unit notes assign their goals, and so are the targets a lead-in announces inside a task
section (…预期目标是：). A table flattened one cell a line is read row by row (`task_tables`).
Inside a region, numbered items ("1. 促进产业提质升级。") are the groups; without them a
paragraph's short lead sentence ("发展质量加快提升。") titles a group,
and paragraphs without one fall under their section's heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import regex

from planwatch.documents.outline import Outline, Section
from planwatch.extract import plain_re
from planwatch.extract.task_lexicon import ACTION, COMPLETION, STRONG, VERB
from planwatch.extract.task_tables import flat_table

RegionKind = Literal["task", "achievement"]

_ACHIEVEMENT_TITLE = regex.compile(r"回顾|执行情况|完成情况|过去[一二三四五六七八九十\d]+年|主要工作和")
_TASK_TITLE = regex.compile(r"任务|重点工作|工作安排|工作建议|政府工作的建议|主要工作|的工作$|工作部署|举措|政策取向|宏观经济政策")
_RESULT_TITLE = regex.compile(r"成就|成效|进展|成绩")
_SKIP_TITLE = regex.compile(r"总体要求|发展环境|预期目标|发展目标|主要考虑")
_SKIP_PARA = regex.compile(
    r"^(?:各位代表|在看到成绩的同时|同时，?我们也|我们也清醒|我们清醒|但也要看到|同时也要看到)|清醒地?认识到|"
    r"^——|[：:]$|^(?:一年来|五年来|过去一年)，?(?:我们)?主要做了"
)
_BOILERPLATE = regex.compile(r"习近平|党中央|总书记|党的[二十九]+大|中共\p{Han}{0,6}委")
# What a match of _SKIP_PARA opens with at the text's start (its other branches: "清醒", a final colon). With
# the words one of which every match of _BOILERPLATE holds (`_boilerplate`), most paragraphs skip both `regex`
# scans (≈ 0.4 ms of a report's ~18 ms of task extraction: 155.1 → 151.7 M instructions).
_SKIP_FIRSTS = frozenset("各在同我但—一五过")
_LABEL = plain_re.compile(r"^(?:\*{0,2}[一二三四五六七八九十]+是\*{0,2}|[（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d))[ \u3000]*")
_SENTENCE_END = "。！？；"
_OPEN, _CLOSE = "“《（(「『【", "”》）)」』】"
LEAD_MAX = 30
# A task is read up to its first CLAUSES_MAX comma clauses (and follow-up matches it on its first
# CLAUSES_MAX clauses), far above real text (the texts of the analyse snapshot: at most 31 pieces in a
# sentence, 14 in a task). Past them a sentence is read only for where a new commitment begins:
# "从…提高到…" × 50,000 in one sentence would otherwise be one task read clause by clause 50,000 times.
CLAUSES_MAX = 200
# A title has no figures and is not a remark about the text ("这是…", "我们…").
_NOT_LEAD = regex.compile(r"\d|^(?:这是|我们|这些|其中|同时|此外)")


@dataclass(slots=True)
class Region:
    """A stretch of the text whose commitments are all tasks or all achievements."""

    kind: RegionKind
    start: int
    end: int
    section: Section | None = None
    period_end: int | None = None  # last year of a five-year section ("十五五"时期主要目标任务 → 2030)
    mixed: bool = False  # a review and the tasks that follow it ("十四五"时期发展成就和"十五五"时期主要目标任务)
    goals: bool = False  # headed as the goals (一、总体目标): a paragraph that opens on directives has actions after them
    title: str = ""  # its heading when the outline holds none for it (a bulleted heading: "• 一、总体目标")


@dataclass(slots=True)
class Group:
    """A task group: its title (lead sentence or heading), label and the body spans of its commitments."""

    title: str
    label: str
    start: int
    kind: RegionKind
    bodies: list[tuple[int, int]] = field(default_factory=list)
    context: str = ""
    own: tuple[int, int] | None = None  # span of a title that stands alone as a paragraph
    period_end: int | None = None  # the year its tasks are due, when not the plan year
    lead_unit: str = ""  # the lead units a table's row names for its tasks (`task_tables`), in the text's words
    time_limit: str = ""  # the time limit a table's row sets its tasks ("5月底前动工")


_SPACE = regex.compile(r"\s+")


_DASHES = re.compile(r"—\s*—")  # a dash lead, whitespace allowed between its two halves


# Whitespace to str.split but not to \s (the information separators U+001C-U+001F): any other, both agree on.
_SPLIT_ONLY = re.compile(r"[\x1c-\x1f]")


def squeeze(text: str) -> str:
    """`text` without whitespace (PDF wraps and stray spaces split words).

    The only printable whitespace is the ASCII space (str.isprintable: not 'Separator' but it; \u3000 is one).
    Joining str.split's pieces removes the same characters as the substitution, ~4× faster, unless the text
    holds one of the characters only str.split takes for whitespace.
    """
    if text.isprintable() and " " not in text:
        return text
    return "".join(text.split()) if _SPLIT_ONLY.search(text) is None else _SPACE.sub("", text)


def classify(title: str) -> RegionKind | None:
    """The kind of a top-level section from its title; None for goal sections that hold no commitments."""
    if _ACHIEVEMENT_TITLE.search(title):
        return "achievement"
    if _TASK_TITLE.search(title):
        return "task"
    if _RESULT_TITLE.search(title):
        return "achievement"
    if _SKIP_TITLE.search(title):
        return None
    return "task"


def regions(text: str, outline: Outline) -> list[Region]:
    """The task and results regions of the text, in order (the whole text when it has no headings)."""
    tops = [s for s in outline.sections if s.level <= 1]
    if not tops:
        return [Region("task", 0, len(text))]
    found: list[Region] = []
    if tops[0].start > 0 and "、" in text[:tops[0].start]:
        found.extend(_bulleted_regions(text, tops[0].start))
    for section in tops:
        title = squeeze(section.title)
        kind = classify(title)
        if kind is None and _ASSIGNED.search(text, section.heading_end, section.end) is not None:
            kind = "task"  # a 分解方案's goals, each with its lead unit ("1.地区生产总值增长8%以上。（…牵头单位：区发改局）")
        if kind is None:
            continue
        region = Region(kind, section.heading_end, section.end, section, goals="目标" in title)
        if kind == "task":
            region.period_end = five_year_end(title, text[section.heading_end:section.heading_end + 400])
            region.mixed = bool(_MIXED_TITLE.search(title))
        found.append(region)
    return found


# A top heading behind a web page's bullet ("• 一、总体目标", before "二、主要任务"): the outline takes it for a line of the
# page's head, and the text under it for the document's opening.
_BULLET_HEADING = re.compile(r"^[ \t\u3000]*[•·●▪■◆][ \t\u3000]*[一二三四五六七八九十]{1,3}、([^\n。！？；，]{2,30}?)[ \t\u3000]*$",
                             re.MULTILINE)


def _bulleted_regions(text: str, end: int) -> list[Region]:
    """The regions under the bulleted top headings (`_BULLET_HEADING`) of text[:end], the opening above the first heading
    the outline found."""
    heads = list(_BULLET_HEADING.finditer(text, 0, end))
    out: list[Region] = []
    for i, m in enumerate(heads):
        kind = classify(squeeze(m.group(1)))
        stop = heads[i + 1].start() if i + 1 < len(heads) else end
        if kind is not None and m.end() < stop:
            out.append(Region(kind, m.end(), stop, goals="目标" in m.group(1), title=squeeze(m.group(1))))
    return out


# A unit note's label (a 分解方案 assigns what it lists): a goal section that holds one is read for tasks.
_ASSIGNED = re.compile(r"(?:牵头|主办|主责|责任)(?:单位|部门)[：:]")
_PLAN_NUMBER = regex.compile(r"十([一二三四五六七八九])五")
_FIVE_YEAR_TITLE = regex.compile(r"十[一二三四五六七八九]五”?(?:时期|规划)[^，,]{0,12}(?:目标|任务|举措)|今后五年|未来五年")
_MIXED_TITLE = regex.compile(r"(?:成就|回顾|成效).{0,20}(?:目标任务|任务)")
_DIGITS = "一二三四五六七八九"
_YEAR_TITLE = regex.compile(r"(?:19|20)\d\d年|今年")


def plan_end(number: str) -> int:
    """The last year of the n-th five-year plan ("十四" → 2025); valid from the sixth plan on."""
    return 1955 + 5 * (10 + _DIGITS.index(number) + 1)


def five_year_end(title: str, opening: str = "") -> int | None:
    """The last year a five-year task section covers, from its title (or, untitled, its opening words)."""
    if _FIVE_YEAR_TITLE.search(title):
        numbers = _PLAN_NUMBER.findall(title)
        return plan_end(numbers[-1]) if numbers else None
    if _YEAR_TITLE.search(title) or _PLAN_NUMBER.search(title):
        return None
    m = regex.search(r"十([一二三四五六七八九])五”?时期", squeeze(opening)[:200])
    return plan_end(m.group(1)) if m else None


def groups(text: str, outline: Outline, region: Region,
           states: Callable[[str], bool] | None = None) -> list[Group]:
    """The task groups of one region, in document order.

    `states(lead)` tells a lead sentence that states (the situation, a judgment) from a title: in a task
    region such a sentence titles no group, its paragraph is read as one without a lead.
    """
    blocks = _blocks(outline, region)
    found: list[Group] = []
    for start, end, section in blocks:
        items = [s for s in _descendants(section, outline) if s.level == 3 and start <= s.start < end]
        if items:
            # paragraphs before the first item are read as they are where a block has no items ("…（九）…：
            # 防范化解重点领域风险。健全…", then the year's list of "1.医疗卫生方面。…" appended to it)
            if items[0].start > start:
                found.extend(_paragraph_groups(text, outline, start, items[0].start, region, section, states))
            found.extend(_item_groups(text, items, region, section))
        else:
            found.extend(_paragraph_groups(text, outline, start, end, region, section, states))
    if region.kind != "task":
        return found
    return [run for group in found for run in (_runs(text, group) if group.kind == "task" else (group,))]


# A run heading inside a paragraph ("…。促进就业增收。加大稳岗扩容力度，…，全面推广以工代赈。深化…"): a short sentence
# that opens with an action and has no list, quote, bracket or figure of its own.
RUN_HEAD_MAX = 12
_HEAD_NOT = re.compile(r"[、“”《》（）()「」\d]")
# Words too general to tie a heading to what follows it ("加强…建设", "完善…体系"): shared, they prove nothing.
_GENERAL = frozenset("建设 发展 体系 工作 服务 机制 制度 提升 水平 能力 质量 优化 推进 加强 管理 改革 结构 保障 效能 作用 "
                     "供给 行动 全面 重点 领域 专项 综合".split())


def _runs(text: str, group: Group) -> list[Group]:
    """`group` cut at the run headings of its bodies: each heading titles a group of its own, holding what follows it
    to the end of its paragraph or to the next sentence of a heading's shape, and is no task itself (a paragraph's
    lead sentence is none either). Shandong's （九）: "…。促进就业增收。加大稳岗扩容力度，…。扩大优质教育资源供给。实施…".
    What follows a run in the group (a sentence of a heading's shape that takes up no word of what follows it, the
    next paragraph) is the group's again, under its title."""
    heads = [[] if body == group.own else _run_heads(text, *body) for body in group.bodies]
    if not any(title is not None for found in heads for _, _, title in found):
        return [group]  # (most groups: no run heading, nothing to cut)
    out = [group]
    bodies, group.bodies = group.bodies, []
    current = group
    for (a, b), found in zip(bodies, heads, strict=True):
        pos = a
        if current is not group:
            current = _continued(group, a)
            out.append(current)
        if found:
            for head, after, title in found:
                if title is None and current is group:
                    continue
                if head > pos:
                    current.bodies.append((pos, head))
                if title is not None:
                    current = Group(title, group.label, head, group.kind, context=group.context,
                                    period_end=group.period_end)
                    pos = after
                else:  # the run ends: the sentence is a commitment of the group's
                    current = _continued(group, head)
                    pos = head
                out.append(current)
        if pos < b:
            current.bodies.append((pos, b))
    return [g for g in out if g.bodies]


def _continued(group: Group, start: int) -> Group:
    """A group that goes on with `group`'s commitments after a run of another title."""
    return Group(group.title, group.label, start, group.kind, context=group.context, period_end=group.period_end)


def _run_heads(text: str, a: int, b: int) -> list[tuple[int, int, str | None]]:
    """(start, end, title) of each run heading in the body text[a:b], the end after its 。; the title None for a
    sentence of a heading's shape that heads nothing (it ends the run before it).

    A heading's shape: a short sentence that opens with an action that directs (推进, 扩大 …; not one that starts or
    completes a thing: 启动建设…, 建成…), at most RUN_HEAD_MAX characters, no list, quote or figure, followed in the
    body by a sentence of three pieces or more, or of two and another sentence. It heads a run when that sentence
    takes up a word of its object (促进就业增收 → "…推进高校毕业生就业服务攻坚…"). A short sentence before one or
    two short ones is a commitment ("健全职业伤害保障制度。鼓励支持…参加职工保险。"). A sentence that opens with a
    field's label ("公路方面，新开工…") heads a run too, its label the title (the label is no part of a task)."""
    if b - a < 3 * RUN_HEAD_MAX:
        return []
    if _SHORT_SENTENCE.search(text, a, b) is None and _SHORT_OPENING.match(text, a, b) is None \
            and text.find("方面", a, b) < 0:
        return []  # no sentence short enough to head a run, no label (most bodies): spare the reading of its clauses
    sentences = clauses(text, a, b)
    out: list[tuple[int, int, str | None]] = []
    for i, sentence in enumerate(sentences):
        start, end = sentence[0]
        if len(sentence) > 1:
            if end - start <= 2 * _LABEL_MAX and text[end] in "，," and _FIELD_LABEL.fullmatch(squeeze(text[start:end])):
                out.append((start, end + 1, squeeze(text[start:end])))
            continue
        if i + 1 >= len(sentences) or end >= len(text) or text[end] != "。" or end - start > 2 * RUN_HEAD_MAX:
            continue
        head = squeeze(text[start:end])
        action = ACTION.match(head)
        if len(head) > RUN_HEAD_MAX or action is None or len(head) - action.end() < 2 or _HEAD_NOT.search(head) \
                or any(v in COMPLETION or v == "启动" for v in VERB.findall(head, 0, action.end())):
            continue
        following = sentences[i + 1]
        if len(following) < 2 or (len(following) == 2 and i + 2 >= len(sentences)):
            continue
        takes_up = _takes_up(head[action.end():], squeeze(text[following[0][0]:following[-1][1]]))
        out.append((start, end + 1, head if takes_up else None))
    return out


# A sentence that may head a run: short, no comma, list, quote or figure (whitespace within it allowed).
# (Two patterns: one that opens with a class of sentence ends is skipped to them at C speed.)
_SHORT_SENTENCE = re.compile(r"[。！？；][^，,。！？；、“”《》（）()\d]{2,%d}。" % (2 * RUN_HEAD_MAX))
_SHORT_OPENING = re.compile(r"[^，,。！？；、“”《》（）()\d]{2,%d}。" % (2 * RUN_HEAD_MAX))
# A field's label opening a sentence ("铁路方面，…", "机场方面，…"): a noun of two to six characters before 方面.
_LABEL_MAX = 8
_FIELD_LABEL = regex.compile(r"(?![另一]{2})\p{Han}{2,6}方面")  # (not 另一方面, a turn)


def _takes_up(obj: str, sentence: str) -> bool:
    """Whether `sentence` holds two characters in a row of `obj` that are not a general word."""
    return any(obj[k:k + 2] not in _GENERAL and obj[k:k + 2] in sentence for k in range(len(obj) - 1))


def _descendants(section: Section | None, outline: Outline) -> list[Section]:
    return list(outline.walk()) if section is None else _walk(section)


def _walk(section: Section) -> list[Section]:
    out: list[Section] = []
    stack = list(reversed(section.children))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def _blocks(outline: Outline, region: Region) -> list[tuple[int, int, Section | None]]:
    """The region's level-2 sections, or the region itself when it has none (its intro is skipped)."""
    section = region.section
    children = [c for c in section.children if c.level == 2] if section else []
    if not children:
        return [(region.start, region.end, section)]
    return [(c.heading_end, c.end, c) for c in children]


def _label_path(section: Section | None, stop: Section | None) -> str:
    labels: list[str] = []
    node = section
    while node is not None and node is not stop and node.level >= 2:
        labels.append(node.label)
        node = node.parent
    return "".join(reversed(labels))


def _item_groups(text: str, items: list[Section], region: Region, block: Section | None) -> list[Group]:
    out: list[Group] = []
    for item in items:
        body_start = item.heading_end + (1 if item.heading_end < len(text) and text[item.heading_end] in _SENTENCE_END else 0)
        body_end = item.end
        group = Group(squeeze(item.title), _label_path(item, region.section), item.start, region.kind,
                      context=squeeze(block.title) if block else "", period_end=region.period_end)
        if region.kind == "task" and not _titles(text, item):
            # an item whose first sentence commits (a 分工方案's "2.重视…，全力推进…，确保…。（…主办）", a 实事 list's
            # "1.*改建认知障碍照护床位220张"): its title is a body too, not only the group's name
            body_start = _past_label(text, item)
        group.bodies = [(_past_item_label(text, *p), p[1]) for p, _ in
                        paragraphs(text, body_start, min(body_end, region.end)) if p[1] > p[0]]
        if region.kind == "task" and body_start > item.start and \
                all(_UNIT_NOTE.match(squeeze(text[a:b])) is not None for a, b in group.bodies):
            # a numbered line with nothing under it but its unit note ("4.开工建设新城小学。" in a list of one item a
            # line; "10.完成…考核目标任务。（责任领导：…；牵头单位：…）"): no heading of a body but a commitment, read as one
            # (a title that heads a body is none: "1.提速续建项目进度。" heads the sentences after it)
            own = _past_label(text, item)
            if item.heading_end > own:
                group.bodies.insert(0, (own, item.heading_end))
        out.append(group)
    return out


# A unit note alone in its paragraph ("（责任领导：某某；牵头单位：区发改局）", "（区发改委牵头）"): it names who leads, no body.
_UNIT_NOTE = re.compile(r"[（(【][^（）()【】]*(?:(?:牵头|主办|主责|责任|负责)(?:单位|部门|领导)[：:]|(?:牵头|主办)[）)】])"
                        r"[^（）()【】]*[）)】]")


def _two_actions(lead: str) -> bool:
    """Whether a lead sentence (whitespace-free) is two comma pieces that each open with a strong action."""
    pieces = lead.split("，")
    if len(pieces) != 2:
        return False
    for piece in pieces:
        m = ACTION.match(piece)
        if m is None or len(piece) - m.end() < 3 or not any(v in STRONG for v in VERB.findall(piece, 0, m.end())):
            return False
    return True


def _titles(text: str, item: Section) -> bool:
    """Whether a numbered item's heading only titles it, as a paragraph's lead does: one short sentence (at most
    LEAD_MAX characters, no figure) ended by its 。 ("1. 促进产业提质升级。"), not a long sentence of several
    commitments nor a line with no sentence end and a figure ("1.*改建认知障碍照护床位220张")."""
    title = squeeze(item.title)
    if len(title) > LEAD_MAX or _NOT_LEAD.search(title):
        return False
    return item.heading_end >= len(text) or text[item.heading_end] in "。！？" or "，" not in title


def _past_label(text: str, item: Section) -> int:
    """Where the text of a numbered item starts: past its label and the marks around it."""
    at = text.find(item.label, item.start, item.heading_end)
    at = item.start if at < 0 else at + len(item.label)
    while at < item.heading_end and (text[at] in " *\u3000\t" or text[at].isspace()):
        at += 1
    return at


def _past_item_label(text: str, a: int, b: int) -> int:
    """The start of a paragraph past a numbered label it opens with ("3.持续拓展…": an item the outline does not
    hold, its heading too long)."""
    if not "0" <= text[a] <= "9":
        return a
    m = _LABEL.match(text[a:min(b, a + 8)])
    return a + m.end() if m is not None and m.end() < b - a else a


def _paragraph_groups(text: str, outline: Outline, start: int, end: int, region: Region,
                      block: Section | None, states: Callable[[str], bool] | None = None) -> list[Group]:
    """The groups of text[start:end]: its paragraphs, and the rows of a table flattened one cell a line in it
    (`task_tables.flat_table`: each row a group, its unit and time cells its tasks' lead unit and time limit)."""
    table = flat_table(text, start, end) if region.kind == "task" and not region.mixed else None
    if table is None:
        return _prose_groups(text, outline, start, end, region, block, states)
    context = squeeze(block.title) if block else ""
    label = _label_path(block, region.section)
    rows = [Group(row.title or squeeze(text[row.bodies[-1][0]:row.bodies[-1][1]]).rstrip("。；"), label + row.label,
                  row.start, "task", list(row.bodies), context=context, period_end=region.period_end,
                  lead_unit=row.units, time_limit=row.time_limit) for row in table.rows]
    return [*_prose_groups(text, outline, start, table.start, region, block, states), *rows,
            *_paragraph_groups(text, outline, table.end, end, region, block, states)]


def _prose_groups(text: str, outline: Outline, start: int, end: int, region: Region,
                  block: Section | None, states: Callable[[str], bool] | None = None) -> list[Group]:
    out: list[Group] = []
    current: Group | None = None
    block_title = squeeze(block.title) if block else ""
    block_label = _label_path(block, region.section)  # the labels above every group of the block
    kind: RegionKind = "achievement" if region.mixed else region.kind
    goals = False  # inside the list of targets a lead-in announced
    for (p_start, p_end), is_heading in paragraphs(text, start, end):
        if is_heading:
            current, goals = None, False
            continue
        para = text[p_start:p_end]
        label = _LABEL.match(para)
        body_start = p_start + (label.end() if label else 0)
        flat = squeeze(para[:60])
        if region.kind == "task":
            opening = _ANY_OPENING.match(flat) is not None  # else none of the five patterns below can match
            turn = review_turn(flat, region.period_end) if opening else None
            if not region.mixed and turn is None and kind == "achievement":
                turn = "task"  # "过去一年，国防…" in a task section: that paragraph only looks back
            if turn is not None and turn != kind:
                kind, current = turn, None
            if kind == "task" and flat.startswith("——") and len(flat) > 2:
                dashes = _DASHES.search(para)  # "——坚持创新驱动发展，…。推动…": a commitment ("— —" when spaced)
                body_start = p_start + (dashes.end() if dashes else 0)
                label = None
            if opening and (_CONTEXT_PARA.search(flat)
                            or (kind == "task" and _PLAN_PARA.match(flat) and not _PLAN_TASKS.search(squeeze(para)))):
                continue  # "“十五五”时期是…关键时期", "《纲要草案》明确了…发展目标": context, not commitments
        if goals:  # "…主要预期目标是：" then its items ("国内生产总值增长6.5%左右，在实际工作中争取更好结果；"): targets
            goals = para.rstrip()[-1:] not in "。！？"
            continue
        if _skipped(squeeze(para)) and not (region.kind == "task" and kind == "task" and flat.startswith("——")):
            goals = region.kind == "task" and _GOALS_LEAD.search(squeeze(para)) is not None
            continue
        if not label and _boilerplate(squeeze(text[body_start:min(p_end, body_start + 120)])):
            if not region.goals:
                continue
            # under a heading of goals ("一、总体目标"): the directives frame the year's own actions and figures after them
            body_start = _past_directives(text, body_start, p_end)
            if body_start >= p_end:
                continue
        lead_end = _lead_end(text, body_start, p_end)
        if lead_end is not None and kind == "task" and states is not None and \
                states(squeeze(text[body_start:lead_end]).rstrip("。！？；")):
            lead_end = None  # a statement ("今年就业压力加大，要坚持…"): no title
        if lead_end is not None:
            title = squeeze(text[body_start:lead_end]).rstrip("。！？；")
            current = Group(title, block_label + (label.group(0).strip(" *\u3000") if label else ""),
                            p_start, kind, context=block_title, period_end=_due(region, kind))
            out.append(current)
            if lead_end < p_end:
                if _short_sentence(text, lead_end, p_end):
                    # two short sentences ("完善集体林权制度改革。加快国有农牧林场改革。"): a pair of commitments,
                    # not a heading and its body (a heading leads a paragraph of several or longer sentences)
                    current.own = (body_start, lead_end)
                    current.bodies.append(current.own)
                current.bodies.append((lead_end, p_end))
            else:  # a one-sentence paragraph is a commitment of its own as well as the title of what follows
                current.own = (body_start, lead_end)
                current.bodies.append(current.own)
            if lead_end < p_end and current.own is None and kind == "task" and _two_actions(title):
                # a lead of two actions ("实施公共文化服务提质增效行动，加快重大公共文化项目建设。"): commitments, not a title
                current.own = (body_start, lead_end)
                current.bodies.insert(0, current.own)
            continue
        if current is None:
            path = outline.path_at(p_start)
            # no heading above it: the text's opening words title it, unless they are a news lead's byline ("某某在线
            # 某某频道消息（记者…）：…": the outlet's name, no field of the text's)
            title = squeeze(path[-1].title) if path else region.title or (
                "" if BYLINE.match(para) is not None else squeeze(para[:20]))
            current = Group(title, block_label, p_start, kind, context=block_title, period_end=_due(region, kind))
            out.append(current)
        current.bodies.append((body_start, p_end))
    for group in out:
        if not group.bodies and group.own is not None:
            group.bodies.append(group.own)  # a one-sentence paragraph: its title is its only task
    return [g for g in out if g.bodies]


# A lead-in that announces targets ("今年发展的主要预期目标是：", "主要目标是："; not "重点任务是："): the items it
# introduces, up to the one that ends its sentence, are targets (records), not tasks.
_GOALS_LEAD = regex.compile(r"目标(?:是|为|如下)?[：:]$")


def _skipped(flat: str) -> bool:
    """Whether `_SKIP_PARA` matches the whitespace-free paragraph `flat` (a remark, a colon-ended lead-in)."""
    return (flat[:1] in _SKIP_FIRSTS or "清醒" in flat or flat.endswith(("：", ":"))) and \
        _SKIP_PARA.search(flat) is not None


# A piece that says whose directives the work follows ("深入学习贯彻党的二十大…精神", "贯彻落实市委市政府…的决策部署",
# "以习近平新时代中国特色社会主义思想为指导"): a framing, no commitment.
_DIRECTIVE_END = re.compile(r"(?:精神|决策部署|部署要求|的要求|重要指示|重要论述|为指导|领导下|指示批示)$")


def _past_directives(text: str, start: int, end: int) -> int:
    """Where a paragraph that opens on the Party's directives (`_BOILERPLATE`) turns to its own actions: past the comma
    pieces of its first sentence up to the last that holds such words or follows a directive (`_DIRECTIVE_END`); `end`
    when nothing of its own follows them in that sentence ("…关键一年，深入学习贯彻…精神，…，重点推进…建设，着力打造…":
    the actions from 重点推进 on are commitments)."""
    sentences = clauses(text, start, end)
    if not sentences:
        return end
    pieces = sentences[0]
    last = -1
    for k, (a, b) in enumerate(pieces):
        flat = squeeze(text[a:b])
        if _boilerplate(flat) or _DIRECTIVE_END.search(flat) is not None:
            last = k
    if last < 0 or last + 1 >= len(pieces):
        return end
    return pieces[last + 1][0]


def _boilerplate(flat: str) -> bool:
    """Whether `_BOILERPLATE` matches `flat` (tried only when one of the words its matches hold is there)."""
    return ("党" in flat or "习近平" in flat or "总书记" in flat or "中共" in flat) and \
        _BOILERPLATE.search(flat) is not None


# A paragraph that looks back ("这五年，我们…", "过去一年") or forward ("今后五年", "展望") in a task section.
_REVIEW_OPEN = re.compile(
    r"^(?:各位代表[，！!]?)?(?:过去五年|这五年|五年来|过去一年|一年来|这一年|经过五年|回顾过去|"
    r"“?十[一二三四五六七八九]五”?(?:时期|期间)(?:是极不平凡|[，,]我们|以来|[，,]全[国省市区]))"
)
_FORWARD_OPEN = plain_re.compile(r"^(?:今后五年|未来五年|展望|根据《|《[^》]{2,40}》|在《|——|今年|新的一年|(?:19|20)\d\d年是)")
_CONTEXT_PARA = re.compile(r"^“?十[一二三四五六七八九]五”?时期是|^展望未来|^在《")
_PLAN_PARA = re.compile(r"^(?:根据《|《[^》]{2,40}》|围绕上述目标|在此基础上)")
_PLAN_TASKS = regex.compile(r"(?:任务|举措|重点)[^：:]{0,6}[：:]")


_PERIOD_IS = re.compile(r"^“?十([一二三四五六七八九])五”?时期是")
# Whether any of the opening patterns above matches (each is anchored at ^): most paragraphs open with none,
# and one match then answers for five (≈ 1 µs a paragraph of a task section).
_ANY_OPENING = re.compile("|".join(f"(?:{p.pattern})" for p in (
    _REVIEW_OPEN, _FORWARD_OPEN, _CONTEXT_PARA, _PLAN_PARA, _PERIOD_IS)))


def review_turn(flat: str, period_end: int | None = None) -> RegionKind | None:
    """Whether a paragraph of a task section turns to the past (achievement) or to the future (task)."""
    m = _PERIOD_IS.match(flat)
    if m and period_end:
        return "task" if plan_end(m.group(1)) >= period_end else "achievement"
    if _REVIEW_OPEN.match(flat):
        return "achievement"
    if _FORWARD_OPEN.match(flat):
        return "task"
    return None


def _due(region: Region, kind: RegionKind) -> int | None:
    return region.period_end if kind == "task" else None


def _short_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is one sentence no longer than a lead (what follows a lead sentence)."""
    if end - start > 2 * LEAD_MAX:  # too long even with spaces: spare the squeeze
        return False
    body = squeeze(text[start:end]).rstrip(_SENTENCE_END)
    return 2 <= len(body) <= LEAD_MAX and not any(ch in body for ch in _SENTENCE_END)


def _lead_end(text: str, start: int, end: int) -> int | None:
    """End (after its 。) of a short lead sentence opening text[start:end], else None."""
    depth = 0
    for m in _LEAD_MARK.finditer(text, start, min(end, start + LEAD_MAX + 1)):
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "。！？":
            lead = squeeze(text[start:i])
            ok = 2 <= len(lead) <= LEAD_MAX and "；" not in lead and not _NOT_LEAD.search(lead)
            return i + 1 if ok else None
    return None


_BREAK = regex.compile(r"\n|[ \u00a0]*[\u3000\u2003][ \u3000\u2003\u00a0]+|(?<=[。；！？：])[ \u00a0]{2,}")
# _BREAK's leftmost match as group 1, with `re`: every match opens with one of these five characters, so
# the pattern consumes it and reads the match from it looking back (as task_lexicon.keyword_finder does):
# `re` then skips every other offset at C speed, where _BREAK (opening with a repeat) is tried at each
# offset. Paragraph splitting took ~40 % less (0.38 → 0.23 ms a report).
_BREAK_AT = re.compile(r"[\n \u00a0\u3000\u2003](?<=(?=(" + _BREAK.pattern + r"))(?s:.))")
_LINE_END = _SENTENCE_END + "：:”"  # a line ending so ends its paragraph


# A news page's furniture, a line of its own (the page's text, not the document's): credits ("记者:楚明雪", "编辑:林木",
# "来源:闽南日报"), a date or time stamp with them ("2022-12-31 16:20:16 来源:闽南日报", "1月6日"), a prompt of the app
# ("打开网易新闻 查看精彩图片"), a photo's caption with its credit ("…公园 供图 某区委宣传部"). Such a line ends the
# paragraph before it and holds no commitment; the page's tail after a line that opens the comments or the links
# ("热门跟贴", "相关新闻", "推荐阅读") is no part of the document's text.
_CREDIT_KEY = (r"(?:记者|编辑|责任编辑|责编|编审|视频|摄影|摄像|图片|图|文|文字|通讯员|实习生|来源|作者|校对|审核|审校|审签|监制|"
               r"出品|制作|主编|美编|统筹|策划|浏览|人气|点击|阅读|发布|字号)")
_FURNITURE = regex.compile(
    rf"(?:{_CREDIT_KEY}\s*[:：|｜]\s*[^\s:：，。；]{{1,20}}\s*)+"
    rf"|(?:发布时间[:：]?\s*)?(?:\d{{4}}\s*[-/.年]\s*)?\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?(?:\s*\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?)?"
    rf"(?:\s+{_CREDIT_KEY}\s*[:：|｜]?\s*[^\s:：，。；]{{0,20}})*"
    r"|(?:打开|下载)[^\s，。]{0,12}(?:APP|App|app|客户端|新闻)\s*(?:查看|阅读|看)[^\s，。]{0,10}"
    # a photo's caption and credit ("璧山秀湖汽车露营公园 供图 璧山区委宣传部", "活动现场（张三 摄）")
    r"|[^\s，。；]{1,30}\s*(?:\s供图\s*[^\s，。；]{1,20}|[（(][^\s，。；（）()]{1,20}\s*摄[）)])"
)
_PAGE_TAIL = regex.compile(
    r"(?:热门跟贴|热门评论|网友评论|相关新闻|相关阅读|推荐阅读|延伸阅读|猜你喜欢|更多精彩|返回搜狐|查看更多)[^\s，。]{0,6}")
_FURNITURE_MAX = 60
# The first two characters of a furniture line that may hold no colon and no digit first (prompts, tails, 发布时间).
_FURNITURE_FIRSTS = frozenset("打开 下载 发布 热门 网友 相关 推荐 延伸 猜你 更多 返回 查看".split())
_PAGE_HEAD = 300  # a stamp or credits line starting this early closes the page's header


# A news item's byline, opening its lead sentence: "本报讯(记者 张三)", "新华社北京3月5日电", "某某广电·某某客户端1月9日讯 ",
# "某某在线某某频道消息（记者 张三）", "上证报讯 " (讯/电/消息 after an outlet's word or a date, then a space, a bracket or
# the line's end; not "推进光伏发电（…）").
BYLINE = re.compile(
    r"[ \u3000]*(?:本[报台刊网]讯|[^\s，。,；;：:]{0,20}?(?:社|报|台|网|客户端|新闻|广电|\d{1,2}月\d{1,2}日)(?:讯|电)"
    r"|[^\s，。,；;：:]{0,20}?(?:频道|网|台|报|客户端)消息)"
    r"(?=[ \u3000\t]|[（(【]|$)"
)


# The body whose plan a document is, as its head names it: a title that opens with the body ("教育体育局2020年为民办实事",
# "某市水利局关于…"), or the page's source line ("来源：市水利局").
_ISSUER_TITLE = re.compile(r"(?:(?!政府|批转|转发|印发)[\u4e00-\u9fff]){2,14}?(?:局|委员会|委)(?=(?:19|20)\d\d年|关于|今年|全年)")
_ISSUER_SOURCE = re.compile(r"(?:来源|发布机构|发布单位)[：:]\s*([\u4e00-\u9fff]{2,16}?(?:局|委员会|委))(?:\s|$)")
_HEAD_LINES = 6
_HEAD_MAX = 400


def document_issuer(text: str) -> str:
    """The body the document's head names as its author (`_ISSUER_TITLE`, `_ISSUER_SOURCE`), in the text's words; ""
    when none: the head is the lines before the first that holds a sentence."""
    out = ""
    for n, line in enumerate(text[:_HEAD_MAX].splitlines()):
        flat = squeeze(line).lstrip("•·●▪■◆*")
        if n >= _HEAD_LINES or any(ch in flat for ch in "。！？"):
            break
        m = _ISSUER_SOURCE.search(flat) or _ISSUER_TITLE.match(flat)
        if m is not None:
            out = m.group(m.lastindex or 0)
            if m.re is _ISSUER_SOURCE:
                break
    return out


def furniture(line: str) -> str | None:
    """``"tail"`` when the line (whitespace trimmed) opens a news page's tail (comments, links), ``"line"`` when it is
    page furniture (credits, a date stamp, an app prompt), else None."""
    if len(line) > _FURNITURE_MAX or not line or "。" in line or "，" in line:
        return None
    if not (line[0].isdigit() or line[:2] in _FURNITURE_FIRSTS or "：" in line or ":" in line or "|" in line
            or "供图" in line or "摄" in line):
        return None  # (most lines: no furniture opens so nor holds none of its marks)
    if _PAGE_TAIL.fullmatch(line):
        return "tail"
    return "line" if _FURNITURE.fullmatch(line) else None


def paragraphs(text: str, start: int, end: int) -> list[tuple[tuple[int, int], bool]]:
    """Paragraph spans in text[start:end] with PDF-wrapped lines joined; True marks a heading line.

    A line break ends a paragraph after a sentence end; a run of wide spaces (speeches kept
    on one line) always does. A line that opens with a numbered item (N. or N、) starts a paragraph after a line
    that ends on a closing bracket (a 分工方案's unit note: "…。（区科技局主办）⏎3.持续拓展…") or after the paragraph
    of item N-1 (a list of one item a line with no sentence ends: "4.*为…安装200台空调⏎5.*开设40个…暑托班").
    A line of a news page's furniture (`furniture`) ends a paragraph and is
    none; the first, in the text's first `_PAGE_HEAD` characters and before any sentence, closes the page's header,
    whose lines before it (a title, a column's name) are none either; the page's tail after the line that opens it
    is read no further.
    """
    out: list[tuple[tuple[int, int], bool]] = []
    current: list[int] | None = None
    ended = True
    head = start == 0  # still in the page's header: title lines, no sentence and no furniture line yet
    number: int | None = None  # the item number the current paragraph opens with ("4.*为…安装200台空调")
    pos = start
    while pos < end:
        brk = _BREAK_AT.search(text, pos, end)
        line_end, next_pos = (brk.start(1), brk.end(1)) if brk else (end, end)
        a, b = _trim(text, pos, line_end)
        pos = max(next_pos, pos + 1)
        if a >= b:
            continue
        if b - a <= _FURNITURE_MAX and (page := furniture(text[a:b])) is not None:
            if current is not None:
                out.append(((current[0], current[1]), False))
            current, ended = None, True
            if page == "tail":
                break
            if head and a <= _PAGE_HEAD:
                out = []  # the page's header above its stamp or credits: the title, a column's name ("行业资讯")
            head = False
            continue
        if head and any(ch in text[a:b] for ch in "。！？"):
            head = False  # a sentence: the text has begun, no header above it
        heading = _is_heading_line(text, a, b)
        item = _item_number(text, a, b) if "0" <= text[a] <= "9" else None
        if current is not None and not ended and item is not None and (
                text[current[1] - 1] in "）)" or (number is not None and item == number + 1)):
            ended = True  # a numbered item on a line of its own, after a unit note or the item before it
        if current is None or ended or heading:
            if current is not None:
                out.append(((current[0], current[1]), False))
            current = [a, b]
            number = item
        else:
            current[1] = b
        if heading:
            out.append(((a, b), True))
            current = None
        ended = text[b - 1] in _LINE_END or (brk is not None and brk.group(1) != "\n")
    if current is not None:
        out.append(((current[0], current[1]), False))
    return out


# A numbered item opening a line: "5.*开设…", "3.持续…", "12、…" (not a decimal, "3.5%").
_ITEM_LINE = plain_re.compile(r"(\d{1,2})[.．、](?!\d)")


def _item_number(text: str, a: int, b: int) -> int | None:
    """The number of the item label text[a:b] opens with, if any."""
    m = _ITEM_LINE.match(text, a, b)
    return int(m.group(1)) if m is not None else None


_HEADING_LINE = plain_re.compile(
    r"^(?:第[一二三四五六七八九十百零\d]+[章篇部分节]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
)


def _is_heading_line(text: str, a: int, b: int) -> bool:
    """A line that is only a heading: a heading label and no sentence end."""
    if b - a > 80:  # too long: spare the slice and the match
        return False
    line = text[a:b]
    return bool(_HEADING_LINE.match(line)) and not any(ch in line for ch in "。；！？")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# The characters `clauses` and `_lead_end` act on: brackets, commas, sentence ends (others are skipped at C speed).
_CLAUSE_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE) + "，," + _SENTENCE_END + "]")
_LEAD_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE) + "。！？]")


def clauses(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Sentences of text[start:end] as lists of comma-separated pieces (spans), brackets respected."""
    sentences: list[list[tuple[int, int]]] = []
    pieces: list[tuple[int, int]] = []
    depth = 0
    piece_start = start
    for m in _CLAUSE_MARK.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,":
            pieces.append((piece_start, i))
            piece_start = i + 1
        elif depth == 0 and ch in _SENTENCE_END:
            pieces.append((piece_start, i))
            sentences.append(pieces)
            pieces, piece_start = [], i + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    if pieces:
        sentences.append(pieces)
    out = []
    for sentence in sentences:
        trimmed = []
        for a, b in sentence:  # `_trim`, inline (every piece of every body)
            while a < b and (text[a].isspace() or text[a] == "*"):  # (a 实事 list's mark: "*改建…床位220张")
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                trimmed.append((a, b))
        if trimmed:
            out.append(trimmed)
    return out
