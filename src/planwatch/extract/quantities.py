"""Find every result and target in a plan's text: the extraction pipeline.

1. normalise the text (keeping a map back to the original offsets);
2. scan once for numbers with units (`numbers.CANDIDATE`), dropping names,
   identifiers and labels;
3. analyse each candidate in its clause: comparator, measure and sign,
   indicator phrase, kind and year (section frame, then wording);
4. settle lists ("分别…、…") and "从 X 提高到 Y" pairs;
5. map offsets back and return `Quantity` records in document order.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

import regex

from planwatch.documents.normalize import NormalText, normalize
from planwatch.extract import indicator as ind
from planwatch.extract.context import FIVE_YEAR_END, DocumentContext, Frame
from planwatch.extract.numbers import CANDIDATE, IMPLIED_UNITS, Number, to_number
from planwatch.extract.records import Quantity
from planwatch.extract.tables import TableCell, table_cells

_SENTENCE_RE = regex.compile(r"[。；！？\n]")
_CLAUSE_RE = regex.compile(r"[，。；：！？\n]")
_BAD_BEFORE = set("第每“‘《〈*×/_{.·") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_BAD_AFTER_UNIT = regex.compile(
    r"^(?:月|工作日|全会|会议|代表大会|党代会|中全会|届|期(?!间)|号|级|大(?![于关])|强(?!降|化|度|力|风|对流)|类|甲|代|周年|台阶)"
)
_RATIO_CONTEXT = regex.compile(r"(?:收入比|之比|比值)(?:为|是|由|从|达到|缩小到|缩小至|降至|降到|下降到|缩小为)?")
_BARE = regex.compile(r"(?<![\d.:：])\d+\.\d+(?![\d.%:：万亿\p{Han}])|(?<![\d.:：])\d+\.\d+(?=[，。；、缩下降到至])")
_RATIO_BREAK = regex.compile(r"[，。；%：:]")
# Fixed political formulas that count nothing: 八项规定, 两个确立, 四个意识 …
_SLOGAN = regex.compile(
    r"(?:项规定|个积极性|个确立|个维护|个意识|个自信|个全面|个代表|个一百年|个毫不动摇|个务必|个面向|个统筹|个文明|个坚持|个必须|"
    r"个方面|个领域|个环节|个层面|个维度)"
)
_DESCRIBES = regex.compile(r"的\p{Han}")
_RESTATED = regex.compile(r"的[^，。；]{0,6}目标")
_IDIOM = regex.compile(r"千家万户|百家争鸣|千方百计|万众一心|千军万马|四面八方|一举两得")
_PARALLEL = regex.compile(r"\p{Han}{1,4}[两二三四五六七八九十][个种大项条站]")
_THIS_YEAR = regex.compile(r"预计(?:今年|全年)")
_EACH = regex.compile(r"分别|(?<![人年日平])均(?=为|达|增长|下降|提高|降低|超过|在|保持)")
_LIST_MARKS = regex.compile(r"[、和及与]")
_HAN = regex.compile(r"\p{Han}")
_DESCRIBED = regex.compile(r"[\p{Han}](?<![以内左])")
_LOOP = regex.compile(r"^[^，。；]{0,8}圈")
_SUFFIX = regex.compile(r"^(?:以上|以下|以内|左右|上下|之内|多|余)")
_PREFIX_CMP: list[tuple[regex.Pattern[str], str]] = [
    (regex.compile(r"(?:不低于|不少于|至少|不小于|不下于)(?:了)?$"), ">="),
    (regex.compile(r"(?:不超过|不高于|不多于|最多)(?:了)?$"), "<="),
    (regex.compile(r"(?:低于|不足|不到|不满|少于|小于)(?:了)?$"), "<"),
    (regex.compile(r"(?:超过|突破|超出|逾|多于|大于|高于|超)(?:了)?$"), ">"),
    (regex.compile(r"(?:近|约|大约|接近|将近|大概)$"), "≈"),
]
_GROWTH_VERB = regex.compile(
    r"(?P<verb>负增长|增长|增速|增幅|涨幅|上涨|上升|下降|降低|减少|回落|下跌|提高|提升|增加|扩大|缩小|缩减|压减|精简|压缩|缩短|"
    r"降幅|减|降|增|涨)"
    r"(?:了)?(?:约|近|超|超过|大约|接近)?$"
)
_GROWTH_NOUN = regex.compile(r"(?:增速|增幅|涨幅|增长率|增长|降幅)(?:均|分别)?(?:达到|达|为|保持在|在|超过|超)?$")
_GROWTH_VERB_ANY = regex.compile(_GROWTH_VERB.pattern.replace("$", ""))
_RANK = regex.compile(r"排名|位次|排位|名次|第")
_CLAUSE_MARK = regex.compile(r"[，。；]")
_ADVERB_TAIL = regex.compile(r"(?:不低于|不少于|至少|不超过|超过|突破|近|约|大约|接近|超|了)$")
_LAST_YEAR = regex.compile(r"去年|上年(?!同期)")
_VERSUS_LAST = regex.compile(r"比去年|比上年|较去年|较上年|同比")
_TRAILING_MARKS = regex.compile(r"[^\p{Han}\d]+$")
_JOIN_OPT = regex.compile(r"[、和及与]?")
_JOIN = regex.compile(r"[、和及与]")
_DECREASE = {"下降", "降低", "减少", "回落", "下跌", "缩小", "缩减", "压减", "精简", "压缩", "缩短", "降幅", "减", "降", "负增长"}
_TO = regex.compile(r"(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|整合|简并|合并|归并|上升|压减|缩减|调整|降|增|升)(?:到|至|为)")
_BASE_YEAR = regex.compile(
    r"(?:从|由)(?:(?P<y>\d{4})年|(?P<last>去年|上年))?(?:的|底的|末的)?(?:每人每年|每人每月|每年|每月|每人)?$"
)
_YEAR_IN_CLAUSE = regex.compile(r"(?P<pre>较|比|与|同|相比|自|从|由|于)?(?P<y>(?:19|20)\d{2})年")
_FIVE_YEAR = regex.compile(r"(?P<pre>较|比|与)?“?(?P<p>十[一二三四五六]五)”?")
_HARD = regex.compile(r"确保|约束性|必须|不低于|不超过|控制在|严格")
_SOFT = regex.compile(r"力争|争取|预期|左右|努力|约|预计")
_LOWER = regex.compile(r"下降|降低|减少|控制在|压减|以内|以下|不超过|能耗|排放|失业率|浓度|事故")


@dataclass(slots=True)
class _Cand:
    """A candidate number and what the analysis found around it."""

    num: Number
    end: int  # after any comparator suffix
    suffix: str = ""
    comparator: str = "="
    measure: str = "level"
    verb: str = ""
    pre: str = ""  # text of the clause before the number, after the previous candidate
    pre_start: int = 0
    indicator: str = ""
    ind_start: int = -1
    ind_end: int = -1
    kind: str = "result"
    year: int | None = None
    base: bool = False  # the X of "从 X 提高到 Y"
    items: list[str] = field(default_factory=list)
    item_idx: int = 0
    frame: Frame | None = None
    fraction: bool = False  # 一半, 三分之一: a share of something named before


def _ratios(s: str) -> list[_Cand]:
    """Ratios written as one bare number: "城乡居民收入比由2.5缩小到2.3"."""
    out: list[_Cand] = []
    for m in _RATIO_CONTEXT.finditer(s):
        for n in _BARE.finditer(s, m.end()):
            if n.start() > m.end() + 14 or _RATIO_BREAK.search(s, m.end(), n.start()):
                break
            value = float(n.group(0))
            out.append(_Cand(num=Number(n.start(), n.end(), value, None, "", False, False), end=n.end()))
    return out


def _scan(s: str) -> list[_Cand]:
    """Every number with a unit that is not part of a name, label or date."""
    out: list[_Cand] = _ratios(s)
    for m in CANDIDATE.finditer(s):
        num = to_number(m)
        if num is None:
            continue
        before = s[m.start() - 1] if m.start() else ""
        if before in _BAD_BEFORE or (before.isdigit()):
            continue
        if num.unit == "" and m.group("in") is not None:
            clause = s[max(0, m.start() - 24): m.start()]
            clause = clause[max(clause.rfind(mark) for mark in "，。；：\n") + 1:]
            num.unit = next((unit for pattern, unit in IMPLIED_UNITS if pattern.search(clause)), "")
            if not num.unit:
                continue
        after = s[m.end(): m.end() + 6]
        if _BAD_AFTER_UNIT.match(after) or after[:1].isascii() and after[:1].isalnum():
            continue
        if num.chinese:
            if before in "几数上成" and before:
                continue
            if _SLOGAN.match(s, m.end() - len(num.unit)) or _IDIOM.match(s, m.start()):
                continue
            if _PARALLEL.match(s, m.end()):
                continue  # "两个市场两种资源", "三站两区间": a formula, not a count
            digits = m.group("n1") or ""
            if m.group("mult") and digits in ("十", "百", "千") and _HAN.match(after):
                continue  # a class size: 百亿元企业, 千亿元台阶
            if digits == "一" and num.unit != "倍":
                continue
            if num.unit in ("次", "部", "度", "种", "门", "支", "站", "区间", "起", "列", "位", "片", "块"):
                continue
        if num.unit == "个" and after.startswith(("月", "一", "工作日", "小时")):
            continue
        if num.unit in ("分钟", "小时", "米", "公里") and _LOOP.match(after):
            continue
        if num.unit in ("分钟", "小时") and _DESCRIBED.match(after):
            continue
        if num.unit == "次" and s[max(0, m.start() - 1): m.start()] == "届":
            continue
        if num.unit == "倍" and num.value == 0:
            continue
        near = s[max(0, m.start() - 12): m.start()]
        opening = near.rfind("“")
        if opening >= len(near) - 10 and "”" not in near[opening:] and "”" in s[m.end(): m.end() + 10]:
            continue  # a number inside a short slogan: “两个10亿元”, “3个95%”
        if near.endswith(("首个", "前", "连续")) or (num.unit in ("位", "名") and _RANK.search(near)):
            continue
        if num.chinese and num.unit != "倍" and "、" in near[-8:] and not _CLAUSE_MARK.search(near[-8:]):
            continue
        suffix = _SUFFIX.match(after)
        end = m.end() + (suffix.end() if suffix else 0)
        if _RESTATED.match(s, end):
            continue  # "5.5%左右的预期增长目标": a target restated in its explanation
        if num.unit not in ("%", "百分点") and _DESCRIBES.match(s, end):
            continue  # "13亿人口的发展中大国", "500亿元的基金": the number describes its object
        fraction = m.group("half") is not None or m.group("den") is not None
        out.append(_Cand(num=num, end=end, suffix=suffix.group(0) if suffix else "", fraction=fraction))
    out.sort(key=lambda c: c.num.start)
    return out


class _Marks:
    """Positions of sentence and clause marks, found in one pass, for look-ups by bisection."""

    def __init__(self, s: str) -> None:
        self.sentence = [m.end() for m in _SENTENCE_RE.finditer(s)]
        self.clause = [m.end() for m in _CLAUSE_RE.finditer(s)]

    @staticmethod
    def _before(marks: list[int], pos: int, limit: int) -> int:
        i = bisect_right(marks, pos) - 1
        floor = max(0, pos - limit)
        return max(marks[i], floor) if i >= 0 else floor

    def sentence_start(self, pos: int, limit: int = 400) -> int:
        """Start of the sentence holding `pos` (at most `limit` characters back)."""
        return self._before(self.sentence, pos, limit)

    def clause_start(self, pos: int, limit: int = 200) -> int:
        """Start of the clause holding `pos` (at most `limit` characters back)."""
        return self._before(self.clause, pos, limit)


def _comparator(c: _Cand, pre: str) -> str:
    if c.num.value_max is not None:
        return "between"
    if c.suffix in ("左右", "上下"):
        return "≈"
    if c.suffix == "以上":
        return ">="
    if c.suffix in ("以下", "以内", "之内"):
        return "<="
    if c.num.more or c.suffix in ("多", "余"):
        return ">"
    for pattern, comparator in _PREFIX_CMP:
        if pattern.search(pre):
            return comparator
    return "="


def _measure(c: _Cand, pre: str) -> tuple[str, str]:
    """Measure and the verb that decides the sign."""
    unit = c.num.unit
    core = _ADVERB_TAIL.sub("", pre)
    verb = m.group("verb") if (m := _GROWTH_VERB.search(core)) else ""
    if unit == "百分点":
        if not verb:
            verb = m.group("verb") if (m := _GROWTH_VERB_ANY.search(core)) else ""
        return "points", verb
    if unit == "":
        return "ratio", ""
    if unit != "%":
        return "level", verb
    if verb:
        return "growth", verb
    if c.fraction and (anywhere := _GROWTH_VERB_ANY.search(core)):
        return "growth", anywhere.group("verb")  # "减少行政审批事项三分之一", "收费项目再减少一半"
    if _GROWTH_NOUN.search(core):
        return "growth", ""
    return "share", ""


def _frame_override(
    c: _Cand, s: str, clause_start: int, sentence_start: int, frame: Frame, plan: int | None, prev_end: int
) -> None:
    """Kind and year from the wording around the number (years, 去年, 预计, 十五五, base values)."""
    kind, year = frame.kind, frame.year
    window = s[clause_start: c.num.start]
    if five := list(_FIVE_YEAR.finditer(window)):
        last = five[-1]
        if not last.group("pre"):
            end = FIVE_YEAR_END[last.group("p")]
            if plan and end >= plan:
                kind, year = "target", end
            elif plan and kind == "result":
                year = end
    years = [y for y in _YEAR_IN_CLAUSE.finditer(window)]
    if years:
        y = years[-1]
        value = int(y.group("y"))
        if not y.group("pre") and plan and plan - 15 <= value <= plan + 20:
            kind, year = ("target" if value >= plan else "result"), value
        elif not y.group("pre") and plan is None:
            year = value
    if plan and "预计" in window and kind == "target" and (year is None or year <= plan) and not _THIS_YEAR.search(window):
        kind, year = "result", plan - 1
    last_year = list(_LAST_YEAR.finditer(window))
    if (plan and last_year and not _VERSUS_LAST.search(window)
            and clause_start + last_year[-1].start() >= prev_end):
        kind, year = "result", plan - 1
    base = _BASE_YEAR.search(_TRAILING_MARKS.sub("", window[-12:]))
    if base and _TO.search(s[c.end: c.end + 12]):
        c.base = True
        kind = "result"
        if base.group("y"):
            year = int(base.group("y"))
        elif base.group("last"):
            year = plan - 1 if plan else None
        else:
            year = None
    c.kind, c.year = kind, year


def extract_quantities(text: str, doc: str = "doc") -> list[Quantity]:
    """Every quantity in `text`, in document order; offsets index `text` itself."""
    norm = normalize(text)
    s = norm.text
    ctx = DocumentContext(s, doc)
    cells = table_cells(text)
    rows = {c.row_start for c in cells}
    cands = _scan(s)
    if rows:
        cands = [c for c in cands if _row_start(text, norm.to_original(c.num.start)) not in rows]
    marks = _Marks(s)
    prev: _Cand | None = None
    sentence_items: list[str] = []
    for c in cands:
        start = c.num.start
        sentence_start = marks.sentence_start(start)
        clause_start = marks.clause_start(start)
        same_sentence = prev is not None and prev.end > sentence_start
        if not same_sentence:
            sentence_items = []
        seg_start = max(clause_start, prev.end) if prev is not None and prev.end > clause_start else clause_start
        if prev is not None and prev.ind_start >= prev.end and prev.ind_end > seg_start:
            seg_start = min(prev.ind_end, start)
        raw_pre = s[seg_start:start]
        pre = ind._PAREN.sub("", raw_pre)
        c.pre, c.pre_start = pre, seg_start
        c.comparator = _comparator(c, pre)
        c.measure, c.verb = _measure(c, pre)
        frame = c.frame = ctx.frame_at(start)
        _frame_override(c, s, clause_start, sentence_start, frame, ctx.plan_year, prev.end if prev else 0)
        in_series = (
            prev is not None and same_sentence and prev.end <= start
            and _JOIN_OPT.fullmatch(s[prev.end:start]) is not None
        )
        _indicator(c, s, marks, seg_start, clause_start, prev if same_sentence else None, in_series, sentence_items)
        if in_series and prev is not None:
            if c.measure == "level" and prev.measure in ("growth", "share") and c.num.unit == "%":
                c.measure = prev.measure
            if c.num.unit == prev.num.unit and not c.verb:
                c.measure, c.verb = prev.measure, prev.verb
        prev = c
    _settle_series(cands, s)
    records: list[Quantity] = []
    for c in cands:
        if not c.indicator:
            continue
        record = _record(c, norm, doc, ctx)
        records.append(record)
        if c.items and len(c.items) > 1 and c.item_idx == 0 and sum(1 for o in cands if o.items is c.items) == 1:
            # "二氧化硫、氮氧化物排放量要分别下降3%", "M2和社会融资规模余额均为12%": one value for every item
            for item in c.items[1:]:
                records.append(replace(record, indicator=item))
    if cells:
        records.extend(_table_record(cell, norm, doc, ctx) for cell in cells)
        records.sort(key=lambda r: (r.start, r.end))
    return records


def _row_start(s: str, pos: int) -> int:
    return s.rfind("\n", 0, pos) + 1


def _table_record(cell: TableCell, norm: NormalText, doc: str, ctx: DocumentContext) -> Quantity:
    """A record for one value of an indicator table; its quote is the row up to the value."""
    start, end = cell.row_start, cell.end
    plan = ctx.plan_year
    kind = "result" if cell.base or (plan and cell.year and cell.year < plan) else "target"
    return Quantity(
        doc=doc, kind=kind, indicator=cell.indicator, measure=cell.measure,  # type: ignore[arg-type]
        value=cell.value, unit=cell.unit, comparator=cell.comparator, year=cell.year,  # type: ignore[arg-type]
        quote=norm.original[start:end], start=start, end=end,
        section="", strength=cell.strength,  # type: ignore[arg-type]
    )


def _indicator(
    c: _Cand, s: str, marks: _Marks, seg_start: int, clause_start: int, prev: _Cand | None,
    in_series: bool, sentence_items: list[str],
) -> None:
    """Choose the indicator: list item, phrase before, phrase after, or the previous one's."""
    each = _EACH.search(c.pre)
    if each and (each.group(0) == "分别" or _LIST_MARKS.search(c.pre[: each.start()])):
        subject = c.pre[: each.start()]
        items = ind.split_list(ind.before(subject)) if ind.before(subject) else []
        if not items and sentence_items:
            items = list(sentence_items)
        if items:
            sentence_items[:] = items
            c.items = items
            c.item_idx = 0
            c.indicator = items[0]
            _locate(c, s, seg_start)
            return
    if in_series and prev is not None and prev.items:
        idx = prev.item_idx + 1
        if idx < len(prev.items):
            c.items, c.item_idx = prev.items, idx
            c.indicator = prev.items[idx]
            _locate(c, s, clause_start)
            return
    post = ind.after(s, c.end)
    if post:
        c.indicator = post
        c.ind_start = s.find(post, c.end, c.end + 40)
        c.ind_end = c.ind_start + len(post) if c.ind_start >= 0 else -1
        return
    phrase = ind.before(c.pre)
    if phrase and not (in_series and prev is not None):
        c.indicator = phrase
        _locate(c, s, seg_start)
        if phrase.startswith("占") and prev is not None and prev.indicator and not prev.indicator.startswith("占"):
            c.indicator = prev.indicator + phrase  # "里程…，占世界的60%" → 里程占世界
        return
    if prev is not None and prev.indicator and prev.ind_start >= prev.end:
        # The previous number named its object after it; this one belongs to the clause's subject.
        prev_clause = marks.clause_start(prev.num.start)
        subject = ind.subject(s[prev_clause: prev.num.start])
        if subject:
            c.indicator = subject
            _locate(c, s, prev_clause)
            return
    if prev is not None and prev.indicator and prev.end > clause_start - 1:
        c.indicator = prev.indicator
        c.ind_start, c.ind_end = prev.ind_start, prev.ind_end
        return
    # The subject of the clause before, when that clause states no number of its own.
    before_start = marks.clause_start(clause_start - 1, 60)
    if clause_start - before_start > 1 and s[clause_start - 1] == "，" and (prev is None or prev.end <= before_start):
        subject = ind.subject(s[before_start: clause_start - 1])
        if subject:
            c.indicator = subject
            _locate(c, s, before_start)
            return
    if prev is not None and prev.indicator:
        c.indicator = prev.indicator
        c.ind_start, c.ind_end = prev.ind_start, prev.ind_end


