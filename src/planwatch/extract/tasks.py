"""Find every commitment of a plan as a task (or, in results sections, an achievement).

Each numbered item (or lead-sentence paragraph) is a group; each clause in it with
an action verb is one task: action, object, named things, linked quantities,
section path, domain and its exact quote. Regex only, linear in the text; pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from functools import lru_cache

from planwatch.documents.budget import check as check_budget
from planwatch.documents.budget import time_budget
from planwatch.documents.normalize import full_marks
from planwatch.documents.outline import Outline, Section, build_outline
from planwatch.errors import ExtractionError
from planwatch.extract import plain_re
from planwatch.extract.records import Quantity, Task
from planwatch.extract.task_entities import named_things
from planwatch.extract.task_layout import (
    BYLINE,
    CLAUSES_MAX,
    Group,
    clauses,
    document_issuer,
    groups,
    regions,
    squeeze,
)
from planwatch.extract.task_lexicon import (
    ACTION,
    ADVERB,
    ADVERBS,
    COMPLETION,
    OUTCOME_VERBS,
    START_ONLY,
    STRONG,
    VERB,
    domain_of,
    prefix_tree,
)

_NOUNY = ("建设", "改造", "规划", "创新", "治理", "服务", "整治", "升级", "试点", "配套", "布局", "开放", "发展")
_NOUNY_FIRSTS = frozenset(w[0] for w in (*_NOUNY, *START_ONLY))
_PREPOSITION = re.compile(r"^(?:按照|根据|依托|围绕|结合|通过|对照|对标|对|以|在|为|随着|立足|面向|借助|利用)")
_TIME = re.compile(r"^(?:全年|预计|年内|目前|累计|今年|去年|当年|同时|其中)")
_EDGE = "，、：；。！？,;: "


def extract_tasks(text: str, doc: str = "doc", outline: Outline | None = None,
                  quantities: list[Quantity] | None = None,
                  record_spans: list[tuple[int, int]] | None = None) -> list[Task]:
    """Every task and achievement in `text`, in document order; `quantities` indexes are linked.

    `record_spans` may stand for `quantities`: the (start, end) of each, all a task links needs.
    """
    if not isinstance(text, str):
        raise ExtractionError(f"{doc}: text must be a str, not {type(text).__name__}")
    with time_budget(doc):  # documents.budget: DocumentError when the document takes too long
        if record_spans is None:
            if quantities is None:
                from planwatch.extract.quantities import extract_quantities

                quantities = extract_quantities(text, doc)
            record_spans = [(q.start, q.end) for q in quantities]
        # The text read has the ASCII , ; : ( ) of Chinese prose full-width (documents.normalize, one character for
        # one): a web or PDF copy's marks end clauses and hold asides as the full-width marks do. Offsets are the
        # same; quotes are cut from the text given.
        read = full_marks(text)
        tasks = _extract_tasks(read, doc, outline, record_spans)
        if read != text:
            for task in tasks:
                task.quote = text[task.start:task.end]
        return tasks


def _extract_tasks(text: str, doc: str, outline: Outline | None, record_spans: list[tuple[int, int]]) -> list[Task]:
    outline = outline or build_outline(text)
    spans = sorted((s, e, i) for i, (s, e) in enumerate(record_spans))
    starts = [s for s, _, _ in spans]
    tasks: list[Task] = []
    index = 0
    issuer = document_issuer(text)
    for region in regions(text, outline):
        for group in groups(text, outline, region, states=_states_lead):
            check_budget()
            pending: list[Task] = []  # the group's tasks no unit note has named a lead unit for yet
            made = [t for a, b in group.bodies for t in _tasks_in(text, a, b, group, doc, outline, pending)]
            if not made:
                continue
            for task in made:
                task.group_index = index
                task.quantities = _inside(spans, starts, task.start, task.end)
                task.issuer = issuer
                if group.lead_unit or group.time_limit:  # a table's row: its unit and time cells
                    task.lead_unit = task.lead_unit or group.lead_unit
                    task.time_limit = group.time_limit
            tasks.extend(made)
            index += 1
    return tasks


def _inside(spans: list[tuple[int, int, int]], starts: list[int], start: int, end: int) -> list[int]:
    """Indexes of the quantities whose span lies within [start, end) (spans sorted by start)."""
    out = []
    for k in range(bisect_left(starts, start), len(spans)):  # no slice: a copy per task is quadratic
        s, e, i = spans[k]
        if s >= end:
            break
        if e <= end:
            out.append(i)
    return sorted(out) if len(out) > 1 else out  # most tasks link none or one


def _tasks_in(text: str, start: int, end: int, group: Group, doc: str, outline: Outline,
              pending: list[Task] | None = None) -> list[Task]:
    """The tasks of one body span: sentences split at commas where a new commitment begins.

    A task holds at most CLAUSES_MAX pieces: past them, the pieces that do not open a new
    commitment are not read (the task ends at its last piece read). A sentence that is a unit note
    ("（区科技局、高新区管委会主办，区相关部门协办）", "牵头单位：区发改委；责任单位：…") is no task: the lead unit it names is
    that of the group's tasks before it that no note named yet (`pending`, which the new tasks join).
    """
    out: list[Task] = []
    pending = [] if pending is None else pending
    since = 0  # the first task of `out` no note has named a unit for
    sentences = clauses(text, start, end)
    for n, sentence in enumerate(sentences):
        if group.kind == "task" and text[sentence[0][0]] in _NOTE_FIRSTS:
            named = unit_note(squeeze(text[sentence[0][0]:sentence[-1][1]]))
            if named is not None:
                for earlier in (*pending, *out[since:]):
                    earlier.lead_unit = earlier.lead_unit or named
                pending.clear()
                since = len(out)
                continue
        if group.kind == "task" and (_declaration(text, sentence, n, len(sentences)) or _news_frame(text, sentence, n)
                                     or (text.find("了", sentence[0][0], sentence[-1][1]) >= 0
                                         and _measures_taken(text, sentence))):
            continue
        if group.kind == "task":
            sentence = [item for a, b in sentence for item in _verb_items(text, *_past_heading(text, a, b))]
        # [start, end, where a purpose that closes it starts (-1: none), 1 when a verbless count of its own opens it]
        chunks: list[list[int]] = []
        size = 0  # pieces in the last chunk
        run = 0  # pieces right before this one that open with a verb (tasks only)
        first = squeeze(text[sentence[0][0]:sentence[0][1]]) if group.kind == "task" else ""
        directive = _MODAL_FIRST.match(first) is not None  # the sentence opens on 要 (既要, 都要 …)
        if len(sentence) > 1 and first[:1] == "“" and text[sentence[1][0]] == "即" and _PAIR_LABEL.fullmatch(first):
            sentence = [(sentence[1][0] + 1, sentence[1][1]), *sentence[2:]]  # "“两个实施”，即实施…": the label names them
        elif len(sentence) > 1 and first and (_theme(first) or (
                _frame_lead(first) and _opening_verb(squeeze(text[sentence[1][0]:sentence[1][1]])) is not None)):
            sentence = sentence[1:]  # "要抓“大”扶“小”，帮助…，又要…": the theme heads the actions after it, and is none
            while len(sentence) > 1 and _principle(squeeze(text[sentence[0][0]:sentence[0][1]])):
                sentence = sentence[1:]  # "…，树牢底线思维、极限思维，进一步提升…": a principle after the theme
        elif len(sentence) > 2 and first[-1:] in _BARE_TIME_LASTS and _BARE_TIME.fullmatch(first) is not None \
                and _theme(squeeze(text[sentence[1][0]:sentence[1][1]])):
            sentence = sentence[2:]  # "2025年，我市将立足防大汛、抗大旱，…": the time of a theme (the plan year's)
            while len(sentence) > 1 and _principle(squeeze(text[sentence[0][0]:sentence[0][1]])):
                sentence = sentence[1:]
        labelled = False  # the piece before closed on a content label ("…项目内容："): this one opens a chunk
        labels = group.kind == "task" and text.find("内容：", sentence[0][0], sentence[-1][1]) >= 0
        for k, (a, b) in enumerate(sentence):
            check_budget()  # one body may be a whole 10 MB line (a sentence has a piece at least)
            following = sentence[k + 1] if k + 1 < len(sentence) else None
            if labels and (colon := _content_label(text, a, b)) > 0:
                a = colon + 1  # "4、开展…活动30场次 项目内容：在15个乡…开展…": the item's title and label are no task
                labelled = True
            if chunks and not labelled and \
                    not _opens_commitment(text, a, b, group.kind, chunks[-1], following, run, directive):
                if size < CLAUSES_MAX:
                    if chunks[-1][2] < 0 and group.kind == "task" and (
                            _purpose(text, a, b) or (_DIGIT.search(text, max(chunks[-1][0], chunks[-1][1] - 12), chunks[-1][1])
                                                     is not None and _figure_purpose(text, chunks[-1], a, b, following is None))):
                        chunks[-1][2] = a
                    chunks[-1][1] = b
                    size += 1
            else:
                sibling = bool(chunks) and group.kind == "task" and _DIGIT.search(text, a, b) is not None \
                    and _sibling_count(text, chunks[-1], squeeze(text[a:b]))
                chunks.append([a, b, -1, int(sibling)])
                size = 1
                labelled = False
            if group.kind == "task" and k + 1 < len(sentence):
                run = run + 1 if _piece_verb(squeeze(text[a:b])) is not None else 0
        for i, (a, b, purpose, counted) in enumerate(chunks):
            check_budget()
            if group.kind == "task":
                clean = squeeze(text[a:b])
                if _statement(clean):
                    continue  # a state, a judgment or a list's announcement: neither a task nor the tail of one
                if i + 1 < len(chunks) and _framing(clean):
                    continue  # "顺应…大趋势，回应…新需求，深入实施…": the framing of the commitment after it
                if purpose > a:
                    b = purpose  # "优化消费环境，努力让群众愿消费…": the task without the purpose it serves
            task = _task(text, a, b, group, doc, outline, bool(counted))
            if task is not None:
                out.append(task)
            elif out and out[-1].end < a and _same_sentence(text, out[-1].end, a):
                _extend(text, out[-1], b)
    pending.extend(out[since:])
    return out


# The label of a pair or a set of commitments, before 即 and what it names ("“两个实施”，即实施…，…；实施…"): no part of them.
_PAIR_LABEL = re.compile(r"“[^“”，。]{1,12}”")


# A unit note of a 分工方案 closing an item: "（区科技局、高新区管委会主办，区相关部门、街道、板块协办）", "（区发改委牵头）",
# "（牵头单位：区发改委；责任单位：区科技局）", "责任单位：区住建局、各街道", "（责任领导：某某；牵头单位：区发改局）". The lead:
# the units before 主办/牵头/负责, else those a 牵头单位/主办单位/责任单位 label names (a lead label before a plain one; a
# 责任领导 is a person, no unit).
_NOTE_FIRSTS = frozenset("（(【牵主责")
_NOTE_LABEL = re.compile(r"(?:牵头|主办|主责|责任|负责)(?:单位|部门)[：:]([^；;：:（）()【】]{2,60})")
_NOTE_LEAD = re.compile(r"^[（(【]([^（）()【】；;：:，,]{2,60}?)(?:主办|牵头|负责|主责)(?:[，,；;][^（）()【】]*)?[）)】]$")
_NOTE_WHOLE = re.compile(r"^[（(【]?(?:(?:牵头|主办|主责|责任|负责|配合|协办)(?:单位|部门|领导|人)[：:][^（）()【】]*[；;，,]?)+[）)】]?$")
_UNIT_SPLIT = re.compile(r"[、，,和及]")
_UNIT_NAME = re.compile(r"[\u4e00-\u9fff]{2,20}")


def unit_note(sentence: str) -> str | None:
    """The lead units a unit note names, in the text's own words ("区科技局、高新区管委会"; "" when it names none a
    reader could task: "（责任单位：各街道）"), or None when `sentence` is no unit note.

    `sentence`: whitespace-free, full-width marks."""
    m = _NOTE_LEAD.match(sentence)
    if m is not None:
        units = m.group(1)
    elif _NOTE_WHOLE.match(sentence) is not None:
        labels = _NOTE_LABEL.findall(sentence)
        lead = [u for u, k in zip(labels, _NOTE_LABEL.finditer(sentence), strict=True)
                if not k.group(0).startswith("责任")]
        units = (lead or labels or [""])[0]
    else:
        return None
    named = [u for u in _UNIT_SPLIT.split(units.rstrip("等")) if _UNIT_NAME.fullmatch(u) and not u.startswith(("各", "相关"))]
    return "、".join(named)


# A bullet that opens a line ("▶改造老旧小区20个"); the lines before it in the same piece, with no verb, head it.
_BULLET_LINE = re.compile(r"\n[ \t\u3000]*[▶►▸●■◆◇□•·][^\n]*$")


def _past_heading(text: str, a: int, b: int) -> tuple[int, int]:
    """The piece text[a:b] without the heading lines a bulleted item follows: a numbered category of a 民生实事
    list ("02\n幸福宜居 “舒心”实事\n▶改造老旧小区20个": the item alone), lines with no action verb."""
    if "\n" not in text[a:b]:
        return a, b
    m = _BULLET_LINE.search(text, a, b)
    if m is None or VERB.search(squeeze(text[a:m.start()])) is not None:
        return a, b
    return m.start() + 1, b


_ITEM_MIN = 4  # a verb phrase of a 、 run: its verb and an object of two characters at least


def _verb_items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The piece text[a:b] cut at each 、 (outside brackets) after which an item opens with a strong verb of its
    own, the text before it holding an action too: a 民生实事 list joins its actions so ("建成…6条市政道路、建成
    …天桥、安装…路灯"; "拟新建…充电桩、新增…泊位2000个、规划建设…泊位"). A 、 between nouns or between bare
    verbs ("新建、改扩建学校10所"; "促进…强身、提质、增效、升级") cuts nothing."""
    if "、" not in text[a:b]:
        return [(a, b)]
    cuts: list[int] = []
    depth = 0
    for i in range(a, b):
        ch = text[i]
        if ch in "“《（(「『【":
            depth += 1
        elif ch in "”》）)」』】":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            cuts.append(i)
    if not cuts or _LIST_QUALIFIES.search(text, cuts[-1], b):
        return [(a, b)]  # (a list closed by 等…的 qualifies a noun: "增加对…、改善民生、深化改革等方面的支出")
    out: list[tuple[int, int]] = []
    begin, first = a, cuts[0]  # the segment being read, the end of its first item
    for k, i in enumerate(cuts):
        stop = cuts[k + 1] if k + 1 < len(cuts) else b
        item = squeeze(text[i + 1:stop])
        # the segment before must be a verb phrase too: its first item holds a verb and it is no bare verb
        # with a modifier ("加快在建、筹建重点项目…"; "专项产业基金、新增能耗、新增工业用地支持…")
        before = squeeze(text[begin:i])
        if len(item) < _ITEM_MIN or len(before) < _ITEM_MIN + 2 or not _opens_strong(item) or _LIST_QUALIFIES.search(item) \
                or VERB.search(squeeze(text[begin:first])) is None or _ends_with_verb(before):
            continue  # (… nor a verb whose object is the list: "认真落实鼓励、支持和引导…的政策")
        out.append((begin, i))
        begin, first = i + 1, stop
    out.append((begin, b))
    return out


