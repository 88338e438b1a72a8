"""A bulk ingest runs the cyclic garbage collector rarely (`pipeline.collector`), and only while it runs:
workers at a raised threshold, the writer's process only at the end of each batch."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import planwatch.extract
from planwatch.pipeline import ingest_corpus
from planwatch.pipeline.collector import FULL_EVERY, THRESHOLD, after_batch, paused, relax, relaxed

SEEN = Path()


def recording_extract(text: str, doc: str = "doc") -> list[Any]:
    """The quantities, after noting this process's collector (on or paused, threshold) in SEEN (workers append too)."""
    with SEEN.open("a") as out:
        out.write(f"{'on' if gc.isenabled() else 'paused'}:{gc.get_threshold()[0]}\n")
    return planwatch.extract.extract_quantities(text, doc=doc)


def test_the_threshold_is_raised_for_the_block_and_restored_after() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), relaxed():
        assert gc.get_threshold()[0] == max(before[0], THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
        raise RuntimeError("the run stops")
    assert gc.get_threshold() == before


def test_a_relaxed_block_collects_and_leaves_a_paused_collector_paused() -> None:
    with paused():
        with relaxed():
            assert gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_ingest_extracts_with_the_collector_relaxed_or_paused(corpus: Path, engine: Engine, workers: int,
                                                                  tmp_path: Path) -> None:
    """Workers collect at the raised threshold; with 1 worker the writer's process extracts, its collector paused."""
    global SEEN
    SEEN = seen = tmp_path / "collectors"  # forked workers inherit it
    before, enabled = gc.get_threshold(), gc.isenabled()
    tally = ingest_corpus(engine, [corpus], workers=workers, extract=recording_extract)
    assert tally.added == 6 and not tally.failures
    states = seen.read_text().split()
    paused_here, on = f"paused:{before[0]}", f"on:{max(before[0], THRESHOLD)}"
    if workers == 1:
        assert len(states) == 7 and set(states) == {paused_here}
    else:  # the warm-up before forking runs in the writer's process
        assert len(states) == 8 and states[0] == paused_here and set(states[1:]) == {on}
    assert gc.get_threshold() == before and gc.isenabled() == enabled


@contextmanager
def passes() -> Iterator[list[int]]:
    """The generation of each pass the collector makes in this process during the block."""
    seen: list[int] = []

    def heard(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(heard)
    try:
        yield seen
    finally:
        gc.callbacks.remove(heard)


def test_the_writers_process_collects_only_at_the_end_of_each_batch(corpus: Path, engine: Engine) -> None:
    """No automatic pass in the middle of a batch (it walked the waiting analyses): one at each commit."""
    gc.collect()  # the young generation's count starts at 0: earlier tests' objects cannot tip a pass at the run's start
    with passes() as seen:
        tally = ingest_corpus(engine, [corpus], workers=1, batch_size=2)
    assert tally.done == 7 and tally.added == 6
    assert seen == [1, 1, 1, 1]  # batches of 2, 2, 2 and 1 documents; the young generations only
    assert gc.isenabled()


def test_a_paused_collector_collects_after_a_batch_and_everything_every_full_every_batches() -> None:
    before = gc.get_threshold()
    with passes() as seen:
        after_batch(1)  # collecting automatically: nothing more
        with pytest.raises(RuntimeError), paused():
            assert not gc.isenabled()
            after_batch(1)
            after_batch(FULL_EVERY)
            relax()  # a worker forked from here collects again
            assert gc.isenabled()
            gc.disable()
            raise RuntimeError("the run stops")
    gc.set_threshold(*before)
    assert seen == [1, 2] and gc.isenabled()
