"""The one writer of a bulk ingest: analysed documents in, stored as they come, committed in batches.

Workers (processes or Ray tasks) only read and extract; everything reaches the database
through `BatchWriter`, so there is one writer whatever the engine. A batch commits as a
whole; inside it each document has its own savepoint, so a document that fails to store
rolls back alone and is reported, and a killed run leaves whole plans or none (the
next run skips what is stored, by content hash).

Follow-up matching is the one stage the writer hands on: each stored document's pairings with
its neighbours go to a `Matcher` (`pipeline.matching`: another process beside the workers, or
this one), and their proposals are stored before the batch commits, in the order the documents
came. A document that replaces a stored plan waits until they are stored, so every proposal is
stored, with its id, as the one-document path stores it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planwatch.errors import PlanwatchError
from planwatch.monitor.followup import Pairing, store_matches
from planwatch.pipeline.collector import after_batch
from planwatch.pipeline.manifest import Overrides
from planwatch.pipeline.matching import InlineMatcher, Matched, Matcher
from planwatch.pipeline.stages import Analysis, Extractor, analyse, read, store_or_unchanged
from planwatch.store.bulk import deferred_search_index
from planwatch.store.db import SQLITE_WRITER_CACHE_KIB, transaction
from planwatch.store.ingest import IngestResult, unchanged_plan
from planwatch.store.schema import Plan

__all__ = ["BatchWriter", "Failure", "Item", "Outcome", "Skipped", "Tally", "one_line"]

log = logging.getLogger(__name__)

BATCH_SECONDS = 10.0  # a batch commits after this long even if not full: the write lock is never held long


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be ingested, with the one-line reason."""

    path: str
    reason: str

    def line(self) -> str:
        """The reason, prefixed with the file when the message does not name it."""
        name = Path(self.path).name
        return self.reason if self.path in self.reason or name in self.reason else f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file whose content a worker found already stored: by its hash, or by its text's `key` when it is
    another file of a stored plan (its .txt, this its .docx). Nothing was extracted."""

    path: str
    source: str
    digest: str
    key: str | None = None


Item = Analysis | Skipped | Failure
Outcome = IngestResult | Failure


@dataclass(slots=True)
class Tally:
    """Running totals of a bulk ingest (constant size: failures are the only list)."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    records: int = 0
    targets: int = 0
    actuals: int = 0
    chars: int = 0
    read_cpu: float = 0.0  # CPU seconds reading and extracting (pure stages), wherever they ran
    store_cpu: float = 0.0  # CPU seconds of the writer storing (database stages)
    store_seconds: float = 0.0  # wall seconds the writer spent storing: its CPU and the database server's work
    # (store_cpu and store_seconds leave out follow-up matching: matching in the writer's thread, or waiting for it)
    match_cpu: float = 0.0  # CPU seconds of follow-up matching, in the thread that ran it, wherever that was
    proposals: int = 0  # follow-up proposals stored
    warm_cpu: float = 0.0  # CPU seconds of the start-up before workers are forked (`local.warm_up`; once a run)
    workers: int = 0  # local runs: the processes that read and extract (1: the writer's own; 0: not said, Ray)
    failures: list[Failure] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @property
    def done(self) -> int:
        """Documents finished, failed ones included."""
        return self.added + self.replaced + self.unchanged + len(self.failures)

    def count(self, outcome: Outcome) -> None:
        """Add one outcome."""
        if isinstance(outcome, Failure):
            self.failures.append(outcome)
            return
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        if outcome.status != "unchanged":
            self.records += outcome.records
            self.targets += outcome.targets
            self.actuals += outcome.actuals

    def summary(self) -> str:
        """One line: what happened, how fast."""
        seconds = max(time.perf_counter() - self.started, 1e-9)
        where = {0: "", 1: ", read in this process"}.get(self.workers, f", read by {self.workers} worker processes")
        return (f"{self.done} documents in {seconds:.1f} s{where} ({self.done / seconds:.1f} documents/s, "
                f"{self.chars / seconds / 1e6:.2f} M characters/s): {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {len(self.failures)} failed; {self.records} records, "
                f"{self.targets} targets, {self.actuals} actuals, {self.proposals} follow-up proposals")


