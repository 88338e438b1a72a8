"""`planwatch actuals template / import / list` and the report with a statistics bureau's files (review ux5 #2, #8,
#16), on the bundled Pingshan 2019 plan: the template asks for the addition a target of one needs, the bureau's
period spellings are read, and the report says why a stock judged no addition and cites the file with its 备注."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

import pytest
from cli_support import run

FILES = Path(__file__).resolve().parents[1] / "data" / "actuals"


@pytest.fixture
def pingshan(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "400")  # table cells on one line
    plan = tmp_path / "pingshan-2019-plan.txt"
    plan.write_text(files("planwatch.data").joinpath("pingshan-2019-plan.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, _out, err = run(capsys, "ingest", str(plan))
    assert code == 0, err
    return tmp_path


def test_the_template_says_new_and_the_import_reads_a_bureaus_periods(pingshan: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "actuals", "template", "-o", str(pingshan / "actuals"), "--plan", "1")
    assert code == 0, err
    with (pingshan / "actuals.csv").open(encoding="utf-8-sig") as handle:
        measures = {row["指标"]: row["口径"] for row in csv.DictReader(handle)}
    assert (measures["国家高新技术企业"], measures["产业用地"]) == ("新增", "总量")
    code, out, err = run(capsys, "actuals", "import", str(FILES / "bureau-periods.csv"))
    assert (code, err) == (0, "") and out.endswith("：已保存 8 个数值。\n")  # the CLI speaks the interface language (zh)
    code, out, err = run(capsys, "actuals", "import", str(FILES / "bureau-additions.csv"))
    assert code == 0, err
    code, out, err = run(capsys, "actuals", "list", "--indicator", "国家高新技术企业", "--year", "2019")
    assert "level (addition)" in out and "level (stock)" in out


def test_the_report_says_why_a_stock_judged_no_addition_and_cites_file_and_note(
        pingshan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "actuals", "import", str(FILES / "bureau-stock.csv"))
    assert code == 0, err
    code, _out, err = run(capsys, "report", "--plan", "1", "--format", "md", "-o", str(pingshan / "r.md"))
    assert code == 0, err
    text = (pingshan / "r.md").read_text(encoding="utf-8")
    assert "国家高新技术企业：年度目标为100家以上，暂无数据（仅有总量1086家，不用于评判新增目标）" in text
    assert "国家高新技术企业为1086家" not in text  # was: 高于年度目标986家，完成年度目标
    assert "导入数据（bureau-stock.csv，备注：区统计局快报）" in text
    assert "导入数据（区统计局快报）" not in text
