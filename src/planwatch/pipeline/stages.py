"""The stages of an ingest, in order: read → describe → extract quantities → extract tasks → store → follow-up.

`analyse` runs the pure stages (no database): it is what ingest workers — local processes
or Ray tasks — run, and its answer (`Analysis`) is plain picklable data. `store_analysis`
runs the database stages inside the caller's transaction: the plan with its outline,
records and document actuals, then its tasks, then follow-up: the same government's plans
of the neighbouring years are read (`pairings_for_plan`), matched and the proposals stored.
A bulk ingest's writer asks for the pairings instead (`pairings=`), has them matched apart
(`pipeline.matching`) and stores the proposals before its batch commits. Every way of
ingesting (one file, a corpus, the demo, the upload page, Ray) goes through these two
functions, so none can skip a stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from planwatch.documents import Document, load
from planwatch.extract.records import Quantity
from planwatch.extract.records import Task as ExtractedTask
from planwatch.monitor.followup import (
    Pairing,
    key_pieces,
    match_job,
    pairings_for_plan,
    remember_all_pieces,
    remember_all_words,
    store_matches,
    task_words,
)
from planwatch.store.bulk import deferred_search_index
from planwatch.store.indicators import registry_names
from planwatch.store.ingest import (
    IngestResult,
    OutlineRow,
    PlanInfo,
    content_hash,
    describe_document,
    outline_rows,
    store_plan,
    text_key,
    unchanged_plan,
)
from planwatch.store.schema import Government, Plan
from planwatch.store.search_index import pairs_of, remember_pairs
from planwatch.store.tasks import generic_units, plan_tasks, store_plan_tasks, suggest_units

__all__ = ["Analysis", "Extractor", "analyse", "read", "source_of", "store_analysis", "store_or_unchanged", "wants_pairs"]

Extractor = Callable[..., list[Quantity]]


@dataclass(slots=True)
class Analysis:
    """What the pure stages found in one document: its identity, description, quantities and tasks."""

    document: Document
    digest: str
    info: PlanInfo
    quantities: list[Quantity]
    tasks: list[ExtractedTask] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # suggested lead unit of each task, for info.level
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # content words follow-up matching needs
    names: dict[str, str] = field(default_factory=dict)  # registry name of indicator texts ("" : not a name)
    pieces: dict[str, list[list[str]]] = field(default_factory=dict)  # key words of each task's clauses (follow-up)
    outline: list[OutlineRow] | None = None  # the headings to store (store.ingest.outline_rows)
    pairs: dict[str | None, str] = field(default_factory=dict)  # search-index pairs of the texts stored (writer's time)
    key: str = ""  # store.ingest.text_key of the text: the same plan in another layout ("": not computed)

    @property
    def source(self) -> str:
        """The file name the plan is stored under."""
        return source_of(self.document)


def source_of(document: Document) -> str:
    """The name a document's plan is stored under: its file name."""
    return document.path.name if document.path else document.name


def wants_pairs(engine: Engine) -> bool:
    """Whether `analyse` should cut the search index's pairs for this database's writer (SQLite's FTS5
    index is filled by the writer; PostgreSQL's server computes its own index expressions)."""
    return engine.dialect.name == "sqlite"


def read(path: Path) -> Document:
    """Stage 1: read a file (any supported format and encoding) into text."""
    return load(path)


def analyse(document: Document, government: str | None = None, year: int | None = None,
            extract: Extractor | None = None, digest: str | None = None, *, pairs: bool = True,
            key: str | None = None) -> Analysis:
    """Stages 2–4 (pure): describe the plan, extract its quantities, then its tasks and their units.

    `pairs`: also cut the search index's pairs of the texts to store (a SQLite writer's index needs them;
    PostgreSQL's server cuts its own)."""
    info = describe_document(document, government, year)
    if extract is None:
        import planwatch.extract

        extract = planwatch.extract.extract_quantities  # looked up now, so a test can replace it
    quantities = extract(document.text, doc=document.name)
    items, units = plan_tasks(document.text, document.name, [(q.start, q.end, q.kind) for q in quantities], info.level)
    quotes = [item.quote for item in items if item.kind == "task"]
    words = task_words(quotes)  # jieba in the worker, not the writer
    names = registry_names(q.indicator or "" for q in quantities)  # so is jieba of the indicator names
    pieces = {quote: key_pieces(quote) for quote in quotes}  # and the key words follow-up matching weighs
    found = pairs_of(chain(  # and the search index's pairs of the task and record texts the writer indexes
        (text for item in items for text in (item.object, item.quote)), units,
        (text for q in quantities for text in (q.indicator[:300], q.quote)))) if pairs else {}
    return Analysis(document, digest or content_hash(document), info, quantities, items, units, words, names, pieces,
                    outline_rows(document.text), found, key or text_key(document.text))


def store_analysis(session: Session, analysis: Analysis, who: str | None = None,
                   pairings: list[Pairing] | None = None) -> IngestResult:
    """Stages 5–7 inside `session`'s transaction: plan + records + actuals, tasks, follow-up proposals.

    `pairings`: follow-up's plans to match are added to it, for the caller to match and store
    (`pipeline.writer.BatchWriter`); without it they are matched and stored here."""
    remember_pairs(analysis.pairs)
    with deferred_search_index(session):  # the searched rows are indexed in bulk at the end (SQLite)
        result = store_plan(session, analysis.document, analysis.info, analysis.quantities, analysis.digest, who,
                            analysis.names, analysis.outline, analysis.key or None)
        plan = session.get(Plan, result.plan_id)
        assert plan is not None
        government = session.get(Government, plan.government_id)  # store_plan loaded it: no lazy-load SELECT
        units = analysis.units
        if government is not None and generic_units(government.level) != generic_units(analysis.info.level):
            units = suggest_units(analysis.tasks, government.level)  # the stored government's level decides
        store_plan_tasks(session, plan, analysis.document.text, who, extracted=(analysis.tasks, units),
                         records=result.records, added=result.status == "added")  # as store_plan left them
        remember_all_words(analysis.words)
        remember_all_pieces(analysis.pieces)
        found = pairings_for_plan(session, plan)
        if pairings is not None:
            pairings += found
        else:
            for pairing in found:
                store_matches(session, pairing, match_job(pairing.job()))
    return result


def store_or_unchanged(session: Session, analysis: Analysis, government: str | None, year: int | None,
                       who: str | None = None, pairings: list[Pairing] | None = None) -> IngestResult:
    """`store_analysis`, unless the same content is stored already (then its plan, status unchanged)."""
    same = unchanged_plan(session, analysis.source, analysis.digest, government, year,
                          analysis.key or text_key(analysis.document.text))
    return same if same is not None else store_analysis(session, analysis, who, pairings)
