"""The cyclic garbage collector during a bulk ingest: run it rarely, since an ingest makes no cycles worth it.

An analysed document is a large tree of lists, tuples and dataclasses (tasks, quantities,
word sets), built and dropped whole; nearly all of it is freed by reference counting. At
Python's default threshold (a young-generation pass every 700 new container objects) the
collector ran about 13 times a document and, walking the long-lived caches of the older
generations too, took ≈ 10 % of an ingest's CPU (12.7–14.1 ms of 128–132 ms a document,
120 synthetic documents, 1 worker). At `THRESHOLD` it runs a few times a run (0.4–1.8 ms a
document); memory stays bounded, as a young-generation pass still comes every `THRESHOLD`
container objects.

The writer's process goes further (`paused`): no automatic pass at all, one at each batch's end
(`after_batch`). A pass in the middle of a batch walked the analyses waiting in the window and the
word sets the batch had primed, then walked them again in the middle generation; at a batch's end
they are gone or walked once (400 synthetic documents, 2 workers: the writer's collector 3.4 → 1.3
CPU ms a document, timed with `gc.callbacks`). A full pass every `FULL_EVERY` batches frees the
cycles that outlived a batch.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from planwatch.processes import collector_paused as paused  # the writer's process: `after_batch` collects

__all__ = ["FULL_EVERY", "THRESHOLD", "after_batch", "paused", "relax", "relaxed"]

THRESHOLD = 10_000  # container objects between young-generation passes (Python's default: 700)
FULL_EVERY = 16  # batches between full passes while paused (≈ 1,000 documents; a full pass ≈ 0.1 s)


def relax() -> None:
    """Set this process's collector to ingest's threshold (worker processes, which end with the run), on:
    the writer may have paused its own before forking them."""
    _young, *older = gc.get_threshold()
    gc.set_threshold(max(_young, THRESHOLD), *older)
    gc.enable()


@contextmanager
def relaxed() -> Iterator[None]:
    """Ingest's threshold for the block, collection on; the previous thresholds and state again after it."""
    before, was = gc.get_threshold(), gc.isenabled()
    relax()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if not was:
            gc.disable()


def after_batch(batches: int) -> None:
    """A batch ended (the `batches`-th): while `paused`, collect the young generations, all of them every
    `FULL_EVERY`-th time; otherwise nothing (the automatic passes run)."""
    if not gc.isenabled():
        gc.collect(2 if batches % FULL_EVERY == 0 else 1)
