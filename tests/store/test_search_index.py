"""The full-text index (migration 0004_search): ranked, in sync with ingest, safe with any query.

Runs on SQLite (FTS5 trigram) and, with PLANWATCH_TEST_DATABASE_URL, on PostgreSQL (pg_trgm).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, column, event, inspect, select, table, text
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.extract.records import Quantity
from planwatch.pipeline import ingest_document
from planwatch.pipeline import stages as pipeline_stages
from planwatch.store import search_index
from planwatch.store.db import alembic_config, transaction
from planwatch.store.schema import Plan, Record

HEAD = "深圳市坪山区 {year} 年国民经济和社会发展计划\n\n一、{year} 年主要任务\n\n"
SHORT = "推进人工智能产业园建设，人工智能产业园新增企业 30 家"
LONG = ("全面完成年度各项目标任务，持续优化营商环境，稳步提升公共服务水平，统筹推进城市更新和重点片区开发，"
        "加快人工智能产业园配套道路建设，新增就业岗位 2000 个")


def quotes_extractor(*quotes: str) -> Callable[..., list[Quantity]]:
    """An extractor returning one target record per quote (found in the text)."""

    def extract(text: str, doc: str = "doc") -> list[Quantity]:
        out = []
        for quote in quotes:
            start = text.find(quote)
            if start >= 0:
                out.append(Quantity(doc=doc, kind="target", indicator=quote[:8], measure="level", value=1.0,
                                    unit="个", comparator="=", year=2019, quote=quote, start=start,
                                    end=start + len(quote)))
        return out

    return extract


def write_plan(tmp_path: Path, name: str, body: str, year: int = 2019) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(HEAD.format(year=year) + body, encoding="utf-8")
    return path


def find(engine: Engine, kind: str, *words: str) -> list[int]:
    with Session(engine) as session:
        return [h.id for h in search_index.search(session, kind, list(words), 50)]


@contextmanager
def statements_with_parameters(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """The SQL statements `engine` runs inside the block, with their parameters."""
    statements: list[tuple[str, object]] = []

    def seen(_conn: object, _cursor: object, sql: str, parameters: object, *_args: object) -> None:
        statements.append((sql, parameters))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@contextmanager
def statements_run(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements `engine` runs inside the block (the list is filled when the block ends)."""
    statements: list[str] = []
    with statements_with_parameters(engine) as run:
        yield statements
    statements.extend(sql for sql, _ in run)


def consistent(engine: Engine) -> None:
    """The FTS5 tables agree with their base tables (SQLite; nothing to check on PostgreSQL)."""
    with Session(engine) as session:
        search_index.check(session)


def test_the_migrated_database_has_its_index(engine: Engine) -> None:
    with Session(engine) as session:
        kind = search_index.index_kind(session)
    names = set(inspect(engine).get_table_names())
    if engine.dialect.name == "sqlite":
        assert kind == "fts5"
        assert {"plan_gram", "record_gram", "task_gram"} <= names
        assert not {"plan_fts", "record_fts", "task_fts"} & names  # the pair index answers every term
    else:
        assert kind == "trgm"
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("plan")}
        assert {"ix_plan_title_trgm", "ix_plan_pairs"} <= indexes and "ix_plan_text_trgm" not in indexes  # 0019
        for table in ("record", "task"):  # the pair index narrows every term (0015_pg_pair_index)
            indexes = {ix["name"] for ix in inspect(engine).get_indexes(table)}
            assert f"ix_{table}_gram" in indexes and not [ix for ix in indexes if ix.endswith("_trgm")], table


def test_better_match_ranks_first(engine: Engine, tmp_path: Path) -> None:
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-a-2019", f"（一）{LONG}。\n\n（二）{SHORT}。\n")),
                    extract=quotes_extractor(LONG, SHORT))
    with Session(engine) as session:
        ids = {quote: rid for rid, quote in session.execute(select(Record.id, Record.quote))}
    ranked = find(engine, "record", "人工智能产业园")
    assert ranked == [ids[SHORT], ids[LONG]]  # twice in a short quote beats once in a long one
    # two terms: both must occur (in either column), ranking still by the index
    assert find(engine, "record", "人工智能", "新增企业") == [ids[SHORT]]


def test_plan_title_outweighs_body(engine: Engine, tmp_path: Path) -> None:
    first = ingest_document(engine, load(write_plan(tmp_path, "a-2019", f"（一）{LONG}。\n")),
                            extract=quotes_extractor())
    path = tmp_path / "b-2020.txt"
    path.write_text("深圳市坪山区 2020 年城市更新工作计划\n\n一、主要任务\n\n（一）完成棚户区改造。\n", encoding="utf-8")
    second = ingest_document(engine, load(path), government="深圳市坪山区", year=2020, extract=quotes_extractor())
    assert find(engine, "plan", "城市更新") == [second.plan_id, first.plan_id]


@pytest.mark.parametrize("query", ["学位", "园", "AI"])
def test_short_queries_use_like(engine: Engine, tmp_path: Path, query: str) -> None:
    body = f"（一）{SHORT}。\n\n（二）推进义务教育优质均衡发展，新增学位 5000 个，建设 AI 实验室。\n"
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-b-2019", body)),
                    extract=quotes_extractor("新增学位 5000 个", SHORT, "建设 AI 实验室"))
    with Session(engine) as session:
        quotes = {rid: q for rid, q in session.execute(select(Record.id, Record.quote))}
    hits = find(engine, "record", query)
    assert hits and all(query.lower() in quotes[h].lower() for h in hits)
    assert find(engine, "plan", query)
    assert find(engine, "record", "ai") == find(engine, "record", "AI")  # Latin letters in any case
    # a short and a long term together: the short one filters, the index ranks
    assert [quotes[h] for h in find(engine, "record", "学位", "5000")] == ["新增学位 5000 个"]
    assert find(engine, "record", "学位", "人工智能产业园") == []


