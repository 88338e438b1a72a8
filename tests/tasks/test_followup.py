"""Follow-up matching: real sentence pairs, then proposals between two stored plans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from planwatch.errors import NotFoundError, ValidationError
from planwatch.extract.task_entities import named_things
from planwatch.monitor import followup
from planwatch.monitor.followup import THRESHOLD, decide, list_proposals, match, similarity
from planwatch.store.db import transaction
from planwatch.store.schema import AuditLog

from .helpers import PLAN_2020, data, ingest

PAIRS = data("followup-pairs.json")


@pytest.mark.parametrize("pair", PAIRS["match"], ids=lambda p: p["task"][:12])
def test_task_and_its_report_match(pair: dict) -> None:
    score, shared = similarity(pair["task"], named_things(pair["task"]), pair["done"], named_things(pair["done"]))
    assert score >= THRESHOLD
    assert shared == pair["shared"]


@pytest.mark.parametrize("pair", PAIRS["no_match"], ids=lambda p: p["why"])
def test_near_misses_do_not_match(pair: dict) -> None:
    score, shared = similarity(pair["task"], named_things(pair["task"]), pair["done"], named_things(pair["done"]))
    assert score < THRESHOLD and shared == []


def test_match_picks_the_right_report_among_all() -> None:
    tasks = [(p["task"], named_things(p["task"])) for p in PAIRS["match"]]
    done = [(p["done"], named_things(p["done"])) for p in PAIRS["match"] + PAIRS["no_match"]]
    best = {}
    for m in match(tasks, done):
        best.setdefault(m.task, m.achievement)
    assert best == {i: i for i in range(len(tasks))}


_CHARS = "甲乙丙丁\x00"


@given(st.lists(st.text(_CHARS, max_size=10), max_size=6), st.frozensets(st.text(_CHARS, max_size=4), max_size=12))
def test_the_word_index_finds_what_scanning_the_joined_texts_finds(texts: list[str], words: frozenset[str]) -> None:
    """`_occurrences` (one Aho–Corasick pass a text) agrees with `_containing`, whose NUL-joined scan can find a word
    with a NUL across two texts, and each text's words are those `in` it."""
    holding, inside = followup._occurrences(texts, words)
    joined, starts = followup._joined(texts)
    assert {w: holding.get(w, []) for w in words} == {w: sorted(followup._containing(joined, starts, w, len(texts)))
                                                      for w in words}
    assert inside == [{w for w in words if w in text} for text in texts]


_NAME_CHARS = "马峦学校项目工程建设期一二3٣（）()《》“”\n "


@given(st.text(_NAME_CHARS, max_size=12))
def test_a_names_core_and_phase_are_what_the_patterns_alone_give(name: str) -> None:
    """`_core` and `_phase` skip the patterns when a text cannot match them (no 期; no tail at its end): as before."""
    core = name.strip("《》“”")
    previous = None
    while previous != core:
        previous, core = core, followup._NAME_TAIL.sub("", core)
    assert followup._core.__wrapped__(name) == (core if len(core) >= 3 else name.strip("《》“”"))
    found = followup._PHASE.search(name)
    assert followup._phase.__wrapped__(name) == (found.group(1) if found else "")


def test_a_pair_ruled_out_before_scoring_scores_0() -> None:
    """`match` does not score a pair that `_may_cover` rules out (no shared names): `similarity` gives it 0."""
    sentences = [p[side] for p in PAIRS["match"] + PAIRS["no_match"] for side in ("task", "done")]
    sentences += [clause for sentence in sentences for clause in followup._CLAUSE.split(sentence) if clause]
    sentences += ["深化价格改革", "价格改革取得新进展"]  # a clause of one short word, found in its compound
    ruled_out = 0
    for task in sentences:
        pieces = followup.key_pieces(task)
        keys, alone = frozenset(k for piece in pieces for k in piece), followup._alone(pieces)
        for done in sentences:
            flat = "".join(done.split())
            if not followup._may_cover(keys, alone, {k for k in keys if k in flat}):
                ruled_out += 1
                assert similarity(task, [], done, named_things(done)) == (0.0, [])
    assert ruled_out > 20


