"""One government under two names (review ux4, item 4): a county typed "昆明市宜良县" in one manifest row and "宜良县"
in the next became two governments, silently, and the next year's report judged nothing; 昆明市 was stored with no
parent though the name said its province. The texts are short plans written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.store.governments import name_parts
from planwatch.store.schema import AuditLog, Government, Plan
from tests.cli_support import run

PLAN = """{name}{year}年国民经济和社会发展计划

一、{last}年计划执行情况

全县地区生产总值完成{level}亿元，增长{actual}%。

二、{year}年主要预期目标

地区生产总值增长6%左右。
"""


def _plan(folder: Path, stem: str, year: int, actual: float, name: str = "宜良县") -> str:
    (folder / f"{stem}.txt").write_text(PLAN.format(name=name, year=year, last=year - 1, level=180 + year - 2020,
                                                    actual=actual), encoding="utf-8")
    return f"{stem}.txt"


def _ingest(capsys: pytest.CaptureFixture[str], folder: Path, *rows: tuple[str, str, int]) -> str:
    manifest = folder / "manifest.csv"
    manifest.write_text("path,government,year\n" + "".join(f"{p},{g},{y}\n" for p, g, y in rows), encoding="utf-8")
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest))
    assert code == 0, err
    return out


def _governments(engine: Engine) -> dict[str, tuple[str | None, str | None]]:
    with Session(engine) as session:
        rows = session.scalars(select(Government)).all()
        names = {g.id: g.name for g in rows}
        return {g.name: (g.level, names.get(g.parent_id) if g.parent_id else None) for g in rows}


@pytest.mark.parametrize(("name", "parts"), [
    ("昆明市宜良县", ["昆明市", "宜良县"]), ("云南省昆明市宜良县", ["云南省", "昆明市", "宜良县"]),
    ("宜良县", ["宜良县"]), ("国务院", ["国务院"]), ("乌鲁木齐市新市区", ["乌鲁木齐市", "新市区"]),
    ("荆州市沙市区", ["荆州市", "沙市区"]), ("内蒙古自治区呼和浩特市", ["内蒙古自治区", "呼和浩特市"]),
    ("昆明市石林彝族自治县", ["昆明市", "石林彝族自治县"]), ("苏州工业园区", ["苏州工业园区"]),
])
def test_a_name_gives_the_governments_above_it(name: str, parts: list[str]) -> None:
    assert name_parts(name) == parts


def test_a_county_under_its_short_name_is_the_stored_county(engine: Engine, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The 2025 plan under 宜良县 lands on 昆明市宜良县 (a note says so), and the 2024 target is judged on it."""
    first = _plan(tmp_path, "c-2024", 2024, 6.2)
    second = _plan(tmp_path, "c-2025", 2025, 5.5)
    _ingest(capsys, tmp_path, (first, "昆明市宜良县", 2024))
    out = _ingest(capsys, tmp_path, (second, "宜良县", 2025))
    assert "宜良县 is stored as 昆明市宜良县" in out and "(昆明市宜良县 2025)" in out
    assert set(_governments(engine)) == {"昆明市", "昆明市宜良县"}
    code, out, err = run(capsys, "assess", "--government", "昆明市宜良县", "--year", "2024", "--format", "jsonl")
    assert code == 0, err
    assert '"status": "met"' in out and '"actual": 5.5' in out
    again = _ingest(capsys, tmp_path, (second, "宜良县", 2025))
    assert again.startswith("unchanged")  # the same file under the other name is no changed plan to replace