def one_line(exc: BaseException) -> str:
    """An exception as one line: planwatch's own message, else its type and first line."""
    if isinstance(exc, PlanwatchError):
        return " ".join(str(exc).split())
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".strip()


class BatchWriter:
    """Store analysed documents as they arrive, committing every `batch_size` documents (or `BATCH_SECONDS`).

    Each document is stored the moment it is added (its own savepoint inside the batch's open
    transaction), so the writer never sits on a pile of analyses while the workers run dry;
    `on_stored` hears of each document the moment it is stored (or failed: what a progress bar
    counts, so its rate is the real one), `on_outcome` once its batch commits (what may be
    reported as done). Use it as a context manager: leaving the block commits the last batch, an
    exception rolls it back.
    """

    def __init__(self, engine: Engine, *, government: str | None = None, year: int | None = None,
                 who: str | None = None, batch_size: int = 64, extract: Extractor | None = None,
                 on_outcome: Callable[[Outcome], None] | None = None,
                 on_stored: Callable[[Outcome], None] | None = None, matcher: Matcher | None = None,
                 overrides: Overrides | None = None) -> None:
        self.engine, self.government, self.year, self.who = engine, government, year, who
        self.overrides = overrides or Overrides(government, year)  # each file's government and year (a manifest's)
        self.batch_size, self.extract, self.on_outcome = max(1, batch_size), extract, on_outcome
        self.on_stored = on_stored
        self.matcher: Matcher = matcher or InlineMatcher()
        self.tally = Tally()
        self._matching: list[tuple[Pairing, Matched]] = []  # the open batch's pairings, in the documents' order
        self._open: ExitStack | None = None  # the batch's transaction, once a document needs the database
        self._session: Session | None = None
        self._pending: list[tuple[Outcome, int]] = []  # outcomes of the open batch, with their characters
        self._opened = time.monotonic()  # when the open batch's transaction began
        self._batches = 0  # batches committed

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def add(self, item: Item) -> None:
        """Store one item now (a failure is only noted); a full batch commits at once."""
        if isinstance(item, Failure):
            outcome: Outcome = item
            self._pending.append((item, 0))
        else:
            started, clock = time.thread_time(), time.perf_counter()
            session = self._begin()
            pairings: list[Pairing] = []
            inline = waited = 0.0
            try:
                inline, waited = self._before(session, item)
                with session.begin_nested():
                    outcome = self._store(session, item, pairings)
                for pairing in pairings:  # the document is stored: its pairings are matched
                    self._matching.append((pairing, self.matcher.submit(pairing.job())))
            except (PlanwatchError, SQLAlchemyError) as exc:
                outcome = Failure(item.path if isinstance(item, Skipped) else _path_of(item), one_line(exc))
            self.tally.store_cpu += time.thread_time() - started - inline
            self.tally.store_seconds += time.perf_counter() - clock - waited
            chars = len(item.document.text) if isinstance(item, Analysis) and not isinstance(outcome, Failure) else 0
            self._pending.append((outcome, chars))
        if self.on_stored is not None:
            self.on_stored(outcome)
        if len(self._pending) >= self.batch_size or time.monotonic() - self._opened >= BATCH_SECONDS:
            self.flush()

    def _begin(self) -> Session:
        """The open batch's session (a transaction is begun on first use)."""
        if self._session is None:
            self._opened = time.monotonic()
            opening = ExitStack()
            session = opening.enter_context(transaction(self.engine))
            try:
                if self.engine.dialect.name == "sqlite":  # (the pooled connection keeps it until the engine goes)
                    session.connection().exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_WRITER_CACHE_KIB}")
                opening.enter_context(deferred_search_index(session))  # indexed in bulk at the batch's end
            except BaseException as exc:  # its first write failed (a read-only database): transaction() rolls
                opening.__exit__(type(exc), exc, exc.__traceback__)  # back and raises a StoreError in one line
                raise
            self._open, self._session = opening, session
        return self._session

    def _before(self, session: Session, item: Analysis | Skipped) -> tuple[float, float]:
        """Store the pending proposals first when this document will replace a stored plan (its file name, other
        content): the replacement deletes tasks, and with them proposals, so anything stored after it (even
        another plan's proposals, whose ids SQLite then gives again) would differ from the one-document path.
        The CPU and wall seconds matching took here."""
        if not self._matching:
            return 0.0, 0.0
        stored = session.execute(select(Plan.content_hash).where(Plan.source_name == item.source)).first()
        if stored is None or stored[0] == item.digest:  # a new plan, or this content again (unchanged)
            return 0.0, 0.0
        return self._store_proposals(session)

    def _store_proposals(self, session: Session) -> tuple[float, float]:
        """Store the proposals of every pending pairing, in order; the CPU and wall seconds this thread spent on
        the answers (matching them here, or waiting for the matcher), which storing's figures leave out.

        A pairing whose proposals fail to store is logged and left out: its documents are stored, and
        `planwatch tasks refresh --plan ID` proposes them again."""
        matching, self._matching = self._matching, []
        cpu = wall = 0.0
        for pairing, matched in matching:
            started, clock = time.thread_time(), time.perf_counter()
            answer = matched()
            cpu += time.thread_time() - started
            wall += time.perf_counter() - clock
            self.tally.match_cpu += answer.seconds
            try:
                with session.begin_nested():
                    self.tally.proposals += store_matches(session, pairing, answer.matches)
            except SQLAlchemyError as exc:
                log.warning("follow-up proposals of plan %s against plan %s not stored (%s); "
                            "`planwatch tasks refresh --plan %s` proposes them again", pairing.later, pairing.earlier,
                            one_line(exc), pairing.later)
        return cpu, wall

    def flush(self) -> None:
        """Commit the open batch, then count and announce its outcomes in the order they were added."""
        if self._open is not None:
            assert self._session is not None
            started, clock = time.thread_time(), time.perf_counter()
            try:
                inline, waited = self._store_proposals(self._session)
            except BaseException:  # matching failed, or Ctrl-C while waiting for it: nothing of the batch is kept
                self.abort()
                raise
            opened, self._open, self._session = self._open, None, None
            opened.close()  # commits (a failing commit raises StoreError: nothing of the batch is kept)
            self.tally.store_cpu += time.thread_time() - started - inline
            self.tally.store_seconds += time.perf_counter() - clock - waited
            self._batches += 1
            after_batch(self._batches)  # the collector's pass, when the run paused its automatic ones
        pending, self._pending = self._pending, []
        for outcome, chars in pending:
            self.tally.chars += chars
            self.tally.count(outcome)
            if self.on_outcome is not None:
                self.on_outcome(outcome)

    def abort(self) -> None:
        """Roll the open batch back (nothing of it is counted)."""
        opened, self._open, self._session, self._pending, self._matching = self._open, None, None, [], []
        if opened is not None:
            stop = RuntimeError("ingest stopped: the open batch is rolled back")
            opened.__exit__(RuntimeError, stop, None)

    def _store(self, session: Session, item: Analysis | Skipped, pairings: list[Pairing]) -> IngestResult:
        """One document inside the batch's transaction; its follow-up pairings go into `pairings`."""
        government, year = self.overrides(item.path if isinstance(item, Skipped) else _path_of(item))
        if isinstance(item, Skipped):
            same = unchanged_plan(session, item.source, item.digest, government, year, item.key)
            if same is not None:
                return same
            item = analyse(read(Path(item.path)), government, year, self.extract)  # rare: re-read here
        return store_or_unchanged(session, item, government, year, self.who, pairings)

    def close(self) -> Tally:
        """Commit what is left; the totals."""
        self.flush()
        return self.tally


def _path_of(analysis: Analysis) -> str:
    """The path a document was read from (its name when it has none)."""
    return str(analysis.document.path) if analysis.document.path else analysis.document.name
