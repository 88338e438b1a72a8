"""Junk names never reach the registry; doubtful ones are listed to merge or hide (issue 9).

`data/junk-names-2016.txt`: lines 4–6 are verbatim sentences of the State Council's 2016 report
(../shared/corpus/full/national-gwr-2016.txt lines 282, 554, 589), "具体抓好9个方面工作：" is verbatim
from yunnan-gwr-2026 line 69, and the last line is the 2016 report's targets, shortened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from planwatch.documents import load
from planwatch.extract.naming import is_name
from planwatch.pipeline import ingest_document
from planwatch.store.db import transaction
from planwatch.store.indicator_review import hide, suspects
from planwatch.store.schema import AuditLog, Indicator, Record
from tests.cli_support import run

JUNK_PLAN = Path(__file__).with_name("data") / "junk-names-2016.txt"


def test_junk_names_never_reach_the_registry(engine: Engine) -> None:
    ingest_document(engine, load(JUNK_PLAN), government="国务院")
    with transaction(engine) as s:
        names = list(s.scalars(select(Indicator.name).where(Indicator.standard.is_(False))))
        records = {r.indicator: r.indicator_id for r in s.scalars(select(Record))}
    assert names and all(is_name(n) for n in names), names
    for junk in ("增速就能够", "高校毕业生将高", "孩子的配套政策", "方面", "经济"):
        assert junk not in names and junk not in records
    assert records["高校毕业生"] is not None
    assert "国内生产总值" in records


def _register(engine: Engine, *rows: tuple[str, str]) -> None:
    with transaction(engine) as s:
        for name, unit in rows:
            s.add(Indicator(name=name, unit=unit, polarity="neutral", domain="", standard=False))


def test_suspects_name_the_reason_and_a_merge(engine: Engine) -> None:
    # names registered before the checks existed, as an earlier version did
    _register(engine, ("方面", "个"), ("进出口总额接连", "元"), ("城镇新增就业人数合计", "人"), ("公园绿地", "平方米"))
    with transaction(engine) as s:
        found = {r.name: r for r in suspects(s)}
    assert set(found) == {"方面", "进出口总额接连", "城镇新增就业人数合计"}
    assert any("function word" in why or "generic" in why for why in found["方面"].reasons)
    assert found["城镇新增就业人数合计"].merge_into == "城镇新增就业"
    with transaction(engine) as s:
        hide(s, "方面")
        assert "方面" not in {r.name for r in suspects(s)}
        assert s.scalar(select(AuditLog.action).order_by(AuditLog.id.desc())) == "indicator.hide"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "200")
    return db_url


def test_cli_suspect_hide_and_show(cli: str, engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    _register(engine, ("各地可", "个"), ("公园绿地", "平方米"))
    code, out, _ = run(capsys, "indicators", "--suspect")
    assert code == 0 and "各地可" in out and "公园绿地" not in out and "indicators hide NAME" in out
    code, out, _ = run(capsys, "indicators", "hide", "各地可")
    assert code == 0 and "hidden: 各地可" in out
    code, out, _ = run(capsys, "indicators")
    assert "各地可" not in out and "公园绿地" in out
    code, out, _ = run(capsys, "indicators", "--all")
    assert "各地可" in out
    code, out, _ = run(capsys, "indicators", "hide", "各地可", "--show")
    assert code == 0 and "shown: 各地可" in out
    code, _out, err = run(capsys, "indicators", "hide", "火星指数")
    assert code == 2 and "火星指数" in err


def test_hidden_indicators_leave_the_web_list(engine: Engine) -> None:
    from planwatch.web.queries import indicators

    _register(engine, ("上述", "个"), ("公园绿地", "平方米"))
    with transaction(engine) as s:
        hide(s, "上述")
    with transaction(engine) as s:
        names = {row["name"] for row in indicators(s, limit=1000)[0]}
    assert "公园绿地" in names and "上述" not in names
