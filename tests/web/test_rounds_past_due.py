"""Rounds past their due date (review ux5 #18): a round due 2019-06-30 was still 本轮待报送 in 2026, and the 待报送 badge
on 我的任务 counted task × round pairs (12 for 6 tasks). Past its due date a round's reports are 逾期未报; the badges
count tasks; round_close_days after its due date a round ends by itself."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import Demo, login, make_client


def _rounds(engine: Engine, demo: Demo) -> tuple[date, list[int]]:
    """Two of the editor's unit's tasks assigned; a round due 400 days ago and one due in 10 days, both open."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import assign, open_round
    from planwatch.store.tasks import Task

    today = date.today()
    with Session(engine) as session:
        other = next(t.id for t in session.scalars(select(Task).where(Task.plan_id == demo.plan_id, Task.kind == "task",
                                                                      Task.id != demo.task_id).order_by(Task.id)))
    with transaction(engine) as session:
        for task_id in (demo.task_id, other):
            assign(session, task_id, "office", "office", lead=demo.unit, deadline=today + timedelta(days=300))
        old = open_round(session, "旧轮次进展填报", today - timedelta(days=400), "office", "office", demo.plan_id,
                         today - timedelta(days=430)).id
        new = open_round(session, "本月进展填报", today + timedelta(days=10), "office", "office", demo.plan_id, today).id
    return today, [demo.task_id, other, old, new]


def test_a_round_past_due_is_late_and_the_badges_count_tasks(demo: Demo, demo_engine: Engine) -> None:
    _today, (task_id, other, old, new) = _rounds(demo_engine, demo)
    client = make_client(demo_engine, round_close_days=0)  # rounds end only when the office closes them
    headers = {"Authorization": f"Bearer {demo.tokens['editor']}"}
    mine = client.get("/api/my/tasks", headers=headers).json()
    (digest,) = mine["inbox"]
    owed = {x["id"]: x for x in digest["owed"]}
    assert sorted(owed) == sorted([task_id, other])  # each task once, not once per round
    for item in owed.values():
        assert [(r["id"], r["late"]) for r in item["rounds"]] == [(new, False), (old, True)]
        assert item["late"] is True
    rounds = {r["id"]: r for r in mine["rounds"]}
    assert rounds[old]["overdue"] and not rounds[new]["overdue"]
    task = next(t for t in mine["tasks"] if t["id"] == task_id)
    assert task["owed_in"] == ["本月进展填报"] and task["late_in"] == ["旧轮次进展填报"]
    html = login(client, "editor").get("/my/tasks").text
    summary = html[html.index('class="card owed-summary"'):]
    summary = summary[:summary.index("</a>")]
    assert "逾期未报 2" in summary and "待报送" not in summary  # 2 tasks (not 4 pairs), and late ones
    card = html[html.index(f'id="round-{old}"'):]
    card = card[:card.index("</section>")]
    assert "已过截止日" in card and "逾期未报" in card and "本轮还有" not in card
    assert f"round-{new}" in html


def test_a_round_ends_by_itself_round_close_days_after_its_due_date(demo: Demo, demo_engine: Engine) -> None:
    _today, (task_id, _other, old, new) = _rounds(demo_engine, demo)
    client = make_client(demo_engine, round_close_days=30)
    mine = client.get("/api/my/tasks", headers={"Authorization": f"Bearer {demo.tokens['editor']}"}).json()
    assert [r["id"] for r in mine["rounds"]] == [new]
    (digest,) = mine["inbox"]
    assert {x["id"]: [r["id"] for r in x["rounds"]] for x in digest["owed"]}[task_id] == [new]
    assert not any(x["late"] for x in digest["owed"])
    listed = {r["id"]: r for r in client.get("/api/rounds").json()["rounds"]}
    assert listed[old]["lapsed"] and not listed[old]["closed"] and not listed[new]["lapsed"]
    page = client.get("/rounds").text
    card = page[page.index(f'id="round-{old}"'):]
    assert "逾期自动结束" in card[:card.index("</section>")]
