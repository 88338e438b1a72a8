"""Request hardening (issue 12): out-of-range numbers to EVERY route are 422 in the one error shape
(never 500), security headers on every response, body size limit, no inline script in templates.

The routes are walked from the app itself, so routes other modules add later are covered too.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount

from .conftest import Demo, csrf_of, login

HUGE = str(2**70)
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "planwatch" / "web" / "templates"


def _walk(routes: list[typing.Any], prefix: str = "") -> typing.Iterator[tuple[str, APIRoute]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # FastAPI's included routers
            context = getattr(route, "include_context", None)
            yield from _walk(route.original_router.routes, prefix + (getattr(context, "prefix", "") or ""))
        elif hasattr(route, "routes") and not isinstance(route, Mount):
            yield from _walk(route.routes, prefix)


def _routes(client: TestClient) -> list[tuple[str, APIRoute]]:
    return list(_walk(client.app.routes))  # type: ignore[attr-defined]


def _path(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def _int_like(annotation: typing.Any) -> bool:
    args = typing.get_args(annotation)
    return annotation is int or int in args


def _body(route: APIRoute) -> dict[str, typing.Any]:
    """A body for `route` with every integer field huge, every year 99999, text filled in."""
    field = route.body_field
    if field is None:
        return {}
    model = getattr(field, "type_", None) or getattr(field.field_info, "annotation", None)
    fields = getattr(model, "model_fields", {})
    body: dict[str, typing.Any] = {}
    for name, info in fields.items():
        annotation = info.annotation
        if "year" in name:
            body[name] = 99999
        elif _int_like(annotation):
            body[name] = 2**70
        elif annotation in (float, float | None):
            body[name] = 1.0
        elif annotation in (str, str | None):
            body[name] = "1"
    return body


def _assert_no_server_error(response: typing.Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code == 422 and response.headers.get("content-type", "").startswith("application/json"):
        error = response.json()["error"]
        assert error["code"] == "validation_error" and error["message"], what


@pytest.fixture
def admin(client: TestClient, demo: Demo) -> TestClient:
    client.headers["Authorization"] = f"Bearer {demo.tokens['admin']}"
    return client


def test_every_route_refuses_out_of_range_numbers(admin: TestClient) -> None:
    """Every route × {path ids 2**70, query ints 2**70, page 2**62, year 99999, bodies with 2**70}: never 500."""
    checked = 0
    for path, route in _routes(admin):
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            if "{" in path:
                response = admin.request(method, _path(path, HUGE))
                _assert_no_server_error(response, f"{method} {path} with ids 2**70")
                if path.startswith("/api/") and ":int}" in path:
                    assert response.status_code == 422, f"{method} {path}: {response.status_code}"
            query_names = [p.alias for p in route.dependant.query_params]
            params: dict[str, str] = {}
            for param in route.dependant.query_params:
                if "year" in param.alias:
                    params[param.alias] = "99999"
                elif param.alias == "page":
                    params[param.alias] = str(2**62)
                elif _int_like(param.field_info.annotation):
                    params[param.alias] = HUGE
            for extra, value in (("page", str(2**62)), ("year", HUGE)):
                params.setdefault(extra, value)
            url = _path(path, "1")
            kwargs: dict[str, typing.Any] = {"params": params}
            body = _body(route)
            if body and method in ("POST", "PUT", "PATCH"):
                if path.startswith("/api/"):
                    kwargs["json"] = body
                else:
                    kwargs["data"] = {k: str(v) for k, v in body.items()}
            response = admin.request(method, url, **kwargs)
            _assert_no_server_error(response, f"{method} {url} {params} {body}")
            if any(n in query_names for n in ("page", "year")) or "page" in params:
                assert response.status_code in (401, 403, 404, 405, 422), f"{method} {url}: {response.status_code}"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("url", [f"/api/tasks/{HUGE}", f"/api/plans/{HUGE}", f"/api/targets?page={2**62}",
                                 f"/api/targets?year={HUGE}", f"/api/actuals?indicator={HUGE}", "/api/actuals?year=99999",
                                 f"/tasks/{HUGE}", f"/plans/{HUGE}"])
def test_the_cases_of_the_issue_are_422(admin: TestClient, url: str) -> None:
    response = admin.get(url)
    if url.startswith("/api/"):
        assert response.status_code == 422, response.text[:200]
        assert response.json()["error"]["code"] == "validation_error"
    else:  # a page: the error page, 404 for an id nothing can have
        assert response.status_code == 404, response.text[:200]
        assert "error-card" in response.text


def test_an_actual_for_indicator_two_to_the_seventieth(admin: TestClient) -> None:
    response = admin.post("/api/actuals", json={"indicator_id": 2**70, "year": 2019, "value": 1, "unit": "%"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize("value", ["1e400", "-1e400", "Infinity", "NaN", '"inf"'])
def test_an_actual_that_is_not_a_finite_number(admin: TestClient, demo: Demo, value: str) -> None:
    """JSON 1e400 is a float's infinity: it was stored and judged its target met (audit defect 12)."""
    body = f'{{"indicator_id": {demo.indicator_id}, "year": 2019, "value": {value}, "unit": "%"}}'
    response = admin.post("/api/actuals", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text[:200]
    assert response.json()["error"]["code"] == "validation_error"
    assert admin.get(f"/api/actuals?indicator={demo.indicator_id}&year=2019").json()["actuals"] == []


@pytest.mark.parametrize("year", ["99999", "1800", "-5", str(2**70)])
def test_upload_with_a_year_out_of_range(admin: TestClient, year: str) -> None:
    plan = "示例区 2020 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n".encode()
    response = admin.post("/api/plans", files={"file": ("plan.txt", plan, "text/plain")}, data={"year": year})
    assert response.status_code == 422, response.text[:200]
    assert response.json()["error"]["code"] == "validation_error"


def test_upload_form_with_a_year_out_of_range(client: TestClient) -> None:
    login(client, "admin")
    plan = "示例区 2020 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n".encode()
    response = client.post("/upload", files={"file": ("plan.txt", plan, "text/plain")},
                           data={"year": "99999", "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.status_code == 422


def test_upload_name_with_folders_is_reported(admin: TestClient) -> None:
    plan = "示例区 2020 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n".encode()
    response = admin.post("/api/plans", files={"file": ("../../etc/shili-2020.txt", plan, "text/plain")})
    assert response.status_code in (200, 201), response.text[:300]
    body = response.json()
    assert body["plan"]["source"].endswith("shili-2020.txt") and "../" not in body["plan"]["source"]
    assert body["notes"] and "shili-2020.txt" in body["notes"][0]


def test_upload_of_a_stored_plan_in_another_layout_says_so(admin: TestClient) -> None:
    """The same plan without its blank lines (as its .docx reads) is the stored plan: 200, unchanged, and a note
    that names the upload and the plan it matched."""
    plan = "示例区 2021 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n\n——新增就业 1 万人。\n"
    first = admin.post("/api/plans", files={"file": ("shili-2021.txt", plan.encode(), "text/plain")})
    assert first.status_code == 201, first.text[:300]
    again = admin.post("/api/plans", files={"file": ("shili-2021-word.txt", plan.replace("\n\n", "\n").encode(),
                                                     "text/plain")})
    assert again.status_code == 200, again.text[:300]
    body = again.json()
    assert body["status"] == "unchanged" and body["plan"]["id"] == first.json()["plan"]["id"]
    assert body["notes"] == ["shili-2021-word.txt 与已存储的计划 shili-2021.txt 内容相同，未作任何更改"]


def test_upload_of_a_plan_in_traditional_script_says_it_was_converted(admin: TestClient) -> None:
    """A mirror site's copy in traditional script is stored converted to simplified; the upload's notes say so."""
    path = Path(__file__).resolve().parents[1] / "data" / "documents" / "jilin-2026-traditional.txt"
    response = admin.post("/api/plans", files={"file": ("jilin-2026-traditional.txt", path.read_bytes(), "text/plain")})
    assert response.status_code == 201, response.text[:300]
    body = response.json()
    assert body["plan"]["government"] == "吉林省" and body["records"] >= 12
    assert body["notes"] == ["jilin-2026-traditional.txt 为繁体文本：已由繁体转换为简体（逐字转换，长度不变）后再读取"]


def test_the_plan_page_after_an_upload_says_what_it_did(client: TestClient) -> None:
    """The upload form leads to the plan's page, which says once what the upload did, with the notes the API gives
    (a stored plan's other file), instead of opening the plan as if it had just been added."""
    login(client, "admin")
    token = csrf_of(client)
    plan = "示例区 2022 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n\n——新增就业 1 万人。\n"

    def upload(name: str, text: str) -> str:
        response = client.post("/upload", data={"csrf_token": token}, files={"file": (name, text.encode(), "text/plain")},
                               follow_redirects=False)
        assert response.status_code == 303, response.text[:300]
        return response.headers["location"]

    where = upload("shili-2022.txt", plan)
    shown = client.get(where).text
    said = re.search(r'<div class="flash" id="uploaded" role="status">(.*?)</div>', shown, re.S)
    assert said and re.search(r"已存入 shili-2022.txt：\d+ 条记录（其中目标 \d+ 项），实际值 \d+ 个。", said.group(1))
    assert 'id="uploaded"' not in client.get(where).text  # once
    assert upload("shili-2022-word.txt", plan.replace("\n\n", "\n")) == where
    said = re.search(r'<div class="flash" id="uploaded" role="status">(.*?)</div>', client.get(where).text, re.S)
    assert said and "shili-2022-word.txt 已存储，未作任何更改。" in said.group(1)
    assert "<p>shili-2022-word.txt 与已存储的计划 shili-2022.txt 内容相同，未作任何更改</p>" in said.group(1)
    assert client.get(where.replace("/plans/", "/api/plans/")).json()["uploaded"] is None


def test_the_upload_result_fits_in_the_session_cookie(client: TestClient) -> None:
    """A long Chinese file name sent with folder parts, matching a stored plan, appears in both notes: the cookie that
    carries the result to the plan page stays under browsers' 4 KB (at ≈ 4 KB, the message was lost)."""
    login(client, "admin")
    token = csrf_of(client)
    plan = "示例区 2024 年国民经济和社会发展计划\n\n——地区生产总值增长 6%左右。\n\n——新增就业 1 万人。\n"
    long_name = "示例区人民政府关于印发二〇二四年国民经济和社会发展计划的通知及其附件" * 2 + ".txt"
    client.post("/upload", data={"csrf_token": token}, files={"file": (long_name, plan.encode(), "text/plain")})
    sent = "上级/文件夹/" + long_name.replace(".txt", "（格式二）.txt")
    response = client.post("/upload", data={"csrf_token": token}, follow_redirects=False,
                           files={"file": (sent, plan.replace("\n\n", "\n").encode(), "text/plain")})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert len(cookie.split(";")[0]) < 3000, len(cookie)
    said = re.search(r'<div class="flash" id="uploaded" role="status">(.*?)</div>', client.get(response.headers["location"]).text, re.S)
    assert said, "no upload result"
    assert said.group(1).count("（格式二）.txt") == 4 and "内容相同" in said.group(1), said.group(1)


def test_upload_past_the_size_limit(demo_engine: typing.Any, demo: Demo) -> None:
    from .conftest import make_client

    with make_client(demo_engine, max_file_mb=0.05) as small:
        small.headers["Authorization"] = f"Bearer {demo.tokens['admin']}"
        big = ("——地区生产总值增长 6%左右。\n" * 3000).encode()  # ~0.1 MB
        response = small.post("/api/plans", files={"file": ("big.txt", big, "text/plain")})
        assert response.status_code in (413, 422), response.text[:200]
        assert "MB" in response.json()["error"]["message"]
        huge = b"x" * (2 * 1024 * 1024)  # past the limit + 1 MB for the form: refused before it is read
        response = small.post("/api/plans", files={"file": ("huge.txt", huge, "text/plain")})
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("url", ["/", "/api/targets", "/static/app.js", "/no-such-page", f"/api/tasks/{HUGE}", "/login"])
def test_security_headers_everywhere(client: TestClient, url: str) -> None:
    response = client.get(url)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script(template: Path) -> None:
    """The CSP forbids inline script: code lives in /static/*.js (JSON data blocks are fine)."""
    html = template.read_text(encoding="utf-8")
    for match in re.finditer(r"<script\b([^>]*)>", html):
        attributes = match.group(1)
        assert "src=" in attributes or 'type="application/json"' in attributes, f"inline <script> in {template.name}"
    handlers = re.findall(r"\son[a-z]+\s*=", html)
    assert not handlers, f"inline event handlers {handlers} in {template.name}"
    assert "javascript:" not in html


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/targets?page=99999999", 422, "页码：数字过大"),
    (f"/?plan={HUGE}", 422, "计划：数字过大"),
    ("/plans/9999999999999999999999999", 404, "不存在编号为 9999999999999999999999999 的条目"),
    (f"/tasks/{2**63}", 404, "不存在编号为"),
])
def test_out_of_range_numbers_on_pages_show_the_error_page(client: TestClient, url: str, status: int,
                                                           words: str) -> None:
    """A browser gets the site's error page (header, language), never raw JSON or a bare page."""
    response = client.get(url, headers=BROWSER)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="card error-card"' in response.text and words in response.text


@pytest.mark.parametrize("url", [f"/plans/{2**63}.json", f"/api/plans/{2**63}", f"/api/tasks/{2**63}"])
def test_ids_past_64_bits_in_json_never_leak_the_driver_message(client: TestClient, url: str) -> None:
    response = client.get(url, headers=BROWSER)
    assert response.status_code == 422 and response.headers["content-type"].startswith("application/json")
    assert "Python int" not in response.text and "SQLite" not in response.text
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize("url", ["/", "/targets", "/tasks", "/api/home", "/api/targets", "/targets.csv",
                                 "/favicon.ico", "/login", "/static/app.css", "/openapi.json"])
def test_head_answers_wherever_get_does(client: TestClient, url: str) -> None:
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200 and head.status_code == 200, (url, head.status_code)
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert "content-security-policy" in head.headers



@pytest.mark.parametrize("stored", [float("inf"), float("-inf")])  # NaN: SQLite stores NULL (NOT NULL refuses it)
def test_a_non_finite_actual_stored_earlier_is_null_in_json(client: TestClient, demo: Demo, demo_engine: typing.Any,
                                                            stored: float) -> None:
    """An old database may hold inf or NaN (stored before actuals were checked): the JSON lists and pages that
    show actuals or assessments answer 200 with null there, and no target is judged on it (it had been a 500)."""
    import math

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.store.schema import Actual, Plan, Record

    with Session(demo_engine) as session:
        government = session.scalar(select(Plan.government_id).where(Plan.id == demo.plan_id))
        target = session.scalars(select(Record).where(Record.plan_id == demo.plan_id, Record.kind == "target",
                                                      Record.indicator_id.is_not(None),
                                                      Record.year.is_not(None))).first()
        assert target is not None
        session.add(Actual(indicator_id=target.indicator_id, government_id=government, year=target.year,
                           period="", measure=target.measure, value=stored, unit=target.unit or "%",
                           source="manual", note=""))
        session.commit()
        target_id, indicator = target.id, target.indicator_id
    actuals = client.get("/api/actuals", params={"indicator": indicator})
    assert actuals.status_code == 200, actuals.text[:300]
    assert None in [a["value"] for a in actuals.json()["actuals"]]
    for url in (f"/api/assessments?plan={demo.plan_id}&size=1000", f"/api/indicators/{indicator}",
                "/api/targets?size=1000", f"/api/records/{target_id}", f"/api/home?plan={demo.plan_id}"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        assert "Infinity" not in response.text and "NaN" not in response.text
    rows = client.get(f"/api/assessments?plan={demo.plan_id}&size=1000").json()["assessments"]
    (row,) = [r for r in rows if r["record_id"] == target_id]
    assert row["status"] in ("no_data", "no data") and row["margin"] is None  # not judged on it
    assert all(r["actual"] is None or math.isfinite(r["actual"]) for r in rows)
    mine = client.get(f"/api/records/{target_id}").json()["record"]
    assert mine["status"] in ("no_data", "absent")
    for page in (f"/indicators/{indicator}", f"/assessments?plan={demo.plan_id}", f"/records/{target_id}"):
        assert client.get(page).status_code == 200, page
