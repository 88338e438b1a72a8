"""Where a multi-worker ingest's CPU goes, thread by thread and process by process.

`benchmarks/corpus.py` splits a run's CPU into reading, storing, matching and "other". This script
shows who pays the rest: it ingests --sample documents of the synthetic corpus (built at run time,
not kept; extraction's memo caches emptied before each document, as corpus.py does) with
`ingest_corpus` in this process, samples the CPU time of each of this process's threads and of each
child process (`/proc`, every 0.2 s), and prints CPU milliseconds a document: the writer's storing
thread; each process pool's manager thread (it unpickles what the processes send back) and queue
feeder thread (it pickles what is sent to them), the follow-up matcher's pool first, then the
workers'; each worker and the matcher. A thread or process that ends between two samples loses up
to 0.2 s; the writer process's total (`getrusage`) counts every thread.

    .venv/bin/python benchmarks/threads.py [--sample 400] [--workers 2] [--documents 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import build_corpus, cold_extract, sample_folder  # noqa: E402  (benchmarks/corpus.py)

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_path: str) -> float:
    """User + system CPU seconds of a process or thread, from its /proc stat file."""
    with open(stat_path, encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Sampler(threading.Thread):
    """Keeps the last CPU time seen of each thread of this process and of each child process."""

    def __init__(self) -> None:
        super().__init__(name="sampler", daemon=True)
        self.threads: dict[int, tuple[str, float]] = {}
        self.children: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.2):
            for thread in threading.enumerate():
                if thread is self:
                    continue
                try:
                    label = thread.name if type(thread) is threading.Thread else f"{thread.name} ({type(thread).__name__})"
                    self.threads[thread.native_id or 0] = (label, cpu_seconds(f"/proc/{me}/task/{thread.native_id}/stat"))
                except OSError:
                    pass
            try:
                kids = Path(f"/proc/{me}/task/{me}/children").read_text().split()
            except OSError:
                kids = []
            for kid in kids:
                try:
                    self.children[int(kid)] = cpu_seconds(f"/proc/{kid}/stat")
                except OSError:
                    pass


def main() -> None:
    """Build the sample, ingest it once, print CPU a document by thread and by process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=400, help="Documents ingested.")
    parser.add_argument("--documents", type=int, default=2000, help="Size of the synthetic corpus built.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus" / "full")
    args = parser.parse_args()
    if args.workers < 2:
        parser.error("--workers must be 2 or more: with 1 worker every stage runs in one thread")

    from planwatch.pipeline import ingest_corpus
    from planwatch.store.db import connect

    with tempfile.TemporaryDirectory(prefix="planwatch-threads-") as scratch:
        corpus, sample = Path(scratch) / "corpus", Path(scratch) / "sample"
        build_corpus(args.sources, corpus, args.documents)
        count, size = sample_folder(corpus, args.sample, sample)
        print(f"{count} synthetic documents ({size / 1e6:.1f} MB), {args.workers} workers, a fresh SQLite file")
        engine = connect(f"sqlite:///{scratch}/threads.db")
        sampler = Sampler()
        sampler.start()
        started = time.perf_counter()
        tally = ingest_corpus(engine, [sample], workers=args.workers, extract=cold_extract)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        engine.dispose()
    n = max(tally.done, 1)
    print(f"{tally.done} documents in {seconds:.1f} s ({tally.done / seconds:.2f} documents/s); CPU ms a document: "
          f"read {tally.read_cpu / n * 1e3:.1f}, store {tally.store_cpu / n * 1e3:.1f}, "
          f"match {tally.match_cpu / n * 1e3:.1f}")
    print("this process, by thread (last sample):")
    for _native_id, (name, cpu) in sorted(sampler.threads.items()):
        print(f"  {name:36s} {cpu / n * 1e3:6.1f}")
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(f"  {'all threads (getrusage)':36s} {(own.ru_utime + own.ru_stime) / n * 1e3:6.1f}")
    print("child processes (last sample; the first is the follow-up matcher, forked before the workers):")
    for pid, cpu in sorted(sampler.children.items()):
        print(f"  pid {pid:<32d} {cpu / n * 1e3:6.1f}")
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"  {'all children (getrusage)':36s} {(kids.ru_utime + kids.ru_stime) / n * 1e3:6.1f}")


if __name__ == "__main__":
    main()
