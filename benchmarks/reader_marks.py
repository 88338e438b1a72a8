"""How many of the bundled plan's records the plan reader can reach (each has its own <mark>).

    .venv/bin/python benchmarks/reader_marks.py

Nested quotes (a quantity inside a longer one, GDP 700 亿元 among them) used to get no mark.
"""

from __future__ import annotations

import re
import tempfile

from sqlalchemy.orm import Session

from planwatch.cli.store import load_demo
from planwatch.store.db import connect
from planwatch.web import queries
from planwatch.web.highlight import highlight


def main() -> None:
    """Print records marked / records, and how many of them sit inside another record's quote."""
    with tempfile.TemporaryDirectory() as folder:
        engine = connect(f"sqlite:///{folder}/reader.db")
        load_demo(engine)
        with Session(engine) as session:
            for plan in queries.plans(session):
                text = queries.plan(session, plan["id"], with_text=True)["text"]
                records, _total = queries.records(session, queries.RecordFilter(plan_id=plan["id"]), limit=None)
                marked = set(re.findall(r'data-id="(\d+)"', str(highlight(text, records))))
                spans = [(r["start"], r["end"], r["id"]) for r in records]
                nested = {b[2] for a in spans for b in spans if a != b and a[0] <= b[0] and b[1] <= a[1]}
                print(f"{plan['doc']}: {len(marked)} of {len(records)} records marked ({len(nested)} nested in another)")
        engine.dispose()


if __name__ == "__main__":
    main()
