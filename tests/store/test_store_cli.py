"""The store and monitor commands, run in-process through `planwatch.cli.main`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import Engine

import planwatch.extract
from planwatch.cli.store import load_demo
from planwatch.store.actuals import COLUMNS

from .mini_plans import PLAN_2019, PLAN_2020, as_word, fake_extract


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A test database, wide output, and the hand-made records instead of the real extractor."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(planwatch.extract, "extract_quantities", fake_extract)
    return db_url


def test_ingest_plans_assess(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ingest", str(PLAN_2019), str(PLAN_2020))
    assert code == 0 and out.count("added") == 2
    code, out, _ = run(capsys, "ingest", str(PLAN_2019))
    assert code == 0 and "unchanged" in out
    code, out, _ = run(capsys, "plans")
    assert code == 0 and "pingshan-mini-2019.txt" in out and "深圳市坪山区" in out
    code, out, _ = run(capsys, "assess")
    assert code == 0
    assert out.strip().splitlines()[-1] == "完成3项 / 未完成1项 / 进度正常0项 / 进度滞后0项 / 暂无数据2项 / 未设目标2项"
    code, out, _ = run(capsys, "assess", "--status", "missed")
    assert "一般公共预算收入" in out and "地区生产总值" not in out
    code, out, _ = run(capsys, "assess", "--plan", "1")
    assert out.strip().splitlines()[-1].startswith("完成3项 / 未完成1项")


def test_actuals_commands_change_statuses(cli: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "ingest", str(PLAN_2019))
    code, out, _ = run(capsys, "actuals", "template", "--output", str(tmp_path / "t"))
    assert code == 0 and (tmp_path / "t.csv").exists() and (tmp_path / "t.xlsx").exists()
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    filled = [lines[0]] + [line.replace(",,%,", ",9.9,%,") if "地区生产总值" in line else line for line in lines[1:]]
    (tmp_path / "t.csv").write_text("\n".join(filled) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "actuals", "import", str(tmp_path / "t.csv"))  # a partly filled template imports
    assert code == 0 and err == ""
    assert out.strip() == f"{tmp_path / 't.csv'}：已保存 1 个数值。另有 {len(lines) - 2} 行未填数值，已跳过。"  # zh: the default
    good = tmp_path / "good.csv"
    good.write_text(",".join(COLUMNS) + "\n地区生产总值,深圳市坪山区,2019,,,9.9,%,\n", encoding="utf-8")
    code, out, _ = run(capsys, "actuals", "import", str(good))
    assert code == 0 and "已保存 1 个数值" in out
    code, out, _ = run(capsys, "actuals", "set", "城镇登记失业率", "2019", "3.4", "%")
    assert code == 0 and "share" in out
    code, out, _ = run(capsys, "assess")
    assert out.strip().splitlines()[-1] == "完成1项 / 未完成1项 / 进度正常0项 / 进度滞后0项 / 暂无数据2项"
    code, out, _ = run(capsys, "actuals", "list", "--indicator", "GDP", "--year", "2019")
    assert code == 0 and "import" in out and "9.9%" in out and "document" not in out


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e400"])
def test_actuals_set_refuses_infinity_and_nan(cli: str, capsys: pytest.CaptureFixture[str], value: str) -> None:
    """`actuals set 地区生产总值 2019 inf %` was stored and judged met by infinity (audit defect 12)."""
    run(capsys, "ingest", str(PLAN_2019))
    code, out, err = run(capsys, "actuals", "set", "-g", "深圳市坪山区", "--", "地区生产总值", "2019", value, "%")
    assert code == 2 and out == "" and "is not a finite number" in err and len(err.strip().splitlines()) == 1
    assert "manual" not in run(capsys, "actuals", "list")[1]


def test_assess_jsonl_stays_json_with_a_stored_infinity(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An inf stored before inputs refused it: `assess -f jsonl` wrote `"actual": Infinity` and the status met."""
    import json

    from sqlalchemy import update

    from planwatch.store.db import connect
    from planwatch.store.schema import Actual

    run(capsys, "ingest", str(PLAN_2019))
    assert run(capsys, "actuals", "set", "地区生产总值", "2019", "9.9", "%")[0] == 0
    engine = connect(cli)
    with engine.begin() as conn:
        conn.execute(update(Actual).where(Actual.source == "manual").values(value=float("inf")))
    engine.dispose()
    for args in (("--plan", "1"), ()):
        code, out, _ = run(capsys, "assess", "-f", "jsonl", *args)
        assert code == 0 and "Infinity" not in out and "NaN" not in out
        rows = [json.loads(line) for line in out.splitlines()]
        gdp = [r for r in rows if r["indicator"] == "地区生产总值" and r["measure"] == "growth"]
        assert gdp and all(r["status"] == "no_data" and r["actual"] is None for r in gdp)
        assert "not a finite number" in gdp[0]["basis"]