def _locate(c: _Cand, s: str, seg_start: int) -> None:
    """Find the indicator's words in the clause (a list item built with a shared suffix by its head)."""
    pos = s.rfind(c.indicator, seg_start, c.num.start)
    if pos < 0:
        pos = s.rfind(c.indicator, max(0, seg_start - 200), c.num.start)
    length = len(c.indicator)
    if pos < 0 and len(c.indicator) >= 2:
        pos = s.rfind(c.indicator[:2], max(0, seg_start - 200), c.num.start)
        length = 2
    c.ind_start = pos
    c.ind_end = pos + length if pos >= 0 else -1


def _settle_series(cands: list[_Cand], s: str) -> None:
    """A comparator written after the last value of a list applies to all of them."""
    i = 0
    while i < len(cands):
        j = i
        while (
            j + 1 < len(cands)
            and cands[j].end <= cands[j + 1].num.start
            and _JOIN.fullmatch(s[cands[j].end:cands[j + 1].num.start]) is not None
        ):
            j += 1
        if j > i and cands[j].comparator != "=":
            for k in range(i, j):
                if cands[k].comparator == "=":
                    cands[k].comparator = cands[j].comparator
        last = cands[j]
        if j > i and last.ind_start >= last.end:  # "55万平方米、2.8万户中心城区…改造": one object for all
            for k in range(i, j):
                own = cands[k]
                far = own.ind_end < own.num.start - 3 or "、" in own.indicator or len(own.indicator) > 12
                if own.ind_start < own.end and far:
                    cands[k].indicator, cands[k].ind_start, cands[k].ind_end = last.indicator, last.ind_start, last.ind_end
        i = j + 1


