"""The file list of a corpus, streamed: folders are walked lazily, in a stable (sorted) order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from planwatch.documents import FORMATS

__all__ = ["count_plan_files", "iter_plan_files"]


def iter_plan_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Each input file as given, and every readable-looking file under each input folder (sorted, recursive).

    A file given by name is yielded whatever its extension (reading it says what is wrong);
    inside folders only known plan formats are taken, hidden files and folders skipped.
    """
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith(".") and Path(name).suffix.lower() in FORMATS:
                    yield Path(root) / name


def count_plan_files(inputs: Iterable[Path]) -> int:
    """How many files `iter_plan_files` will yield (a cheap walk: names only, nothing is read)."""
    return sum(1 for _ in iter_plan_files(inputs))
