"""One error shape for every error: {"error": {"code", "message", "details"}}, with the right status."""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from planwatch import errors
from planwatch.store import accounts, unit_registry

from .conftest import Demo, login, make_client, unmark


def _shape(body: dict) -> dict:  # type: ignore[type-arg]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("get", "/api/no/such/thing", {}, 404, "not_found"),
        ("get", "/api/plans/999999", {}, 404, "not_found"),
        ("get", "/api/indicators/999999", {}, 404, "not_found"),
        ("get", "/api/tasks/999999", {}, 404, "not_found"),
        ("get", "/api/targets?page=0", {}, 422, "validation_error"),
        ("get", "/api/targets?sort=nonsense", {}, 422, "validation_error"),
        ("delete", "/api/home", {}, 405, "method_not_allowed"),
        ("get", "/api/audit", {}, 401, "unauthorized"),
        ("post", "/api/actuals", {"json": {}}, 422, "validation_error"),
        ("post", "/api/tasks/1/updates", {"json": {"status": "推进中"}}, 401, "unauthorized"),
        ("get", "/api/home", {"headers": {"Authorization": "Bearer nope"}}, 401, "invalid_token"),
    ],
)
def test_error_shape(client: TestClient, method: str, path: str, kwargs: dict, status: int, code: str) -> None:  # type: ignore[type-arg]
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    assert _shape(response.json())["code"] == code


def test_validation_details_list_each_problem(client: TestClient) -> None:
    error = _shape(client.get("/api/targets?page=0&size=99999").json())
    locs = sorted(p["loc"][-1] for p in error["details"]["problems"])
    assert locs == ["page", "size"]


def _app_raising(engine, exc: Exception) -> TestClient:  # type: ignore[no-untyped-def]
    client = make_client(engine)
    router = APIRouter()

    @router.get("/api/boom")
    def boom() -> None:
        raise exc

    client.app.include_router(router)  # type: ignore[attr-defined]
    return client


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (errors.DocumentError("x.doc: unsupported"), 422, "document_error"),
        (errors.NotFoundError("plan 3: no such plan"), 404, "not_found"),
        (errors.PermissionDenied("no"), 403, "forbidden"),
        (errors.StoreError("database write failed"), 400, "store_error"),
        (errors.ValidationError("2 bad rows", ["row 2: x", "row 3: y"]), 422, "validation_error"),
        (RuntimeError("secret detail"), 500, "internal_error"),
    ],
)
def test_library_errors_are_translated(demo_engine, exc: Exception, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    response = _app_raising(demo_engine, exc).get("/api/boom")
    assert response.status_code == status
    error = _shape(response.json())
    assert error["code"] == code
    if isinstance(exc, errors.ValidationError):
        assert error["details"] == {"problems": ["row 2: x", "row 3: y"]}
    if status == 500:
        assert "secret detail" not in error["message"]


def test_pages_render_errors_as_html(client: TestClient) -> None:
    response = client.get("/plans/999999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "找不到计划 999999" in response.text and "not_found" in response.text


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/home", "/api/plans/{plan_id}", "/api/targets", "/api/records", "/api/actuals",
                 "/api/indicators/{indicator_id}", "/api/tasks", "/api/tasks/{task_id}/updates", "/api/search",
                 "/api/plans"):
        assert path in paths, path
    assert "post" in paths["/api/actuals"] and "get" in paths["/api/actuals"]
    assert not any(p.endswith(".json") for p in paths if p != "/openapi.json")
    params = {p["name"] for p in paths["/api/targets"]["get"]["parameters"]}
    assert {"kind", "status", "domain", "section", "q", "sort", "page", "size"} <= params


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(("url", "zh", "en"), [
    ("/tasks/99999", "找不到任务 99999", "Task 99999 does not exist"),
    ("/plans/99999/evaluation", "找不到计划 99999", "Plan 99999 does not exist"),
    ("/assessments?plan=99999", "找不到计划 99999", "Plan 99999 does not exist"),
    ("/records/99999", "找不到记录 99999", "Record 99999 does not exist"),
    ("/indicators/99999", "找不到指标 99999", "Indicator 99999 does not exist"),
    ("/api/tasks/99999", "找不到任务 99999", "Task 99999 does not exist"),
])
def test_not_found_messages_speak_the_interface_language(client: TestClient, url: str, zh: str, en: str) -> None:
    """No English library message and no CLI command (`planwatch tasks` …) reaches a web reader."""
    for lang, words in (("zh", zh), ("en", en)):
        response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}", headers=BROWSER)
        assert response.status_code == 404
        assert words in response.text, response.text[:500]
        assert "planwatch tasks" not in response.text and "`" not in response.text.split("<main", 1)[-1]
    if url.startswith("/api/"):
        assert _shape(response.json())["code"] == "not_found"


