"""The CLI cites a document by its plan's name, as the pages do (`monitor.display.plan_name`: 国务院 2017年政府工作报告),
never by its file's stem (national-gwr-2017): the demo summary, `assess`' evidence and `actuals list`'s notes (a new
user's review: the pages renamed them, the CLI did not)."""

from __future__ import annotations

import pytest
from cli_support import run

NAME = "国务院 2017年政府工作报告"


@pytest.fixture
def demo(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo's plans in a test database; the summary it printed."""
    monkeypatch.setenv("COLUMNS", "400")  # table cells on one line
    code, out, err = run(capsys, "demo", "--no-serve")
    assert code == 0, err
    return out


def test_the_demo_summary_cites_plans_by_name(demo: str) -> None:
    cited = [line for line in demo.splitlines() if "，依据«" in line]  # the interface language's words (zh)
    assert cited and all(line.endswith(f"({NAME})") for line in cited), cited
    assert " on «" not in demo
    assert "national-gwr" not in demo


def test_assess_cites_the_evidence_by_its_plans_name(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", "--plan", "1", "--status", "met")
    assert code == 0, err
    assert f"{NAME}: «城镇新增就业1314万人»" in out
    assert "national-gwr" not in out


def test_actuals_list_names_the_plan_in_a_documents_note(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actuals", "set", "城镇新增就业", "2016", "1300", "万人", "-g", "国务院",
                         "--note", "national-gwr-2017: typed by hand")  # a note typed by hand stays as written
    assert code == 0, err
    code, out, err = run(capsys, "actuals", "list", "--indicator", "城镇新增就业", "--year", "2016")
    assert code == 0, err
    assert f"{NAME}: 城镇新增就业1314万人" in out
    assert "national-gwr-2017: typed by hand" in out
    assert "national-gwr-2017: 城镇" not in out


def test_the_margin_is_written_in_the_magnitude_of_the_target_and_actual(demo: str,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """农村公路 20万公里 with 20.5万公里 entered by hand: the margin column reads 0.5万公里 beside them, not 5000公里."""
    code, _out, err = run(capsys, "actuals", "set", "农村公路", "2016", "20.5", "万公里", "-g", "国务院")
    assert code == 0, err
    code, out, err = run(capsys, "assess", "--plan", "1", "--indicator", "农村公路", "--year", "2016")
    assert code == 0, err
    row = next(line for line in out.splitlines() if "农村公路" in line)
    assert "20万公里" in row and "20.5万公里" in row and " 0.5万公里 " in row and "5000公里" not in row


def test_assess_refuses_a_government_no_plan_has(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in --government printed an empty table and 0 targets; it now says so and names the closest."""
    code, out, err = run(capsys, "assess", "-g", "坪山区")
    assert code == 2 and out == ""
    assert "坪山区" in err and "深圳市坪山区" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "assess", "-g", "深圳市坪山区", "--plan", "4")
    assert code == 0, err


def test_evaluate_titles_the_missing_data_rule_in_words(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evaluate", "--plan", "1")
    assert code == 0, err
    title = "".join(out.split("┏", 1)[0].split())  # the title wraps to the table's width
    assert "缺失数据不计分，权重按比例分给其余指标" in title and "reweight" not in out


def test_plans_lists_each_plan_by_its_name(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`planwatch plans` printed the bare titles (政府工作报告 three times); it names each plan as the pages do."""
    code, out, err = run(capsys, "plans")
    assert code == 0, err
    for year in (2016, 2017, 2018):
        assert f"国务院 {year}年政府工作报告" in out
    assert not [line for line in out.splitlines() if "│ 政府工作报告 " in line]
