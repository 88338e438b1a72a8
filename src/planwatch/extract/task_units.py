"""Suggest a lead unit for a task from the editable keyword → unit table (data/units.csv).

Rows: ``keyword,unit,generic``. A keyword found in the task's quote counts three
times, in its group title once; the unit with the most weight wins. Rows whose
keyword is ``@domain`` are the fallback for tasks of that domain. `generic` is the
name that fits any government level (教育部门 for 区教育局).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from planwatch.documents.normalize import full_marks
from planwatch.errors import ValidationError
from planwatch.extract.records import Task
from planwatch.extract.task_layout import squeeze
from planwatch.extract.task_lexicon import ADVERB, ADVERBS, keyword_finder

UNITS_FILE = "units.csv"


@dataclass(frozen=True, slots=True)
class UnitRule:
    """One row of the unit table."""

    keyword: str
    unit: str
    generic: str = ""


def read_units(text: str, source: str = UNITS_FILE) -> list[UnitRule]:
    """Parse a unit table; every bad row is reported at once."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"keyword", "unit"} - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(f"{source}: missing column(s) {', '.join(sorted(missing))}; "
                              "the header must be keyword,unit,generic")
    rules: list[UnitRule] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        keyword, unit = (row.get("keyword") or "").strip(), (row.get("unit") or "").strip()
        if not keyword or not unit:
            problems.append(f"{source} line {line}: keyword and unit are both required")
            continue
        rules.append(UnitRule(keyword, unit, (row.get("generic") or "").strip()))
    if problems:
        raise ValidationError(f"{source}: {len(problems)} bad row(s)", problems)
    return rules


@lru_cache(maxsize=4)
def load_units(path: str | None = None) -> tuple[UnitRule, ...]:
    """The unit table at `path`, or the bundled one."""
    if path is None:
        return _bundled_units()
    return tuple(read_units(Path(path).read_text(encoding="utf-8-sig"), path))


@lru_cache(maxsize=1)
def _bundled_units() -> tuple[UnitRule, ...]:
    """The bundled table, parsed once per process (suggest_unit runs for every task of every plan)."""
    text = resources.files("planwatch.data").joinpath(UNITS_FILE).read_text(encoding="utf-8")
    return tuple(read_units(text))


def unit_names(rules: tuple[UnitRule, ...] | None = None, generic: bool = False) -> list[str]:
    """Every distinct unit named in the table, in table order."""
    rules = rules if rules is not None else load_units()
    return list(dict.fromkeys((r.generic or r.unit) if generic else r.unit for r in rules))


