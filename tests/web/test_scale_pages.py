"""The dashboard at corpus scale (issue 13): what home, targets and the indicator page show when the
database holds more plans, governments and records than a page can: capped lists, a chart of the
governments with most records (one point per government, measure, kind and year), the rest a choice away.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from planwatch.store.db import transaction
from planwatch.store.schema import Actual, Government, Plan, Record
from planwatch.web import indicator_series, status
from planwatch.web.routes import indicators as indicator_routes
from planwatch.web.routes import pages, targets

from .conftest import Demo, make_client


def _synthetic(engine: Engine, indicator_id: int, per_government: dict[str, int], year: int = 2030) -> dict[str, int]:
    """One plan per government (named as given) with `n` growth results of the indicator for `year`
    (values 1, 2, …: the first stored is the first drawn); returns {name: government id}."""
    ids: dict[str, int] = {}
    with transaction(engine) as session:
        for name, n in per_government.items():
            g = f"{year}-{name}"
            gov = Government(name=name, level="district")
            session.add(gov)
            session.flush()
            ids[name] = gov.id
            plan = Plan(government_id=gov.id, year=year, title=f"{name} {year} 年计划", kind="annual_plan",
                        doc=f"scale-{g}", source_name=f"scale-{g}.txt", content_hash=f"{abs(hash(g)):064d}", text="合成。")
            session.add(plan)
            session.flush()
            session.execute(insert(Record), [
                {"plan_id": plan.id, "indicator_id": indicator_id, "position": i, "doc": plan.doc, "kind": "result",
                 "indicator": "合成指标", "measure": "growth", "value": float(i + 1), "value_max": None, "unit": "%",
                 "comparator": "=", "year": year, "quote": f"合成指标增长 {i + 1}%", "start": 0, "end": 3,
                 "section": "", "optional": False, "extra": {}} for i in range(n)])
    return ids


def test_home_lists_the_newest_plans_and_links_to_all(client: TestClient, demo: Demo, demo_engine: Engine,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _synthetic(demo_engine, demo.indicator_id, {"戊区（测试）": 1}, year=2030)
    _synthetic(demo_engine, demo.indicator_id, {"己区（测试）": 1}, year=2031)
    every = client.get("/api/plans").json()["plans"]
    full = client.get("/api/home").json()
    assert full["plans_total"] == len(full["plans"]) == len(every) >= 2  # all of them while they fit
    monkeypatch.setattr(pages, "HOME_PLANS", 1)
    data = client.get("/api/home").json()
    assert [p["id"] for p in data["plans"]] == [full["plans"][0]["id"]]  # the newest
    assert data["plan"]["year"] == 2031
    assert data["plans_total"] == full["plans_total"]
    html = client.get("/").text
    assert 'id="all-plans"' in html and f"{full['plans_total']}" in html
    oldest = full["plans"][-1]["id"]  # shown although not listed: still offered, selected
    html = client.get(f"/?plan={oldest}").text
    assert f'<option value="{oldest}" selected>' in html


def test_home_counts_every_target_and_gives_evidence_for_the_shown_ones(client: TestClient, demo: Demo,
                                                                        demo_engine: Engine) -> None:
    from planwatch.web import queries

    data = client.get("/api/home").json()
    with Session(demo_engine) as session:
        records, _total = queries.records(session, queries.RecordFilter(plan_id=data["plan"]["id"], kind="target"),
                                          limit=None)
        status.attach(session, records)  # every target with its evidence: what the page used to compute
    assert data["counts"] == status.counts(records)
    by_id = {r["id"]: r for r in records}
    assert data["headline"]
    for shown in data["headline"]:
        for key in ("status", "margin", "basis", "actual", "evidence", "candidates", "rule"):
            assert shown[key] == by_id[shown["id"]][key], key


def test_deciding_years_reach_back_one_year_before_the_earliest_start() -> None:
    assert status.deciding_years([{"year": 2020, "plan_year": 2020, "period_start": None},
                                  {"year": 2025, "plan_year": 2021, "period_start": 2021}]) == (2019, 2025)
    assert status.deciding_years([{"year": None, "plan_year": None}]) is None


def test_target_filter_offers_the_newest_plans_and_the_chosen_one(client: TestClient, demo: Demo, demo_engine: Engine,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _synthetic(demo_engine, demo.indicator_id, {"戊区（测试）": 1}, year=2030)
    every = client.get("/targets.json").json()["choices"]["plans"]
    assert len(every) >= 2
    monkeypatch.setattr(targets, "PLAN_CHOICES", 1)
    assert [p["id"] for p in client.get("/targets.json").json()["choices"]["plans"]] == [every[0]["id"]]
    chosen = every[-1]["id"]
    offered = client.get(f"/targets.json?plan={chosen}").json()["choices"]["plans"]
    assert [p["id"] for p in offered] == [every[0]["id"], chosen]


def test_chart_draws_the_governments_with_most_records_one_point_a_year(
        client: TestClient, demo: Demo, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ind = demo.indicator_id
    ids = _synthetic(demo_engine, ind, {"甲区（测试）": 5, "乙区（测试）": 3, "丙区（测试）": 1})
    monkeypatch.setattr(indicator_series, "MAX_GOVERNMENTS", 2)
    data = client.get(f"/api/indicators/{ind}").json()
    choices = {g["name"]: g["records"] for g in data["chart_governments"]["choices"]}
    assert choices["甲区（测试）"] == 5 and choices["乙区（测试）"] == 3 and choices["丙区（测试）"] == 1
    assert data["chart_governments"]["shown"] == sorted([ids["甲区（测试）"], ids["乙区（测试）"]])
    assert data["chart_governments"]["total"] == len(choices) >= 3
    lane = next(lane for lane in data["series"] if lane["measure"] == "growth")
    by = {g["government"]: g for g in lane["governments"]}
    assert set(by) == {"甲区（测试）", "乙区（测试）"}
    (point,) = [p for p in by["甲区（测试）"]["results"] if p["year"] == 2030]  # five records, one point
    assert point["value"] == 1.0 and point["records"] == 5  # the first one stored, and how many there are
    # every record is still listed below the chart
    with Session(demo_engine) as session:
        assert session.scalar(select(Record.id).where(Record.value == 5.0, Record.indicator_id == ind))
    # the chooser: one government, all its points
    one = client.get(f"/api/indicators/{ind}?government={ids['丙区（测试）']}").json()
    assert [g["government"] for lane in one["series"] for g in lane["governments"]] == ["丙区（测试）"]
    html = client.get(f"/indicators/{ind}").text
    assert 'id="government-chooser"' in html and f'value="{ids["丙区（测试）"]}"' in html


def test_indicator_page_lists_the_newest_actuals(client: TestClient, demo: Demo, demo_engine: Engine,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ind = demo.indicator_id
    ids = _synthetic(demo_engine, ind, {"丁区（测试）": 1})
    with transaction(demo_engine) as session:
        session.execute(insert(Actual), [
            {"indicator_id": ind, "government_id": ids["丁区（测试）"], "year": year, "period": "", "measure": "growth",
             "value": float(year - 2000), "unit": "%", "source": "import", "who": "tests", "note": ""}
            for year in range(2001, 2006)])
    path = f"/api/indicators/{ind}?government={ids['丁区（测试）']}"
    assert [a["year"] for a in client.get(path).json()["actuals"]] == [2001, 2002, 2003, 2004, 2005]
    monkeypatch.setattr(indicator_routes, "ACTUALS_SHOWN", 2)
    data = client.get(path).json()
    assert [a["year"] for a in data["actuals"]] == [2004, 2005] and data["actuals_total"] == 5
    assert 'id="actuals-capped"' in client.get(path.replace("/api", "")).text


def test_pages_answer_on_a_fresh_client(demo_engine: Engine) -> None:
    """The capped pages render for anonymous readers (no state carried over from other tests)."""
    client = make_client(demo_engine)
    for path in ("/", "/targets", "/targets?kind=target&year=2019", "/search?q=学位"):
        assert client.get(path).status_code == 200, path


def test_actuals_loaded_once_judge_as_those_loaded_per_call(demo: Demo, demo_engine: Engine) -> None:
    """Home reads the deciding actuals once (`status.load`) for the counts and the headline's evidence:
    `mark` and `attach` given them (or a superset) say exactly what they say when reading their own."""
    from planwatch.web import queries

    with Session(demo_engine) as session:
        records, _total = queries.records(session, queries.RecordFilter(plan_id=demo.plan_id), limit=None)
        targets = [r for r in records if r["kind"] == "target"]
        assert len(targets) > 12
        loaded = status.load(session, records)
        assert loaded  # the demo plan's targets have actuals
        alone = status.mark(session, [dict(r) for r in records])
        shared = status.mark(session, [dict(r) for r in records], loaded)
        assert [r["status"] for r in shared] == [r["status"] for r in alone]
        for subset in (targets, targets[:12], targets[5:9], records[-3:]):
            own = status.attach(session, [dict(r) for r in subset])
            given = status.attach(session, [dict(r) for r in subset], loaded)
            assert given == own


def test_chart_points_come_from_the_covering_index(demo: Demo, demo_engine: Engine) -> None:
    """The chart groups an indicator's records from ix_record_indicator_chart alone (0012_dashboard): on
    SQLite the plan says COVERING INDEX (no row read per record)."""
    from sqlalchemy import text

    if demo_engine.dialect.name != "sqlite":
        pytest.skip("the plan is checked on SQLite (PostgreSQL picks plans by table size)")
    with _statements(demo_engine, "min(record.id)") as seen, Session(demo_engine) as session:
        indicator_series.indicator_series(session, demo.indicator_id, "x")
    ((statement, params),) = seen
    with demo_engine.connect() as conn:
        plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
        assert "SEARCH record USING COVERING INDEX ix_record_indicator_chart" in plan, plan
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'ix_record_indicator_id_plan_id'")
                            ).scalar() == 0  # replaced by its extension


def test_newest_actuals_are_the_last_page_of_all_of_them(demo: Demo, demo_engine: Engine) -> None:
    """The indicator page reads its newest actuals and their count in one statement: the same rows, in the
    same order, as the last page of `actuals` (and the count of `count_actuals`)."""
    from planwatch.web import queries

    with transaction(demo_engine) as session:  # two actuals per year and period: the id decides the order
        session.execute(insert(Actual), [
            {"indicator_id": demo.indicator_id, "government_id": gov, "year": year, "period": period,
             "measure": "growth", "value": float(year - 2000), "unit": "%", "source": "import", "who": "tests",
             "note": ""}
            for gov in session.scalars(select(Government.id)) for year in (2001, 2002)
            for period in ("", "H1") for _ in range(2)])
    with Session(demo_engine) as session:
        for government in (None, *session.scalars(select(Government.id))):
            every = queries.actuals(session, indicator_id=demo.indicator_id, government_id=government)
            total = queries.count_actuals(session, indicator_id=demo.indicator_id, government_id=government)
            assert total == len(every) >= 8
            for limit in (1, 3, total, total + 5):
                assert queries.newest_actuals(session, limit, indicator_id=demo.indicator_id,
                                              government_id=government) == (every[max(0, total - limit):], total)
        assert queries.newest_actuals(session, 5, indicator_id=-1) == ([], 0)


@pytest.mark.parametrize(("one_government", "index"), [
    (False, "ix_actual_indicator_newest (indicator_id=?)"),
    (True, "ix_actual_indicator_government_newest (indicator_id=? AND government_id=?)"),
])
def test_newest_actuals_come_from_their_index(demo: Demo, demo_engine: Engine, one_government: bool,
                                              index: str) -> None:
    """The indicator page's newest actuals (of every government, or of the one chosen) are read in order
    from an index of 0013_indicator_page and counted from an index: on SQLite no row is sorted."""

    from planwatch.web import queries

    if demo_engine.dialect.name != "sqlite":
        pytest.skip("the plan is checked on SQLite (PostgreSQL picks plans by table size)")
    with Session(demo_engine) as session:
        government = session.scalar(select(Government.id)) if one_government else None
    with _statements(demo_engine, "FROM actual") as seen, Session(demo_engine) as session:
        queries.newest_actuals(session, 200, indicator_id=demo.indicator_id, government_id=government)
    ((statement, params),) = seen  # the rows and their count: one statement
    with demo_engine.connect() as conn:
        plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    assert f"SEARCH actual USING INDEX {index}" in plan or f"SEARCH actual USING COVERING INDEX {index}" in plan, plan
    assert "SEARCH counted USING COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan  # nothing sorted


def test_indicator_page_total_is_the_count_of_its_records(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    """The records list's total (taken from the chooser's counts, not counted again) is the number of
    records of the indicator, of one government when one is chosen, capped as every list is."""
    from sqlalchemy import func

    from planwatch.web import queries

    ind = demo.indicator_id
    ids = _synthetic(demo_engine, ind, {"庚区（测试）": 7, "辛区（测试）": 2})
    with Session(demo_engine) as session:
        every = session.scalar(select(func.count()).select_from(Record).where(Record.indicator_id == ind))
    assert client.get(f"/api/indicators/{ind}?government={10**6}").status_code == 404  # no such government
    for government, expected in ((None, every), (ids["庚区（测试）"], 7), (ids["辛区（测试）"], 2)):
        query = "" if government is None else f"?government={government}"
        data = client.get(f"/api/indicators/{ind}{query}").json()
        assert data["paging"]["total"] == expected, government
        assert len(data["records"]) == min(expected, 100)
    with Session(demo_engine) as session:
        flt = queries.RecordFilter(indicator_id=ind)
        assert queries.records(session, flt, count=queries.COUNT_CAP + 1)[1] == queries.AtLeast(queries.COUNT_CAP)
        assert str(queries.records(session, flt, count=queries.COUNT_CAP + 1)[1]) == f"{queries.COUNT_CAP}+"


@contextmanager
def _statements(engine: Engine, needle: str) -> Iterator[list[tuple[str, object]]]:
    """The (SQL, parameters) of the statements holding `needle` that `engine` runs inside the block."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def keep(conn: object, cursor: object, statement: str, params: object, context: object, many: bool) -> None:
        if needle in statement:
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def _targets(engine: Engine, indicator_id: int, name: str, year: int, actuals: list[float]) -> int:
    """A plan of a new government `name` for `year` with three growth targets (≥ 5 %, ≥ 7 %, ≤ 9 % of the
    indicator) and, for each value of `actuals`, an actual of that year; returns the plan id."""
    from planwatch.store.schema import Actual

    with transaction(engine) as session:
        gov = Government(name=name, level="district")
        session.add(gov)
        session.flush()
        plan = Plan(government_id=gov.id, year=year, title=f"{name} {year} 年计划", kind="annual_plan",
                    doc=f"judged-{name}", source_name=f"judged-{name}.txt", content_hash=f"{abs(hash(name)):064d}",
                    text="合成。")
        session.add(plan)
        session.flush()
        session.execute(insert(Record), [
            {"plan_id": plan.id, "indicator_id": indicator_id, "position": i, "doc": plan.doc, "kind": "target",
             "indicator": "合成指标", "measure": "growth", "value": value, "value_max": None, "unit": "%",
             "comparator": comparator, "year": year, "quote": f"合成指标增长 {value}%", "start": 0, "end": 3,
             "section": "", "optional": False, "extra": {}}
            for i, (comparator, value) in enumerate(((">=", 5.0), (">=", 7.0), ("<=", 7.5)))])
        session.add_all(Actual(indicator_id=indicator_id, government_id=gov.id, year=year, measure="growth", value=v,
                               unit="%", source="manual") for v in actuals)
        return plan.id