@pytest.mark.parametrize(("url", "zh", "en"), [
    ("/targets?page=0", "页码须大于或等于 1", "page must be greater than or equal to 1"),
    ("/search?q=" + "a" * 201, "搜索词最多 200 个字符", "the search term may have at most 200 characters"),
    ("/api/targets?page=0", "页码须大于或等于 1", "page must be greater than or equal to 1"),
])
def test_validation_problems_are_translated(client: TestClient, url: str, zh: str, en: str) -> None:
    for lang, words in (("zh", zh), ("en", en)):
        response = client.get(url + f"&lang={lang}", headers=BROWSER)
        assert response.status_code == 422
        assert words in response.text, response.text[:800]
        assert "Input should be" not in response.text and "String should" not in response.text


FILTER_PATHS = ["/?plan=99999", "/targets?plan=99999", "/targets?indicator=99999", "/targets.csv?plan=99999",
                "/tasks?plan=99999", "/entry?government=99999", "/plans?government=99999",
                "/indicators/{indicator}?government=99999", "/assessments?plan=99999"]


@pytest.mark.parametrize("path", FILTER_PATHS)
def test_a_filter_id_naming_nothing_is_not_found(client: TestClient, demo: Demo, path: str) -> None:
    """An id in a filter that names no plan, government or indicator: 404 with the worded message, the page and
    its JSON alike — not an empty list that reads as "no data" (audit defect 20)."""
    login(client, "admin")  # /entry is for writers
    url = path.format(indicator=demo.indicator_id)
    kind = "计划" if "plan=" in url else "指标" if "indicator=" in url else "政府"
    page = client.get(url, headers=BROWSER)
    assert page.status_code == 404 and f"找不到{kind} 99999" in page.text, page.text[:300]
    if not url.endswith(".csv?plan=99999"):
        api = client.get(url.replace("/?", "/api/home?") if url.startswith("/?") else "/api" + url)
        assert api.status_code == 404 and api.json()["error"]["message"] == f"找不到{kind} 99999"


@pytest.mark.parametrize(("path", "zh", "en"), [
    ("/targets?status=bogus", "状态须为以下之一：met、missed", "status must be one of: met, missed"),
    ("/targets?kind=bogus", "类别须为以下之一：target、result", "record kind must be one of: target, result"),
    ("/targets.csv?measure=bogus", "口径须为以下之一：level", "measure must be one of: level"),
    ("/assessments?status=bogus", "状态须为以下之一：met、missed", "status must be one of: met, missed"),
    ("/tasks?status=bogus", "状态须为以下之一：未启动", "status must be one of: 未启动"),
    ("/api/targets?status=bogus", "状态须为以下之一：met、missed", "status must be one of: met, missed"),
])
def test_an_unknown_code_in_a_filter_is_refused(client: TestClient, path: str, zh: str, en: str) -> None:
    """An enumerated filter value that is none of its choices: 422 with the worded problem, on every list
    (/targets?status=bogus had listed nothing with 200 while /assessments refused it) (audit defect 20)."""
    for lang, words in (("zh", zh), ("en", en)):
        response = client.get(f"{path}&lang={lang}", headers=BROWSER)
        assert response.status_code == 422 and words in unmark(response.text), response.text[:800]
        assert "is not one of" not in response.text



def _refusal(engine, action) -> errors.ValidationError:  # type: ignore[no-untyped-def]
    """The library's own refusal of `action(session)`."""
    from sqlalchemy.orm import Session

    with Session(engine) as session, pytest.raises(errors.ValidationError) as caught:
        action(session)
    return caught.value


def _user_again(session) -> None:  # type: ignore[no-untyped-def]
    accounts.add_user(session, "admin", "long-enough-1")


def _short_password(session) -> None:  # type: ignore[no-untyped-def]
    accounts.add_user(session, "x", "short")


def _unknown_unit(session) -> None:  # type: ignore[no-untyped-def]
    unit_registry.check_units(session, ["区火星局"])


def _long_unit(session) -> None:  # type: ignore[no-untyped-def]
    unit_registry.add_unit(session, "局" * 201)


