"""`planwatch actuals import` of real bad files (tests/data/actuals): one line saying what was refused, then each bad
row on a line of its own with every problem in it, exit status 2, no traceback and nothing stored. In English
(PLANWATCH_LANGUAGE=en) the store's words; in Chinese (the default) the import page's, worded from the same codes
(tests/web/test_actuals_import.py): the CLI printed only the English, beside Chinese verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run
from report.support import mini_plans
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.store.schema import Actual

FILES = Path(__file__).resolve().parents[1] / "data" / "actuals"

# file → the lines under the first (each bad row with its problems, in the CLI's words)
REFUSED = {
    "bad-number.csv": ["row 3: value '待定' is not a number",
                       "row 4: value '1,2,3': thousands separators must be in groups of three (1,234.5)"],
    "unknown-indicator.csv": ["row 3: unknown indicator '火星指数' (see `planwatch indicators`)"],
    "bad-year.csv": ["row 2: year '明年' is not a year", "row 3: year '2019.5' is not a year"],
    "bad-period.csv": ["row 2: period '第五季度' is not read: leave it blank for the whole year (全年), or write 一季度, "
                       "上半年, 前三季度 or 1—n月 (1—9月)"],
    "gb18030.csv": ["row 3: unknown indicator '火星指数' (see `planwatch indicators`)",
                    "row 4: year '二〇一九' is not a year"],
}
# file → the one line of a file refused as a whole
WHOLE = {
    "missing-column.csv": "no 年份 (year) column in the first 10 rows (read as the header: row 1, "
                          "'指标,政府,期间,口径,数值,单位,备注'); the header must be 指标,政府,年份,期间,口径,数值,单位,备注 or "
                          "indicator,government,year,period,measure,value,unit,note",
    "empty.csv": "empty file (0 bytes); check that the download or export finished",
}


# The same files in Chinese: the import page's words (`web.actuals_import`), row by row with the column at fault.
REFUSED_ZH = {
    "bad-number.csv": ["第3行：F列（数值） 数值“待定”不是数字",
                       "第4行：F列（数值） 数值“1,2,3”的千位分隔符须每三位一组（如 1,234.5）"],
    "unknown-indicator.csv": ["第3行：A列（指标） 未登记的指标“火星指数”"],
    "bad-year.csv": ["第2行：C列（年份） 年份“明年”不是 1949 至 2100 之间的整数年份",
                     "第3行：C列（年份） 年份“2019.5”不是 1949 至 2100 之间的整数年份"],
    "bad-period.csv": ["第2行：D列（期间） 期间“第五季度”无法识别：全年留空，或填一季度、上半年、前三季度、1—n月（如1—9月）"],
    "gb18030.csv": ["第3行：A列（指标） 未登记的指标“火星指数”",
                    "第4行：C列（年份） 年份“二〇一九”不是 1949 至 2100 之间的整数年份"],
}
WHOLE_ZH = {
    "missing-column.csv": " 的前10行中没有“年份”列（读作表头的是第1行：“指标,政府,期间,口径,数值,单位,备注”）：请保留模板的表头行",
    "empty.csv": " 是空文件（0 字节）：请检查下载或导出是否已完成",
}


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's words in English (PLANWATCH_LANGUAGE=en)."""
    from planwatch.settings import get_settings

    monkeypatch.setenv("PLANWATCH_LANGUAGE", "en")
    get_settings.cache_clear()


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's words in Chinese: PLANWATCH_LANGUAGE unset (zh is the default)."""
    from planwatch.settings import get_settings

    monkeypatch.delenv("PLANWATCH_LANGUAGE", raising=False)
    get_settings.cache_clear()


