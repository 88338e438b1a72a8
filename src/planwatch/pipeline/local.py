"""Bulk ingest on one machine: `workers` cores' worth of reading, extraction and storing.

- `workers=1`: every stage runs in this process, one document after the other (no pool, no
  pickling): one core.
- `workers=N>1`: N worker processes read and extract; this process is the one writer (it stores
  and commits, and otherwise waits for the workers), and one more process matches follow-ups
  for it (`pipeline.matching.ProcessMatcher`). The writer shares the N cores with the
  workers instead of taking a core of its own, and has the right of way: the workers run at a
  lower scheduling priority (`WORKER_NICE`), so the one serial stage never waits for a core
  while the workers, a window ahead, use whatever CPU it leaves. The workers are forked after
  their word lists and dictionaries are loaded here once (`warm_up`), and the analyses come
  back packed flat (`pipeline.wire`).

Memory stays bounded whatever the corpus size: the file list is streamed, at most
`workers × 48` documents are in flight, and the writer stores each document as it arrives
(committing every `batch_size`). Results are stored in the order of the file list, so any
number of workers, or the one-file path, gives the same ids.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from planwatch.documents import Document, bundled_plan_path
from planwatch.pipeline.collector import paused, relax
from planwatch.pipeline.files import iter_plan_files
from planwatch.pipeline.manifest import Overrides
from planwatch.pipeline.matching import InlineMatcher, Matcher, ProcessMatcher
from planwatch.pipeline.stages import Extractor, analyse, read, source_of, wants_pairs
from planwatch.pipeline.wire import pack, unpack
from planwatch.pipeline.writer import BatchWriter, Failure, Item, Outcome, Skipped, Tally, one_line
from planwatch.processes import die_with_parent, leave_interrupts_to_parent
from planwatch.store.db import transaction
from planwatch.store.ingest import content_hash, text_key
from planwatch.store.schema import Plan, PlanTextKey

__all__ = ["analyse_path", "default_workers", "ingest_corpus", "stored_hashes", "warm_up"]

_KNOWN: frozenset[str] = frozenset()
WINDOW = 48  # documents in flight per worker: a long document at the head of the list must not idle the others
# (16 → 48: 2 workers 14.0–14.3 → 14.7–14.9 documents/s steady, benchmarks/corpus.py, same peak memory)
WORKER_NICE = 10  # workers' priority below the writer's (CFS weight 110 against 1024: the writer is never starved)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def stored_hashes(engine: Engine) -> frozenset[str]:
    """Content hashes and text keys of every stored plan, what a worker skips (64 bytes each: 56,000 plans
    ≈ 8 MB). One set: a text key equal to another plan's hash is a text equal to that plan's without layout."""
    with transaction(engine) as session:
        return frozenset(chain(session.scalars(select(Plan.content_hash)), session.scalars(select(PlanTextKey.key))))


def analyse_path(path: str, government: str | None, year: int | None, known: frozenset[str] | None = None,
                 extract: Extractor | None = None, pairs: bool = True) -> Item:
    """Worker: read and extract one file; already-stored content is only hashed; any error becomes a Failure.
    `pairs`: as for `analyse` (whether the writer's database wants the search index's pairs)."""
    try:
        document = read(Path(path))
        digest, stored = content_hash(document), known if known is not None else _KNOWN
        if digest in stored:
            return Skipped(path, source_of(document), digest)
        key = text_key(document.text)
        if key in stored:  # another file of a stored plan (its .txt, this its .docx): the writer checks which
            return Skipped(path, source_of(document), digest, key)
        return analyse(document, government, year, extract, digest, pairs=pairs, key=key)
    except Exception as exc:  # one bad file must not stop a corpus: it is listed at the end
        return Failure(path, one_line(exc))


def _analyse_packed(path: str, government: str | None, year: int | None, extract: Extractor | None,
                    pairs: bool) -> tuple[float, Any]:
    """Worker process: `analyse_path`, packed for the trip back, with the CPU seconds it took."""
    started = time.process_time()
    item = pack(analyse_path(path, government, year, None, extract, pairs))
    return time.process_time() - started, item


def _init_worker(known: frozenset[str], parent: int | None = None) -> None:
    """Give a worker process the hashes of what is already stored, and a lower priority than the writer's;
    it dies with the writer (`die_with_parent`) and leaves Ctrl-C to it."""
    global _KNOWN
    if parent is not None:
        die_with_parent(parent)
        leave_interrupts_to_parent()
    _KNOWN = known
    relax()  # analyses are big acyclic trees: the collector need not run every 700 objects (pipeline.collector)
    try:
        os.nice(WORKER_NICE)  # the writer is the serial stage: when both want a core, it gets it
    except OSError:  # not permitted (some sandboxes): same results, only slower
        pass


def warm_up(extract: Extractor | None = None) -> None:
    """Load what extraction loads on first use (word lists, dictionaries, compiled patterns) in this process.

    Called before worker processes are forked, so they share it instead of each loading it again
    (about 1.5 CPU seconds a process).
    """
    text = bundled_plan_path().read_text(encoding="utf-8")
    analyse(Document(name="warm-up", text=text), extract=extract)


def ingest_corpus(engine: Engine, inputs: Iterable[Path], *, workers: int | None = None, government: str | None = None,
                  year: int | None = None, who: str | None = None, batch_size: int = 64, extract: Extractor | None = None,
                  on_outcome: Callable[[Outcome], None] | None = None,
                  on_stored: Callable[[Outcome], None] | None = None, overrides: Overrides | None = None) -> Tally:
    """Ingest every plan file under `inputs` on `workers` cores (default: all; 1: in this process); the totals.

    Failing files are counted in `Tally.failures` and the run goes on. `on_stored` hears of each document
    as it is stored, `on_outcome` once its batch is committed (`BatchWriter`). `overrides`: each file's
    government and year (a manifest's rows; default: `government` and `year` for every file).
    """
    overrides = overrides or Overrides(government, year)
    begun = time.perf_counter()
    workers = default_workers() if workers is None else max(1, workers)
    with paused(), ExitStack() as stack:  # the writer's collector runs at batch ends (pipeline.collector)
        known = stored_hashes(engine)  # read with the collector paused too: no pass walks the run's first objects
        matcher: Matcher = InlineMatcher()
        warm = 0.0
        if workers > 1:
            started = time.process_time()
            _ready_to_fork(engine, extract)
            stack.callback(gc.unfreeze)
            warm = time.process_time() - started
            matcher = ProcessMatcher(_CONTEXT)  # forked first: no pool's thread runs yet
            stack.callback(matcher.close)  # (after the writer's last batch: the stack unwinds in reverse)
        writer = stack.enter_context(BatchWriter(
            engine, government=government, year=year, who=who, batch_size=batch_size, extract=extract,
            on_outcome=on_outcome, on_stored=on_stored, matcher=matcher, overrides=overrides))
        writer.tally.warm_cpu, writer.tally.started = warm, begun  # the run's time includes the start-up
        writer.tally.workers = workers
        for item in _analysed(engine, iter_plan_files(inputs), workers, known, overrides, extract, writer.tally):
            writer.add(item)
    return writer.tally


_CONTEXT = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _ready_to_fork(engine: Engine, extract: Extractor | None) -> None:
    """Load what the forked processes share (`warm_up`), close the database connections (none may cross a fork)
    and freeze what is loaded (the collector of a forked process does not touch, and copy, it); `gc.unfreeze` after."""
    warm_up(extract)
    if engine.url.database not in (None, "", ":memory:"):
        engine.dispose()
    gc.collect()
    gc.freeze()


def _analysed(engine: Engine, paths: Iterator[Path], workers: int, known: frozenset[str], overrides: Overrides,
              extract: Extractor | None, tally: Tally) -> Iterator[Item]:
    """The analysed files in list order: here one by one (1 worker), or `workers` processes with a bounded window
    (forked from this process, `_ready_to_fork` first)."""
    pairs = wants_pairs(engine)
    if workers == 1:
        for path in paths:
            started = time.process_time()
            item = analyse_path(str(path), *overrides(path), known, extract, pairs)
            tally.read_cpu += time.process_time() - started
            yield item
        return
    pool = _Pool(workers, known, overrides, extract, pairs)
    window: deque[tuple[str, Future[tuple[float, Any]]]] = deque()
    try:
        for path in paths:
            window.append((str(path), pool.submit(str(path))))
            while len(window) >= workers * WINDOW or (window and window[0][1].done()):
                yield from pool.received(window, tally)
        while window:
            yield from pool.received(window, tally)
    finally:
        pool.shutdown()


class _Pool:
    """Forked worker processes, replaced when one dies (killed, out of memory, crashed in a C library)."""

    def __init__(self, workers: int, known: frozenset[str], overrides: Overrides, extract: Extractor | None,
                 pairs: bool) -> None:
        self.workers, self.known, self.overrides, self.extract = workers, known, overrides, extract
        self.pairs = pairs
        self.context = _CONTEXT
        self.executor = self._executor(workers)

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self.context, initializer=_init_worker,
                                   initargs=(self.known, os.getpid()))

    def submit(self, path: str, executor: ProcessPoolExecutor | None = None) -> Future[tuple[float, Any]]:
        """Start analysing `path`."""
        return (executor or self.executor).submit(_analyse_packed, path, *self.overrides(path), self.extract,
                                                    self.pairs)

    def received(self, window: deque[tuple[str, Future[tuple[float, Any]]]], tally: Tally) -> Iterator[Item]:
        """The oldest document's item; when a worker died, every document in flight, each retried alone."""
        path, future = window.popleft()
        try:
            yield _counted(future.result(), tally)
            return
        except BrokenProcessPool:
            pass
        again = [path, *(p for p, _ in window)]  # the pool is gone with every document in it
        window.clear()
        self.executor.shutdown(wait=True, cancel_futures=True)
        for path in again:  # alone, so the document that kills a worker is the one listed
            with self._executor(1) as alone:
                try:
                    yield _counted(self.submit(path, alone).result(), tally)
                except BrokenProcessPool:
                    yield Failure(path, f"{path}: the worker process reading it died (killed, out of memory or "
                                        "crashed); the run went on without it")
        self.executor = self._executor(self.workers)

    def shutdown(self) -> None:
        """Stop the workers (documents still queued are dropped)."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def _counted(answer: tuple[float, Any], tally: Tally) -> Item:
    """A worker's answer, unpacked; its CPU seconds counted."""
    seconds, packed = answer
    tally.read_cpu += seconds
    return unpack(packed)