# A run closed by 等 (not 等 + a count: "建成…等6条市政道路") lists things ("安排专项资金、集中建设等办法"; "…、投产达效等
# 全流程监管"), and an item closed by 的 + a short noun is one ("推进转型升级、改善人民生活的发展").
_LIST_QUALIFIES = re.compile(r"等(?![\d一二三四五六七八九十两百千万几多])|的[^、，,的]{1,6}$")
_ITEM_OBJECT_MIN = 3  # what follows an item's verb: "建成移动公厕12座", not a slogan's "强化基础" nor "抓紧抓实"


def _ends_with_verb(piece: str) -> bool:
    """Whether `piece` ends with a verb right after another verb or an adverb's 地: an action whose object is the
    list that follows ("认真落实鼓励、支持和引导…", "毫不动摇地鼓励、支持、引导…"; not "完成积水点改造" nor "完成…设施升级改造")."""
    if "、" in piece and VERB.fullmatch(piece, piece.rfind("、") + 1) is not None:
        return True  # a bare verb before the 、 ("毫不动摇地鼓励、支持、引导…")
    ends = {m.end(): m.start() for m in VERB.finditer(piece, max(0, len(piece) - 12))}
    at = ends.get(len(piece))
    if at is None or at == 0:
        return False
    return piece[at - 1] == "地" or (at in ends and len(piece) <= 8)


def _opens_strong(item: str) -> bool:
    """Whether `item` opens with a strong verb that is its own action (not a verb that also names a thing) and
    has an object of its own."""
    verb = _opening_verb(item)
    if verb is None:
        return False
    if verb in START_ONLY or verb in _NOUNY:
        if not _chains_strong(item):
            return False
    elif verb not in STRONG:
        return False
    action = ACTION.match(item)
    return action is not None and len(item) - action.end() >= _ITEM_OBJECT_MIN


# "我们坚信…", "我们期待…", "我们愿…": the government's belief, wish or welcome, no commitment.
_BELIEF = re.compile(r"^(?:让)?我们(?:始终|一直|也|还|更|都)?"
                     r"(?:坚信|相信|深信|期待|期盼|希望|愿|欢迎|热忱欢迎|衷心|仍处于|正处于|处于|有信心|强调)")
# "我们将…", "我们要…": closing a paragraph of tasks, the pledge that sums them up ("我们将以…的胸怀拥抱世界，把…擦得更亮").
_PLEDGE = re.compile(r"^(?:让)?我们(?:将|要|一定要|必须|还将|也将)")


# A sentence's first piece that heads the actions after it and is no commitment itself (`_theme`): after a subject and a
# modal ("莱芜区将", "要"), a slogan of one-character quotes ("抓“大”扶“小”", "真“帮”重“服”", "着眼“转”字"), a pair of short
# slogans ("聚力稳投资、促消费", "强力推进抓项目、增后劲"), or a lead-in that names the means or the chance, not an action
# ("抢抓…重大机遇", "借力…科研优势", "立足科技创新助力工业翻番", "着眼满足群众“上好学”的新需求"). Not 坚持 + a principle
# ("坚持就业优先，…", "坚持立德树人"): plans list those as commitments.
_THEME_OPEN = re.compile(r"^(?:[^，、“”（）]{1,8}?(?<![主重需只必])(?:将|要)|(?:又|还|也)?要|将)")
_ONE_CHARACTER_QUOTE = re.compile(r"“[\u4e00-\u9fff]”")
_SLOGAN_LEAD = re.compile(r"^(?:聚力|聚焦|着力|全力|强力推进|大力推进|全力推进|突出|狠抓|紧扣)")
_SLOGAN_ITEM = re.compile(r"[\u4e00-\u9fff]{2,3}")
_MEANS_LEAD = re.compile(r"^(?:抢抓|抓住|借力|借助|立足|着眼|紧盯|紧紧围绕|紧紧抓住)")
_MEANS_FIRSTS = frozenset("抢抓借立着紧")
_THEME_MAX = 24


def _theme(piece: str) -> bool:
    """Whether the first piece of a sentence of tasks (whitespace-free) is a theme or a lead-in (`_THEME_OPEN` …)."""
    if len(piece) > _THEME_MAX:
        return False
    opening = _THEME_OPEN.match(piece)
    rest = piece[opening.end():] if opening is not None else piece
    if not rest or ("“" not in rest and "、" not in rest and rest[0] not in _MEANS_FIRSTS):
        return False  # (most first pieces: no quote, no slogan list, no lead-in)
    if any(ch.isdigit() for ch in rest):
        return False
    if len(rest) <= 10 and _ONE_CHARACTER_QUOTE.search(rest):
        return True
    lead = _SLOGAN_LEAD.match(rest)
    items = rest[lead.end() if lead else 0:].split("、")
    if len(items) >= 2 and all(_SLOGAN_ITEM.fullmatch(item) for item in items):
        return True
    means = _MEANS_LEAD.match(rest)
    return means is not None and not any(
        v in STRONG and v not in START_ONLY and v not in _NOUNY for v in VERB.findall(rest, means.end()))


