"""Every page renders (Chinese by default, English on request) and serves the same data as JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import Demo

PAGES = ["/", "/plans", "/plans/{plan}", "/plans/{plan}/sections", "/targets", "/targets?kind=result",
         "/indicators", "/indicators/{indicator}", "/tasks", "/tasks/{task}", "/search?q=学位", "/records/1"]


def _fill(path: str, demo: Demo) -> str:
    return path.format(plan=demo.plan_id, indicator=demo.indicator_id, task=demo.task_id)


@pytest.mark.parametrize("path", PAGES)
def test_page_html_and_json_agree(client: TestClient, demo: Demo, path: str) -> None:
    path = _fill(path, demo)
    html = client.get(path)
    assert html.status_code == 200, html.text[:300]
    assert html.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in html.text
    base, _, query = path.partition("?")
    json_path = ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")
    api_path = ("/api/home" if base == "/" else "/api" + base) + (f"?{query}" if query else "")
    as_json, as_api = client.get(json_path), client.get(api_path)
    assert as_json.status_code == as_api.status_code == 200
    assert as_json.json() == as_api.json()


def test_home_shows_the_plan_headline_and_counts(client: TestClient, demo: Demo) -> None:
    data = client.get("/api/home").json()
    assert data["plan"]["id"] == demo.plan_id
    assert data["plan"]["government"] == "深圳市坪山区"
    assert sum(data["counts"].values()) == len(client.get("/api/targets?size=1000").json()["records"])
    assert data["headline"] and all(r["kind"] == "target" and r["status"] for r in data["headline"])
    html = client.get("/").text
    assert "主要指标" in html and "地区生产总值" in html


def test_plan_reader_highlights_every_record(client: TestClient, demo: Demo) -> None:
    data = client.get(f"/api/plans/{demo.plan_id}").json()
    text = data["plan"]["text"]
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in data["records"])
    html = client.get(f"/plans/{demo.plan_id}").text
    marks = html.count('<mark class="q')
    assert marks >= len(data["records"]) * 0.9  # overlapping spans are listed, not nested
    assert 'id="record-panel"' in html and 'id="outline"' in html


def test_language_switch_sticks_in_a_cookie(client: TestClient) -> None:
    assert "Headline indicators" in client.get("/?lang=en").text
    assert '<html lang="en">' in client.get("/targets").text
    assert "目标" in client.get("/targets?lang=zh").text
    assert '<html lang="zh-CN">' in client.get("/").text


def test_english_api_error_messages(client: TestClient) -> None:
    body = client.get("/api/nowhere?lang=en").json()
    assert body["error"]["message"] == "Not found: /api/nowhere"
    body = client.get("/api/nowhere?lang=zh").json()
    assert body["error"]["message"].startswith("找不到")


def test_indicator_series_pairs_targets_and_actuals(client: TestClient, demo: Demo) -> None:
    home = client.get("/api/home").json()
    gdp = next(r for r in home["headline"] if r["indicator_name"] == "地区生产总值")
    data = client.get(f"/api/indicators/{gdp['indicator_id']}").json()
    assert data["indicator"]["polarity"] == "higher"
    assert data["series"], "GDP has values with years"
    for lane in data["series"]:  # one series per government, points on a real time axis
        assert lane["governments"] and all(g["government"] for g in lane["governments"])
        for g in lane["governments"]:
            assert all(isinstance(p["x"], float) for kind in ("targets", "results", "actuals") for p in g[kind])
    html = client.get(f"/indicators/{gdp['indicator_id']}").text
    assert "/static/vendor/echarts.min.js" in html and 'id="chart-0"' in html


def test_echarts_is_served_locally(client: TestClient) -> None:
    response = client.get("/static/vendor/echarts.min.js")
    assert response.status_code == 200, "run `npm ci` (Makefile install step) to fetch ECharts"
    assert b"echarts" in response.content[:5000]
    assert client.get("/static/app.js").status_code == 200


def test_tasks_grouped_and_filtered(client: TestClient, demo: Demo) -> None:
    data = client.get("/api/tasks").json()
    assert data["count"] > 50 and len(data["groups"]) > 1
    assert data["paging"]["pages"] > 1 and sum(len(g["tasks"]) for g in data["groups"]) == data["paging"]["size"]
    assert all(g["title"] for g in data["groups"])
    only = client.get("/api/tasks", params={"unit": demo.unit}).json()
    units = {t["unit"] for g in only["groups"] for t in g["tasks"]}
    assert units == {demo.unit}
    done = client.get("/api/tasks", params={"status": "已完成"}).json()
    assert done["count"] == 0


def test_search_finds_records_tasks_and_plans(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "学位"}).json()
    assert data["records"] and data["plans"] and data["tasks"]
    assert all("学位" in h["snippet"]["hit"] for h in data["records"])
    assert client.get("/api/search", params={"q": "  "}).json()["records"] == []


def test_anonymous_reading_can_be_switched_off(demo_engine) -> None:  # type: ignore[no-untyped-def]
    from .conftest import make_client

    with make_client(demo_engine, anonymous_read=False) as closed:
        assert closed.get("/api/home").status_code == 401
        page = closed.get("/targets", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        assert closed.get("/login").status_code == 200


def test_statuses_agree_with_planwatch_assess(client: TestClient, demo: Demo, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from planwatch.monitor.service import assess_targets
    from planwatch.store.actuals import set_actual

    gdp = next(r for r in client.get("/api/home").json()["headline"] if r["measure"] == "growth")
    set_actual(demo_engine, gdp["indicator_name"], gdp["year"], gdp["value"] + 1, "%", measure="growth")
    expected = {t.record_id: t.status.replace(" ", "_") for t in assess_targets(demo_engine, demo.plan_id)
                if t.record_id is not None}
    shown = {r["id"]: r["status"] for r in client.get("/api/targets", params={"size": 1000}).json()["records"]}
    assert shown == expected
    assert shown[gdp["id"]] == "met"
    assert client.get("/api/home").json()["counts"]["met"] >= 1


def test_empty_database_pages(engine) -> None:  # type: ignore[no-untyped-def]
    from .conftest import make_client

    with make_client(engine) as empty:
        home = empty.get("/")
        assert home.status_code == 200 and "还没有计划" in home.text
        assert empty.get("/api/home").json()["plan"] is None
        for path in ("/targets", "/indicators", "/tasks", "/search?q=学位", "/upload", "/plans"):
            assert empty.get(path).status_code == 200, path


def test_rule_and_basis_columns_speak_the_interface_language(client: TestClient, demo: Demo) -> None:
    """评判规则 on the assessments and record pages: no English sentence in the Chinese UI (audit 12)."""
    row = client.get("/api/assessments").json()["assessments"][0]  # 地区生产总值 growth ≥ 8.5 %, 2019
    indicator_id = client.get(f"/api/records/{row['record_id']}").json()["record"]["indicator_id"]
    actual = {"indicator_id": indicator_id, "year": row["year"], "value": row["value"] + 1, "unit": row["unit"],
              "measure": row["measure"]}
    headers = {"Authorization": f"Bearer {demo.tokens['admin']}"}
    assert client.post("/api/actuals", json=actual, headers=headers).status_code == 201
    row = next(r for r in client.get("/api/assessments").json()["assessments"] if r["record_id"] == row["record_id"])
    assert row["status"] == "met" and "met when" in row["rule"] and row["basis"].startswith("reported")  # the API keeps English
    for url in (f"/assessments?plan={row['plan_id']}", f"/records/{row['record_id']}"):
        zh = client.get(url + ("&" if "?" in url else "?") + "lang=zh").text
        assert "met when" not in zh and "reported " not in zh and "即完成" in zh, url
        en = client.get(url + ("&" if "?" in url else "?") + "lang=en").text
        assert "met when" in en and "即完成" not in en, url


def test_evaluation_page_in_english_names_dimensions_and_reasons_in_english(client: TestClient, demo: Demo) -> None:
    """Dimension and system names of the bundled system and the reason column follow ?lang= (audit 13)."""
    row = client.get("/api/assessments").json()["assessments"][0]  # 地区生产总值 growth ≥ 8.5 %: a linear item
    indicator_id = client.get(f"/api/records/{row['record_id']}").json()["record"]["indicator_id"]
    actual = {"indicator_id": indicator_id, "year": row["year"], "value": 9.5, "unit": "%", "measure": "growth"}
    assert client.post("/api/actuals", json=actual,
                       headers={"Authorization": f"Bearer {demo.tokens['admin']}"}).status_code == 201
    en = client.get(f"/plans/{demo.plan_id}/evaluation?lang=en").text
    assert "Economic performance" in en and "High-quality development indicator system" in en
    assert "经济运行" not in en and "本计划未设该指标目标" not in en and "暂无实际值" not in en
    assert "actual 9.5%, floor 0%, target 8.5%" in en  # amounts as the English pages write them, with the unit
    zh = client.get(f"/plans/{demo.plan_id}/evaluation?lang=zh").text
    assert "经济运行" in zh and "实际9.5%，下限0%，目标8.5%" in zh and "Economic" not in zh


def test_assessments_status_filter_is_a_select_that_keeps_the_plan(client: TestClient, demo: Demo) -> None:
    """Status is chosen from translated labels, and ?plan= survives the next search (audit 17)."""
    import re

    html = client.get(f"/assessments?plan={demo.plan_id}&status=on_track&lang=zh").text
    form = html[html.index('<form class="filters"'):html.index("</form>")]
    assert '<input name="status"' not in form
    options = dict(re.findall(r'<option value="(\w*)"[^>]*>([^<]+)</option>', form))
    assert options["met"] == "完成" and options["missed"] == "未完成" and set(options) >= {"on_track", "no_data", ""}
    assert re.search(r'<option value="on_track" selected', form)
    assert re.search(rf'<select name="plan">.*<option value="{demo.plan_id}" selected', form, re.S)  # the plan is kept
    assert "On track" in client.get("/assessments?lang=en").text or "on track" in client.get("/assessments?lang=en").text


def test_backticks_from_the_docs_render_as_code(client: TestClient) -> None:
    """Commands and headers quoted in interface text show as <code>, never as literal backticks (audit 18)."""
    from .conftest import login

    page = client.get("/login?lang=zh").text  # the login page speaks to users, not operators: no command there
    assert "planwatch users add" not in page and "`" not in page and "联系管理员" in page
    login(client, "office")
    for url, words in (("/account", "<code>Authorization: Bearer &lt;令牌&gt;</code>"), ("/inbox", "<code>planwatch remind</code>")):
        page = client.get(url).text
        assert words in page and "`" not in page, url


def test_code_spans_escape_the_rest() -> None:
    from planwatch.web.render import code_spans

    assert code_spans("a <b> `x<y>` c") == "a &lt;b&gt; <code>x&lt;y&gt;</code> c"
    assert code_spans("one ` only") == "one ` only"


def test_indicator_page_gives_each_actual_its_period_and_each_record_its_government(engine) -> None:  # type: ignore[no-untyped-def]
    """The national 2018 report reviews 2013–2017: 年均增长7.1% is listed as an average over those years, never as
    2017's growth; its base 从54万亿元 (2012's level) is no actual; the records of two governments say whose."""
    import re

    from planwatch.cli.demo import example_paths
    from planwatch.cli.store import load_demo
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    from .conftest import make_client

    ingest_document(engine, load(next(p for p in example_paths() if p.name == "national-gwr-2018.txt")))
    load_demo(engine)  # Pingshan 2019
    with make_client(engine) as client:
        gdp = next(r for r in client.get("/api/home").json()["headline"] if r["indicator_name"] == "地区生产总值")
        data = client.get(f"/api/indicators/{gdp['indicator_id']}").json()
        html = client.get(f"/indicators/{gdp['indicator_id']}").text
    national = {(a["year"], a["measure"], a["value"]): a for a in data["actuals"] if a["government"] == "国务院"}
    assert (national[(2017, "growth", 7.1)]["span"], national[(2017, "growth", 7.1)]["period_start"]) == ("average", 2013)
    assert (national[(2017, "growth", 6.9)]["span"], national[(2017, "growth", 6.9)]["period_start"]) == ("year", None)
    assert [v for (_y, _m, v) in national if v == 54e12] == []  # 国内生产总值从54万亿元增加到…
    assert {r["government"] for r in data["records"]} == {"国务院", "深圳市坪山区"}
    actuals = re.findall(r"<tr>(.*?)</tr>", html[html.index('id="indicator-actuals"'):], re.S)
    assert '<td class="period">年均 2013–2017</td>' in next(r for r in actuals if "7.1%" in r)
    assert '<td class="period">全年</td>' in next(r for r in actuals if "6.9%" in r)
    records = html[html.index('id="indicator-records"'):html.index('id="actuals"')]
    assert "<th>政府</th><th>年份</th>" in records
    assert set(re.findall(r'<tr id="rec-\d+"><td>([^<]*)</td>', records)) == {"国务院", "深圳市坪山区"}


def test_home_headline_is_the_plan_years_targets(client: TestClient, demo_engine: object) -> None:
    """The State Council's 2016 report sets its 十三五 goals for 2020 before the year's: home's 主要指标 listed the
    2020 goals (常住人口城镇化率 60 %, 森林覆盖率 …) and hid the year's 居民消费价格 ≈3 % beside the report, whose main
    indicators are the year's (`evaluate.facts.headline_rows`)."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(demo_engine, load(example_paths()[0])).plan_id  # type: ignore[arg-type]
    headline = client.get(f"/api/home?plan={plan}").json()["headline"]
    assert headline and {r["year"] for r in headline} == {2016}
    assert {"居民消费价格", "城镇新增就业"} <= {r["indicator_name"] for r in headline}


def test_apps_made_in_one_process_share_routes_but_answer_from_their_own_database(client: TestClient,
                                                                                    engine) -> None:  # type: ignore[no-untyped-def]
    """The routers are included once a process (`web.app._routes`): two apps over two databases, asked in turn, each
    answers from its own database, with its own settings."""
    from .conftest import make_client

    with make_client(engine, language="en") as empty:
        for _ in range(2):
            assert client.get("/api/home").json()["plan"] is not None
            assert empty.get("/api/home").json()["plan"] is None
            assert 'lang="en"' in empty.get("/").text and 'lang="zh-CN"' in client.get("/").text
