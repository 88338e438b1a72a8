"""CPU milliseconds per real report of each pure stage of `pipeline.stages.analyse`, caches cold.

Stages, in analyse's order: describe (describe_document), quantities (extract_quantities),
tasks (store.tasks.plan_tasks: tasks, achievements, suggested units), words
(followup.task_words), names (indicators.registry_names), pieces (followup.key_pieces of every
task), outline+hash (outline_rows, content_hash). Every memo cache of extraction is emptied before
each document (`pipeline.caches.clear_text_caches`, as `benchmarks/corpus.py --cold` does), so each
report is met as in a corpus of distinct reports. The best of `--passes` passes is printed per stage
(CPU time, time.process_time: on a shared machine other processes still slow each pass). The garbage
collector runs as in an ingest worker (`pipeline.collector.relax`, what is loaded frozen), and a pass
starts after a collection, so a full collection does not land in one stage or another by chance.

    .venv/bin/python benchmarks/stages.py --sources ../shared/corpus/full --passes 3
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

import planwatch.extract
from planwatch.monitor.followup import key_pieces, task_words
from planwatch.pipeline.caches import clear_text_caches
from planwatch.pipeline.collector import relax
from planwatch.pipeline.stages import analyse, read
from planwatch.store.indicators import registry_names
from planwatch.store.ingest import content_hash, describe_document, outline_rows
from planwatch.store.tasks import plan_tasks

STAGES = ("describe", "quantities", "tasks", "words", "names", "pieces", "outline+hash")


def one_pass(docs: list) -> dict[str, float]:
    """CPU seconds of each stage over `docs`, caches emptied before each document."""
    spent = dict.fromkeys(STAGES, 0.0)
    for document in docs:
        clear_text_caches()
        marks = [time.process_time()]
        info = describe_document(document, None, None)
        marks.append(time.process_time())
        quantities = planwatch.extract.extract_quantities(document.text, doc=document.name)
        marks.append(time.process_time())
        items, _ = plan_tasks(document.text, document.name, [(q.start, q.end, q.kind) for q in quantities], info.level)
        marks.append(time.process_time())
        quotes = [item.quote for item in items if item.kind == "task"]
        task_words(quotes)
        marks.append(time.process_time())
        registry_names(q.indicator or "" for q in quantities)
        marks.append(time.process_time())
        for quote in quotes:
            key_pieces(quote)
        marks.append(time.process_time())
        outline_rows(document.text)
        content_hash(document)
        marks.append(time.process_time())
        for stage, before, after in zip(STAGES, marks[:-1], marks[1:], strict=True):
            spent[stage] += after - before
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=Path("../shared/corpus/full"), help="Folder of .txt reports.")
    parser.add_argument("--passes", type=int, default=3, help="Passes over the reports; the best of each stage is kept.")
    args = parser.parse_args()
    docs = [read(path) for path in sorted(args.sources.glob("*.txt"))]
    if not docs:
        parser.error(f"no .txt reports in {args.sources}")
    analyse(docs[0])  # dictionaries and word lists loaded once, as a worker's warm-up does
    gc.collect()
    gc.freeze()  # what is loaded stays out of the collector's passes, as in forked workers
    relax()  # and the collector runs as rarely as in an ingest worker (pipeline.collector)
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(max(1, args.passes)):
        gc.collect()  # each pass starts with an empty young generation: a full pass lands in no stage by chance
        for stage, seconds in one_pass(docs).items():
            best[stage] = min(best[stage], seconds)
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} reports, {chars / len(docs):,.0f} characters each on average; caches cold; "
          f"best of {args.passes} passes, CPU ms per report")
    for stage in STAGES:
        print(f"  {stage:13s} {best[stage] * 1000 / len(docs):7.1f}")
    print(f"  {'total':13s} {sum(best.values()) * 1000 / len(docs):7.1f}")


if __name__ == "__main__":
    main()
