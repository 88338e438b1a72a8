"""A task's states in one order everywhere (browser tour: a liaison's report form offered 推进中 / 已完成 / 滞后 on the
task's page and 推进中 / 滞后 / 已完成 in 我的任务).

The order is `monitor.vocabulary.TASK_STATUSES` (= `store.tasks.STATUSES`); what a user may set is
`store.supervision.settable_statuses` of their role, in that order, for both forms and their JSON.
"""

from __future__ import annotations

import re
import typing

from fastapi.testclient import TestClient

from .conftest import Demo

ORDER = ["未启动", "推进中", "已完成", "滞后", "取消"]


def _h(demo: Demo, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.tokens[role]}"}


def _options(fragment: str, name: str = "status") -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', fragment, re.S)
    assert select, fragment[:300]
    return [v for v in re.findall(r'<option value="([^"]*)"', select.group(1)) if v]


def _card(page: str, task_id: int) -> str:
    start = page.index(f'id="t-{task_id}"')
    return page[start:page.index("</article>", start)]


def _report_form(page: str) -> str:
    start = page.index('action="/tasks/')
    return page[start:page.index("</form>", start)]


def test_a_liaisons_two_report_forms_list_the_states_in_one_order(client: TestClient, demo: Demo) -> None:
    mine = _options(_card(client.get("/my/tasks", headers=_h(demo, "editor")).text, demo.task_id))
    on_task = _options(_report_form(client.get(f"/tasks/{demo.task_id}", headers=_h(demo, "editor")).text))
    assert mine == on_task == ["推进中", "已完成", "滞后"]  # never 未启动 nor 取消 for a unit; in the one order
    choices = client.get("/api/my/tasks", headers=_h(demo, "editor")).json()["choices"]["statuses"]
    assert choices == client.get(f"/api/tasks/{demo.task_id}", headers=_h(demo, "editor")).json()["choices"]["statuses"]
    assert choices == ["推进中", "已完成", "滞后"]


def test_every_list_of_states_follows_the_vocabulary(client: TestClient, demo: Demo) -> None:
    from planwatch.cli.tasks import update_command
    from planwatch.monitor.vocabulary import TASK_STATUSES
    from planwatch.store.supervision import UNIT_STATUSES, settable_statuses
    from planwatch.store.tasks import OPEN_STATUSES, STATUSES
    from planwatch.web.labels import LABELS

    assert list(TASK_STATUSES) == list(STATUSES) == ORDER
    assert list(OPEN_STATUSES) == [s for s in ORDER if s in OPEN_STATUSES]
    assert list(UNIT_STATUSES) == [s for s in ORDER if s not in ("未启动", "取消")]
    assert settable_statuses("office") == settable_statuses("admin") == STATUSES
    assert settable_statuses("editor") == settable_statuses("viewer") == settable_statuses(None) == UNIT_STATUSES
    assert list(LABELS["task_status"]) == ORDER
    office_form = _options(_report_form(client.get(f"/tasks/{demo.task_id}", headers=_h(demo, "office")).text))
    assert office_form == [s for s in ORDER if s != "未启动"]  # the task's own state is the "unchanged" choice
    assert _options(client.get("/tasks").text) == ORDER  # the list's filter
    option = typing.get_type_hints(update_command, include_extras=True)["status"].__metadata__[0]
    assert option.help == " / ".join(ORDER)  # `planwatch tasks update --status`'s help