def test_home_shows_the_newest_judged_plan_when_the_shown_one_waits(client: TestClient, demo: Demo,
                                                                     demo_engine: Engine) -> None:
    """When the shown plan's targets wait for actuals, home shows the newest of the next plans with judged targets,
    skipping those that wait too, with the evidence each of its targets has on its own (the candidates' targets are
    read in one statement, not one a plan)."""
    from planwatch.web import queries

    older = _targets(demo_engine, demo.indicator_id, "庚区（测试）", 2026, [6.0])
    judged = _targets(demo_engine, demo.indicator_id, "辛区（测试）", 2027, [8.0])
    for n, name in enumerate(("壬区（测试）", "癸区（测试）", "子区（测试）")):
        _targets(demo_engine, demo.indicator_id, name, 2028 + n, [])
    with _statements(demo_engine, "WHERE record.plan_id") as seen:
        data = client.get("/api/home").json()
    assert data["plan"]["year"] == 2030 and data["counts"]["no_data"] == 3
    # the shown plan's targets, then the five next plans' at once (they had been read one plan at a time)
    assert [statement.split("WHERE record.plan_id")[1][:3] for statement, _params in seen] == [" = ", " IN"]
    assert data["judged"]["plan"]["id"] == judged != older
    with Session(demo_engine) as session:
        records, _total = queries.records(session, queries.RecordFilter(plan_id=judged, kind="target"), limit=None)
        status.attach(session, records)  # the plan's own targets, their actuals read for them alone
    expected = [r for r in records if r["status"] in pages.JUDGED]
    assert [r["status"] for r in expected] == ["met", "met", "missed"]
    assert data["judged"]["targets"] == expected
    assert client.get("/api/home", params={"plan": judged}).json()["judged"] is None  # it is judged: shown itself


