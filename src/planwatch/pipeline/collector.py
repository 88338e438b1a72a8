"""The cyclic garbage collector during a bulk ingest: run it rarely, since an ingest makes no cycles worth it.

An analysed document is a large tree of lists, tuples and dataclasses (tasks, quantities,
word sets), built and dropped whole; nearly all of it is freed by reference counting. At
Python's default threshold (a young-generation pass every 700 new container objects) the
collector ran about 13 times a document and, walking the long-lived caches of the older
generations too, took ≈ 10 % of an ingest's CPU (12.7–14.1 ms of 128–132 ms a document,
120 synthetic documents, 1 worker). At `THRESHOLD` it runs a few times a run (0.4–1.8 ms a
document); memory stays bounded, as a young-generation pass still comes every `THRESHOLD`
container objects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["THRESHOLD", "relax", "relaxed"]

THRESHOLD = 10_000  # container objects between young-generation passes (Python's default: 700)


def relax() -> None:
    """Set this process's collector to ingest's threshold (worker processes, which end with the run)."""
    _young, *older = gc.get_threshold()
    gc.set_threshold(max(_young, THRESHOLD), *older)


@contextmanager
def relaxed() -> Iterator[None]:
    """Ingest's threshold for the block; the previous thresholds again after it."""
    before = gc.get_threshold()
    relax()
    try:
        yield
    finally:
        gc.set_threshold(*before)
