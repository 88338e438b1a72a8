"""Pathological inputs of issue 12 at small sizes: the work grows about linearly with the input
(doubling the input must not quadruple the time), and the per-document time budget stops the rest.

benchmarks/pathological.py runs the same inputs at full size and prints seconds per MB.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from planwatch.documents import from_bytes
from planwatch.errors import DocumentError
from planwatch.extract import extract_quantities, extract_tasks

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import pathological  # noqa: E402

# (file name, generator, scale of the smaller run); the larger run is twice as big
CASES = [
    ("raise.txt", pathological.raise_to_50000()[1], 0.01),
    ("list.txt", pathological.dun_list()[1], 0.004),
    ("yi.txt", pathological.yi_er_san()[1], 0.05),
    ("digits.txt", pathological.long_number()[1], 40.0),
    ("line.txt", pathological.long_line()[1], 0.004),
    ("divs.html", pathological.nested_divs()[1], 0.05),
]


def _seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):  # best of two: other tests share the CPU
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _process(name: str, data: bytes) -> None:
    text = from_bytes(name, data).text
    quantities = extract_quantities(text, doc=name)
    extract_tasks(text, name, quantities=quantities)


@pytest.mark.parametrize(("name", "make", "scale"), CASES, ids=[c[0] for c in CASES])
def test_time_grows_about_linearly(name: str, make: Callable[[float], bytes], scale: float) -> None:
    small, large = make(scale), make(scale * 2)
    _process(name, small)  # warm up (regex compilation, lexicons)
    ratio = float("inf")
    for _ in range(3):  # the best of three measurements: a busy CPU only ever makes one look worse
        ratio = min(ratio, _seconds(lambda: _process(name, large)) / max(_seconds(lambda: _process(name, small)), 1e-3))
        if ratio < 3.0:
            break
    assert ratio < 3.5, f"{name}: doubling the input multiplied the time by {ratio:.1f} (quadratic is 4)"


def test_the_time_budget_refuses_a_document_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.settings import get_settings

    monkeypatch.setenv("PLANWATCH_DOCUMENT_SECONDS", "0.05")
    get_settings.cache_clear()
    text = pathological.raise_to_50000()[1](0.05).decode()
    with pytest.raises(DocumentError) as caught:
        extract_quantities(text, doc="raise.txt")
    message = str(caught.value)
    assert message.startswith("raise.txt: extraction took more than 0.05 s") and "\n" not in message
    assert "PLANWATCH_DOCUMENT_SECONDS" in message