def test_proposals_between_two_years(engine: Engine) -> None:
    earlier = ingest(engine, year=2019)
    later = ingest(engine, PLAN_2020, year=2020)
    with transaction(engine) as session:
        proposals = list_proposals(session)
        assert proposals and all(p.plan_id == later and p.task.plan_id == earlier for p in proposals)
        by_task = {}
        for p in proposals:
            by_task.setdefault(p.task.object, []).append(p)
        roads = by_task["南坪快速三期、马峦北路南段、金碧路完工通车"]
        assert "完工通车" in roads[0].quote and roads[0].score >= 0.8
        assert set(roads[0].shared) == {"南坪快速三期", "马峦北路南段", "金碧路"}
        investors = by_task["开沃新能源、海普瑞生物医药生态园、佛吉亚（深圳）汽车零部件制造项目投产"]
        assert "建成投产" in investors[0].quote
        road_id, other_ids = roads[0].id, [p.id for p in proposals if p.id != roads[0].id]
    with transaction(engine) as session:
        proposal = decide(session, road_id, accept=True, who="审核员")
        task = proposal.task
        assert task.status == "已完成"
        assert task.updates[-1].source == "followup" and "完工通车" in task.updates[-1].evidence
        assert task.updates[-1].who == "审核员"
    with transaction(engine) as session:
        rejected = decide(session, other_ids[0], accept=False, who="审核员")
        assert rejected.state == "rejected" and rejected.task.status in ("未启动", "已完成")
        actions = set(session.scalars(select(AuditLog.action)))
        assert {"followup.propose", "followup.accept", "followup.reject", "task.update"} <= actions
    with transaction(engine) as session, pytest.raises(ValidationError):
        decide(session, road_id, accept=False)
    with transaction(engine) as session, pytest.raises(NotFoundError):
        decide(session, 99999, accept=True)


def test_reingesting_does_not_duplicate_proposals(engine: Engine) -> None:
    ingest(engine, year=2019)
    ingest(engine, PLAN_2020, year=2020)
    with transaction(engine) as session:
        before = len(list_proposals(session, None))
        from planwatch.monitor.followup import propose_for_plan
        from planwatch.store.schema import Plan

        plan = session.scalar(select(Plan).where(Plan.year == 2020))
        assert propose_for_plan(session, plan) == 0
        assert len(list_proposals(session, None)) == before


NEAR = PAIRS["near"]


@pytest.mark.parametrize("pair", NEAR, ids=lambda p: p["done"][:8])
def test_a_report_all_about_what_the_task_holds_matches(pair: dict) -> None:
    """A near miss (the task's clause shares a rare word but says more) is matched when the task holds most of
    the report's key words: "深化资源税改革" reports "全面推开资源税从价计征改革"."""
    score, shared = similarity(pair["task"], named_things(pair["task"]), pair["done"], named_things(pair["done"]))
    assert score >= THRESHOLD and shared == []


def test_near_misses_among_real_sentences() -> None:
    """Among real tasks and reports, each near report goes to its own task: a report the task holds half of
    ("积极探索建立新型农村社会养老保险制度" for "探索事业单位基本养老保险制度改革") is not rescued, and a report many tasks
    hold ("国有企业改革不断深化") goes only to the one it covers best."""
    others = PAIRS["near_others"]
    tasks = [p["task"] for p in NEAR] + others["tasks"]
    done = [p["done"] for p in NEAR] + others["done"]
    found = {(tasks[m.task], done[m.achievement]) for m in match([(t, named_things(t)) for t in tasks],
                                                                   [(d, named_things(d)) for d in done])}
    assert {(p["task"], p["done"]) for p in NEAR} <= found
    assert all(d in {p["done"] for p in NEAR} or (t, d) in {("鼓励各地开展农村养老保险试点", "积极探索建立新型农村社会养老保险制度")}
               for t, d in found), found
    assert sorted(d for _t, d in found) == sorted(set(d for _t, d in found))  # each report goes to one task


