"""/search and /api/search over the full-text index: ranked, paged, highlighted, safe with any query."""

from __future__ import annotations

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
    assert first["paging"] == {"page": 1, "size": 1, "more": {"plans": first["paging"]["more"]["plans"],
                                                              "records": len(every["records"]) > 1, "tasks": True}}
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
