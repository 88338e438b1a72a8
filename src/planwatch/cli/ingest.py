"""`planwatch ingest`: one file in one transaction, or a corpus in bulk (on N cores, or on Ray).

Thin edge: the pipeline (`planwatch.pipeline`) does the work; this module parses the
options, shows a progress bar (documents/s and ETA) and prints the outcome.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from planwatch.cli.edge import YEAR_MAX, YEAR_MIN, Interrupted
from planwatch.errors import DocumentError, StoreError

if TYPE_CHECKING:
    from rich.progress import Task
    from sqlalchemy import Engine

    from planwatch.pipeline.files import Survey
    from planwatch.pipeline.manifest import Overrides
    from planwatch.pipeline.writer import Outcome

PER_FILE_LINES = 200  # above this many files, only the summary is printed
# Below this many files a local run without --workers stays in this process: starting workers (loading the word
# lists, forking) costs about a second and a half of CPU, more than 2 cores save on 2 or 3 documents
# (benchmarks: 2 reports of 57 KB took 5.5 CPU s in one process, 6.2 with 2 workers, and longer on the clock).
SMALL_RUN = 4


class IngestEngine(str, Enum):
    """Where reading and extraction run."""

    local = "local"
    ray = "ray"


class _RateColumn(ProgressColumn):
    """Documents per second, from Rich's own speed estimate."""

    def render(self, task: Task) -> Text:
        """The rate, or blank before the first document."""
        return Text(f"{task.speed:.1f} documents/s" if task.speed else "", style="progress.data.speed")


def _console(err: bool = False) -> Console:
    """A Rich console on stdout (or stderr), at least 120 columns so lines stay whole when piped."""
    return Console(stderr=err, soft_wrap=False, width=max(Console().width, 120))


def ingest(
    files: Annotated[list[Path] | None, typer.Argument(help="Plan files (txt, md, docx, pdf, html) and/or folders of "
                                                       "them (optional with --manifest).", show_default=False)] = None,
    government: Annotated[str | None, typer.Option("--government", "-g", help="Issuing government, overriding the title.")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", min=YEAR_MIN, max=YEAR_MAX,
                                                help="Plan year, overriding the title.")] = None,
    manifest_file: Annotated[Path | None, typer.Option("--manifest", help="A .csv or .xlsx with columns path "
                                                       "(relative to its folder, or absolute), government and, "
                                                       "optionally, year: each row's values override the document's "
                                                       "(and --government/--year) for that file. Without FILES, the "
                                                       "files it lists are ingested.", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1,
                                                help="Cores to use (default: all available; 1 for fewer than "
                                                     f"{SMALL_RUN} files). 1: every stage in this process; N > 1: N "
                                                     "processes read and extract, this one stores (with --engine "
                                                     "ray: the CPUs of a local cluster).")] = None,
    engine_name: Annotated[IngestEngine, typer.Option("--engine", help="local: worker processes on this machine; "
                                                      "ray: tasks on a Ray cluster.")] = IngestEngine.local,
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster to join (HOST:PORT); default: "
                                                "a local cluster. Needs PostgreSQL.")] = None,
    shards: Annotated[Path | None, typer.Option("--shards", help="Ray: folder for the Parquet shards (on storage "
                                                "every node shares; default: a temporary folder).")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents stored per transaction (a transaction also "
                                                       "commits once it is 10 s old).")] = 64,
) -> None:
    """Extract and store plans: one file in one transaction, or many in bulk (stored content is skipped).

    With several files or a folder, --workers N uses N cores: 1 runs every stage in this process;
    with more, N processes read and extract (Ray tasks with --engine ray) and this process, the one
    writer, stores each result as it arrives, committing every --batch documents (or 10 s); a file
    that fails is listed at the end and the run goes on (exit status 2). A killed run continues
    where it stopped.

    A corpus of many governments whose texts do not name them: --manifest lists the files with
    their government (and year); the table is checked whole before anything is stored.
    """
    from planwatch.pipeline import ingest_document, read, survey_plan_files
    from planwatch.pipeline.manifest import Overrides, read_manifest
    from planwatch.store.db import connect

    if address and engine_name is not IngestEngine.ray:
        raise typer.BadParameter("--address needs --engine ray", param_hint="--address")
    if not files and manifest_file is None:
        raise typer.BadParameter("give plan files or folders, or --manifest FILE", param_hint="FILES")
    manifest = read_manifest(manifest_file) if manifest_file is not None else None  # checked before the database
    overrides = Overrides(government, year, manifest)
    files = files or (manifest.files if manifest is not None else [])
    engine = connect(create=True)
    out = _console()
    if len(files) == 1 and not files[0].is_dir() and engine_name is IngestEngine.local:
        with _noting_interrupts() as interrupted:
            try:
                one_government, one_year = overrides(files[0])
                _print(out, ingest_document(engine, read(files[0]), government=one_government, year=one_year))
            except (KeyboardInterrupt, StoreError) as exc:
                if isinstance(exc, StoreError) and not interrupted.is_set():  # a write that failed of itself
                    raise
                raise Interrupted(f"{files[0]} was not stored (its transaction was rolled back); run again") from None
        return
    found = survey_plan_files(files)
    if not found.total:  # an empty folder, or one of .doc files only: not a successful run of nothing
        raise DocumentError(found.nothing_to_ingest(files))
    total = found.total
    err = _console(err=True)
    kept = [0]  # documents whose batch committed (the writer announces a document only then)
    resume = "run the same command again to resume"
    with _noting_interrupts() as interrupted:
        try:
            tally = _bulk(engine, files, total, out, err, kept, engine_name=engine_name, workers=workers,
                          overrides=overrides, batch=batch, address=address, shards=shards)
        except (KeyboardInterrupt, StoreError) as exc:
            if isinstance(exc, KeyboardInterrupt) or interrupted.is_set():  # (Ctrl-C inside a SQLite function)
                raise Interrupted(f"{kept[0]} of {total} documents are stored and kept (the batch in progress was "
                                  f"rolled back); {resume}") from None
            if not kept[0]:  # a batch could not be written (read-only database, disk full): earlier ones are kept
                raise
            raise StoreError(f"{exc} (the batch in progress; {kept[0]} of {total} documents stored before it are "
                             f"kept, {resume})") from None
    err.print(tally.summary(), markup=False, highlight=False, soft_wrap=True)
    for failure in tally.failures:
        err.print(f"failed    {failure.line()}", markup=False, highlight=False, soft_wrap=True)
    _print_skipped(err, found)
    if tally.failures:
        raise StoreError(f"{len(tally.failures)} of {tally.done} files failed; {_stored_words(tally)}")


