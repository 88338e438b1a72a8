"""Bulk ingest on one machine: worker processes read and extract, one writer stores in batches.

Memory stays bounded whatever the corpus size: the file list is streamed, at most
`workers × 4` documents are in flight, and the writer holds one batch. Results are stored
in the order of the file list (so a rerun, or the single-process path, gives the same ids).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sqlalchemy import Engine, select

from planwatch.pipeline.files import iter_plan_files
from planwatch.pipeline.stages import Extractor, analyse, read, source_of
from planwatch.pipeline.writer import BatchWriter, Failure, Item, Outcome, Skipped, Tally, one_line
from planwatch.store.db import transaction
from planwatch.store.ingest import content_hash
from planwatch.store.schema import Plan

__all__ = ["analyse_path", "default_workers", "ingest_corpus", "stored_hashes"]

_KNOWN: frozenset[str] = frozenset()


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def stored_hashes(engine: Engine) -> frozenset[str]:
    """Content hashes of every stored plan (64 bytes each: 56,000 plans ≈ 4 MB)."""
    with transaction(engine) as session:
        return frozenset(session.scalars(select(Plan.content_hash)))


def analyse_path(path: str, government: str | None, year: int | None, known: frozenset[str] | None = None,
                 extract: Extractor | None = None) -> Item:
    """Worker: read and extract one file; already-stored content is only hashed; any error becomes a Failure."""
    try:
        document = read(Path(path))
        digest = content_hash(document)
        if digest in (known if known is not None else _KNOWN):
            return Skipped(path, source_of(document), digest)
        return analyse(document, government, year, extract, digest)
    except Exception as exc:  # one bad file must not stop a corpus: it is listed at the end
        return Failure(path, one_line(exc))


def _init_worker(known: frozenset[str]) -> None:
    """Give a worker process the hashes of what is already stored."""
    global _KNOWN
    _KNOWN = known


def ingest_corpus(engine: Engine, inputs: Iterable[Path], *, workers: int | None = None, government: str | None = None,
                  year: int | None = None, who: str | None = None, batch_size: int = 64, extract: Extractor | None = None,
                  on_outcome: Callable[[Outcome], None] | None = None) -> Tally:
    """Ingest every plan file under `inputs` with `workers` processes (0: in this process); the totals.

    Failing files are counted in `Tally.failures` and the run goes on.
    """
    workers = default_workers() if workers is None else max(0, workers)
    known = stored_hashes(engine)
    if workers and engine.url.database not in (None, "", ":memory:"):
        engine.dispose()  # no open database connection may cross the fork into the workers
    writer = BatchWriter(engine, government=government, year=year, who=who, batch_size=batch_size, extract=extract,
                         on_outcome=on_outcome)
    for item in _analysed(iter_plan_files(inputs), workers, known, government, year, extract):
        writer.add(item)
    return writer.close()


def _analysed(paths: Iterator[Path], workers: int, known: frozenset[str], government: str | None, year: int | None,
              extract: Extractor | None) -> Iterator[Item]:
    """The analysed files in list order, computed `workers` at a time with a bounded window."""
    if workers == 0:
        for path in paths:
            yield analyse_path(str(path), government, year, known, extract)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    window: deque[Future[Item]] = deque()
    limit = workers * 4
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(known,)) as pool:
        for path in paths:
            window.append(pool.submit(analyse_path, str(path), government, year, None, extract))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
