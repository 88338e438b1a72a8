"""Pathological inputs of issue 12, each through every stage of ingesting a plan; prints CPU seconds per MB.

Stages: read (documents.from_bytes), then pipeline.stages.analyse's own — describe
(describe_document), quantities (extract_quantities), tasks (plan_tasks), words (task_words),
names (registry_names), pieces (key_pieces) — and the outline the writer stores. CPU time (time.process_time): the machine may be shared.
Goal: ≤ 2 s/MB for any input at full size.

    .venv/bin/python benchmarks/pathological.py            # the sizes of the issue
    .venv/bin/python benchmarks/pathological.py --scale 0.1 --only line
    .venv/bin/python benchmarks/pathological.py --stages --repeat 3   # the least CPU of 3 runs per input

The 200 MB file is refused by the size limit (setting max_file_mb, default 50 MB) before
it is read; the time to refuse it is printed. tests/extract/test_pathological.py uses the
same generators at small sizes and checks the behaviour that keeps the work linear (a sentence
past its quota of numbers costs no analysis; a chain gives each piece its records).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def raise_to_50000() -> tuple[str, Callable[[float], bytes]]:
    return "从…提高到… ×50,000", lambda s: "，".join(
        f"从{i % 90 + 1}%提高到{i % 90 + 5}%" for i in range(int(50_000 * s))).encode() + "。".encode()


def dun_list() -> tuple[str, Callable[[float], bytes]]:
    return "100,000-item 、 list of numbers", lambda s: (
        "新增学位" + "、".join(f"{i}万个" for i in range(int(100_000 * s))) + "。").encode()


def yi_er_san() -> tuple[str, Callable[[float], bytes]]:
    return "1 MB of 一二三", lambda s: ("一二三" * int(1_048_576 * s / 9)).encode()


def long_number() -> tuple[str, Callable[[float], bytes]]:
    return "5,000-digit number", lambda s: ("地区生产总值增长" + "9" * int(5_000 * s) + "%。").encode()


def long_line() -> tuple[str, Callable[[float], bytes]]:
    sentence = "地区生产总值增长8.5%以上，新增公办学位1.4万个以上，"
    return "one 10 MB line", lambda s: (sentence * int(10 * 1_048_576 * s / len(sentence.encode()))).encode()


def nested_divs() -> tuple[str, Callable[[float], bytes]]:
    return "100,000 nested divs (.html)", lambda s: (
        "<html><body>" + "<div>" * int(100_000 * s) + "地区生产总值增长8.5%以上" + "</div>" * int(100_000 * s)
        + "</body></html>").encode()


CASES: list[tuple[str, str, Callable[[float], bytes]]] = [
    ("raise.txt", *raise_to_50000()), ("list.txt", *dun_list()), ("yi.txt", *yi_er_san()),
    ("digits.txt", *long_number()), ("line.txt", *long_line()), ("divs.html", *nested_divs()),
]


def stages(name: str, data: bytes) -> dict[str, float]:
    """CPU seconds spent in each stage of ingesting `data` as file `name`, the way `planwatch ingest` does.

    read (documents.from_bytes), then what `pipeline.stages.analyse` runs — describe
    (store.ingest.describe_document), quantities (extract_quantities), tasks (store.tasks.plan_tasks),
    words (monitor.followup.task_words), names (store.indicators.registry_names), pieces
    (monitor.followup.key_pieces) — then the outline the writer stores (documents.outline),
    all inside one per-document time budget (setting document_seconds), as an ingest has.
    """
    from planwatch.documents import from_bytes
    from planwatch.documents.budget import time_budget
    from planwatch.documents.outline import build_outline
    from planwatch.errors import DocumentError
    from planwatch.extract import extract_quantities
    from planwatch.monitor.followup import key_pieces, task_words
    from planwatch.store.indicators import registry_names
    from planwatch.store.ingest import describe_document
    from planwatch.store.tasks import plan_tasks

    spent: dict[str, float] = {}
    t0 = time.process_time()
    document = from_bytes(Path(name), data)
    spent["read"] = time.process_time() - t0
    text = document.text
    found: dict[str, list] = {"quantities": [], "tasks": []}

    def tasks() -> None:
        spans = [(q.start, q.end, q.kind) for q in found["quantities"]]
        found["tasks"] = plan_tasks(text, document.name, spans, "district")[0]

    work = (
        ("describe", lambda: describe_document(document, "某区", 2020)),
        ("quantities", lambda: found["quantities"].extend(extract_quantities(text, doc=document.name))),
        ("tasks", tasks),
        ("words", lambda: task_words([t.quote for t in found["tasks"] if t.kind == "task"])),
        ("names", lambda: registry_names(q.indicator or "" for q in found["quantities"])),
        ("pieces", lambda: [key_pieces(t.quote) for t in found["tasks"] if t.kind == "task"]),
        ("outline", lambda: build_outline(text)),
    )
    with time_budget(name):  # one budget for the whole document, as an ingest has
        for stage, run in work:
            t0 = time.process_time()
            try:
                run()
            except DocumentError:
                spent[stage] = time.process_time() - t0
                spent["refused"] = 0.0  # the time budget ran out: the document is refused with one line
                break
            spent[stage] = time.process_time() - t0
    spent["records"] = float(len(found["quantities"]))
    spent["task count"] = float(len(found["tasks"]))
    return spent


def cold(run: Callable[[str, bytes], dict[str, float]], name: str, data: bytes) -> dict[str, float]:
    """`run(name, data)` with every memo cache of extraction emptied first: a repeat must not find the
    clauses of the run before it cached (pipeline.caches, as benchmarks/corpus.py does)."""
    from planwatch.pipeline.caches import clear_text_caches

    clear_text_caches()
    return run(name, data)


def refuse_200_mb() -> tuple[float, str]:
    """Seconds to refuse a 200 MB file, and the message."""
    from planwatch.documents import load
    from planwatch.errors import DocumentError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.txt"
        with path.open("wb") as handle:
            handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
        t0 = time.perf_counter()
        try:
            load(path)
            message = "read (no limit!)"
        except DocumentError as exc:
            message = str(exc)
        return time.perf_counter() - t0, message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's sizes (default 1)")
    parser.add_argument("--only", default="", help="run only the cases whose file name contains this")
    parser.add_argument("--stages", action="store_true", help="also print the CPU seconds of every stage")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each input this many times and keep the run with the least CPU time: on a shared "
                             "machine another process's load inflates CPU time too (caches, hyper-threads) (default 1)")
    parser.add_argument("--document-seconds", type=float, default=600.0,
                        help="per-document time budget (wall clock) while measuring; ingest's default is 120 s, "
                             "which a loaded machine can spend on a document that takes 30 s of CPU (default 600)")
    args = parser.parse_args(argv)
    os.environ.setdefault("PLANWATCH_MAX_FILE_MB", "50")
    os.environ["PLANWATCH_DOCUMENT_SECONDS"] = str(args.document_seconds)
    from planwatch.documents import bundled_plan_path

    stages("warm-up.txt", bundled_plan_path().read_bytes())  # one-time costs (jieba's dictionary, settings) first
    worst = 0.0
    print(f"{'input':34} {'MB':>7} {'CPU s':>8} {'s/MB':>7}  slowest stage")
    for name, label, make in CASES:
        if args.only and args.only not in name:
            continue
        data = make(args.scale)
        mb = len(data) / 1_048_576
        spent = min((cold(stages, name, data) for _ in range(max(1, args.repeat))),
                    key=lambda run: sum(v for k, v in run.items() if k not in ("records", "task count", "refused")))
        refused = spent.pop("refused", None) is not None
        records, tasks = int(spent.pop("records")), int(spent.pop("task count"))
        total = sum(spent.values())
        slowest = max(spent, key=lambda k: spent[k])
        worst = max(worst, total / mb)
        note = "  (time budget spent: refused with one line)" if refused else ""
        print(f"{label:34} {mb:7.2f} {total:8.2f} {total / mb:7.2f}  {slowest} {spent[slowest]:.2f} s; "
              f"{records} records, {tasks} tasks{note}", flush=True)
        if args.stages:
            print(" " * 36 + "  ".join(f"{stage} {seconds:.2f}" for stage, seconds in spent.items()), flush=True)
    if not args.only:
        seconds, message = refuse_200_mb()
        print(f"{'200 MB file':34} {200:7.2f} {seconds:8.4f} {seconds / 200:7.4f}  refused: {message[-110:]}")
    print(f"worst: {worst:.2f} s/MB (goal ≤ 2)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
