"""The distributed engine: Ray tasks read and extract, Parquet shards carry the results, one loader stores them.

Each Ray task takes a chunk of file paths, runs the pure stages (`stages.analyse`) on each
and writes one shard (`pipeline.shards`) into the shards folder; the driver loads finished
shards in submission order through the same `BatchWriter` the local engine uses — the
database has one writer. With `address` (an existing cluster) workers on other machines
must see the input files and the shards folder at the same path (shared storage), and the
database must be PostgreSQL: a SQLite file cannot be the store of a multi-machine run.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from planwatch.errors import StoreError, ValidationError
from planwatch.pipeline.collector import paused, relaxed
from planwatch.pipeline.files import iter_plan_files
from planwatch.pipeline.local import analyse_path, default_workers, stored_hashes
from planwatch.pipeline.manifest import Overrides
from planwatch.pipeline.shards import read_shard, write_shard
from planwatch.pipeline.stages import Extractor, wants_pairs
from planwatch.pipeline.writer import BatchWriter, Outcome, Tally

__all__ = ["check_engine", "ingest_ray"]

SHARD_DOCUMENTS = 32  # documents per Ray task and shard


def check_engine(engine: Engine, address: str | None) -> None:
    """Refuse a multi-machine run whose store is a SQLite file (other machines cannot share it safely)."""
    if address and engine.dialect.name == "sqlite":
        raise ValidationError(
            f"--engine ray --address {address}: a multi-machine run needs a PostgreSQL database; "
            f"the configured database is the SQLite file {engine.url.database}. Set PLANWATCH_DATABASE_URL="
            "postgresql+psycopg://USER:PASSWORD@HOST/DB (reachable from this machine), or drop --address "
            "to run on a local Ray cluster")


def _chunks(paths: Iterator[Path], size: int, overrides: Overrides) -> Iterator[list[tuple[str, str | None, int | None]]]:
    """The file list in chunks of `size` paths (streamed), each with its government and year (`overrides`)."""
    chunk: list[tuple[str, str | None, int | None]] = []
    for path in paths:
        chunk.append((str(path.resolve()), *overrides(path)))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extract_shard(paths: list[tuple[str, str | None, int | None]], folder: str, known: frozenset[str],
                   extract: Extractor | None = None, pairs: bool = True) -> str:
    """Ray task: analyse each file (path, government, year) and write the shard; returns its folder."""
    with relaxed():  # a Ray worker process runs other tasks too: the collector's thresholds go back after
        items = [analyse_path(path, government, year, known, extract, pairs) for path, government, year in paths]
    return str(write_shard(Path(folder), items))


def ingest_ray(engine: Engine, inputs: Iterable[Path], *, address: str | None = None, shards: Path | None = None,
               workers: int | None = None, government: str | None = None, year: int | None = None,
               who: str | None = None, batch_size: int = 64, shard_documents: int = SHARD_DOCUMENTS,
               on_outcome: Callable[[Outcome], None] | None = None, extract: Extractor | None = None,
               on_stored: Callable[[Outcome], None] | None = None, overrides: Overrides | None = None) -> Tally:
    """Ingest every plan file under `inputs` on Ray (a local cluster of `workers` CPUs, or the cluster at `address`);
    `overrides`: each file's government and year (a manifest's rows; default: `government` and `year` for all)."""
    overrides = overrides or Overrides(government, year)
    check_engine(engine, address)
    try:
        import ray
    except ImportError:
        raise StoreError("--engine ray needs the ray package: pip install 'planwatch[ray]' (or 'ray==2.60.0')") from None
    started = not ray.is_initialized()
    if started:
        try:
            if address:
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
            else:
                ray.init(num_cpus=workers or default_workers(), include_dashboard=False, logging_level=logging.WARNING,
                         log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise StoreError(f"cannot start or reach the Ray cluster{' at ' + address if address else ''}: "
                             f"{' '.join(str(exc).split())[:300]}") from None
    own_folder = shards is None
    folder = Path(tempfile.mkdtemp(prefix="planwatch-shards-")) if shards is None else shards
    folder.mkdir(parents=True, exist_ok=True)
    try:
        known = stored_hashes(engine)
        task = ray.remote(num_cpus=1, max_retries=2)(_extract_shard)
        known_ref = ray.put(known)
        limit = 2 * max(1, int(ray.cluster_resources().get("CPU", 1)))
        window: deque[Any] = deque()
        with paused(), BatchWriter(engine, government=government, year=year, who=who, batch_size=batch_size,
                                    extract=extract, on_outcome=on_outcome, on_stored=on_stored,
                                    overrides=overrides) as writer:
            for n, chunk in enumerate(_chunks(iter_plan_files(inputs), shard_documents, overrides)):
                window.append(task.remote(chunk, str(folder / f"shard-{n:06d}"), known_ref, extract,  # type: ignore[call-arg]
                                           wants_pairs(engine)))  # (Ray's stubs type remote functions of few arguments)
                if len(window) >= limit:
                    _load(ray.get(window.popleft()), writer, own_folder)
            while window:
                _load(ray.get(window.popleft()), writer, own_folder)
        return writer.tally
    finally:
        if own_folder:
            shutil.rmtree(folder, ignore_errors=True)
        if started:
            ray.shutdown()


def _load(shard: str, writer: BatchWriter, remove: bool) -> None:
    """Store one finished shard through the writer (removing it after when it is ours: it is read whole)."""
    for item in read_shard(Path(shard)):
        writer.add(item)
    if remove:
        shutil.rmtree(shard, ignore_errors=True)
