"""The shortcuts of task extraction (keyword look-ups, skipped scans) answer what the plain definitions answer."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from planwatch.documents import bundled_plan_path, load
from planwatch.extract import task_entities, task_lexicon
from planwatch.extract.records import Task
from planwatch.extract.task_layout import squeeze
from planwatch.extract.task_lexicon import DOMAINS, _domain_alt, domain_of, keyword_finder
from planwatch.extract.task_units import _PROJECT_WORDS as PROJECT_WORDS
from planwatch.extract.task_units import _SETTING as SETTING
from planwatch.extract.task_units import _VERB_DOMAINS as VERB_DOMAINS
from planwatch.extract.task_units import UnitRule, load_units, read_units, suggest_unit
from planwatch.extract.tasks import extract_tasks

from .helpers import PLAN_2020, no_quantities


def _tasks() -> list[Task]:
    out = []
    for path in (bundled_plan_path(), PLAN_2020):
        text = load(path).text
        out += extract_tasks(text, quantities=no_quantities(text))
    return out


TASKS = _tasks()


def _keyword_table(rules: tuple[UnitRule, ...]) -> tuple[dict[str, set[tuple[str, str]]], dict[str, list[str]]]:
    """Each keyword's (unit, generic) pairs, and the longer keywords (not "@") that contain it, in table order."""
    if rules not in _TABLES:
        units: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for rule in rules:
            units[rule.keyword].add((rule.unit, rule.generic))
        _TABLES[rules] = units, {k: [w for w in units if not w.startswith("@") and len(w) > len(k) and k in w]
                                 for k in units}
    return _TABLES[rules]


_TABLES: dict[tuple[UnitRule, ...], tuple[dict[str, set[tuple[str, str]]], dict[str, list[str]]]] = {}


def _plain_unit(task: Task, rules: tuple[UnitRule, ...], generic: bool) -> str:
    """suggest_unit's weighting, every rule of the table tried in order."""
    quote, group = squeeze(task.quote), task.group
    obj, action = squeeze(task.object), task.action
    rest = quote.replace(obj, "", 1) if obj else quote
    by_unit: dict[str, float] = defaultdict(float)
    ends: dict[str, int] = defaultdict(int)
    fallback = {r.keyword[1:]: r for r in rules if r.keyword.startswith("@")}
    units, longer = _keyword_table(rules)

    def weigh(k: str) -> float:
        return 3 * obj.count(k) + 2 * action.count(k) + rest.count(k) + 0.5 * group.count(k)

    for rule in rules:
        k = rule.keyword
        if k.startswith("@"):
            continue
        weight = weigh(k)  # less its occurrences inside longer keywords of other units
        weight -= sum(w.count(k) * weigh(w) for w in longer[k] if (rule.unit, rule.generic) not in units[w])
        if weight > 0:
            name = rule.generic or rule.unit if generic else rule.unit
            by_unit[name] += weight * (1 + len(k) / 4)
            # a tie: the unit whose keyword ends last in the object (its head), unless the object lists things or
            # the keyword is a quality of what it follows
            if k in obj and not re.search("[、和与及]", obj) and k not in ("质量", "水平", "能力", "效率", "效益", "效能", "品质"):
                ends[name] = max(ends[name], obj.rfind(k) + len(k))
    domain_rule = fallback.get(task.domain)
    general = fallback.get("综合")
    plain = ((general.generic or general.unit) if generic else general.unit) if general else ""
    field = _plain_field(group, rules, generic) if general and group else ""
    if field and field != plain:  # a title that names a field: the project words of any plan do not weigh
        for k in PROJECT_WORDS if re.search(r"\d", quote) or "重点项目" in quote else ():
            if k in quote and plain in by_unit:
                by_unit[plain] -= weigh(k) * (1 + len(k) / 4)
        if plain in by_unit and by_unit[plain] <= 1e-6:
            del by_unit[plain]
        if not by_unit:
            return field
    if by_unit and domain_rule is not None:
        name = domain_rule.generic or domain_rule.unit if generic else domain_rule.unit
        if name in by_unit:
            by_unit[name] += 1.0
    if by_unit:
        return max(by_unit, key=lambda u: (round(by_unit[u], 6), ends[u]))
    if task.domain in VERB_DOMAINS and not VERB_DOMAINS[task.domain].search(quote + "\n" + group):
        domain_rule = None
    rule = domain_rule or fallback.get("综合") or rules[0]
    return (rule.generic or rule.unit) if generic else rule.unit


