"""Find every result and target in a plan's text: the extraction pipeline.

1. normalise the text (keeping a map back to the original offsets);
2. scan once for numbers with units (`candidates.scan`), dropping names,
   identifiers and labels;
3. analyse each candidate in its clause: comparator, measure and sign, kind and
   year (`wording`, over the section frame of `context`), indicator phrase (`indicator`);
4. settle lists ("分别…、…") and "从 X 提高到 Y" pairs;
5. map offsets back and return `Quantity` records in document order, a heading line's copy of a figure
   stated under it taking that statement's kind and year (`_heading_copies`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from functools import lru_cache

import regex

from planwatch.documents.budget import check as check_budget
from planwatch.documents.budget import time_budget
from planwatch.documents.normalize import NormalText, normalize
from planwatch.extract import indicator as ind
from planwatch.extract import plain_re
from planwatch.extract.candidates import LAST_YEARS, RELIEVED_AFTER, RELIEVED_BEFORE, Candidate, Marks, scan
from planwatch.extract.context import PART_WORDS, DocumentContext
from planwatch.extract.estimates import mark_estimates
from planwatch.extract.naming import (
    deposits_loans,
    is_name,
    refine,
    refine_series,
    shared_owner,
    tidy,
    urban_rural,
    without_change,
)
from planwatch.extract.period import assign_periods
from planwatch.extract.records import Quantity
from planwatch.extract.series import share_units
from planwatch.extract.stat_tables import StatCell, stat_cells
from planwatch.extract.tables import (
    AmountCell,
    ProgressTable,
    TableCell,
    amount_cells,
    column_table_cells,
    flat_table_rows,
    progress_tables,
    table_cells,
    table_title,
)
from planwatch.extract.task_lexicon import START_ONLY, STRONG_VERBS
from planwatch.extract.wording import DECREASE, FALL_RESIZED, comparator, frame_override, measure

# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
_EACH = plain_re.compile(r"分别|(?<![人年日平])[均各](?=为|达|增长|增加|下降|提高|降低|超过|突破|超|在|保持)")
# The distributive 各 of a count: "110千伏、35千伏变电站各2座", "小学、初中各新建1所": the count of each listed item (各类, 各级,
# 各地 … open a name, never stand before its count).
_EACH_COUNT = plain_re.compile(
    rf"(?<![人年日平每])各(?:{ind.BUILD_VERBS}|新增|完成|举办|培训|招聘|引进|约|近|不少于|不低于|至少)?$")
# Verbs of building listed before the one thing they build: "新建、改扩建幼儿园各3所" → 新建幼儿园, 改扩建幼儿园.
_VERB_LIST = plain_re.compile(rf"(?:{ind.BUILD_VERBS})(?:(?:、|和|及|与)(?:{ind.BUILD_VERBS}))+$")
_VERB_SPLIT = plain_re.compile(r"[、和及与]")
_JOIN_OPT = plain_re.compile(r"[、和及与]?[-－−]?")  # a signed item: "分别增长39.3%、-97.7%"
# The next item of a list after a change by a verb: "平均压减时间58%、材料52%" (材料 fell by 52 %, too).
_CHANGE_ITEM = plain_re.compile(r"、[\u4e00-\u9fff“”]{1,8}")
_NOT_CHANGE_ITEM = plain_re.compile(r"占|比|率|达|为|到|至|增|降|减|提|升|下|上|覆盖|惠及")
_GENERIC = {"总量", "总数", "总额", "数量", "规模", "总计", "合计"}
# A phrase that only names the base compared with ("一般公共预算收入完成4.2亿元，较“十三五”末实现翻番"): no thing of its own.
# Or only the basis a figure is reckoned on ("预计完成3.6亿元，自然口径同比增长26.2%", Review73).
_BASE_ONLY = regex.compile(
    r"(?:较|比|同|与)(?:[“\"]?十[一二三四五六]?五[”\"]?(?:时期|期)?末?|(?:19|20)\d{2}\s*年(?:底|末)?|上年|去年|同期)"
    r"|(?:按)?(?:自然|同|可比|统计|新|原)口径(?:计算)?")
# A span of months said as a clause's time, naming no thing ("1—9月完成428.3亿元").
_MONTHS_ONLY = plain_re.compile(r"(?:1|一)\s*(?:—|-|－|–|~|～|至|到)+\s*(?:1[012]|[1-9])\s*月(?:份)?(?:累计)?")
_TASK_WORDS = frozenset(("任务", "建设任务", "目标任务", "工作任务"))  # "9月底前完成7家建设任务": of the thing before
# A sentence opening on a deadline within the year: a milestone of a task list ("6月底前新建成4家", "年底前完成…").
_MILESTONE = plain_re.compile(
    r"\s*(?:(?:1[012]|[1-9]|十[一二]|[一二三四五六七八九十])月(?:份)?(?:底|末)?(?:前|之前|以前)|年底前|年内|上半年|下半年)")
_SERIES_NUMBER = plain_re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
# What joins the values of a list said one an item ("达到73860元和42794元"), and what may follow its last value.
_LIST_JOIN = frozenset("、和及与")
_CLAUSE_MARKS = frozenset("，。；：！？\n")
_TOTAL_WORDS = plain_re.compile(r"合计|总计|共计|总和|总体|整体")
_RATE_END = plain_re.compile(r"(?:率|比重|比例|占比)$")
_HARD = plain_re.compile(r"确保|约束性|必须|不低于|不超过|控制在|严格")
_SOFT = plain_re.compile(r"力争|争取|预期|左右|努力|约|预计")
_STATED = plain_re.compile(r"(?P<hard>约束性)|(?P<soft>预期性|预期目标)")  # the plan's own word for the kind of target
# A line's lead that names its items expected targets ("今年经济社会发展主要预期目标是：…"): 控制在 is then a comparator.
_EXPECTED_LEAD = plain_re.compile(r"预期目标(?:是|为|如下|主要有|有)?[：:]")
# A line that is one item of a list (no sentence ends inside it): the lead line above the list reaches it.
_ITEM_LINE_MAX = 120
_LIST_REACH = 40  # lines walked up from an item to its list's lead
# How an item of a list ends (a heading ends in none); above the last item, 。 ends a sentence of prose unless the line
# opens with a list mark ("- ", "1.", "（1）", "①").
_ITEM_ENDS = ("；", ";", "，", ",", "。", "、")
_ITEM_MARK = regex.compile(r"(?:[-•●·▪■◆]\s*|\d{1,2}\s*[.．、)）]|[（(]\d{1,2}[)）]|[①-⑳])")
# The direction a share or count is meant to move, said by the sentence that sets it (for an indicator without a verb
# of change): "提高到90%", "比例达85%" after "进一步增加…数量" (higher); "降至", "控制在", "压减到" (lower).
_RAISE_TO = plain_re.compile(r"(?:提高|提升|增加|扩大|上升|跃升|攀升|增长)(?:到|至)$")
_LOWER_TO = plain_re.compile(r"(?:降至|降到|下降到|下降至|降低到|降低至|减少到|减少至|压减到|压减至|压降到|压降至|压缩到|压缩至|"
                             r"控制在|减至|减到)$")
_REACH = plain_re.compile(r"(?:达到|达)$")
_RAISING = plain_re.compile(r"增加|提高|扩大|提升|增长|上升")
_LOWERING = plain_re.compile(r"降低|减少|下降|压减|压降|压缩|控制|缩小|削减")
_VALUE_ADVERBS = plain_re.compile(r"(?:了|约|近|大约|接近|将近|超过|不低于|不少于|至少|\s)+$")
_CLAUSE_END = plain_re.compile(r"[，；。]")
_DIGIT = plain_re.compile(r"\d")
_LOWER = plain_re.compile(r"下降|降低|减少|控制在|压减|以内|以下|不超过|能耗|排放|失业率|浓度|事故")
# What money is for, written after the amount: "统筹4416.6亿元支持巩固拓展脱贫攻坚成果…", "安排10亿元用于…".
_PURPOSE = plain_re.compile(r"(?:专项|重点|主要|全部|集中)?(?P<verb>用于|支持)(?P<what>[^，。；：\d\n]{2,24}?)(?=[，。；：\n]|$)")
# A cut or rise by a per cent written after it: "一律按不低于5%的幅度压减一般性支出" (the object is what changes).
_BY_RATE = plain_re.compile(
    r"的幅度(?P<verb>压减|削减|缩减|压缩|减少|降低|下调|上调|提高|增加)(?P<object>[^，。；：、\d\n]{2,16}?)(?=[，。；：\n]|$)"
)
# A value taken as something else: "将农民人均纯收入2300元（2010年不变价）作为新的国家扶贫标准".
_TAKEN_AS = regex.compile(r"(?:（[^（）]{0,16}）)?作为(?:新的|新)?(?P<what>\p{Han}{2,12}?)(?=[，。；：\n]|$)")
_TAKER = plain_re.compile(r"(?:将|把)")
# What may open the clause of a share of an amount said before it: "…5亿元，其中60%用于…", "…，70%以上用于…".
_SHARE_LEAD = plain_re.compile(r"[，、 ]*(?:其中[：:，]?)?(?:约|近|超过|超|逾|有)?")
# Things counted before a passive that names what they were made: "11个县被认定为国家义务教育优质均衡发展县", "5个村被评为
# 省级美丽乡村" → the title they took (the thing as counted, 县 or 村, says less).
_NAMED_AS = regex.compile(
    r"(?P<who>\p{Han}{1,6}?)(?:[（(]\p{Han}{1,3}[）)])?(?:先后|相继|分别)?被(?:认定|评为|评定|命名|确定|列为)为?"
    r"(?P<what>\p{Han}[^，。；：、\d\n]{1,24}?)(?=[，。；：\n]|$)")
# A growth target that names no owner: "把增长预期目标定在7.5%左右" is the economy's growth.
_GROWTH_TARGET = plain_re.compile(r"^(?:把|将)?(?:经济)?增长(?:的)?(?:预期)?目标(?:拟)?(?:定为|设定为|定在|设定在|为|是)?$")
# People counted by where they live: "改造约1亿人居住的城镇棚户区和城中村".
_LIVING_IN = regex.compile(r"(?:居住|生活)的(?P<place>[^，。；：、\d\n]{2,16}?)(?=[，。；：、\n]|$)")
# A share that names what it is of but not whose: "在国内生产总值中占比", "占全国比重".
_OWNERLESS_SHARE = regex.compile(r"^(?:在\p{Han}{2,12}?中)?占")
_MANNER = plain_re.compile(r"快速|持续|稳步|较快|平稳|加快|不断|明显|大幅|迅速|蓬勃")  # adverbs after a subject: "服务业快速发展"
_RATE_NAMES = ("增速", "增幅", "增长率", "涨幅", "增长速度")
# Words after a value that run into a verb and a number of their own: the next clause, its commas lost.
_GLUED_CLAUSE = regex.compile(r"\p{Han}{2,20}?(?:完成|达到|达|实现|超过|超|突破|增长|下降)\s*\d")
_GAP_BEFORE = plain_re.compile(r"(?:高于|低于|快于|慢于|高出|低出|超出|领先|落后于?)[^，。；、\d]{0,12}$")
# A price index (CPI, PPI) given in %: the rise of prices. "居民消费价格指数控制在3%以内" is a growth of 3 %;
# "居民消费价格总指数101.8%" (the index, last year = 100) a growth of 1.8 % (spec: no measure for an index).
# Also a price index in a list of rates, whose per cent is its rise ("居民价格消费指数", "价格总水平").
_PRICE_INDEX = plain_re.compile(r"(?:价格|消费|物价)总?指数$|CPI$|PPI$|价格总水平$")
_INDEX_BASE, _INDEX_REACH = 100.0, 20.0  # an index within 100 ± 20 is read as one; a value below the reach as a rise
# A rate of births less deaths is a rate, not the change of what it names: "人口自然增长率3.2‰" (a share).
_NATURAL_RATE = plain_re.compile(r"自然增长率$")
_CHANGE_BEFORE = plain_re.compile(r"(?:改造|拆除|整治|治理|搬迁)(?=[^，。；]{0,3}$)")
# Words that only say money was put up, naming nothing alone ("统筹4416.6亿元", "投入5.6亿元", "筹集资金30亿元").
_FUNDING = frozenset("统筹 投入 安排 筹集 筹措 整合 争取 下达 拨付 投放 落实 统筹安排 统筹整合 累计投入 共投入 资金".split())
# Execution against the year's plan, the mark of local plan reports: "地区生产总值412亿元，完成年计划430亿元的95.8%
# （…），增长3.0%", "完成年度计划的103.2%", "分别完成年度计划的98.2%和101.4%", "完成92亿元，占年计划的96.8%".
_PLAN_WORD = r"(?:全年|年度|年初|年)(?:计划|目标)(?:任务)?"
_PLAN_FIGURE = plain_re.compile(rf"(?:分别|均)?(?:超额)?(?:完成|占|达到|为)了?(?P<plan>{_PLAN_WORD})")
# The share completed may be of the plan or budget named bare, or of the year's total (总量) goal: "占计划的53.1%",
# "占预算的52.6%", "完成全年总量目标的107%"; or of the task set ("地方财政收入实现2496万元，完成任务的117.46%", Review53).
_DONE_OF = rf"(?:{_PLAN_WORD}|(?:全年|年度|年初)(?:总量|总额)(?:计划|目标)|计划|预算|年度预算|年初预算|(?:全年|年度|年初)?(?:目标)?任务)"
_COMPLETION = plain_re.compile(
    rf"(?:分别|均)?(?:超额)?(?:完成|占|达到|达|为|是)了?(?P<plan>{_DONE_OF})(?:[\d.,]+(?:多|余)?[万亿千百]*[^\d，。；的]{{0,5}})?的"
)


def extract_quantities(text: str, doc: str = "doc") -> list[Quantity]:
    """Every quantity in `text`, in document order; offsets index `text` itself.

    Runs within the document's time budget (documents.budget; DocumentError past it).
    """
    with time_budget(doc):
        return _extract_quantities(text, doc)


def _extract_quantities(text: str, doc: str) -> list[Quantity]:
    norm = normalize(text)
    s = norm.text
    ctx = DocumentContext(s, doc)
    cells = table_cells(text)
    rows = {c.row_start for c in cells}
    columns = column_table_cells(text) if "序号" in text or "标" in text else []  # tables one cell a line
    marks = Marks(s)
    cands = scan(s, marks)
    share_units(cands, s)  # "3.1个、1.9个百分点": one unit for the list
    if rows:
        cands = [c for c in cands if _row_start(text, norm.to_original(c.num.start)) not in rows]
    row_ends: dict[int, int] = {}
    for cell in columns:  # each row from its name to its last value
        row_ends[cell.row_start] = max(cell.end, row_ends.get(cell.row_start, 0))
    taken_rows = sorted(row_ends.items())
    if columns:
        cands = [c for c in cands if not _inside(taken_rows, norm.to_original(c.num.start))]
        cells += columns
    # a statistics table's values (rows of things, columns of measures), not those of an indicator table or a project list
    stats = [cell for cell in stat_cells(s) if _row_start(text, norm.to_original(cell.start)) not in rows
             and not _inside(taken_rows, norm.to_original(cell.start))] \
        if "\t" in s or "|" in s else []
    if stats:
        taken = {(cell.start, cell.end) for cell in stats}
        cands = [c for c in cands if (c.num.start, c.num.end) not in taken]
    year_end = "明年" in s  # a year-end speech: its 今年…预计 forecasts the year it closes (wording.frame_override)
    prev: Candidate | None = None
    before_cands: list[Candidate] = []
    sentence_items: list[str] = []
    sentence_cands: list[Candidate] = []  # the candidates of the sentence before this one
    things: dict[int, str] = {}  # what a growth said of one subject after another is of (`_elliptic_subject`)
    for i, c in enumerate(cands):
        if not i & 31:
            check_budget()  # every 32 numbers: a look at the clock costs more than a number's share of it
        start = c.num.start
        sentence_start = marks.sentence_start(start)
        clause_start = marks.clause_start(start)
        same_sentence = prev is not None and prev.end > sentence_start
        if not same_sentence:
            sentence_items = []
            # the sentence before, when only a ； parts them ("…14起，同比下降12.5%；死亡9人"): its counts still lead
            before_cands = sentence_cands if prev is not None and s.rfind("；", prev.end, start) >= 0 \
                and not _FULL_STOP.search(s, prev.end, start) else []
            sentence_cands = []
        seg_start = max(clause_start, prev.end) if prev is not None and prev.end > clause_start else clause_start
        if prev is not None and prev.ind_start >= prev.end and prev.ind_end > seg_start:
            seg_start = min(prev.ind_end, start)
        pre = ind.unbracketed_before_value(s[seg_start:start])
        c.pre, c.pre_start = pre, seg_start
        c.comparator = comparator(c, pre)
        c.measure, c.verb = measure(c, pre)
        frame = c.frame = ctx.frame_at(start)
        frame_override(c, s, clause_start, sentence_start, frame, ctx.plan_year, prev.end if prev else 0, year_end)
        in_series = (
            prev is not None and same_sentence and prev.end <= start
            and _JOIN_OPT.fullmatch(s[prev.end:start]) is not None
        )
        listed = 0 if in_series else _listed_values(cands, i, s)
        _indicator(c, s, marks, seg_start, clause_start, prev if same_sentence else None, in_series, sentence_items,
                   sentence_cands, listed)
        if (not c.indicator or c.indicator in _TASK_WORDS) and prev is not None and prev.indicator \
                and prev.indicator not in _TASK_WORDS and prev.num.unit == c.num.unit \
                and _MILESTONE.match(s, sentence_start) and "\n" not in s[prev.end:start]:
            # "成长驿站：3月底前新建成2家；6月底前新建成4家；9月底前完成7家建设任务": the next milestone of the thing the one
            # before named
            c.indicator, c.ind_start, c.ind_end = prev.owner or prev.indicator, prev.ind_start, prev.ind_end
        if c.indicator[:1].isdigit():
            _item_number(c, s, norm)
        if same_sentence and prev is not None and prev.indicator and _RANKING.fullmatch(c.indicator):
            # "地区生产总值2223.81亿元，总量居全省第三，增长3.5%" (Review18): a ranking between is no name of the growth
            c.indicator, c.ind_start, c.ind_end = prev.owner or prev.indicator, prev.ind_start, prev.ind_end
        if same_sentence and prev is not None and len(prev.indicator) >= 2 and _OWNERLESS.fullmatch(c.indicator) \
                and not _OWNERLESS.fullmatch(prev.indicator) \
                and (c.num.unit == "%") == bool(_OWNERLESS_RATE.fullmatch(c.indicator)) and "\n" not in s[prev.end:start]:
            # "规上工业企业研发费用16.02亿元，年度任务完成率107%", "新增城乡低保265户362人、调出532户" (Review65): a rate of the task or
            # an outcome said alone is of the thing the value before named
            owner = _OWNER_LEAD.sub("", prev.indicator)
            if (said := _OWNERLESS_END.search(owner)) is not None and said.start() >= 2:
                owner = owner[: said.start()]  # ("调出532户700人、提标57户": the owner of 调出, not 调出)
            c.indicator = owner + c.indicator
        if c.num.unit in _LENGTH_UNITS:
            _dimension(c, s, marks, clause_start, sentence_start)
        _bare_head(c, s, clause_start, sentence_start, sentence_cands)
        _per_head(c, s, clause_start, sentence_cands)
        if same_sentence and prev is not None and prev.num.unit in _FIRM_UNITS:
            _firms_attribute(c, s, prev)
        _policy_articles(c, s, prev if same_sentence else None)
        if c.measure == "share" and c.indicator.endswith(_RATE_NAMES) and not _NATURAL_RATE.search(c.indicator) \
                and c.num.unit != "‰":
            c.measure = "growth"  # "经济增速是综合性指标，今年预期目标设定为6%以上": a rate of change by its name
        if c.num.unit == "%" and c.measure == "share" and _PRICE_INDEX.search(c.indicator):
            _price_index(c)
        if same_sentence and prev is not None:
            _counted_among(c, s, prev, marks)
            _change_of_counted(c, s, prev)
        _bracketed_part(c, s, seg_start, sentence_cands)
        _against_plan(c, s, clause_start, prev if same_sentence else None, in_series)
        _against_goal(c, s, clause_start, sentence_cands)
        _fall_resized(c, s, clause_start, prev if same_sentence else None)
        _gap_after(c, s, clause_start, prev if same_sentence else None)
        if not in_series:
            _gap_against(c, s, clause_start, sentence_cands)
        _casualties(c, next((d for d in reversed(sentence_cands or before_cands)
                             # (not a part in brackets: "22起（其中，道路交通安全事故18起、…），…；死亡12人")
                             if d.num.unit != "%" and (not _in_brackets(s, d.num.start) or _in_brackets(s, start))), None))
        _elliptic_subject(c, s, clause_start, sentence_cands, things)
        _last_years_goal(c, s, sentence_cands)
        if in_series and prev is not None:
            if c.measure == "level" and prev.measure in ("growth", "share") and c.num.unit == "%":
                c.measure = prev.measure
            if c.num.unit == prev.num.unit and not c.verb:
                c.measure, c.verb = prev.measure, prev.verb
        elif (prev is not None and same_sentence and prev.measure == "growth" and prev.verb and c.measure == "share"
              and c.num.unit == "%" and prev.end <= start and _CHANGE_ITEM.fullmatch(s, prev.end, start)
              and not _NOT_CHANGE_ITEM.search(s, prev.end, start)):
            c.measure, c.verb = prev.measure, prev.verb
        if c.items and len(c.items) > 1 and c.num.unit == "%" and not c.verb:
            # "城镇登记失业率、居民消费价格指数和人口自然增长率分别控制在4.5%、3%、5‰以内": with no verb of change each item
            # is measured by its own name (the index's 3 % is its rise; the unemployment rate's 4.5 % a share, though the
            # list's last name ends in 增长率)
            if c.indicator.endswith(_RATE_NAMES) or _PRICE_INDEX.search(c.indicator):
                c.measure = "growth"
            elif _RATE_END.search(c.indicator):
                c.measure = "share"
        prev = c
        sentence_cands.append(c)
    _settle_series(cands, s)
    refine(cands, s, marks)
    refine_series(cands, s)
    _counts_of_thing(cands, s)
    _project_owners(cands, s)
    if "已" in s or "完成" in s:
        _done_of_goal(cands, s)
    if "指标" in s:
        _flat_table_values(cands, s, ctx)
    if ctx.part_review and "确定" in s:
        _restated_tasks(cands, s, ctx)
    progress = progress_tables(s) if "序号" in s else []
    if progress:
        _progress_table_values(cands, s, ctx, progress)
    records: list[Quantity] = []
    sharing = Counter(id(c.items) for c in cands if c.items)  # how many candidates share one item list
    for c in cands:
        if not c.indicator:
            continue
        record = _record(c, norm, doc, ctx)
        records.append(record)
        if c.items and len(c.items) > 1 and c.item_idx == 0 and sharing[id(c.items)] == 1:
            # "二氧化硫、氮氧化物排放量要分别下降3%", "M2和社会融资规模余额均为12%": one value for every item
            for item in c.items[1:]:
                records.append(replace(record, indicator=tidy(item)))
    if cells:
        records.extend(_table_record(cell, norm, doc, ctx) for cell in cells)
    amounts = amount_cells(s) if "序号" in s else []
    if amounts:
        records.extend(_amount_record(amount, s, norm, doc, ctx) for amount in amounts)
    if stats:
        records.extend(_stat_record(stat, s, norm, doc, ctx) for stat in stats)
    if cells or amounts or stats:
        records.sort(key=lambda r: (r.start, r.end))
    if progress:  # a table's cell on a line of its own is no heading (`_heading_copies`)
        spans = _progress_spans(norm, progress)
        _heading_copies([r for r in records if not any(a <= r.start < b for a, b, _, _ in spans)], norm.original,
                        ctx.plan_year)
    else:
        _heading_copies(records, norm.original, ctx.plan_year)
    mark_estimates(records, norm, ctx.outline)  # 预计: a year-end estimate, not a final figure
    records = assign_periods(records, norm, ctx, marks)  # span, period_start, period, aspect
    if progress:
        _progress_periods(records, norm, progress)
    return records


# A heading line: a headline or a sub-heading on a line of its own, short and with no clause mark (a table row's
# separators count as marks). The statement of the same figure under it is looked for this far past its line.
_HEADLINE_MAX = 40
_HEADLINE_MARKS = frozenset("。，；：！？、,;:!?|\t")
_COPY_REACH = 600
_COPY_RECORDS = 40  # … and among this many records after it


def _heading_line(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the line holding `pos` when it is a heading line (`_HEADLINE_MAX`, `_HEADLINE_MARKS`), else None.
    The search for the line's ends is bounded: a document on one long line costs nothing here."""
    reach = 2 * _HEADLINE_MAX
    start = text.rfind("\n", max(0, pos - reach), pos)
    if start < 0 and pos > reach:
        return None
    end = text.find("\n", pos, pos + reach)
    if end < 0:
        if len(text) - pos > reach:
            return None
        end = len(text)
    line = text[start + 1: end].strip()
    if not line or len(line) > _HEADLINE_MAX or any(ch in _HEADLINE_MARKS for ch in line):
        return None
    return start + 1, end