class _Finder:
    """A table's keyword pattern, hashed by identity: `_keywords_in` is keyed by it (a pattern hashes its code)."""

    __slots__ = ("findall",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.findall = pattern.findall


_Index = tuple[dict[str, frozenset[int]], frozenset[int], dict[str, UnitRule], "_Finder | None",
               dict[int, tuple[tuple[str, int], ...]], tuple[str, ...]]
_INDEXES: dict[int, tuple[tuple[UnitRule, ...], _Index]] = {}


def _index(rules: tuple[UnitRule, ...]) -> _Index:
    """For each keyword of two characters or more, the rows of the keywords it starts with (those occur at the
    same offset, itself included); the rows of the one-character keywords; the ``@domain`` fallbacks; and one
    pattern that finds, at every offset, the longest keyword starting there: a task is then checked only
    against the rows whose keywords occur in it. Cached by the table's identity (hashing 300 rows on every
    call would cost more than it saves)."""
    cached = _INDEXES.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    keyed: dict[str, list[int]] = defaultdict(list)
    short: list[int] = []
    for row, rule in enumerate(rules):
        if rule.keyword.startswith("@"):
            continue
        (keyed[rule.keyword] if len(rule.keyword) >= 2 else short).append(row)
    fallback = {r.keyword[1:]: r for r in rules if r.keyword.startswith("@")}
    words = sorted(keyed, key=len, reverse=True)
    pattern = _Finder(keyword_finder(words)) if words else None
    rows = {w: frozenset(row for v in words if w.startswith(v) for row in keyed[v]) for w in words}
    # the adverbs that hold a keyword (高质量: 质量): only an action opening with one is read for its manner
    manners = tuple(a for a in ADVERBS if pattern is not None and pattern.findall(a)) if words else ()
    index: _Index = (rows, frozenset(short), fallback, pattern, _shadows(rules), manners)
    if len(_INDEXES) > 16:
        _INDEXES.clear()
    _INDEXES[id(rules)] = (rules, index)
    return index


def _shadows(rules: tuple[UnitRule, ...]) -> dict[int, tuple[tuple[str, int], ...]]:
    """For each row, the longer keywords that hold its keyword and name none of its unit, with how often they
    hold it: inside them it is part of another thing (枢纽 in 水利枢纽 is no transport hub, 高速 in 中高速增长
    no motorway) and is not counted there."""
    units: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rule in rules:
        if not rule.keyword.startswith("@"):
            units[rule.keyword].add((rule.unit, rule.generic))
    out: dict[int, tuple[tuple[str, int], ...]] = {}
    for row, rule in enumerate(rules):
        k = rule.keyword
        if k.startswith("@"):
            continue
        held = tuple((w, w.count(k)) for w in units if len(w) > len(k) and k in w
                     and (rule.unit, rule.generic) not in units[w])
        if held:
            out[row] = held
    return out


def _manner_only(pattern: _Finder, action: str, end: int) -> bool:
    """Whether the adverbs action[:end] hold a keyword that ends within them ("高质量做好": 质量), none running on
    into the verb ("高质量发展" is a keyword of its own)."""
    found = pattern.findall(action[:end])
    if not found:
        return False
    return all(action.find(k) + len(k) <= end for k in pattern.findall(action) if action.find(k) < end)


@lru_cache(maxsize=256)
def _keywords_in(pattern: _Finder, text: str) -> tuple[str, ...]:
    """`pattern.findall(text)` (a group title, asked again for each of its tasks)."""
    return tuple(pattern.findall(text))


def suggest_unit(task: Task, rules: tuple[UnitRule, ...] | None = None, generic: bool = False,
                 level: str | None = None) -> str:
    """The unit most likely to lead `task` ("" for an achievement, or when the table is empty).

    Keywords are weighted by where they occur: in the object of the action (what the task is
    about) 3, in the action 2, elsewhere in the clause 1, in the group title 0.5; longer keywords
    weigh more, and the unit of the task's domain gets a small bonus. A keyword inside a longer
    keyword of another unit is part of that one and does not count there (水利枢纽: water, not 枢纽). `level` (the government's:
    district, county, city, province, national) picks the names: a district's own bureaus
    (区教育局), else the generic ones (教育部门); `generic` forces the latter.
    """
    return suggest_units([task], rules, generic, level)[0]


def suggest_units(tasks: list[Task], rules: tuple[UnitRule, ...] | None = None, generic: bool = False,
                  level: str | None = None) -> list[str]:
    """`suggest_unit` of each of `tasks`: the table, its index and the names to give are looked up once
    (per task, that took ~0.3 ms of a report's ~17 ms of task extraction: 150.4 → 149.3 M instructions)."""
    rules = rules if rules is not None else load_units()
    if level is not None:
        generic = generic or level not in ("district", "county")
    index = _index(rules)
    return [_suggest(task, rules, index, generic) if task.kind == "task" else "" for task in tasks]


# Keywords of a clause's setting (a place or a public): they weigh as the clause's other words do even inside
# the object, so the thing built or done leads ("新型农村社区后续安置房建设", "农村户籍适龄妇女“两癌”筛查").
_SETTING = frozenset({"农村", "社区", "小区", "群众", "居民", "城乡"})


# The head of an object decides a tie, unless the object lists things (its items are alike, none heads) or the
# keyword is a quality of what it follows ("提高上市公司质量" is about listed companies, not quality inspection).
_COORDINATE = re.compile(r"[、和与及]")
_ATTRIBUTES = frozenset({"质量", "水平", "能力", "效率", "效益", "效能", "品质"})


_TIE = 1e-6  # weights this close are equal (sums of floats)


def _head_of(obj: str, tied: list[str], counted: list[tuple[str, str]]) -> str:
    """Of units that weigh the same (`tied`, in table order), the one whose keyword ends later in the object: a noun
    phrase ends on its head ("工业园区污水收集处理效能" is about sewage, "清洁低碳安全高效能源保障网" about energy). Not in a
    list (its items are alike) nor for a quality of what it follows (质量, 水平 …): then the first, as before."""
    if _COORDINATE.search(obj) is not None:
        return tied[0]
    ends = dict.fromkeys(tied, 0)
    for name, k in counted:
        if name in ends and k not in _ATTRIBUTES:
            at = obj.rfind(k)
            if at >= 0:
                ends[name] = max(ends[name], at + len(k))
    return max(tied, key=ends.__getitem__)


# A unit's name in a text: the level it belongs to before it (区, 县 …) and its kind of body after it (局, 委 …).
_LEVEL_WORD = re.compile(r"^(?:[省市区县州旗盟]|自治[区州县])")
_BODY_WORD = re.compile(r"(?:委员会|办公室|管理局|分局|局|委|办|厅|部门|部|中心|大队|支队)$")
# A branch of a higher body named for the government it serves ("市生态环境局咸安分局"): the body's own name.
_BRANCH = re.compile(r"(?<=[局委])[\u4e00-\u9fff]{1,6}分局$")
# Short names of bodies → the words of the table's generic names (发改委 is 发展改革, 市场监管局 市场监督管理 …).
_SHORT_NAMES = {
    "发改": "发展改革", "发展和改革": "发展改革", "市场监管": "市场监督管理", "人社": "人力资源和社会保障",
    "人力资源社会保障": "人力资源和社会保障", "人力资源": "人力资源和社会保障", "工信": "工业和信息化",
    "经信": "工业和信息化", "经济和信息化": "工业和信息化", "住建": "住房和城乡建设", "住房城乡建设": "住房和城乡建设",
    "住房和建设": "住房和城乡建设", "文旅": "文化和旅游", "文化旅游": "文化和旅游", "文广旅体": "文化和旅游",
    "文化广电旅游体育": "文化和旅游", "文化广电旅游": "文化和旅游", "卫健": "卫生健康", "卫生健康": "卫生健康",
    "规划和自然资源": "自然资源", "规划资源": "自然资源", "自然资源和规划": "自然资源", "农业农村": "农业农村",
    "农业": "农业农村", "农村农业": "农业农村", "应急": "应急管理", "交通": "交通运输", "城管": "城市管理",
    "城市管理和综合执法": "城市管理", "科学技术": "科技", "科技创新": "科技", "科技": "科技", "地方金融监管": "金融监管",
    "金融监管": "金融监管", "金融工作": "金融监管", "金融": "金融监管", "司法": "司法行政", "医保": "医疗保障",
    "退役军人": "退役军人事务", "国资": "国有资产监督管理", "国资监管": "国有资产监督管理", "政法": "政法",
    "投促": "投资促进", "招商": "投资促进", "数据": "政务服务数据管理", "政务服务和数据管理": "政务服务数据管理",
    "行政审批": "政务服务数据管理", "政务服务": "政务服务数据管理", "编办": "机构编制",
    # county and district bodies of tables and 分工方案 (tasks-r5): 教科局, 教体局, 文体广新局, 科经局, 消防救援大队
    "教科": "教育", "教体": "教育", "教育体育": "教育", "文体广新": "文化和旅游", "文广新": "文化和旅游", "科经": "工业和信息化",
    "消防救援": "应急管理", "水利": "水务",
}


@lru_cache(maxsize=8)
def _generic_cores(rules: tuple[UnitRule, ...]) -> dict[str, str]:
    """The table's generic names by their core words (发展改革 → 发展改革部门, 公安 → 公安机关)."""
    out: dict[str, str] = {}
    for rule in rules:
        if rule.generic:
            out.setdefault(re.sub(r"(?:部门|机关)$", "", rule.generic), rule.generic)
    return out


def named_unit(named: str, rules: tuple[UnitRule, ...] | None = None, generic: bool = False) -> str:
    """The suggestion for a task whose lead units the text names (`Task.lead_unit`, "区科技局、高新区管委会"): those
    names as they are, or with `generic`, the table's generic name of the first that has one (区发改委 → 发展改革部门,
    区市场监管局 → 市场监督管理部门; 高新区管委会 has none), else the first name."""
    names = named.split("、")
    if not generic:
        return named
    cores = _generic_cores(rules if rules is not None else load_units())
    for name in names:
        core = _BODY_WORD.sub("", _LEVEL_WORD.sub("", _BRANCH.sub("", name)))
        core = _SHORT_NAMES.get(core, core)
        if core in cores:
            return cores[core]
    return names[0]


# Words every project plan uses for its investment and projects (发展改革部门's rows): under a group title that names a
# field they do not weigh where the task commits to a figure or names key projects, and a task they alone name is the
# field's ("完成投资12.7亿元" in a transport plan: 交通运输部门; not "完善…有效投资内生增长机制", an investment policy).
_DIGIT = re.compile(r"\d")
_PROJECT_WORDS = ("投资项目", "重点项目", "项目储备", "投资")
# A domain a verb names too (治理 in "完成治理20条", "抓好山洪沟道治理"): its fallback (司法行政部门) only when another word of
# it occurs in the task or its group title.
_VERB_DOMAINS = {"社会治理": re.compile(r"法治|安全|消防|矫正|扫黑|稳定|网格|劳资|纠纷|食品|应急|地质灾害|社区|调解|信访|平安|"
                                        r"社会治理|基层治理")}


def _project_weight(k: str, obj: str, action: str, rest: str, group: str) -> float:
    """What a project word weighed in `_suggest` (shadowing aside: 投资 inside 投资项目 counts once as each)."""
    return (3 * obj.count(k) + 2 * action.count(k) + rest.count(k) + 0.5 * group.count(k)) * (1 + len(k) / 4)


_FIELDS: dict[str, str] = {}
_FIELDS_OF: list[object] = [None, None]


def _title_field(pattern: _Finder, rows_of: dict[str, frozenset[int]], rules: tuple[UnitRule, ...], group: str,
                 generic: bool) -> str:
    """The unit a group title names by its own keywords, not by a project plan's words (`_PROJECT_WORDS`), when one
    unit clearly leads ("锡盟计划完成交通基础设施投资70亿" → 交通运输部门); "" when none or a tie. Cached per table and
    title (every task of a group asks it)."""
    if _FIELDS_OF[0] is not pattern or _FIELDS_OF[1] is not generic or len(_FIELDS) > 4096:
        _FIELDS.clear()  # (one table and one kind of names at a time: the cache is keyed by the title alone)
        _FIELDS_OF[:] = [pattern, generic]
    field = _FIELDS.get(group)
    if field is None:
        field = _FIELDS[group] = _title_field_of(pattern, rows_of, rules, group, generic)
    return field


def _title_field_of(pattern: _Finder, rows_of: dict[str, frozenset[int]], rules: tuple[UnitRule, ...], group: str,
                    generic: bool) -> str:
    weights: dict[str, float] = {}
    rows = {row for word in _keywords_in(pattern, group) for row in rows_of[word]}
    for row in sorted(rows):
        rule = rules[row]
        k = rule.keyword
        if k not in _PROJECT_WORDS and k not in _SETTING:
            name = (rule.generic or rule.unit) if generic else rule.unit
            weights[name] = weights.get(name, 0.0) + group.count(k) * (1 + len(k) / 4)
    if not weights:
        return ""
    ranked = sorted(weights.values(), reverse=True)
    if len(ranked) > 1 and ranked[1] > ranked[0] - _TIE:
        return ""
    return max(weights, key=weights.__getitem__)


def issuer_unit(issuer: str, rules: tuple[UnitRule, ...], generic: bool) -> str:
    """The table's unit for the body whose plan the document is (`Task.issuer`: "教育体育局" → 教育部门, or the table's
    own name of it, 区教育局, when names are not generic); "" when the table has none (高新区管委会, a newspaper)."""
    if not issuer:
        return ""
    name = named_unit(issuer, rules, generic=True)
    if name == issuer.split("、")[0] or name not in _generic_cores(rules).values():
        return ""
    return name if generic else next((r.unit for r in rules if r.generic == name and not r.keyword.startswith("@")), name)


def _field_of(task: Task, group: str, quote: str, obj: str, action: str, rest: str, by_unit: dict[str, float],
              fallback: dict[str, UnitRule], pattern: _Finder, rows_of: dict[str, frozenset[int]],
              rules: tuple[UnitRule, ...], generic: bool) -> str:
    """The field of the group title when it decides a task's unit ("" when not): a title that names a field (a transport
    plan's "…交通基础设施投资…", a water plan's lead) takes the task its project words alone gave the general unit
    ("完成投资12.7亿元": 发展改革部门 → 交通运输部门), or one with no keyword at all. `by_unit` loses those words' weight.
    Without such a title, the body whose plan it is (a bureau's own: `Task.issuer`) is that field."""
    general = fallback.get("综合")
    if general is None:
        return ""
    plain = (general.generic or general.unit) if generic else general.unit
    projects = plain in by_unit and (_DIGIT.search(quote) is not None or "重点项目" in quote)
    if by_unit and not projects:
        return ""
    field = _title_field(pattern, rows_of, rules, group, generic) or issuer_unit(task.issuer, rules, generic)
    if not field or field == plain:
        return ""
    for k in _PROJECT_WORDS if projects else ():
        if k in quote:
            by_unit[plain] -= _project_weight(k, obj, action, rest, group)
    if plain in by_unit and by_unit[plain] <= _TIE:
        del by_unit[plain]
    return "" if by_unit else field


def _suggest(task: Task, rules: tuple[UnitRule, ...], index: _Index, generic: bool) -> str:
    """`suggest_unit` of a task (kind "task") once its table is indexed and the names to give are known. A lead unit
    the text names (a 分工方案's note) beats any guess from the table (`named_unit`)."""
    if task.lead_unit:
        return named_unit(task.lead_unit, rules, generic)
    quote, group = squeeze(full_marks(task.quote)), task.group  # the text the object was read from (extract.tasks)
    obj, action = squeeze(task.object), task.action
    rest = quote.replace(obj, "", 1) if obj else quote
    by_unit: dict[str, float] = {}
    counted: list[tuple[str, str]] = []  # (unit, keyword) of each row that weighs, its keyword in the object
    rows_of, short, fallback, pattern, shadows, manners = index
    if manners and action.startswith(manners):  # how it is done names no field: 高质量做好…工作 is no quality inspection
        manner = ADVERB.match(action)
        if manner is not None and pattern is not None and manner.end() < len(action) and \
                _manner_only(pattern, action, manner.end()):
            rest = rest.replace(action[:manner.end()], "", 1)
            action = action[manner.end():]
    rows = set(short)  # the rows of every keyword that occurs (any other weighs 0)
    if pattern is not None:
        # The keywords of a text inside the quote are among the quote's: one scan finds those of the object,
        # the action and the rest (the rest needs its own when the object sat inside it, joining two parts).
        at = quote.find(obj) if obj else 0
        found = pattern.findall(quote)
        if at < 0:
            found += pattern.findall(obj)
        elif 0 < at and at + len(obj) < len(quote):
            found += pattern.findall(rest)
        if action not in quote:
            found += pattern.findall(action)
        found += _keywords_in(pattern, group)  # the same for every task of a group
        for word in found:
            rows |= rows_of[word]
    for row in sorted(rows):  # in table order
        rule = rules[row]
        k = rule.keyword
        in_object = obj.count(k)
        if k in _SETTING:  # where or for whom, not what: the object's own word outweighs it (农村…安置房: housing)
            weight = in_object + action.count(k) + rest.count(k) + 0.5 * group.count(k)
        else:
            weight = 3 * in_object + 2 * action.count(k) + rest.count(k) + 0.5 * group.count(k)
        for longer, times in shadows.get(row, ()) if weight else ():
            weight -= times * (3 * obj.count(longer) + 2 * action.count(longer) + rest.count(longer)
                               + 0.5 * group.count(longer))
        if weight > 0:
            name = rule.generic or rule.unit if generic else rule.unit
            by_unit[name] = by_unit.get(name, 0.0) + weight * (1 + len(k) / 4)
            if in_object:
                counted.append((name, k))
    domain_rule = fallback.get(task.domain)
    if group and pattern is not None and (not by_unit or "投资" in quote or "重点项目" in quote or "项目储备" in quote):
        field = _field_of(task, group, quote, obj, action, rest, by_unit, fallback, pattern, rows_of, rules, generic)
        if field:
            return field
    if by_unit and domain_rule is not None:
        name = domain_rule.generic or domain_rule.unit if generic else domain_rule.unit
        if name in by_unit:
            by_unit[name] += 1.0
    if by_unit:
        best = max(by_unit, key=by_unit.__getitem__)
        if len(by_unit) == 1 or not counted:
            return best  # (most tasks: one unit, or no keyword in the object to tell a head by)
        top = by_unit[best]
        tied = [name for name, weight in by_unit.items() if weight > top - _TIE]
        return best if len(tied) == 1 else _head_of(obj, tied, counted)
    if task.domain in _VERB_DOMAINS and not _VERB_DOMAINS[task.domain].search(quote) and \
            not _VERB_DOMAINS[task.domain].search(group):
        domain_rule = None  # "完成治理20条": a verb that names a field too (治理) names none alone
    chosen = domain_rule or fallback.get("综合") or (rules[0] if rules else None)
    if chosen is None:
        return ""
    return (chosen.generic or chosen.unit) if generic else chosen.unit
