"""Parquet shards: what distributed workers found in a batch of documents, written for one loader.

A shard is a folder of three Parquet files (pyarrow):

- ``documents.parquet``: one row per file — path, name, format, text, content hash (and text key of a skip), plan
  description (government, level, year, title, kind), or the failure / skip that happened;
- ``quantities.parquet``: every extracted quantity (each field of `Quantity`; ``extra`` as JSON)
  with ``doc_index``, the document's row;
- ``tasks.parquet``: every extracted task (each field of the extraction's `Task`) with
  ``doc_index`` and its suggested unit (the document row carries the words follow-up matching needs).

Columns come from the dataclasses' own fields, so a field added to `Quantity` or `Task`
travels through shards without a change here; a field added to `Analysis` itself travels
in the document row's ``more`` column (pickled, as between local worker processes).
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from planwatch.documents import Document
from planwatch.extract.records import Quantity
from planwatch.extract.records import Task as ExtractedTask
from planwatch.pipeline.stages import Analysis
from planwatch.pipeline.writer import Failure, Item, Skipped
from planwatch.store.ingest import PlanInfo

__all__ = ["read_shard", "write_shard"]

FILES = ("documents.parquet", "quantities.parquet", "tasks.parquet")
_COLUMNS = ("document", "digest", "info", "quantities", "tasks", "units", "words")  # Analysis fields with columns


def _more(item: Analysis) -> bytes | None:
    """The Analysis fields without a column of their own, pickled (None when there are none)."""
    more = {f.name: getattr(item, f.name) for f in fields(Analysis) if f.name not in _COLUMNS}
    return pickle.dumps(more, protocol=pickle.HIGHEST_PROTOCOL) if more else None


def _json_fields(cls: type) -> set[str]:
    """Fields holding dicts (stored as JSON text: their keys vary from row to row)."""
    return {f.name for f in fields(cls) if str(f.type).startswith("dict")}


def _row(obj: Any, json_fields: set[str], **more: Any) -> dict[str, Any]:
    """A dataclass as a flat row; dict fields as JSON."""
    row = asdict(obj)
    for name in json_fields:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    row.update(more)
    return row


def write_shard(folder: Path, items: list[Item]) -> Path:
    """Write `items` (analyses, skips, failures) as one shard in `folder` (created); returns it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    documents: list[dict[str, Any]] = []
    quantities: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    q_json, t_json = _json_fields(Quantity), _json_fields(ExtractedTask)
    for index, item in enumerate(items):
        row: dict[str, Any] = {"path": None, "name": None, "format": None, "text": None, "digest": None,
                               "source": None, "government": None, "level": None, "year": None, "title": None,
                               "kind": None, "failure": None, "skipped": False, "words": None, "more": None,
                               "key": None, "script": None}
        if isinstance(item, Failure):
            row.update(path=item.path, failure=item.reason)
        elif isinstance(item, Skipped):
            row.update(path=item.path, source=item.source, digest=item.digest, skipped=True, key=item.key)
        else:
            doc, info = item.document, item.info
            row.update(path=str(doc.path) if doc.path else None, name=doc.name, format=doc.format, text=doc.text, script=doc.script,
                       digest=item.digest, source=item.source, government=info.government, level=info.level,
                       year=info.year, title=info.title, kind=info.kind,
                       words=json.dumps({k: sorted(v) for k, v in item.words.items()}, ensure_ascii=False),
                       more=_more(item))
            quantities.extend(_row(q, q_json, doc_index=index) for q in item.quantities)
            tasks.extend(_row(t, t_json, doc_index=index, unit=u) for t, u in zip(item.tasks, item.units, strict=True))
        documents.append(row)
    for name, rows in zip(FILES, (documents, quantities, tasks), strict=True):
        table = pa.Table.from_pylist(rows) if rows else pa.table({"doc_index": pa.array([], pa.int64())})
        pq.write_table(table, folder / name)
    return folder


def read_shard(folder: Path) -> Iterator[Item]:
    """The items of a shard, in the order they were written."""
    import pyarrow.parquet as pq

    documents = pq.read_table(folder / FILES[0]).to_pylist()
    by_doc: dict[str, dict[int, list[dict[str, Any]]]] = {"q": {}, "t": {}}
    for key, name in (("q", FILES[1]), ("t", FILES[2])):
        for row in pq.read_table(folder / name).to_pylist():
            by_doc[key].setdefault(row.pop("doc_index"), []).append(row)
    q_names, t_names = {f.name for f in fields(Quantity)}, {f.name for f in fields(ExtractedTask)}
    q_json, t_json = _json_fields(Quantity), _json_fields(ExtractedTask)
    for index, row in enumerate(documents):
        if row["failure"] is not None:
            yield Failure(row["path"], row["failure"])
            continue
        if row["skipped"]:
            yield Skipped(row["path"], row["source"], row["digest"], row.get("key"))
            continue
        document = Document(name=row["name"], text=row["text"], path=Path(row["path"]) if row["path"] else None,
                            format=row["format"], script=row.get("script") or "")
        info = PlanInfo(row["government"], row["level"], row["year"], row["title"], row["kind"])
        quantities = [Quantity(**_fields(q, q_names, q_json)) for q in by_doc["q"].get(index, [])]
        task_rows = by_doc["t"].get(index, [])
        tasks = [ExtractedTask(**_fields(t, t_names, t_json)) for t in task_rows]
        words = {k: frozenset(v) for k, v in json.loads(row["words"] or "{}").items()}
        more = pickle.loads(row["more"]) if row.get("more") else {}  # our own shard, written above
        yield Analysis(document=document, digest=row["digest"], info=info, quantities=quantities, tasks=tasks,
                       units=[t["unit"] for t in task_rows], words=words, **more)


def _fields(row: dict[str, Any], names: set[str], json_fields: set[str]) -> dict[str, Any]:
    """The dataclass arguments of a shard row (JSON fields decoded)."""
    out = {k: v for k, v in row.items() if k in names}
    for name in json_fields & out.keys():
        out[name] = json.loads(out[name]) if out[name] is not None else {}
    return out
