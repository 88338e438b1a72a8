"""/search and /api/search over the full-text index: ranked, paged, highlighted, safe with any query."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient


def test_search_shape_ranking_and_highlight(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "地区生产总值"}).json()
    assert {"q", "terms", "plans", "records", "tasks", "paging"} <= set(data)
    assert data["index"] in ("fts5", "trgm")
    assert data["records"] and data["plans"]
    for kind in ("plans", "records", "tasks"):
        scores = [h["score"] for h in data[kind]]
        assert scores == sorted(scores, reverse=True), kind
        for hit in data[kind]:
            assert {"type", "id", "title", "url", "score", "snippet"} <= set(hit)
    for hit in data["records"]:
        snip = hit["snippet"]
        assert snip["hit"] == "地区生产总值" or "地区生产总值" in hit["title"]
        assert set(snip) == {"before", "hit", "after"}


def test_two_character_query(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "学位"}).json()
    assert data["records"] and data["tasks"] and data["plans"]
    assert all(h["snippet"]["hit"] == "学位" for h in data["records"] + data["tasks"])


def test_paging(client: TestClient) -> None:
    every = client.get("/api/search", params={"q": "学位", "limit": 500}).json()
    n = len(every["tasks"])
    assert n >= 2 and every["paging"]["more"]["tasks"] is False
    first = client.get("/api/search", params={"q": "学位", "limit": 1}).json()
    second = client.get("/api/search", params={"q": "学位", "limit": 1, "page": 2}).json()
    assert {k: first["paging"][k] for k in ("page", "size", "more")} == {
        "page": 1, "size": 1, "more": {"plans": first["paging"]["more"]["plans"], "records": len(every["records"]) > 1,
                                       "tasks": True}}
    assert first["paging"]["totals"]["tasks"] == n and first["paging"]["pages"]["tasks"] == n
    assert [h["id"] for h in first["tasks"] + second["tasks"]] == [h["id"] for h in every["tasks"][:2]]
    beyond = client.get("/api/search", params={"q": "学位", "limit": 1, "page": n + 1}).json()
    assert beyond["tasks"] == [] and beyond["paging"]["more"]["tasks"] is False


@pytest.mark.parametrize("q", ['"', '"地区生产总值', "地区*", "OR", "地区 OR 生产", "(地区生产总值)", "NEAR(地区 总值)",
                               "a:b", "-地区", "^地区", "%", "_", "\\", "100%", "' OR 1=1 --", "AND NOT"])
def test_query_syntax_never_errors(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["q"] == q
    assert client.get("/search", params={"q": q}).status_code == 200


@pytest.mark.parametrize("q", ["\x00", "\x00\x00", "\x01\x1b\x7f", "\u200b", " \x00 "])
def test_control_characters_are_no_query(client: TestClient, q: str) -> None:
    """Audit defect 8: a NUL matched every plan, record and task on SQLite (422 'number out of range' on
    PostgreSQL); control characters are stripped, leaving an empty search, on the page and in JSON alike."""
    empty = client.get("/api/search", params={"q": ""}).json()
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text[:300]
    data = response.json()
    assert (data["q"].strip(), data["terms"]) == ("", [])
    assert {k: data[k] for k in ("plans", "records", "tasks")} == {k: empty[k] for k in ("plans", "records", "tasks")}
    assert not (data["plans"] or data["records"] or data["tasks"])
    page = client.get("/search", params={"q": q})
    assert page.status_code == 200 and "\x00" not in page.text


def test_control_characters_inside_words_are_dropped(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "学位"}).json()
    for q in ("学\x00位", "\x00学位", "学位\x1b"):
        data = client.get("/api/search", params={"q": q}).json()
        assert (data["q"], data["terms"]) == ("学位", ["学位"])
        assert [h["id"] for h in data["tasks"]] == [h["id"] for h in plain["tasks"]]


def test_search_page_highlights(client: TestClient) -> None:
    html = client.get("/search", params={"q": "地区生产总值"}).text
    assert "<em>地区生产总值</em>" in html


def test_plan_snippets_are_cut_by_the_database_as_from_the_whole_text(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A plan's snippet is cut out in SQL (its 57 KB text is not read; reading 51 took 15 ms on PostgreSQL)
    and equals `snippet` of the whole text: a term near the start or the end, the earlier of two terms,
    the longer of two at one place, a term with letters with case (GDP: its other case may come first, so the
    text is read whole), none, an empty term."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.schema import Plan
    from planwatch.web.search import plan_snippets, snippet

    middle = "，".join(f"推进第{n}批重点项目建设" for n in range(40))
    path = tmp_path / "pingshan-2019.txt"
    path.write_text(f"深圳市坪山区 2019 年国民经济和社会发展计划\n\n一、主要任务\n\n（一）{middle}，建设 GDP 监测平台。"
                    f"新增学位 5000 个，新增学位和床位。gdp 与 GDP 同列。\n（二）加快人工智能产业园建设。\n", encoding="utf-8")
    plan_id = ingest_document(engine, load(path)).plan_id
    with Session(engine) as session:
        text = session.scalar(select(Plan.text).where(Plan.id == plan_id))
        assert text is not None and len(text) > 500
        for words in (["深圳"], ["坪山区"], ["产业园建设"], ["学位", "新增学位"], ["人工智能", "新增学位"], ["第3批"],
                      ["gdp"], ["GDP", "监测"], ["GDP", "同列"], ["不在其中"], ["不在其中", "床位"], ["设。"], [text[-3:]],
                      ["", "床位"]):
            assert plan_snippets(session, [plan_id], words) == {plan_id: snippet(text, words)}, words


@contextmanager
def _statements(engine):  # type: ignore[no-untyped-def]
    """(thread name, connection, statement) of every statement `engine` runs in the block."""
    from sqlalchemy import event

    seen: list[tuple[str, int, str]] = []

    def heard(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append((threading.current_thread().name, id(conn.connection.dbapi_connection), statement))

    event.listen(engine, "before_cursor_execute", heard)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", heard)


def _connections_of(seen: list[tuple[str, int, str]], marker: str) -> set[tuple[str, int]]:
    """(thread name, connection) of the statements naming `marker` (record.id, task.id)."""
    return {(thread, conn) for thread, conn, statement in seen if marker in statement}


@pytest.mark.parametrize("q", ["学位", "地区生产总值", "学校 建设", "GDP"])
def test_a_page_searches_its_kinds_at_once_on_postgresql(demo_engine, q: str) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL the records and the tasks of a search page are searched in threads of their own, each on a
    connection of its own, while the request's connection searches the plans; the page is the one searched one
    kind after the other (search_connections=1). SQLite searches them one after the other on one connection."""
    from .conftest import make_client

    pages = {}
    for connections in (1, 3):
        with make_client(demo_engine, search_connections=connections) as browser, _statements(demo_engine) as seen:
            pages[connections] = browser.get("/api/search", params={"q": q, "limit": 7}).json()
        with make_client(demo_engine, search_connections=connections) as browser:
            html = browser.get("/search", params={"q": q}).text
        assert "搜索" in html or "Search" in html
        records, tasks = _connections_of(seen, "record.id"), _connections_of(seen, "task.id")
        apart = {(t, c) for t, c in records | tasks if t.startswith("planwatch-search")}
        if connections == 3 and demo_engine.dialect.name == "postgresql":
            assert apart == records | tasks and len({c for _t, c in records} | {c for _t, c in tasks}) >= 2
            assert not {c for _t, c in records} & {c for _t, c in tasks}
            assert not {c for _t, c, s in seen if "plan.id" in s and "record" not in s} & {c for _t, c in tasks | records}
        else:
            assert not apart
    assert pages[3] == pages[1]
    assert pages[1]["plans"] or pages[1]["records"] or q == "GDP"


