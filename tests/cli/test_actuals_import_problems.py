"""`planwatch actuals import` of real bad files (tests/data/actuals): one line saying what was refused, then each bad
row on a line of its own with every problem in it, exit status 2, no traceback and nothing stored. The web page words
the same problems from their codes (tests/web/test_actuals_import.py); these are the CLI's English."""

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


def _stored(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Actual).where(Actual.source == "import")) or 0


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_rows_are_listed_one_a_line(name: str, engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
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
def test_a_file_refused_as_a_whole_is_one_line(name: str, engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    mini_plans(engine)
    path = FILES / name
    code, out, err = run(capsys, "actuals", "import", str(path))
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.splitlines() == [f"planwatch: {path}: {WHOLE[name]}"]
    assert _stored(engine) == 0