# A time alone in a sentence's first piece ("2025年，我市将立足…"), and a principle to hold ("树牢底线思维、极限思维",
# "牢固树立…意识"): after a theme they head the actions that follow and are none (`_tasks_in`).
_BARE_TIME = re.compile(r"(?:据悉|据了解|据介绍)?(?:今年|明年|全年|(?:19|20)\d\d年)")
_BARE_TIME_LASTS = frozenset("年")
_PRINCIPLE = re.compile(r"(?:牢固)?树(?:牢|立|起)[^，、]{0,12}(?:思维|意识|理念|观念)(?:、[^，、]{1,8}(?:思维|意识|理念|观念))*")


def _principle(piece: str) -> bool:
    """Whether a piece (whitespace-free) is a principle to hold (`_PRINCIPLE`) or a theme (`_theme`)."""
    return _PRINCIPLE.fullmatch(piece) is not None or _theme(piece)


# The label of an item's content ("1、<title> 项目内容：<content>", "建设内容：…"): the title it closes is restated by the
# content, and the content's clauses are the item's tasks.
_CONTENT_LABEL = re.compile(r"(?:项目|建设|主要|工作|具体|实施|服务)内容$")


def _content_label(text: str, a: int, b: int) -> int:
    """Where the colon after a content label (`_CONTENT_LABEL`) stands in the piece text[a:b], content after it; else -1."""
    at = text.find("内容：", a, b)
    if at < 0 or at + 3 >= b or _CONTENT_LABEL.search(squeeze(text[a:at + 2])) is None:
        return -1
    return at + 2


# A sentence's first piece that sets the manner or the scope of the actions after it, a list or a quoted name after a
# lead-in and no action of its own: "以最大的力度、最优的政策、最强的保障，推进…", "围绕工程机械、生物医药…等重点产业，加快
# 招引…", "聚焦“链主”企业的培育，积极推进…". It frames them and is no part of a task (`_theme` reads it so when the next
# piece opens with a verb). One piece alone keeps it ("聚焦…重点领域常态化开展…": its own lead-in).
_FRAME_LEAD = re.compile(r"(?:以(?![及来后上下前内外])|围绕|聚焦|紧扣|紧盯|紧紧围绕)")
_FRAME_FIRSTS = frozenset("以围聚紧")
_FRAME_MAX = 40


def _frame_lead(piece: str) -> bool:
    """Whether a sentence's first piece (whitespace-free) is a manner or scope lead-in (`_FRAME_LEAD`)."""
    if piece[:1] not in _FRAME_FIRSTS or len(piece) > _FRAME_MAX or ("、" not in piece and "“" not in piece):
        return False
    lead = _FRAME_LEAD.match(piece)
    if lead is None:
        return False
    return not any(v in STRONG and v not in START_ONLY and v not in _NOUNY for v in VERB.findall(piece, lead.end()))


# A piece that opens on a modal answering the one the sentence opened with ("要抓“大”扶“小”，帮助…，又要多措并举力促…",
# "我们既要…，又要…"): a directive of its own. (A bare 要 after a lead-in stays with it: "在推进改革开放中，要加快…".)
_MODAL_PIECE = re.compile(r"^(?:同时)?(?:又|还|也|更)要(?![素求点害件闻])")
_MODAL_FIRST = re.compile(r"^[^，、]{0,8}?(?<![主重需只必])要(?![素求点害件闻])")


# A sentence that speaks to the reader ("市民可通过…官网…，并提交您的意见或建议", "您还可以提出…"): a page's call, no commitment.
_TO_READERS = re.compile(r"(?:广大)?(?:市民|读者|网友|公众)(?:朋友)?(?:们)?(?:可|可以|可通过|如有|若有|请|欢迎)")


def _news_frame(text: str, sentence: list[tuple[int, int]], n: int) -> bool:
    """Whether a sentence (the n-th) of a task body is a news page's frame, no commitment: the lead that carries the
    byline, first in its body (`task_layout.BYLINE`: it tells the occasion — a meeting held, a deployment made, an official's
    words — and the body gives the commitments), or a call to the reader (您, "市民可通过…": `_TO_READERS`)."""
    a, b = sentence[0][0], sentence[-1][1]
    head = min(b, a + 48)
    if n == 0 and (text.find("讯", a, head) >= 0 or text.find("电", a, head) >= 0 or text.find("消息", a, head) >= 0) \
            and BYLINE.match(text, a, head) is not None:
        return True
    return text.find("您", a, b) >= 0 or (text[a] in "广市读网公" and _TO_READERS.match(text, a) is not None)


# A verb with the perfective 了 ("充实了…力量", "完善了…机制"; not 了解 nor 为了): something done, not to do.
_PERFECTIVE = re.compile(r"了(?![解结却])")
_NOT_PERFECTIVE = frozenset("为除到好罢算少多不")


def _measures_taken(text: str, sentence: list[tuple[int, int]]) -> bool:
    """Whether a sentence of a task body reports measures already taken: two of its pieces or more hold a verb with the
    perfective 了 ("为保证…，某盟充实了…力量，完善了…机制，实行…"): a news page's account of what was done, no commitment."""
    a, b = sentence[0][0], sentence[-1][1]
    if len(sentence) < 2 or text.count("了", a, b) < 2:
        return False
    done, verb = 0, False
    for x, y in sentence:
        at = text.find("了", x, y)
        if at > x and text[at - 1] not in _NOT_PERFECTIVE and _PERFECTIVE.match(text, at) is not None:
            done += 1
            verb = verb or any(m.end() == at for m in VERB.finditer(text, max(x, at - 6), at))
    return done >= 2 and verb


def _declaration(text: str, sentence: list[tuple[int, int]], n: int, count: int) -> bool:
    """Whether a sentence of a task body (the n-th of `count`) declares rather than commits: a belief or wish
    of 我们, or the 我们将/我们要 pledge that ends a paragraph of tasks (alone in its paragraph it is a
    commitment: "我们要全面推进依法治国。")."""
    a, b = sentence[0]
    head = squeeze(text[a:min(b, a + 16)])
    if not head.startswith(("我们", "让我们")):
        return False
    return _BELIEF.match(head) is not None or (n == count - 1 and n > 0 and _PLEDGE.match(head) is not None)


# A task section also states things: the year's setting, the situation, judgments on a goal, a list's
# announcement. Keyed to grammar: a piece that opens with a copula or a verb of judgment is said of what
# precedes it ("今年将召开…大会，是…具有重大意义的一年"; "…预期目标，符合…，有利于…，也同…相衔接");
# a subject with a verb of state ("我国发展处在…关键阶段", "经济运行存在…问题", "…具有良好支撑条件", "这一目标…
# 是能够实现的"), or with a verb of change and no object, no figure and no directive adverb ("就业压力加大",
# "不稳定不确定因素明显增加"), describes; "要把握好以下几点" announces. A modal between the subject and the
# action makes a commitment of it ("货币政策要保持稳健中性", "各级政府要坚持过紧日子"), as does a
# preposition that leads the clause ("以疏解北京非首都功能为重点推进…").
_JUDGMENT_PIECE = re.compile(r"(?:也|还|更|都|既|又|则|就|正|并|主要|首先|关键|根本|核心)?"
                             r"(?:是|符合|有利于|有助于|不利于|意味着|标志着|在于|取决于)|"
                             r"[也并还][同与][^，,；;]{2,40}?相(?:衔接|适应|一致|匹配|符合)")
_STATE_VERB = re.compile(r"处在|处于|面临|具有|具备|存在|拥有|蕴藏|蕴含|有望|可望|能够|可以(?=实现|达到|满足)|不容(?:忽视|低估|乐观|小觑)|"
                         r"(?<![一二三四五六七八九十但还或于凡只别其而论])是(?!否)")
# … also opening the piece ("蕴藏着巨大的创新潜能", "有能力有条件实现…"); 具备/面临 there qualify a noun
_HELD = re.compile(r"蕴藏|蕴含|处在|处于|有能力|有望")
_MODAL = re.compile(r"(?<![主重必只纲提摘紧想])要(?![素求点害件闻])|将(?![军近])|必须|(?<![回供适响相反效对])应(?![用对急])|"
                    r"务必|力争|拟|坚决|决不|争取|带头")  # not 主要, 要素, 回应, 需求 …
_ANNOUNCEMENT = re.compile(r"以下(?:[几两三四五六七八九十]|\d)*(?:点|个?方面|项)")
_OWN_LEAD = re.compile(r"(?:[一二三四五六七八九十]+是|今年|全年|当前|目前|同时|此外|其中|明年|今后|年内|预计|并且|并|还)+")
# Adverbs that describe a change rather than order one.
_DESCRIPTIVE = frozenset("明显 显著 日益 不断 已 已经 基本 成功 顺利 相继 先后 首次 逐季 逐年 逐月 累计 共".split())
_ADVERB_WORD = re.compile(prefix_tree(ADVERBS))
_SUBJECT_MAX = 12
# Any word the two patterns above open with (one scan spares the piece-by-piece reading of most clauses).
_MARKED = re.compile(r"处在|处于|面临|具有|具备|存在|拥有|蕴藏|蕴含|有望|可望|能够|可以|不容|有能力|是|符合|有利于|有助于|不利于|意味着|"
                     r"标志着|在于|取决于|相(?:衔接|适应|一致|匹配|符合)")
_REMARK = re.compile(r"这(?:既|也|就|正|将|更)?是")
_COPULA = re.compile(r"(?:也|就|正|更|始终|仍然?)?是")
_SUBJECT_MODAL = re.compile(r"(?:我们|各级政府|各地|各部门|政府)?(?:仍|也|还|都|更|既|又|一定)?(?:要|必须|务必|应|将)")
_LIST_MODAL = re.compile(r"[一二三四五六七八九十]?要")  # "主要措施是一要大力增加投入"
_CHANGE = frozenset("加大 加快 扩大 增加 减少 提高 提升 增强 降低 优化 巩固 丰富 攀升 突破 加强".split())


