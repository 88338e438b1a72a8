"""Monitoring on real consecutive reports: how each year's headline targets are judged on the next report.

    .venv/bin/python benchmarks/monitor.py --shared ../shared

Ingests the State Council reports of ../shared/corpus/full into a temporary SQLite database
and prints, for each year N with a report N+1, every headline target (GDP, CPI, new urban
jobs, registered / surveyed unemployment) with its status, the actual, its span and the
document it came from; then the totals and, as a check, how many were judged on anything
but a one-year figure of the next report (must be 0).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from planwatch.documents import load  # noqa: E402
from planwatch.monitor.service import assessment_rows  # noqa: E402
from planwatch.pipeline import ingest_document  # noqa: E402
from planwatch.store.db import connect  # noqa: E402

HEADLINE = ("国内生产总值", "居民消费价格", "城镇新增就业", "城镇登记失业率", "城镇调查失业率")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    full = args.shared / "corpus" / "full"
    paths = {int(p.stem.rsplit("-", 1)[1]): p for p in full.glob("*national-gwr-*.txt")}
    years = sorted(y for y in paths if y + 1 in paths)
    with tempfile.TemporaryDirectory() as folder:
        engine = connect(f"sqlite:///{folder}/monitor.db")
        for year in sorted({y for y in years} | {y + 1 for y in years}):
            ingest_document(engine, load(paths[year]))
        rows = assessment_rows(engine)
        judged = nodata = wrong = 0
        print(f"{'year':>4}  {'indicator':10} {'target':>12} {'actual':>10}  {'status':9} source")
        for year in years:
            for r in rows:
                if r.plan_year != year or r.year != year or r.span != "year" or r.indicator not in HEADLINE:
                    continue
                target = f"{r.comparator}{r.value:g}" if r.value is not None else ""
                actual = f"{r.actual:g}" if r.actual is not None else "—"
                print(f"{year:>4}  {r.indicator:10} {target:>12} {actual:>10}  {r.status:9} "
                      f"{r.actual_document} «{r.actual_quote}»" if r.actual_quote else
                      f"{year:>4}  {r.indicator:10} {target:>12} {actual:>10}  {r.status:9} {r.basis}")
                if r.status in ("met", "missed", "conflict"):
                    judged += 1
                    if r.actual_span != "year" or r.actual_year != year or r.actual_plan_id is None:
                        wrong += 1
                elif r.status == "no data":
                    nodata += 1
        print(f"\n{len(years)} consecutive pairs: {judged} headline targets judged on the next report's annual figure, "
              f"{nodata} no data, {wrong} judged on anything else")
        engine.dispose()


if __name__ == "__main__":
    main()