def test_reingesting_a_changed_plan_leaves_no_stale_hits(engine: Engine, tmp_path: Path) -> None:
    old_task = "推进人工智能产业园建设"
    path = write_plan(tmp_path, "pingshan-c-2019", f"（一）加快发展新兴产业。{old_task}，新增学位 5000 个。\n")
    extract = quotes_extractor("新增学位 5000 个", "新增床位 800 张")
    first = ingest_document(engine, load(path), extract=extract)
    assert find(engine, "plan", "人工智能产业园") == [first.plan_id]
    assert len(find(engine, "record", "新增学位")) == 1
    assert find(engine, "task", "人工智能产业园")
    path.write_text(HEAD.format(year=2019) + "（一）加快发展新兴产业。推进区人民医院改扩建，新增床位 800 张。\n", encoding="utf-8")
    second = ingest_document(engine, load(path), extract=extract)
    assert second.status == "replaced" and second.plan_id == first.plan_id
    for kind in ("plan", "record", "task"):
        assert find(engine, kind, "人工智能产业园") == [], kind
        assert find(engine, kind, "学位") == [], kind
    assert find(engine, "plan", "人民医院改扩建") == [first.plan_id]
    assert len(find(engine, "record", "新增床位")) == 1
    assert find(engine, "task", "人民医院改扩建")
    consistent(engine)


def test_failed_ingest_leaves_the_index_unchanged(engine: Engine, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_plan(tmp_path, "pingshan-d-2019", "（一）加快发展新兴产业。推进人工智能产业园建设，新增学位 5000 个。\n")
    extract = quotes_extractor("新增学位 5000 个", "新增床位 800 张")
    first = ingest_document(engine, load(path), extract=extract)
    before = {kind: find(engine, kind, "人工智能产业园") for kind in ("plan", "record", "task")}
    path.write_text(HEAD.format(year=2019) + "（一）加快发展新兴产业。推进区人民医院改扩建，新增床位 800 张。\n", encoding="utf-8")

    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline_stages, "pairings_for_plan", boom)  # fails in the last stage (follow-up)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest_document(engine, load(path), extract=extract)
    assert {kind: find(engine, kind, "人工智能产业园") for kind in ("plan", "record", "task")} == before
    assert before["plan"] == [first.plan_id] and before["record"] == [] and before["task"]
    for kind in ("plan", "record", "task"):
        assert find(engine, kind, "人民医院改扩建") == [], kind
    assert len(find(engine, "record", "新增学位")) == 1
    consistent(engine)


QUERIES = ['"', '""', '"人工智能', "人工智能*", "*", "OR", "AND", "NOT", "NEAR", "人工 OR 智能", "(人工智能)",
           "(", ")", "a:b", "plan_fts:人工", "^人工", "-人工智能", "人工智能 -", "NEAR(人工 智能)", "'", "%", "_",
           "\\", "100%", "a_b", "{title}: x", "人工智能\" OR \"园", "+", "AND OR NOT"]


@pytest.mark.parametrize("query", QUERIES)
def test_fts_syntax_in_a_query_never_errors(engine: Engine, tmp_path: Path, query: str) -> None:
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-e-2019", f"（一）{SHORT}，增长 100% 。\n")),
                    extract=quotes_extractor(SHORT))
    from planwatch.web.search import terms

    for kind in ("plan", "record", "task"):
        with Session(engine) as session:
            hits = search_index.search(session, kind, terms(query), 10)
        assert isinstance(hits, list)
    if query == "100%":
        assert find(engine, "plan", "100%")
    if query == "%":  # a literal %, not a wildcard
        assert find(engine, "record", "%") == []


def test_deleting_a_plan_removes_its_hits(engine: Engine, tmp_path: Path) -> None:
    result = ingest_document(engine, load(write_plan(tmp_path, "pingshan-f-2019", f"（一）{SHORT}。\n")),
                             extract=quotes_extractor(SHORT))
    assert find(engine, "record", "人工智能产业园")
    with transaction(engine) as session:
        session.delete(session.get(Plan, result.plan_id))
    for kind in ("plan", "record", "task"):
        assert find(engine, kind, "人工智能产业园") == [], kind
    consistent(engine)


def test_paging(engine: Engine, tmp_path: Path) -> None:
    quotes = [f"人工智能产业园第{i}期新增企业 {i} 家" for i in range(1, 8)]
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-g-2019", "".join(f"（{i}）{q}。\n" for i, q in
                                                                                 enumerate(quotes)))),
                    extract=quotes_extractor(*quotes))
    with Session(engine) as session:
        every = [h.id for h in search_index.search(session, "record", ["人工智能产业园"], 50)]
        pages = [[h.id for h in search_index.search(session, "record", ["人工智能产业园"], 3, offset)]
                 for offset in (0, 3, 6)]
    assert len(every) == 7 and sum(pages, []) == every