def _same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two records state one figure: value, range, unit and measure, and names one of which ends the other."""
    return (a.value == b.value and a.value_max == b.value_max and a.unit == b.unit and a.measure == b.measure
            and min(len(a.indicator), len(b.indicator)) >= 2
            and (a.indicator.endswith(b.indicator) or b.indicator.endswith(a.indicator)))


# The times a heading line names itself: a year, 去年/上年 (past), 今年/明年 (the plan's or a later one).
_HEADLINE_TIME = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年|(?P<past>去年|上年)|(?P<ahead>今年|明年)")


def _time_clash(line: str, copy: Quantity, plan: int | None) -> bool:
    """Whether the heading line names a time the statement's year contradicts ("某市去年地区生产总值增长7%" above a
    goal of 7 %: the headline's own past, not a copy of the goal)."""
    for m in _HEADLINE_TIME.finditer(line):
        if m.group("y") and int(m.group("y")) != copy.year:
            return True
        if m.group("past") and (copy.kind == "target" or (plan is not None and copy.year != plan - 1)):
            return True
        if m.group("ahead") and copy.kind == "result" and copy.year != plan:
            return True
    return False


def _heading_copies(records: list[Quantity], text: str, plan: int | None) -> None:
    """A figure on a heading line that the text under it states again is that statement's copy: it takes its kind and
    year (and its name when the heading's only adds words before it). A news headline ("今年某省预计实现全省生产总值增长7%
    左右目标") or a sub-heading ("生产总值增长8%左右" on its own line above "2016年…主要预期目标是：生产总值增长8%左右，…")
    repeats a goal of the text; read alone its words frame it as last year's result. The statement is the first record
    of the same figure within `_COPY_REACH` characters and `_COPY_RECORDS` records after the line; it must stand on a
    line that is no heading itself, and the heading must name no time that statement's year contradicts (`_time_clash`)."""
    order = sorted(range(len(records)), key=lambda k: records[k].start)
    for n, k in enumerate(order):
        heading = records[k]
        line = _heading_line(text, heading.start)
        if line is None or heading.end > line[1]:
            continue
        for m in range(n + 1, min(len(order), n + 1 + _COPY_RECORDS)):  # (no slice: quadratic on a list of headings)
            copy = records[order[m]]
            if copy.start >= line[1] + _COPY_REACH:
                break
            if copy.start < line[1] or not _same_figure(heading, copy):
                continue
            if _heading_line(text, copy.start) is not None or _time_clash(text[line[0]:line[1]], copy, plan):
                break  # the nearest statement of the figure is another heading, or the heading names its own time
            heading.kind, heading.year = copy.kind, copy.year
            if len(copy.indicator) < len(heading.indicator):
                heading.indicator = copy.indicator  # "某省预计实现全省生产总值" → 全省生产总值
            break


def _outside_brackets(s: str, marks: Marks, clause_start: int, end: int) -> int:
    """The start of the clause that ends at `end`, a clause mark inside a bracket not counted: in "地区生产总值180.2亿元
    （快报数，下同），年均增长6.1%" the clause before the growth is the whole "地区生产总值180.2亿元（快报数，下同）", not
    "下同）" (the aside's comma is none)."""
    close = s.find("）", clause_start, end)
    if close < 0 or 0 <= s.find("（", clause_start, close):
        return clause_start
    opening = s.rfind("（", max(0, clause_start - 40), clause_start)
    if opening < 0 or 0 <= s.find("）", opening, clause_start):
        return clause_start
    return marks.clause_start(opening, 60)


@lru_cache(maxsize=4096)  # pure functions of short strings: a clause repeated in a document is read once
def _unbracketed(text: str) -> str:
    return ind.unbracketed(text)


def _strength(s: str, c: Candidate) -> str | None:
    """Hard or soft from the words that govern a value: its own clause and what leads it (an earlier clause
    with a value of its own governs that value only: "城镇调查失业率控制在5%以内，居民消费价格涨幅2%左右"), never a
    word of its name (人均预期寿命); the plan's 约束性/预期性 first, then a lead of 预期目标 in the sentence or the
    line before it (控制在 is a comparator there), then 确保/控制在 … (hard) or 力争/左右 … (soft)."""
    start = max(0, c.pre_start - 10)
    mark = max((m.end() for m in _CLAUSE_END.finditer(s, start, c.pre_start)), default=0)
    if mark and _DIGIT.search(s, max(s.rfind("，", 0, mark - 1), s.rfind("；", 0, mark - 1), s.rfind("。", 0, mark - 1), 0), mark):
        start = mark  # the clause before holds a value of its own: its words are that value's
    window = s[start: c.end]

    def governing(pattern: re.Pattern[str]) -> re.Match[str] | None:
        return next((m for m in pattern.finditer(window)
                     if not c.ind_start <= start + m.start() < start + m.end() <= c.ind_end), None)

    stated = _STATED.search(window)  # never a name's word, even in a name cut too long
    if stated:
        return "hard" if stated.group("hard") else "soft"
    if "目标" in s[max(0, start - 60): c.num.start] and (tier := tier_strength(s, c.pre_start, c.num.start)) is not None:
        return tier  # "底线目标929亿元" (hard), "奋斗目标938亿元" (soft)
    line = s.rfind("\n", 0, start)
    if s[line - 1: line] == "：":  # a lead line whose items follow it: "主要预期目标是：\n国内生产总值增长…"
        line = s.rfind("\n", 0, line)
    lead = s[max(s.rfind("。", 0, start), line) + 1: start]
    if _EXPECTED_LEAD.search(lead) or _EXPECTED_LEAD.search(_list_lead(s, start)):
        return "soft"
    return "hard" if governing(_HARD) else "soft" if governing(_SOFT) else None


def _list_lead(s: str, at: int) -> str:
    """The lead line of the list whose item holds `at` ("主要预期目标如下：" above "- 地区生产总值增长8.5%以上；\n- 规模以上
    工业增加值增长10%；…"), so that every item of the list, not only the first, is under it; "" when `at` is in no list
    (a line that holds a sentence's end before its last character is prose, a line without a mark at its end a
    heading: neither is an item)."""
    end = s.find("\n", at)
    end = len(s) if end < 0 else end
    for step in range(_LIST_REACH):
        begin = s.rfind("\n", 0, end) + 1
        line = s[begin:end].strip()
        if line.endswith(("：", ":")):
            return line if step else ""  # (a line ending in ： is a lead, never an item)
        if line and (len(line) > _ITEM_LINE_MAX or "。" in line[:-1] or not line.endswith(_ITEM_ENDS)
                     or (step and line.endswith("。") and not _ITEM_MARK.match(line))):
            return ""  # prose, or a heading (no mark at its end): the list, if any, ended above it
        if begin == 0:
            return ""
        end = begin - 1
    return ""


def _stated_direction(s: str, c: Candidate) -> str | None:
    """Which way a share or count without a verb of change is meant to go, as its own sentence says: "提高到90%" or
    "达85%" after a verb of raising in the sentence ("进一步增加普惠性幼儿园数量，普惠性幼儿园比例达85%") → higher;
    "降至", "控制在", "压减到" → lower; None when the sentence says neither (a bare "为", "达" alone)."""
    sentence = max(s.rfind(mark, 0, c.num.start) for mark in "。；！？\n") + 1
    pre = _VALUE_ADVERBS.sub("", s[sentence: c.num.start])
    if _LOWER_TO.search(pre):
        return "lower"
    if _RAISE_TO.search(pre):
        return "higher"
    if _REACH.search(pre):
        raising = [m.end() for m in _RAISING.finditer(pre)]
        lowering = [m.end() for m in _LOWERING.finditer(pre)]
        if raising and not lowering:
            return "higher"
    return None


