"""clear_text_caches empties every memo cache of text, keeps static tables, and changes no result."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest

import planwatch
from planwatch.documents import Document
from planwatch.pipeline.caches import KEPT, TEXT_CACHES, clear_text_caches
from planwatch.pipeline.stages import Analysis, analyse

DATA = Path(__file__).resolve().parents[1] / "data" / "heldout"


def _document(name: str) -> Document:
    return Document(name=name, text=(DATA / name).read_text(encoding="utf-8"))


def _functools_caches() -> dict[str, Any]:
    """Every functools cache of the package's modules and classes, by "module.qualname"."""
    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(planwatch.__path__, "planwatch."):
        module = importlib.import_module(info.name)
        for value in list(vars(module).values()):
            members = [value, *(vars(value).values() if isinstance(value, type) else ())]
            for member in members:
                function = member.__func__ if isinstance(member, staticmethod | classmethod) else member
                if callable(getattr(type(function), "cache_info", None)) and (  # asked of the type: sqlalchemy's func says yes
                        getattr(function, "__module__", "") or "").startswith("planwatch."):  # not one imported (urlsplit)
                    found[f"{function.__module__}.{function.__qualname__}"] = function
    return found


def _plain(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain data, without the document it was made from."""
    return {f.name: _dump(getattr(analysis, f.name)) for f in dataclasses.fields(analysis) if f.name != "document"}


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value


def test_every_text_cache_is_emptied_and_static_tables_kept() -> None:
    analyse(_document("henan-2026.txt"))
    caches = _functools_caches()
    assert len(caches) > 20
    assert KEPT <= caches.keys(), "a kept cache is no longer there: update pipeline/caches.py KEPT"
    assert clear_text_caches() == len(TEXT_CACHES)
    filled = [name for name, cache in caches.items() if name not in KEPT and cache.cache_info().currsize]
    assert not filled, f"memo caches not emptied by clear_text_caches (list them in TEXT_CACHES, or in KEPT): {filled}"
    for module, name in TEXT_CACHES:
        cache = getattr(module, name)
        assert (len(cache) if isinstance(cache, dict) else cache.cache_info().currsize) == 0, f"{module.__name__}.{name}"
    # the static tables stay loaded: jieba's dictionary, the units table
    assert caches["planwatch.extract.task_segment._model"].cache_info().currsize == 1
    assert caches["planwatch.extract.task_units._bundled_units"].cache_info().currsize == 1


def test_keep_recent_keeps_the_previous_documents_words_once() -> None:
    from planwatch.monitor import followup

    clear_text_caches()
    followup.remember_words("甲乙丙", frozenset({"甲乙"}))
    clear_text_caches(keep_recent=True)
    assert "甲乙丙" in followup._WORDS  # the previous document's, which the writer needs next
    followup.remember_words("丁戊己", frozenset({"丁戊"}))
    clear_text_caches(keep_recent=True)
    assert "丁戊己" in followup._WORDS and "甲乙丙" not in followup._WORDS
    clear_text_caches()
    assert not followup._WORDS


@pytest.mark.parametrize("keep_recent", [False, True])
def test_results_are_the_same_with_warm_and_with_cleared_caches(keep_recent: bool) -> None:
    document = _document("henan-2026.txt")
    analyse(_document("beijing-2026.txt"))
    analyse(document)
    warm = _plain(analyse(document))  # every memo cache holds this document's answers
    clear_text_caches(keep_recent=keep_recent)
    cold = _plain(analyse(document))
    assert cold == warm
    assert cold["quantities"] and cold["tasks"] and cold["words"]
