"""The Ray engine on a local cluster stores exactly what the one-document path stores; shards round-trip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from planwatch.pipeline import analyse, ingest_document, iter_plan_files, read
from planwatch.pipeline.local import analyse_path
from planwatch.pipeline.shards import read_shard, write_shard
from planwatch.pipeline.writer import Failure, Skipped

from .conftest import CORPUS_FILES, dump

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[None]:
    """A local Ray cluster of two CPUs for this module."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    yield
    ray.shutdown()


def test_shards_round_trip_every_field(tmp_path: Path) -> None:
    items = [analyse(read(path)) for path in CORPUS_FILES[:2]]
    items.append(analyse(read(Path(__file__).resolve().parents[1] / "data" / "documents" / "jilin-2026-traditional.txt")))
    assert items[-1].document.script == "traditional"  # read converted to simplified: the shard keeps saying so
    items += [Skipped("x.txt", "x.txt", "0" * 64), Skipped("x.docx", "x.docx", "1" * 64, "2" * 64),  # by its key
              Failure("bad.txt", "bad.txt: contains no text")]
    assert list(read_shard(write_shard(tmp_path / "shard", items))) == items


def test_ray_path_stores_what_the_single_path_stores(local_cluster: None, corpus: Path, engine: Engine,
                                                     other_engine: Engine, tmp_path: Path) -> None:
    from planwatch.pipeline.ray_engine import ingest_ray

    for path in iter_plan_files([corpus]):
        ingest_document(engine, read(path))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    tally = ingest_ray(other_engine, [corpus], shards=tmp_path / "shards", shard_documents=3, batch_size=2)
    assert (tally.added, tally.unchanged, [Path(f.path).name for f in tally.failures]) == (6, 1, ["broken.pdf"])
    assert len(list((tmp_path / "shards").iterdir())) == 3  # 8 files, 3 a shard
    single, distributed = dump(engine), dump(other_engine)
    for table in single:
        assert distributed[table] == single[table], f"table {table} differs between the single and the Ray path"


def test_worker_failure_is_one_line(tmp_path: Path) -> None:
    item = analyse_path(str(tmp_path / "missing.txt"), None, None, frozenset())
    assert isinstance(item, Failure) and "missing.txt" in item.line() and "\n" not in item.line()


def test_ray_path_with_a_manifest_stores_what_the_single_path_stores(local_cluster: None, engine: Engine,
                                                                    other_engine: Engine, tmp_path: Path) -> None:
    """Texts that name no government, given theirs by a manifest: Ray stores what one document at a time stores
    with --government/--year; a rerun skips them (content hash) and keeps the manifest's values."""
    from planwatch.pipeline.manifest import Overrides, read_manifest
    from planwatch.pipeline.ray_engine import ingest_ray

    from .test_manifest import _csv, _untitled

    first, second = _untitled(tmp_path / "corpus")
    manifest = _csv(tmp_path / "manifest.csv", [["path", "government", "year"],
                                                ["corpus/pingshan/plan-0.txt", "深圳市坪山区", "2019"],
                                                ["corpus/longgang/plan-1.txt", "深圳市龙岗区", ""]])
    ingest_document(engine, read(first), government="深圳市坪山区", year=2019)
    ingest_document(engine, read(second), government="深圳市龙岗区")
    overrides = Overrides(manifest=read_manifest(manifest))
    tally = ingest_ray(other_engine, [first, second], shards=tmp_path / "shards", shard_documents=1, overrides=overrides)
    assert (tally.added, tally.failures) == (2, [])
    single, distributed = dump(engine), dump(other_engine)
    for table in single:
        assert distributed[table] == single[table], f"table {table} differs between the single and the Ray path"
    again = ingest_ray(other_engine, [tmp_path / "corpus"], overrides=overrides)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