def _stored(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Actual).where(Actual.source == "import")) or 0


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_rows_are_listed_one_a_line(name: str, engine: Engine, capsys: pytest.CaptureFixture[str],
                                        english: None) -> None:
    mini_plans(engine)
    path = FILES / name
    code, out, err = run(capsys, "actuals", "import", str(path))
    lines = err.splitlines()
    assert (code, out) == (2, "") and "Traceback" not in err
    assert lines[0].startswith(f"planwatch: {path}: {len(REFUSED[name])} of ")
    assert lines[0].endswith("; nothing was imported")
    assert lines[1:] == [f"  {line}" for line in REFUSED[name]]
    assert _stored(engine) == 0  # the good row of the file neither


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_file_refused_as_a_whole_is_one_line(name: str, engine: Engine, capsys: pytest.CaptureFixture[str],
                                               english: None) -> None:
    mini_plans(engine)
    path = FILES / name
    code, out, err = run(capsys, "actuals", "import", str(path))
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.splitlines() == [f"planwatch: {path}: {WHOLE[name]}"]
    assert _stored(engine) == 0


@pytest.mark.parametrize("name", sorted(REFUSED_ZH))
def test_bad_rows_are_listed_in_chinese_by_default(name: str, engine: Engine, capsys: pytest.CaptureFixture[str],
                                                   chinese: None) -> None:
    mini_plans(engine)
    path = FILES / name
    code, out, err = run(capsys, "actuals", "import", str(path))
    lines = err.splitlines()
    assert (code, out) == (2, "") and "Traceback" not in err
    assert lines[0] == f"planwatch: {path}：有 {len(REFUSED_ZH[name])} 行有误，未导入任何数据。请改正后重新导入"
    assert lines[1:] == [f"  {line}" for line in REFUSED_ZH[name]]
    assert _stored(engine) == 0


@pytest.mark.parametrize("name", sorted(WHOLE_ZH))
def test_a_file_refused_as_a_whole_is_one_chinese_line(name: str, engine: Engine, capsys: pytest.CaptureFixture[str],
                                                       chinese: None) -> None:
    mini_plans(engine)
    path = FILES / name
    code, out, err = run(capsys, "actuals", "import", str(path))
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.splitlines() == [f"planwatch: {path}{WHOLE_ZH[name]}"]


def test_the_chinese_rows_are_the_import_pages_words(engine: Engine, capsys: pytest.CaptureFixture[str],
                                                     chinese: None) -> None:
    """One wording of each problem: the CLI's Chinese is the web's (`web.actuals_import.problems`), never a copy."""
    from planwatch.errors import ValidationError
    from planwatch.store.actuals import import_actuals
    from planwatch.web import i18n
    from planwatch.web.actuals_import import problems

    mini_plans(engine)
    path = FILES / "gb18030.csv"
    with pytest.raises(ValidationError) as refused:
        import_actuals(engine, path)
    token = i18n.set_language("zh")
    try:
        worded = [(p["row"], p["column"], p["message"]) for p in problems(refused.value)]
    finally:
        i18n.reset_language(token)
    code, _out, err = run(capsys, "actuals", "import", str(path))
    assert code == 2
    assert err.splitlines()[1:] == [f"  第{row}行：{column} {message}" for row, column, message in worded]


@pytest.mark.parametrize(("language", "said"), [
    ("zh", "{path}：已保存 1 个数值。"), ("en", "imported 1 actuals from {path}")])
def test_a_stored_import_is_said_in_the_interface_language(engine: Engine, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                           language: str, said: str) -> None:
    from planwatch.settings import get_settings

    mini_plans(engine)
    path = tmp_path / "good.csv"
    path.write_text((FILES / "bad-number.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
                    + (FILES / "bad-number.csv").read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANWATCH_LANGUAGE", language)
    monkeypatch.setenv("COLUMNS", "300")  # the line unwrapped, however long the temporary path
    get_settings.cache_clear()
    code, out, err = run(capsys, "actuals", "import", str(path))
    assert (code, err) == (0, "")
    assert out.strip() == said.format(path=path)
    assert _stored(engine) == 1
