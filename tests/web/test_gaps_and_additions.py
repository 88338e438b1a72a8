"""A difference from another figure and an addition, shown as what they are (a fresh review, items 8 and 15).

北京市 2026: "全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点" — the 0.4 (aspect gap) was drawn as a third chart
of 地区生产总值 ("百分点 · 北京市") and listed as "0.4个百分点"; "1000处信号灯联网" (aspect addition: 新增, its quote
starts after the verb) showed as a plain 1000处 under 口径 总量 on every page.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .conftest import unmark

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


def _beijing(engine: Engine) -> int:
    """北京市's 2026 report (held-out text): its plan id."""
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    return ingest_document(engine, load(HELDOUT / "beijing-2026.txt"), government="北京市", year=2026).plan_id


def _record(engine: Engine, plan: int, quote: str) -> tuple[int, int]:
    """(record id, indicator id) of the record of `plan` with this quote."""
    from planwatch.store.schema import Record

    with Session(engine) as session:
        row = session.execute(select(Record.id, Record.indicator_id).where(Record.plan_id == plan,
                                                                          Record.quote == quote)).first()
    assert row, quote
    return row[0], row[1]


GAP = "全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点"


def test_a_gap_is_kept_out_of_the_indicators_charts_and_worded_as_a_gap(client: TestClient,
                                                                         demo_engine: Engine) -> None:
    plan = _beijing(demo_engine)
    record, indicator = _record(demo_engine, plan, GAP)
    page = client.get(f"/indicators/{indicator}", params={"lang": "zh"}).text
    lanes = json.loads(re.search(r'<script type="application/json" id="series-data">(.*?)</script>', page, re.S)[1])
    drawn = [p for lane in lanes for g in lane["governments"] for kind in ("targets", "results") for p in g[kind]]
    assert drawn and record not in {p["record_id"] for p in drawn}
    assert "points" not in {lane["measure"] for lane in lanes}  # no chart of 百分点 · 北京市 with 0.4 in 2025
    row = next(r for r in re.findall(r'<tr id="rec-\d+">.*?</tr>', page, re.S) if f'id="rec-{record}"' in r)
    assert "比全国高0.4个百分点" in re.sub(r"<[^>]+>", "", row)
    assert "比全国高0.4个百分点" in client.get("/targets", params={"plan": plan, "kind": "result", "lang": "zh"}).text
    english = unmark(client.get(f"/indicators/{indicator}", params={"lang": "en"}).text)
    assert "0.4 percentage points above 全国" in english


def test_an_addition_says_so_on_the_pages_and_in_the_download(client: TestClient, demo_engine: Engine) -> None:
    plan = _beijing(demo_engine)
    record, _indicator = _record(demo_engine, plan, "1000处信号灯联网")
    cell = re.search(rf'href="/plans/{plan}#r-{record}"', client.get("/targets", params={"plan": plan}).text)
    assert cell  # the row is listed
    targets = client.get("/targets", params={"plan": plan, "q": "信号灯联网", "lang": "zh"}).text
    assert re.search(r'<span class="aspect">新增</span>\s*1000处', targets)
    record_page = client.get(f"/records/{record}", params={"lang": "zh"}).text
    assert re.search(r'<span class="aspect">新增</span>\s*1000处', record_page)
    search = client.get("/search", params={"q": "信号灯联网", "lang": "zh"}).text
    assert re.search(r'<span class="aspect">新增</span>\s*1000处', search)
    rows = list(csv.reader(io.StringIO(client.get("/targets.csv", params={"plan": plan, "q": "信号灯联网", "lang": "zh"})
                                       .content.decode("utf-8-sig"))))
    kind, quote = rows[0].index("数值类型"), rows[0].index("原文")
    assert {r[quote]: r[kind] for r in rows[1:]} == {"1000处信号灯联网": "新增", "信号灯联网、累计达8000处": "总量"}
