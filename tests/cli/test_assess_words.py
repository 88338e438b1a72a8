"""`planwatch assess` words each verdict in the interface language (PLANWATCH_LANGUAGE, the dashboard's default too):
the table printed the status codes (met, missed, no data, absent) where the interface is Chinese, and "absent" or
"conflict" where it is English. The words are the one vocabulary's (`monitor.vocabulary`: 完成 / met); jsonl and csv
keep the codes (no_data, on_track: one spelling with the JSON API and the panel; they wrote "no data")."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_support import run
from store.mini_plans import PLAN_2019, PLAN_2020, fake_extract

import planwatch.extract
from planwatch.settings import get_settings

CODES = {"met", "missed", "on_track", "at_risk", "conflict", "no_data", "absent"}  # as the JSON API and the panel


@pytest.fixture
def plans(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The 2019 and 2020 mini plans (2019's targets: 3 met, 1 missed, 2 without data, 2 absent from 2020's plan), in a
    folder without a .env, the language not set, wide output."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANWATCH_LANGUAGE", raising=False)
    monkeypatch.setenv("COLUMNS", "300")
    monkeypatch.setattr(planwatch.extract, "extract_quantities", fake_extract)
    get_settings.cache_clear()
    code, _out, err = run(capsys, "ingest", str(PLAN_2019), str(PLAN_2020))
    assert code == 0, err


def _language(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    monkeypatch.setenv("PLANWATCH_LANGUAGE", language)
    get_settings.cache_clear()


def _statuses(out: str) -> dict[tuple[str, str], str]:
    """The status cell of each row of the table, by plan id and indicator."""
    cells = [[c.strip() for c in line.split("│")] for line in out.splitlines() if line.count("│") == 10]
    return {(row[1], row[3]): row[6] for row in cells if row[1].isdigit()}


def test_the_table_words_verdicts_in_chinese_by_default(plans: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess")
    assert code == 0, err
    statuses = _statuses(out)
    assert statuses["1", "地区生产总值"] == "完成" and statuses["1", "一般公共预算收入"] == "未完成"
    assert set(statuses.values()) == {"完成", "未完成", "暂无数据", "未设目标"}
    assert out.strip().splitlines()[-1] == "完成3项 / 未完成1项 / 进度正常0项 / 进度滞后0项 / 暂无数据2项 / 未设目标2项"


def test_the_table_words_verdicts_in_english_words_not_codes(plans: None, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _language(monkeypatch, "en-US")
    code, out, err = run(capsys, "assess")
    assert code == 0, err
    assert set(_statuses(out).values()) == {"met", "missed", "no data", "explicitly absent"}
    assert out.strip().splitlines()[-1] == "3 met / 1 missed / 0 on track / 0 at risk / 2 no data / 2 explicitly absent"


def test_the_summary_words_every_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """on track and at risk as two words, never on_track; a conflict is sources disagree (数据不一致)."""
    from planwatch.cli.monitor import summary

    counts = {"met": 1, "missed": 0, "on track": 2, "at risk": 1, "no data": 0, "conflict": 1, "absent": 0}
    _language(monkeypatch, "en")
    assert summary(counts) == "1 met / 0 missed / 2 on track / 1 at risk / 0 no data / 1 sources disagree"
    _language(monkeypatch, "zh")
    assert summary(counts) == "完成1项 / 未完成0项 / 进度正常2项 / 进度滞后1项 / 暂无数据0项 / 数据不一致1项"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_jsonl_and_csv_keep_the_codes(plans: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                      language: str) -> None:
    _language(monkeypatch, language)
    code, out, err = run(capsys, "assess", "--format", "jsonl")
    assert code == 0, err
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"met", "missed", "no_data", "absent"}
    code, out, err = run(capsys, "assess", "--format", "csv", "--plan", "1")
    assert code == 0, err
    assert {row["status"] for row in csv.DictReader(io.StringIO(out))} <= CODES


@pytest.mark.parametrize("word", ["未完成", "missed", "MISSED"])
def test_status_filters_by_the_word_the_table_shows(plans: None, capsys: pytest.CaptureFixture[str], word: str) -> None:
    code, out, err = run(capsys, "assess", "--status", word)
    assert code == 0, err
    assert set(_statuses(out).values()) == {"未完成"} and "一般公共预算收入" in out
    code, out, err = run(capsys, "assess", "--status", "great")
    assert code == 2 and out == "" and "status 'great' is not one of" in err


def test_the_english_words_are_the_english_pages() -> None:
    """One vocabulary in each language: the CLI's English words are the dashboard's English labels."""
    from planwatch.monitor.vocabulary import VERDICT_EN, VERDICT_ZH
    from planwatch.web import i18n
    from planwatch.web.labels import label

    assert set(VERDICT_EN) == set(VERDICT_ZH) == {c.replace("_", " ") for c in CODES}  # the words are keyed by status
    token = i18n.set_language("en")
    try:
        assert {status: label(status, "status") for status in VERDICT_EN} == VERDICT_EN
    finally:
        i18n.reset_language(token)


def _table(out: str) -> tuple[list[str], dict[tuple[str, str], list[str]]]:
    """The table's headings, and each row's cells by plan id and indicator."""
    cells = [[c.strip() for c in line.split("│" if "│" in line else "┃")][1:-1] for line in out.splitlines()
             if line.count("│") == 10 or line.count("┃") == 10]
    return cells[0], {(row[0], row[2]): row for row in cells[1:] if row[0].isdigit()}


def test_the_table_is_headed_and_explained_in_chinese_by_default(plans: None,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The headings, the margin's unit and the basis of a verdict were English (plan year … margin basis evidence,
    -1.2pp, reported growth 2019) beside 未完成: now the pages' words (`web.labels`, the catalogues)."""
    code, out, err = run(capsys, "assess")
    assert code == 0, err
    headings, rows = _table(out)
    assert headings == ["计划", "年份", "指标", "目标", "实际值", "状态", "差距", "依据", "来源"]
    assert out.strip().splitlines()[0].strip() == "8 项目标"
    income = rows["1", "一般公共预算收入"]
    assert income[5:8] == ["未完成", "-1.2个百分点", "2019年报告的增速"]
    assert rows["1", "地区生产总值"][5:8] == ["完成", "0.5个百分点", "2019年报告的增速"]
    assert "pp" not in out and "reported" not in out


