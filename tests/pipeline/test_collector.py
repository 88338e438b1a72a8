"""A bulk ingest runs the cyclic garbage collector rarely (`pipeline.collector`), and only while it runs."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import planwatch.extract
from planwatch.pipeline import ingest_corpus
from planwatch.pipeline.collector import THRESHOLD, relaxed

SEEN = Path()


def recording_extract(text: str, doc: str = "doc") -> list[Any]:
    """The quantities, after noting this process's collector threshold in SEEN (workers append to it too)."""
    with SEEN.open("a") as out:
        out.write(f"{gc.get_threshold()[0]}\n")
    return planwatch.extract.extract_quantities(text, doc=doc)


def test_the_threshold_is_raised_for_the_block_and_restored_after() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), relaxed():
        assert gc.get_threshold()[0] == max(before[0], THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
        raise RuntimeError("the run stops")
    assert gc.get_threshold() == before


@pytest.mark.parametrize("workers", [1, 2])
def test_an_ingest_runs_with_the_raised_threshold_in_every_process(corpus: Path, engine: Engine, workers: int,
                                                                   tmp_path: Path) -> None:
    global SEEN
    SEEN = seen = tmp_path / "thresholds"  # forked workers inherit it
    before = gc.get_threshold()
    tally = ingest_corpus(engine, [corpus], workers=workers, extract=recording_extract)
    assert tally.added == 6 and not tally.failures
    thresholds = seen.read_text().split()
    assert len(thresholds) >= 6 and {int(t) for t in thresholds} == {max(before[0], THRESHOLD)}
    assert gc.get_threshold() == before
