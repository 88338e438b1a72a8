"""Actuals: template, import (all rows or none, every bad row reported), set by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.errors import DocumentError, NotFoundError, RowProblem, ValidationError
from planwatch.pipeline import ingest_document
from planwatch.store.actuals import (
    COLUMNS,
    ROW_REASONS,
    TEMPLATE_HEADER,
    ActualRow,
    ImportSummary,
    RowError,
    import_actuals,
    normalise_period,
    row_problem,
    set_actual,
    template_rows,
    value_and_unit,
    write_template,
)
from planwatch.store.schema import Actual, AuditLog

from .mini_plans import PLAN_2019, PLAN_2020, fake_extract

GOV = "深圳市坪山区"


def _csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _row(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"indicator": "地区生产总值", "government": GOV, "year": 2019, "period": "",
                               "measure": "", "value": 9.0, "unit": "%", "note": ""}
    base.update(kw)
    return base


def _imported(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(Actual).where(Actual.source == "import")) or 0


@pytest.fixture
def stored(engine: Engine) -> Engine:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    return engine


def test_template_lists_what_targets_need_and_reads_back(stored: Engine, tmp_path: Path) -> None:
    with Session(stored) as s:
        rows = template_rows(s)
    assert {(r["indicator"], r["year"], r["measure"]) for r in rows} >= {("地区生产总值", 2019, "growth"),
                                                                         ("城镇登记失业率", 2019, "share")}
    csv_path, xlsx_path = write_template(tmp_path / "actuals", rows)
    # in the office's language (review ux2 #17: indicator, government … and codes such as "level")
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0] == "指标,政府,年份,期间,口径,数值,单位,备注"
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None and [c.value for c in sheet[1]] == list(TEMPLATE_HEADER)
    assert {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)} <= {"总量", "增速", "比重", "百分点"}


def test_import_csv_and_xlsx(stored: Engine, tmp_path: Path) -> None:
    path = _csv(tmp_path / "a.csv", [_row(), _row(indicator="城镇登记失业率", value="2.6", unit="％"),
                                     _row(indicator="GDP", value="780", unit="亿元"),
                                     _row(value="8.1", period="H1")])
    assert import_actuals(stored, path).stored == 4
    with Session(stored) as s:
        rows = set(s.execute(select(Actual.period, Actual.measure, Actual.unit).where(Actual.source == "import")).all())
    assert rows == {("", "growth", "%"), ("", "share", "%"), ("", "level", "亿元"), ("H1", "growth", "%")}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    sheet.append(["地区生产总值", GOV, 2019, None, None, 9.5, "%", "revised"])
    book.save(tmp_path / "a.xlsx")
    assert import_actuals(stored, tmp_path / "a.xlsx").stored == 1
    assert _imported(stored) == 4  # the revised value replaced the earlier one with the same key


def test_import_reports_every_bad_row_and_writes_nothing(stored: Engine, tmp_path: Path) -> None:
    path = _csv(tmp_path / "bad.csv", [
        _row(),
        _row(indicator="不存在的指标"),
        _row(value="abc"),
        _row(indicator="地区生产总值", value="700", unit="万吨"),
        _row(year="明年"),
        _row(period="Q5"),
        _row(government="火星市"),
        _row(unit=""),
    ])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    problems = info.value.problems
    assert "7 of 8 rows with a value are invalid; nothing was imported" in str(info.value)
    assert [p.split(":")[0] for p in problems] == [f"row {n}" for n in range(3, 10)]
    assert "unknown indicator '不存在的指标'" in problems[0]
    assert "value 'abc' is not a number" in problems[1]
    assert "unit '万吨' does not convert to '元'" in problems[2]
    assert "is not a year" in problems[3] and "period" in problems[4] and "火星市" in problems[5]
    assert "unit is empty" in problems[6]
    assert _imported(stored) == 0


def test_import_file_errors(stored: Engine, tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        import_actuals(stored, tmp_path / "missing.csv")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DocumentError, match=".csv or .xlsx"):
        import_actuals(stored, tmp_path / "a.txt")
    (tmp_path / "empty.csv").write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no data rows"):
        import_actuals(stored, tmp_path / "empty.csv")


def test_set_actual_replaces_and_audits(stored: Engine) -> None:
    set_actual(stored, "GDP", 2019, 8.0, "%")
    row = set_actual(stored, "GDP", 2019, 9.1, "%", note="统计公报")
    assert (row.measure, row.period) == ("growth", "")
    with Session(stored) as s:
        values = s.scalars(select(Actual.value).where(Actual.source == "manual")).all()
        assert values == [9.1]
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "actual.set")) == 2
    with pytest.raises(NotFoundError):
        set_actual(stored, "火星指数", 2019, 1, "%")
    with pytest.raises(ValidationError, match="does not convert"):
        set_actual(stored, "GDP", 2019, 1, "万人")


def test_set_actual_needs_a_government_when_none_is_stored(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="--government"):
        set_actual(engine, "GDP", 2019, 9.0, "%")


@pytest.mark.parametrize(("text", "period"), [("", ""), ("全年", ""), ("Q4", ""), ("q1", "Q1"), ("H1", "H1"),
                                               ("M6", "M06"), ("上半年", "H1"), ("前三季度", "Q3")])
def test_periods(text: str, period: str) -> None:
    assert normalise_period(text) == period


def test_import_gbk_csv_from_excel(stored: Engine, tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((",".join(COLUMNS) + "\r\n地区生产总值,深圳市坪山区,2019,,,9.1,%,统计公报\r\n").encode("gb18030"))
    assert import_actuals(stored, path).stored == 1


def test_import_refuses_junk_magnitudes_and_bad_thousands_separators(stored: Engine, tmp_path: Path) -> None:
    """An import stored 1.5 万% as a growth rate, 1.5 万万元 as a level and '1,2,3' as 123; all are refused now."""
    path = _csv(tmp_path / "junk.csv", [
        _row(value="1.5", unit="万%"),
        _row(value="1.5", unit="亿万%"),
        _row(value="1.5", unit="万万元"),
        _row(indicator="城镇登记失业率", value="0.3", unit="千百分点"),
        _row(value="1,2,3"),
        _row(value="12,34.5"),
        _row(indicator="GDP", value="1,234.5", unit="亿元"),
        _row(indicator="GDP", value="0.08", unit="万亿元", period="H1"),
    ])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    problems = info.value.problems
    assert [p.split(":")[0] for p in problems] == [f"row {n}" for n in range(2, 8)]
    assert "unit '万%' is a rate and takes no magnitude '万'" in problems[0]
    assert "doubled magnitude '亿万'" in problems[1] and "doubled magnitude '万万'" in problems[2]
    assert "takes no magnitude '千'" in problems[3]
    assert "value '1,2,3': thousands separators must be in groups of three" in problems[4]
    assert "value '12,34.5': thousands separators" in problems[5]
    assert _imported(stored) == 0
    path = _csv(tmp_path / "good.csv", [_row(indicator="GDP", value="1,234.5", unit="亿元"),
                                        _row(indicator="GDP", value="0.08", unit="万亿元", period="H1")])
    assert import_actuals(stored, path).stored == 2


def test_set_actual_refuses_a_junk_magnitude(stored: Engine) -> None:
    with pytest.raises(ValidationError, match="takes no magnitude"):
        set_actual(stored, "GDP", 2019, 1.5, "万%")
    with pytest.raises(ValidationError, match="doubled magnitude"):
        set_actual(stored, "GDP", 2019, 1.5, "万万元")
    assert set_actual(stored, "GDP", 2019, 0.08, "万亿元").unit == "万亿元"


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_refuses_infinity_and_nan(stored: Engine, tmp_path: Path) -> None:
    """inf, NaN and 1e400 passed the number check: inf judged a target met, NaN failed in the database
    without naming the row (audit defect 12)."""
    path = _csv(tmp_path / "inf.csv", [_row(value="inf"), _row(value="1e400", period="H1"), _row(value="nan", period="Q1"),
                                       _row(value="-Infinity", period="Q3"), _row(indicator="GDP", value="780", unit="亿元")])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    assert str(info.value).startswith(f"{path}: 4 of 5 rows with a value are invalid")
    assert info.value.problems == [
        "row 2: value 'inf' is not a finite number", "row 3: value '1e400' is not a finite number",
        "row 4: value 'nan' is not a finite number", "row 5: value '-Infinity' is not a finite number"]
    sheet = _xlsx(tmp_path / "inf.xlsx", [["地区生产总值", GOV, 2019, None, None, "1e400", "%", None]])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, sheet)
    assert info.value.problems == ["row 2: value '1e400' is not a finite number"]
    assert _imported(stored) == 0


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_set_actual_refuses_infinity_and_nan(stored: Engine, value: float) -> None:
    with pytest.raises(ValidationError, match="is not a finite number"):
        set_actual(stored, "GDP", 2019, value, "%")


def test_import_years_dates_and_empty_cells(stored: Engine, tmp_path: Path) -> None:
    """2019.5 was taken as 2019, an Excel date said `datetime.datetime(…)`, empty cells `None` (audit defect 13)."""
    from datetime import datetime

    sheet = _xlsx(tmp_path / "years.xlsx", [
        ["地区生产总值", GOV, 2019.5, None, None, 9.1, "%", None],
        ["地区生产总值", GOV, datetime(2019, 1, 1), None, None, 9.1, "%", None],
        ["地区生产总值", GOV, None, None, None, 9.1, "%", None],
        ["地区生产总值", GOV, 2019, None, None, datetime(2019, 9, 1), "%", None],
        ["地区生产总值", GOV, 2019.0, "H1", None, 8.1, "%", None],  # Excel stores whole numbers as floats
    ])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, sheet)
    assert info.value.problems == [
        "row 2: year 2019.5 is not a year", "row 3: year: a date (2019-01-01), write the year as a number",
        "row 4: year is empty", "row 5: value: a date (2019-09-01), write the number"]
    assert "None" not in str(info.value) and "datetime" not in " ".join(info.value.problems)


def test_import_refuses_two_values_for_one_key(stored: Engine, tmp_path: Path) -> None:
    """5 % and 50 % for the same key were both stored without a word (audit defect 13)."""
    path = _csv(tmp_path / "twice.csv", [_row(value="5"), _row(indicator="GDP", value="780", unit="亿元"),
                                         _row(indicator="GDP", value="50"), _row(value="5", note="again")])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    assert info.value.problems == [
        "row 4: same indicator, government, year, period and measure as row 2 but another value "
        "(50 % here, 5 % there); keep one of them"]
    assert _imported(stored) == 0
    path = _csv(tmp_path / "same.csv", [_row(value="5"), _row(value="5.0")])  # the same value twice: one stored
    assert import_actuals(stored, path) == ImportSummary(1, 0)
    assert _imported(stored) == 1


def test_a_partly_filled_template_imports(stored: Engine, tmp_path: Path) -> None:
    """A template with one value filled in was refused: `N of N+1 rows are invalid` (audit defect 13)."""
    with Session(stored) as s:
        rows = template_rows(s)
    assert len(rows) > 2
    for row in rows:
        if (row["indicator"], row["measure"]) == ("地区生产总值", "growth"):
            row["value"] = 9.9
    csv_path, xlsx_path = write_template(tmp_path / "t", rows)
    assert import_actuals(stored, csv_path) == ImportSummary(1, len(rows) - 1)
    assert import_actuals(stored, xlsx_path) == ImportSummary(1, len(rows) - 1)
    assert _imported(stored) == 1
    with Session(stored) as s:
        blank = template_rows(s)
    path = write_template(tmp_path / "blank", blank)[0]
    with pytest.raises(ValidationError, match="no row has a value"):
        import_actuals(stored, path)
    path = _csv(tmp_path / "half.csv", [_row(value=""), _row(year="", value="9")])  # a value with its year left out
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    assert info.value.problems == ["row 3: year is empty"]
    assert "1 of 1 rows with a value are invalid (1 rows without a value skipped)" in str(info.value)


def test_import_reads_values_written_as_on_the_entry_grid(stored: Engine, tmp_path: Path) -> None:
    """`700亿` was "not a number" in an import although the entry grid takes `43.45亿元` (CLI audit); the value's
    own magnitude and unit are kept when they convert to the row's unit, and a contradiction is refused."""
    path = _csv(tmp_path / "grid.csv", [
        _row(indicator="GDP", value="700亿", unit="元"),
        _row(indicator="GDP", value="43.45亿元", unit="", period="H1"),
        _row(indicator="GDP", value="0.1万亿元", unit="亿元", period="Q1"),
        _row(value="下降3.4%", period="Q3"),
    ])
    assert import_actuals(stored, path).stored == 4
    with Session(stored) as s:
        rows = set(s.execute(select(Actual.period, Actual.value, Actual.unit).where(Actual.source == "import")).all())
    assert rows == {("", 700.0, "亿元"), ("H1", 43.45, "亿元"), ("Q1", 0.1, "万亿元"), ("Q3", -3.4, "%")}
    path = _csv(tmp_path / "contradictions.csv", [
        _row(value="700亿", unit="%"),
        _row(indicator="GDP", value="43.45亿元", unit="万吨"),
        _row(indicator="GDP", value="700亿元左右", unit="元"),
        _row(indicator="GDP", value="700亿亿", unit="元"),
    ])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    problems = info.value.problems
    assert [p.split(":")[0] for p in problems] == [f"row {n}" for n in range(2, 6)]
    assert "value '700亿' has a magnitude that does not fit the row's unit '%'" in problems[0]
    assert "value '43.45亿元' is in 亿元, which does not convert to the row's unit '万吨'" in problems[1]
    assert "value '700亿元左右' is not an exact number" in problems[2]
    assert "value '700亿亿' has a doubled magnitude '亿亿'" in problems[3]


