"""The execution report: words, evidence, domains and tasks, and the Word / Markdown / HTML files."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from docx import Document as WordDocument
from sqlalchemy import Engine

from planwatch.report.model import build_report
from planwatch.report.writers import render, to_docx, to_html, to_markdown

from .support import bundled_with_tasks, mini_plans


def test_report_text_has_each_headline_indicator_with_status_and_evidence(engine: Engine) -> None:
    report = build_report(engine, mini_plans(engine), charts=False)
    text = to_markdown(report)
    for phrase in ("地区生产总值增长9%，高于年度目标0.5个百分点，完成年度目标",
                   "一般公共预算收入增长3.8%，低于年度目标1.2个百分点，未完成年度目标",
                   "城镇登记失业率为2.5%，低于年度目标0.5个百分点，完成年度目标",
                   "万元GDP能耗下降4.2%，降幅高于年度目标1.2个百分点，完成年度目标"):
        assert phrase in report.headline and phrase in text
    assert "4项主要指标中" in report.headline and "完成3项、未完成1项" in report.headline
    # every actual has its source: the 2020 plan and the words it was read from
    assert len(report.sources) == 4
    assert all("深圳市坪山区2020年国民经济和社会发展计划" in s for s in report.sources)
    assert "增长3.8%" in report.sources[1]
    assert "| 地区生产总值 | 增长8.5%以上 | 增长9%[^1] | 完成 | +0.5个百分点 |" in text


def test_no_data_plan_says_no_data(engine: Engine) -> None:
    mini_plans(engine)
    report = build_report(engine, 2, charts=False)  # the 2020 plan: nothing reports on 2020 yet
    assert report.lines and all(line.actual == "暂无数据" for line in report.lines)
    assert "暂无数据" in report.headline and not report.sources


def test_domains_in_plan_order_with_late_tasks_named_with_their_unit(engine: Engine) -> None:
    report = build_report(engine, bundled_with_tasks(engine), charts=False)
    titles = [d.title for d in report.domains]
    assert len(titles) == 6 and titles[0].startswith("（一）在发展实体经济上奋力先行")
    assert titles[-1].startswith("（六）在深化改革创新上奋力先行")
    first = report.domains[0]
    assert first.counts["已完成"] == 1 and first.counts["滞后"] == 1 and first.counts["推进中"] == 1
    assert len(first.late) == 1 and first.late[0][1] == "区发展和改革局"
    assert "滞后任务及责任单位如下：" in to_markdown(report) and "（区发展和改革局）\n" in to_markdown(report)


def test_word_file_has_headings_table_pictures_toc_and_page_numbers(engine: Engine) -> None:
    report = build_report(engine, mini_plans(engine))
    doc = WordDocument(BytesIO(to_docx(report)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "第一部分 主要指标完成情况") in headings and ("Heading 1", "资料来源") in headings
    assert any(style == "Heading 2" for style, _t in headings)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["指标", "年度目标", "实际完成", "完成情况", "差距"]
    assert table.rows[1].cells[2].text == "增长9%[1]"
    assert len(doc.inline_shapes) == 2  # the two charts
    body = doc.element.body.xml
    assert 'TOC \\o "1-3"' in body
    assert "PAGE" in doc.sections[0].footer.paragraphs[0]._p.xml
    assert any(p.text.startswith("[1] 地区生产总值2019年实际值来源") for p in doc.paragraphs)


def test_html_is_self_contained_without_script(engine: Engine) -> None:
    page = to_html(build_report(engine, mini_plans(engine)))
    assert "<script" not in page and page.count("data:image/png;base64,") == 2
    assert "完成年度目标" in page


def test_charts_are_pngs_drawn_with_the_packaged_cjk_font(engine: Engine) -> None:
    from matplotlib import font_manager, pyplot

    from planwatch.report.charts import font_path

    report = build_report(engine, mini_plans(engine))
    assert set(report.charts) == {"domains", "indicators"}
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000 for png in report.charts.values())
    assert "mplfonts" in str(font_path())  # a font shipped by a package, not the system's
    used = font_manager.findfont(font_manager.FontProperties(family=pyplot.rcParams["font.family"]), fallback_to_default=False)
    assert used == str(font_path())


def test_cli_writes_each_format(engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    for fmt in ("md", "html", "docx", "xlsx"):
        target = tmp_path / f"r.{fmt}"
        code, out, err = run(capsys, "report", "--plan", str(plan), "--format", fmt, "-o", str(target), "--no-charts")
        assert code == 0, err
        assert target.stat().st_size > 0 and f"wrote {target}" in out
    assert "完成年度目标" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_cli_unknown_plan_is_one_line(engine: Engine, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "report", "--plan", "99", "-o", str(tmp_path / "x.docx"))
    assert code == 2 and err.strip().count("\n") == 0 and "plan 99 is not stored" in err


def test_render_rejects_unknown_format(engine: Engine) -> None:
    from planwatch.errors import PlanwatchError

    with pytest.raises(PlanwatchError, match="unknown report format"):
        render(build_report(engine, mini_plans(engine), charts=False), "odt")


def test_cli_format_follows_the_output_suffix(engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    code, _out, err = run(capsys, "report", "--plan", str(plan), "-o", str(tmp_path / "r.html"), "--no-charts")
    assert code == 0, err
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _out, err = run(capsys, "report", "--plan", str(plan), "-o", str(tmp_path / "report"), "--no-charts")
    assert code == 0, err
    assert (tmp_path / "report").read_bytes()[:2] == b"PK"  # no suffix: Word


def test_a_source_note_words_the_period_of_a_total_in_chinese(engine: Engine, tmp_path: Path) -> None:
    """The note of an actual over several years read "城镇新增就业total 2016–2020年实际值来源" (the span's code).

    The five-year goals of the State Council's 2016 report (its section 二) on their own: a plan with no target for
    its year has its later ones as main indicators."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document
    from planwatch.store.actuals import import_actuals

    lines = (Path(bundled_plan_path()).parent / "examples" / "national-gwr-2016.txt").read_text(encoding="utf-8").splitlines()
    goals = tmp_path / "national-2016-goals.txt"
    goals.write_text("\n".join(lines[176:248]) + "\n", encoding="utf-8")  # 二、“十三五”时期主要目标任务和重大举措
    plan_id = ingest_document(engine, load(goals), government="国务院", year=2016).plan_id
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("indicator,government,year,value,unit,span,period_start,note\n"
                     "城镇新增就业,国务院,2020,6000万,人,total,2016,十三五累计\n", encoding="utf-8")
    import_actuals(engine, sheet)
    report = build_report(engine, plan_id, charts=False)
    note = next(s for s in report.sources if s.startswith("城镇新增就业"))
    assert note.startswith("城镇新增就业2016–2020年期间累计实际值来源") and "total" not in note
    assert "2016–2020年期间累计实际值来源" in to_markdown(report) and "total" not in to_html(report)


def test_the_title_names_the_kind_of_document(engine: Engine) -> None:
    """A report made from a government work report was titled "…国民经济和社会发展计划执行情况报告"."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    plan = bundled_with_tasks(engine)
    assert build_report(engine, plan, charts=False).title == "深圳市坪山区2019年国民经济和社会发展计划执行情况报告"
    work = ingest_document(engine, load(example_paths()[0])).plan_id  # the State Council's 2016 work report
    assert build_report(engine, work, charts=False).title == "国务院2016年政府工作报告目标任务执行情况报告"


def test_a_work_report_s_main_indicators_are_the_year_s_not_its_five_year_goals(engine: Engine) -> None:
    """The State Council's 2016 report lists the 十三五 goals under a heading naming 目标 (二、“十三五”时期主要目标任务和
    重大举措): the report of 2016 showed those 2020 targets as its 23 main indicators under 年度目标, and not the year's
    (国内生产总值增长6.5%—7%, 居民消费价格3%左右 …). A progress verdict on a five-year total (城镇新增就业5000万人以上,
    2016–2017 against 2/5 of it) has a ratio for margin: its margin column read +0.000033万人."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.evaluate.facts import assessment_rows
    from planwatch.pipeline import ingest_document
    from planwatch.report import wording

    plan = ingest_document(engine, load(example_paths()[0])).plan_id
    for path in example_paths()[1:3]:
        ingest_document(engine, load(path))
    report = build_report(engine, plan, charts=False)
    assert report.lines and all(line.row.year == 2016 for line in report.lines)
    assert {"国内生产总值", "居民消费价格", "城镇新增就业"} <= {line.row.indicator for line in report.lines}
    assert report.headline.startswith(f"2016年，国务院政府工作报告确定的{len(report.lines)}项主要指标中")
    assert "| 国内生产总值 | 增长6.5%—7% | 增长6.7%[^1] | 完成 | +0.2个百分点 |" in to_markdown(report)
    five_year = next(r for r in assessment_rows(engine, plan) if r.indicator == "城镇新增就业" and r.year == 2020)
    assert five_year.status == "on track" and five_year.progress is not None
    assert wording.margin_text(five_year) == ""