@lru_cache(maxsize=4096)
def _lower(words: str) -> bool:
    return _LOWER.search(words) is not None


# A list item's number opening its line, a space after it or zero-padded ("01 新改扩建公办幼儿园11所", "12 为1200名残疾儿童…"):
# the normaliser drops the space, and the number was read as part of the name ("01新改扩建公办幼儿园"). Not a count, date or
# age glued to its word (12月, 3岁).
_ITEM_NO = regex.compile(r"\d{1,3}(?=\p{Han}|“)(?![月日号时岁年点分秒])")


def _item_number(c: Candidate, s: str, norm: NormalText) -> None:
    """Cut a list item's number off the name it opens (`_ITEM_NO`, Review17), and the verb after it (新改扩建 …)."""
    m = _ITEM_NO.match(c.indicator)
    if m is None or c.ind_start < 0 or not s.startswith(m.group(0), c.ind_start) \
            or s[s.rfind("\n", 0, c.ind_start) + 1: c.ind_start].strip():
        return
    after = norm.to_original(c.ind_start + m.end() - 1) + 1
    if not (m.group(0).startswith("0") or norm.original[after: after + 1] in (" ", "\u3000", "\t", "\u2003")):
        return
    rest = c.indicator[m.end():]
    name = ind.before(rest) or rest
    at = s.find(name, c.ind_start + m.end(), c.num.start + 1)
    c.indicator = name
    if at >= 0:
        c.ind_start, c.ind_end = at, at + len(name)


# A work's size in a clause after the one naming it: "新建大河坎镇冷水路北段道路工程，全长470米、宽30米" (Review17): the
# length and width of the road, not a thing named 全长 (the width had taken that name too).
_LENGTH_UNITS = frozenset(("米", "公里", "千米"))
_DIMENSION = regex.compile(r"(?P<w>全长|总长度|总长|长度|长|宽度|总宽|宽|高度|高|深度|深)(?:约|达|为|达到)?")


_DIMENSION_NAME = {"全长": "长度", "总长": "长度", "总长度": "长度", "长": "长度", "宽": "宽度", "总宽": "宽度", "高": "高度",
                   "深": "深度"}


def _dimension(c: Candidate, s: str, marks: Marks, clause_start: int, sentence_start: int) -> None:
    """Name a length or width said in a clause of its own (`_DIMENSION`) by the work the clause before names."""
    own = c.pre.lstrip("、，, ")
    word = _DIMENSION.fullmatch(own)
    if word is None:
        return
    first = _DIMENSION.match(s, clause_start)  # the clause opens on a dimension: "全长470米、宽30米"
    if first is None or clause_start <= sentence_start:
        return
    lead = marks.clause_start(clause_start - 1)
    work = tidy(ind.before(s[lead: clause_start - 1].strip()))
    if not work or any(ch.isdigit() for ch in work):
        return
    c.indicator = work + _DIMENSION_NAME.get(word.group("w"), word.group("w"))
    found = s.find(work, lead, clause_start)
    c.ind_start, c.ind_end = (found, found + len(work)) if found >= 0 else (c.ind_start, c.ind_end)


def _flat_table_values(cands: list[Candidate], s: str, ctx: DocumentContext) -> None:
    """The values of an indicator table flattened one cell a line (`tables.flat_table_rows`, Review17): each is named by
    its row and has the kind and year of its column ("预期目标" → the target of the table's year, "实际完成" and "备注" →
    its results); read as prose they had no name, the row's name standing on a line of its own."""
    rows = flat_table_rows(s)
    if not rows:
        return
    cells = sorted((cell.start, cell.end, row, cell) for row in rows for cell in row.cells)
    starts = [cell[0] for cell in cells]
    for c in cands:
        i = bisect_right(starts, c.num.start) - 1
        if i < 0 or c.num.start >= cells[i][1]:
            continue
        cell_start, _, row, cell = cells[i]
        pre = s[cell_start:c.num.start]
        c.pre, c.pre_start = pre, cell_start
        c.comparator = comparator(c, pre)
        c.measure, c.verb = measure(c, pre)
        c.indicator, c.ind_start, c.ind_end, c.items = row.name, row.start, row.end, []
        c.kind = cell.kind
        c.year = cell.year if cell.year is not None else ctx.frame_at(row.start).year
        if cell.growth and c.num.unit == "%":
            c.measure = "growth"  # under "预期目标 (增速)" or a sub-column "增速"


# A review of part of a year that goes through the tasks a report fixed (Review18: a 督查 notice "(二)报告中确定的其他指标任务
# 完成情况", then "1.引进…项目不少于3个;投资10亿元以上项目10个。上半年,引进…项目3个"): each numbered item first restates
# its task, the year's target, then says what the part of the year did, from a sentence opening on the part (上半年, 1-6月,
# 截至, 目前) or on 已.
_TASKS_FIXED = regex.compile(r"(?:报告|规划|计划|会议)(?:中|里)?(?:确定|提出|部署|明确)的[^\n。]{0,12}(?:任务|指标|目标|工作)")
_PART_OPENING = regex.compile(rf"(?:^|[。；;！？\n])\s*(?:{PART_WORDS}|截至|截止|目前|今年以来|已)")


def _restated_tasks(cands: list[Candidate], s: str, ctx: DocumentContext) -> None:
    """The values a numbered item restates as the task a report fixed (`_TASKS_FIXED`), before the item's sentence on
    what part of the year did (`_PART_OPENING`): targets of the plan's year, not results of the part reviewed."""
    items: list[tuple[int, int]] = []
    for section in ctx.outline.sections:
        stack = [section]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if node.kind in ("num", "num_paren") and node.parent is not None and _TASKS_FIXED.search(node.parent.title):
                body = s[node.start:node.end]
                done = _PART_OPENING.search(body, node.heading_end - node.start)
                items.append((node.start, node.start + done.start() if done else node.end))
    for c in cands:
        if any(a <= c.num.start < b for a, b in items):
            c.kind, c.year = "target", ctx.plan_year


# (a note in brackets may follow it: "80%（新区实验幼儿园进度滞后）", Review58)
_PROGRESS_RATE = regex.compile(r"\d+(?:\.\d+)?\s*%(?:\s*[（(][^（()）]*[）)])?")
# A cell that holds a value alone ("8950人", "104%", "3321"), nothing that names it.
_BARE_CELL = regex.compile(r"\s*\d+(?:\.\d+)?\s*[^\d\s，。；、]{0,3}\s*")


def _progress_table_values(cands: list[Candidate], s: str, ctx: DocumentContext, tables: list[ProgressTable]) -> None:
    """The values of a progress table flattened one cell a line (`tables.progress_tables`, Review18): the goal cell's are
    targets of the table's year, the progress cells' results (read as prose every cell was the year's target, the
    list's frame); a percentage alone in a progress column ("28%" under 形象进度) is the work's progress rate, a share
    named by the goal cell's first thing and the column."""
    cells = sorted((cell.start, cell.end, table, row, cell) for table in tables for row in table.rows for cell in row)
    starts = [cell[0] for cell in cells]
    for c in cands:
        i = bisect_right(starts, c.num.start) - 1
        if i < 0 or c.num.start >= cells[i][1]:
            continue
        cell_start, cell_end, table, row, cell = cells[i]
        c.kind = cell.kind
        c.year = table.year if table.year is not None else ctx.frame_at(cell_start).year
        name = table.names.get(id(row))
        if name is not None and _BARE_CELL.fullmatch(s, cell_start, cell_end):
            # a bare value under its column ("8950人" under 目标任务, "80%" under 任务完成率): the row's name says of what
            c.indicator, c.ind_start, c.ind_end, c.items = tidy(s[name[0]: name[1]]), name[0], name[1], []
            if _PROGRESS_RATE.fullmatch(s, cell_start, cell_end):
                c.indicator += cell.column
                c.measure, c.verb, c.comparator = "share", "", "="
            continue
        if cell.kind == "result" and _PROGRESS_RATE.fullmatch(s, cell_start, cell_end):
            goal = next((d for d in cands if d.indicator and row[0].kind == "target"
                         and row[0].start <= d.num.start < row[0].end), None)
            c.indicator = (tidy(without_change(goal.indicator)) if goal else "") + cell.column
            c.ind_start, c.ind_end, c.items = -1, -1, []
            c.measure, c.verb, c.comparator = "share", "", "="


def _progress_spans(norm: NormalText, tables: list[ProgressTable]) -> list[tuple[int, int, str, str | None]]:
    """The progress tables' cells in the original text: start, end, kind and the table's part of the year."""
    return [(norm.to_original(cell.start), norm.to_original(cell.end), cell.kind, table.period)
            for table in tables for row in table.rows for cell in row]


