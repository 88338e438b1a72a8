"""Shared paths for the documents tests: fixtures, the shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "documents"
SHARED = Path(os.environ.get("PLANWATCH_SHARED", Path(__file__).resolve().parents[3] / "shared"))
CORPUS = SHARED / "corpus" / "full"


def corpus_files() -> list[Path]:
    """The real documents of ../shared/corpus/full (empty when the corpus is not there)."""
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


needs_corpus = pytest.mark.skipif(not corpus_files(), reason="../shared/corpus/full not available")