def _states_lead(lead: str) -> bool:
    """Whether a paragraph's lead sentence (whitespace-free) states rather than titles: it is a statement, or its first
    piece is ("今年就业压力加大，要坚持就业优先战略…"; "…，这一目标通过努力是能够实现的")."""
    comma = lead.find("，")
    return _statement(lead) or (comma > 0 and _statement(lead[:comma]))


def _statement(clean: str) -> bool:
    """Whether a clause of a task section (whitespace-free) states, judges or announces rather than commits."""
    clean = clean.strip(_EDGE)
    if "以下" in clean and _ANNOUNCEMENT.search(clean):
        return True
    marked = _MARKED.search(clean) is not None  # most clauses have no word of state or judgment
    starts = _piece_starts(clean) if marked else []
    for i, s in enumerate(starts):
        end = _piece_end(clean, starts, i)
        if i > 0 and _REMARK.match(clean, s, end):
            continue  # a remark on the clause before ("大幅度增加政府支出，这是扩大内需最…有效的措施")
        if i > 0 and _judges(clean, s, end):
            # … unless a later piece commits ("物价是…，更是重要的民生指标，要继续认真落实…负责制")
            return not any(_commits(clean, starts, k) for k in range(i + 1, len(starts)))
        if _states(clean, s, end):  # … unless another piece commits ("促进通勤圈一体发展，…段基本具备开通条件")
            return not any(_commits(clean, starts, k) for k in range(len(starts)) if k != i)
    if ACTION.match(clean) is not None:
        return False  # it opens with its action (most clauses)
    span = _action(clean, "task")
    if span is None:
        return False
    at, to = span
    if not marked:
        starts = _piece_starts(clean)
    i = max(k for k, s in enumerate(starts) if s <= at)
    piece, end = starts[i], _piece_end(clean, starts, i)
    lead = _OWN_LEAD.match(clean, piece, end)
    skip = lead.end() if lead else piece  # where the piece's own words start
    if at <= skip or _PREPOSITION.match(clean[skip:end]) or clean[skip] in "使让把":
        return False  # the action opens its piece ("今年要…", "一是加快…"), a preposition leads it, or a purpose
    if _MODAL.search(clean, 0, at) or any(ch.isdigit() for ch in clean[piece:end]):
        return False
    adverb = ADVERB.match(clean, at)
    if adverb is not None and adverb.end() < to and \
            any(w not in _DESCRIPTIVE for w in _ADVERB_WORD.findall(clean, at, adverb.end())):
        return False
    verbs = VERB.findall(clean, at, to)
    # a short subject and a verb of change with no object: a state ("就业压力加大", "…、科技进步加快、…"; not
    # "统筹…融合发展" nor "注重群众身边小微公园建设管理和品质提升", whose verbs the lexicon lacks)
    subject = at - max(skip, clean.rfind("、", skip, at) + 1)
    return bool(verbs) and verbs[-1] in _CHANGE and subject <= _SUBJECT_MAX and (to >= end or clean[to] in "、")


def _states(clean: str, start: int, end: int) -> bool:
    """Whether the piece clean[start:end] has a subject and a verb of state ("我国发展处在…关键阶段", "这一目标…是能够
    实现的", "有能力有条件实现…"), or a verb that is the subject of a copula ("发展是…的基础和关键"); not a
    piece that opens with a verb, a modal, a preposition or a purpose ("培育一批具有国际竞争力的企业")."""
    lead = _OWN_LEAD.match(clean, start, end)
    k = lead.end() if lead else start
    if k >= end or clean[k] in "使让把" or _MODAL.match(clean, k, end) or _PREPOSITION.match(clean[k:end]):
        return False
    if _opening_verb(clean[k:end]) is not None:  # the verb is the subject of a copula: "发展是…"
        verb = ACTION.match(clean, k, end)
        state = _COPULA.match(clean, verb.end(), end) if verb is not None else None
    else:
        # a copula right after a lead word is the lead's ("今年是…六十周年"): searched from there
        state = _STATE_VERB.search(clean, k if k > start else k + 1, end) or _HELD.match(clean, k, end)
        # a verb before it makes it part of an object ("…，基本实现…具备条件的建制村道路硬化")
        verbs = VERB.findall(clean, k, state.start()) if state is not None else ()
        if any(v not in _NOUNY and v not in START_ONLY and v != "通过" for v in verbs):  # (通过: a preposition)
            return False
    return state is not None and not _MODAL.search(clean, k, state.start()) and \
        not (state.group(0) == "是" and _names_action(clean, state.end(), end))


def _piece_end(clean: str, starts: list[int], i: int) -> int:
    return starts[i + 1] - 1 if i + 1 < len(starts) else len(clean)


def _judges(clean: str, start: int, end: int) -> bool:
    """Whether the piece clean[start:end] opens with a copula or a verb of judgment (not "重点是推进…", "就是要…")."""
    m = _JUDGMENT_PIECE.match(clean, start, end)
    return m is not None and not (m.group(0).endswith("是") and _names_action(clean, m.end(), end))


def _names_action(clean: str, at: int, end: int) -> bool:
    """Whether what follows a copula at `at` is an action ("…是要保障…", "重点是推进…改革"), not a noun
    phrase ("是推动发展的制胜法宝")."""
    return _LIST_MODAL.match(clean, at) is not None or (ACTION.match(clean, at, end) is not None and "的" not in clean[at:end])


def _commits(clean: str, starts: list[int], i: int) -> bool:
    """Whether the i-th piece commits: it opens with a modal ("我们要…", "都要…") or a verb, or a preposition leads
    its verb ("在全国推开“证照分离”改革")."""
    start, end = starts[i], _piece_end(clean, starts, i)
    head = clean[start:min(end, start + 40)]
    if _SUBJECT_MODAL.match(head) is not None or _opening_verb(head) is not None:
        return True
    return _PREPOSITION.match(head) is not None and VERB.search(head) is not None


def _piece_starts(clean: str) -> list[int]:
    """Starts of the comma pieces of `clean` (brackets respected)."""
    starts, depth = [0], 0
    for m in _PIECE_MARK.finditer(clean):
        ch = clean[m.start()]
        if ch in "“《（(「『【":
            depth += 1
        elif ch in "”》）)」』】":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;：:":
            starts.append(m.start() + 1)
    return starts


def _opens_commitment(text: str, a: int, b: int, kind: str, previous: list[int],
                      following: tuple[int, int] | None = None, run: int = 0, directive: bool = False) -> bool:
    """Whether the piece text[a:b] starts a new commitment rather than continuing the previous one.

    Tasks: it opens with a strong verb; or with a weak one (提升, 优化 …) that either chains into a
    strong one (优化实施) or is not the sentence's last piece, the piece `following` it opening with a
    verb too: in the middle of a run of actions it is one of them ("实施…行动，提升…功能，完善…网络"),
    only at a run's end may it be the purpose of what went before (an outcome verb, 实现/形成 …, never
    opens: "完善…制度，实现…全覆盖，推进…"). At a run's end it still opens after `run` ≥ 2 pieces that open
    with a verb, the last member of a list of actions ("打造…，实施…，提升…，完善…网络，降低全社会物流成本"), or
    when a directive adverb leads it ("壮大海洋经济，坚决维护国家海洋权益"). A time word before the verb is the
    piece's own ("…，今年启动1亿亩试点"); a piece led by a preposition opens with the strong verb after it
    ("…，聚焦…重点领域常态化开展隐患排查整治", "…，全年向民间资本推介重大项目100个以上"), and one with no verb
    before a target figure of its own subject is a quantitative commitment ("…，产业项目数占比达到58%", "…，高铁里程
    突破3400公里"), as is a count after a time word of its own or a floor with no verb ("…，全年培训40万人次", "…，
    康复救助残疾儿童4万人以上") and a piece that strives for a thing of its own subject ("…，力争更多项目纳入…"). A verb
    that also names things opens a commitment where the rest of the piece is its object ("…，提速聊城机场前期工作");
    a bare weak verb needs an object of three characters ("…，改善民生" is an aim), and a weak verb that raises a
    share closes a sentence as a commitment ("…，提高民生类投资比重").
    A piece opening on 又要/还要/也要/更要 when the sentence opened on 要 (`directive`) is a directive of its own
    ("要抓“大”扶“小”，帮助…，又要多措并举力促…"). Achievements (subject first): it has an action of its own. Either way
    the previous piece must already hold an action (or, in a task, a count or a framing that opens the sentence:
    "顺应…大趋势，…，深入实施…").
    """
    piece = squeeze(text[a:b])
    opens: str | None = None
    own = piece
    if kind == "achievement":  # it has an action (`_action` finds one) exactly when ACTION matches in it
        fresh = len(piece) >= 4 and ACTION.search(piece) is not None
    elif directive and piece[:1] in "同又还也更" and (modal := _MODAL_PIECE.match(piece)) is not None \
            and ACTION.search(piece, modal.end()) is not None:
        fresh = True  # "要抓“大”扶“小”，帮助…，又要多措并举力促…": a directive of its own
    else:
        own = _own_words(piece)
        opens = _opening_verb(own)
        if opens is None:
            fresh = _led_action(own) or _target(own) or _striven(own) or _quantified(piece) or (
                _COUNTABLE.search(own) is not None and _own_count(own, None)
                and text[previous[0]] not in _AIM_FIRSTS) or (  # ("为加快…建设，今年…将安排…亿元")
                _DIGIT.search(own) is not None and _sibling_count(text, previous, own))
        else:
            fresh = (opens not in START_ONLY or _chains_strong(own) or _bare_action(own, opens)) and (
                opens in STRONG or _chains_strong(own) or _ensured(own) or (
                    _COUNTABLE.search(own) is not None and _own_count(own, opens))
                or _after_figure(text, previous, own, opens) or (  # 规划建设…: 建设 acts
                    opens not in OUTCOME_VERBS and _weighs(own) and (
                        (following is not None and _next_commits(squeeze(text[following[0]:following[1]])))
                        or (run >= 2 and not _ATTRIBUTE.search(piece)) or _directed(own)
                        or (following is None and run >= 1 and _SHARE.search(piece) is not None))))
    if fresh and kind == "task" and following is None and opens is not None and opens not in STRONG \
            and opens not in _OWN_OUTCOMES and _DIGIT.search(text, max(previous[0], previous[1] - 12), previous[1]) \
            and not _chains_strong(own) and not _ensured(own) and not _target(own) and _figure_purpose(text, previous, a, b):
        return False  # "完成整治35条，改善居民出行环境": what the figure serves closes the sentence, no commitment
    if not fresh:
        return False
    a0, b0 = previous[0], previous[1]
    if _has_action(text, a0, b0) or (len(previous) > 3 and previous[3] == 1):  # (… or a count of its own)
        return True
    if kind != "task":
        return False
    clean = squeeze(text[a0:b0])  # a count ("全年培训40万人次") or a framing ("顺应…大趋势") before it
    if _quantified(clean) or _framing(clean):
        return True
    # a count of its own after figures the lexicon reads no verb in ("…895.5公里街巷硬化任务，完成投资4.3亿元")
    return _DIGIT.search(clean) is not None and _DIGIT.search(piece) is not None and _own_count(_own_words(piece), opens)


