"""Ranking a common term's newest hits (store.search_rank): FTS5's bm25 scores, without bm25()'s count of
every row holding each term (100 ms for 高质量发展 in 252,000 of 35 million tasks). SQLite's pair index only."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.pipeline import ingest_document
from planwatch.store import search_index, search_rank
from planwatch.store.db import transaction
from planwatch.store.plans import delete_plans

from .test_search_index import quotes_extractor, statements_run, write_plan

TASKS = [  # tasks and records holding 学校 and 建设 unevenly, in texts of different lengths, and others
    "新建学校 3 所，改扩建学校 2 所，推进学校建设",
    "推进学校建设",
    "加快建设智慧园区，建设产业园区配套道路，完善园区建设管理",
    "新建学校 1 所",
    "建设学校食堂和学校操场，建设学校图书馆，让学校更好",
    "推进城市更新建设，推进片区建设，加快建设重点项目，完善基础设施建设",
    "完善养老服务体系，新增养老床位 500 张",
    "提升公共交通服务水平，新开公交线路 10 条",
    "加强生态环境保护，新增公园 5 个",
    "促进消费扩容提质，社会消费品零售总额增长 6%",
    "推动就业创业，城镇新增就业 3000 人",
    "深化医药卫生体制改革，新增病床 200 张",
]


@pytest.fixture
def sqlite_engine(engine: Engine) -> Engine:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL ranks by similarity(), not bm25")
    return engine


def ingest(engine: Engine, tmp_path: Path, plans: int = 4, title: str | None = None) -> list[int]:
    """`plans` plans holding every one of TASKS as a task and a record (the last with `title` as its first
    line when given); their ids, oldest first."""
    ids = []
    for n in range(plans):
        body = "".join(f"（{i}）{quote}。\n" for i, quote in enumerate(TASKS[n % 2:] + TASKS[:n % 2], 1))
        path = write_plan(tmp_path, f"pingshan-{2010 + n}", body, 2010 + n)
        if title and n == plans - 2:  # the next to newest: a title that holds the term
            path.write_text(path.read_text(encoding="utf-8").replace("国民经济和社会发展计划", title, 1), encoding="utf-8")
        ids.append(ingest_document(engine, load(path), year=2010 + n, extract=quotes_extractor(*TASKS)).plan_id)
    return ids


def fts5_ranking(session: Session, kind: str, words: list[str], budget: int) -> list[tuple[int, float]]:
    """What the index's bm25() makes of the newest `budget` hits: (id, score), best first."""
    weights = ", ".join(repr(w) for w in search_index.SOURCES[kind].weights)
    gram = search_index.gram_name(kind)
    rows = session.execute(text(f"SELECT rowid, bm25({gram}, {weights}) FROM {gram} WHERE {gram} MATCH :q "
                                "ORDER BY rowid DESC LIMIT :n"), {"q": search_index.pair_query(words), "n": budget})
    return [(row_id, -rank) for row_id, rank in sorted(rows, key=lambda r: (r[1], r[0]))]


@pytest.mark.parametrize("kind", ["task", "record"])
@pytest.mark.parametrize("words", [["学校"], ["建设"], ["学校", "建设"], ["学校建设"], ["学"], ["所"], ["新建", "学校"]])
def test_a_common_terms_newest_hits_get_fts5s_scores_without_bm25(
        sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, words: list[str]) -> None:
    """Above the budget the newest hits are scored in Python: the same order and scores as bm25() gives them
    (each term's rows counted), and no statement calls bm25(), which counts every row holding each term first."""
    ingest(sqlite_engine, tmp_path)
    monkeypatch.setattr(search_index, "RANK_BUDGET", 3)
    monkeypatch.setattr(search_rank, "COUNTED", 100)  # every term's rows counted (at most 88 here)
    monkeypatch.setattr(search_rank, "PAIR_ROWS", 0)  # a pair in few rows too (test_a_pair_in_few_rows…)
    with Session(sqlite_engine) as session:
        expected = fts5_ranking(session, kind, words, 3)
    assert len(expected) == 3  # more hits than the budget: the dense path
    with statements_run(sqlite_engine) as statements, Session(sqlite_engine) as session:
        found = [(h.id, h.score) for h in search_index.search(session, kind, words, 3)]
    assert [i for i, _s in found] == [i for i, _s in expected]
    assert [s for _i, s in found] == pytest.approx([s for _i, s in expected], rel=1e-9, abs=1e-12)
    assert not any("bm25(" in s for s in statements)


@pytest.mark.parametrize(("kind", "words", "by_bm25"), [("task", ["学校"], False), ("record", ["学"], False),
                                                      ("task", ["新建", "学校"], True), ("plan", ["学校"], True)])
