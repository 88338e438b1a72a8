"""The bulk writer's shortcuts store exactly what the plain paths store (issue 13, migration 0010_writer).

- the search index of an ingested document is filled in bulk at its end (SQLite), and stays exact through
  re-ingest in the same transaction, a document that fails in its savepoint, and edits after the writer;
- the indicator Resolver is reused within a transaction and dropped when the registry changes otherwise;
- SQLite bulk inserts with chosen ids store what ``insert()`` stores;
- what workers precompute (registry names, key pieces, outline) is what the writer would have computed.

Runs on SQLite and, with PLANWATCH_TEST_DATABASE_URL, on PostgreSQL (index parts are SQLite-only checks).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.monitor import followup
from planwatch.pipeline import stages
from planwatch.store import search_index
from planwatch.store.bulk import deferred_search_index, insert_rows, insert_rows_ids, restore_row_triggers
from planwatch.store.db import alembic_config, transaction
from planwatch.store.indicators import bundled_keys, key, merge, registry_name, registry_names, resolver_for
from planwatch.store.ingest import _store_sections, outline_rows
from planwatch.store.schema import Indicator, IndicatorAlias, Plan, Record, Section
from planwatch.store.tasks import Task, TaskGroup

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = Path("/work/shared/seeds/pingshan-2019-plan.txt")


def plan_file(tmp_path: Path, name: str = "pingshan-2019.txt", extra: str = "") -> Path:
    """The reference plan (or, without the shared data, a small plan of the test data) under `name`."""
    source = SEED if SEED.exists() else next(p for p in sorted(DATA.rglob("*.txt")) if "2019" in p.read_text("utf-8")[:200])
    path = tmp_path / name
    path.write_text(source.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def consistent(session: Session) -> None:
    """Every FTS5 index agrees with its base table, and no writer mark is left (SQLite)."""
    search_index.check(session)
    if session.get_bind().dialect.name == "sqlite":
        assert session.execute(text("SELECT count(*) FROM search_fts_pending")).scalar_one() == 0


def hits(session: Session, kind: str, word: str) -> set[int]:
    return {h.id for h in search_index.search(session, kind, [word], 500)}


# ---------------------------------------------------------------- the search index, filled in bulk


def test_a_freshly_stored_plan_is_found_and_the_index_is_exact(engine: Engine, tmp_path: Path) -> None:
    analysis = stages.analyse(load(plan_file(tmp_path)))
    with transaction(engine) as session:
        result = stages.store_analysis(session, analysis)
    with Session(engine) as session:
        consistent(session)
        assert result.plan_id in hits(session, "plan", "坪山区")
        task_ids = set(session.scalars(select(Task.id).where(Task.quote.contains("坪山区"))))
        assert task_ids and task_ids <= hits(session, "task", "坪山区")
        record_ids = set(session.scalars(select(Record.id).where(Record.quote.contains("生产总值"))))
        assert record_ids and record_ids <= hits(session, "record", "生产总值")


def test_replacing_a_plan_in_the_same_transaction_keeps_the_index_exact(engine: Engine, tmp_path: Path) -> None:
    first = stages.analyse(load(plan_file(tmp_path)))
    second = stages.analyse(load(plan_file(tmp_path, extra="\n（九）推进马峦山郊野公园提质工程建设。\n")))
    with transaction(engine) as session:
        stages.store_analysis(session, first)
        replaced = stages.store_analysis(session, second)
        assert replaced.status == "replaced"
    with Session(engine) as session:
        consistent(session)
        assert hits(session, "plan", "马峦山郊野公园提质") == {replaced.plan_id}


def test_a_document_failing_in_its_savepoint_leaves_the_index_exact(engine: Engine, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    good = stages.analyse(load(plan_file(tmp_path)))
    bad = stages.analyse(load(plan_file(tmp_path, "pingshan-2020.txt")), year=2020)

    def explode(*_args: object) -> int:
        raise RuntimeError("follow-up failed")

    with transaction(engine) as session:
        stages.store_analysis(session, good)
        monkeypatch.setattr(stages, "pairings_for_plan", explode)  # the last stage (follow-up): everything else is written
        with pytest.raises(RuntimeError), session.begin_nested():
            stages.store_analysis(session, bad)
        monkeypatch.undo()
        assert session.scalar(select(Plan.id).where(Plan.source_name == "pingshan-2020.txt")) is None
    with Session(engine) as session:
        consistent(session)


def test_writes_after_the_writer_are_indexed_by_the_triggers(engine: Engine, tmp_path: Path) -> None:
    with transaction(engine) as session:
        stages.store_analysis(session, stages.analyse(load(plan_file(tmp_path))))
    with transaction(engine) as session:
        task = session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id)).first()
        assert task is not None
        task.suggested_unit = "区测试专班办公室"
        task_id = task.id
    with Session(engine) as session:
        consistent(session)
        assert hits(session, "task", "测试专班") == {task_id}


def test_rows_changed_or_deleted_inside_the_block_are_indexed_as_they_end(engine: Engine, tmp_path: Path) -> None:
    with transaction(engine) as session:
        stages.store_analysis(session, stages.analyse(load(plan_file(tmp_path))))
    with transaction(engine) as session, deferred_search_index(session):
        plan = session.scalars(select(Plan)).one()
        old = session.scalars(select(Task).where(Task.plan_id == plan.id).order_by(Task.id)).first()
        assert old is not None
        old.object = "旧任务改写为甲乙丙丁工程"  # a row from before the block: its trigger runs
        session.execute(insert(Record.__table__).values(plan_id=plan.id, position=999, doc="x", kind="target",
                                                        indicator="戊己庚辛指标", measure="level", unit="", comparator="=",
                                                        quote="戊己庚辛指标达到10", start=0, end=1))
        fresh = session.scalars(select(Record).where(Record.position == 999)).one()
        fresh.quote = "壬癸子丑指标达到10"  # a row of the block, changed inside it: indexed as it ends
        session.flush()
    with Session(engine) as session:
        consistent(session)
        assert hits(session, "task", "甲乙丙丁") == {old.id}
        assert hits(session, "record", "壬癸子丑") == {fresh.id}
        assert not hits(session, "record", "戊己庚辛指标达到")


def test_nested_blocks_leave_the_work_to_the_outer_one(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the bulk-filled index is SQLite's")
    with transaction(engine) as session, deferred_search_index(session):
        marks = session.execute(text("SELECT name, after_id FROM search_fts_pending ORDER BY name")).all()
        assert [name for name, _after in marks] == ["plan", "record", "task"]
        with deferred_search_index(session):
            pass
        assert session.execute(text("SELECT name, after_id FROM search_fts_pending ORDER BY name")).all() == marks
    with Session(engine) as session:
        consistent(session)


def insert_triggers(session: Session) -> dict[str, str]:
    return dict(session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name LIKE '%\\_ai' ESCAPE '\\'")).all())


def test_the_block_drops_the_insert_triggers_and_brings_them_back(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the bulk-filled index is SQLite's")
    with Session(engine) as session:
        before = insert_triggers(session)
    assert len(before) == 3  # plan_fts, record_gram, task_gram (0014_pair_index)
    with transaction(engine) as session:
        with deferred_search_index(session):
            assert insert_triggers(session) == {}  # new rows are the block's: it indexes them at its end
            stages.store_analysis(session, stages.analyse(load(plan_file(tmp_path))))
        assert insert_triggers(session) == before
    with pytest.raises(RuntimeError), transaction(engine) as session, deferred_search_index(session):
        raise RuntimeError("killed")
    with Session(engine) as session:
        assert insert_triggers(session) == before  # exactly as they were, after a commit and after a rollback
        consistent(session)


def test_replacing_the_last_plan_in_a_block_reindexes_the_reused_ids(engine: Engine, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    first = stages.analyse(load(plan_file(tmp_path)))
    second = stages.analyse(load(plan_file(tmp_path, extra="\n（九）推进马峦山郊野公园提质工程建设。\n")))
    with transaction(engine) as session:
        stages.store_analysis(session, first)
    with transaction(engine) as session, deferred_search_index(session):  # a batch: one block, two documents
        record_ids = set(session.scalars(select(Record.id)))
        replaced = stages.store_analysis(session, second)  # its records take the deleted (top) ids again
        assert replaced.status == "replaced"
        if engine.dialect.name == "sqlite":
            assert set(session.scalars(select(Record.id))) & record_ids
    with Session(engine) as session:
        consistent(session)
        assert hits(session, "plan", "马峦山郊野公园提质") == {replaced.plan_id}
        assert "rebuilding" not in caplog.text  # the replace path brought the triggers back: nothing was missed
        found = set(session.scalars(select(Record.id).where(Record.quote.contains("生产总值"))))
        assert found and found <= hits(session, "record", "生产总值")


def test_a_restore_rolled_back_with_its_savepoint_is_done_again(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the bulk-filled index is SQLite's")
    with transaction(engine) as session:
        stages.store_analysis(session, stages.analyse(load(plan_file(tmp_path))))
    with transaction(engine) as session, deferred_search_index(session):
        with pytest.raises(RuntimeError), session.begin_nested():
            restore_row_triggers(session)
            assert len(insert_triggers(session)) == 3
            raise RuntimeError("document failed")
        assert insert_triggers(session) == {}
    with Session(engine) as session:
        assert len(insert_triggers(session)) == 3
        consistent(session)


def test_a_reused_id_written_without_the_triggers_is_still_indexed(engine: Engine, tmp_path: Path) -> None:
    with transaction(engine) as session:
        stages.store_analysis(session, stages.analyse(load(plan_file(tmp_path))))
    with transaction(engine) as session, deferred_search_index(session):
        top = session.scalars(select(Record).order_by(Record.id.desc())).first()
        assert top is not None
        row = {c.key: getattr(top, c.key) for c in Record.__table__.columns}
        session.execute(text("DELETE FROM record WHERE id = :id"), {"id": top.id})  # no restore_row_triggers
        session.execute(insert(Record.__table__).values({**row, "quote": "寅卯辰巳指标达到10"}))  # the same id again
    with Session(engine) as session:
        consistent(session)
        assert hits(session, "record", "寅卯辰巳") == {top.id}


def test_downgrade_restores_the_row_triggers(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the bulk-filled index is SQLite's")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0009_hardening")
    with engine.connect() as connection:
        triggers = dict(connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                                   "AND name LIKE '%_fts_%'").all())
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert len(triggers) == 9 and not any("search_fts_pending" in sql for sql in triggers.values())
    assert "search_fts_pending" not in tables
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "heads")
    with engine.connect() as connection:
        sqls = [r[0] for r in connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                                         "AND (name LIKE '%_fts_%' OR name LIKE '%_gram_%')")]
    assert len(sqls) == 9 and all("search_fts_pending" in sql for sql in sqls)  # plan_fts, record_gram, task_gram


# ---------------------------------------------------------------- the indicator registry


def test_the_resolver_is_kept_for_the_transaction(engine: Engine) -> None:
    with transaction(engine) as session:
        first = resolver_for(session)
        assert resolver_for(session) is first
        first.resolve_all([("城镇新增就业人数", "人", "level", None)])
        assert resolver_for(session) is first  # its own writes keep it
    with transaction(engine) as session:
        assert resolver_for(session) is not first  # a new transaction loads the registry again


def test_a_released_savepoint_keeps_the_cached_resolver(engine: Engine) -> None:
    with transaction(engine) as session:  # the bulk writer: one savepoint per document, one Resolver per batch
        resolver = resolver_for(session)
        with session.begin_nested():
            (found,) = resolver.resolve_all([("人工智能企业数量", "家", "level", None)])
        assert resolver_for(session) is resolver and resolver.keys[key("人工智能企业数量")] == found
        with session.begin_nested(), session.begin_nested():
            resolver_for(session).resolve_all([("智能终端产量", "万台", "level", None)])
        assert resolver_for(session) is resolver
    with transaction(engine) as session:
        assert resolver_for(session) is not resolver  # the outer commit drops it


def test_a_rolled_back_savepoint_drops_the_cached_resolver(engine: Engine) -> None:
    with transaction(engine) as session:
        resolver = resolver_for(session)
        with pytest.raises(RuntimeError), session.begin_nested():
            resolver.resolve_all([("人工智能企业数量", "家", "level", None)])
            assert key("人工智能企业数量") in resolver.keys
            raise RuntimeError("document failed")
        again = resolver_for(session)
        assert again is not resolver and key("人工智能企业数量") not in again.keys
        (found,) = again.resolve_all([("人工智能企业数量", "家", "level", None)])  # registered again, for real
        assert session.scalar(select(IndicatorAlias.indicator_id).where(IndicatorAlias.alias == key("人工智能企业数量"))) == found


def test_another_write_to_the_registry_drops_the_cached_resolver(engine: Engine) -> None:
    with transaction(engine) as session:
        resolver = resolver_for(session)
        first, second = resolver.resolve_all([("人工智能企业数量", "家", "level", None), ("智能终端产量", "万台", "level", None)])
        merged = merge(session, "智能终端产量", "人工智能企业数量", force=True)  # units differ: the cache is the point
        again = resolver_for(session)
        assert again is not resolver
        assert again.resolve_all([("智能终端产量", "万台", "level", None)]) == [merged.id] == [first]


def test_worker_registry_names_are_what_the_writer_computes() -> None:
    texts = ["地区生产总值", "人工智能企业数量", "方面", "增速就能够", "", "新增公办学位"]
    names = registry_names(texts)
    assert key("地区生产总值") in bundled_keys() and "地区生产总值" not in names  # always registered
    assert names == {t: registry_name(t) or "" for t in texts if key(t) and key(t) not in bundled_keys()}
    assert names["方面"] == "" and names["人工智能企业数量"]


def test_precomputed_names_are_used_by_the_writer(engine: Engine) -> None:
    with transaction(engine) as session:
        resolver = resolver_for(session)
        (found,) = resolver.resolve_all([("某某工作事项", "", "level", None)], {"某某工作事项": "某某事项数"})
        assert session.scalar(select(Indicator.name).where(Indicator.id == found)) == "某某事项数"
        assert resolver.resolve_all([("某某其他事项", "", "level", None)], {"某某其他事项": ""}) == [None]  # not a name


# ---------------------------------------------------------------- bulk inserts


def test_bulk_rows_with_chosen_ids_are_stored_as_insert_stores_them(engine: Engine) -> None:
    with transaction(engine) as session:
        plan = Plan(government_id=_government(session), title="t", kind="plan", doc="d", source_name="s.txt",
                    content_hash="h", text="x")
        session.add(plan)
        session.flush()
        rows = [{"plan_id": plan.id, "parent_id": None, "position": i, "level": 1, "label": "一", "title": f"标题{i}",
                 "start": i, "end": i + 1} for i in range(5)]
        ids = insert_rows_ids(session.connection(), Section.__table__, rows)
        assert [session.get(Section, i).title for i in ids] == [f"标题{i}" for i in range(5)]
        row = {"plan_id": plan.id, "position": 1, "doc": "d", "kind": "target", "indicator": "指标", "measure": "level",
               "value": 1.5, "unit": "个", "comparator": ">=", "quote": "q", "start": 0, "end": 1,
               "extra": {"a": [1, "二"]}, "optional": True}
        insert_rows(session.connection(), Record.__table__, [row])  # the bulk path
        session.execute(insert(Record.__table__), [{**row, "position": 2}])  # SQLAlchemy's own
        stored = session.execute(text('SELECT "extra", "optional", "span", "section" FROM record ORDER BY position')).all()
        assert stored[0] == stored[1]
        (group_id,) = insert_rows_ids(session.connection(), TaskGroup.__table__, [
            {"plan_id": plan.id, "position": 0, "kind": "task", "label": "一", "title": "t", "start": 0}])
        task_row = {"plan_id": plan.id, "group_id": group_id, "position": 0, "kind": "task", "action": "a", "object": "o",
                    "quote": "q", "start": 0, "end": 1, "entities": ["马峦"], "record_positions": [1],
                    "deadline": date(2019, 12, 31)}
        insert_rows(session.connection(), Task.__table__, [task_row])
        session.execute(insert(Task.__table__), [{**task_row, "position": 1}])
        stored = session.execute(text('SELECT "entities", "record_positions", "deadline", "status", "signoff", '
                                      '"section" FROM task ORDER BY position')).all()
        assert stored[0] == stored[1]


def test_many_bulk_rows_store_what_insert_stores_and_get_their_ids_in_order(engine: Engine) -> None:
    with transaction(engine) as session:  # enough rows for COPY on PostgreSQL; repeated values and empty JSON
        plan = Plan(government_id=_government(session), title="t", kind="plan", doc="d", source_name="s.txt",
                    content_hash="h", text="x")
        session.add(plan)
        session.flush()
        rows = [{"plan_id": plan.id, "position": i, "kind": "task", "label": "一", "title": f"组{i}", "start": i}
                for i in range(20)]
        group_ids = insert_rows_ids(session.connection(), TaskGroup.__table__, rows)
        assert [session.get(TaskGroup, i).title for i in group_ids] == [f"组{i}" for i in range(20)]
        assert group_ids == sorted(group_ids) and len(set(group_ids)) == 20
        tasks = [{"plan_id": plan.id, "group_id": group_ids[i % 3], "position": i, "kind": "task", "action": "a",
                  "object": f"o{i}", "quote": "q", "start": i, "end": i + 1,
                  "entities": [] if i % 2 else ["马峦", str(i)], "record_positions": [i] if i % 3 else [],
                  "deadline": None if i % 4 == 0 else date(2019, 12, 31), "status": "未启动" if i % 5 else "",
                  "section": "" if i % 2 else "一、"} for i in range(20)]
        insert_rows(session.connection(), Task.__table__, tasks)  # the bulk path
        session.execute(insert(Task.__table__), [{**row, "position": row["position"] + 100} for row in tasks])
        columns = '"group_id", "kind", "object", "entities", "record_positions", "deadline", "status", "signoff", "section"'
        bulk = session.execute(text(f"SELECT {columns} FROM task WHERE position < 100 ORDER BY position")).all()
        plain = session.execute(text(f"SELECT {columns} FROM task WHERE position >= 100 ORDER BY position")).all()
        assert bulk == plain and len(bulk) == 20
        (later,) = session.execute(insert(TaskGroup.__table__).returning(TaskGroup.id),
                                   [{**rows[0], "position": 99}]).scalars()
        assert later > max(group_ids)  # the ids drawn up front are the table's own numbering


def _government(session: Session) -> int:
    from planwatch.store.ingest import government_for

    return government_for(session, "深圳市坪山区", "district").id


# ---------------------------------------------------------------- what workers compute


def test_the_outline_rows_store_the_outline_as_before(engine: Engine, tmp_path: Path) -> None:
    from planwatch.documents.outline import build_outline

    document = load(plan_file(tmp_path))
    rows = outline_rows(document.text)
    assert [r[4] for r in rows if r[0] == 0] == [s.title[:300] for s in build_outline(document.text).sections]
    assert all(rows[r[1]][0] == r[0] - 1 for r in rows if r[1] >= 0)  # each parent one level up, listed before
    stored = []
    with transaction(engine) as session:
        for source, outline in (("given.txt", rows), ("computed.txt", None)):
            plan = Plan(government_id=_government(session), title="t", kind="plan", doc="d", source_name=source,
                        content_hash="h", text=document.text)
            session.add(plan)
            session.flush()
            spans = _store_sections(session, plan.id, document.text, outline)
            sections = session.execute(select(Section.id, Section.position, Section.parent_id, Section.level,
                                              Section.title, Section.start).where(Section.plan_id == plan.id)).all()
            position = {s.id: s.position for s in sections}
            inner = {s.id: s.position for s in sections}
            stored.append((sorted((s.position, position.get(s.parent_id), s.level, s.title, s.start) for s in sections),
                           [(start, end, inner[sid]) for start, end, sid in spans]))
    assert stored[0] == stored[1] and len(stored[0][0]) == len(rows) > 3


def test_precomputed_key_pieces_give_the_same_matches(tmp_path: Path) -> None:
    analysis = stages.analyse(load(plan_file(tmp_path)))
    tasks = [(t.quote, list(t.entities), t.object) for t in analysis.tasks if t.kind == "task"]
    achievements = [(t.quote, list(t.entities), t.object) for t in analysis.tasks if t.kind == "achievement"]
    assert analysis.pieces == {quote: followup.key_pieces(quote) for quote, _e, _o in tasks}
    followup._PIECES.clear()
    cold = followup.match(tasks, achievements)
    for quote, pieces in analysis.pieces.items():
        followup.remember_pieces(quote, pieces)
    assert followup.match(tasks, achievements) == cold
    for (quote, names, _o), (a_quote, a_names, _a) in zip(tasks[:40], achievements[:40] or tasks[:40], strict=False):
        assert followup.similarity(quote, names, a_quote, a_names) == followup.similarity(quote, names, a_quote, a_names,
                                                                                          {}, None, 0.0)


def test_a_new_task_row_is_what_the_orm_path_sets(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from planwatch.store.tasks import new_task_fields, new_task_row, task_fields

    analysis = stages.analyse(load(plan_file(tmp_path)))
    items = analysis.tasks + [replace(analysis.tasks[0], period_end=2025, action="动" * 120),
                              replace(analysis.tasks[0], kind="achievement", quantities=[0, 99])]
    assert {t.kind for t in items} == {"task", "achievement"}
    for year in (2019, None):
        plan = SimpleNamespace(id=7, year=year)
        for position, item in enumerate(items):
            positions = [p for p in item.quantities if p < 50]
            expected = new_task_fields(plan, item) | task_fields(item, position, 3, positions, "区教育局")  # type: ignore[arg-type]
            assert new_task_row(7, year, item, position, 3, positions, "区教育局") == expected


def test_priming_a_documents_words_at_once_keeps_the_cache_bounded() -> None:
    followup._WORDS.clear()
    followup.remember_all_words({f"文本{i}": frozenset({"词"}) for i in range(followup._WORDS_MAX - 1)})
    followup.remember_all_words({"甲": frozenset({"甲"}), "乙": frozenset()})  # past the bound: emptied first
    assert followup._WORDS == {"甲": frozenset({"甲"}), "乙": frozenset()}
    followup.remember_all_pieces({"任务": [["学校"]]})
    assert followup.task_pieces("任务") == [["学校"]]
    followup._WORDS.clear()
    followup._PIECES.clear()


def test_the_bulk_writer_keeps_more_pages_in_memory(engine: Engine) -> None:
    """SQLite: a batch's connection keeps up to `SQLITE_WRITER_CACHE_KIB` of pages (records and actuals go into
    indexes keyed by indicator, spread over pages 16 MB did not keep between batches at a corpus's size)."""
    from planwatch.pipeline.writer import BatchWriter
    from planwatch.store.db import SQLITE_CACHE_KIB, SQLITE_WRITER_CACHE_KIB

    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's page cache")
    assert SQLITE_WRITER_CACHE_KIB > SQLITE_CACHE_KIB
    with BatchWriter(engine, batch_size=64) as writer:
        size = writer._begin().connection().exec_driver_sql("PRAGMA cache_size").scalar()
    assert size == -SQLITE_WRITER_CACHE_KIB
