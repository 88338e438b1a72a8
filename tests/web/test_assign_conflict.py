"""Two people assigning one task: a save on a page shown before the other's save is refused, not written over it.

Review ux2 #6: duban and boss opened /tasks/2535; duban set 区工业和信息化局, co-unit 区科技创新局, deadline 2026-12-31;
boss, on his older page, changed only the lead unit and saved. Both got "saved"; the task lost its co-unit and its
deadline went back to 2019-12-31, and nobody was told.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from .conftest import Demo, csrf_of, login, make_client


def _form(html: str) -> dict[str, str]:
    """The assignment form's hidden fields and the values it shows (the lead unit, the deadline)."""
    form = html[html.index('id="assign-form"'):html.index("</form>", html.index('id="assign-form"'))]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields["deadline"] = re.search(r'name="deadline" value="([^"]*)"', form).group(1)  # type: ignore[union-attr]
    fields["unit"] = re.search(r'<option value="([^"]+)" selected>', form).group(1)  # type: ignore[union-attr]
    return fields


def _units(client: TestClient, task_id: int) -> list[str]:
    """Two units of the task's government other than its current one, from its page's choices."""
    data = client.get(f"/api/tasks/{task_id}").json()
    return [u for u in data["choices"]["units"] if u != data["task"]["unit"]][:2]


def test_a_stale_assignment_form_is_refused_with_who_changed_it(demo_engine: Engine, demo: Demo) -> None:
    with make_client(demo_engine) as office, make_client(demo_engine) as admin:
        login(office, "office")
        login(admin, "admin")
        task = demo.task_id
        lead, co = _units(office, task)
        shown_office = _form(office.get(f"/tasks/{task}").text)
        shown_admin = _form(admin.get(f"/tasks/{task}").text)  # both pages open before either saves
        assert shown_office["version"] == shown_admin["version"]

        saved = office.post(f"/tasks/{task}/assign", data={**shown_office, "unit": lead, "co_units": co,
                                                           "deadline": "2026-12-31"}, follow_redirects=False)
        assert saved.status_code == 303 and "saved=assign" in saved.headers["location"]

        stale = admin.post(f"/tasks/{task}/assign", data={**shown_admin, "unit": demo.unit}, follow_redirects=False)
        assert stale.status_code == 409
        assert 'id="assign-error"' in stale.text and "此任务已被督办科修改" in stale.text and "请刷新后再交办" in stale.text
        fresh = _form(stale.text)  # the page again as it is now: the office's assignment, a new version
        assert (fresh["unit"], fresh["deadline"]) == (lead, "2026-12-31") and fresh["version"] != shown_admin["version"]

        now = office.get(f"/api/tasks/{task}").json()["task"]
        assert (now["unit"], now["co_units"], now["deadline"]) == (lead, [co], "2026-12-31")  # nothing was undone
        assert [h["source"] for h in now["history"]] == ["assign"]  # the refused save wrote no history

        again = admin.post(f"/tasks/{task}/assign", data={**fresh, "unit": demo.unit, "co_units": co},
                           follow_redirects=False)
        assert again.status_code == 303  # on the page as it is now, the save goes through
        now = office.get(f"/api/tasks/{task}").json()["task"]
        assert (now["unit"], now["co_units"], now["deadline"]) == (demo.unit, [co], "2026-12-31")


def test_the_api_refuses_a_stale_version_with_409(client: TestClient, demo: Demo) -> None:
    headers = {"Authorization": f"Bearer {demo.tokens['office']}"}
    lead, other = _units(client, demo.task_id)
    version = client.get(f"/api/tasks/{demo.task_id}").json()["task"]["version"]
    first = client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": lead, "version": version}, headers=headers)
    assert first.status_code == 200 and first.json()["tasks"][0]["version"] != version
    stale = client.post(f"/api/tasks/{demo.task_id}/assign", json={"deadline": "2019-09-30", "version": version},
                        headers=headers)
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict" and error["details"]["reason"] == "stale_assignment"
    assert "督办科" in error["message"]
    task = client.get(f"/api/tasks/{demo.task_id}").json()["task"]
    assert task["unit"] == lead and task["deadline"] == "2019-12-31"  # the stale save changed nothing
    # without a version (a client that does not send one, the bulk form): saved as before
    assert client.post(f"/api/tasks/{demo.task_id}/assign", json={"unit": other}, headers=headers).status_code == 200


def test_the_bulk_form_still_assigns_without_versions(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    response = client.post("/tasks/assign", data={"task_ids": [str(demo.task_id)], "deadline": "2019-10-31",
                                                  "csrf_token": csrf_of(client), "next": "/tasks"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert client.get(f"/api/tasks/{demo.task_id}").json()["task"]["deadline"] == "2019-10-31"