def test_a_district_name_is_stored_apart_with_the_likely_duplicate_named(engine: Engine, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """鼓楼区 is a district of 南京市 and of 福州市: never matched by its name alone, but the note names the stored
    南京市鼓楼区 and the command that merges them; merged, a later ingest under 鼓楼区 lands on 南京市鼓楼区."""
    first = _plan(tmp_path, "d-2024", 2024, 6.2, "鼓楼区")
    second = _plan(tmp_path, "d-2025", 2025, 5.5, "鼓楼区")
    _ingest(capsys, tmp_path, (first, "南京市鼓楼区", 2024))
    out = _ingest(capsys, tmp_path, (second, "鼓楼区", 2025))
    assert "鼓楼区 may be the same government as the stored 南京市鼓楼区" in out
    assert "planwatch governments merge 鼓楼区 南京市鼓楼区" in out
    assert {"鼓楼区", "南京市鼓楼区"} <= set(_governments(engine))
    code, out, err = run(capsys, "governments", "merge", "鼓楼区", "南京市鼓楼区")
    assert code == 0, err
    assert "鼓楼区" not in _governments(engine)
    with Session(engine) as session:
        kept = session.scalar(select(Government).where(Government.name == "南京市鼓楼区"))
        assert kept is not None
        assert sorted(session.scalars(select(Plan.year).where(Plan.government_id == kept.id))) == [2024, 2025]
        merged = session.scalar(select(AuditLog).where(AuditLog.action == "government.merge"))
        assert merged is not None and merged.detail["name"] == "鼓楼区" and merged.detail["plans_moved"] == 1
    code, out, err = run(capsys, "assess", "--government", "南京市鼓楼区", "--year", "2024", "--format", "jsonl")
    assert code == 0 and '"actual": 5.5' in out, err
    code, by_alias, err = run(capsys, "assess", "--government", "鼓楼区", "--year", "2024", "--format", "jsonl")
    assert code == 0 and by_alias == out, err  # the merged name still names it
    third = _plan(tmp_path, "d-2026", 2026, 5.9, "鼓楼区")
    out = _ingest(capsys, tmp_path, (third, "鼓楼区", 2026))
    assert "(南京市鼓楼区 2026)" in out and "an alias of it" in out
    code, out, err = run(capsys, "governments")
    assert code == 0 and "鼓楼区" in out.split("南京市鼓楼区", 1)[1], err  # listed as its alias


def test_rename_keeps_the_old_name_and_a_city_gets_the_province_its_name_gives(
        engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _plan(tmp_path, "c-2024", 2024, 6.2)
    _ingest(capsys, tmp_path, (first, "云南省昆明市宜良县", 2024))
    stored = _governments(engine)
    assert stored["云南省昆明市宜良县"] == ("county", "昆明市") and stored["昆明市"] == ("city", "云南省")
    assert stored["云南省"] == ("province", None)
    code, _out, err = run(capsys, "governments", "rename", "云南省昆明市宜良县", "宜良县")
    assert code == 0, err
    second = _plan(tmp_path, "c-2025", 2025, 5.5)
    out = _ingest(capsys, tmp_path, (second, "云南省昆明市宜良县", 2025))
    assert "(宜良县 2025)" in out
    code, _out, err = run(capsys, "governments", "rename", "宜良县", "昆明市")
    assert code == 2 and "planwatch governments merge 宜良县 昆明市" in err


def test_a_city_stored_without_its_province_is_placed_by_its_longer_name_or_by_hand(
        engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """昆明市 came with no parent (the county's name gives no province): the province's own plan does not place it,
    a later 云南省昆明市 name does, and `governments parent` does by hand; a cycle is refused."""
    _ingest(capsys, tmp_path, (_plan(tmp_path, "c-2024", 2024, 6.2), "昆明市宜良县", 2024))
    _ingest(capsys, tmp_path, (_plan(tmp_path, "p-2024", 2024, 6.0, "云南省"), "云南省", 2024))
    assert _governments(engine)["昆明市"] == ("city", None)
    _ingest(capsys, tmp_path, (_plan(tmp_path, "k-2024", 2024, 6.0, "昆明市"), "云南省昆明市", 2024))
    assert _governments(engine)["昆明市"] == ("city", "云南省")  # the same city, now placed
    code, _out, err = run(capsys, "governments", "parent", "昆明市")
    assert code == 0 and _governments(engine)["昆明市"] == ("city", None), err
    code, _out, err = run(capsys, "governments", "parent", "昆明市", "云南省")
    assert code == 0 and _governments(engine)["昆明市"] == ("city", "云南省"), err
    code, _out, err = run(capsys, "governments", "parent", "云南省", "昆明市宜良县")
    assert code == 2 and "under itself" in err
