"""Ingest: one transaction per plan, idempotent, replaces changed files, rolls back on failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.errors import ValidationError
from planwatch.extract.records import Quantity
from planwatch.pipeline import ingest_document
from planwatch.pipeline import stages as pipeline_stages
from planwatch.store import ingest as ingest_module
from planwatch.store.ingest import describe_document
from planwatch.store.schema import Actual, AuditLog, Government, Plan, Record, Section

from .mini_plans import PLAN_2019, PLAN_2020, as_word, fake_extract


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (Plan, Record, Section, Actual, Government)}


def test_ingest_stores_plan_records_sections_and_document_actuals(engine: Engine) -> None:
    result = ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    assert result.status == "added"
    assert (result.government, result.year, result.records, result.targets) == ("深圳市坪山区", 2019, 8, 4)
    assert result.actuals == 4
    with Session(engine) as s:
        plan = s.get(Plan, result.plan_id)
        assert plan is not None and plan.kind == "plan" and plan.government.level == "district"
        assert plan.government.parent_id is not None  # 深圳市 registered as the parent city
        records = s.scalars(select(Record).where(Record.plan_id == plan.id).order_by(Record.position)).all()
        assert all(r.indicator_id is not None for r in records)
        assert all(plan.text[r.start:r.end] == r.quote for r in records)
        assert any(r.section_id is not None for r in records)
        assert s.scalar(select(func.count()).select_from(Section).where(Section.parent_id.is_not(None))) >= 0
        years = set(s.scalars(select(Actual.year)))
        assert years == {2018}


def test_same_content_twice_is_a_no_op(engine: Engine) -> None:
    first = ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    before = _counts(engine)
    second = ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    assert second.status == "unchanged" and second.plan_id == first.plan_id
    assert _counts(engine) == before


def test_the_same_plan_laid_out_differently_is_stored_once(engine: Engine, tmp_path: Path) -> None:
    """The .txt and the .docx of one plan read into texts that differ only in whitespace: the second is the
    same content (`unchanged`), not a second plan whose records a corpus would count twice."""
    word = load(as_word(PLAN_2019, tmp_path / "pingshan-mini-2019-word.docx"))
    text = load(PLAN_2019)
    assert word.text != text.text and "".join(word.text.split()) == "".join(text.text.split())
    first = ingest_document(engine, text, extract=fake_extract)
    before = _counts(engine)
    second = ingest_document(engine, word, extract=fake_extract)
    assert second.status == "unchanged" and second.plan_id == first.plan_id
    assert _counts(engine) == before
    assert ingest_module.text_key(word.text) == ingest_module.text_key(text.text)


def test_the_same_file_with_other_whitespace_is_changed(engine: Engine, tmp_path: Path) -> None:
    """Whitespace can change what extraction finds (a line break ends a heading or a list item), so the same
    file name with other whitespace is a changed file: its plan is replaced, not left as it was."""
    path = tmp_path / PLAN_2019.name
    shutil.copyfile(PLAN_2019, path)
    first = ingest_document(engine, load(path), extract=fake_extract)
    path.write_text(PLAN_2019.read_text(encoding="utf-8").replace("\n\n", "\n"), encoding="utf-8")
    second = ingest_document(engine, load(path), extract=fake_extract)
    assert second.status == "replaced" and second.plan_id == first.plan_id
    assert _counts(engine)["plan"] == 1


def test_the_text_key_leaves_out_layout_and_invisible_characters() -> None:
    """Line breaks, the ideographic space, no-break spaces, zero-width spaces, the BOM and soft hyphens are
    layout; every other character (a digit, a punctuation mark) is content."""
    key = ingest_module.text_key
    assert key("地区生产总值\n增长 8.5%") == key("地区生产总值增长8.5%") == key("\ufeff地区\u3000生产\u00a0总值\u200b增长8.5\u00ad%")
    assert key("增长8.5%") != key("增长85%") and key("增长8.5%") != key("增长8.5％")


def test_a_corpus_with_a_plan_in_two_formats_stores_it_once(engine: Engine, tmp_path: Path) -> None:
    """A corpus folder holding a plan as .txt and as .docx (a government's page and its attachment): one plan."""
    from planwatch.pipeline import ingest_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copyfile(PLAN_2019, folder / PLAN_2019.name)
    as_word(PLAN_2019, folder / "pingshan-mini-2019-word.docx")
    tally = ingest_corpus(engine, [folder], workers=1, extract=fake_extract)
    assert (tally.added, tally.unchanged, tally.failures) == (1, 1, [])
    assert _counts(engine)["plan"] == 1
    extracted: list[str] = []

    def counting(text: str, doc: str = "") -> list[Quantity]:
        extracted.append(doc)
        return fake_extract(text, doc=doc)

    again = ingest_corpus(engine, [folder], workers=1, extract=counting)  # a rerun: neither file is extracted
    assert (again.added, again.unchanged, extracted) == (0, 2, [])


def test_changed_file_replaces_its_plan(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "pingshan-mini-2019.txt"
    shutil.copyfile(PLAN_2019, path)
    first = ingest_document(engine, load(path), extract=fake_extract)
    path.write_text(PLAN_2019.read_text(encoding="utf-8").replace("8.5%以上", "8.5%以上；\n\n——新增就业 1 万人"),
                    encoding="utf-8")
    second = ingest_document(engine, load(path), extract=fake_extract)
    assert second.status == "replaced" and second.plan_id == first.plan_id
    counts = _counts(engine)
    assert counts["plan"] == 1 and counts["record"] == 8 and counts["actual"] == 4
    with Session(engine) as s:
        assert s.scalar(select(Plan.text)).count("新增就业") == 1
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert "plan.add" in actions and "plan.replace" in actions


def test_failure_leaves_the_database_exactly_as_before(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    before = _counts(engine)
    with Session(engine) as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditLog))

    def explode(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline_stages, "pairings_for_plan", explode)  # fails in the last stage (follow-up)
    with pytest.raises(RuntimeError):
        ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    changed = load(PLAN_2019)
    changed.text += "\n"
    with pytest.raises(RuntimeError):
        ingest_document(engine, changed, extract=fake_extract)
    assert _counts(engine) == before
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) == audit_before
        assert s.scalar(select(Plan.content_hash)) == ingest_module.content_hash(load(PLAN_2019))


