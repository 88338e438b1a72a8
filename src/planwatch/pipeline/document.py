"""One document, one transaction: the ingest the CLI (one file), the demo and the upload page run."""

from __future__ import annotations

from sqlalchemy import Engine

from planwatch.documents import Document
from planwatch.pipeline.stages import Extractor, analyse, source_of, store_or_unchanged, wants_pairs
from planwatch.store.db import transaction
from planwatch.store.ingest import IngestResult, content_hash, text_key, unchanged_plan

__all__ = ["ingest_document"]


def ingest_document(engine: Engine, document: Document, *, government: str | None = None, year: int | None = None,
                    who: str | None = None, extract: Extractor | None = None) -> IngestResult:
    """Run every stage for `document` and store the outcome in one transaction; unchanged content is a no-op.

    A failure (or a killed process) leaves the database as it was: the old plan or none.
    """
    digest, key = content_hash(document), text_key(document.text)
    with transaction(engine) as session:
        same = unchanged_plan(session, source_of(document), digest, government, year, key)
        if same is not None:
            return same
    analysis = analyse(document, government, year, extract, digest, pairs=wants_pairs(engine), key=key)
    with transaction(engine) as session:
        return store_or_unchanged(session, analysis, government, year, who)
