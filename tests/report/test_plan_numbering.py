"""The report's domain sections carry the plan's own numbers and titles, in the plan's order, under the plan's headings.

A planning office lays the report beside the plan: the report had renumbered the plan's domains （一）（二）… on its own,
so "二、“十三五”时期…" of a work report became （一）, its "（一）稳定和完善宏观经济政策" became （二）, and the plan's "三、"
sections of a report split at 一、 became （二）（三）."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as WordDocument
from sqlalchemy import Engine

from planwatch.documents import bundled_plan_path, load
from planwatch.pipeline import ingest_document
from planwatch.report.model import build_report
from planwatch.report.writers import to_docx, to_html, to_markdown
from tests.extract.test_development_set import SHARED

from .support import bundled_with_tasks

FULL = SHARED / "corpus" / "full"


def _domain_headings(markdown: str) -> list[tuple[int, str]]:
    """The headings under 第二部分 各领域目标任务推进情况, as (number of #, text)."""
    part = markdown.split("## 第二部分 各领域目标任务推进情况", 1)[1].split("\n## ", 1)[0]
    return [(len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#{3,6}) (.+)$", part, flags=re.MULTILINE)]


def _in_plan_order(path: Path, headings: list[str]) -> None:
    """Each heading is a heading line of the plan as printed, and they come in the plan's order."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    at = -1
    for heading in headings:
        found = next((i for i in range(at + 1, len(lines)) if lines[i].startswith(heading)), None)
        assert found is not None, f"{heading!r} is no heading of {path.name} after line {at}"
        at = found


def _ingest(engine: Engine, path: Path) -> int:
    return ingest_document(engine, load(path), extract=lambda text, doc="doc": []).plan_id


def test_the_bundled_plan_s_domains_sit_under_its_own_section_three(engine: Engine) -> None:
    """The Pingshan plan's tasks are its 三、2019 年…主要任务 (一)…(六): the report shows 三、 with them under it."""
    report = build_report(engine, bundled_with_tasks(engine), charts=False)
    text = to_markdown(report)
    headings = _domain_headings(text)
    assert headings[0] == (3, "三、2019 年国民经济和社会发展的主要任务")
    assert [h[:3] for level, h in headings[1:]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert all(level == 4 for level, _h in headings[1:])
    _in_plan_order(Path(bundled_plan_path()), [h for _level, h in headings])
    doc = WordDocument(BytesIO(to_docx(report)))
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name in ("Heading 2", "Heading 3")]
    assert styled[0] == ("Heading 2", "三、2019 年国民经济和社会发展的主要任务")
    assert styled[1] == ("Heading 3", "（一）在发展实体经济上奋力先行，逐步夯实稳固高质量发展的产业根基")
    assert len(styled) == 7
    page = to_html(report)
    assert "<h3>三、2019 年国民经济和社会发展的主要任务</h3><h4>（一）在发展实体经济上奋力先行" in page


@pytest.mark.skipif(not (FULL / "national-gwr-2016.txt").is_file(), reason=f"no {FULL} (set PLANWATCH_SHARED)")
def test_a_work_report_keeps_its_sections_two_and_three_with_the_areas_under_three(engine: Engine) -> None:
    """National 2016: the domains are 二、“十三五”… and the eight areas （一）…（八） of 三、2016年重点工作. The report
    numbered them （一）…（九）: its （二） was the plan's （一）."""
    path = FULL / "national-gwr-2016.txt"
    report = build_report(engine, _ingest(engine, path), charts=False)
    headings = _domain_headings(to_markdown(report))
    assert headings[:3] == [(3, "二、“十三五”时期主要目标任务和重大举措"), (3, "三、2016年重点工作"),
                            (4, "（一）稳定和完善宏观经济政策，保持经济运行在合理区间")]
    assert [h[:3] for _level, h in headings[2:]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    _in_plan_order(path, [h for _level, h in headings])
    assert "（九）" not in to_markdown(report)


@pytest.mark.skipif(not (FULL / "02_national-gwr-2015.txt").is_file(), reason=f"no {FULL} (set PLANWATCH_SHARED)")
def test_sections_numbered_two_to_six_are_not_renumbered_one_to_five(engine: Engine) -> None:
    """National 2015's domains are its own 二、 to 六、: the Word report's headings were （一）to（五）."""
    path = FULL / "02_national-gwr-2015.txt"
    doc = WordDocument(BytesIO(to_docx(build_report(engine, _ingest(engine, path), charts=False))))
    domains = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert [h[:2] for h in domains] == ["二、", "三、", "四、", "五、", "六、"]
    _in_plan_order(path, domains)


def test_a_plan_without_numbered_headings_gets_generated_numbers(engine: Engine, tmp_path: Path) -> None:
    """Only a plan numbering none of its headings has its one domain numbered by the report: （一）主要任务."""
    plan = tmp_path / "plan.txt"
    plan.write_text("某区2019年国民经济和社会发展计划\n\n2019年，要着力推进城市更新。加快推进老旧小区改造，年内完成改造20个小区。"
                    "全面推进垃圾分类，建成分类收运体系。\n", encoding="utf-8")
    report = build_report(engine, _ingest(engine, plan), charts=False)
    assert _domain_headings(to_markdown(report)) == [(3, "（一）主要任务")]
