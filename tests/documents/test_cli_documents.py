"""`planwatch text` prints the offsets basis; `planwatch outline` prints the heading tree."""

from __future__ import annotations

import json

import pytest

from planwatch.cli import main
from planwatch.documents import bundled_plan_path, load

from .paths import FIXTURES


def _run(argv: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsysbinary.readouterr()
    return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")


@pytest.mark.parametrize("name", ["county-plan-gbk.txt", "report-utf16.txt", "plan.docx", "plan.pdf", "plan.html", "plan-crlf.txt"])
def test_text_prints_exactly_the_document_text(name: str, capsysbinary) -> None:
    code, out, err = _run(["text", str(FIXTURES / name)], capsysbinary)
    assert code == 0 and err == ""
    assert out == load(FIXTURES / name).text


def test_outline_of_the_bundled_plan_as_a_tree(capsysbinary) -> None:
    code, out, _ = _run(["outline"], capsysbinary)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("深圳市坪山区 2019 年国民经济 和社会发展计划  (深圳市坪山区 · district · 2019 · plan)")
    assert lines[1].startswith("一、2018 年国民经济和社会发展计划执行情况  [")
    assert "├── （一）保持经济稳定增长，实体经济迈上新台阶  [" in out
    assert "│   ├── 1. 促进产业提质升级  [" in out


def test_outline_json(capsysbinary) -> None:
    code, out, _ = _run(["outline", str(bundled_plan_path()), "--format", "json"], capsysbinary)
    assert code == 0
    payload = json.loads(out)
    assert payload["doc"] == "pingshan-2019-plan"
    assert payload["meta"]["year"] == 2019
    text = load(bundled_plan_path()).text
    first = payload["sections"][0]
    assert text[first["start"]:first["heading_end"]].startswith("一、")
    assert [c["label"] for c in payload["sections"][2]["children"][0]["children"]] == ["1.", "2.", "3.", "4."]


def test_outline_of_a_docx(capsysbinary) -> None:
    code, out, _ = _run(["outline", str(FIXTURES / "plan.docx")], capsysbinary)
    assert code == 0
    assert "二、2024年国民经济和社会发展的主要目标" in out and "示例县 · county · 2024 · plan" in out