def test_government_counts_read_each_plans_government_from_its_index(demo: Demo, demo_engine: Engine) -> None:
    """The indicator page's counts by government: on SQLite each counted plan's government comes from the index
    (id, government_id) of 0018_plan_government, not from the plan's row (whose first page holds its text); the
    counts are those of the statement PostgreSQL runs, on the demo plan and on plans of other governments."""
    _synthetic(demo_engine, demo.indicator_id, {"丑区（测试）": 3, "寅区（测试）": 1, "卯区（测试）": 3}, year=2031)
    with _statements(demo_engine, "count(*) AS n") as seen, Session(demo_engine) as session:
        counts = indicator_series.government_counts(session, demo.indicator_id)
        generic = [{"id": g, "name": name, "records": int(n)} for g, name, n in session.connection().execute(
            indicator_series._counts_statement(), {"indicator_id": demo.indicator_id})]
    assert counts == generic
    assert [c["name"] for c in counts[:2]] == sorted(["丑区（测试）", "卯区（测试）"]) and counts[-1]["records"] >= 1
    assert len(counts) == 4 and sum(c["records"] for c in counts) >= 8
    if demo_engine.dialect.name != "sqlite":
        return
    statement, params = seen[0]
    with demo_engine.connect() as conn:
        plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    assert "SEARCH plan USING COVERING INDEX ix_plan_id_government (id=?)" in plan, plan