def _plain_field(group: str, rules: tuple[UnitRule, ...], generic: bool) -> str:
    """The unit a group title names by its keywords (every row tried), not the project words nor the settings."""
    weights: dict[str, float] = defaultdict(float)
    for rule in rules:
        k = rule.keyword
        if k.startswith("@") or k in PROJECT_WORDS or k in SETTING or k not in group:
            continue
        weights[(rule.generic or rule.unit) if generic else rule.unit] += group.count(k) * (1 + len(k) / 4)
    ranked = sorted(weights.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[1] > ranked[0] - 1e-6):
        return ""
    return max(weights, key=weights.__getitem__)


@pytest.mark.parametrize("generic", [False, True])
def test_suggested_units_are_those_of_trying_every_keyword(generic: bool) -> None:
    rules = load_units()
    tasks = [t for t in TASKS if t.kind == "task"]
    assert len(tasks) > 100
    assert [suggest_unit(t, rules, generic=generic) for t in tasks] == [_plain_unit(t, rules, generic) for t in tasks]


def test_keywords_that_start_others_and_one_character_keywords_count() -> None:
    rules = tuple(read_units("keyword,unit,generic\n教育,甲,\n教育局,乙,\n学,丙,\n局,丁,\n@教育,甲,\n"))
    task = Task(doc="d", group="推进教育局学校建设", action="推进", object="教育局直属学校", quote="推进教育局直属学校建设",
                start=0, end=10, domain="教育", kind="task")
    # 教育 and 局 inside 教育局 are part of it (another unit's keyword): they do not count there, domain or not
    assert suggest_unit(task, rules) == _plain_unit(task, rules, False) == "乙"
    task.object = task.quote = "教育局直属学校和教育园区"  # 教育 on its own counts
    task.group = ""
    assert suggest_unit(task, rules) == _plain_unit(task, rules, False) == "甲"  # 教育 + domain over 教育局
    task.domain = "交通"
    assert suggest_unit(task, rules) == _plain_unit(task, rules, False) == "乙"  # the longer keyword weighs more
    same = tuple(read_units("keyword,unit,generic\n教育,甲,\n教育局,甲,\n学,丙,\n局,丁,\n"))
    assert suggest_unit(task, same) == _plain_unit(task, same, False) == "甲"  # one unit: 教育 weighs with 教育局
    task.object, task.quote = "直属学校", "推进教育局直属学校建设"  # 教育局 only in the rest: the object cut out joins 推进 and 建设
    assert suggest_unit(task, rules) == _plain_unit(task, rules, False)


def test_domains_are_those_of_counting_every_domain() -> None:
    for task in TASKS:
        clean = squeeze(task.quote)
        scores = [3 * len(p.findall(clean)) + 2 * len(p.findall(task.group)) for p in _domain_alt.values()]
        best = max(scores)
        expected = list(DOMAINS)[scores.index(best)] if best > 0 else "综合"
        assert domain_of(clean, task.group) == expected, clean


def test_units_when_the_object_or_the_action_is_not_in_the_quote() -> None:
    rules = tuple(read_units("keyword,unit,generic\n教育局,乙,\n招引,丙,\n学校,甲,\n局学,丁,\n"))
    task = Task(doc="d", group="", action="招引", object="教育局", quote="推进直属学校建设", start=0, end=8,
                domain="教育", kind="task")
    assert suggest_unit(task, rules) == _plain_unit(task, rules, False) == "乙"  # the object's keyword weighs 3
    task.object, task.quote = "学", "推进教育局学建设"  # the object opens no join: 局学 only across it in the quote
    assert suggest_unit(task, rules) == _plain_unit(task, rules, False)


