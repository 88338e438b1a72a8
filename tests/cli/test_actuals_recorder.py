"""Who recorded an actual, as the report and the workbook name them (reviews ux3 #12, ux5 #17): a value read from a
document is 文件摘录 (nobody entered it), one set with `actuals set` or imported with `actuals import` is the name given
(--who), the configured operator, else nobody (the report says 录入人未注明, the workbook 未注明): never the machine's login
(root)."""

from __future__ import annotations

import getpass
from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook
from report.support import mini_plans
from sqlalchemy import Engine, select

from planwatch.report.model import build_report
from planwatch.report.workbook import workbook
from planwatch.settings import get_settings
from planwatch.store.schema import Actual


@pytest.fixture
def login_is_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANWATCH_USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    get_settings.cache_clear()


def _recorders(engine: Engine, plan: int) -> dict[str, set[str]]:
    sheet = load_workbook(BytesIO(workbook(engine, plan)))["实际值"]
    out: dict[str, set[str]] = {}
    for row in sheet.iter_rows(min_row=2):
        out.setdefault(str(row[6].value), set()).add(str(row[9].value))
    return out


def test_document_and_cli_values_name_their_recorder(engine: Engine, login_is_root: None,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    code, _out, err = run(capsys, "actuals", "set", "城镇登记失业率", "2018", "2.3", "%")
    assert code == 0, err
    with engine.connect() as conn:
        assert conn.scalar(select(Actual.who).where(Actual.source == "manual")) == ""
    recorders = _recorders(engine, plan)
    assert recorders["文件"] == {"文件摘录"} and recorders["手工录入"] == {"未注明"}
    report = build_report(engine, plan, charts=False)
    assert not any("录入人 root" in source for source in report.sources)
    code, _out, err = run(capsys, "actuals", "set", "城镇登记失业率", "2018", "2.4", "%", "--who", "区统计局 张三")
    assert code == 0, err
    assert _recorders(engine, plan)["手工录入"] == {"区统计局 张三"}


def test_the_configured_operator_is_named(engine: Engine, login_is_root: None, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    monkeypatch.setenv("PLANWATCH_USER", "fgj")
    get_settings.cache_clear()
    code, _out, err = run(capsys, "actuals", "set", "城镇登记失业率", "2018", "2.3", "%")
    assert code == 0, err
    assert _recorders(engine, plan)["手工录入"] == {"fgj"}
    get_settings.cache_clear()


def test_an_import_names_who_answers_for_it_never_the_login(engine: Engine, login_is_root: None, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    sheet = tmp_path / "tj.csv"
    sheet.write_text("指标,年份,数值,单位\n城镇登记失业率,2018,2.3,%\n", encoding="utf-8")
    code, _out, err = run(capsys, "actuals", "import", str(sheet))
    assert code == 0, err
    assert _recorders(engine, plan)["导入数据"] == {"未注明"}
    code, _out, err = run(capsys, "actuals", "import", str(sheet), "--who", "区统计局 张三")
    assert code == 0, err
    assert _recorders(engine, plan)["导入数据"] == {"区统计局 张三"}
