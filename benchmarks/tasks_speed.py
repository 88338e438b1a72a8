"""CPU time of the task work of an ingest worker, per real report (../shared/corpus/full).

Task work is what `pipeline.stages.analyse` does after the quantities: `store.tasks.plan_tasks`
(extraction of tasks and achievements, suggested units), `monitor.followup.task_words` (the words
follow-up matching needs, jieba) and `key_pieces` of every task. Each document is analysed once,
as a worker meets it (its per-text caches start empty for it; caches of shorter pieces, such as
the word runs jieba cuts, carry over from the documents before, as in a worker); the quantities
are extracted beforehand and not counted. Measure on an idle machine: CPU time grows with load.

    .venv/bin/python benchmarks/tasks_speed.py --shared ../shared
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from planwatch.extract import extract_quantities
from planwatch.extract.task_segment import blocks
from planwatch.monitor.followup import key_pieces, task_words
from planwatch.pipeline.stages import read
from planwatch.store.ingest import describe_document
from planwatch.store.tasks import plan_tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    paths = sorted((args.shared / "corpus" / "full").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no reports in {args.shared / 'corpus' / 'full'}; give --shared")
    blocks("预热")  # load jieba's dictionary outside the timing (once per worker)
    prepared = []
    for path in paths:
        document = read(path)
        info = describe_document(document, None, None)
        quantities = extract_quantities(document.text, doc=document.name)
        prepared.append((document, info, [(q.start, q.end, q.kind) for q in quantities]))
    spent = {"plan_tasks": 0.0, "task_words": 0.0, "key_pieces": 0.0}
    chars = 0
    for document, info, spans in prepared:
        chars += len(document.text)
        t0 = time.process_time()
        items, _units = plan_tasks(document.text, document.name, spans, info.level)
        t1 = time.process_time()
        quotes = [item.quote for item in items if item.kind == "task"]
        task_words(quotes)
        t2 = time.process_time()
        for quote in quotes:
            key_pieces(quote)
        t3 = time.process_time()
        spent["plan_tasks"] += t1 - t0
        spent["task_words"] += t2 - t1
        spent["key_pieces"] += t3 - t2
    n = len(prepared)
    print(f"{n} reports, {chars / n:,.0f} characters each on average; CPU ms per report:")
    for name, seconds in spent.items():
        print(f"  {name:11} {seconds / n * 1000:7.1f}")
    total = sum(spent.values())
    print(f"  {'task work':11} {total / n * 1000:7.1f}  ({total / chars * 19000 * 1000:.1f} per 19,000 characters)")


if __name__ == "__main__":
    main()