def test_downgrade_drops_the_index_and_upgrade_rebuilds_it(engine: Engine, tmp_path: Path) -> None:
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-h-2019", f"（一）{SHORT}。\n")),
                    extract=quotes_extractor(SHORT))
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003_accounts")
    inspector = inspect(engine)
    assert not {"plan_fts", "record_fts", "task_fts"} & set(inspector.get_table_names())
    assert not [ix for ix in inspector.get_indexes("plan") if ix["name"].endswith("_trgm")]
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert find(engine, "record", "人工智能产业园")
    assert find(engine, "plan", "人工智能产业园")
    consistent(engine)


def test_without_an_index_search_falls_back_to_like(engine: Engine, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-i-2019", f"（一）{LONG}。\n\n（二）{SHORT}。\n")),
                    extract=quotes_extractor(LONG, SHORT))
    with engine.begin() as conn:  # as on a SQLite without trigram, or a server without pg_trgm
        command.downgrade(alembic_config(conn), "0003_accounts")
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP EXTENSION pg_trgm")
    monkeypatch.setattr(search_index, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="planwatch.store.search_index"), Session(engine) as session:
        assert search_index.index_kind(session) == "like"
        hits = search_index.search(session, "record", ["人工智能产业园"], 10)
        quotes = {rid: q for rid, q in session.execute(select(Record.id, Record.quote))}
    assert [quotes[h.id] for h in hits] == [SHORT, LONG]
    assert "falls back to LIKE" in caplog.text


PAIRS = ["新增学位 5000 个", "学位", "建设 AI 实验室", "培育新增就业岗位", "提高ai应用水平"]