def test_a_bad_row_after_a_blank_one_is_named_by_the_number_the_spreadsheet_shows(stored: Engine, tmp_path: Path) -> None:
    """Blank rows are left out of a table: the rows after one were counted from the wrong place ("row 3" for the
    spreadsheet's row 4), in a CSV as in a workbook; the manifest names rows the same way (`store.tables.read_table`)."""
    path = tmp_path / "gaps.csv"
    path.write_text(",".join(COLUMNS) + "\n地区生产总值,深圳市坪山区,2019,,,9.0,%,\n\n"
                    "不存在的指标,深圳市坪山区,2019,,,9.0,%,\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    assert info.value.problems == ["row 4: unknown indicator '不存在的指标' (see `planwatch indicators`)"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (list(COLUMNS), ["地区生产总值", GOV, 2019, None, None, 9.0, "%", None], [None] * 8, [None] * 8,
                ["地区生产总值", GOV, "明年", None, None, 9.0, "%", None]):
        sheet.append(row)
    book.save(tmp_path / "gaps.xlsx")
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, tmp_path / "gaps.xlsx")
    assert info.value.problems == ["row 5: year '明年' is not a year"]
    assert _imported(stored) == 0


def test_many_bad_rows_list_twenty_and_count_the_rest(stored: Engine, tmp_path: Path) -> None:
    """A table of 25 bad rows: every one is counted, the first 20 are listed, then "… and 5 more bad rows" (as a
    manifest's: one refusal for both tables, `store.tables.bad_rows`)."""
    path = _csv(tmp_path / "many.csv", [_row(value=f"abc{n}") for n in range(25)])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    assert str(info.value) == f"{path}: 25 of 25 rows with a value are invalid; nothing was imported"
    problems = info.value.problems
    assert [p.split(":")[0] for p in problems[:20]] == [f"row {n}" for n in range(2, 22)]
    assert problems[20:] == ["… and 5 more bad rows"]
    assert info.value.reason == "bad_rows" and info.value.params == {"count": 25}