def test_near_misses_fill_only_what_direct_matches_leave() -> None:
    """A rescued near miss never pushes out a task's direct match ("脱贫攻坚成果得到巩固和拓展" stays)."""
    task = "做好巩固拓展脱贫攻坚成果同乡村振兴有效衔接"
    done = ["脱贫攻坚成果得到巩固和拓展", "推动乡村振兴", "确定160个国家乡村振兴重点帮扶县"]
    found = [done[m.achievement] for m in match([(task, [])], [(d, []) for d in done])]
    assert found[0] == "脱贫攻坚成果得到巩固和拓展"


def _bundled(stem: str, kind: str) -> list[tuple[str, list[str], str]]:
    """The tasks or achievements of a bundled State Council report, as `match` takes them."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.extract.tasks import extract_tasks

    (path,) = [p for p in example_paths() if p.stem == stem]
    document = load(path)
    return [(t.quote, list(t.entities), t.object) for t in extract_tasks(document.text, document.name) if t.kind == kind]


@pytest.mark.parametrize(("earlier", "later"), [("national-gwr-2016", "national-gwr-2017"),
                                                ("national-gwr-2017", "national-gwr-2018")])
def test_ceremony_is_never_proposed_and_only_an_exact_match_scores_one(earlier: str, later: str) -> None:
    """Review ux2 #19: the closing "向关心和支持中国现代化建设…各国朋友，表示诚挚感谢" was proposed for tasks ("制定实施《中国
    教育现代化2030》" ← it, 0.67), and half the proposals scored 1.00 on one shared word."""
    import regex

    tasks, done = _bundled(earlier, "task"), _bundled(later, "achievement")
    assert any(followup.ceremonial_sentence(text) for text, _n, _o in done)  # the reports do thank
    found = match(tasks, done)
    assert found and not any(followup.ceremonial_sentence(done[m.achievement][0]) for m in found)
    plain = regex.compile(r"[\p{P}\p{S}\s]+")
    for m in found:
        if m.score == 1.0:
            task, report = plain.sub("", tasks[m.task][0]), plain.sub("", done[m.achievement][0])
            assert min(task, report, key=len) in max(task, report, key=len), (task, report)
    assert sum(m.score == 1.0 for m in found) < len(found) / 4


def test_what_is_ceremony_and_what_is_not() -> None:
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load

    text = "\n".join(load(p).text for p in example_paths())
    thanks = [s for s in regex_sentences(text) if "诚挚" in s and "感谢" in s]
    assert thanks and all(followup.ceremonial_sentence(s) for s in thanks)
    assert followup.ceremonial_sentence("各位代表！") and followup.ceremonial_sentence("同志们：")
    assert not followup.ceremonial_sentence("全民健身活动广泛开展")
    assert not followup.ceremonial_sentence("各位代表提出的建议全部办结")  # a sentence about them, not a salutation
    assert not followup.ceremonial_sentence("感谢信制度全面推行")


def regex_sentences(text: str) -> list[str]:
    """The sentences of a text (ended by 。！？ or a line break)."""
    import re

    return [s for s in re.split(r"[。！？\n]", "".join(text.split(" "))) if s.strip()]


def test_a_shown_score_bears_its_evidence() -> None:
    """`confidence`: 1.00 only for an exact match; shared names strong but not certain; one shared word modest."""
    assert followup.confidence(1.0, False, "推出存款保险制度", "推出存款保险制度", 2) == 1.0
    assert followup.confidence(1.0, False, "着力提升发展质量效益，保持经济持续健康发展", "支持民营企业健康发展", 1) == 0.6
    assert followup.confidence(1.0, True, "南坪快速三期完工通车", "南坪快速三期建成", 1) == followup.NAMED_MAX
    assert followup.confidence(0.5, False, "甲乙丙丁戊己", "庚辛壬癸", 4) == 0.5  # never raised