def _scan(engine: Engine, kind: str, words: list[str], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The hits without the pair index (a LIKE scan): what the index must reproduce exactly."""
    with monkeypatch.context() as patch:
        patch.setattr(search_index, "has_gram_index", lambda *_args: False)
        return find(engine, kind, *words)


def test_the_pair_index_answers_short_terms_exactly(engine: Engine, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f"（{i}）{q}。\n" for i, q in enumerate(PAIRS))
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-p-2019", body)), extract=quotes_extractor(*PAIRS))
    with Session(engine) as session:
        assert search_index.has_gram_index(session, "record") and search_index.has_gram_index(session, "task")
        quotes = {rid: q for rid, q in session.execute(select(Record.id, Record.quote))}
    for words in (["学位"], ["位"], ["AI"], ["ai"], ["Ai", "实验"], ["学位", "5000"], ["岗位"], ["100%"], ["%"],
                  ["学位", "人工智能产业园"]):
        hits = find(engine, "record", *words)
        assert hits == _scan(engine, "record", words, monkeypatch), words
        assert all(all(w.lower() in quotes[h].lower() for w in words) for h in hits), words
    assert {quotes[h] for h in find(engine, "record", "学位")} == {"新增学位 5000 个", "学位"}  # at the end too
    assert {quotes[h] for h in find(engine, "record", "位")} == {"新增学位 5000 个", "学位", "培育新增就业岗位"}
    assert {quotes[h] for h in find(engine, "record", "ai")} == {"建设 AI 实验室", "提高ai应用水平"}
    consistent(engine)


def test_short_terms_are_looked_up_in_the_pair_index(engine: Engine, tmp_path: Path) -> None:
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-q-2019", "（一）新增学位 5000 个。\n")),
                    extract=quotes_extractor("新增学位 5000 个"))
    with statements_run(engine) as statements:
        assert find(engine, "record", "学位")
    if engine.dialect.name == "sqlite":  # the pair answers it exactly: no LIKE scan of the rows
        searched = [s for s in statements if "FROM record" in s or 'FROM "record"' in s or "record_gram" in s]
        assert any("record_gram MATCH" in s for s in searched) and not any("LIKE" in s for s in searched)
    else:
        # the newest rows by id range, the pair index for what they lack (test_postgresql_reads_plans_and_rows…)
        searched = [s for s in statements if "FROM record" in s and ("LIKE" in s or "strpos(" in s)]
        assert searched and all("planwatch_bigrams" in s or "record.id >" in s for s in searched)


def test_letters_the_index_folds_and_like_does_not_are_still_checked(engine: Engine, tmp_path: Path) -> None:
    """SQLite's pair index folds the case of every letter, LIKE only of ASCII ones: a term with Ä or Ａ keeps
    LIKE's answer (an ASCII one is found in either case, as before). PostgreSQL's ILIKE folds every letter."""
    quotes = ["推进ÄB片区建设 3 个", "推进äb片区建设 4 个", "推进ＡＩ园建设 5 个", "推进AI园区建设 6 个"]
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-c-2019", "".join(f"（{i}）{q}。\n" for i, q in
                                                                              enumerate(quotes, 1)))),
                    extract=quotes_extractor(*quotes))
    with Session(engine) as session:
        ids = {quote: rid for quote, rid in session.execute(select(Record.quote, Record.id))}
    def like(text: str) -> str:  # what SQLite's LIKE compares: ASCII letters folded; PostgreSQL's ILIKE: all
        return text.lower() if engine.dialect.name == "postgresql" else "".join(
            ch.lower() if ch.isascii() else ch for ch in text)

    for term in ("äb片区", "ÄB片区", "ｉ园", "ＡＩ园", "ai园", "AI园区"):
        assert set(find(engine, "record", term)) == {ids[q] for q in quotes if like(term) in like(q)}, term


def test_the_pair_index_follows_reingest_and_delete(engine: Engine, tmp_path: Path) -> None:
    path = write_plan(tmp_path, "pingshan-r-2019", "（一）推进教育发展，新增学位 5000 个。\n")
    extract = quotes_extractor("新增学位 5000 个", "新增床位 800 张")
    first = ingest_document(engine, load(path), extract=extract)
    assert len(find(engine, "record", "学位")) == 1
    path.write_text(HEAD.format(year=2019) + "（一）推进医院建设，新增床位 800 张。\n", encoding="utf-8")
    ingest_document(engine, load(path), extract=extract)
    assert find(engine, "record", "学位") == [] and len(find(engine, "record", "床位")) == 1
    consistent(engine)
    with transaction(engine) as session:
        session.delete(session.get(Plan, first.plan_id))
    assert find(engine, "record", "床位") == [] and find(engine, "task", "医院") == []
    consistent(engine)


def test_bigrams_are_every_pair_and_the_last_character() -> None:
    assert search_index.bigrams("新增学位") == "新增 增学 学位 位"
    assert search_index.bigrams("学") == "学"
    assert search_index.bigrams(None, "", "ab", "c") == "ab b c"


@given(st.lists(st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=120), min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_bigrams_of_long_texts_are_those_of_short_ones(texts: list[str]) -> None:
    """A long text's pairs are built by an array (numpy), a short one's by a join: both give the same string,
    astral characters and lone surrogates included."""
    def plain(t: str) -> str:
        return " ".join(a + b for a, b in zip(t, t[1:], strict=False)) + " " + t[-1] if len(t) > 1 else t

    assert search_index.bigrams(*texts) == " ".join(plain(t) for t in texts if t)
    assert search_index.bigrams("学位" * 200) == plain("学位" * 200)


@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=90)),
                max_size=40))
@settings(max_examples=300, deadline=None)
def test_pairs_of_many_texts_are_each_texts_bigrams(texts: list[str | None]) -> None:
    """`pairs_of` pairs the texts run together and slices each one's out: the same as cutting each alone
    (astral characters, lone surrogates, repeated, empty and one-character texts included)."""
    assert search_index.pairs_of(texts) == {t: search_index.bigrams(t) for t in texts if t}


LONG_TERMS = ["人工智能产业园", "新增学位", "营商环境", "AI 实验室", "ai实验", "5000 个", "100%", "“十四五”", "（二）推进",
              "新增学位 5000", "学位\u200b建设", "产业园配套道路建设，新增"]


def test_long_terms_are_phrases_of_pairs_with_the_hits_of_a_scan(engine: Engine, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    quotes = [LONG, SHORT, *PAIRS, "落实“十四五”规划，增长 100%", "学位\u200b建设", "AI实验室"]
    body = "".join(f"（{i}）{q}。\n" for i, q in enumerate(quotes))
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-s-2019", body)), extract=quotes_extractor(*quotes))
    with Session(engine) as session:
        texts = {kind: {rid: " ".join(str(v or "") for v in row) for rid, *row in session.execute(
            select(*[column(c) for c in ("id", *search_index.SOURCES[kind].columns)])
            .select_from(table(kind)))} for kind in ("record", "task")}
    for kind in ("record", "task"):
        for term in LONG_TERMS:
            for words in (term.split(), [*term.split(), "学位"]):
                hits = find(engine, kind, *words)
                expected = {rid for rid, t in texts[kind].items() if all(w.lower() in t.lower() for w in words)}
                assert set(hits) == expected, (kind, words)  # exactly the rows holding every term
                assert set(_scan(engine, kind, words, monkeypatch)) == expected, (kind, words)
    assert find(engine, "record", "人工智能产业园")[0] == find(engine, "record", "人工智能产业园", "新增企业")[0]


def test_long_terms_are_looked_up_in_the_pair_index(engine: Engine, tmp_path: Path) -> None:
    body = "（一）加快发展新兴产业。推进人工智能产业园建设，新增学位 5000 个。\n"
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-t-2019", body)),
                    extract=quotes_extractor("推进人工智能产业园建设"))
    with statements_run(engine) as statements:
        assert find(engine, "task", "人工智能产业园") and find(engine, "record", "人工智能产业园")
    if engine.dialect.name == "sqlite":
        searched = [s for s in statements if "MATCH" in s]
        assert any("task_gram MATCH" in s for s in searched) and any("record_gram MATCH" in s for s in searched)
    else:  # the newest rows by id range; the long term narrowed by its pairs (ix_record_gram, ix_task_gram) after
        for table in ("record", "task"):
            searched = [s for s in statements if f"FROM {table}" in s and ("LIKE" in s or "strpos(" in s)]
            assert searched and all("planwatch_bigrams" in s or f"{table}.id >" in s for s in searched), table
    assert search_index.pair_query(["新增学位", 'a"b']) == '"新增 增学 学位" "a"" ""b"'


def _trigram_objects(engine: Engine) -> bool:
    """Whether records and tasks have trigram indexes (SQLite: FTS5 tables; PostgreSQL: GIN indexes)."""
    if engine.dialect.name == "sqlite":
        return {"record_fts", "task_fts"} <= set(inspect(engine).get_table_names())
    return "ix_task_quote_trgm" in {ix["name"] for ix in inspect(engine).get_indexes("task")}


def test_the_pair_index_migration_round_trip(engine: Engine, tmp_path: Path) -> None:
    """0014_pair_index (SQLite) and 0015_pg_pair_index (PostgreSQL): down and up again, the same hits."""
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-u-2019", f"（一）{LONG}。\n\n（二）{SHORT}。\n")),
                    extract=quotes_extractor(LONG, SHORT))
    before = {kind: find(engine, kind, "人工智能产业园") for kind in ("record", "task")}
    assert before["record"]
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0013_indicator_page" if engine.dialect.name == "sqlite"
                          else "0014_pair_index")
    assert _trigram_objects(engine)
    consistent(engine)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert not _trigram_objects(engine)
    assert {kind: find(engine, kind, "人工智能产业园") for kind in ("record", "task")} == before
    consistent(engine)
    # the triggers of the new index keep it in sync with later writes
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-v-2019", f"（一）{SHORT}，推进智慧园区建设。\n")),
                    extract=quotes_extractor(SHORT))
    assert len(find(engine, "record", "人工智能产业园")) == len(before["record"]) + 1
    consistent(engine)


GRAMS = ("record_gram", "task_gram", "plan_gram")  # the SQLite pair indexes


def _merge_settings(engine: Engine) -> dict[str, dict[str, int]]:
    """Each pair index's stored FTS5 settings that 0021_writer_scale sets (absent: FTS5's defaults)."""
    with engine.connect() as conn:
        return {index: dict(conn.exec_driver_sql(f"SELECT k, v FROM {index}_config WHERE k IN ('automerge', 'hashsize')"
                                                 ).all()) for index in GRAMS}


def test_the_pair_indexes_merge_fewer_larger_segments(engine: Engine, tmp_path: Path) -> None:
    """0021_writer_scale (SQLite): each pair index merges 8 segments at a time and holds 16 MiB of pending pairs
    (an ingest writer's batch becomes a few large segments); the downgrade restores FTS5's defaults; the hits stay."""
    if engine.dialect.name != "sqlite":
        pytest.skip("FTS5 settings: SQLite only")
    assert _merge_settings(engine) == {index: {"automerge": 8, "hashsize": 16 * 1024 * 1024} for index in GRAMS}
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-m-2019", f"（一）{LONG}。\n\n（二）{SHORT}。\n")),
                    extract=quotes_extractor(LONG, SHORT))
    before = {kind: find(engine, kind, "人工智能产业园") for kind in ("record", "task")}
    assert before["record"]
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0020_session_epoch")
    assert _merge_settings(engine) == {index: {"automerge": 4, "hashsize": 1024 * 1024} for index in GRAMS}
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert {kind: find(engine, kind, "人工智能产业园") for kind in ("record", "task")} == before
    consistent(engine)


def test_plans_are_searched_through_their_pair_index(engine: Engine, tmp_path: Path) -> None:
    """0016_plan_pairs: a plan term of any length (学位 too, once a LIKE scan of every plan's text) is
    answered by the plan pair index (SQLite) and gives the plans a scan gives, a title's last word included."""
    for name, body in (("pingshan-p-2019", f"（一）{LONG}。\n"), ("pingshan-q-2020", f"（一）{SHORT}。\n")):
        ingest_document(engine, load(write_plan(tmp_path, name, body)), extract=quotes_extractor(LONG, SHORT))
    with Session(engine) as session:
        plans = session.execute(select(Plan.id, Plan.title, Plan.text)).all()
    title_end = plans[0].title[-2:]
    for term in ("人工", "智能产业园", "园", "2000", "营商环境", title_end, "不在其中"):
        with statements_run(engine) as statements:
            found = set(find(engine, "plan", term))
        assert found == {p.id for p in plans if term in p.title or term in p.text}, term
        if engine.dialect.name == "sqlite":
            assert any("plan_gram MATCH" in s for s in statements), term
    assert len(find(engine, "plan", "人工智能", "营商环境")) == 1


def test_a_term_in_more_rows_than_the_budget_ranks_the_newest(engine: Engine, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """At most RANK_BUDGET of a query's newest hits are ranked (发展 is in most tasks of a corpus; ranking
    them all took seconds, 31 s on PostgreSQL); a page beyond the budget widens it, and every hit still
    holds the term."""
    best = "智慧园区智慧园区"  # the best match (twice, short), written first
    others = [f"推进第{n}批重点项目建设，完善配套设施，打造智慧园区示范点，新增企业 {n} 家" for n in range(1, 5)]
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-b-2019", "\n\n".join(
        f"（{i}）{q}。" for i, q in enumerate([best, *others], 1)) + "\n")), extract=quotes_extractor(best, *others))
    with Session(engine) as session:
        ids = {quote: rid for quote, rid in session.execute(select(Record.quote, Record.id))}
        assert [h.id for h in search_index.search(session, "record", ["智慧园区"], 1)] == [ids[best]]
        monkeypatch.setattr(search_index, "RANK_BUDGET", 2)
        newest = sorted(ids.values())[-2:]
        assert [h.id for h in search_index.search(session, "record", ["智慧园区"], 1)][0] in newest
        assert {h.id for h in search_index.search(session, "record", ["智慧园区"], 5)} == set(ids.values())
        assert [h.id for h in search_index.search(session, "record", ["园区"], 1)][0] in newest  # a short term too