# Time words a piece's action may follow ("今年再解决6000万农村人口的饮水安全问题"); the first characters they open with.
# … a year or years ("2027年、2028年分别建成…", "到2030年…"), 力争 before them ("力争全年完成…"), a frequency ("每学年为…"),
# a condition met ("具备条件后加快推进…") and the 并 that joins an action ("…，并完成规范化建设"): `_own_words` takes the
# last two off only when what follows opens with a verb.
_YEARS = r"(?:到|至|于|在)?(?:19|20)\d\d年(?:底|末)?(?:[、和至到—-](?:19|20)\d\d年(?:底|末)?)*(?:前|以前|之前|起)?"
_TIMES = rf"(?:今年|全年|年内|明年|同时|每(?:学年|学期|年|季度|月|周)|{_YEARS})"
_PIECE_TIME = re.compile(rf"并且?(?:力争)?{_TIMES}*|(?:力争)?{_TIMES}+|[^，、；。\d]{{2,6}}?(?:之后|以后|后)")
_PIECE_TIME_FIRSTS = frozenset("今全年明同力到至于在每并12")
_CONDITION_END = re.compile(r"(?:之后|以后|后)$")
# Prepositions that lead a piece's action ("聚焦…重点领域常态化开展…", "以疏解北京非首都功能为重点推进…", "向…推介…").
_LEAD_IN = re.compile(r"聚焦|围绕|针对|面向|依托|结合|按照|根据|对标|以(?![及来后上下前内外])|在|向|对|为(?=\d)")
_LEAD_IN_FIRSTS = frozenset("聚围针面依结按根对以在向为")  # (为 and a count: for whom, "免费为1000人筛查…")
# … unless the piece is only the lead-in ("以深化改革为动力", "在…的基础上", "在…领导下").
_LEAD_IN_END = re.compile(r"为[^，,]{1,5}$|(?:(?<!以)[上下]|中|方面|领域|之际|以来)$")
# A target of the piece's own subject: "…占比达到58%", "…补助标准提高到人均320元", "…比重不低于80%".
_TARGET = re.compile(r"(?:提高|增加|扩大|提升|降低|下降|减少|压减|降)(?:到|至)|达到|不低于|不少于|不超过|控制在|实现|突破|超过")
# A figure of the piece's own ("…，全年培训40万人次"): digits and what they count (not a year).
_FIGURE = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d年)\d[\d.,]*\s*[万亿千百]*[^\d，、；。]{0,4}")
# A floor of a count or an amount that closes the piece ("…，康复救助残疾儿童4万人以上"): a quantitative commitment.
_FLOOR = re.compile(r"(?<![\d.])\d[\d.]*\s*[万亿千百]*[^\d，、；。]{0,4}以上$")
# A share a weak verb raises at the end of a sentence ("探索编制…投资计划，提高民生类投资比重"): a commitment of its own.
_SHARE = re.compile(r"(?:比重|比例|占比)$")
_TARGET_NOT_FIRST = frozenset("使让把比较占其从由")  # a purpose, a comparison, a share, a part, a "from": no subject of its own


def _own_words(piece: str) -> str:
    """`piece` without a time word that opens it (the same object when none does): a year, a time of the year, a
    condition met ("具备条件后") or the 并 that joins it to the piece before ("…，并完成规范化建设") when a verb follows it."""
    if "后" not in piece[:9] and piece[:1] not in _PIECE_TIME_FIRSTS:
        return piece
    lead = _PIECE_TIME.match(piece)
    if lead is None or lead.end() >= len(piece):
        return piece
    if (piece[0] == "并" or _CONDITION_END.search(lead.group(0))) and _opening_verb(piece[lead.end():]) is None:
        return piece  # "…后" is a condition, 并 joins an action, only before an action of the piece's own (not 并购…)
    return piece[lead.end():]


# An outcome verb that commits to a figure of its own ("…，确保全年新增硅巷10万平方米以上", "…，确保…排名进入全省前20名",
# "…，实现有效发明专利拥有量9600件"; not a year), or that a reader is to obtain soon ("…，尽快获批省级化工园区"): a commitment.
_ENSURED = re.compile(r"(?:确保|实现|力争)(?:全年|年内|今年|当年)?")
_SOON = re.compile(r"(?:尽快|力争|争取)(?:获批|获评|通过|落地|实现)")


def _ensured(piece: str) -> bool:
    """Whether a piece opening with an outcome verb is a commitment of its own (`_ENSURED`, `_SOON`)."""
    if piece[:1] in "尽力争":
        return _SOON.match(piece) is not None and len(piece) >= 6
    m = _ENSURED.match(piece)
    return m is not None and _DIGIT.search(piece) is not None and _FIGURE.search(piece, m.end()) is not None


# A clause that commits to a count or an amount of its own, with a verb of its own ("…，重点养护600公里", "…，完成投资
# 12.7亿元", "…，电梯加装245部", "…，中心城区新建改造排水管网20公里", "…，某段完成土建总工程量的85%"), or that sets a
# month of its own ("…，7月底前完成各项前期工作"): a sibling commitment, not the tail of the one before. Not what a
# commitment yields (惠及15890人, 解决…灌溉, 带动…就业): a result.
_CLOSING_FIGURE = re.compile(r"(?<![\d.年])(?!(?:19|20)\d\d年)\d[\d.]*\s*(?:[万亿千百]*[^\d，、；。的（）()]{0,3}|%)"
                             r"(?:以上|以下|以内|左右)?$")
MONTH_DUE = re.compile(r"(?<![\d.])(?:(1[0-2]|[1-9])|(十[一二]|[一二三四五六七八九十]))月(?:份|底|末)?(?:前|以前|之前)"
                       r"|(上半年)(?:前|内)?|([一二三1-3])季度(?:末)?(?:前|内)")
_COUNTABLE = re.compile(r"\d|半年|季度")  # what `_own_count` needs (most pieces have none)
_RESULT_VERBS = frozenset("惠及 解决 保障 满足 带动 受益 拉动 吸纳 覆盖 服务 达到 达 实现 形成".split())
# … of which those that count who or what benefits ("…，惠及15890人", "…，覆盖农村5亿人口"): with a figure, a result.
_BENEFIT_VERBS = frozenset("惠及 解决 带动 受益 拉动 吸纳 覆盖 服务 满足".split())
_SUBJECT_VERB_MAX = 12  # a subject of its own before the verb ("电梯加装245部", "中心城区新建…")


def _own_count(own: str, opens: str | None) -> bool:
    """Whether a piece (past its time word) commits to a figure or a month of its own with a verb of its own
    (`_CLOSING_FIGURE`, `MONTH_DUE`): its opening verb, or one after a short subject of its own."""
    if len(own) < 5 or _DIGIT.search(own) is None and "半年" not in own and "季度" not in own:
        return False
    month = MONTH_DUE.match(own)
    if month is not None:
        rest = own[month.end():]
        verb = _opening_verb(rest)
        return verb is not None and verb not in _RESULT_VERBS and len(rest) >= 4
    if _CLOSING_FIGURE.search(own) is None:
        return False
    if opens is not None:
        return opens not in _RESULT_VERBS and (opens in STRONG or opens in COMPLETION)
    part = own.startswith("其中")  # a part with a completion of its own ("…投资200亿元以上，其中重点水利工程完成投资170亿元")
    if own[:1] in _TARGET_NOT_FIRST and not part:
        return False
    own = own[2:] if part else own
    m = ACTION.search(own, 0, _SUBJECT_VERB_MAX + 6)
    if m is None or m.start() < 2 or m.start() > _SUBJECT_VERB_MAX or "，" in own[:m.start()]:
        return False
    verbs = VERB.findall(own, m.start(), m.end())
    return bool(verbs) and verbs[-1] not in _RESULT_VERBS and (
        verbs[-1] in COMPLETION or (verbs[-1] in STRONG and not part))  # (not "其中棚户区改造580万套": a share)


_SIBLING_MAX = 24  # a count of its own: "残疾儿童康复救助200人", not a sentence of its own


def _sibling_count(text: str, previous: list[int], own: str) -> bool:
    """Whether a piece with no verb of the lexicon, closed by a count of its own, is a commitment like the one before it,
    whose last piece closes on its figure with a verb ("实施…无障碍改造60户，残疾儿童康复救助200人，残疾人辅助器具适配200人";
    "万元GDP用水量控制在15立方米以下，万元工业增加值用水量10.5立方米以下"). Not a part (其中…), a comparison, an expected
    figure, a size (总投资规模…) nor what the figure yields (…，惠及15890人: a verb)."""
    if len(own) > _SIBLING_MAX or len(own) < 6 or own[:1] in _TARGET_NOT_FIRST or VERB.search(own) is not None \
            or _CLOSING_FIGURE.search(own) is None or _EXPECTED.search(own) is not None or _SIZE.match(own) is not None:
        return False
    figure = _CLOSING_FIGURE.search(own)
    if figure is None or figure.start() < 4:
        return False
    before = _last_piece(text, previous[0], previous[1])  # (… or is such a count itself: `previous[3]`)
    return _CLOSING_FIGURE.search(before) is not None and (VERB.search(before) is not None or previous[3] == 1)


