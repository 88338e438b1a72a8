"""A target's verdict in one Chinese vocabulary (`monitor.vocabulary.VERDICT_ZH`) on every surface: the pages' badges,
filters and explanations, the report, the workbook and the evaluation's details that the CLI and the JSON print.

The pages wrote 已完成 (a task's word) / 进展正常 / 有风险 / 来源不一致 where the report and the workbook wrote
完成 / 进度正常 / 进度滞后 / 数据冲突, and the evaluation's Chinese details the status's code ("missed：目标>=7")."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from planwatch.web import i18n

from .conftest import Demo

WORDS = {"met": "完成", "missed": "未完成", "on track": "进度正常", "at risk": "进度滞后", "conflict": "数据不一致",
         "no data": "暂无数据", "absent": "未设目标"}


@pytest.fixture
def zh():  # type: ignore[no-untyped-def]
    token = i18n.set_language("zh")
    yield
    i18n.reset_language(token)


def test_the_vocabulary_is_an_execution_reports() -> None:
    from planwatch.monitor.attainment import STATUSES
    from planwatch.monitor.vocabulary import VERDICT_ZH

    assert VERDICT_ZH == WORDS and set(VERDICT_ZH) == set(STATUSES)


def test_every_surface_reads_the_one_vocabulary(zh: None) -> None:
    from planwatch.evaluate.scoring import Detail
    from planwatch.report import wording
    from planwatch.report.workbook import FILLS
    from planwatch.web.labels import explain, label, label_tables

    tables = label_tables()["status"]
    for status, word in WORDS.items():
        code = status.replace(" ", "_")
        assert label(status, "status") == label(code, "status") == tables[code] == word  # badges, filters, reader
        assert wording.STATUS_ZH[status] == word  # the report's 状态 column, the workbook's 评估 sheet
        assert FILLS[word]  # and its colour
        detail = Detail("eval_judged", status=status, comparator=">=", value=7.0, actual=7.5, unit="%")
        assert detail == f"{word}：目标≥7%，实际7.5%" == explain(detail)  # CLI and JSON = the evaluation page
    assert label("", "status") == label(None, "status") == "暂无数据"


def test_the_catalogue_says_the_same_words() -> None:
    """The zh catalogue's status labels are the vocabulary's (label() reads the mapping; anything that translates the
    message itself must not find an older word there)."""
    from planwatch.web.labels import LABELS

    catalogue = i18n.translations("zh")
    for code, message in LABELS["status"].items():
        status = code.replace("_", " ") or "no data"
        if status in WORDS:
            assert catalogue.gettext(message) == WORDS[status], (code, message)


def test_no_verdict_word_is_a_task_state(zh: None) -> None:
    """A target is 完成, a task 已完成: the pages wrote 已完成 for both."""
    from planwatch.evaluate.facts import TASK_STATE_ZH
    from planwatch.store.tasks import STATUSES as TASK_STATES
    from planwatch.web.labels import label

    verdicts = {label(s, "status") for s in WORDS}
    states = {label(s, "task_status") for s in TASK_STATES} | set(TASK_STATES) | set(TASK_STATE_ZH.values())
    assert not verdicts & states, verdicts & states


def _judged(client: TestClient, demo: Demo) -> tuple[int, int]:
    """GDP growth ≥ 8.5 % of the demo plan judged met on an actual of 9.5 %: its record and indicator."""
    row = next(r for r in client.get("/api/assessments", params={"size": 100}).json()["assessments"]
               if r["indicator"] == "地区生产总值" and r["measure"] == "growth")
    record = client.get(f"/api/records/{row['record_id']}").json()["record"]
    actual = {"indicator_id": record["indicator_id"], "year": row["year"], "value": 9.5, "unit": "%", "measure": "growth"}
    assert client.post("/api/actuals", json=actual,
                       headers={"Authorization": f"Bearer {demo.tokens['admin']}"}).status_code == 201
    return row["record_id"], record["indicator_id"]


def test_the_pages_write_a_met_target_as_the_report_does(client: TestClient, demo: Demo) -> None:
    record, indicator = _judged(client, demo)
    met = '<span class="badge met">完成</span>'
    for url in ("/?lang=zh", "/targets?lang=zh", f"/indicators/{indicator}?lang=zh", f"/records/{record}?lang=zh",
                "/assessments?lang=zh"):
        page = client.get(url).text
        assert met in page, url
        assert not re.search(r'class="badge (met|missed|on_track|at_risk|conflict|no_data)">(已完成|进展正常|有风险|来源不一致)<',
                             page), url
    filters = client.get("/assessments?lang=zh").text
    assert '<option value="met" >完成</option>' in filters or re.search(r'<option value="met"[^>]*>完成</option>', filters)
    assert re.search(r'<option value="at_risk"[^>]*>进度滞后</option>', filters)
    evaluation = client.get(f"/plans/{demo.plan_id}/evaluation?lang=zh").text
    assert "已完成：" not in evaluation
    # the evaluation's JSON and the CLI print the report's words, never the status's code
    details = [i["detail"] for d in client.get(f"/api/plans/{demo.plan_id}/evaluation").json()["dimensions"]
               for i in d["items"]]
    assert not [d for d in details if re.match(r"(met|missed|on track|at risk)：", d)], details
    assert client.get(f"/api/records/{record}").json()["record"]["status"] == "met"  # the JSON keeps the code


def test_english_pages_keep_the_english_words(client: TestClient, demo: Demo) -> None:
    record, _indicator = _judged(client, demo)
    assert '<span class="badge met">met</span>' in client.get(f"/records/{record}?lang=en").text