def test_postgresql_ranks_plans_without_the_similarity_of_their_texts(engine: Engine, tmp_path: Path) -> None:
    """similarity() of a plan's whole text cost ≈ 5 ms a plan (20 s for a term in 4,000 plans of 57 KB):
    plans rank by their titles' similarity, then newest first; the hits are still every plan holding it."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the pair index ranks SQLite's plans")
    for name, year in (("pingshan-s-2019", 2019), ("pingshan-t-2020", 2020)):
        ingest_document(engine, load(write_plan(tmp_path, name, f"（一）{LONG}。\n", year)),
                        extract=quotes_extractor(LONG))
    with statements_run(engine) as statements:
        found = find(engine, "plan", "营商环境")
    searched = [s for s in statements if "similarity" in s]
    assert searched and not any("similarity(plan.text" in s for s in searched)
    assert found == sorted(found, reverse=True) and len(found) == 2  # equal titles' scores: newest first


def ingest_corpus(engine: Engine, tmp_path: Path) -> dict[str, list[int]]:
    """Twelve plans, oldest first: 人工智能产业园 in every one (in a record and a task of each too: a term of many
    rows), 新增企业, 智慧园区 and 园区 in the oldest only (rare); {term: ids of the plans holding it, newest first}."""
    held: dict[str, list[int]] = {"人工智能产业园": [], "新增企业": [], "智慧园区": [], "园区": []}
    for n in range(12):
        body = "（一）加快发展新兴产业。推进人工智能产业园建设，新增学位 5000 个。\n" + (
            "（二）加快发展新兴产业。建设智慧园区示范点，新增企业 30 家。\n" if n == 0 else "")
        plan_id = ingest_document(engine, load(write_plan(tmp_path, f"pingshan-{2000 + n}", body, 2000 + n)),
                                  year=2000 + n, extract=quotes_extractor("推进人工智能产业园建设", "新增企业 30 家")).plan_id
        for term in held:
            if term in body:
                held[term].insert(0, plan_id)
    return held


def test_a_page_holds_the_newest_hits_and_the_index_is_asked_for_sparse_ones(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a budget of 2, a page is the 2 newest hits of every kind and term, as a scan finds them; with
    small walks PostgreSQL reads a common term's newest rows only and asks the index for a rare one."""
    held = ingest_corpus(engine, tmp_path)
    monkeypatch.setattr(search_index, "RANK_BUDGET", 2)
    monkeypatch.setattr(search_index, "WALKS", {k: search_index.Walk(1, 2, 1.0) for k in search_index.SOURCES})
    with Session(engine) as session:
        records = session.execute(select(Record.id, Record.indicator, Record.quote)).all()
        from planwatch.store.tasks import Task
        tasks = session.execute(select(Task.id, Task.object, Task.suggested_unit, Task.quote)).all()
    for term, plans in held.items():
        assert set(find(engine, "plan", term)) == set(plans), term
        with Session(engine) as session:  # titles hold none of them: the newest first
            assert {h.id for h in search_index.search(session, "plan", [term], 2)} == set(plans[:2]), term
        for kind, rows in (("record", records), ("task", tasks)):
            holding = sorted((r[0] for r in rows if any(term in (c or "") for c in r[1:])), reverse=True)
            with Session(engine) as session:
                page = {h.id for h in search_index.search(session, kind, [term], 2)}
            assert page == set(holding[:2]) and (holding or term != "人工智能产业园"), (kind, term)


