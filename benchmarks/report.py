"""Benchmark reports and exports: time to write each report format for the demo plan, and the panel for 1,000 plans.

    .venv/bin/python benchmarks/report.py                 # SQLite in a temporary folder
    .venv/bin/python benchmarks/report.py --plans 1000 --targets 20
    .venv/bin/python benchmarks/report.py --screenshot docs/screenshots/report.png   # README's picture

The demo plan is the bundled Pingshan 2019 plan (ingested with the real extractor).
The panel database holds `--plans` synthetic plans (200 governments × 5 years) with
`--targets` standard-indicator targets each and an imported actual for every target,
written in bulk so the figure is the export's own.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from planwatch.cli.demo import load_examples  # noqa: E402
from planwatch.cli.store import load_demo  # noqa: E402
from planwatch.evaluate.service import evaluate  # noqa: E402
from planwatch.report.model import build_report  # noqa: E402
from planwatch.report.panel import write_panel  # noqa: E402
from planwatch.report.workbook import workbook  # noqa: E402
from planwatch.report.writers import libreoffice, render  # noqa: E402
from planwatch.store.db import connect, transaction  # noqa: E402
from planwatch.store.indicators import seed  # noqa: E402
from planwatch.store.schema import Actual, Government, Indicator, Plan, Record  # noqa: E402


def bench_formats(folder: Path) -> None:
    """Load the demo plan, then time building the report and writing each format."""
    engine = connect(f"sqlite:///{folder / 'demo.db'}")
    plan_id = load_demo(engine)[0].plan_id
    started = time.perf_counter()
    report = build_report(engine, plan_id)
    print(f"  build report (assess, domains, two charts): {time.perf_counter() - started:.2f} s")
    formats = ["md", "html", "docx"] + (["pdf"] if _has_libreoffice() else [])
    for fmt in formats:
        started = time.perf_counter()
        data = render(report, fmt)
        print(f"  write {fmt:5s}: {time.perf_counter() - started:.2f} s ({len(data) // 1024} KiB)")
    started = time.perf_counter()
    data = workbook(engine, plan_id, evaluate(engine, plan_id))
    print(f"  write xlsx : {time.perf_counter() - started:.2f} s ({len(data) // 1024} KiB, with the evaluation)")
    engine.dispose()


def screenshot(folder: Path, target: Path, page: int = 1) -> None:
    """Render page `page` (0-based) of the demo's PDF report to a PNG: the picture in README."""
    import pypdfium2 as pdfium

    engine = connect(f"sqlite:///{folder / 'shot.db'}")
    results = [*load_examples(engine), *load_demo(engine)]  # what `planwatch demo` loads
    judged = {r.plan_id: sum(line.row.actual is not None for line in build_report(engine, r.plan_id, charts=False).lines)
              for r in results}
    plan_id = max(judged, key=lambda pid: (judged[pid], pid))  # the demo plan whose report has the most actuals
    pdf = render(build_report(engine, plan_id), "pdf")
    document = pdfium.PdfDocument(pdf)
    try:
        document[page].render(scale=1.4).to_pil().save(target)
    finally:
        document.close()
    engine.dispose()
    print(f"wrote {target} (page {page + 1} of the report of plan {plan_id})")


def _has_libreoffice() -> bool:
    """Whether LibreOffice is installed (PDF is skipped otherwise)."""
    try:
        libreoffice()
        return True
    except Exception:  # noqa: BLE001
        print("  (pdf skipped: LibreOffice not installed)")
        return False


def build_panel_database(url: str, plans: int, targets: int) -> int:
    """`plans` synthetic plans with `targets` targets each and an actual per target; returns the target count."""
    rng = random.Random(11)
    engine = connect(url)
    governments_n = max(plans // 5, 1)
    with transaction(engine) as session:
        seed(session)
        indicators = session.execute(select(Indicator.id, Indicator.name, Indicator.unit)
                                     .where(Indicator.standard.is_(True)).order_by(Indicator.id)).all()
        governments = [Government(name=f"基准市{g}区", level="district") for g in range(governments_n)]
        session.add_all(governments)
        session.flush()
        made = []
        for p in range(plans):
            g = governments[p % governments_n]
            made.append(Plan(government_id=g.id, year=2016 + p // governments_n, title=f"基准计划 {p}",
                             kind="annual_plan", doc=f"panel-{p}", source_name=f"panel-{p}.txt",
                             content_hash=uuid.uuid4().hex, text=""))
        session.add_all(made)
        session.flush()
        records, actuals = [], []
        for plan in made:
            for i in range(targets):
                ind_id, name, _unit = indicators[i % len(indicators)]
                target = rng.uniform(3, 9)
                records.append({"plan_id": plan.id, "indicator_id": ind_id, "position": i, "doc": plan.doc,
                                "kind": "target", "indicator": name, "measure": "growth", "value": round(target, 1),
                                "value_max": None, "unit": "%", "comparator": ">=", "year": plan.year,
                                "quote": f"{name}增长{target:.1f}%以上", "start": 0, "end": 0, "section": "",
                                "strength": "soft", "polarity": None, "optional": False, "extra": {}})
                actuals.append({"indicator_id": ind_id, "government_id": plan.government_id, "year": plan.year,
                                "period": "", "measure": "growth", "value": round(rng.uniform(2, 10), 1), "unit": "%",
                                "source": "import", "record_id": None, "who": "bench", "note": "统计公报"})
        session.execute(insert(Record), records)
        session.execute(insert(Actual), actuals)
    engine.dispose()
    return plans * targets


def bench_panel(folder: Path, plans: int, targets: int) -> None:
    """Time the panel export (Parquet and CSV) for a database of `plans` plans."""
    url = f"sqlite:///{folder / 'panel.db'}"
    started = time.perf_counter()
    total = build_panel_database(url, plans, targets)
    print(f"  built {plans:,} plans, {total:,} targets and actuals in {time.perf_counter() - started:.1f} s")
    engine = connect(url)
    for suffix in ("parquet", "csv"):
        started = time.perf_counter()
        rows = write_panel(engine, folder / f"panel.{suffix}")
        elapsed = time.perf_counter() - started
        size = (folder / f"panel.{suffix}").stat().st_size
        print(f"  panel {suffix:7s}: {rows:,} rows in {elapsed:.2f} s ({size / 1e6:.1f} MB)")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000, help="plans in the panel database (default 1000)")
    parser.add_argument("--targets", type=int, default=20, help="targets per plan (default 20)")
    parser.add_argument("--screenshot", type=Path, help="only write a PNG of the demo report's second page here")
    parser.add_argument("--page", type=int, default=2, help="page of the report for --screenshot (default 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-report-") as tmp:
        folder = Path(tmp)
        if args.screenshot:
            screenshot(folder, args.screenshot, args.page - 1)
            return
        print("report formats, demo plan (Pingshan 2019):")
        bench_formats(folder)
        print(f"research panel, {args.plans:,} plans:")
        bench_panel(folder, args.plans, args.targets)


if __name__ == "__main__":
    main()
