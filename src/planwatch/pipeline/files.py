"""The file list of a corpus, streamed: folders are walked lazily, in a stable (sorted) order."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.documents import FORMATS, SUPPORTED

__all__ = ["Survey", "count_plan_files", "iter_plan_files", "survey_plan_files"]


def _walk(inputs: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """(path, read?) for each input file and each visible file under each input folder (sorted, recursive)."""
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            yield path, True
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith("."):
                    yield Path(root) / name, Path(name).suffix.lower() in FORMATS


def iter_plan_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Each input file as given, and every readable-looking file under each input folder (sorted, recursive).

    A file given by name is yielded whatever its extension (reading it says what is wrong);
    inside folders only known plan formats are taken, hidden files and folders skipped.
    """
    return (path for path, read in _walk(inputs) if read)


def count_plan_files(inputs: Iterable[Path]) -> int:
    """How many files `iter_plan_files` will yield (a cheap walk: names only, nothing is read)."""
    return sum(1 for _ in iter_plan_files(inputs))


@dataclass(slots=True)
class Survey:
    """What a walk of the inputs found: how many files will be read, and the files inside folders left out
    because planwatch does not read their type (.doc, .rtf, no extension …)."""

    total: int = 0
    skipped: list[Path] = field(default_factory=list)

    def found(self) -> str:
        """The skipped files by type, most first: '3 .doc, 1 .rtf, 2 without an extension' ('nothing' when none)."""
        kinds = Counter(p.suffix.lower() or "" for p in self.skipped)
        order = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0]))
        parts = [f"{n} {kind or 'without an extension'}" for kind, n in order]
        return ", ".join(parts) or "nothing"

    def nothing_to_ingest(self, inputs: Iterable[Path]) -> str:
        """The message when no file is to be read: where, what is read, and what was found instead."""
        where = ", ".join(str(p) for p in inputs)
        return f"no documents to ingest in {where} (read: {' '.join(SUPPORTED)}; found: {self.found()})"


def survey_plan_files(inputs: Iterable[Path]) -> Survey:
    """Count the files `iter_plan_files` will yield and collect those it leaves out by type (one walk, names only)."""
    survey = Survey()
    for path, read in _walk(inputs):
        if read:
            survey.total += 1
        else:
            survey.skipped.append(path)
    return survey