def test_postgresql_reads_plans_and_rows_newest_first(engine: Engine, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL's planner scanned every plan's text for a plan search (it does not cost TOAST: 1-2 s at 6,500
    plans) and evaluated the pair index's expression row by row on records and tasks. Now every statement
    matching texts either reads an id range, newest first, or is the index's bitmap, asked for a rare term only;
    the planner settings are back as they were afterwards."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's pair index answers these")
    held = ingest_corpus(engine, tmp_path)
    monkeypatch.setattr(search_index, "RANK_BUDGET", 2)
    monkeypatch.setattr(search_index, "WALKS", {k: search_index.Walk(1, 2, 1.0) for k in search_index.SOURCES})

    def bitmap_statements(log: list[tuple[str, object]]) -> list[str]:
        """The statements run while index scans were off (the index's bitmap)."""
        out, off = [], False
        for sql, params in log:
            if "set_config" in sql and isinstance(params, dict):
                settings = {params[k]: params.get("v" + k[1:]) for k in params if k.startswith("n")}
                if "enable_indexscan" in settings:
                    off = settings["enable_indexscan"] == "off"
            elif off:
                out.append(sql)
        return out

    for kind, column_, rare in (("plan", "plan.text", "智慧园区"), ("plan", "plan.text", "园区"),
                                ("record", "record.quote", "新增企业"), ("task", "task.quote", "智慧园区")):
        for term, sparse in (("人工智能产业园", False), (rare, True)):
            with statements_with_parameters(engine) as log:
                with Session(engine) as session:
                    hits = [h.id for h in search_index.search(session, kind, [term], 1)]
                    assert session.scalar(text("SHOW enable_seqscan")) == "on"
                    assert session.scalar(text("SHOW enable_indexscan")) == "on"
                    assert session.scalar(text("SHOW jit")) == session.scalar(text("SELECT reset_val FROM pg_settings "
                                                                                    "WHERE name = 'jit'"))
            assert hits, (kind, term)
            if kind == "plan":
                assert hits == held[term][:1]
            bitmap = bitmap_statements(log)
            scans = [sql for sql, _ in log if (f"strpos({column_}" in sql or f"{column_} LIKE" in sql)
                     and sql not in bitmap]
            assert scans and all(f"{kind}.id >" in sql for sql in scans), (kind, term)  # an id range, never every row
            assert all("to_tsvector" not in sql for sql in scans), (kind, term)  # the index only through its bitmap
            assert bool(bitmap) == sparse, (kind, term)