def _progress_periods(records: list[Quantity], norm: NormalText, tables: list[ProgressTable]) -> None:
    """A progress cell's values are of the year to the date the table's title gives ("截至5月15日" → M01-M05)."""
    spans = [(a, b, period) for a, b, kind, period in _progress_spans(norm, tables) if kind == "result" and period]
    for record in records:
        if record.kind != "result":
            continue
        for a, b, period in spans:
            if a <= record.start < b or a < record.end <= b:
                record.span, record.period, record.period_start = "part", period, None
                break


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` falls inside one of `spans` (sorted, apart: a table's rows)."""
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _row_start(s: str, pos: int) -> int:
    return s.rfind("\n", 0, pos) + 1


def _table_record(cell: TableCell, norm: NormalText, doc: str, ctx: DocumentContext) -> Quantity:
    """A record for one value of an indicator table; its quote is the row up to the value."""
    start, end = cell.row_start, cell.end
    plan = ctx.plan_year
    kind = "result" if cell.base or (plan and cell.year and cell.year < plan) else "target"
    return Quantity(
        doc=doc, kind=kind, indicator=tidy(cell.indicator), measure=cell.measure,  # type: ignore[arg-type]
        value=cell.value, unit=cell.unit, comparator=cell.comparator, year=cell.year,  # type: ignore[arg-type]
        quote=norm.original[start:end], start=start, end=end,
        section="", strength=cell.strength,  # type: ignore[arg-type]
    )


_AMOUNT_DONE = regex.compile(r"完成|实际|累计|已")


def _amount_record(amount: AmountCell, s: str, norm: NormalText, doc: str, ctx: DocumentContext) -> Quantity:
    """A record for one amount of a project list (`tables.amount_cells`): the kind and year of the list where it stands
    (a year's 民生实事 list: its targets; a report on how they were done: its results), or the year its title names;
    its quote runs from the project's name to the amount."""
    frame = ctx.frame_at(amount.start)
    year, _ = table_title(s, amount.table_start)
    if _AMOUNT_DONE.search(amount.column):
        kind = "result"  # "1-6月完成投资（万元）", "累计完成投资": what was spent, not what is planned
    elif frame.default:
        kind = "target"  # a list of the year's projects, nothing around it saying otherwise: what they are to spend
    else:
        kind = frame.kind
    if year is None:
        year = frame.year if not frame.default or kind == "result" else ctx.plan_year
    elif kind == "target" and ctx.plan_year and year < ctx.plan_year:
        kind = "result"
    start, end = norm.to_original(amount.name_start), norm.to_original(amount.end)
    return Quantity(
        doc=doc, kind=kind, indicator=tidy(amount.name + amount.column), measure="level",  # type: ignore[arg-type]
        value=amount.value, unit=amount.unit, comparator="=", year=year,
        quote=norm.original[start:end], start=start, end=end, section=frame.section,
    )


def _stat_record(cell: StatCell, s: str, norm: NormalText, doc: str, ctx: DocumentContext) -> Quantity:
    """A record for one value of a statistics table (`stat_tables.stat_cells`): a goal column's are targets, the others
    take the kind of the place the table stands in; the year is the one its title names, else the place's; the quote runs
    from the row's name to the value."""
    frame = ctx.frame_at(cell.start)
    year = cell.year if cell.year is not None else table_title(s, cell.table_start)[0]
    kind = "target" if cell.goal else frame.kind
    year = year if year is not None else frame.year
    if kind == "target" and ctx.plan_year and year is not None and year < ctx.plan_year:
        kind = "result"
    start, end = norm.to_original(cell.name_start), norm.to_original(cell.end)
    return Quantity(
        doc=doc, kind=kind, indicator=tidy(cell.indicator), measure=cell.measure,  # type: ignore[arg-type]
        value=cell.value, unit=cell.unit, comparator="=", year=year,
        quote=norm.original[start:end], start=start, end=end, section=frame.section,
    )


def _fall_resized(c: Candidate, s: str, clause_start: int, prev: Candidate | None) -> None:
    """"外贸出口177.83亿美元，下降16.0%，降幅比上半年收窄10个百分点": the fall of the thing the sentence gave values of
    narrowed by 10 points, named `外贸出口降幅收窄`, value +10 (the verb in the name, as a fall in an amount keeps it; the
    rate of change rose by 10 points). A widening (扩大, 加大) is named so, positive too."""
    if c.num.unit != "百分点" or prev is None:
        return
    m = FALL_RESIZED.fullmatch(_unbracketed(s[clause_start: c.num.start]).strip())
    if m is None:
        return
    owner = prev.owner or prev.indicator
    if owner:
        c.indicator = owner + m.group("fall") + m.group("dir")
        c.measure, c.verb = "points", ""


# A gap said in a clause of its own after a value of the thing: a growth against the year's goal ("增长8%，比年度目标高0.5个
# 百分点": the rate's gap), an amount some times above a named standard ("人均纯收入达到1.8万元，超过国家扶贫标准4倍").
_ABOVE_GOAL = plain_re.compile(
    r"(?:比|较)(?P<goal>(?:年度|全年|年初|预期|计划)?(?:预期)?(?:目标|计划)(?:任务)?)(?P<dir>提高了?|高出|高|加快|快|多|低|慢|少|降低了?)"
)
# A growth's gap against the same rate elsewhere, in a clause of its own: "高于全市平均增速", "低于全省平均水平", "快于全国",
# one gap against a list of places ("高于全国、全省1个百分点").
_WHOLE_PLACE = r"(?:全国|全省|全市|全区|全县|全州|同期|全球)"
_ABOVE_AVERAGE = plain_re.compile(
    rf"(?:高于|低于|快于|慢于|高出|超出|领先){_WHOLE_PLACE}(?:[、和及与]{_WHOLE_PLACE})*(?:的)?(?:平均)?"
    r"(?:增速|增幅|增长|水平|平均水平)?")
_ABOVE_OTHER = regex.compile(r"(?:高于|超过|高出|超出)\p{Han}{2,12}")


# A gap against other places, in a clause of its own: "比全省高1.18万元", "分别比全国、自治区和全市高4.2、4.3和3.2个百分点",
# "比全市和全国分别高6.4和6.9个百分点", "超过全省0.4个百分点", "高于全国、全省1个、0.2个百分点". The places are whole places
# or their average, one or a list.
_GAP_PLACE = r"(?:全国|全省|全市|全区|全县|全州|全盟|自治区|省|市|州|\p{Han}{1,4}?(?:省|市|州|县|区|国))(?:平均水平|平均)?"
# Verbs of a cut before its object: the amount after the object is the cut ("减少政府支出债务6.53亿元").
_CUT_VERBS = ("减少", "压减", "削减")
_CLAUSE_MARK = plain_re.compile(r"[，。；！？\n]")
_ABOVE_VERBS = frozenset(("高于", "低于", "快于", "慢于", "高出", "超出"))  # "高于全国、全省1个、0.2个百分点": one value a place
_GAP_PLACES = regex.compile(
    rf"(?:分别|均)?(?P<verb>比|较|超过|高于|低于|快于|慢于|高出|超出)(?P<places>{_GAP_PLACE}(?:(?:、|和|及|与){_GAP_PLACE})*)"
    r"(?:的?(?:增速|增幅|平均增速|平均水平))?(?:分别|均)?(?P<dir>高出|高|低|快|慢|多|少)?了?"
)


def _gap_against(c: Candidate, s: str, clause_start: int, earlier: list[Candidate]) -> None:
    """Name a gap against other places that opens its own clause after a value of the thing (`_GAP_PLACES`): the gap of the
    thing's rate when it is in points after a growth ("地区生产总值增速比全国高"), of the thing itself when in the thing's
    own unit after its level ("人均地区生产总值比全省高"); a list of places gives one name a value, in order. The thing is
    the sentence's nearest value fit for the gap (a change against the year before, "比上年增加0.17万元", is none)."""
    if c.num.start - clause_start > 30 or not earlier:
        return
    m = _GAP_PLACES.fullmatch(_unbracketed(s[clause_start: c.num.start]).strip())
    if m is None or (m.group("verb") in ("比", "较") and not m.group("dir")):
        return
    owner = None
    for d in reversed(earlier):
        if d.end > clause_start or not d.indicator or d.items:
            continue
        if _GAP_PLACES.fullmatch(_unbracketed(d.pre).strip()) or (
                d.pre.lstrip("，, ").startswith(("比", "较", "同比"))
                and not (c.num.unit == "百分点" and d.num.unit == "%" and d.measure == "growth")):
            continue  # a gap or a change of its own (a growth on the year before is the rate a gap in points is of)
        if c.num.unit == "百分点" and d.num.unit == "%" and d.measure in ("growth", "share"):
            owner = d
        elif c.num.unit not in ("百分点", "%", "倍") and d.num.unit == c.num.unit and d.measure == "level":
            owner = d
        if owner is not None or d.num.unit in ("%", c.num.unit):
            break
    if owner is None:
        return
    name = owner.owner or owner.indicator
    if owner.measure == "growth":
        for rate in ("增速", "增幅", "增长率", "增长"):
            name = name.removesuffix(rate)
        name += "增速"
    verb = "比" if m.group("verb") == "较" else m.group("verb")
    direction = "高" if m.group("dir") == "高出" else m.group("dir") or ""
    places = ind.split_list(m.group("places")) or [m.group("places")]
    if len(places) == 1 and verb in _ABOVE_VERBS:
        return  # "高于全市0.6个百分点": the gap of the thing's rate, named by `_gap_after`
    end = _CLAUSE_MARK.search(s, c.num.start)
    values = len(_SERIES_NUMBER.findall(s, c.num.start, end.start() if end else len(s)))
    if len(places) > 1 and len(places) != values:
        return
    names = [f"{name}{verb}{place}{direction}" for place in places]
    c.indicator, c.ind_start, c.ind_end = names[0], owner.ind_start, owner.ind_end
    c.owner = owner.owner or owner.indicator  # the thing itself, for a total said after ("，总量跨过3000亿元")
    if len(names) > 1:
        c.items, c.item_idx = names, 0


_FULL_STOP = regex.compile(r"[。！？\n]")


# The toll of events just counted: "发生安全生产事故3起，死亡4人" (the deaths of those accidents, not deaths alone).
_CASUALTY = frozenset(("死亡", "受伤", "伤亡", "遇难", "失踪"))


def _casualties(c: Candidate, prev: Candidate | None) -> None:
    """A bare casualty word counted in people right after a count of events (unit 起) is those events' toll:
    "安全生产事故3起，死亡4人" → 安全生产事故死亡人数 (a change between them, "…17起，同比下降19.01%；死亡20人", Review65, aside)."""
    if prev is not None and c.num.unit == "人" and c.indicator in _CASUALTY and prev.num.unit == "起" \
            and prev.indicator and prev.indicator not in _CASUALTY:
        c.indicator = prev.indicator + c.indicator + "人数"
        c.ind_start, c.ind_end = prev.ind_start, prev.ind_end


# A clause of a subject only and 是/为 before a per cent: "商丘是7.5%左右", "濮阳、漯河、三门峡、信阳则是7%以上". Not a rate or
# share named as the subject ("城镇化率是65%", "研发投入强度为2.6%").
_ELLIPTIC = regex.compile(
    r"(?P<who>[\p{Han}、]{1,24}?)(?:(?:则|也|亦|都|均|更|便|就)?(?:是|为)"
    r"|(?:更是|则|也|还)?(?:提出|定下|确定|喊出)了?[“\"](?:保|确保|力争|争取|冲刺))")
_ELLIPTIC_NOT = plain_re.compile(r"率|比重|比例|占|强度|指数|份额|目标|水平|增速|增幅|涨幅|速度|[之以]内|其中|分别")
_NEXT_TIER = plain_re.compile(r"、(?:争|力争|争取|冲刺)")
_THING_AFTER_YEAR = regex.compile(r"(?:19|20)\d{2}年(?:度)?的?(?P<thing>[\p{Han}A-Za-z]{2,16})$")


def _elliptic_subject(c: Candidate, s: str, clause_start: int, earlier: list[Candidate], things: dict[int, str]) -> None:
    """A clause of a subject and 是/为 before a per cent, after a growth of the sentence, states the same growth of that
    subject (Review17: "驻马店2023年GDP增速目标为7%左右，濮阳、漯河、三门峡、信阳则是7%以上，商丘是7.5%左右"): a growth, named by the
    subject and what the growth before it was of (the words after the year in its name, GDP), not a share named 商丘. So
    is a goal's quoted tiers said of a subject ("南阳更是提出了“保8%、争9%”的目标"; the second tier follows the first)."""
    if c.num.unit != "%" or c.measure != "share" or c.verb or c.num.start - clause_start > 28:
        return
    last = earlier[-1] if earlier else None
    if last is not None and id(last) in things and _NEXT_TIER.fullmatch(s, last.end, c.num.start):
        c.measure, c.verb, c.indicator = last.measure, last.verb, last.indicator  # “保8%、争9%”: the upper tier
        c.ind_start, c.ind_end = last.ind_start, last.ind_end
        things[id(c)] = things[id(last)]
        return
    m = _ELLIPTIC.fullmatch(s, clause_start, c.num.start)
    if m is None or _ELLIPTIC_NOT.search(m.group("who")):
        return
    prev = next((d for d in reversed(earlier) if d.num.unit == "%"), None)
    if prev is None or prev.measure != "growth" or not prev.indicator:
        return
    c.measure, c.verb = "growth", prev.verb
    thing = things.get(id(prev)) or ((t := _THING_AFTER_YEAR.search(prev.indicator)) and t.group("thing"))
    if thing:
        things[id(c)] = thing
        c.indicator, c.ind_start, c.ind_end = m.group("who") + thing, m.start("who"), m.end("who")


_GOAL_OF_RATE = plain_re.compile(r"的(?:预期)?(?:增长)?(?:目标|预期目标)(?:增速|增幅|增长)?")


def _last_years_goal(c: Candidate, s: str, earlier: list[Candidate]) -> None:
    """Last year's goal compared with after this year's ("安阳市则将2023年GDP增速目标明确为6.5%，较上年7.5%的目标增速有所下调",
    Review17): a target of the year before the sentence's, of the thing the value before it is of, measured as it is."""
    if not earlier or not LAST_YEARS.search(c.pre) or not _GOAL_OF_RATE.match(s, c.end):
        return
    prev = earlier[-1]
    if prev.num.unit != c.num.unit or not prev.indicator or prev.year is None:
        return
    c.kind, c.year, c.measure, c.verb = "target", prev.year - 1, prev.measure, prev.verb
    c.indicator, c.ind_start, c.ind_end = prev.indicator, prev.ind_start, prev.ind_end


def _gap_after(c: Candidate, s: str, clause_start: int, prev: Candidate | None) -> None:
    """Name a gap that opens its own clause after a value of the thing by the thing, its rate when the value was a growth,
    and the comparison (地区生产总值增速比年度目标提高, 人均纯收入超过国家扶贫标准): what the gap is of, not the thing's
    own value."""
    if prev is None or c.num.unit not in ("百分点", "倍") or clause_start <= prev.end:
        return
    owner = prev.owner or prev.indicator
    clause = _unbracketed(s[clause_start: c.num.start]).strip()
    if not owner or c.items:
        return
    if c.num.unit == "百分点" and prev.measure == "growth" and (m := _ABOVE_GOAL.fullmatch(clause)):
        c.indicator = owner.removesuffix("增速") + "增速" + m.group(0)
    elif c.num.unit == "百分点" and prev.measure == "growth" and _ABOVE_AVERAGE.fullmatch(clause) \
            and not owner.endswith(_RATE_NAMES):
        c.indicator = owner + "增速"  # "固定资产投资同比增长16.8%，…，高于全市平均增速17.7个百分点": the gap of its growth
    elif c.num.unit == "倍" and prev.num.unit.endswith("元") and prev.measure == "level" \
            and (other := _ABOVE_OTHER.fullmatch(clause)):
        c.indicator = owner + other.group(0)
    else:
        return
    found = s.rfind(owner, max(0, clause_start - 200), clause_start)
    c.ind_start, c.ind_end = (found, found + len(owner)) if found >= 0 else (prev.ind_start, prev.ind_end)


def _against_plan(c: Candidate, s: str, clause_start: int, prev: Candidate | None, in_series: bool) -> None:
    """A value said against the year's plan: the plan's figure is a target of the year reviewed, named by what it
    plans ("完成年计划430亿元" after "地区生产总值412亿元"); the share completed is that indicator's 年计划完成率; a value
    after them in the sentence that names nothing of its own ("…的95.8%（…），增长3.0%") is the indicator's again."""
    if prev is None:
        return
    clause = _unbracketed(s[clause_start: c.num.start]).strip()
    owner = prev.owner or prev.indicator
    if c.indicator == "完成率" and prev.indicator and not prev.indicator.endswith("率") \
            and s.rfind("，", prev.end, c.num.start) >= 0:
        c.indicator = owner + "完成率"  # "实体零工驿站建设完成2个，完成率200%": the share of its task done
        return
    plan = None
    if c.num.unit == "%" and (completion := _COMPLETION.fullmatch(clause)):
        plan = completion.group("plan")
        if c.items:  # "分别完成年度计划的98.2%和101.4%": each value's own item
            owner = c.indicator
    elif c.num.unit == "%" and in_series and prev.owner and prev.indicator.endswith("完成率") and c.items:
        owner, plan = c.indicator, prev.indicator.removeprefix(prev.owner).removesuffix("完成率")
    if plan and owner:
        c.owner, c.indicator, c.measure = owner, owner + plan + "完成率", "share"
    elif c.num.unit != "%" and _PLAN_FIGURE.fullmatch(clause) and owner and c.num.unit == prev.num.unit:
        c.owner, c.indicator = owner, owner
        if c.kind == "result":  # the year reviewed had this figure as its plan
            c.kind = "target"
    elif prev.owner and not c.items and not ind.before(_unbracketed(s[prev.end: c.num.start]).strip("，、；： ")):
        owner = c.indicator = prev.owner
    else:
        return
    found = s.rfind(owner, max(0, clause_start - 200), clause_start)  # the quote holds the indicator's words
    c.ind_start, c.ind_end = (found, found + len(owner)) if found >= 0 else (prev.ind_start, prev.ind_end)


# A goal quoted in a review after the value it judges: "一般公共预算收入同比增长5%，完成区人代会批准增长5%左右目标",
# "居民消费价格指数上涨3.1%，控制在4.5%的预期目标内", "广义货币M2增长11.3%，低于13%左右的预期目标".
_GOAL_AFTER = plain_re.compile(r"(?:的)?(?:预期|年度|全年|年初|既定|计划)?(?:增长|增速)?(?:目标|预期目标)(?P<within>以内|之内|内)?")
# A verb comparing a value with the goal after it, not a bound of the goal ("低于4%的预期目标"; 不低于 is one).
_JUDGING = regex.compile(r"(?<!不)(?:低于|高于|超过|超出|好于|优于|快于|慢于|突破)(?:了)?$")
# A goal in brackets after the value it judges: "比年初目标(6.5%)低2.3个百分点", "增长4.2%（年初目标6.5%）", "增长3.1%（目标5%）".
_GOAL_BRACKET = regex.compile(
    r"(?:(?:目标|预期)[(（]|[(（](?:(?:预期|年度|全年|年初|既定|计划)(?:增长)?)?(?:目标|预期目标|预期)(?:为|是)?"
    r"|[(（](?:任务数|目标数|计划数|目标任务|任务)(?:占比)?(?:为|是)?)$")  # ("引进优强企业21家(任务数18家)", Review68)
# Who set the goal, named where the thing should be: "区人代会批准", "年初确定的", "市下达的".
_SET_BY = regex.compile(r"(?:批准|确定|下达|制定|提出|通过|审定|部署|安排|要求)(?:的)?$")
# The setter before the thing's own name: "…会议上提出的当年地区生产总值" (当年, 全年, 年度 date the goal, not the thing).
_SET_BY_THING = regex.compile(r"(?:批准|确定|下达|制定|提出|通过|审定|部署)的(?:当年|全年|年度|本年)?(?P<thing>\p{Han}{2,16})$")
# An amount over the goal, named by the goal alone: "超预期目标8.57亿元", "超出年度目标60亿元".
_OVER_GOAL = plain_re.compile(r"(?:超出|超过|超额完成|超)(?:了)?(?:预期|年度|全年|年初|计划)?(?:目标|计划|任务)(?:任务)?")


# A count among a counted set: "11项主要经济指标中，有6项没有完成“双过半”目标任务", "12个区县中，8个实现…",
# "12项主要预期目标中10项能够达到或超额完成、2项与预期目标存在差距" (a sibling count after 、 is of the same set).
_AMONG = regex.compile(r"(?P<x>\p{Han}[^，。；：！？\d\n]{1,15}?)中[，,]?(?:其中)?(?:有|共有)?")
_COUNTS = frozenset("项 个 家 所 条 座 户 名 人 件 类".split())
# What the counted things did, to the clause's end or to a sibling count ("、2项…"); a modal before it says nothing.
_DID = regex.compile(r"[^，。；：！？\n]+?(?=、\d|、[一二两三四五六七八九十]+[项个家所条座户名人件类]|[，。；：！？\n]|$)")
_MODAL = plain_re.compile(r"^(?:能够|可以|已经|都能|均能|全部|都|均|已|能)")


_RANK_PLACE = r"(?:全[国省市区县州]|同类城市|[省市区县]内|全省区县|\p{Han}{2,4}?[市省区]?县域|\p{Han}{1,6}?(?:县域|同类县|区县))?"
_RANK_PLACE_AT = (r"(?:第[一二三四五六七八九十\d]{1,3}(?:位|名)?|前[一二三四五六七八九十\d]{1,3}(?:位|名)?|首位|前列)")
# "总量居全省第三", "总量稳居南宁市县域第一、全区县域前列" (a ranking between an amount and its growth)
_RANKING = regex.compile(rf"\p{{Han}}{{0,4}}?(?:居|位居|稳居|位列|排|排名|排在|列){_RANK_PLACE}{_RANK_PLACE_AT}"
                         rf"(?:、{_RANK_PLACE}{_RANK_PLACE_AT})*")
_CHANGED_BY = regex.compile(r"(?P<what>[^，。；：、\d%]{2,24}?)(?P<verb>压缩|缩短|压减|减少|下降|降低|提高|提升|增长|增加)(?:了)?$")


def _change_of_counted(c: Candidate, s: str, prev: Candidate) -> None:
    """"1420项行政许可审批时限压缩80%" (Review18): the per cent after a count is the change of what the count's name
    goes on to (审批时限), not a share named by the words before the count; the count keeps the things counted."""
    if c.num.unit != "%" or c.measure != "share" or prev.num.unit not in _COUNTS or prev.ind_start < prev.end:
        return  # (read as a growth already: "91家规模工业企业实现增加值同比增长4.1%" keeps its name)
    m = _CHANGED_BY.fullmatch(s, prev.end, c.num.start)
    if m is None:
        return
    c.pre, c.pre_start = m.group(0), prev.end
    c.measure, c.verb = measure(c, m.group(0))
    if c.measure != "growth":
        return
    c.indicator, c.ind_start, c.ind_end, c.items = m.group("what"), m.start("what"), m.end("what"), []
    c.comparator = comparator(c, m.group(0))
    if prev.ind_end > m.start("verb") and prev.ind_start < m.start("verb"):
        prev.indicator, prev.ind_end = s[prev.ind_start: m.start("verb")], m.start("verb")


def _counted_among(c: Candidate, s: str, prev: Candidate, marks: Marks) -> None:
    """The second count of "N项X中，有M项Y" is of the X that Y ("没有完成…目标任务的主要经济指标"); the first names X
    (not "X中"); a count after the second's 、 ("、2项Z") is of the X that Z."""
    if c.num.unit != prev.num.unit or c.num.unit not in _COUNTS:
        return
    m = _AMONG.fullmatch(s, prev.end, c.num.start)
    sibling = m is None and prev.among and prev.ind_end > 0 and s[prev.ind_end: c.num.start] == "、"
    if m is None and not sibling:
        return
    did = _DID.match(s, c.end)
    if did is None:
        return
    modal = _MODAL.match(did.group(0))
    start = c.end + (modal.end() if modal else 0)
    what = s[start: did.end()].strip()
    if not 2 <= len(what) <= 20 or _DIGIT.search(what):
        return
    if m is not None:
        x = m.group("x")
        prev.indicator, prev.ind_start, prev.ind_end = x, m.start("x"), m.end("x")
    else:
        x = prev.among
    c.indicator, c.ind_start, c.ind_end, c.among = what + "的" + x, start, start + len(what), x


# A bracket opened after a value, holding a part of it named by a qualifier only: "地区生产总值2266.1亿元，增长2.4%（区本级
# 1976.7亿元，增长2%）", "（其中市本级…）": the scope of the same thing (本级, a district or county, 县内, 全口径).
_PART_OPEN = regex.compile(r"[（(](?:其中|含|包括)?[：:]?(?P<q>\p{Han}{1,5}?)$")
# What a growth is compared with, its own figure in brackets: "增速高于全市(18.6%)", "较一季度(-10.8%)回升…", "较上年同期
# (3.2%)提高…".
_BENCH_OPEN = regex.compile(
    r"(?:(?:高于|低于|快于|慢于|超过|超出|领先|落后于?)(?P<place>全[国省市区县州]|\p{Han}{1,3}?[省市县区州])(?:平均)?(?:水平)?"
    r"|(?:较|比)(?:一季度|上半年|前三季度|上年同期|去年同期|1\s*[—\-－–~～至]\s*\d{1,2}\s*月(?:份)?))[（(][-－−]?$")
_SCOPE = regex.compile(r"(?:\p{Han}{0,2}本级|全口径|\p{Han}{1,3}(?:区|县|市|镇|乡)|[县市区省]内|[县市区省]外|城区|市区|主城区)")


def _bracketed_part(c: Candidate, s: str, seg_start: int, earlier: list[Candidate]) -> None:
    """A value inside a bracket that names only a scope ("（区本级1976.7亿元"): the thing the sentence gave the value
    before the bracket of, with the scope in brackets (地区生产总值（区本级）); the values after it in the bracket take
    that name from it. A bare rate there is of the same measure as the value before it: "同比增长7.5%（全市11.1%）" is
    the city's growth. So is the bracketed figure of what a growth is compared with (`_BENCH_OPEN`): "增速高于全市(18.6%)"
    the city's, "较一季度(-10.8%)回升2.1个百分点" the first quarter's."""
    raw = s[seg_start: c.num.start]
    if "（" not in raw and "(" not in raw:
        return
    m = _PART_OPEN.search(raw)
    scope = m if m is not None and _SCOPE.fullmatch(m.group("q")) else None
    bench = _BENCH_OPEN.search(raw) if m is None else None
    opener = scope or bench
    if opener is None:
        return
    whole = next((d for d in reversed(earlier) if (d.owner or d.indicator) and d.end <= seg_start + opener.start()
                  and d.num.unit == c.num.unit), None)
    if whole is None:
        return
    owner = whole.owner or whole.indicator
    rate = c.num.unit == "%" and whole.measure == "growth" and c.measure == "share" and not c.verb
    if bench is not None and not rate:
        return
    # the scope's or the place's own, in brackets: never the document's ("较一季度(": the thing's, of that part of the year)
    qualifier = scope.group("q") if scope is not None else bench.group("place") if bench is not None else None
    c.indicator = owner + "（" + qualifier + "）" if qualifier else owner
    c.ind_start = whole.ind_start if 0 <= whole.ind_start < seg_start else seg_start + opener.start()
    c.ind_end = seg_start + opener.end()
    if rate:
        c.measure, c.verb = "growth", ""
    if s[c.end: c.end + 1] in ("）", ")"):
        c.owner = owner  # the values after the bracket are of the thing before it again ("…(全市11.1%)，较去年同期回落…")


# Names that are only a head noun, their owner said before: "粮食生产再获丰收，总产8.16万吨", "服务业较快增长，实现增加值
# 964.92亿元", "金融机构本外币存款突破两千亿元，余额达2105.20亿元".
_BARE_HEADS = frozenset("增加值 产值 总产 总产量 产量 余额 总额 收入 比重 增速 增长速度 营业收入 利润 利税".split())
# A rate of growth named alone after a clause on the economy: "全市经济止跌回稳、逐步提速，增长速度由一季度的5.9%…" is the
# economy's (经济增长速度), the one owner _SUBJECT_CLAUSE leaves out as an activity word.
_RATE_HEADS = ("增速", "增长速度", "增幅")
_ECONOMY_CLAUSE = regex.compile(r"(?:全区|全市|全县|全省|全州|全镇|全乡|全国)?经济(?![总规实体发社结带])")
# A clause that opens on its subject and says how it went: "服务业较快增长", "粮食生产再获丰收" (生产, 经济 are of the
# subject's activity, not its name).
_SUBJECT_CLAUSE = regex.compile(
    r"(?:全区|全市|全县|全省|全州|全镇|全乡)?(?P<x>(?:(?![和与及的])\p{Han}){2,8}?)(?:生产|经济|行业)?"
    r"(?:较快|稳步|持续|平稳|快速|迅速|稳定|再获|再创|实现|保持|继续|增长|发展|壮大|运行|提速|加快|回升|丰收|向好)")
_DONE = regex.compile(r"^(?:完成|实现)")
_MEASURE_ENDS = ("面积", "量", "额", "值", "率", "数", "产", "入", "重", "速", "润", "税", "价", "比", "水平")
_PLACE_LEAD = regex.compile(r"^(?:全区|全市|全县|全省|全州|全镇|全乡)")


def _bare_head(c: Candidate, s: str, clause_start: int, sentence_start: int, earlier: list[Candidate]) -> None:
    """A name that is only a head noun (`_BARE_HEADS`) takes its owner from the clause before in the sentence: the thing
    that clause gave a value of ("全区规模工业达到300家，完成增加值145亿元" → 规模工业增加值), else the subject it opens
    on ("服务业较快增长，实现增加值…" → 服务业增加值)."""
    head = _DONE.sub("", c.indicator)
    rate = next((r for r in _RATE_HEADS if head.endswith(r) and head[: -len(r)] in _BARE_HEADS), "")
    if (head not in _BARE_HEADS and not rate) or c.items or clause_start <= sentence_start:
        return  # (the rate of a bare head is bare too: "产值增速")
    before_start = max(sentence_start, max((s.rfind(m, sentence_start, clause_start - 1) for m in "，,；;"), default=-1) + 1)
    valued = [d for d in earlier if before_start <= d.num.start < clause_start and (d.owner or d.indicator)]
    if valued:
        owner = _PLACE_LEAD.sub("", valued[-1].owner or valued[-1].indicator)
        if owner.endswith(_MEASURE_ENDS):
            return  # "总面积达到76万亩，产值14.7亿元": the clause before gave a measure, not an owner
        at = s.rfind(owner, before_start, clause_start)
    elif head in _RATE_HEADS and (economy := _ECONOMY_CLAUSE.match(s, before_start, clause_start)):
        owner, at = "经济", economy.end() - 2
    else:
        m = _SUBJECT_CLAUSE.match(s, before_start, clause_start)
        if m is None:
            return
        owner, at = m.group("x"), m.start("x")
    if not owner or at < 0:
        return
    c.indicator = owner + head
    c.ind_start = at


# A per-head figure with no owner of its own ("人均年纯收入达到2.9万元") after a clause that counted a group of people
# ("568名建档立卡贫困户实现稳定脱贫", "1200名低保对象"): the figure is per head of that group. The group is the shortest start
# of that count's name ending in a word for people; whole-population figures (人均GDP, 人均预期寿命) keep their names.
_PER_HEAD = regex.compile(r"^人均(?!GDP|地区生产总值|生产总值|国内生产总值|预期寿命|受教育年限)")
_PEOPLE_UNITS = frozenset(("人", "名", "户", "人次", "万人", "位"))
_GROUP = regex.compile(
    r"\p{Han}{0,10}?(?:农民工|农民|居民|群众|职工|家庭|人员|对象|学生|妇女|老人|儿童|劳动力|毕业生|贫困户|脱贫户|"
    r"低收入户|困难户|农户|[户人口]{1,2}(?=实现|脱贫|就业|参保|受益|享受|纳入|转移|增收))")


def _per_head(c: Candidate, s: str, clause_start: int, earlier: list[Candidate]) -> None:
    """A per-head figure after a clause that counted a group of people is named by that group (`_PER_HEAD`)."""
    if not _PER_HEAD.match(c.indicator) or c.items or not earlier:
        return
    d = earlier[-1]
    if d.num.unit not in _PEOPLE_UNITS or d.num.start >= clause_start or not d.indicator \
            or any(mark in s[d.end: clause_start - 1] for mark in "，,；;。"):
        return  # only the clause right before counts
    group = _GROUP.match(s, d.end, clause_start - 1) or _GROUP.match(_PLACE_LEAD.sub("", d.indicator))
    if group is None or len(group.group()) < 2:
        return
    c.indicator = group.group() + c.indicator


# A count of firms followed by an attribute of theirs and its change ("全区345家规模以上工业产值同比下降5.6%"): the count
# is of the firms (规模以上工业企业), the change of their attribute (规模以上工业产值), not of the place before the count.
_FIRM_UNITS = frozenset(("家", "户"))
_FIRMS_ATTRIBUTE = regex.compile(
    r"(?P<owner>[^，。；、\d]{2,12}?)(?:实现|完成)?(?P<sector>工业|农业)?(?P<attr>总?产值|增加值|营业收入|主营业务收入|利润(?:总额)?|利税)"
    r"(?:同比|比上年|较上年|比去年)?(?:增长|下降|减少|提高|增加)$")


def _firms_attribute(c: Candidate, s: str, prev: Candidate) -> None:
    """Name a change said of a firm count's attribute, and the count, by `_FIRMS_ATTRIBUTE`."""
    m = _FIRMS_ATTRIBUTE.match(s, prev.num.end, c.num.start)
    if m is None or c.num.unit != "%":
        return
    owner, sector = m.group("owner"), m.group("sector") or ""
    c.indicator = owner + sector + m.group("attr")
    c.ind_start, c.ind_end = m.start("owner"), m.end("attr")
    prev.indicator = owner + sector + ("" if owner.endswith("企业") else "企业")
    prev.ind_start, prev.ind_end = m.start("owner"), m.end("sector") if sector else m.end("owner")


# Names that say only a rate of the task or an outcome, whose owner is the value before them (`_extract_quantities`).
_OWNERLESS_RATE = regex.compile(r"(?:年度|全年)?(?:任务|计划|目标)?完成率|累计增速|增速")
_OUTCOMES = r"受灾|整改|调出|提标|降标|销号|办结"
_OWNERLESS = regex.compile(rf"{_OWNERLESS_RATE.pattern}|{_OUTCOMES}")
_OWNERLESS_END = regex.compile(rf"(?:{_OUTCOMES})$")
_OUR_PLACE_WORD = r"(?:我|全|本)[省市县区州盟旗镇乡]"
_OWNER_LEAD = regex.compile(rf"^{_OUR_PLACE_WORD}?(?:新增|累计|共)?(?=\p{{Han}}{{2}})")


# A key-project page: a count of a group of projects ("在建项目185项", "省级6项") and the group's figures after it, named
# alone ("总投资1330.5亿元，年度计划投资327.53亿元，1-6月累计完成投资235.8亿元，占年计划投资的72%"). Each figure is of the
# group its sentence counted last (else the first group its line counted), outside brackets; the span of months before
# 完成投资 is the period's, not the name's.
_PROJECT_FIGURE = regex.compile(
    r"(?:(?:1|一)\s*[-—–~～至到]\s*\d{1,2}\s*月份?[，,]?\s*)?(?:累计)?(?P<a>计划总投资|总投资|概算投资|年度计划投资|当年计划投资|"
    r"年计划投资|完成投资|(?:年度|全年)?投资完成率|开复工率|复工率|开工率|(?:完成投资)?占年(?:度)?计划投资的?"
    r"|完成年(?:度)?计划的)$")
# A count of projects at a stage reached, which reports progress rather than names a group ("开复工项目48项"); 续建, 新建,
# 新开工 and 在建 name the plan's groups ("续建项目4项，复工率100%").
_PROGRESS_STAGE = regex.compile(r"(?:已)?(?:开复工|复工|开工|竣工|完工|建成|投产|签约)")
# What follows a group's count on a project page: its investment ("重大产业47个，年度计划投资135.7亿元").
_GROUP_FIGURES = regex.compile(r"[，,]\s*(?:计划总投资|总投资|年度计划投资|年计划投资|当年计划投资|年度投资计划|年内计划完成投资)")
_PROJECT_GROUP = regex.compile(r"(?:项目|工程|[省市县区镇]级)$")
_PROJECT_COUNT_UNITS = frozenset(("项", "个"))
_PROJECT_KIND = regex.compile(r"重点\p{Han}{0,6}?(?:工程|项目)")
_PROJECT_LEVEL = regex.compile(r"[省市县区镇]级")
_OUR_PLACE = regex.compile(rf"^(?:{_OUR_PLACE_WORD}|此次|本次|这次)")
_GROUP_ACT = regex.compile(r"^(?:共计|共)?(?:计划)?(?:实施|安排|推进)(?=\p{Han}{2})")
_PROJECT_REACH = 40  # the figure's words, back from the number


# A progress report's goal, what of it was done and the share done, in one run (`_DONE_RUN`): "15个农村幸福院建设已完成8个(53%)",
# "263场送戏进万村已送230场(87%)". The count before 已 is the year's goal for the thing named between, the count after it
# what was done of it, a per cent in brackets right after that the share done.
_DONE_RUN = regex.compile(r"(?:已经|已)(?:基本|全部)?(?:完成|建成|送|开工|竣工|实施|改造|治理|接种|开展|交付)?了?$")
_RATE_OPEN = frozenset(("(", "（"))
_DONE_CELL = regex.compile(r"[ \u3000\t]*(?:已经|已|累计)?完成")


def _done_of_goal(cands: list[Candidate], s: str) -> None:
    """Name and kind the goal, the done and the share done of a progress report's run (`_DONE_RUN`)."""
    for i in range(len(cands) - 1):
        goal, done = cands[i], cands[i + 1]
        if goal.indicator and goal.num.unit == done.num.unit and goal.num.unit != "%" and goal.ind_start < goal.end \
                and _DONE_CELL.fullmatch(s, goal.end, done.num.start):
            # a progress table's row, its cells parted by spaces: "2.募集青年就业见习岗位325个 完成330个，完成率101.54%"
            # (Review67): the year's goal, then what was done of it
            goal.kind, done.kind = "target", "result"
            continue
        if not goal.indicator or goal.num.unit != done.num.unit or goal.num.unit == "%" or goal.ind_start < goal.end:
            continue  # (the goal's thing is named after its count: "15个农村幸福院建设")
        between = s[goal.end: done.num.start]
        if len(between) > 30 or any(mark in between for mark in "，。；、,;：:\n（(") or not (m := _DONE_RUN.search(between)):
            continue
        thing = between[: m.start()]
        if len(thing) < 2:
            continue
        goal.kind = "target"  # the year's goal, in a report of how far it got
        done.indicator, done.ind_start, done.ind_end, done.items = thing, goal.end, goal.end + len(thing), []
        done.kind = "result"
        if i + 2 < len(cands) and (rate := cands[i + 2]).num.unit == "%" and s[done.end: rate.num.start] in _RATE_OPEN:
            rate.indicator, rate.ind_start, rate.ind_end, rate.items = thing + "完成率", -1, -1, []
            rate.kind, rate.measure, rate.verb, rate.comparator = "result", "share", "", "="


def _project_owners(cands: list[Candidate], s: str) -> None:
    """Name a key-project group's figures by the group (`_PROJECT_FIGURE`, `_PROJECT_GROUP`)."""
    groups: list[Candidate] = []
    core = ""  # the page's kind of project ("重点工程" of 重点工程项目), which completes a level alone ("省级")
    for c in cands:
        if c.num.unit in _PROJECT_COUNT_UNITS and not _in_brackets(s, c.num.start) and c.indicator \
                and (_PROGRESS_STAGE.match(c.indicator) is None or _GROUP_FIGURES.match(s, c.end)) and (
                _PROJECT_GROUP.search(c.indicator) or (_GROUP_FIGURES.match(s, c.end) and not any(
                    d.num.start >= s.rfind("\n", 0, c.num.start) + 1 for d in groups[-1:]) and _line_first(cands, c, s))):
            # (or a line's first count whose figures follow it: "重大产业47个，年度计划投资135.7亿元，开工34个", Review63; not
            # a count of projects at a stage, "开复工项目48项，开复工率80%", unless its figures follow)
            if not core and (kind := _PROJECT_KIND.search(c.indicator)):
                core = kind.group()
            if core and _PROJECT_LEVEL.fullmatch(c.indicator):
                c.indicator += core  # "省级6项，概算投资…" under a page on 重点工程项目 → 省级重点工程
            groups.append(c)
            continue
        if not c.indicator or c.items or not groups:
            continue
        lo = max(0, c.num.start - _PROJECT_REACH)
        lo = max(lo, *(s.rfind(m, lo, c.num.start) + 1 for m in "，,。；;：:\n"))
        m = _PROJECT_FIGURE.search(s, lo, c.num.start)
        if m is None or s[lo:m.start()].strip(" \u3000") not in ("", "其中", "完成", "累计", "已完成", "实现"):
            continue
        line = s.rfind("\n", 0, c.num.start) + 1
        sentence = max(s.rfind(mark, 0, c.num.start) for mark in "。！？\n") + 1
        here = [g for g in groups if g.num.start >= sentence]
        in_line = [g for g in groups if g.num.start >= line]
        group = here[-1] if here else (in_line[0] if in_line else None)
        if group is None:
            continue
        owner = _GROUP_ACT.sub("", _OUR_PLACE.sub("", group.indicator))  # (not "实施数字化项目": 数字化项目)
        figure = m.group("a").removesuffix("的")
        if figure.startswith("完成年") and "投资" not in s[max(0, lo - 24): lo]:
            continue  # the share done of what the clause before gave, not the projects' investment ("税收收入7123万元，完成年计划的26.4%")
        if figure.startswith("完成年"):
            figure = "投资年计划完成率"  # "完成年计划的27%": the share of the year's planned investment done
        elif figure.startswith("占"):
            figure = "完成投资" + figure  # the share done of the year's plan
        elif figure == "完成投资":
            figure = "投资"  # the name holds no verb (spec): 在建项目投资, beside 在建项目年度计划投资
        c.indicator = owner + figure


def _line_first(cands: list[Candidate], c: Candidate, s: str) -> bool:
    """Whether `c` is the first number of its line."""
    line = s.rfind("\n", 0, c.num.start) + 1
    return not any(line <= d.num.start < c.num.start for d in cands)


def _in_brackets(s: str, pos: int) -> bool:
    """True when `pos` is inside round brackets opened on its line."""
    line = s.rfind("\n", 0, pos) + 1
    opened = max(s.rfind("（", line, pos), s.rfind("(", line, pos))
    return opened >= 0 and max(s.rfind("）", opened, pos), s.rfind(")", opened, pos)) < 0


# A name that is only the verb judging a value against a goal: "上涨3.2%，符合3%左右的预期目标".
_JUDGE_ONLY = regex.compile(r"(?:符合|实现|达到|完成|超过|高于|低于|好于|优于)(?:了)?")


def _against_goal(c: Candidate, s: str, clause_start: int, earlier: list[Candidate]) -> None:
    """A value said against the goal of the year reviewed. A goal quoted after the value it judges ("完成区人代会批准增长
    8%以上目标", "控制在4.5%的预期目标内") is a target of the year reviewed (spec: 原定…目标 quoted in a review), named by
    the thing the sentence gave a value of when its own words only say who set it (区人代会批准), and measured as that
    value is (a price index's 上涨3.1% and its 4.5% ceiling are both growth); in an outlook it only restates a goal and is
    dropped. An amount over the goal ("超预期目标8.57亿元") is named by the thing and the excess (spec: an increase is a
    level whose indicator names it)."""
    judged = next((d for d in reversed(earlier) if d.kind == "result" and (d.owner or d.indicator)
                   and d.num.unit == c.num.unit), None)
    if judged is not None and c.kind == "result" and _GOAL_BRACKET.search(s, max(0, c.num.start - 12), c.num.start):
        # the year's goal of the thing just given a value: a target of that year, named and measured like it
        c.kind, c.year, c.measure = "target", judged.year, judged.measure
        c.indicator = judged.owner or judged.indicator
        c.ind_start, c.ind_end = judged.ind_start, judged.ind_end
        return
    goal = _GOAL_AFTER.match(s, c.end) if c.kind == "result" else None
    own = c.indicator
    owner = (judged.owner or judged.indicator) if judged is not None else ""
    set_by = _SET_BY_THING.search(own) if goal and judged is not None else None
    if set_by is not None and owner.endswith(set_by.group("thing")):
        owner = own = set_by.group("thing")  # "…提出的当年地区生产总值增长8.5%的目标": the goal names the thing itself
    if goal and judged is not None and (not own or _SET_BY.search(own) or own == owner or _JUDGE_ONLY.fullmatch(own)):
        # (with no value of the thing before it the goal is what was done: "实现高职院校扩招100万人目标" stays a result)
        c.kind = "target"
        if not c.suffix and c.num.value_max is None and _JUDGING.search(c.pre):
            c.comparator = "="  # "低于4%的预期目标": 低于 compares the value with the goal, it does not bound the goal
        if goal.group("within") and c.comparator == "=":
            c.comparator = "<="  # "控制在4.5%的预期目标内"
        c.measure = judged.measure
        if c.indicator != owner:
            c.indicator = owner
            found = s.rfind(owner, max(0, clause_start - 200), c.num.start)
            c.ind_start, c.ind_end = (found, found + len(owner)) if found >= 0 else (judged.ind_start, judged.ind_end)
        return
    if c.quoted and c.kind == "target":
        c.indicator = ""  # "实现5.5%左右的预期增长目标" in an outlook: the goal restated
        return
    pre = c.pre.strip("，、 ")
    if c.measure == "level" and earlier and (over := _OVER_GOAL.fullmatch(pre)):
        thing = earlier[-1].owner or earlier[-1].indicator
        if thing:
            # a value after it that names nothing is the thing's again: "超额完成年度任务2.1亿元，增长20.6%"
            c.owner, c.indicator = thing, thing + over.group(0)
            found = s.rfind(thing, max(0, clause_start - 200), clause_start)
            c.ind_start, c.ind_end = (found, found + len(thing)) if found >= 0 else (-1, -1)


# The tiers of a two-tier goal ("社会消费品零售总额：底线目标929亿元，增长12.5%；奋斗目标938亿元，增长13.5%"): a tier word
# opening the value's clause names how firm the goal is, not what it is of; the thing is named before the first tier of the
# sentence. 预期目标 counts as a tier only beside another (a lead "主要预期目标是：" is no tier).
_TIER_WORDS = r"底线|保底|奋斗|力争|争取|挑战|进取"
_TIER = plain_re.compile(rf"[ \u3000\u2003]*(?P<tier>{_TIER_WORDS}|预期)目标(?:值)?(?:为|是)?")
_TIER_FIRST = regex.compile(rf"(?<=[，：；,:;][ \u3000\u2003]*)(?:{_TIER_WORDS}|预期)目标")
_TIER_PAIR = plain_re.compile(rf"(?:{_TIER_WORDS})目标")
_HARD_TIERS = ("底线", "保底")


def _tier_owner(s: str, clause_start: int) -> tuple[str, int] | None:
    """The thing a two-tier goal's value is of, and where its name starts, when the value's clause opens on a tier word
    (`_TIER`): the subject of the clause before the sentence's first tier ("加工贸易进出口总额，底线目标17亿美元", "外经合作：
    底线目标增长15%"), the thing of every tier after it (the second tier follows a ；)."""
    full = max(s.rfind(mark, 0, clause_start) for mark in "。！？\n") + 1
    first = _TIER_FIRST.search(s, full, clause_start + 6)
    stop = s.find("。", clause_start)
    if first is None or not _TIER_PAIR.search(s, full, stop if stop >= 0 else len(s)):
        return None  # 预期目标 alone is a goal's lead, not a tier
    owner_end = first.start() - 1
    while owner_end > full and s[owner_end - 1] in " \u3000\u2003":
        owner_end -= 1
    owner_start = max(max(s.rfind(mark, full, owner_end) for mark in "，：；,:;") + 1, full)
    name = ind.subject(s[owner_start: owner_end])
    if not name or _DIGIT.search(s, owner_start, owner_end):
        return None
    return name, owner_start


def tier_strength(s: str, pre_start: int, pos: int) -> str | None:
    """Hard for a floor tier (底线目标, 保底目标), soft for an aspiring one (奋斗目标, 力争目标 …), when one opens the ；-part of
    the sentence that holds the value at `pos`."""
    part = max(s.rfind(mark, 0, pos) for mark in "。；！？\n") + 1
    m = _TIER_FIRST.search(s, part, pos) or _TIER.match(s, part)
    if m is None or not _TIER_PAIR.search(s, max(s.rfind(mark, 0, pre_start) for mark in "。！？\n") + 1, pos + 40):
        return None
    return "hard" if m.group(0).lstrip(" \u3000\u2003").startswith(_HARD_TIERS) else "soft"


# A clause that opens on an action verb ("落实…要求", "推进…建设") names what is done, not a thing that a count in the clause
# after it could be of (verbs that also name things, 培训, 规划 …, excepted).
_OPENS_ACTION = plain_re.compile("|".join(sorted((v for v in STRONG_VERBS if v not in START_ONLY and "（" not in v),
                                                 key=len, reverse=True)))


# What each of a list of owners did (a statistics bulletin's industries): "（第一、二、三产业）对经济增长的贡献率分别为…",
# "分别拉动地区生产总值增长1.9、0.9和1.0个百分点"; the owner of an item named before in the sentence is its words before
# 增加值, 对, 占 ("第一产业增加值占地区生产总值的比重" → 第一产业).
_PULL = regex.compile(r"拉动\p{Han}{2,12}?增长")
_ITEM_OWNER = regex.compile(r"(?P<owner>\p{Han}{2,8}?)(?:增加值|对|占)")
_THREE_INDUSTRIES = ("第一产业", "第二产业", "第三产业")


# A list item that is a verb and its amount, of the thing the item before named after its own verb: "报批土地2343亩、
# 供应5203亩", "新建道路12公里、改造8公里" (the verbs of land, building and clearing works).
_ITEM_VERBS = ("供应|出让|报批|征收|收储|盘活|处置|整治|复垦|新建|改建|扩建|改扩建|建成|治理|修复|拆除|清理|硬化|绿化|铺设|"
               "维修|改造|回收|消化|流转|平整|疏浚|清淤|加固|提升")
_BARE_ITEM_VERB = regex.compile(rf"[、和及](?P<verb>{_ITEM_VERBS})")
_VERB_AND_THING = regex.compile(rf"(?P<verb>{_ITEM_VERBS})(?P<thing>\p{{Han}}{{2,8}}?)$")


# A count said with its stage alone, of the projects named before: "…一批项目，全年新开工77个、竣工63个".
_STAGE_ONLY = regex.compile(
    r"[、和及]?(?:全年|今年|年内|当年|计划|已经|已)?(?:累计)?(?P<stage>新开工|开工建设|开复工|复工|开工|续建|竣工投产|竣工|完工|建成投用|建成投产|建成|投产|签约)")
_PROJECTS = regex.compile(r"(?P<head>项目|工程)[^，。；\d]{0,4}[，,]?$")


_ITEM_ENDS_AFTER = ("", "，", "、", "。", "；", "\n")  # a count whose thing is not named after it


def _line_group(c: Candidate, s: str, earlier: list[Candidate]) -> str:
    """The name of the first count of `c`'s line (in 个 or 项), the group of projects the line goes on to report
    ("农牧林水项目9个，年度计划投资7.2亿元，开工7个" → 农牧林水项目, Review63); "" when the line counts nothing before."""
    line = s.rfind("\n", 0, c.num.start) + 1
    group = ""
    for e in reversed(earlier):
        if e.num.start < line:
            break
        if e.num.unit in _PROJECT_COUNT_UNITS and e.indicator and _STAGE_ONLY.match(e.pre.lstrip("、和及，, ")) is None:
            group = e.indicator
    return group


def _staged_projects(pre: str, prev: Candidate | None, before: str, group: str = "") -> str:
    """The name of a count said only with its stage (`_STAGE_ONLY`), nothing named after it: the projects (项目, 工程)
    the item before named with the stage ("实施安置房建设项目15个，竣工4个" → 安置房建设项目竣工), or the stage and the
    projects the clause before spoke of ("…一批项目，全年新开工77个、竣工63个" → 新开工项目, 竣工项目); "" otherwise."""
    if len(pre) > 7 or (stage := _STAGE_ONLY.fullmatch(pre)) is None:
        return ""
    named = prev.indicator if prev is not None and prev.indicator else ""
    if named and prev is not None and (before_stage := _STAGE_ONLY.fullmatch(prev.pre)):
        named = named.removesuffix(before_stage.group("stage"))  # ("计划竣工46个，续建33个": not 竣工续建)
    if named in ("项目", "工程"):
        return stage.group("stage") + named  # "120个项目中，计划竣工46个，续建33个" → 竣工项目, 续建项目
    if named and _PROJECTS.search(named) and _STAGE_ONLY.match(named.lstrip("、和及")) is None:
        return named + stage.group("stage")
    head = (_PROJECTS.search(named) if named else None) or _PROJECTS.search(before)
    if head is None and group:
        return group + stage.group("stage")  # the group the line counted first, then its figures: "重大产业47个，…，开工34个"
    return stage.group("stage") + head.group("head") if head else ""


def _acted_on(pre: str, prev_pre: str) -> str:
    """The name of an item that only says what was done ("、供应", `_BARE_ITEM_VERB`) after one that said it of a thing:
    the verb and that thing; "" otherwise."""
    if not (2 <= len(pre) <= 4) or (bare := _BARE_ITEM_VERB.fullmatch(pre)) is None:
        return ""
    done = _VERB_AND_THING.search(prev_pre.rstrip())
    if done is None or done.group("verb") == bare.group("verb"):
        return ""
    return bare.group("verb") + done.group("thing")


def _owned_items(named: str, after: str, sentence_items: list[str], values: int) -> list[str]:
    """The items of a 分别 clause whose subject is what several owners did, not the owners ("对经济增长的贡献率分别为",
    "分别拉动经济增长"): each owner with it, the owners those the sentence listed before (or the three industries of
    "三次产业"); [] when the clause names its own items or the owners are not as many as the values."""
    if values == 3 and named.startswith(("三次产业对", "三次产业拉动")):
        return [industry + named[4:] for industry in _THREE_INDUSTRIES]
    what = named if named.startswith("对") else after if not named and _PULL.fullmatch(after) else ""
    if not what or len(sentence_items) != values:
        return []
    owners = [m.group("owner") if (m := _ITEM_OWNER.match(item)) else "" for item in sentence_items]
    return [owner + what for owner in owners] if all(owners) and len(set(owners)) == values else []


# Industries listed before their number: "电子信息、绿色建材和装配式建筑两大主导产业产值" (two: 电子信息, 绿色建材和装配式建筑).
_N_INDUSTRIES = regex.compile(
    r"(?P<list>\p{Han}[\p{Han}、和及与]{2,40}?)(?P<n>[两二三四五六])大(?:主导|支柱|优势|特色|新兴|重点|战略性新兴)?"
    r"(?P<head>产业(?:集群)?)(?P<measure>产值|增加值|营业收入|营收|税收|投资)?(?:预计|全年|同比)*$")
_INDUSTRY_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def _industry_items(subject: str) -> list[str]:
    """The items of a list of industries said with their count (`_N_INDUSTRIES`): split at 、, else at 和 and 及 too,
    into as many as the count says; [] otherwise."""
    m = _N_INDUSTRIES.search(subject)
    if m is None:
        return []
    n = _INDUSTRY_COUNT[m.group("n")]
    parts = [p for p in m.group("list").split("、") if p]
    if len(parts) != n:
        parts = [p for p in regex.split(r"[、和及与]", m.group("list")) if p]
    tail = m.group("head") + (m.group("measure") or "")
    return [p + tail for p in parts] if len(parts) == n and all(len(p) >= 2 for p in parts) else []


def _subject_items(subject: str) -> tuple[str, list[str]]:
    """The name a list's subject gives (`indicator.before`) and its items: "工业投资、民间投资" → two; "城镇和农村居民人均可支配
    收入" → 城镇居民…, 农村居民…; verbs of building listed before one thing, "新建、改扩建幼儿园" → 新建幼儿园, 改扩建幼儿园."""
    if "大" in subject and (industries := _industry_items(subject)):
        return ind.before(subject), industries
    named = ind.before(subject)
    items = (urban_rural(named) if named.startswith(("城镇和农村", "城市和农村")) else []) or (
        ind.split_list(named) if named else [])
    if len(items) == 1 and subject.endswith(named) and (verbs := _VERB_LIST.search(subject, 0, len(subject) - len(named))):
        items = [verb + named for verb in _VERB_SPLIT.split(verbs.group(0))]
    return named, items


def _indicator(
    c: Candidate, s: str, marks: Marks, seg_start: int, clause_start: int, prev: Candidate | None,
    in_series: bool, sentence_items: list[str], earlier: list[Candidate], listed: int = 0,
) -> None:
    """Choose the indicator: list item, phrase before, phrase after, or the previous one's. `listed` values joined by
    和 or 、 from this one on ("城镇和农村居民人均可支配收入达到73860元和42794元，增长5.4%和7.1%") are one an item, as
    with 分别, when the subject names as many items."""
    if _TIER.match(c.pre) and s[clause_start - 1: clause_start] in "：；，" and (tier := _tier_owner(s, clause_start)):
        c.indicator = tier[0]  # "社会消费品零售总额：底线目标929亿元" → 社会消费品零售总额
        _locate(c, s, tier[1])
        return
    each = _EACH.search(c.pre)
    if each is None and (counted := _EACH_COUNT.search(c.pre)) and len(_subject_items(c.pre[: counted.start()])[1]) > 1:
        each = counted  # "每个乡镇各1所", "各区各2个": no list the count is of
    if (each and (each.group(0) == "分别" or ind.LIST_MARK.search(c.pre[: each.start()]))) or listed:
        subject = c.pre[: each.start()] if each else c.pre
        named, items = _subject_items(subject)
        values = len(_SERIES_NUMBER.findall(s, c.num.start, marks.clause_end(c.num.start)))
        if len(items) != values and "、" in named and len(ind.split_list(named, conjunctions=False)) == values:
            items = ind.split_list(named, conjunctions=False)  # "商务服务业、交通运输仓储和邮政业营业收入"
        if len(items) == 1 and (values == 2 or (listed == 2 and not each)):
            # "城乡低保标准分别提高9.97%和14.1%", "城乡居民收入达到23292元和7750元、分别增长8.8%和10%"
            items = urban_rural(named) or deposits_loans(named) or items
        items = shared_owner(items)
        owned = _owned_items(named, c.pre[each.end():].strip(), sentence_items, values) \
            if each is not None and each.group(0) == "分别" and len(items) <= 1 else []
        items = owned or items
        if not items and sentence_items:
            items = list(sentence_items)
        if not items and s[clause_start - 1: clause_start] == "，":
            # "化学需氧量、二氧化硫排放总量…出现双下降，比上年分别下降3.14%和4.66%" (a clause that gave values of its
            # own, "A 35210元、B 16120元，分别增长…", names its things by them, below)
            before_start = marks.clause_start(clause_start - 1, 80)
            valued = any(before_start <= d.num.start < clause_start for d in earlier)
            before_clause = "" if valued else ind.subject(s[before_start: clause_start - 1])
            items = ind.split_list(before_clause) if ind.LIST_MARK.search(before_clause) else []
        if not items and values > 1 and not named:
            # "城镇居民人均可支配收入达到38215元，农村居民人均可支配收入达到19876元，分别增长5.2%和7.4%": the things the
            # sentence gave values of, one each, in order
            items = _earlier_names(earlier, values)
        if listed and not each and (len(items) != listed or "等" in named):
            items = []  # not one value an item: the list's own rules below
        if items:
            sentence_items[:] = items
            c.items = items
            c.item_idx = 0
            c.indicator = items[0]
            _locate(c, s, seg_start)
            what = named or c.pre[each.end():].strip() if each is not None else ""
            if owned and (at := s.rfind(what, clause_start, c.num.start)) >= 0:
                c.ind_start, c.ind_end = at, at + len(what)  # what each did, in this clause ("拉动地区生产总值增长")
            elif named and c.ind_start < marks.sentence_start(c.num.start) and (at := s.rfind(named, seg_start, c.num.start)) >= 0:
                c.ind_start, c.ind_end = at, at + len(named)  # "城乡…" named two items: the words the sentence has
            return
    if in_series and prev is not None and prev.items:
        idx = prev.item_idx + 1
        if idx < len(prev.items):
            c.items, c.item_idx = prev.items, idx
            c.indicator = prev.items[idx]
            c.owner = c.owner or prev.owner  # the thing the list's gaps are of ("高于全国、全省1个、0.2个百分点")
            _locate(c, s, clause_start)
            if c.ind_start < marks.sentence_start(c.num.start) <= prev.ind_start:
                c.ind_start, c.ind_end = prev.ind_start, prev.ind_end  # not in this sentence: the words the first took
            return
    if c.num.unit == "%" and (by_rate := _BY_RATE.match(s, c.end)):
        # "一律按不低于5%的幅度压减一般性支出": a change of the object by that much
        c.indicator = by_rate.group("object")
        c.measure, c.verb = "growth", by_rate.group("verb")
        c.ind_start, c.ind_end = by_rate.start("object"), by_rate.end("object")
        return
    if (c.num.unit == "%" and prev is not None and prev.indicator and prev.num.unit.endswith("元")
            and _SHARE_LEAD.fullmatch(c.pre) and (purpose := _PURPOSE.match(s, c.end)) and purpose.group("verb") == "用于"):
        # "安排专项资金5亿元，其中60%用于农村公路建设": the share of the amount before that goes to the purpose
        c.indicator = prev.indicator + "用于" + purpose.group("what") + "比重"
        c.measure, c.ind_start, c.ind_end = "share", purpose.start("verb"), purpose.end("what")
        return
    if (named_as := _NAMED_AS.match(s, c.end)) is not None:
        c.indicator = named_as.group("what")  # "11个县被认定为国家义务教育优质均衡发展县"
        c.ind_start, c.ind_end = named_as.start("what"), named_as.end("what")
        return
    if _TAKER.search(c.pre) and (taken := _TAKEN_AS.match(s, c.end)):
        # "中央决定将农民人均纯收入2300元…作为新的国家扶贫标准": the value is what it is taken as
        c.indicator = taken.group("what")
        c.ind_start, c.ind_end = taken.start("what"), taken.end("what")
        return
    if c.num.unit == "人" and (living := _LIVING_IN.match(s, c.end)):
        # "改造约1亿人居住的城镇棚户区和城中村": the people of a place (and what is done to it)
        place = living.group("place")
        change = _CHANGE_BEFORE.search(c.pre)
        if change and not place.endswith(change.group(0)):
            place += change.group(0)
        c.indicator = place + "居住人口"
        c.ind_start, c.ind_end = living.start("place"), living.end("place")
        return
    if c.num.unit in ("人", "户", "处") and s.startswith("的", c.end) and _relief_or_sites(c, s, marks):
        return
    # A count said with its verb alone, of a thing said before it: "坚持每月开竣工一批项目，全年新开工77个、竣工63个" →
    # 新开工项目, 竣工项目; "报批土地2343亩、供应5203亩" → 供应土地 (the item's verb on the thing the item before named).
    done = (_staged_projects(c.pre, prev, s[max(0, clause_start - 40): clause_start], _line_group(c, s, earlier))
            if c.num.unit in ("个", "项") and s[c.end: c.end + 1] in _ITEM_ENDS_AFTER else "") \
        or (_acted_on(c.pre, prev.pre) if prev is not None and prev.num.unit == c.num.unit else "")
    if done:
        c.indicator = done
        c.ind_start, c.ind_end = c.num.start - len(c.pre.lstrip("、和及")), c.num.start  # the verb said with the count
        return
    post = ind.after(s, c.end)
    if post and c.num.unit == "%" and not c.suffix and s[c.end: c.end + 1] != "的" and ind.before(c.pre):
        post = ""  # "占国内生产总值的4%编制预算": a share names its thing before it
    if post and (c.verb or ind.before(c.pre)) and _GLUED_CLAUSE.match(s, c.end) is not None \
            and (c.num.unit in ("%", "元") or "万" in s[c.num.start: c.end] or "亿" in s[c.num.start: c.end]):
        # "同比增长6%社会消费品零售总额完成17亿元", "装机总量达695万千瓦新能源年发电量超130亿千瓦时" (a page that lost its
        # commas): the words after the value run into a verb and a number of their own, the next clause's subject (a
        # rate, an amount of money or one in 万/亿: "公交站点500米服务半径覆盖率达94.2%" is a radius that names what follows)
        post = ""
    if post and c.num.unit == "百分点" and _GAP_BEFORE.search(c.pre):
        # "高于全市平均增速24.5个百分点战略性新兴产业产值同比增长20.6%" (a page that lost its commas): a gap against another
        # figure is of the thing before it, the words after it open the next clause
        post = ""
    if post:
        c.indicator = post
        c.ind_start = s.find(post, c.end, c.end + 40)
        c.ind_end = c.ind_start + len(post) if c.ind_start >= 0 else -1
        return
    phrase = ind.before(c.pre)
    if phrase and _MONTHS_ONLY.fullmatch(phrase):
        phrase = ""  # "——年计划完成地区生产总值617亿元以上，1—9月完成428.3亿元": the months name no thing
    if phrase and c.num.unit not in ("%", "百分点", "倍", "‰") and c.pre.endswith(phrase) \
            and c.pre[: len(c.pre) - len(phrase)].endswith(_CUT_VERBS):
        # "减少政府支出债务6.53亿元" → 政府支出债务减少: the amount cut, not the stock left (spec: a fall in an amount keeps
        # its verb, after the thing as in "农村贫困人口减少")
        cut = next(v for v in _CUT_VERBS if c.pre[: len(c.pre) - len(phrase)].endswith(v))
        c.indicator = phrase + cut
        at = c.num.start - len(phrase) - len(cut)
        if s[at: c.num.start] == cut + phrase:
            c.ind_start, c.ind_end = at, c.num.start  # the verb and its object
        else:
            _locate(c, s, seg_start)
        return
    if not phrase and c.measure == "growth" and _GROWTH_TARGET.match(c.pre.strip("，、 ")):
        c.indicator = "经济增长"  # "把增长预期目标定在7.5%左右"
        growth = c.pre.find("增长")
        c.ind_start, c.ind_end = c.pre_start + growth, c.pre_start + growth + 2
        return
    if (phrase.endswith("有") and s.endswith("人口", 0, c.num.end) and len(phrase) <= 4
            and ind.before(phrase[:-1]) == phrase[:-1]):
        c.indicator = "人口"  # "我国有13亿人口": the people counted, not who has them
        c.ind_start, c.ind_end = c.num.end - 2, c.num.end
        return
    if (c.num.unit.endswith("元") and (purpose := _PURPOSE.match(s, c.end))
            and (not phrase or phrase in _FUNDING or not is_name(phrase))):
        # "统筹4416.6亿元支持巩固拓展脱贫攻坚成果和乡村全面振兴" → 支持巩固拓展脱贫攻坚成果和乡村全面振兴资金
        what = purpose.group("what")
        c.indicator = (("支持" if purpose.group("verb") == "支持" else "") + what).removesuffix("资金") + "资金"
        c.ind_start, c.ind_end = purpose.start("verb"), purpose.end()
        return
    if phrase in _GENERIC or _BASE_ONLY.fullmatch(phrase):  # "…，总数达到22个": the total of the clause's subject
        phrase = ((prev.owner or prev.indicator) if prev is not None and prev.indicator else "") or ind.subject(
            s[marks.clause_start(clause_start - 1, 60): max(0, clause_start - 1)]) or phrase
    if phrase and not (in_series and prev is not None):
        if collective := _collective(phrase):
            phrase = collective  # "汽摩、电子、装备、材料和消费品五大支柱产业产值同比增长7.9%": the five together
        c.indicator = phrase
        _locate(c, s, seg_start)
        if _shares_one_value(c, phrase):
            # "学前教育毛入园率、高中毛入学率超过93%", "二氧化硫、氮氧化物排放量要下降3%"
            c.items = ind.split_list(phrase)
            c.item_idx, c.indicator = 0, c.items[0]
        if phrase.startswith("占") and prev is not None and prev.indicator and not prev.indicator.startswith("占"):
            c.indicator = prev.indicator + phrase  # "里程…，占世界的60%" → 里程占世界
        elif (_CONTRIBUTION.fullmatch(phrase) and prev is not None and prev.indicator
              and not _CONTRIBUTION.fullmatch(prev.indicator) and s.rfind("。", prev.end, c.num.start) < 0):
            # "第一产业增加值217.87亿元，比上年增长3.7%，对GDP的贡献率为33.9%" → 第一产业对GDP的贡献率 (Review78)
            c.indicator = (prev.owner or prev.indicator).removesuffix("增加值") + phrase
        elif (prev is None and _OWNERLESS_SHARE.match(phrase) and s[clause_start - 1: clause_start] == "，"
              and not _DIGIT.search(s, (before_start := marks.clause_start(clause_start - 1, 60)), clause_start)
              and len(owner := _MANNER.split(ind.subject(s[before_start: clause_start - 1]), 1)[0]) >= 2):
            c.indicator = owner + phrase  # "服务业快速发展，在国内生产总值中占比提高2.5个百分点" → 服务业在国内生产总值中占比
        return
    if prev is not None and prev.indicator and prev.ind_start >= prev.end and _TAKEN_AS.match(s, prev.end):
        c.indicator, c.ind_start, c.ind_end = prev.indicator, prev.ind_start, prev.ind_end
        return  # "…2300元作为新的国家扶贫标准，比2009年提高92%": the thing the value was taken as
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
    before_start = _outside_brackets(s, marks, marks.clause_start(clause_start - 1, 60), clause_start - 1)
    if clause_start - before_start > 1 and s[clause_start - 1] == "，" and (prev is None or prev.end <= before_start) \
            and not (prev is not None and prev.indicator and _RANK_CLAUSE.search(s, before_start, clause_start - 1)):
        subject = ind.subject(s[before_start: clause_start - 1])
        if subject and not _OPENS_ACTION.match(subject):  # "落实…基本要求，建立150项…": an action, no subject
            c.indicator = subject
            _locate(c, s, before_start)
            return
    if prev is not None and prev.indicator:
        if c.measure == "growth" and prev.indicator.endswith("台阶") and c.num.unit == "%" and (amount := next(
                (d for d in reversed(earlier) if d.indicator and d.num.unit != prev.num.unit and d.measure == "level"),
                None)) is not None:
            prev = amount  # "地区生产总值完成87.4亿元，五年跨越3个十亿级台阶，年均增速达到8%": the amount's rate, not the steps
        c.indicator = prev.indicator
        c.ind_start, c.ind_end = prev.ind_start, prev.ind_end
        return
    # Last resort: the subject the sentence opens with ("保障性安居工程…，基本建成500万套").
    sentence = marks.sentence_start(c.num.start)
    first_clause_end = next((i for i in range(sentence, clause_start) if s[i] in "，；："), -1)
    if first_clause_end > sentence and (prev is None or prev.num.start > first_clause_end):
        subject = ind.subject(s[sentence:first_clause_end])
        if subject and not _OPENS_ACTION.match(subject):
            c.indicator = subject
            _locate(c, s, sentence)
            return
    _headed_value(c, s, clause_start)


# A clause of a ranking between a value and its growth ("GDP211.9亿元，总量排名较去年前进2位，同比增长5%", Review53): the
# growth is of the value's thing, not of the ranking.
_RANK_CLAUSE = regex.compile(r"排名|排位|位次|名次|位居|位列|居全|列全")


# What is done at a count of sites, to the clause's end: "检修更换全县25处的水泵、管件，".
_AT_SITES = regex.compile(r"的(?P<what>[^，。；：！？\d\n]{2,12})")


def _relief_or_sites(c: Candidate, s: str, marks: Marks) -> bool:
    """Name the people or households a measure relieves of a problem ("有效改善6万人口的饮水安全问题" → 改善饮水安全人口)
    and the things done at a count of sites ("检修更换全县25处的水泵、管件" → 水泵、管件); False when neither."""
    if c.num.unit == "处":
        end = marks.clause_end(c.end)
        m = _AT_SITES.fullmatch(s, c.end, end - 1 if s[end - 1: end] in "，。；：！？\n" else end)
        name = m.group("what") if m else ""
    else:
        verb = RELIEVED_BEFORE.search(s, max(0, c.num.start - 2), c.num.start)
        m = RELIEVED_AFTER.match(s, c.end) if verb else None
        name = (verb.group(0) + m.group("what") + (m.group("hard") or "") + ("户" if c.num.unit == "户" else "人口")
                if verb and m else "")
    if m is None or not name:
        return False
    c.indicator, c.ind_start, c.ind_end = name, m.start("what"), m.end(0)
    return True


# A heading set on lines of its own, the thing on one and its value on the next, blank lines between (news set in
# display type): "全年固定资产投资\n\n达到4800亿元以上".
_HEAD_THING = regex.compile(r"[ \u3000\u2003]*(?P<t>[^\n，。；：！？,;:!?\d]{2,20}?)[ \u3000\u2003]*")


def _headed_value(c: Candidate, s: str, clause_start: int) -> None:
    """A value opening its own line with only a verb before it names the thing the line above names (blank lines
    between), when that line is a short phrase without marks or numbers."""
    if clause_start == 0 or s[clause_start - 1] != "\n" or ind.before(c.pre):
        return
    end = clause_start - 1
    for _ in range(4):  # the line above, past at most three blank ones
        start = s.rfind("\n", 0, end) + 1
        if s[start:end].strip(" \u3000\u2003"):
            break
        if start == 0:
            return
        end = start - 1
    else:
        return
    line = _HEAD_THING.fullmatch(s, start, end)
    thing = ind.before(line.group("t")) if line else ""
    if thing:
        c.indicator = thing
        c.ind_start = s.rfind(thing, start, end)
        c.ind_end = c.ind_start + len(thing) if c.ind_start >= 0 else -1


# A package of policy articles named by its aim, nothing named after the count: "配套制定稳经济40条", "出台促消费20条、
# 惠企政策30条" (the measures of the package: 稳经济措施; an aim that is a kind of measure already stays).
_ARTICLES = regex.compile(r"(?:制定|出台|印发|推出|发布|落实|实施)(?P<aim>\p{Han}{2,12}?)$")
_ARTICLE_NOUNS = plain_re.compile(r"(?:措施|政策|意见|举措|条款|规定|办法|条例|细则|任务|清单|事项)$")
_AFTER_ARTICLES = frozenset("，。；、和及\n")
_PACKAGE = regex.compile(r"、(?P<aim>\p{Han}{2,16})$")  # the next package of the list the verb issued


def _policy_articles(c: Candidate, s: str, prev: Candidate | None) -> None:
    """Name a count of 条 that closes a policy package's name after a verb of issuing it (or after 、 in the list of
    packages it issued) by the package's measures."""
    if c.num.unit != "条" or c.end < len(s) and s[c.end] not in _AFTER_ARTICLES:
        return
    m = _ARTICLES.search(c.pre)
    if m is None and prev is not None and prev.indicator.endswith("措施") and prev.num.unit == "条" \
            and s.startswith("、", prev.end):
        m = _PACKAGE.fullmatch(c.pre if c.pre.startswith("、") else "、" + c.pre)
        offset = 0 if c.pre.startswith("、") else -1
    else:
        offset = 0
    if m is None:
        return
    aim = m.group("aim")
    c.verb = ""  # (the 增长 of 稳增长 names the package, it changes nothing)
    c.indicator = aim if _ARTICLE_NOUNS.search(aim) else aim + "措施"
    c.ind_start, c.ind_end = c.pre_start + m.start("aim") + offset, c.pre_start + m.end("aim") + offset


# Counts that describe a thing counted after them: "158栋楼、5230户居民的12个老旧小区" (the word after each count's unit,
# then 、 or 和 to the next count, 的 before the thing's).
# What is done to places and their households ("3个棚户区1500户改造项目完工").
_HOUSED_ACT = plain_re.compile(r"改造|搬迁|征收|拆迁|安置")
_OF_THING = regex.compile(r"(?P<w>\p{Han}{1,4}?)(?P<j>[、和]|的)")


def _counts_of_thing(cands: list[Candidate], s: str) -> None:
    """Name the counts before "的 + a count of a thing" by the thing and what each counts of it: "158栋楼、5230户居民的12个
    老旧小区" → 老旧小区楼 158 栋, 老旧小区居民 5230 户 (a lone 楼 names nothing; 居民 alone is whose?); households
    counted right before their people ("238户702名建档立卡贫困人口…") by the people's thing."""
    for i in range(1, len(cands)):
        thing = cands[i]
        d = cands[i - 1]
        if (d.end == thing.num.start and d.num.unit == "户" and thing.num.unit in ("人", "名") and thing.indicator
                and thing.ind_start >= thing.end):
            # "全县238户702名建档立卡贫困人口稳定脱贫": the households counted with the people, of the same thing
            d.indicator, d.ind_start, d.ind_end = thing.indicator, thing.ind_start, thing.ind_end
            continue
        if (d.end == thing.num.start and d.num.unit == "户" and thing.num.unit in ("人", "名")
                and thing.indicator == d.indicator and d.indicator.endswith("户") and len(d.indicator) >= 3):
            # "全镇共有脱贫户451户919人": the people of the households counted → 脱贫人口 (Review72)
            thing.indicator = d.indicator[:-1] + "人口"
            continue
        if (thing.num.unit == "户" and d.ind_start >= d.end and d.ind_end == thing.num.start and d.indicator
                and (act := _HOUSED_ACT.match(s, thing.end))):
            # "3个棚户区1500户改造项目": the households of the places counted before, and what is done to both
            d.indicator = d.indicator + act.group(0)
            thing.indicator, thing.ind_start, thing.ind_end = d.indicator + "户", act.start(), act.end()
            continue
        if (s[thing.num.start - 1: thing.num.start] != "的" or not thing.indicator or thing.ind_start < thing.end
                or thing.num.unit not in _COUNTS):
            continue
        j, joint = i - 1, "的"
        while j >= 0:
            d = cands[j]
            m = _OF_THING.fullmatch(s, d.end, cands[j + 1].num.start)
            if m is None or (m.group("j") == "的") != (joint == "的") or d.num.unit == thing.num.unit \
                    or d.indicator not in ("", m.group("w")) and d.ind_end > d.num.start:
                break  # (a name before the count is the verb's: "集中整治158栋楼" counts 楼)
            d.indicator, d.ind_start, d.ind_end = thing.indicator + m.group("w"), m.start("w"), m.end("w")
            j, joint = j - 1, "、"


def _earlier_names(earlier: list[Candidate], count: int) -> list[str]:
    """The last `count` different things the sentence gave values of, in text order ([] when it named fewer)."""
    names: list[str] = []
    for d in reversed(earlier):
        name = d.owner or d.indicator
        if not name:
            return []
        if name not in names:
            names.append(name)
            if len(names) == count:
                return names[::-1]
    return []


def _listed_values(cands: list[Candidate], i: int, s: str) -> int:
    """How many values a clause lists from the i-th on, each right after the one before with only 和 or 、 between and
    nothing after the last but the clause's end ("达到73860元和42794元，"), 0 unless two or more; a list whose values
    name their things after them ("786所县医院、285所县中医院") is none."""
    n, j = 1, i
    while j + 1 < len(cands) and cands[j].end < cands[j + 1].num.start and s[cands[j].end: cands[j + 1].num.start] in _LIST_JOIN:
        n, j = n + 1, j + 1
    end = cands[j].end
    while end < len(s) and s[end] in " \t\u3000":  # (spaces before a line's end: "…6.8%左右 ⏎")
        end += 1
    # (or before "、分别…": "城乡居民收入达到23292元和7750元、分别增长8.8%和10%", whose rates take the same two things)
    return n if n > 1 and (end >= len(s) or s[end] in _CLAUSE_MARKS
                           or (s[end] == "、" and _EACH.match(s, end + 1) is not None)) else 0


# A list summed up by a count of its items: "汽摩、电子、装备、材料和消费品五大支柱产业产值", "种植、养殖和加工三类企业".
_COLLECTIVE = regex.compile(r"(?P<n>[两二三四五六七八九十])(?:大|个|类|项|种)(?=\p{Han}{2})")
_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _collective(phrase: str) -> str | None:
    """The collective name after a list that a count of its items sums up, or None: one value is said of the items
    together, not of each."""
    if "、" not in phrase:
        return None
    found = list(_COLLECTIVE.finditer(phrase))
    if not found:
        return None
    m = found[-1]
    items = [i for i in regex.split(r"、|和|及|与", phrase[: m.start()]) if i]
    return phrase[m.start():] if len(items) == _CN_COUNT[m.group("n")] and all(len(i) <= 6 for i in items) else None


# A contribution said alone after the values of what made it: "…，对GDP的贡献率为33.9%", "对经济增长的贡献率".
_CONTRIBUTION = regex.compile(r"对(?:GDP|地区生产总值|经济增长|全市经济增长|全县经济增长|全区经济增长)(?:增长)?的?贡献率")
# A part of a whole as the measure a list of things shares: their share together, not each one's.
_PART_OF_WHOLE = plain_re.compile(r"(?:份额|比重|占比)$")


def _shares_one_value(c: Candidate, phrase: str) -> bool:
    """True when one relative value (%, 百分点, 倍) is said of every item of a listed subject.

    An amount over a list is a total ("交通、能源、水利完成投资5400亿元"), and so is anything
    合计/总; a change or a rate is said of each ("二氧化硫、氮氧化物排放量下降3%").
    """
    if (c.num.unit not in ("%", "百分点", "倍") or c.num.value_max is not None or "等" in phrase
            or _TOTAL_WORDS.search(phrase)):
        return False

    def measured(item: str) -> bool:
        return bool(_RATE_END.search(item) or ind.MEASURE_END.search(item))

    if "、" in phrase:  # "二氧化硫、氮氧化物排放量": short names sharing the last one's measure
        raw = [item for item in phrase.split("、") if item]
        if len(raw) > 1 and _PART_OF_WHOLE.search(raw[-1]) and not any(measured(item) for item in raw[:-1]):
            return False  # "新材料、新能源、旅游业、农牧业项目拉动投资份额达到75%": the group's one share (Review73)
        return len(raw) > 1 and measured(raw[-1]) and (
            all(measured(item) for item in raw) or all(len(item) <= 6 and not measured(item) for item in raw[:-1]))
    raw = phrase.split("和")  # "国内生产总值和城乡居民人均收入": both sides name a measure of their own
    return len(raw) == 2 and all(len(item) >= 3 and measured(item) for item in raw)


def _locate(c: Candidate, s: str, seg_start: int) -> None:
    """Find the indicator's words in the clause (a list item built with a shared suffix by its head)."""
    pos = s.rfind(c.indicator, seg_start, c.num.start)
    if pos < 0:
        pos = s.rfind(c.indicator, max(0, seg_start - 200), c.num.start)
    length = len(c.indicator)
    while pos < 0 and length > 2:  # else its longest head the text holds ("美丽河湖、美丽海湾建成率" → 美丽河湖)
        length -= 1
        pos = s.rfind(c.indicator[:length], max(0, seg_start - 200), c.num.start)
    c.ind_start = pos
    c.ind_end = pos + length if pos >= 0 else -1


def _settle_series(cands: list[Candidate], s: str) -> None:
    """A comparator written after the last value of a list applies to all of them."""
    i = 0
    while i < len(cands):
        j = i
        while (
            j + 1 < len(cands)
            and cands[j].end <= cands[j + 1].num.start
            and ind.LIST_MARK.fullmatch(s[cands[j].end:cands[j + 1].num.start]) is not None
        ):
            j += 1
        if j > i and cands[j].comparator != "=":
            for k in range(i, j):
                if cands[k].comparator == "=":
                    cands[k].comparator = cands[j].comparator
        elif j > i and _prefix_bound(cands[i]):
            for k in range(i + 1, j + 1):  # "分别低于41μg/m3、57μg/m3": a bound written before the list bounds all
                if cands[k].comparator == "=":
                    cands[k].comparator = cands[i].comparator
        if j > i:
            _one_each(cands[i: j + 1])
        last = cands[j]
        if j > i and last.ind_start >= last.end:  # "55万平方米、2.8万户中心城区…改造": one object for all
            for k in range(i, j):
                own = cands[k]
                far = own.ind_end < own.num.start - 3 or "、" in own.indicator or len(own.indicator) > 12
                if own.ind_start < own.end and far:
                    cands[k].indicator, cands[k].ind_start, cands[k].ind_end = last.indicator, last.ind_start, last.ind_end
        i = j + 1


def _price_index(c: Candidate) -> None:
    """A price index in % as the rise of prices: within 100 ± 20 and named 指数, the index (value − 100); below 20,
    the rise itself; between, left a share (no reading is safe)."""
    value, value_max = c.num.value, c.num.value_max
    if abs(value - _INDEX_BASE) <= _INDEX_REACH and "指数" in c.indicator:
        c.num.value = round(value - _INDEX_BASE, 6)
        c.num.value_max = round(value_max - _INDEX_BASE, 6) if value_max is not None else None
    elif max(value, value_max or value) >= _INDEX_REACH:
        return
    c.measure = "growth"


def _one_each(run: list[Candidate]) -> None:
    """Values listed after a listed subject, as many as its items, one each: "城镇和农村人均住房面积32.9平方米、37.1平方米"
    → 城镇人均住房面积 32.9, 农村人均住房面积 37.1 (the subject named before the first value, none of them with items)."""
    first = run[0]
    if first.items or not first.indicator or not 0 <= first.ind_start < first.num.start:
        return
    if any(c.items or c.indicator != first.indicator or c.num.unit != first.num.unit for c in run[1:]):
        return
    items = ind.split_list(first.indicator)
    if len(items) != len(run) or len(set(items)) != len(items):
        return
    for k, c in enumerate(run):
        c.items, c.item_idx, c.indicator = items, k, items[k]


def _prefix_bound(c: Candidate) -> bool:
    """Whether the comparator of `c` is a word before it (低于, 超过, 不低于 …), not a suffix, 多 or a range."""
    return c.comparator not in ("=", "between") and not c.suffix and not c.num.more


# A minus written before a number, after a word or a mark (not a range's dash after a number or a letter: "3-5%", "PM2.5-10").
_MINUS_WRITTEN = regex.compile(r"(?:[\p{Han}：:，,、（(]|^)[-－−]$")


def _record(c: Candidate, norm: NormalText, doc: str, ctx: DocumentContext) -> Quantity:
    value, value_max = c.num.value, c.num.value_max
    if c.measure in ("growth", "points") and c.verb in DECREASE:
        value = -value
        if value_max is not None:  # "减少8%至10%": a fall of 8 to 10 %, signs on both bounds
            value_max = -value_max
    elif value is not None and _MINUS_WRITTEN.match(norm.text, max(0, c.num.start - 2), c.num.start) and value_max is None:
        value = -value  # "人口自然增长率为-3.9‰", "居民消费价格指数为-0.5%": the sign written before the number
    if c.ind_start >= 0 and c.ind_start < c.num.start:
        q_start, q_end = c.ind_start, c.end
    elif c.ind_start >= 0:
        q_start, q_end = c.num.start, max(c.end, c.ind_end)
    else:
        q_start, q_end = c.num.start, c.end
    start, end = norm.span(q_start, q_end)
    strength = _strength(norm.text, c)
    polarity = "lower" if c.verb in DECREASE or _lower(c.indicator + c.suffix) else (
        "higher" if c.verb else None)
    if polarity is None and c.measure in ("share", "level"):
        polarity = _stated_direction(norm.text, c)
    frame = c.frame or ctx.frame_at(c.num.start)
    return Quantity(
        doc=doc, kind=c.kind, indicator=tidy(c.indicator), measure=c.measure, value=value,  # type: ignore[arg-type]
        unit=c.num.unit, comparator=c.comparator, year=c.year,  # type: ignore[arg-type]
        quote=norm.original[start:end], start=start, end=end, value_max=value_max,
        section=frame.section, strength=strength, polarity=polarity,  # type: ignore[arg-type]
    )
