"""The JSON API as an integrator's script meets it (ux3 review: items 1, 2, 3, 11 and 13).

Paging past the end answers an empty page with the true totals (a loop "until empty" stops); every list takes
``page``/``size`` and carries one ``paging`` object; statuses are codes everywhere and filters take the old words
too; downloads answer a script's errors as JSON; /openapi.json describes the token and the error shape; a wrong
authorization scheme says how to send a token, and a token made without a name gets one.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import Demo

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _bearer(demo: Demo, who: str = "admin") -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[who]}"}


@pytest.mark.parametrize(("path", "key"), [
    ("/api/targets", "records"), ("/api/plans", "plans"), ("/api/assessments", "assessments"),
    ("/api/indicators", "indicators"), ("/api/records", "records"), ("/api/audit", "entries"),
])
def test_a_page_past_the_last_is_empty_with_the_true_totals(client: TestClient, demo: Demo, path: str,
                                                            key: str) -> None:
    first = client.get(path, params={"size": 2}, headers=_bearer(demo)).json()
    assert first["paging"]["total"] > 0, path
    pages = first["paging"]["pages"]
    past = client.get(path, params={"size": 2, "page": pages + 1}, headers=_bearer(demo))
    assert past.status_code == 200, past.text[:300]
    data = past.json()
    rows = data[key] if key in data else data.get("items", data.get("rows"))
    assert rows == [], path  # it was the last page again: a client paging "until empty" never stopped
    assert data["paging"]["page"] == pages + 1
    assert data["paging"]["pages"] == pages and data["paging"]["total"] == first["paging"]["total"]


def test_paging_until_empty_visits_each_target_once(client: TestClient, demo: Demo) -> None:
    seen: list[int] = []
    page = 1
    while True:
        rows = client.get("/api/targets", params={"size": 10, "page": page}).json()["records"]
        if not rows:
            break
        seen += [r["id"] for r in rows]
        page += 1
        assert page < 500
    total = client.get("/api/targets", params={"size": 10}).json()["paging"]["total"]
    assert len(seen) == len(set(seen)) == total


def test_tasks_past_the_last_page_and_a_page_of_one(client: TestClient, demo: Demo) -> None:
    params = {"plan": demo.plan_id, "size": 1}
    one = client.get("/api/tasks", params=params, headers=_bearer(demo))
    assert one.status_code == 200, one.text[:300]  # size=1 was a 422 ("每页条数须大于或等于 5") on this list only
    pages = one.json()["paging"]["pages"]
    past = client.get("/api/tasks", params={**params, "page": pages + 1}, headers=_bearer(demo)).json()
    assert past["paging"]["page"] == pages + 1 and past["paging"]["pages"] == pages
    assert not any(group["tasks"] for group in past["groups"])


def test_the_browser_still_shows_the_last_page_for_a_stale_link(client: TestClient, demo: Demo) -> None:
    last = client.get("/api/targets", params={"size": 10}).json()["paging"]["pages"]
    html = client.get("/targets", params={"size": 10, "page": last + 5}, headers=BROWSER).text
    rows = client.get("/api/targets", params={"size": 10, "page": last}).json()["records"]
    assert rows and all(f'#r-{r["id"]}"' in html for r in rows)


def test_actuals_and_search_page_like_the_other_lists(client: TestClient, demo: Demo) -> None:
    data = client.get("/api/actuals", params={"size": 1, "page": 1}).json()
    assert data["paging"]["size"] == 1 and data["paging"]["total"] >= len(data["actuals"])
    past = client.get("/api/actuals", params={"size": 1, "page": data["paging"]["pages"] + 1}).json()
    assert past["actuals"] == [] and past["paging"]["total"] == data["paging"]["total"]
    search = client.get("/api/search", params={"q": "生产总值", "size": 2}).json()
    assert search["paging"]["size"] == 2 and len(search["records"]) <= 2  # `size` was ignored; only `limit` worked


def test_statuses_are_codes_in_the_assessments_and_filters_take_both_spellings(client: TestClient,
                                                                                demo: Demo) -> None:
    rows = client.get("/api/assessments", params={"plan": demo.plan_id, "size": 1000}).json()["assessments"]
    statuses = {r["status"] for r in rows}
    assert "no_data" in statuses and not any(" " in s for s in statuses)  # "no data" beside /api/targets' no_data
    for given in ("no_data", "no data", "No Data"):
        answer = client.get("/api/assessments", params={"plan": demo.plan_id, "status": given, "size": 1000})
        assert answer.status_code == 200, (given, answer.text[:300])  # "no data" was a 422
        assert {r["status"] for r in answer.json()["assessments"]} == {"no_data"}
        targets = client.get("/api/targets", params={"plan": demo.plan_id, "status": given})
        assert targets.status_code == 200, (given, targets.text[:300])
        assert {r["status"] for r in targets.json()["records"]} == {"no_data"}
    assert client.get("/api/assessments", params={"status": "bogus"}).status_code == 422


@pytest.mark.parametrize("path", ["/plans/99999/report?format=docx", "/targets.csv?status=bogus",
                                  "/targets.xlsx?plan=99999", "/actuals/template.xlsx?government=99999"])
def test_downloads_answer_a_script_with_the_json_error(client: TestClient, demo: Demo, path: str) -> None:
    for headers in (_bearer(demo), {"Accept": "*/*"}):
        response = client.get(path, headers=headers)
        assert response.status_code in (404, 422), path
        assert response.headers["content-type"].startswith("application/json"), (path, headers)
        assert response.json()["error"]["code"] in ("not_found", "validation_error")
    page = client.get(path, headers=BROWSER)  # a link followed in the browser: the error page
    assert page.headers["content-type"].startswith("text/html")


def test_openapi_describes_the_token_and_the_error_shape(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    scheme = next(iter(schema["components"]["securitySchemes"].values()))
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]["error"]["required"]) == {"code", "message", "details"}
    assert "HTTPValidationError" not in schema["components"]["schemas"]  # {"detail": [...]}: never sent
    plan = schema["paths"]["/api/plans/{plan_id}"]["get"]
    assert {"401", "404", "422"} <= set(plan["responses"])
    for status in ("401", "404", "422"):
        assert plan["responses"][status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "403" in schema["paths"]["/api/admin/users"]["get"]["responses"]
    assert plan["security"][0] == {next(iter(schema["components"]["securitySchemes"])): []}


def test_a_wrong_authorization_scheme_says_to_use_bearer(demo_engine: object, demo: Demo) -> None:
    from .conftest import make_client

    with make_client(demo_engine, anonymous_read=False) as closed:  # type: ignore[arg-type]
        answer = closed.get("/api/targets", headers={"Authorization": f"Token {demo.tokens['admin']}"})
        assert answer.status_code == 401
        error = answer.json()["error"]
        assert error["code"] == "invalid_token" and "Authorization: Bearer <token>" in error["message"]
        assert closed.get("/api/targets", headers=_bearer(demo)).status_code == 200


def test_a_token_made_without_a_name_is_named(client: TestClient, demo: Demo) -> None:
    answer = client.post("/api/tokens", json={}, headers={**_bearer(demo), "User-Agent": "curl/8.5.0"})
    assert answer.status_code == 201
    name = answer.json()["name"]
    assert name and name.endswith("curl") and name[:4].isdigit()  # "2026-12-06 18:20 curl", not ""
    listed = client.get("/api/admin/tokens", headers=_bearer(demo)).json()
    assert name in str(listed)