def test_fewer_hits_than_the_budget_get_fts5s_scores(sqlite_engine: Engine, tmp_path: Path, kind: str,
                                                     words: list[str], by_bm25: bool) -> None:
    """Fewer hits than the budget: one term of records or tasks is scored in Python from its hits, all of which
    the index has just found (bm25() would walk them again); several terms, or plans, by bm25() (counting their
    rows is cheap). The scores are FTS5's either way."""
    ingest(sqlite_engine, tmp_path, plans=2)
    with statements_run(sqlite_engine) as statements, Session(sqlite_engine) as session:
        found = [(h.id, h.score) for h in search_index.search(session, kind, words, 50)]
    with Session(sqlite_engine) as session:
        expected = fts5_ranking(session, kind, words, 500)
    assert [i for i, _s in found] == [i for i, _s in expected] and len(found) >= 2
    assert [s for _i, s in found] == pytest.approx([s for _i, s in expected], rel=1e-9, abs=1e-12)
    assert any("bm25(" in s for s in statements) == by_bm25
    if not by_bm25:
        assert not any("count(*)" in s for s in statements)  # its rows are the hits: not counted again


@pytest.mark.parametrize(("pair_rows", "by_bm25"), [(30_000, True), (10, False)])
def test_a_pair_in_few_rows_is_ranked_by_bm25(sqlite_engine: Engine, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch, pair_rows: int, by_bm25: bool) -> None:
    """A term of two characters is one token of the index: bm25() counts its rows faster than its hits are
    scored in Python while they are few (学位 in 25,000 of 35 million tasks: 2 against 5 ms)."""
    ingest(sqlite_engine, tmp_path)
    monkeypatch.setattr(search_index, "RANK_BUDGET", 3)
    monkeypatch.setattr(search_rank, "PAIR_ROWS", pair_rows)  # 学校 is in 16 of 88 tasks
    with statements_run(sqlite_engine) as statements, Session(sqlite_engine) as session:
        found = [h.id for h in search_index.search(session, "task", ["学校"], 3)]
    with Session(sqlite_engine) as session:
        assert found == [i for i, _s in fts5_ranking(session, "task", ["学校"], 3)]
    assert any("bm25(" in s for s in statements) == by_bm25


def test_above_the_count_its_rows_are_estimated_from_how_densely_the_newest_lie(
        sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A term's rows are counted up to COUNTED × the budget, then estimated: the order of one term's hits does
    not depend on it; the estimate never exceeds the index's rows, even when deleted rows left their ids unused
    (the IDF's logarithm had no value there: a ValueError)."""
    ids = ingest(sqlite_engine, tmp_path, plans=5)
    monkeypatch.setattr(search_index, "RANK_BUDGET", 3)
    monkeypatch.setattr(search_rank, "COUNTED", 1)
    monkeypatch.setattr(search_rank, "PAIR_ROWS", 0)
    with Session(sqlite_engine) as session:
        exact = fts5_ranking(session, "task", ["学校"], 3)
        found = [(h.id, h.score) for h in search_index.search(session, "task", ["学校"], 3)]
    assert [i for i, _s in found] == [i for i, _s in exact]
    with transaction(sqlite_engine) as session:
        delete_plans(session, [ids[0]])
    for kind in ("plan", "task", "record"):
        with Session(sqlite_engine) as session:
            assert len(search_index.search(session, kind, ["学校"], 3)) == 3, kind
            assert len(search_index.search(session, kind, ["学校", "建设"], 3)) == 3, kind
    assert search_rank._estimate(500, 9001, 10000, 8000) == 5000  # the newest 500 span a tenth of the ids
    assert search_rank._estimate(3, 3, 5, 4) == 4  # more than the index's rows: its rows


def test_plans_of_a_common_term_rank_by_title_then_newest_without_reading_their_texts(
        sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan's text (57 KB) is not read to rank it: plans whose titles hold the term first, then the newest,
    as on PostgreSQL."""
    ids = ingest(sqlite_engine, tmp_path, plans=5, title="学校建设三年行动计划")
    monkeypatch.setattr(search_index, "RANK_BUDGET", 3)
    monkeypatch.setattr(search_rank, "PAIR_ROWS", 0)
    with statements_run(sqlite_engine) as statements, Session(sqlite_engine) as session:
        hits = search_index.search(session, "plan", ["学校"], 5)
    assert [h.id for h in hits] == [ids[3], ids[4], ids[2], ids[1], ids[0]]  # then the older ones, newest first
    assert hits[0].score > 0 and hits[1].score == hits[2].score == 0
    assert not any('"text"' in s or "plan.text" in s for s in statements)


def test_occurrences_are_the_instances_fts5_finds() -> None:
    """A phrase of pairs at every occurrence, overlapping ones too; a one-character prefix once more where a
    separator precedes it (the pair " 学" is also the token 学)."""
    assert search_rank.occurrences("啊啊啊", "啊啊") == 2
    assert search_rank.occurrences("学校学校", "学校") == 2
    assert search_rank.occurrences("新建学校", "学") == 1
    assert search_rank.occurrences("新建", "学校") == 0
    assert search_rank.occurrences("学 学\n学", "学") == 5
    assert search_rank.occurrences("学 校 学校", "学校") == 1


def test_varints_read_sqlites_encoding() -> None:
    """FTS5's docsize and averages records are SQLite varints (7 bits a byte; the ninth byte whole)."""
    assert search_rank._varints(b"\x0e\x81\x8a'") == [14, 17703]
    assert search_rank._varints(b"\x83\xc00") == [57392]
    assert search_rank._varints(b"\xff" * 8 + b"\x01") == [(2 ** 56 - 1) << 8 | 1]