def test_indicators_list_and_merge(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", str(PLAN_2019))
    code, out, _ = run(capsys, "indicators")
    assert code == 0 and "地区生产总值" in out and "万元GDP能耗" in out
    code, out, _ = run(capsys, "indicators", "merge", "城镇调查失业率", "城镇登记失业率")
    assert code == 0 and "merged" in out
    code, _out, err = run(capsys, "indicators", "merge", "火星指数", "GDP")
    assert code == 2 and err.startswith("planwatch: indicator '火星指数' is not registered")


def test_merging_indicators_whose_units_do_not_convert_needs_force(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`indicators merge` folded 套 into 个 without a word (CLI audit): now refused unless --force."""
    code, _out, err = run(capsys, "indicators", "merge", "粮食产量", "城镇新增就业")
    assert err.strip() == ("planwatch: 粮食产量 is counted in 吨, 城镇新增就业 in 人: the units do not convert, so merging "
                           "would compare values in different units; pass --force to merge anyway")
    assert code == 2
    code, out, _ = run(capsys, "indicators")
    assert "粮食产量" in out
    code, out, err = run(capsys, "indicators", "merge", "粮食产量", "城镇新增就业", "--force")
    assert code == 0 and "merged 粮食产量 into 城镇新增就业" in out, err


def test_errors_are_one_line_and_exit_2(cli: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "ingest", str(tmp_path / "missing.txt"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "no such file" in err
    code, _out, err = run(capsys, "assess", "--status", "great")
    assert code == 2 and "not one of" in err
    code, _out, err = run(capsys, "actuals", "set", "GDP", "2019", "9", "%")
    assert code == 2 and "--government" in err


def test_many_files_one_bad(cli: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = []
    for i in range(4):
        path = tmp_path / f"plan-{i}.txt"
        shutil.copyfile(PLAN_2019, path)
        path.write_text(path.read_text(encoding="utf-8") + "\n" + "（完）" * (i + 1), encoding="utf-8")  # 4 contents
        files.append(str(path))
    files.append(str(tmp_path / "missing.txt"))
    code, out, err = run(capsys, "ingest", *files)
    assert code == 2 and out.count("added") == 4
    assert "missing.txt" in err and "1 of 5 files failed" in err


def test_a_file_with_a_stored_plans_content_names_both(cli: str, capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    """A plan's .docx and .txt in one folder: one plan, and the line of the second file names it and the file
    the plan was stored from (not only the stored one, which left the reader guessing which file that was)."""
    shutil.copyfile(PLAN_2019, tmp_path / PLAN_2019.name)
    as_word(PLAN_2019, tmp_path / "pingshan-mini-2019-word.docx")
    code, out, _err = run(capsys, "ingest", str(tmp_path))
    assert code == 0
    assert "added     plan 1: pingshan-mini-2019-word.docx (" in out
    assert ("unchanged plan 1: pingshan-mini-2019.txt has the same content as pingshan-mini-2019-word.docx ("
            in out)
    code, out, _err = run(capsys, "ingest", str(tmp_path / "pingshan-mini-2019-word.docx"))
    assert code == 0 and "unchanged plan 1: pingshan-mini-2019-word.docx (" in out and "same content" not in out


def test_load_demo_is_idempotent(engine: Engine) -> None:
    first = load_demo(engine)
    second = load_demo(engine)
    assert [r.status for r in first] == ["added"] * len(first)
    assert [r.status for r in second] == ["unchanged"] * len(second)


def test_default_database_stays_out_of_the_working_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, _out, err = run(capsys, "users", "unit-add", "区数据局")  # a command that creates the database
    assert code == 0, err
    assert not (work / "planwatch.db").exists() and (tmp_path / "planwatch.db").exists()