def _after_figure(text: str, previous: list[int], own: str, opens: str) -> bool:
    """Whether a piece that opens with a strong or committing verb follows a chunk that is one piece closed by a
    figure of its own ("计划投资53亿元，确保…竣工通车"; "…等10个项目，7月底前…"): the figure was a commitment of its own."""
    if opens in _RESULT_VERBS and opens != "实现" or len(own) < 6:
        return False
    if not (opens in STRONG or opens in COMPLETION or opens in ("确保", "力争", "争取")):
        return False
    before = _last_piece(text, previous[0], previous[1])
    return _CLOSING_FIGURE.search(before) is not None and (VERB.search(before) is not None or "投资" in before)


def _last_piece(text: str, a: int, b: int) -> str:
    """The last comma piece of text[a:b], whitespace-free, without its edge marks."""
    before = squeeze(text[a:b]).rstrip(_EDGE)
    return before[max(before.rfind("，"), before.rfind("；"), before.rfind("："), 0):].lstrip(_EDGE)


def _figure_purpose(text: str, previous: list[int], a: int, b: int, last: bool = True) -> bool:
    """Whether the piece text[a:b], not a commitment of its own, is what the figure closing the chunk before it serves
    or yields: anywhere, an aim (为…创造…) or a principle (坚持…); closing the sentence (`last`), a result verb
    ("…，惠及15890人") or a short aim with no figure nor strong verb ("完成治理20条，畅通街巷微循环", `_AIM_END`)."""
    if _DIGIT.search(text, max(previous[0], previous[1] - 12), previous[1]) is None:
        return False  # (most pieces: no figure closes the chunk before them)
    before = _last_piece(text, previous[0], previous[1])
    if _CLOSING_FIGURE.search(before) is None or VERB.search(before) is None:
        return False
    piece = squeeze(text[a:b])
    opens = _opening_verb(piece)
    if _AIM.match(piece) is not None or opens == "坚持":
        return True  # "…30场次，为群众…创造便利条件，…"; "…18.9亿元，坚持…同时抓，…": the aim or the principle, anywhere
    if not last:
        return False  # (a piece that joins in the middle may be an action the lexicon misses: "…，要更大激发…")
    if opens in _BENEFIT_VERBS and _DIGIT.search(piece) is not None:
        return True
    if _DIGIT.search(piece) is not None or piece[:1] in _NOT_PURPOSE_FIRSTS or opens in STRONG or opens in _OWN_OUTCOMES:
        return False  # (把…纳入…: a disposal, an action; 确保…: a commitment of its own after a figure)
    return len(piece) <= _FIGURE_PURPOSE_MAX and _AIM_END.search(piece) is not None


_NOT_PURPOSE_FIRSTS = frozenset("把将但并而")
_AIM_FIRSTS = frozenset("为")
_AIM = re.compile(r"为[^，、]{2,20}?(?:创造|提供|营造|打下|奠定)")
_FIGURE_PURPOSE_MAX = 12  # a weak verb's short aim ("改善居民出行环境"), not "基本实现居民医疗费用省内直接结算"
# What an aim improves, closing it ("…，改善居民出行环境", "…，畅通街巷微循环", "…，丰富群众文化生活"). Not a quality
# raised, which plans list as commitments ("…，提升县城公共服务水平"), nor a commitment's object ("…，优化…慈善制度").
_AIM_END = re.compile(r"(?:环境|条件|生活|需求|需要|循环|体验|难题|问题)$")
_OWN_OUTCOMES = frozenset({"确保", "力争", "争取"})


def _piece_verb(piece: str) -> str | None:
    """The verb a piece opens with, after a time word of its own ("今年再解决…": 解决)."""
    return _opening_verb(_own_words(piece) if piece[:1] in _PIECE_TIME_FIRSTS or "后" in piece[:9] else piece)


def _next_commits(piece: str) -> bool:
    """Whether the piece after a weak verb's is a commitment too: it opens with a verb, or states a target of
    its own ("…，稳定…重点群体就业，失业人员实现再就业10万人")."""
    own = _own_words(piece)
    return _opening_verb(own) is not None or _target(own)


def _led_action(piece: str) -> bool:
    """Whether a preposition leads the piece and a strong verb of its own follows the lead-in."""
    adverb = ADVERB.match(piece) if piece[:1] not in _LEAD_IN_FIRSTS else None  # ("免费为1000人筛查…")
    if piece[adverb.end() if adverb else 0:][:1] not in _LEAD_IN_FIRSTS:
        return False
    lead = _LEAD_IN.match(piece, adverb.end() if adverb else 0)
    if lead is None or (lead.group(0) != "为" and _LEAD_IN_END.search(piece)) \
            or _opening_verb(piece[lead.end():]) is not None:
        return False  # a verb right after it is the lead-in's ("在推进…进程中", "结合实施…") or a purpose ("以促进…")
    return any(v in STRONG and v not in START_ONLY and v not in _NOUNY for v in VERB.findall(piece, lead.end()))


def _target(piece: str) -> bool:
    """Whether the piece states a target figure of a subject of its own ("产业项目数占比达到58%"), or a standard it is to
    reach ("学校装备达省Ⅰ类标准", `_STANDARD`)."""
    if piece[:1] in _TARGET_NOT_FIRST:
        return False
    m = _TARGET.search(piece)
    if m is None and "达" in piece:
        m = _STANDARD.search(piece)
        return m is not None and m.start() >= 2
    return m is not None and m.start() >= 2 and any(ch.isdigit() for ch in piece[m.end():])


# A standard of its own subject to reach, with no figure: "学校装备达省Ⅰ类标准", "…达到国家二级标准".
_STANDARD = re.compile(r"达(?:到)?[^，、；。达]{0,8}?(?:[ⅠⅡⅢⅣⅤ一二三四五1-5][类级星]|[甲乙]级)标准$")


def _figure(piece: str) -> bool:
    """Whether the piece (past its time word) states a figure of its own and has words before it, with no verb of the
    lexicon ("培训40万人次"; "中央财政将安排2762亿元" is read by its verb)."""
    m = _FIGURE.search(piece)
    return m is not None and m.start() >= 2 and VERB.search(piece) is None and _EXPECTED.search(piece) is None


_DIGIT = re.compile(r"\d")
_EXPECTED = re.compile(r"预期|预计")  # an expected figure ("今年广义货币M2预期增长13%左右"): a target, no commitment


# A bare weak verb opens a commitment of its own only with an object of three characters or more: "…，发展经济，改善民生，
# 推进民主，促进和谐" are the aims of what went before, not four tasks ("…，着力提高单产" is one: an adverb directs it).
_WEAK_OBJECT_MIN = 3


def _weighs(piece: str) -> bool:
    """Whether a piece that opens with a weak verb may be a commitment of its own: an adverb leads its verb, or its
    object has three characters or more."""
    m = ACTION.match(piece)
    return m is None or ADVERB.match(piece) is not None or len(piece) - m.end() >= _WEAK_OBJECT_MIN


def _floor(piece: str) -> bool:
    """Whether the piece closes on a floor of its own count ("康复救助残疾儿童4万人以上"), not a part of the one before
    ("其中…") nor a comparison."""
    return piece[:1] not in _TARGET_NOT_FIRST and len(piece) >= 6 and _FLOOR.search(piece) is not None


# A framing that opens a sentence: the trend followed, the need answered, the aim kept in view ("顺应…大趋势，回应…新需求，
# 深入实施…"; "突出“就业这个民生之本…”，深入开展…"; "着眼满足群众“上好学”的新需求，推动…"). Not the lead-ins that name
# where, with what or on what the commitment acts (依托创新广场…, 结合…, 针对…问题, 聚焦/围绕…领域): they are its own. An aim
# or a means a piece names alone ("以水利现代化建设为目标，以…先导区建设为主要抓手，重点推进…") frames it too.
_FRAMING = re.compile(r"(?:积极|主动|紧紧|牢牢|深刻|准确|全面)?(?:顺应|回应|适应|着眼|面向|面对|立足|突出|紧扣|瞄准|锚定|"
                      r"遵循|按照|对标|抢抓|抓住|把握)|"
                      r"以(?![及来后上下前内外])[^，、；。]{2,30}?为(?:目标|主要抓手|抓手|主线|导向|引领|牵引|统领)(?=，|$)")
# A purpose that closes a commitment ("…，努力让群众愿消费、能消费", "…，使市场在资源配置中起决定性作用"): what it serves.
_PURPOSE = re.compile(r"(?:努力|更好地?|从而|进而|以便|真正|着力|力争)?(?:让|使(?![用命馆领节者]))")
_PURPOSE_FIRSTS = frozenset("努更从进以真着力让使切做")
_FRAMING_FIRSTS = frozenset("积主紧牢深准全顺回适着面立突瞄锚遵按对抢抓把以")


def _framing(clean: str) -> bool:
    """Whether `clean` (a sentence's first pieces, whitespace-free) only frames what follows: it opens with a framing
    verb and holds no action of its own."""
    if clean[:1] not in _FRAMING_FIRSTS or _FRAMING.match(clean) is None:
        return False
    if _action(clean, strict=True) is None:
        return True
    # … nor in a piece other than a lead-in's ("紧扣…时间节点，抢工期、抓进度，在确保安全和质量的前提下，全力加快…")
    return "，" in clean and all(_action(p, strict=True) is None or (
        p[:1] in _LEAD_IN_FIRSTS and _LEAD_IN.match(p) is not None and _LEAD_IN_END.search(p) is not None)
        for p in clean.split("，"))