def test_domains_with_a_section_title_are_those_of_counting_every_domain() -> None:
    titles = [task.section for task in TASKS[::5]]
    for task, block in zip(TASKS, titles * (len(TASKS) // max(len(titles), 1) + 1), strict=False):
        clean = squeeze(task.quote)
        scores = [3 * len(p.findall(clean)) + 2 * len(p.findall(task.group)) + len(p.findall(block))
                  for p in _domain_alt.values()]
        best = max(scores)
        expected = list(DOMAINS)[scores.index(best)] if best > 0 else "综合"
        assert domain_of(clean, task.group, block) == expected, (clean, block)


def test_record_spans_link_the_tasks_quantities_link() -> None:
    from planwatch.extract.quantities import extract_quantities

    text = load(bundled_plan_path()).text
    quantities = extract_quantities(text)
    by_quantities = extract_tasks(text, quantities=quantities)
    assert any(task.quantities for task in by_quantities)
    assert extract_tasks(text, record_spans=[(q.start, q.end) for q in quantities]) == by_quantities


def test_a_piece_has_an_action_exactly_where_the_action_pattern_matches() -> None:
    from planwatch.extract.task_lexicon import ACTION
    from planwatch.extract.tasks import _action

    text = "".join(load(bundled_plan_path()).text.split())
    windows = [text[i:i + 3 + i % 40] for i in range(0, len(text), 5)]
    assert sum(ACTION.search(w) is None for w in windows) > 100  # both kinds occur
    assert all((_action(w) is not None) == (ACTION.search(w) is not None) for w in windows)


def _real_lines() -> list[str]:
    """Whitespace-free lines of every text under tests/data (as clauses reach the patterns)."""
    lines = []
    for path in sorted((Path(__file__).resolve().parents[1] / "data").rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        lines += [squeeze(line) for line in text.splitlines() if line.strip()]
    assert len(lines) > 1000
    return lines


LINES = _real_lines()


def _flat_finder(words: list[str]) -> re.Pattern[str]:
    """keyword_finder as a flat alternation under a lookahead: the longest word at every offset."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("(?=(" + "|".join(re.escape(w) for w in ordered) + "))")


def test_keyword_finders_find_what_a_flat_alternation_finds() -> None:
    unit_words = [r.keyword for r in load_units() if not r.keyword.startswith("@") and len(r.keyword) >= 2]
    for words in ([k for kws in DOMAINS.values() for k in kws], unit_words, ["教育", "教育局", "育局", "局", "河"]):
        tree, flat = keyword_finder(words), _flat_finder(words)
        assert all(tree.findall(line) == flat.findall(line) for line in LINES + ["教育局教育育局局河"])


def test_verb_trees_match_what_the_flat_alternations_match() -> None:
    flat = {"VERB": re.compile(f"(?:{task_lexicon._verb_alt})"), "ADVERB": re.compile(f"(?:{task_lexicon._adv_alt})+")}
    for name, pattern in flat.items():
        tree = getattr(task_lexicon, name)
        for line in LINES:
            assert [m.span() for m in tree.finditer(line)] == [m.span() for m in pattern.finditer(line)], (name, line)
    assert task_lexicon.VERB.match("获奖") is None and task_lexicon.VERB.match("获批").group(0) == "获批"  # tails kept
    assert task_lexicon.VERB.match("增加值") is None and task_lexicon.VERB.match("增加").group(0) == "增加"


def test_entity_patterns_match_what_the_suffix_pattern_matches() -> None:
    ends = ["园", "中", "（", "二", "（二", "二期", "研究院（", "公园路", "站", "号线", "(3期)"]  # a suffix (or not) at the end
    for line in LINES + ["一期工程（二期）建成", "3期", "（十期）"] + ends + [f"推进{end}" for end in ends]:
        overlapped = [(m.start(), m.end()) for m in task_entities.SUFFIX.finditer(line, overlapped=True)]
        assert [m.span(1) for m in task_entities._SUFFIX_AT.finditer(line)] == overlapped, line
        first = task_entities.SUFFIX.search(line)
        found = task_entities._SUFFIX_AT.search(line)
        assert (found and found.span(1)) == (first and first.span()), line


def test_an_opening_action_is_the_one_reading_every_action_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    """tasks._action with its opening-action shortcut answers what it answers without it (every action read first)."""
    from planwatch.extract import tasks
    from planwatch.extract.tasks import _action

    windows = [line[i:i + 4 + i % 30] for line in LINES[:3000] for i in range(0, len(line), 3)]
    windows += ["创新平台建设", "规划建设委员会", "积极创新推动", "开放门户", "治理违法建设"]  # START_ONLY openings
    asked = [(window, kind, strict) for window in windows
             for kind, strict in (("task", False), ("task", True), ("achievement", False))]
    shortcut = [_action(*question) for question in asked]
    monkeypatch.setattr(tasks, "_opening_action", lambda clean: None)
    opening = 0
    for question, found in zip(asked, shortcut, strict=True):
        assert found == _action(*question), question
        opening += found is not None and found[0] == 0
    assert opening > 1000


def test_squeeze_removes_every_whitespace_and_keeps_other_text() -> None:
    import sys

    import regex

    spaces = regex.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1))))
    assert "\u3000" in spaces and "\xa0" in spaces
    for space in spaces:
        assert squeeze(f"推进{space}建设") == "推进建设", hex(ord(space))
    plain = "推进“十五五”规划（二期）建设，…"
    assert squeeze(plain) is plain
    from planwatch.extract.task_layout import _SPLIT_ONLY

    split_only = [ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace() and ch not in spaces]
    assert split_only and all(_SPLIT_ONLY.match(ch) for ch in split_only)  # squeeze leaves these to the substitution
    for separator in "\x1c\x1d\x1e\x1f":  # whitespace to str.split, not to \s: kept
        assert squeeze(f"推进{separator} 建设\n") == f"推进{separator}建设"


@pytest.mark.parametrize(("module", "names"), [
    ("tasks", ["_PREPOSITION", "_TIME", "_STATEMENT", "_LEAD_WORDS"]),
    ("task_layout", ["_LABEL", "_REVIEW_OPEN", "_FORWARD_OPEN", "_CONTEXT_PARA", "_PLAN_PARA", "_PERIOD_IS",
                     "_HEADING_LINE"]),
    ("task_entities", ["_LEAD", "_LEAD_ADVERB", "_COUNT", "_TRAILER_OK", "_BAD_END", "_GENERIC", "_DIGIT"]),
])
def test_plain_patterns_compiled_with_re_answer_what_regex_answers(module: str, names: list[str]) -> None:
    import importlib

    import regex

    texts = LINES + [line[i:i + 24] for line in LINES for i in range(0, len(line), 11)]  # openings of pieces too
    found = 0
    for name in names:
        pattern = getattr(importlib.import_module(f"planwatch.extract.{module}"), name)
        old = regex.compile(pattern.pattern)
        for text in texts:
            new_m, old_m = pattern.search(text), old.search(text)
            assert (new_m and new_m.span()) == (old_m and old_m.span()), (name, text)
            assert pattern.sub("", text) == old.sub("", text), (name, text)
            found += new_m is not None
    assert found > 100


def test_the_opening_shortcut_matches_where_one_of_the_opening_patterns_does() -> None:
    from planwatch.extract import task_layout

    patterns = [task_layout._REVIEW_OPEN, task_layout._FORWARD_OPEN, task_layout._CONTEXT_PARA, task_layout._PLAN_PARA,
                task_layout._PERIOD_IS]
    texts = [line[:60] for line in LINES] + ["“十四五”时期是", "展望未来", "在《纲要》", "2025年是", "——推进"]
    found = 0
    for text in texts:
        expected = any(p.search(text) for p in patterns)
        assert (task_layout._ANY_OPENING.match(text) is not None) == expected, text
        found += expected
    assert found > 50


def test_the_break_shortcut_finds_what_the_break_pattern_finds() -> None:
    import random

    from planwatch.extract.task_layout import _BREAK, _BREAK_AT

    rng = random.Random(13)
    alphabet = ["\n", " ", "\u00a0", "\u3000", "\u2003", "。", "：", "，", "a", "推"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    found = 0
    for text in texts:
        for pos in range(len(text) + 1):
            end = rng.randint(pos, len(text))
            old, new = _BREAK.search(text, pos, end), _BREAK_AT.search(text, pos, end)
            assert (old and old.span()) == (new and new.span(1)), (text, pos, end)
            found += old is not None
    assert found > 1000


def test_the_paragraph_prefilters_answer_what_their_patterns_answer() -> None:
    from planwatch.extract import task_layout

    crafted = ["各位代表，", "在看到成绩的同时，", "同时我们也", "同时，我们也", "我们清醒看到", "我们也清醒", "但也要看到",
               "同时也要看到", "要清醒认识到", "清醒地认识到", "——推进", "工作如下：", "工作如下:", "一年来，我们主要做了",
               "五年来主要做了", "过去一年，主要做了", "习近平新时代", "党中央决策", "总书记指示", "党的二十大", "党的十九届",
               "中共深圳市委", "中共中央", "党建引领", "", "推进", "："]
    texts = [squeeze(line) for line in LINES] + crafted
    skipped = boilerplate = 0
    for text in texts:
        expected = task_layout._SKIP_PARA.search(text) is not None
        assert task_layout._skipped(text) == expected, text
        skipped += expected
        expected = task_layout._BOILERPLATE.search(text) is not None
        assert task_layout._boilerplate(text) == expected, text
        boilerplate += expected
    assert skipped > 15 and boilerplate > 5


@pytest.mark.parametrize("level", [None, "district", "city"])
def test_units_of_a_list_are_those_of_each_task(level: str | None) -> None:
    from planwatch.extract.task_units import suggest_units

    rules = load_units()
    assert any(t.kind != "task" for t in TASKS)
    assert suggest_units(TASKS, rules, level=level) == [suggest_unit(t, rules, level=level) for t in TASKS]
    assert suggest_units(TASKS, level=level, generic=True) == [suggest_unit(t, generic=True, level=level) for t in TASKS]


def test_leads_stripped_with_the_length_shortcut_are_those_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [item for line in LINES for piece in re.split(r"[，、；。]", squeeze(line)) for item in (piece, piece[:8], piece[:12])]
    items += ["推进建设深圳湾超级总部基地", "与香港科技大学", "开展引进重大项目", "加快推进建设", "一二推进三四五六七"]
    short = [task_entities._strip_lead(item) for item in items]
    monkeypatch.setattr(task_entities, "_INNER_MIN", 0)
    assert short == [task_entities._strip_lead(item) for item in items]
    assert sum(len(item) >= 9 for item in items) > 100


def test_domains_of_clauses_of_keywords_are_those_of_counting_every_domain() -> None:
    import random

    rng = random.Random(7)
    keywords = [k for words in DOMAINS.values() for k in words]
    clauses = ["".join(rng.choice([*keywords, "的", "推进", "市"]) for _ in range(rng.randint(2, 6))) for _ in range(3000)]
    clauses += ["城市更新更新", "快速路快速路", "高速高铁", "城际高速公路", "社区治理社区"]
    for clean, group, block in zip(clauses, clauses[1:] + clauses[:1], clauses[2:] + clauses[:2], strict=True):
        scores = [3 * len(p.findall(clean)) for p in _domain_alt.values()]
        best = max(scores)
        expected = list(DOMAINS)[scores.index(best)] if best > 0 else "综合"
        assert domain_of(clean) == expected, clean
        scores = [3 * len(p.findall(clean)) + 2 * len(p.findall(group)) + len(p.findall(block)) for p in _domain_alt.values()]
        best = max(scores)
        expected = list(DOMAINS)[scores.index(best)] if best > 0 else "综合"
        assert domain_of(clean, group, block) == expected, (clean, group, block)