@pytest.mark.parametrize(("action", "zh", "en"), [
    (_user_again, "已有名为 admin 的用户", "A user called admin already exists"),
    (_short_password, "密码太短，至少需要 8 个字符", "The password is too short; use at least 8 characters"),
    (_unknown_unit, "单位 区火星局 尚未登记", "Unit 区火星局 is not registered"),
    (_long_unit, "单位名称超过 200 个字符", "The unit name is longer than 200 characters"),
])
def test_library_refusals_speak_the_interface_language(demo_engine, action, zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    """A library ValidationError reaching the web is worded in the interface language from its reason and params,
    with no CLI hint ("use `planwatch users passwd`"); the CLI keeps the library's English message."""
    exc = _refusal(demo_engine, action)
    assert exc.reason and str(exc).isascii() or "区火星局" in str(exc)  # the library's own words stay English
    client = _app_raising(demo_engine, exc)
    for lang, words in (("zh", zh), ("en", en)):
        response = client.get(f"/api/boom?lang={lang}")
        assert response.status_code == 422
        error = _shape(response.json())
        assert error["message"].startswith(words) and error["details"]["problems"] == [error["message"]]
        assert "planwatch" not in error["message"] and "`" not in error["message"]


@pytest.mark.parametrize(("url", "zh", "en"), [
    ("/plans/{plan}/report?format=xls", "报告格式须为以下之一：docx、pdf、md、html、xlsx",
     "report format must be one of: docx, pdf, md, html, xlsx"),
    ("/tasks?as_of=2019-13-01", "截至日期格式不对：2019-13-01，应为 YYYY-MM-DD",
     "as-of date: 2019-13-01 is not a date; write it as YYYY-MM-DD"),
    ("/api/tasks?as_of=2019-13-01", "截至日期格式不对：2019-13-01，应为 YYYY-MM-DD",
     "as-of date: 2019-13-01 is not a date; write it as YYYY-MM-DD"),
    ("/tasks?group=bogus", "分组方式须为以下之一：section、unit", "grouping must be one of: section, unit"),
    ("/targets?sort=nonsense", "排序列须为以下之一：position、indicator", "sort column must be one of: position, indicator"),
    ("/search?limit=many", "每类结果数须为整数", "hits per kind must be a whole number"),
    ("/audit?since=2020-02-30", "起始日期格式不对：2020-02-30，应为 YYYY-MM-DD",
     "start date: 2020-02-30 is not a date; write it as YYYY-MM-DD"),
])
def test_validation_messages_name_the_parameter_in_words(client: TestClient, demo: Demo, url: str, zh: str,
                                                         en: str) -> None:
    """"format须为以下之一：'docx', 'pdf', 'md', 'html' or 'xlsx'" and "as_of须为日期": the parameter's code, pydantic's
    quotes and "or" reached the page. Now the parameter in words, the choices listed the interface language's way,
    the value given; the API's one error shape keeps its code and problems (review of the error pages)."""
    login(client, "admin")  # /audit is for administrators
    url = url.format(plan=demo.plan_id)
    for lang, words in (("zh", zh), ("en", en)):
        response = client.get(url + f"&lang={lang}", headers=BROWSER)
        assert response.status_code == 422 and words in response.text, response.text[:1500]
        shown = (" ".join(p["message"] for p in response.json()["error"]["details"]["problems"])  # loc keeps codes
                 if url.startswith("/api/") else response.text.split("<main", 1)[-1])
        assert "as_of" not in shown and "format须" not in shown and "'docx'" not in shown and " or '" not in shown
        assert "Input should" not in shown and "limit须" not in shown and "since" not in shown
    if url.startswith("/api/"):
        error = _shape(client.get(url + "&lang=zh").json())
        assert error["code"] == "validation_error" and error["details"]["problems"][0]["message"] == zh


def _parameters(dependant) -> set[str]:  # type: ignore[no-untyped-def]
    """Every request parameter of a route: query, path, form and body fields (a JSON body's by field), and those of
    its dependencies."""
    names = {p.alias for p in (*dependant.query_params, *dependant.path_params, *dependant.header_params)}
    for body in dependant.body_params:
        fields = getattr(body.field_info.annotation, "model_fields", None)
        names |= set(fields) if fields else {body.alias}
    for sub in dependant.dependencies:
        names |= _parameters(sub)
    return names


def test_every_request_parameter_has_words(client: TestClient) -> None:
    """A problem names its parameter as readers know it (报告格式, 截至日期), so every parameter of every route has
    words in errors.FIELDS — a new parameter without them would show its code."""
    from fastapi.routing import APIRoute

    from planwatch.web.errors import FIELDS

    def api_routes(routes):  # type: ignore[no-untyped-def]
        for route in routes:  # included routers nest their routes (FastAPI 0.16x: _IncludedRouter.original_router)
            if isinstance(route, APIRoute):
                yield route
            else:
                inner = getattr(route, "original_router", route)
                yield from api_routes(getattr(inner, "routes", []))

    names: set[str] = set()
    for route in api_routes(client.app.routes):  # type: ignore[attr-defined]
        names |= _parameters(route.dependant)
    names -= {"user-agent", "accept", "authorization", "x-csrf-token", "session", "request"}
    assert len(names) > 40
    assert not sorted(names - set(FIELDS))