def test_the_table_stays_english_in_english(plans: None, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _language(monkeypatch, "en")
    code, out, err = run(capsys, "assess")
    assert code == 0, err
    headings, rows = _table(out)
    assert headings == ["plan", "year", "indicator", "target", "actual", "status", "margin", "basis", "evidence"]
    assert out.strip().splitlines()[0].strip() == "8 targets"
    assert rows["1", "一般公共预算收入"][5:8] == ["missed", "-1.2pp", "reported growth 2019"]


@pytest.mark.parametrize(("language", "gap_text", "basis_text"), [
    ("zh", "低于目标1.2个百分点", "2019年报告的增速"),
    ("en", "1.2 percentage points below the target", "reported growth for 2019")])
def test_jsonl_and_csv_add_the_explanations_in_the_interface_language(
        plans: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str, gap_text: str,
        basis_text: str) -> None:
    """As GET /api/assessments: `gap`, `basis` and `rule` as monitoring writes them (English, for programs), beside
    them `gap_text`, `basis_text` and `rule_text` in the interface language."""
    _language(monkeypatch, language)
    for args in (("--format", "jsonl"), ("--format", "jsonl", "--plan", "1")):
        code, out, err = run(capsys, "assess", *args)
        assert code == 0, err
        income = next(r for r in map(json.loads, out.splitlines())
                      if r["plan_id"] == 1 and r["indicator"] == "一般公共预算收入")
        assert income["gap"] == "1.2 percentage points below the target" and income["basis"] == "reported growth 2019"
        assert (income["gap_text"], income["basis_text"]) == (gap_text, basis_text)
        assert list(income)[-3:] == ["rule_text", "basis_text", "gap_text"]  # after the fields, as ever
    code, out, err = run(capsys, "assess", "--format", "csv", "--plan", "1")
    assert code == 0, err
    income = next(r for r in csv.DictReader(io.StringIO(out)) if r["indicator"] == "一般公共预算收入")
    assert (income["status"], income["gap_text"], income["basis_text"]) == ("missed", gap_text, basis_text)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_explanations_are_the_json_apis(plans: None, db_url: str, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    """One wording: the CLI's rule_text, basis_text and gap_text are those of GET /api/assessments in the same
    language (the dashboard's default language is the same setting)."""
    from web.conftest import make_client

    from planwatch.store.db import connect

    _language(monkeypatch, language)
    code, out, err = run(capsys, "assess", "--format", "jsonl", "--plan", "1")
    assert code == 0, err
    worded = ("rule_text", "basis_text", "gap_text")
    cli = {r["indicator"]: tuple(r[k] for k in worded) for r in map(json.loads, out.splitlines())}
    engine = connect(db_url)
    try:
        with make_client(engine, language=language) as client:
            answer = client.get("/api/assessments", params={"plan": 1, "size": 100})
    finally:
        engine.dispose()
    assert answer.status_code == 200, answer.text
    api = {r["indicator"]: tuple(r[k] for k in worded) for r in answer.json()["assessments"]}
    assert cli == api and any(gap for _rule, _basis, gap in cli.values())