def _stored_words(tally: Any) -> str:
    """What the run stored, for its last line: "nothing was stored" when it added and replaced nothing (a file already
    stored is no plan stored now: it said "the others were stored" with 1 unchanged and 5 failed)."""
    parts = [f"{n} {word}" for n, word in ((tally.added, "added"), (tally.replaced, "replaced")) if n]
    unchanged = f"{tally.unchanged} already stored, unchanged" if tally.unchanged else ""
    if not parts:
        return f"nothing was stored ({unchanged})" if unchanged else "nothing was stored"
    return "the others were stored: " + ", ".join(parts + ([unchanged] if unchanged else []))


@contextmanager
def _noting_interrupts() -> Iterator[threading.Event]:
    """Note each Ctrl-C as it raises KeyboardInterrupt. Raised inside a SQLite function (the search index's pairs,
    computed as a batch is indexed), the interrupt reaches us as a failed write instead ("user-defined function
    raised exception"), and must still read as one. Nothing changes when Ctrl-C is ignored or handled elsewhere."""
    noted = threading.Event()  # set once Ctrl-C came while watched
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.default_int_handler:  # ignored (a background job) or another handler: leave it be
        yield noted
        return

    def note(_signal: int, _frame: object) -> None:
        noted.set()
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGINT, note)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield noted
        return
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, previous)


def _bulk(engine: Engine, files: list[Path], total: int, out: Console, err: Console, kept: list[int], *, engine_name: IngestEngine,
          workers: int | None, overrides: Overrides, batch: int, address: str | None, shards: Path | None) -> Any:
    """Ingest `files` in bulk with a progress bar on `err`; `kept[0]` counts the committed documents; the tally."""
    from planwatch.pipeline import ingest_corpus

    lines = total <= PER_FILE_LINES
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:  # no bar, no blank line, in a log
        bar = progress.add_task("ingest", total=total)

        def heard(outcome: Outcome) -> None:
            """One document committed: count it as kept, print its line."""
            if not hasattr(outcome, "reason"):  # a failure has a reason
                kept[0] += 1
                if lines:
                    _print(out, outcome)

        def stored(_outcome: Outcome) -> None:
            """One document stored (or failed): move the bar now, not when its batch commits, so the rate is right."""
            progress.advance(bar)

        if engine_name is IngestEngine.ray:
            from planwatch.pipeline.ray_engine import ingest_ray

            return ingest_ray(engine, files, address=address, shards=shards, workers=workers,
                              government=overrides.government, year=overrides.year, batch_size=batch,
                              on_outcome=heard, on_stored=stored, overrides=overrides)
        if workers is None and total < SMALL_RUN:  # too few files to pay for starting workers
            workers = 1
        return ingest_corpus(engine, files, workers=workers, government=overrides.government, year=overrides.year,
                             batch_size=batch, on_outcome=heard, on_stored=stored, overrides=overrides)


def _print_skipped(err: Console, found: Survey) -> None:
    """The files inside folders left out for their type, counted, each with how to make it readable."""
    from planwatch.documents import unsupported_reason

    if not found.skipped:
        return
    err.print(f"{len(found.skipped)} files skipped, of types planwatch does not read: {found.found()}",
              markup=False, highlight=False, soft_wrap=True)
    for path in found.skipped[:PER_FILE_LINES]:
        err.print(f"skipped   {unsupported_reason(path) or path}", markup=False, highlight=False, soft_wrap=True)
    if len(found.skipped) > PER_FILE_LINES:
        err.print(f"skipped   … and {len(found.skipped) - PER_FILE_LINES} more", markup=False, highlight=False)


def _print(out: Console, r: object) -> None:
    """One stored document's line (a file holding the content of a plan stored from another file: both names)."""
    read_from = getattr(r, "read_from", None)
    names = f"{read_from} has the same content as {r.source}" if read_from else r.source  # type: ignore[attr-defined]
    out.print(f"{r.status:9} plan {r.plan_id}: {names} ({r.government} {r.year or '?'}) "  # type: ignore[attr-defined]
              f"{r.records} records, {r.targets} targets, {r.actuals} actuals",  # type: ignore[attr-defined]
              markup=False, highlight=False, soft_wrap=True)
    note = getattr(r, "note", "")
    if note:  # the name it was ingested under is another of a stored government's, or may be
        out.print(f"{'':9} note: {note}", markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `ingest` to `app`."""
    app.command("ingest")(ingest)
