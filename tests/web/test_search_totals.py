"""Search shows how many hits there are and pages to them, names tasks and plans as the other pages do (a fresh review,
items 9 and 10).

/search?q=新增就业 read "记录 (50)" with 54 found and no pager (page 2 only by editing the URL); task hits read their
action and object glued together ("新增城镇" for "城镇新增就业124.9万人"); the 计划 column listed bare 政府工作报告.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session


def _heading(html: str, kind: str) -> str:
    section = re.search(rf'<section class="card" id="hits-{kind}">(.*?)</section>', html, re.S)
    assert section, kind
    return section.group(1)


def test_the_page_shows_the_true_totals_and_pages_to_the_rest(client: TestClient) -> None:
    every = client.get("/api/search", params={"q": "增长", "limit": 500}).json()
    records, tasks = len(every["records"]), len(every["tasks"])
    assert records > 2 and tasks >= 2
    first = client.get("/search", params={"q": "增长", "limit": 1, "lang": "zh"}).text
    section = _heading(first, "records")
    assert f"记录 ({records})" in section  # it read 记录 (1): the page's own count
    assert "page=2" in section and "下一页" in section and f"共 {records} 页" in section
    assert f"任务 ({tasks})" in _heading(first, "tasks")
    data = client.get("/api/search", params={"q": "增长", "limit": 1}).json()["paging"]
    assert data["totals"] == {"plans": len(every["plans"]), "records": records, "tasks": tasks}
    assert data["pages"]["records"] == records
    last = client.get("/api/search", params={"q": "增长", "limit": 1, "page": records}).json()
    assert last["paging"]["totals"]["records"] == records and not last["paging"]["more"]["records"]
    assert "上一页" in _heading(client.get("/search", params={"q": "增长", "limit": 1, "page": records,
                                                                "lang": "zh"}).text, "records")


def test_task_hits_show_the_tasks_own_title(client: TestClient, demo_engine: Engine) -> None:
    from planwatch.store.tasks import Task

    hits = client.get("/api/search", params={"q": "增长", "limit": 500}).json()["tasks"]
    assert hits
    with Session(demo_engine) as session:
        titles = {t.id: t.title for t in session.scalars(select(Task).where(Task.id.in_([h["id"] for h in hits])))}
        glued = {t.id: f"{t.action}{t.object}"[:60] for t in session.scalars(select(Task).where(Task.id.in_(titles)))}
    assert all(h["title"] == titles[h["id"]][:60] for h in hits)
    assert any(titles[i][:60] != glued[i] for i in titles)  # the action and object glued together differ


def test_search_names_plans_as_every_page_does(client: TestClient, demo_engine: Engine) -> None:
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    for path in example_paths()[:2]:
        ingest_document(demo_engine, load(path))
    data = client.get("/api/search", params={"q": "城镇新增就业", "limit": 100}).json()
    plans = {h["title"] for h in data["plans"]}
    assert {"国务院 2016年政府工作报告", "国务院 2017年政府工作报告"} <= plans and "政府工作报告" not in plans
    national = {h["plan"] for h in data["records"] if h["government"] == "国务院"}
    assert national and national <= {"国务院 2016年政府工作报告", "国务院 2017年政府工作报告"}
    page = client.get("/search", params={"q": "城镇新增就业", "lang": "zh"}).text
    assert ">国务院 2017年政府工作报告</a>" in page