def test_the_cli_says_what_was_refused_then_lists_the_rows(stored: Engine, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`actuals import` wrote its bad rows before the line saying what they were rows of; it now writes that line
    first and the rows under it, as `ingest --manifest` does (`cli.edge`)."""
    from cli_support import run

    from planwatch.settings import get_settings

    monkeypatch.setenv("PLANWATCH_LANGUAGE", "en")  # the store's English (in Chinese: tests/cli/test_actuals_import_problems.py)
    get_settings.cache_clear()

    path = _csv(tmp_path / "bad.csv", [_row(), _row(indicator="不存在的指标"), _row(unit="")])
    code, out, err = run(capsys, "actuals", "import", str(path))
    assert code == 2 and out == ""
    assert err.splitlines() == [f"planwatch: {path}: 2 of 3 rows with a value are invalid; nothing was imported",
                                "  row 3: unknown indicator '不存在的指标' (see `planwatch indicators`)",
                                "  row 4: unit is empty"]
    assert _imported(stored) == 0


def test_an_imported_actual_cites_its_file_as_its_evidence(stored: Engine, tmp_path: Path) -> None:
    """An imported actual's note names its file, then the row's 备注 (review ux5 #16: the 备注 replaced the file's name,
    "导入数据（区人力资源局）"); the verdict it decides cites it (it read "import")."""
    from planwatch.monitor.service import assessment_rows

    path = _csv(tmp_path / "坪山2019快报.csv", [_row(value="9.0"), _row(indicator="城镇登记失业率", value="2.6", unit="%",
                                                                      note="区人力资源局")])
    import_actuals(stored, path, who="fgj")
    with Session(stored) as s:
        notes = dict(s.execute(select(Actual.measure, Actual.note).where(Actual.source == "import")).all())
    assert notes == {"growth": "坪山2019快报.csv", "share": "坪山2019快报.csv，备注：区人力资源局"}
    rows = {r.indicator: r for r in assessment_rows(stored) if r.actual is not None and r.year == 2019}
    chosen = next(c for c in rows["地区生产总值"].candidates if c["chosen"])
    assert (chosen["source"], chosen["note"], chosen["who"]) == ("import", "坪山2019快报.csv", "fgj")


def _sheet(path: Path, header: list[str], rows: list[list[object]], merge: str | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_a_template_with_chinese_headers_imports(stored: Engine, tmp_path: Path) -> None:
    """Review ux2 #17: a copy of the template with its headers in Chinese was refused ("no 'indicator' column")."""
    path = _sheet(tmp_path / "chinese-headers.xlsx", ["指标", "政府", "年份", "期间", "口径", "数值", "单位", "备注"],
                 [["地区生产总值", GOV, 2019, "上半年", "增速", 8.1, "%", ""],
                  ["城镇登记失业率", GOV, 2019, "", "比重", 2.6, "%", "统计公报"]])
    assert import_actuals(stored, path) == ImportSummary(2, 0)
    with Session(stored) as s:
        assert set(s.execute(select(Actual.period, Actual.measure).where(Actual.source == "import")).all()) == {
            ("H1", "growth"), ("", "share")}


def test_the_template_is_limited_to_the_chosen_government_and_year(stored: Engine, tmp_path: Path) -> None:
    ingest_document(stored, load(PLAN_2020), government="上海市", extract=fake_extract)
    with Session(stored) as s:
        everything = template_rows(s)
        mine = template_rows(s, government=GOV)
        year = template_rows(s, government="上海市", year=2020)
        nothing = template_rows(s, government=GOV, year=1990)
    assert {r["government"] for r in everything} == {GOV, "上海市"}
    assert {r["government"] for r in mine} == {GOV} and len(mine) < len(everything)
    assert year and {(r["government"], r["year"]) for r in year} == {("上海市", 2020)}
    assert nothing == []  # not the example row of another government


def test_merged_government_cells_are_named_by_file_and_row(stored: Engine, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Review ux2 #22: rows 2–3 with a merged government cell (B2:B3) answered only "several governments are stored
    (上海市, …); pass --government NAME", naming neither the file nor the rows."""
    from cli_support import run

    from planwatch.settings import get_settings

    monkeypatch.setenv("PLANWATCH_LANGUAGE", "en")  # the store's English (in Chinese: tests/cli/test_actuals_import_problems.py)
    get_settings.cache_clear()

    ingest_document(stored, load(PLAN_2020), government="上海市", extract=fake_extract)
    path = _sheet(tmp_path / "bad2.xlsx", ["指标", "政府", "年份", "期间", "测度", "数值", "单位", "备注"],
                 [["地区生产总值", GOV, 2019, "", "", 8.6, "%", ""],
                  ["城镇登记失业率", None, 2019, "", "", 2.6, "%", ""],
                  ["一般公共预算收入", None, 2019, "", "", 5.2, "%", ""]], merge="B2:B3")
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    assert str(info.value).startswith(f"{path}: 2 of 3 rows with a value are invalid")
    assert info.value.problems == [
        "row 3: government is empty (merged cells? give each row its own government)",
        "row 4: government is empty and several governments are stored (上海市、深圳市坪山区): fill it in"]
    assert _imported(stored) == 0
    code, out, err = run(capsys, "actuals", "import", str(path))
    assert code == 2 and out == "" and "bad2.xlsx" in err.splitlines()[0]
    assert "row 3: government is empty (merged cells?" in err



# One bad row for each reason of ROW_REASONS the rows of a file can have (a CSV with the optional span and
# period_start columns too); the value 5.5 marks the row the importing user may not record.
EVERY_REASON = [  # (indicator, government, year, period, measure, value, unit, span, period_start)
    ("", GOV, 2019, "", "", "9", "%", "", ""),  # indicator_empty
    ("火星指数", GOV, 2019, "", "", "9", "%", "", ""),  # indicator_unknown
    ("地区生产总值", "火星市", 2019, "", "", "9", "%", "", ""),  # government_unknown
    ("地区生产总值", "", 2019, "", "", "9", "%", "", ""),  # government_ambiguous (two governments are stored)
    ("地区生产总值", GOV, "", "", "", "9", "%", "", ""),  # year_empty
    ("地区生产总值", GOV, "明年", "", "", "9", "%", "", ""),  # year_invalid
    ("地区生产总值", GOV, 2019, "Q5", "", "9", "%", "", ""),  # period_invalid
    ("地区生产总值", GOV, 2019, "三季度", "", "9", "%", "", ""),  # period_single
    ("地区生产总值", GOV, 2019, "", "", "1,2,3", "%", "", ""),  # value_grouping
    ("地区生产总值", GOV, 2019, "", "", "inf", "%", "", ""),  # value_not_finite
    ("地区生产总值", GOV, 2019, "", "", "待定", "%", "", ""),  # value_not_number
    ("地区生产总值", GOV, 2019, "", "", "700亿", "%", "", ""),  # value_magnitude_unit
    ("地区生产总值", GOV, 2019, "", "", "7万万元", "", "", ""),  # value_doubled_magnitude
    ("地区生产总值", GOV, 2019, "", "", "5万%", "", "", ""),  # value_rate_magnitude
    ("地区生产总值", GOV, 2019, "", "", "700亿元左右", "", "", ""),  # value_not_exact
    ("地区生产总值", GOV, 2019, "", "", "下降3.4", "", "", ""),  # value_no_unit
    ("地区生产总值", GOV, 2019, "", "", "700亿元", "万吨", "", ""),  # value_unit_mismatch
    ("地区生产总值", GOV, 2019, "", "总数", "9", "%", "", ""),  # measure_invalid
    ("地区生产总值", GOV, 2019, "", "", "9", "", "", ""),  # unit_empty
    ("地区生产总值", GOV, 2019, "", "", "9", "万万元", "", ""),  # unit_doubled_magnitude
    ("地区生产总值", GOV, 2019, "", "", "9", "万%", "", ""),  # unit_rate_magnitude
    ("地区生产总值", GOV, 2019, "", "总量", "9", "万吨", "", ""),  # unit_not_convertible
    ("地区生产总值", GOV, 2019, "", "增速", "9", "亿元", "", ""),  # unit_not_rate
    ("地区生产总值", GOV, 2019, "", "百分点", "9", "%", "", ""),  # unit_not_points
    ("地区生产总值", GOV, 2019, "", "", "9", "%", "五年", ""),  # span_invalid
    ("地区生产总值", GOV, 2019, "", "", "9", "%", "年均", "2025"),  # period_start_invalid
    ("地区生产总值", GOV, 2019, "H1", "", "9", "%", "累计", "2016"),  # period_with_span
    ("城镇登记失业率", GOV, 2019, "", "", "2.6", "%", "", ""),
    ("城镇登记失业率", GOV, 2019, "", "", "2.7", "%", "", ""),  # same_key
    ("一般公共预算收入", GOV, 2019, "", "", "5.5", "%", "", ""),  # not_permitted (`refusing`)
]


def every_reason_files(folder: Path) -> list[Path]:
    """CSVs holding the rows of EVERY_REASON, fewer than 20 a file (a refusal lists 20 bad rows)."""
    paths = []
    for n, rows in enumerate((EVERY_REASON[:15], EVERY_REASON[15:]), start=1):
        path = folder / f"每种问题{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([*COLUMNS[:7], "span", "period_start"])
            writer.writerows(rows)
        paths.append(path)
    return paths


def refusing(_session: Session, row: ActualRow) -> RowProblem | None:
    """The dashboard's `allowed` for a user who may not record the row of value 5.5."""
    return row_problem("not_permitted", "you may not record it", {"indicator": "一般公共预算收入", "government": GOV}) \
        if row.value == 5.5 else None


def every_problem(engine: Engine, folder: Path) -> list[RowProblem]:
    """The problems of real bad files, one or more of each reason of ROW_REASONS, in a store holding PLAN_2019 (a
    second government is stored: 上海市)."""
    from datetime import date

    from planwatch.store.db import connect

    ingest_document(engine, load(PLAN_2020), government="上海市", extract=fake_extract)
    found: list[RowProblem] = []
    for path in every_reason_files(folder):
        with pytest.raises(ValidationError) as info:
            import_actuals(engine, path, allowed=refusing)
        found += info.value.row_problems
    sheet = _sheet(folder / "dates.xlsx", ["指标", "政府", "年份", "期间", "测度", "数值", "单位", "备注"],
                   [["地区生产总值", GOV, date(2019, 1, 1), "", "", 9, "%", ""],
                    ["地区生产总值", None, 2019, "", "", date(2019, 5, 1), "%", ""]], merge="B2:B3")
    with pytest.raises(ValidationError) as dates:
        import_actuals(engine, sheet)
    found += dates.value.row_problems
    empty = connect(f"sqlite:///{folder / 'no-plan.db'}")  # no plan stored: a row without a government has none
    with pytest.raises(ValidationError) as nothing_stored:
        import_actuals(empty, _csv(folder / "no-plan.csv", [_row(government="")]))
    empty.dispose()
    found += nothing_stored.value.row_problems
    with pytest.raises(RowError) as no_value:  # (an import skips such a row; `actuals set` is given a number)
        value_and_unit("", "%")
    return found + no_value.value.problems


def test_every_row_problem_has_a_reason_code_of_its_own(stored: Engine, tmp_path: Path) -> None:
    """Each problem of a refused import is a RowProblem (file, row, column, reason code, values) whose message is the
    CLI's English: the web words the codes (web.actuals_import) instead of matching the English with regexes, which
    let a new or reworded problem through untranslated. Every reason of ROW_REASONS comes from a real bad row."""
    for path in every_reason_files(tmp_path):
        with pytest.raises(ValidationError) as info:
            import_actuals(stored, path, allowed=refusing)
        found = info.value.row_problems
        assert {p.file for p in found} == {path.name} and len(info.value.problems) == len({p.row for p in found})
        for line in info.value.problems:  # a row's line is its problems' English, in order
            number = int(line.split(":")[0].removeprefix("row "))
            assert line == f"row {number}: " + "; ".join(p.message for p in found if p.row == number)
    assert {p.reason for p in every_problem(stored, tmp_path)} == set(ROW_REASONS)


def test_a_problem_names_its_file_row_and_column_as_the_spreadsheet_shows_them(stored: Engine, tmp_path: Path) -> None:
    """A bad cell is named by its file, row, column (the heading as the file writes it, and its letter) and problem."""
    path = _sheet(tmp_path / "坪山2019.xlsx", ["指标", "政府", "年度", "期间", "测度", "数值", "单位", "备注"],
                  [["地区生产总值", GOV, 2019, "", "", 9.1, "%", ""],
                   ["地区生产总值", GOV, "明年", "", "增速", "待定", "%", ""]])
    with pytest.raises(ValidationError) as info:
        import_actuals(stored, path)
    year, value = info.value.row_problems
    assert (year.file, year.row, year.column, year.heading, year.letter, year.reason) == (
        "坪山2019.xlsx", 3, "year", "年度", "C", "year_invalid")
    assert dict(year.params) == {"value": "明年", "low": 1949, "high": 2100}
    assert (value.column, value.heading, value.letter, value.reason, dict(value.params)) == (
        "value", "数值", "F", "value_not_number", {"value": "待定"})
    assert info.value.problems == ["row 3: year '明年' is not a year; value '待定' is not a number"]  # the CLI's
    with pytest.raises(KeyError):  # a problem no edge words cannot be made
        row_problem("year_too_late", "year 2101 is too late")


def test_a_file_without_a_year_or_value_column_is_refused_as_a_whole(stored: Engine, tmp_path: Path) -> None:
    """A header without 年份: each row was refused for its empty year; without 数值: "no row has a value"."""
    path = tmp_path / "no-year.csv"
    path.write_text("指标,政府,数值,单位\n地区生产总值,深圳市坪山区,9.1,%\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"no 年份 \(year\) column in the first 10 rows \(read as the header: row "
                       r"1, '指标,政府,数值,单位'\); the header must be") as info:
        import_actuals(stored, path)
    assert (info.value.reason, info.value.params) == ("actuals_header", {"columns": "年份", "row": 1,
                                                                         "cells": "指标,政府,数值,单位", "within": 10})
    path.write_text("指标,单位\n地区生产总值,%\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"no 年份 \(year\), 数值 \(value\) columns in") as info:
        import_actuals(stored, path)
    assert info.value.params["columns"] == "年份、数值"
    assert _imported(stored) == 0
