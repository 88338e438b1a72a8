"""Year-end estimates (预计) in monitoring: a verdict resting on one keeps its status but says so (`estimate`, basis
"estimated …", the evidence quoted with its 预计), and a final figure of the same year — a later document, an import, an
entry — wins over it whatever the usual order of documents (review ux4 item 1). The county documents:
tests/data/monitor/estimates (the county plans of the review; a statistics bulletin with the final figures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.monitor.attainment import SOURCE_TIER, Observation, Target, assess
from planwatch.monitor.service import SOURCE_RANK
from tests.cli_support import run

DATA = Path(__file__).parents[1] / "data" / "monitor" / "estimates"
COUNTY = "昆明市宜良县"


def _obs(value: float, plan_year: int, *, estimate: bool = False, source: str = "document", aid: int = 1,
         start: int = 0) -> Observation:
    return Observation(1, 1, 2023, "", "growth", value, "%", SOURCE_RANK[source] * SOURCE_TIER + aid, source=source,
                       plan_year=plan_year if source == "document" else None, quote=f"增长{value}%", start=start,
                       estimate=estimate)


TARGET = Target(10, 1, 1, "growth", "≈", 7.0, "%", 2023, 2023, polarity="higher")


def test_a_verdict_on_an_estimate_keeps_its_status_and_says_so() -> None:
    (a,) = assess([TARGET], [_obs(6.2, 2024, estimate=True)])
    assert (a.status, a.actual, a.estimate) == ("missed", 6.2, True)
    assert a.basis == "estimated growth 2023" and getattr(a.basis, "key", None) == "reported_estimate"
    (final,) = assess([TARGET], [_obs(6.9, 2024)])
    assert (final.status, final.estimate, final.basis) == ("met", False, "reported growth 2023")


@pytest.mark.parametrize("later", [2023, 2024, 2026], ids=["same-year document", "next plan", "a later document"])
def test_a_final_figure_wins_over_an_estimate_whatever_the_documents_order(later: int) -> None:
    """The estimate is in the next year's plan (the document usually preferred); the final figure in a document of the
    year itself, of the same year as the plan, or years later: the final figure judges, and no conflict is raised."""
    estimate = _obs(6.2, 2024, estimate=True, aid=1, start=10)
    final = _obs(6.8, later, aid=2, start=500)
    for order in ([estimate, final], [final, estimate]):
        (a,) = assess([TARGET], order)
        assert (a.status, a.actual, a.estimate) == ("met", 6.8, False)
        assert a.evidence is final


def test_an_entry_or_import_wins_over_an_estimate_and_two_estimates_still_disagree() -> None:
    (a,) = assess([TARGET], [_obs(6.2, 2024, estimate=True), _obs(6.6, 0, source="manual", aid=3)])
    assert (a.actual, a.estimate, a.status) == (6.6, False, "met")
    (b,) = assess([TARGET], [_obs(6.2, 2024, estimate=True, aid=1), _obs(5.0, 2024, estimate=True, aid=2, start=90)])
    assert b.status == "conflict"


def _ingest(capsys: pytest.CaptureFixture[str], tmp_path: Path, *rows: tuple[str, int]) -> None:
    manifest = tmp_path / f"manifest-{len(list(tmp_path.glob('manifest-*')))}.csv"
    manifest.write_text("path,government,year\n" + "".join(f"{DATA / name},{COUNTY},{year}\n" for name, year in rows),
                        encoding="utf-8")
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest), "--workers", "1")
    assert code == 0, out + err


def _gdp(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = run(capsys, "assess", "--government", COUNTY, "--year", "2023", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return next(r for r in rows if r["indicator"] == "地区生产总值" and r["measure"] == "growth")


def test_assess_says_estimated_and_quotes_the_yuji_then_the_final_figure_judges(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The county's 2023 plan (增长7%左右) judged on its 2024 plan's "预计全县地区生产总值完成185.6亿元，增长6.2%": missed,
    on an estimate, quoted with 预计; the 2023 statistics bulletin (增长6.8%, a final figure) then judges it: met."""
    _ingest(capsys, tmp_path, ("yiliang-2023.txt", 2023), ("yiliang-2024.txt", 2024))
    gdp = _gdp(capsys)
    assert (gdp["status"], gdp["actual"], gdp["estimate"]) == ("missed", 6.2, True)
    assert gdp["basis"] == "estimated growth 2023"
    assert gdp["actual_quote"] == "预计全县地区生产总值完成185.6亿元，增长6.2%"
    assert gdp["candidates"][0]["estimate"] is True
    monkeypatch.setenv("COLUMNS", "300")  # the table's cells unfolded
    code, out, _err = run(capsys, "assess", "--government", COUNTY, "--year", "2023")
    assert code == 0 and "6.2%（预计）" in out and "2023年预计增速（预计数，非最终统计数据）" in out  # the basis, worded
    _ingest(capsys, tmp_path, ("yiliang-2023-bulletin.txt", 2023))
    gdp = _gdp(capsys)
    assert (gdp["status"], gdp["actual"], gdp["estimate"]) == ("met", 6.8, False)
    assert gdp["basis"] == "reported growth 2023" and "预计" not in str(gdp["actual_quote"])
    assert {c["estimate"] for c in gdp["candidates"]} == {True, False}  # the estimate is still listed, not chosen