def _purpose(text: str, a: int, b: int) -> bool:
    """Whether the piece text[a:b] states the purpose of the commitment before it (让/使 and a subject), what it is to
    turn into ("…，将…资源优势尽快转化为经济优势": `_TURNED`), the result it is to reach ("推进药店药品入网，做到药品来源
    可查、去向可追": `_RESULT`) or the size of what it names ("推进70项重点续建项目，总投资规模约740亿元": `_SIZE`)."""
    if text[a] == "将":
        return _TURNED.match(squeeze(text[a:b])) is not None
    if text[a] in _SIZE_FIRSTS and _SIZE.match(squeeze(text[a:b])) is not None:
        return True
    if text[b - 1] in _ARRIVED_LASTS and _ARRIVED.search(text, a, b) is not None and \
            _opening_verb(squeeze(text[a:b])) is None and _DIGIT.search(text, a, b) is None:
        return True  # "…，与…相适应的…发展格局逐步形成": the state it is to bring about
    return text[a] in _PURPOSE_FIRSTS and (_PURPOSE.match(squeeze(text[a:b])) is not None
                                           or _RESULT.match(squeeze(text[a:b])) is not None)


# The size of what a commitment names, after it ("…重点续建项目，总投资规模约740亿元", "…，建筑面积1.2万平方米"): no
# commitment of its own (an investment to make is one: "完成投资…", "计划投资…").
_SIZE = re.compile(r"(?:项目)?(?:总投资规模|总投资|投资规模|总规模|建设规模|总建筑面积|建筑面积|占地面积|占地|总面积)"
                   r"(?:约|达|为|近|超|逾)?\d")
_SIZE_FIRSTS = frozenset("项总投建占")
# A state to come, closing a sentence after its subject ("…，…高质量发展格局逐步形成", "…体系更加健全"): what it serves.
_ARRIVED = re.compile(r"(?:逐步|基本|初步|日益|更加|进一步)(?:形成|确立|显现|健全|完善|成熟|定型)$")
_ARRIVED_LASTS = frozenset("成立现全善熟型")
# The result a commitment is to reach, after it ("…，做到药品来源可查、去向可追"): what it serves, as a purpose.
_RESULT = re.compile(r"(?:真正|切实|努力)?做到(?!位)")


# What a commitment is to turn something into, after it: "完成…复核，将…水资源优势尽快转化为经济优势和竞争优势" (a purpose).
_TURNED = re.compile(r"将[^，、；。]{2,30}?(?:转化为|转化成|转变为)")


def _quantified(clean: str) -> bool:
    """Whether a clause with no action of the lexicon commits to a figure: after a time word of its own ("全年培训40万
    人次"), or a floor that closes it ("康复救助残疾儿童4万人以上")."""
    if "，" in clean or _DIGIT.search(clean) is None:
        return False
    own = _own_words(clean)
    return (own is not clean and not clean.startswith("同时") and _figure(own)) or _floor(own) or \
        (own[:1] in _INVESTMENT_FIRSTS and _INVESTMENT.match(own) is not None)


# An amount planned for investment, a project plan's commitment with no verb of the lexicon ("计划投资53亿元",
# "计划完成交通投资70亿元"; not an expected figure, 预计…).
_INVESTMENT = re.compile(r"(?:计划|拟|力争|年内|全年)(?:完成)?[^，、；。\d]{0,12}?投资\d[\d.]*\s*[万亿]*元(?:以上|左右)?$")
_INVESTMENT_FIRSTS = frozenset("计拟力年全")


def _figure_span(clean: str) -> tuple[int, int] | None:
    """(start, end) in `clean` of the figure a verbless quantified clause commits to: its closing floor, else its first
    figure after its time word."""
    m = _FLOOR.search(clean)
    if m is None:
        own = _own_words(clean)
        m = _FIGURE.search(own)
        if m is None:
            return None
        skip = len(clean) - len(own)
        return m.start() + skip, m.end() + skip
    return m.span()


def _striven(piece: str) -> bool:
    """Whether the piece strives for something of its own subject: 力争 (争取) before it and a verb after it
    ("…，力争更多项目纳入国家规划"), not a verb that names things."""
    if not piece.startswith(("力争", "争取")):
        return False
    return any(v not in START_ONLY and v not in _NOUNY for v in VERB.findall(piece, 2))


def _bare_action(piece: str, verb: str) -> bool:
    """Whether a verb that also names things (提速, 创新 …) acts where it opens the piece: it is a strong verb and the
    rest of the piece is its object, with no verb of its own ("…，提速聊城机场前期工作", "…，创新消费场景"; not
    "…，创新能力显著增强")."""
    if verb not in STRONG:
        return False
    m = ACTION.match(piece)
    return m is not None and len(piece) - m.end() >= 3 and all(v in START_ONLY for v in VERB.findall(piece, m.end()))


# What a run's last piece raises when it is the purpose of the run: a quality of what went before
# ("…，加快建设现代化首都都市圈，不断提升区域综合竞争力"; "…，提高资金使用效率").
_ATTRIBUTE = re.compile(r"(?:能力|水平|竞争力|效能|动力|活力|效率|效益|质量|能级|影响力|获得感|幸福感|安全感|满意度|韧性|品质|实力|"
                        r"层次|成效|实效|功能|作用|优势|潜力|吸引力|辐射力|带动力|公信力|执行力|氛围|效应)$")
# Adverbs that enforce: a weak verb after them is ordered, not a purpose ("壮大海洋经济，坚决维护国家海洋权益").
_ENFORCING = re.compile(r"(?:坚决|切实|严格|依法)")


def _directed(piece: str) -> bool:
    """Whether the verb `piece` opens with follows an enforcing adverb (坚决, 切实, 严格, 依法)."""
    return piece[:1] in "坚切严依" and _ENFORCING.match(piece) is not None


def _chains_strong(piece: str) -> bool:
    """Whether the action `piece` opens with holds a strong verb after its first (优化实施, 提升改造)."""
    m = ACTION.match(piece)
    if m is None:
        return False
    verbs = VERB.findall(piece, m.start(), m.end())
    return any(v in STRONG and v not in START_ONLY for v in verbs[1:])


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not any(ch in "。！？；" for ch in text[a:b])


def _extend(text: str, task: Task, end: int) -> None:
    """Grow `task` to end at `end` (a verbless tail of its sentence)."""
    task.end = end
    task.quote = text[task.start:end]


def _opening_verb(piece: str) -> str | None:
    """The verb a piece opens with (after adverbs), if any."""
    adverb = ADVERB.match(piece)
    pos = adverb.end() if adverb else 0
    m = VERB.match(piece, pos) or (VERB.match(piece) if adverb else None)
    if m is None and adverb is not None and pos > 2:
        # the last adverb of a run may be the verb ("全力加快工程进度", "切实抓紧…": 加快, 抓紧 also act)
        at = 0
        while (word := _ADVERB_WORD.match(piece, at)) is not None and word.end() < pos:
            at = word.end()
        if at >= 2:  # (not after a bare modal: "在推进改革开放中，要加快…" stays one)
            m = VERB.match(piece, at)
            m = m if m is not None and m.end() == pos else None
    return m.group(0) if m else None


def _has_action(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] holds a commitment of its own (not a lead-in like "按照全市部署")."""
    clean = squeeze(text[a:b])
    span = _action(clean, strict=True)
    if span is None:
        own = _own_words(clean)  # a verb that names things acts after a time word ("2015年建设…路1819公里")
        if own is clean or _action(own, strict=True) is None:
            return False
    if _PREPOSITION.match(clean):  # "结合…优化调整": a lead-in unless a strong verb follows
        return any(v in STRONG and v not in START_ONLY for v in VERB.findall(clean))
    return True


def _action(clean: str, kind: str = "task", strict: bool = False) -> tuple[int, int] | None:
    """(start, end) of the clause's action in `clean`: its opening verb, else the likeliest predicate."""
    opening = _opening_action(clean)
    if opening is not None:  # what the rules below answer when the first candidate opens the clause
        return opening
    candidates, fallback = _actions_in(clean)
    if not candidates:
        if strict:  # only a word that opens the clause ("治理违法建设…") still counts
            return next(((a, b) for a, b in fallback if a == 0), None)
        return fallback[0] if fallback else None
    if candidates[0][0] == 0:
        return candidates[0]
    if kind == "task":  # a verb opening a later piece: "依托创新广场，建设一批优质载体"
        for a, b in candidates:
            if clean[a - 1] in "，,":
                return a, b
    strong = [(a, b) for a, b in candidates if _predicate_like(clean, a, b)]
    if strong:
        return strong[-1] if kind == "achievement" else strong[0]
    return candidates[0]


def _opening_action(clean: str) -> tuple[int, int] | None:
    """The action `clean` opens with when `_actions_in` lists it first, else None (no need to find the others).

    Most clauses open with their verb: one anchored match then spares the scan of the rest.
    """
    m = ACTION.match(clean)
    if m is None:
        return None
    if clean[0] in _NOUNY_FIRSTS:  # `_actions_in` at offset 0: only a START_ONLY verb may not act there
        word = VERB.match(clean)
        if word is not None and word.group(0) in START_ONLY and not ADVERB.match(clean):
            return None
    return m.span()