def test_postgresql_plans_are_narrowed_by_their_pairs_as_a_scan_finds_them(engine: Engine, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """0019_pg_plan_pairs: a plan search asks the index of plans' character pairs for sparse hits, a term of two
    characters too (a place name: it had been a scan of every plan's text), and finds what a scan finds: terms
    with letters in another case (the index holds the lowered texts), in the title or the text, split by a line,
    of one character (not narrowed), several at once, and none."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's plans have their FTS5 pair index")
    extra = ingest_document(engine, load(write_plan(tmp_path, "pingshan-1999", "（一）GDP增长 6%，坪山河\n治理。\n", 1999)),
                            year=1999).plan_id  # the oldest: hits in it alone are sparse
    held = ingest_corpus(engine, tmp_path)
    monkeypatch.setattr(search_index, "WALKS", {k: search_index.Walk(1, 2, 1.0) for k in search_index.SOURCES})
    with Session(engine) as session:
        texts = dict(session.execute(select(Plan.id, Plan.title + "\n" + Plan.text)).all())
    queries = [["园区"], ["坪山河"], ["gdp增长"], ["GDP"], ["河\n治"], ["园"], ["园区", "新增企业"], ["产业园", "学位"],
               ["没有的词"], ["2000"], ["坪山"]]
    for words in queries:
        scan = {pid for pid, whole in texts.items() if all(w.lower() in whole.lower() for w in words)}
        found = find(engine, "plan", *words)
        assert set(found) == scan and len(found) == len(set(found)), words
        with statements_with_parameters(engine) as log, Session(engine) as session:  # a page of one: the index
            assert [h.id for h in search_index.search(session, "plan", words, 1)] == found[:1], words
        asked = any("@>" in sql for sql, _ in log)  # the index of pairs
        if words in (["园区"], ["坪山河"], ["gdp增长"], ["GDP"], ["河\n治"], ["园区", "新增企业"], ["没有的词"]):
            assert asked, words  # sparse: asked, in any case
        if words == ["园"]:  # no pair: not asked
            assert not asked, words
    assert extra in find(engine, "plan", "gdp增长") and held["园区"] == find(engine, "plan", "园区")
    with Session(engine) as session:  # the condition is the index's expression: the planner can use it
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(session.scalars(text(f"EXPLAIN SELECT id FROM plan WHERE {search_index.PLAN_PAIRS_EXPRESSION} "
                                                "@> CAST(:pairs AS text[])"), {"pairs": ["园区"]}))
    assert "ix_plan_pairs" in plan, plan


ALPHABET = "坪山园区 \n\tAaGgDdİiıßẞ\u0307\u00a0\u3000Σσς%_\\K\u212a"  # spaces, cases, İ → i̇, combining marks, LIKE's


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(ALPHABET, max_size=12), body=st.text(ALPHABET, min_size=1, max_size=40), data=st.data())
def test_postgresql_plan_pairs_hold_every_plan_a_scan_finds(engine: Engine, title: str, body: str,
                                                            data: st.DataObject) -> None:
    """The pair condition never drops a plan that `strpos()`/``ILIKE`` find (it only narrows), whatever the
    characters: spaces of every kind, letters whose case differs in length, combining marks, LIKE's own. The
    terms are cut from the title and the text (else a scan would rarely find them), in any case, or drawn."""
    from sqlalchemy import String, Text, and_, literal, or_

    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's plans")
    words = []
    for _ in range(data.draw(st.integers(1, 2))):
        source = data.draw(st.sampled_from([title or body, body]))
        start = data.draw(st.integers(0, len(source) - 1))
        cut = source[start:start + data.draw(st.integers(1, 5))]
        change = data.draw(st.sampled_from([str, str.upper, str.lower, str.swapcase]))
        words.append(data.draw(st.sampled_from([change(cut), data.draw(st.text(ALPHABET, min_size=1, max_size=4))])))
    plan = select(literal(title, String).label("title"), literal(body, Text).label("text")).subquery("plan")
    with Session(engine) as session:
        condition = search_index._plan_pairs_condition(session, words)
        if condition is None:
            return
        scan = and_(*[or_(search_index._contains(plan.c.title, w, "postgresql"),
                          search_index._contains(plan.c.text, w, "postgresql")) for w in words])
        found, narrowed = session.execute(select(scan, condition).select_from(plan)).one()
    assert narrowed or not found, (title, body, words)


def test_pages_beyond_the_budget_continue_with_the_older_hits(engine: Engine, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The newest RANK_BUDGET hits are ranked and the older ones follow, newest first: pages put together are
    one list of every hit, each once. (A page beyond the budget had been cut from a ranking of more rows, so
    from page 11 of 50 on, nearly every hit was one an earlier page had shown.)"""
    held = ingest_corpus(engine, tmp_path)
    monkeypatch.setattr(search_index, "RANK_BUDGET", 3)
    with Session(engine) as session:
        every = {"plan": set(held["人工智能产业园"]),
                 "record": set(session.scalars(select(Record.id).where(Record.quote.contains("人工智能产业园"))))}
        for kind, term in (("plan", "人工智能产业园"), ("plan", "国民经济"), ("record", "人工智能产业园"),
                           ("task", "人工智能产业园")):
            whole = [h.id for h in search_index.search(session, kind, [term], 50)]
            pages = [h.id for offset in range(0, 14, 2) for h in search_index.search(session, kind, [term], 2, offset)]
            assert pages == whole and len(set(whole)) == len(whole) >= 12, (kind, term)
            assert whole[3:] == sorted(whole[3:], reverse=True), (kind, term)  # beyond the budget: newest first
            if kind in every and term == "人工智能产业园":
                assert set(whole) == every[kind], kind


MARKS = ["_", "😀", "\\", "'", "(", '"', "%", "*", "，"]
MARKED = ["新增学位_5000 个", "学位😀建设 3 个", "路径 a\\b 2 个", "推进'智慧'城市 4 个", "建设(一期) 5 个",
          '推进"双碳"行动 6 个', "增长 100% 7 个", "星号*项目 8 个", "学位，床位 9 个", "没有标点的句子 10 个"]


def test_punctuation_and_emoji_are_looked_up_in_the_pair_index(engine: Engine, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-character term without letters or digits (_ 😀 \\ ' ( ): SQLite's pair index holds punctuation and
    symbols as token characters, so it is a token prefix there too, not a LIKE scan of every row (_ took 5.5 s, 😀
    3.1 s at 6,500 plans); the hits are a scan's. PostgreSQL's parser drops such characters: LIKE decides there."""
    body = "".join(f"（{i}）{q}。\n" for i, q in enumerate(MARKED))
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-m-2019", body)), extract=quotes_extractor(*MARKED))
    with Session(engine) as session:
        quotes = {rid: q for rid, q in session.execute(select(Record.id, Record.quote))}
    for mark in MARKS:
        for words in ([mark], [mark, "学位"]):
            with statements_run(engine) as statements:
                hits = find(engine, "record", *words)
            assert set(hits) == {r for r, q in quotes.items() if all(w in q for w in words)}, words
            assert hits == _scan(engine, "record", words, monkeypatch), words
            if engine.dialect.name == "sqlite":
                searched = [s for s in statements if "FROM record" in s or "record_gram" in s]
                assert any("record_gram MATCH" in s for s in searched), words
                assert not any("LIKE" in s and "count(" not in s for s in searched), words  # the probe only
        assert find(engine, "task", mark) == _scan(engine, "task", [mark], monkeypatch), mark
        assert find(engine, "plan", mark) == _scan(engine, "plan", [mark], monkeypatch), mark
    consistent(engine)


def test_a_mark_in_most_rows_is_found_newest_first_by_like(engine: Engine, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A mark in most rows (，、): its prefix merges the pairs of every occurrence (0.2–0.3 s for tasks and plans
    at 6,500 plans); the newest rows are probed and, when dense, LIKE finds the newest holding it at once."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the pair index answers punctuation on SQLite only")
    quotes = [f"推进第{i}项工作，新增岗位 {i} 个" for i in range(1, 9)] + ["没有标点的句子 9 个"]
    body = "".join(f"（{i}）{q}。\n" for i, q in enumerate(quotes))
    ingest_document(engine, load(write_plan(tmp_path, "pingshan-d-2019", body)), extract=quotes_extractor(*quotes))
    monkeypatch.setitem(search_index.PROBE_ROWS, "record", 4)
    with statements_run(engine) as statements:
        hits = find(engine, "record", "，")
    assert len(hits) == 8 and hits == _scan(engine, "record", ["，"], monkeypatch)
    assert not any("record_gram MATCH" in s for s in statements)  # dense: LIKE, newest first
    monkeypatch.setitem(search_index.PROBE_ROWS, "record", 0)  # none of the newest rows holds it: the index
    with statements_run(engine) as statements:
        assert find(engine, "record", "，") == hits
    assert any("record_gram MATCH" in s for s in statements)


def test_remembered_pairs_are_the_ones_bigrams_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairs a worker computed (`pairs_of`) are what `bigrams` would cut; once remembered they are looked up,
    and a full memory is emptied (it only saves time: a text not remembered is cut as before)."""
    texts = ["新增学位", "学", "", None, "推进人工智能产业园建设" * 10]
    found = search_index.pairs_of(texts)
    assert found == {t: search_index.bigrams(t) for t in texts if t}
    monkeypatch.setattr(search_index, "_KNOWN_PAIRS", {})
    search_index.remember_pairs({"新增学位": "remembered"})
    assert search_index.bigrams("新增学位") == "remembered" and search_index.bigrams("学位") == "学位 位"
    monkeypatch.setattr(search_index, "_KNOWN_MAX", 2)
    search_index.remember_pairs(found)  # 1 + 3 > 2: emptied first
    assert search_index._KNOWN_PAIRS == found and search_index.bigrams("新增学位") == "新增 增学 学位 位"


def test_the_writer_cuts_no_pairs_a_worker_brought(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """An analysis carries the pairs of every task and record text it stores, so the writer filling the
    search index cuts only the plan's title and text itself (tasks and records: ≈ 3 ms of its time a plan)."""
    from planwatch.documents import bundled_plan_path
    from planwatch.pipeline import analyse, read

    analysis = analyse(read(bundled_plan_path()))
    monkeypatch.setattr(search_index, "_KNOWN_PAIRS", {})
    cut: list[str] = []
    real = search_index._pairs
    monkeypatch.setattr(search_index, "_pairs", lambda t: cut.append(t) or real(t))
    with transaction(engine) as session:
        pipeline_stages.store_analysis(session, analysis)
    if engine.dialect.name == "sqlite":
        assert sorted(cut, key=len) == [analysis.info.title, analysis.document.text]
    consistent(engine)
    assert find(engine, "task", analysis.tasks[0].quote[:6]) and find(engine, "record", analysis.quantities[0].quote[:6])