def test_overrides_and_missing_metadata(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("一些没有标题的文字。\n\n地区生产总值增长 6%。\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="--government"):
        describe_document(load(path))
    info = describe_document(load(path), government="某某县", year=2021)
    assert (info.government, info.level, info.year) == ("某某县", "county", 2021)
    result = ingest_document(engine, load(path), government="某某县", year=2021, extract=lambda text, doc: [])
    assert result.status == "added" and result.year == 2021


def test_cross_year_results_become_actuals_for_last_years_targets(engine: Engine) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    with Session(engine) as s:
        rows = s.execute(select(Actual.year, Actual.measure, Actual.value).where(Actual.year == 2019)).all()
    assert (2019, "growth", 9.0) in rows and (2019, "share", 2.5) in rows


KILLED_INGEST = """
import sys, time
from pathlib import Path
from planwatch.documents import load
from planwatch.store import connect
from planwatch.pipeline import ingest_document, stages
sys.path.insert(0, {tests!r})
from store.mini_plans import fake_extract

def stall(session, plan):
    session.flush()
    Path({flag!r}).write_text("inside")
    time.sleep(60)

stages.pairings_for_plan = stall  # the last stage (follow-up): plan, records, actuals and tasks are written by then
ingest_document(connect({url!r}), load({plan!r}), extract=fake_extract)
"""


def test_killed_ingest_leaves_the_previous_state(engine: Engine, db_url: str, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    before = _counts(engine)
    flag = tmp_path / "inside"
    script = KILLED_INGEST.format(tests=str(Path(__file__).parents[1]), flag=str(flag), url=db_url,
                                  plan=str(PLAN_2020))
    process = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert process.poll() is None, "the ingest process ended before reaching the hook"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    engine.dispose()
    assert _counts(engine) == before


# Real sentences of the State Council's five-year reviews (national-gwr-2018.txt, national-gwr-2021.txt).
REVIEW_2018 = """政府工作报告
——2018年3月5日在第十三届全国人民代表大会第一次会议上
一、过去五年工作回顾
五年来，经济实力跃上新台阶。
国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1％，占世界经济比重从11.4％提高到15％左右，对世界经济增长贡献率超过30％。
财政收入从11.7万亿元增加到17.3万亿元。
"""
REVIEW_2021 = """政府工作报告
——2021年3月5日在第十三届全国人民代表大会第四次会议上
二、“十三五”时期发展成就和“十四五”时期主要目标任务
过去五年，我国经济社会发展取得新的历史性成就。
经济运行总体平稳，经济结构持续优化，
国内生产总值从不到70万亿元增加到超过100万亿元。
"""


def test_a_base_value_is_never_an_actual_of_a_guessed_year(engine: Engine, tmp_path: Path) -> None:
    """从X增加到Y: X (2012's or 2015's level) is no actual, neither of the year before the report (its year
    unknown) nor of the year Y is reported for; Y is, and the average keeps its span."""
    for name, text in (("national-gwr-2018.txt", REVIEW_2018), ("national-gwr-2021.txt", REVIEW_2021)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest_document(engine, load(tmp_path / name))
    with Session(engine) as s:
        gdp = s.execute(select(Actual.year, Actual.measure, Actual.value, Actual.span, Actual.period_start)
                        .join(Record, Record.id == Actual.record_id).where(Record.indicator == "国内生产总值")
                        .order_by(Actual.year, Actual.measure)).all()
        bases = {q: y for q, y in s.execute(select(Record.quote, Record.year).where(Record.quote.in_(
            ["国内生产总值从54万亿元", "国内生产总值从不到70万亿元"])))}
        revenue = s.scalars(select(Actual.value).join(Record, Record.id == Actual.record_id)
                            .where(Record.indicator == "财政收入")).all()
    assert set(bases) == {"国内生产总值从54万亿元", "国内生产总值从不到70万亿元"}  # the records stay
    assert gdp == [(2017, "growth", 7.1, "average", 2013), (2017, "level", 82.7e12, "year", None),
                   (2020, "level", 1e14, "year", None)]
    assert revenue == [17.3e12]


def test_an_unchanged_plan_reports_the_actuals_it_keeps(engine: Engine, tmp_path: Path) -> None:
    """Ingesting the same file again said "unchanged … 0 actuals" of a plan that keeps its document actuals."""
    path = tmp_path / "national-gwr-2018.txt"
    path.write_text(REVIEW_2018, encoding="utf-8")
    first = ingest_document(engine, load(path))
    again = ingest_document(engine, load(path))
    assert again.status == "unchanged" and again.actuals == first.actuals > 0
