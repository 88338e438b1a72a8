"""A stock never judges an addition, for imported actuals too (review ux5 #2): the bureau's 1,086 国家高新技术企业 (its
stock) marked 新增国家高新技术企业100家以上 完成. On the real Pingshan 2019 plan and the files of tests/data/actuals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from planwatch.monitor.service import assessment_rows
from planwatch.store.actuals import import_actuals

DATA = Path(__file__).resolve().parents[1] / "data" / "actuals"


def _rows(engine: Engine) -> dict[str, Any]:
    return {r.indicator: r for r in assessment_rows(engine) if r.year == 2019}


def test_an_imported_stock_never_judges_a_target_of_an_addition(pingshan_store: Engine) -> None:
    import_actuals(pingshan_store, DATA / "bureau-stock.csv")  # 国家高新技术企业 总量 1,086 (存量)
    rows = _rows(pingshan_store)
    firms = rows["国家高新技术企业"]
    assert (firms.status, firms.actual) == ("no data", None)
    basis = firms.basis
    assert basis.key == "stock_not_addition" and basis.args["actual"] == 1086 and basis.args["unit"] == "家"
    assert "bureau-stock.csv，备注：存量" in str(basis)  # the evidence of why: the stock and where it came from
    assert rows["落后产能企业淘汰"].status == "no data"  # 总量 213: a stock, as written
    assert rows["地区生产总值"].status == "missed"  # growth: no kind to fit
    import_actuals(pingshan_store, DATA / "bureau-additions.csv")  # 存量 450 and 新增 80 of the same year
    rows = _rows(pingshan_store)
    firms = rows["国家高新技术企业"]
    assert (firms.status, firms.actual) == ("missed", 80.0)  # never met on 450 or 1,086
    assert (rows["落后产能企业淘汰"].status, rows["落后产能企业淘汰"].actual) == ("met", 213.0)


def test_people_in_ren_judge_a_target_in_ming(pingshan_store: Engine) -> None:
    """Review ux5 #9: 22人 judges 引进20名高端科技创新人才."""
    import_actuals(pingshan_store, DATA / "bureau-title.xlsx")
    talent = _rows(pingshan_store)["高端科技创新人才"]
    assert (talent.status, talent.actual) == ("met", 22.0)
