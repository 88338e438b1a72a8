"""Shared helpers for the task tests: data paths, ingesting plans without the quantity extractor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from planwatch.documents import bundled_plan_path, load

DATA = Path(__file__).resolve().parents[1] / "data" / "tasks"
PLAN_2020 = DATA / "pingshan-2020-followup.txt"
GOVERNMENT = "深圳市坪山区"


def data(name: str) -> Any:
    """A JSON file of tests/data/tasks."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def no_quantities(text: str, doc: str = "doc") -> list[Any]:
    """Stand-in extractor: task tests must not move when the quantity extractor changes."""
    return []


def ingest(engine: Engine, path: Path | None = None, year: int = 2019) -> int:
    """Ingest a plan (default: the bundled 2019 plan) with its tasks; returns the plan id."""
    import planwatch.store.tasks  # noqa: F401
    from planwatch.pipeline import ingest_document

    result = ingest_document(engine, load(path or bundled_plan_path()), government=GOVERNMENT, year=year,
                             extract=no_quantities)
    return result.plan_id


class Examples:
    """A file of constructed task passages (tests/data/tasks/fix-tasks*-examples.json): each passage's tasks by name."""

    def __init__(self, name: str) -> None:
        self.passages: dict[str, Any] = data(name)

    def __getitem__(self, name: str) -> Any:
        return self.passages[name]

    def tasks(self, name: str) -> list[Any]:
        """The tasks (kind "task") planwatch extracts from the passage `name`."""
        from planwatch.extract.tasks import extract_tasks

        return [t for t in extract_tasks(self.passages[name]["text"], name, quantities=[]) if t.kind == "task"]

    def quotes(self, name: str) -> list[str]:
        """Those tasks' quotes without white space."""
        return ["".join(t.quote.split()) for t in self.tasks(name)]

    def task(self, name: str, start: str) -> Any:
        """The task of the passage `name` whose quote starts with `start`."""
        return next(t for t in self.tasks(name) if "".join(t.quote.split()).startswith(start))