def test_busy_pages_and_errors_search_one_kind_after_the_other(demo_engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """While PAGES_AT_ONCE pages search their kinds at once, another searches them one after the other on its own
    connection; an error in a kind searched apart reaches the page, and its slot is free again."""
    from sqlalchemy.orm import Session

    from planwatch.errors import StoreError
    from planwatch.web import search as engine

    with Session(demo_engine) as session:
        alone = engine.search_kinds(session, ["学位"], 5, connections=1)
        for _ in range(engine.PAGES_AT_ONCE):
            assert engine._lending.slots.acquire(blocking=False)
        try:
            with _statements(demo_engine) as seen:
                assert engine.search_kinds(session, ["学位"], 5, connections=3) == alone
            assert seen and not any(thread.startswith("planwatch-search") for thread, _c, _s in seen)
        finally:
            for _ in range(engine.PAGES_AT_ONCE):
                engine._lending.slots.release()

        def broken(*_args: object) -> list[dict[str, object]]:
            raise StoreError("the task index is broken")

        monkeypatch.setitem(engine.SEARCHES, "tasks", broken)
        for _ in range(engine.PAGES_AT_ONCE + 1):
            with pytest.raises(StoreError, match="task index"):
                engine.search_kinds(session, ["学位"], 5, connections=3)
        for _ in range(engine.PAGES_AT_ONCE):
            assert engine._lending.slots.acquire(blocking=False)
        for _ in range(engine.PAGES_AT_ONCE):
            engine._lending.slots.release()


def test_a_page_never_waits_for_connections_the_pool_has_not_got(demo_engine) -> None:  # type: ignore[no-untyped-def]
    """A page whose pool has no connection to lend now (here a pool of one, held by the page itself) searches its
    kinds one after the other on its own connection at once, instead of waiting `pool_timeout` and failing."""
    import time

    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from planwatch.web import search as engine

    if demo_engine.dialect.name == "sqlite":
        pytest.skip("SQLite always searches one kind after the other")
    small = create_engine(demo_engine.url, pool_size=1, max_overflow=0, pool_timeout=20)
    try:
        with Session(small) as session, _statements(small) as seen:
            session.connection()  # the page's connection: the pool's only one
            started = time.perf_counter()
            found = engine.search_kinds(session, ["学位"], 5, connections=3)
            assert time.perf_counter() - started < 10
        assert found["tasks"] and not any(thread.startswith("planwatch-search") for thread, _c, _s in seen)
        with Session(demo_engine) as session:
            assert found == engine.search_kinds(session, ["学位"], 5, connections=1)
    finally:
        small.dispose()


def test_a_forked_child_searches_with_threads_of_its_own() -> None:
    """A parent's executor never runs a forked child's work: the child gets new slots and threads."""
    import os

    from planwatch.web import search as engine

    parent = engine._lending
    parent.threads()
    pid = os.fork()
    if pid == 0:  # the child: report by exit code only
        os._exit(0 if engine._lending is not parent and engine._lending._threads is None else 1)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert engine._lending is parent