def _record(c: _Cand, norm: NormalText, doc: str, ctx: DocumentContext) -> Quantity:
    value, value_max = c.num.value, c.num.value_max
    if c.measure in ("growth", "points") and c.verb in _DECREASE:
        value = -value
        if value_max is not None:  # "减少8%至10%": between -10 and -8
            value, value_max = -value_max, value
    if c.ind_start >= 0 and c.ind_start < c.num.start:
        q_start, q_end = c.ind_start, c.end
    elif c.ind_start >= 0:
        q_start, q_end = c.num.start, max(c.end, c.ind_end)
    else:
        q_start, q_end = c.num.start, c.end
    start, end = norm.span(q_start, q_end)
    window = norm.text[max(0, c.pre_start - 10): c.end]
    strength = "hard" if _HARD.search(window) else "soft" if _SOFT.search(window) else None
    polarity = "lower" if c.verb in _DECREASE or _LOWER.search(c.indicator + c.suffix) else (
        "higher" if c.verb else None)
    frame = c.frame or ctx.frame_at(c.num.start)
    return Quantity(
        doc=doc, kind=c.kind, indicator=c.indicator, measure=c.measure, value=value,  # type: ignore[arg-type]
        unit=c.num.unit, comparator=c.comparator, year=c.year,  # type: ignore[arg-type]
        quote=norm.original[start:end], start=start, end=end, value_max=value_max,
        section=frame.section, strength=strength, polarity=polarity,  # type: ignore[arg-type]
    )