@lru_cache(maxsize=1024)  # a chunk is asked again: whether it holds an action, then for its task
def _actions_in(clean: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The actions of `clean` (spans), and the noun-like verbs that may still act as one (fallback)."""
    candidates: list[tuple[int, int]] = []
    fallback: list[tuple[int, int]] = []
    for m in ACTION.finditer(clean):
        a, b = m.span()
        if clean[a] not in _NOUNY_FIRSTS:  # its verb can be neither START_ONLY nor noun-like
            candidates.append((a, b))
            continue
        word = VERB.match(clean, a)
        verb = word.group(0) if word else ""
        # a noun-like verb ("创新平台", "…城市规划") is an action only where it opens a piece
        if word and (verb in START_ONLY or (verb in _NOUNY and not (a == 0 or clean[a - 1] in "，、；,"))) \
                and not ADVERB.match(clean, a):
            rest = ACTION.match(clean, word.end(), b)
            if rest is None or rest.end() != b:
                fallback.append((a, b))
                continue
            a = word.end()
        candidates.append((a, b))
    return tuple(candidates), tuple(fallback)


def _predicate_like(clean: str, a: int, b: int) -> bool:
    """An action with an adverb ("加快推进") or a completion verb ("开工", "投入使用")."""
    adverb = ADVERB.match(clean, a)
    return bool(adverb and adverb.end() < b) or any(v in COMPLETION for v in VERB.findall(clean[a:b]))


def _task(text: str, start: int, end: int, group: Group, doc: str, outline: Outline, counted: bool = False) -> Task | None:
    """One task from text[start:end], or None when it has no action or no object; `counted`: a count of its own
    (`_sibling_count`), its figure the action when it has no verb."""
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    quote = text[start:end]
    clean = squeeze(quote)
    kind = group.kind
    span = _action(clean, kind)
    if span is None:
        if kind == "achievement" and (len(clean) < _RESULT_MIN or not _STATEMENT.search(clean)):
            return None
        if kind == "task":
            # a count a task commits to, with no verb of the lexicon ("全年培训40万人次", "康复救助残疾儿童4万人以上"):
            # the figure is its action
            span = _figure_span(clean) if counted or _quantified(clean) else None
            if span is None:
                return None
        else:
            span = (0, 0)  # a verbless result ("…投入5955亿元", "…改革顺利进行"): still evidence
    at, to = span
    action = clean[at:to]
    piece = _piece_start(clean, at) if at else 0
    before, after = clean[:at].strip(_EDGE) if at else "", clean[to:].strip(_EDGE)
    subject_first = False
    if kind == "achievement" and at > 0:  # only an achievement may name its subject first
        own = clean[piece:at].strip(_EDGE)  # "…，GDP增速逐季提升": the subject in the action's own piece
        subject_first = (len(before) > 3 and not _TIME.match(before)) or (
            piece > 0 and len(own) >= 2 and not _TIME.match(own))
        if subject_first and len(own) >= 2:
            lead = _TIME.match(own)  # anchored at ^: the slice is `_TIME.sub("", own)`
            before = (own[lead.end():] if lead else own).strip(_EDGE) or before
    first, second = (before, after) if subject_first else (after, before)
    obj = first if len(first) >= 2 else second
    if len(obj) < 2:
        return None
    return Task(
        doc=doc,
        group=group.title,
        action=action,
        object=obj,
        quote=quote,
        start=start,
        end=end,
        section=_section_name(outline, start),
        domain=domain_of(clean, group.title, group.context),
        kind=kind,
        entities=named_things(clean),
        group_label=group.label,
        group_start=group.start,
        period_end=(_own_year(clean[piece:at]) if at > piece and clean[piece] in _YEAR_FIRSTS else None) or group.period_end,
        title=_title(clean, at, piece),
    )


# The section path of a task, by its innermost section (identity-checked: the entry holds the section).
_SECTION_NAMES: dict[int, tuple[Section, str]] = {}


def _section_name(outline: Outline, at: int) -> str:
    """"一、…… / （二）……": the headings (down to level 3) of the sections holding offset `at`."""
    return _path_name(outline.path_at(at))


def _path_name(path: list[Section]) -> str:
    if not path:
        return ""
    inner = path[-1]
    known = _SECTION_NAMES.get(id(inner))
    if known is not None and known[0] is inner:
        return known[1]
    name = " / ".join(f"{s.label}{squeeze(s.title)}" for s in path if s.level <= 3)
    if len(_SECTION_NAMES) >= 4096:
        _SECTION_NAMES.clear()
    _SECTION_NAMES[id(inner)] = (inner, name)
    return name


# The years a clause's action is set in ("2027年、2028年分别建成…", "力争到2030年…"): the lead of its piece.
_YEAR_LEAD = re.compile(rf"(?:力争)?{_YEARS}")
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
_YEAR_FIRSTS = frozenset("力到至于在12")


def _own_year(lead: str) -> int | None:
    """The last year named by the time lead of a task's piece (what comes before its action), if it is only that."""
    lead = lead.strip(_EDGE)
    if not lead or lead[0] not in _YEAR_FIRSTS or _YEAR_LEAD.fullmatch(lead) is None:
        return None
    return max(int(y) for y in _YEAR.findall(lead))


def deadline_of(task: Task, year: int | None) -> date | None:
    """When `task` is due: the end of its period (a five-year task: the plan period's last year; a clause set in later
    years: the last of them), else of `year`. A period that ends before `year` is the plan year's."""
    end = getattr(task, "period_end", None)
    if not end or (year and end < year):
        end = year
    if not end or task.kind != "task":
        return None
    limit = getattr(task, "time_limit", "")
    if limit:  # a table's time limit cell ("5月底前动工", "9月投入使用", "2016年9月", "年底前")
        due = _limit_due(limit, end)
        if due is not None:
            return due
    if end == year and ("月" in task.quote or "半年" in task.quote or "季度" in task.quote):
        month = _due_month(squeeze(full_marks(task.quote)))
        if month:  # "…，7月底前完成各项前期工作": the end of that month of the plan year
            return date(end, month + 1, 1) - timedelta(days=1) if month < 12 else date(end, 12, 31)
    return date(end, 12, 31)


# A time limit cell: its year, if it names one, and its month, half or quarter.
_LIMIT = re.compile(r"(?:((?:19|20)\d\d)年)?(?:(1[0-2]|[1-9])月|(十[一二]|[一二三四五六七八九十])月|(上半年)|([一二三1-3])季度)?")


def _limit_due(limit: str, year: int) -> date | None:
    """The date a time limit cell sets (the end of its month, half or quarter; of `year` unless it names a later one),
    or None when it sets none that `year` does not."""
    m = _LIMIT.match(squeeze(limit))
    if m is None or not any(m.groups()):
        return None
    named, digits, numeral, half, quarter = m.groups()
    end = max(int(named), year) if named else year
    month = int(digits) if digits else _NUMERAL_MONTHS[numeral] if numeral else 6 if half else \
        _QUARTERS[quarter] if quarter else 12
    return date(end, month + 1, 1) - timedelta(days=1) if month < 12 else date(end, 12, 31)


_NUMERAL_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
                   "十二": 12}
_QUARTERS = {"一": 3, "二": 6, "三": 9, "1": 3, "2": 6, "3": 9}


def _due_month(clean: str) -> int | None:
    """The month a task's own clause is due by ("6月底前通过验收", "七月底前完成", "上半年完成", "三季度末前建成"): a month
    deadline right before an action (`MONTH_DUE`), not a date that says when something happened or a span of months
    ("1-6月", "截至6月底")."""
    for m in MONTH_DUE.finditer(clean):
        if m.start() and (clean[max(0, m.start() - 2):m.start()] in ("截至", "截止") or clean[m.start() - 1] in "-—~至到"):
            continue
        if ACTION.match(clean, m.end()) is None and not clean.startswith(("完成", "建成"), m.end()):
            continue
        digits, numeral, half, quarter = m.groups()
        if digits:
            return int(digits)
        if numeral:
            return _NUMERAL_MONTHS[numeral]
        if half:
            return 6
        return _QUARTERS[quarter]
    return None


_TITLE_MAX = 60
_RESULT_MIN = 8
# A result states something of its own: a figure, or a verb-like word the action lexicon lacks.
_STATEMENT = plain_re.compile(r"\d|进行|深化|覆盖|增加到|达到|提高到|下降|增长|完成|推开|实施")
_LEAD_WORDS = re.compile(r"^(?:[一二三四五六七八九十]+是|同时|并且|并|还|要|今年|全年|预计|其中)+")
_LEAD_FIRSTS = frozenset("一二三四五六七八九十同并还要今全预其")  # what _LEAD_WORDS can open with


_PIECE_MARK = re.compile(r"[“《（(「『【”》）)」』】，,；;：:]")


def _piece_start(clean: str, at: int) -> int:
    """Start of the comma-separated piece of `clean` that holds offset `at` (brackets respected)."""
    depth, start = 0, 0
    for m in _PIECE_MARK.finditer(clean, 0, at):
        i = m.start()
        ch = clean[i]
        if ch in "“《（(「『【":
            depth += 1
        elif ch in "”》）)」』】":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;：:":
            start = i + 1
    return start


def _title(clean: str, action_at: int, piece: int | None = None) -> str:
    """The task's own clause: from the piece holding its action to the end, without list marks; at most ~60 characters.

    `piece` is `_piece_start(clean, action_at)` when the caller has it."""
    start = _piece_start(clean, action_at) if piece is None else piece
    title = clean[start:].strip(_EDGE)
    if title[:1] in _LEAD_FIRSTS:  # else no lead word: spare the match
        lead = _LEAD_WORDS.match(title)  # anchored at ^: the slice is `_LEAD_WORDS.sub("", title)`
        if lead is not None:
            title = title[lead.end():]
    title = title or clean
    if len(title) > _TITLE_MAX:
        cut = max(title.rfind("，", 0, _TITLE_MAX), title.rfind("；", 0, _TITLE_MAX))
        title = (title[:cut] if cut >= 8 else title[:_TITLE_MAX]) + "…"
    return title


def task_title(quote: str, action: str = "") -> str:
    """The title of a stored task from its quote and action (the clause that holds the action)."""
    clean = squeeze(full_marks(quote)).strip(_EDGE)  # read as extract_tasks read it
    at = clean.find(action) if action else 0
    return _title(clean, max(at, 0))


def task_groups(tasks: list[Task]) -> list[tuple[str, str, list[Task]]]:
    """Tasks bundled by group in order: (label, title, tasks)."""
    out: list[tuple[str, str, list[Task]]] = []
    last = None
    for task in tasks:
        key = (task.doc, task.group_index)
        if key != last:
            out.append((task.group_label, task.group, []))
            last = key
        out[-1][2].append(task)
    return out


__all__ = ["deadline_of", "extract_tasks", "task_groups", "task_title", "unit_note"]