def _with_task(engine: Engine, plan_id: int) -> None:
    """Give plan `plan_id` one task (a group of one)."""
    from planwatch.store.tasks import Task, TaskGroup

    with transaction(engine) as session:
        group = TaskGroup(plan_id=plan_id, position=0, kind="task", title="合成任务", start=0)
        session.add(group)
        session.flush()
        session.add(Task(plan_id=plan_id, group_id=group.id, position=0, kind="task", action="推进", object="合成工作",
                         quote="推进合成工作。", start=0, end=6))


def test_plans_are_paged_and_filtered_by_government(client: TestClient, demo: Demo, demo_engine: Engine) -> None:
    ids = _synthetic(demo_engine, demo.indicator_id, {"戊区（测试）": 1, "己区（测试）": 1}, year=2030)
    every = client.get("/api/plans", params={"size": 1000}).json()
    assert every["paging"]["total"] == len(every["plans"]) >= 3
    first = client.get("/api/plans", params={"size": 2}).json()
    assert [p["id"] for p in first["plans"]] == [p["id"] for p in every["plans"][:2]]
    assert first["paging"] == {"page": 1, "size": 2, "total": len(every["plans"]),
                               "pages": -(-len(every["plans"]) // 2), "total_capped": False}
    past = client.get("/api/plans", params={"size": 2, "page": 99999}).json()  # past the end: empty, true totals
    assert past["paging"] == {**first["paging"], "page": 99999} and past["plans"] == []
    last = client.get("/api/plans", params={"size": 2, "page": first["paging"]["pages"]}).json()
    assert [p["id"] for p in last["plans"]] == [p["id"] for p in every["plans"]][(last["paging"]["page"] - 1) * 2:]
    one = client.get("/api/plans", params={"government": ids["戊区（测试）"]}).json()
    assert [p["government"] for p in one["plans"]] == ["戊区（测试）"] and one["paging"]["total"] == 1
    html = client.get("/plans", params={"size": 2}).text
    assert 'class="pager"' in html and f'<option value="{ids["己区（测试）"]}"' in html


def test_a_page_past_the_last_is_empty_in_json_and_the_last_in_the_browser(client: TestClient, demo: Demo, demo_engine: Engine,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.web import queries

    _synthetic(demo_engine, demo.indicator_id, {"戊区（测试）": 1, "己区（测试）": 1}, year=2010)  # 3 plans
    for path, key in (("/api/targets", "records"), ("/api/indicators", "indicators"), ("/api/plans", "plans"),
                      ("/api/assessments", "assessments")):
        past = client.get(path, params={"size": 2, "page": 99999}).json()  # JSON: that page, empty (ux3 review #1:
        assert past["paging"]["pages"] > 1 and past["paging"]["page"] == 99999, path  # a script paging "until
        assert past[key] == [], path  # empty" never stopped); the browser's page: the last one
        html = client.get(path.removeprefix("/api"), params={"size": 2, "page": 99999}).text
        pages = past["paging"]["pages"]
        assert f"第 {pages} 页，共 {pages} 页" in html, path
    total = client.get("/api/targets", params={"size": 5}).json()["paging"]["total"]
    monkeypatch.setattr(queries, "COUNT_CAP", 3)  # a capped count ("3+") stops short of the last page
    past = client.get("/api/targets", params={"size": 5, "page": 99999}).json()
    assert past["paging"]["total"] == total and past["paging"]["pages"] == -(-total // 5) and past["records"] == []
    html = client.get("/targets", params={"size": 5, "page": 99999}).text
    assert f"第 {-(-total // 5)} 页，共 {-(-total // 5)} 页" in html and "没有符合筛选条件的记录" not in html


def test_assessments_are_paged_for_the_newest_plan_by_default(client: TestClient, demo: Demo,
                                                              demo_engine: Engine) -> None:
    from planwatch.monitor.service import assessment_rows

    every = [r.to_dict() for r in assessment_rows(demo_engine)]
    data = client.get("/api/assessments", params={"size": 5}).json()
    assert data["scope"] == {"plan": demo.plan_id, "government": None, "newest": True, "every_plan": False}
    def rows(listed: list[dict[str, object]]) -> list[dict[str, object]]:
        """The service's rows: what the page adds to each (its evidence's plan name, the explanations in words) left
        out."""
        added = ("actual_document_name", "rule_text", "basis_text", "gap_text")
        assert all(key in r for r in listed for key in added)
        return [{k: v for k, v in r.items() if k not in added} for r in listed]

    assert data["paging"]["total"] == data["total"] == len(every) > 5 and rows(data["assessments"]) == every[:5]
    second = client.get("/api/assessments", params={"size": 5, "page": 2}).json()
    assert rows(second["assessments"]) == every[5:10]
    html = client.get("/assessments", params={"size": 5}).text
    assert 'class="pager"' in html and 'id="assessment-scope"' in html
    gid = _synthetic(demo_engine, demo.indicator_id, {"戊区（测试）": 2}, year=2031)["戊区（测试）"]  # a newer plan
    with Session(demo_engine) as session:
        newer = session.scalar(select(Plan.id).where(Plan.government_id == gid))
    newest = client.get("/api/assessments").json()
    assert newest["scope"]["plan"] == newer and all(r["plan_id"] == newer for r in newest["assessments"])
    chosen = client.get("/api/assessments", params={"plan": demo.plan_id, "size": 1000}).json()["assessments"]
    assert rows(chosen) == every  # one plan: judged on its government's plans and actuals only, as when all are judged


def test_task_plan_selector_lists_the_newest_and_the_chosen(client: TestClient, demo: Demo, demo_engine: Engine,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.web import task_queries

    ids = _synthetic(demo_engine, demo.indicator_id, {"戊区（测试）": 1, "己区（测试）": 1}, year=2030)
    with Session(demo_engine) as session:
        newer = {name: session.scalar(select(Plan.id).where(Plan.government_id == gid)) for name, gid in ids.items()}
    for plan_id in newer.values():
        _with_task(demo_engine, plan_id)
    every = [p["id"] for p in client.get("/api/tasks").json()["choices"]["plans"]]
    assert set(every) == {demo.plan_id, *newer.values()}
    monkeypatch.setattr(task_queries, "PLAN_CHOICES", 1)
    data = client.get("/api/tasks").json()
    assert [p["id"] for p in data["choices"]["plans"]] == every[:1] and data["choices"]["more_plans"]
    data = client.get("/api/tasks", params={"plan": demo.plan_id}).json()  # an older plan: offered, selected
    assert [p["id"] for p in data["choices"]["plans"]] == [every[0], demo.plan_id]
    html = client.get("/tasks", params={"plan": demo.plan_id}).text
    assert f'<option value="{demo.plan_id}" selected>' in html and 'id="older-plans"' in html


def test_the_newest_plan_with_tasks_is_found_by_index(demo_engine: Engine) -> None:
    """The default plan of /tasks and /rounds: plans newest first, each asked for a task through the task's plan
    index, not every task read first (1.2 s with 3.9 million tasks: /rounds took 1.15 s empty)."""
    from sqlalchemy import event

    from planwatch.store.tasks import latest_plan

    statements: list[tuple[str, object]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        statements.append((statement, parameters))

    event.listen(demo_engine, "before_cursor_execute", record)
    with Session(demo_engine) as session:
        assert latest_plan(session) is not None
    event.remove(demo_engine, "before_cursor_execute", record)
    statement, parameters = statements[-1]
    assert "EXISTS" in statement
    if demo_engine.dialect.name == "sqlite":
        with demo_engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
        assert "ix_task_plan_id (plan_id=?)" in plan and "SCAN task" not in plan, plan
