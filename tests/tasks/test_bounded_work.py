"""Task extraction and task words stay linear on pathological input (issue 12) and unchanged on real text.

Behaviour, not timings (benchmarks/pathological.py --stages prints the seconds per MB): the
quantities of a task are found without copying the rest of the list, the action pattern spans at
most ADVERB_RUN adverbs, a task is read (and followed up) up to its first CLAUSES_MAX clauses, and a
task's clauses are matched on at most CLAUSE_MAX characters and ITEMS_MAX 、 items each — bounds
that real text never reaches.
"""

from __future__ import annotations

import random
import re
import sys
from bisect import bisect_left
from pathlib import Path

from planwatch.extract import task_lexicon
from planwatch.extract.task_lexicon import ACTION, ADVERB_RUN
from planwatch.extract.tasks import _inside
from planwatch.monitor import followup

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import pathological  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


def _real_texts() -> list[str]:
    texts = []
    for path in sorted(DATA.rglob("*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    assert len(texts) >= 10
    return texts


def test_inside_finds_what_a_plain_scan_finds() -> None:
    rng = random.Random(12)
    for _ in range(200):
        spans = []
        for i in range(rng.randrange(0, 40)):
            s = rng.randrange(0, 300)
            spans.append((s, s + rng.randrange(1, 20), i))
        spans.sort()
        starts = [s for s, _e, _i in spans]
        start = rng.randrange(0, 320)
        end = start + rng.randrange(0, 80)
        plain = sorted(i for s, e, i in spans if s >= start and e <= end)
        assert _inside(spans, starts, start, end) == plain
        assert bisect_left(starts, start) <= len(spans)


_UNBOUNDED = re.compile(
    rf"{task_lexicon._opening(task_lexicon.ADVERBS, task_lexicon.STRONG_VERBS, task_lexicon.WEAK_VERBS)}"
    rf"(?:{task_lexicon._adv_alt})*(?:{task_lexicon._verb_alt})"
    rf"(?:(?:{task_lexicon._chain_alt})|[和与及并、](?:{task_lexicon._verb_alt}))*")


def test_the_action_pattern_matches_what_the_unbounded_one_matches_on_real_text() -> None:
    matches = 0
    for text in _real_texts():
        for line in text.splitlines():
            old = [m.span() for m in _UNBOUNDED.finditer(line)]
            assert [m.span() for m in ACTION.finditer(line)] == old, line[:80]
            matches += len(old)
    assert matches > 1000


def test_a_long_run_of_adverbs_spans_at_most_the_bound() -> None:
    assert ACTION.search("积极" * 2000) is None  # no verb: no action (and no quadratic scan)
    m = ACTION.search("积极" * 2000 + "推进改革")
    assert m is not None and m.end() == 4002 and m.start() == 4000 - 2 * ADVERB_RUN
    short = "积极" * (ADVERB_RUN - 1) + "推进改革"  # within the bound: the whole run, as before
    assert ACTION.search(short).span() == _UNBOUNDED.search(short).span() == (0, len(short) - 2)


def _plain_pieces(quote: str) -> list[str]:
    """_pieces_of without its bounds."""
    pieces: list[str] = []
    for clause in followup._CLAUSE.split("".join(quote.split())):
        pieces.append(clause)
        if "、" in clause:
            pieces += clause.split("、")
    return pieces


def test_the_pieces_of_real_clauses_are_not_bounded() -> None:
    for text in _real_texts():
        for line in text.splitlines():
            assert followup._pieces_of(line) == _plain_pieces(line), line[:80]


def test_a_huge_list_gives_a_bounded_number_of_bounded_pieces() -> None:
    quote = pathological.dun_list()[1](0.05).decode().rstrip("。")  # 5,000 items in one clause
    pieces = followup._pieces_of(quote)
    assert len(pieces) == 1 + followup.ITEMS_MAX
    assert all(len(p) <= followup.CLAUSE_MAX for p in pieces)
    assert pieces[0] == quote[:followup.CLAUSE_MAX]
    assert pieces[1:] == pieces[0].split("、")[:followup.ITEMS_MAX]
    words = followup.task_words([quote])
    assert set(words) == set(pieces)
    assert len(followup.key_pieces.__wrapped__(quote)) <= 1 + followup.ITEMS_MAX


def test_a_quote_of_clauses_gives_the_pieces_of_each_clause_in_turn() -> None:
    clauses = [f"新增学位{'、'.join(f'{i}万个' for i in range(n, n + 300))}" for n in (0, 1000, 2000)]
    quote = "，".join(clauses)
    assert followup._pieces_of(quote) == [p for c in clauses for p in followup._pieces_of(c)]
    assert followup.key_pieces.__wrapped__(quote) == [p for c in clauses for p in followup.key_pieces.__wrapped__(c)]


def test_a_dash_lead_split_by_whitespace_is_read() -> None:
    # From the fuzz run (a mutated 3 KB passage of a real report): a paragraph of a task section opens
    # with "—\n—", which reads as "——" once whitespace is squeezed; `para.index("——")` then raised
    # ValueError out of extraction.
    from pathlib import Path

    from planwatch.documents import from_bytes
    from planwatch.pipeline.stages import analyse

    path = Path(__file__).parents[1] / "data" / "tasks" / "fuzz-spaced-dash.html"
    analysis = analyse(from_bytes(path, path.read_bytes()), "山东省", 2026)
    assert any(task.kind == "task" for task in analysis.tasks)


def _raises(n: int) -> str:
    """n "从…提高到…" pieces in one sentence (the pathological input's pieces), without the 。."""
    return pathological.raise_to_50000()[1](n / 50_000).decode().rstrip("。")


def test_a_task_is_read_up_to_its_first_clauses() -> None:
    from planwatch.extract.task_layout import CLAUSES_MAX
    from planwatch.extract.tasks import extract_tasks

    text = _raises(CLAUSES_MAX + 300)
    (task,) = extract_tasks(text + "。")
    assert task.quote == "，".join(text.split("，")[:CLAUSES_MAX])  # the rest of the sentence is not read
    short = _raises(CLAUSES_MAX)  # within the bound: the whole sentence, as before
    assert [t.quote for t in extract_tasks(short + "。")] == [short]


def test_past_the_bound_a_new_commitment_still_opens_a_task() -> None:
    from planwatch.extract.task_layout import CLAUSES_MAX
    from planwatch.extract.tasks import extract_tasks

    text = _raises(CLAUSES_MAX + 300)
    tasks = extract_tasks(text + "，新建学校12所。")
    assert [t.quote for t in tasks] == ["，".join(text.split("，")[:CLAUSES_MAX]), "新建学校12所"]
    assert tasks[1].action == "新建"


def test_follow_up_reads_a_task_up_to_its_first_clauses() -> None:
    from planwatch.extract.task_layout import CLAUSES_MAX

    quote = _raises(CLAUSES_MAX + 300)
    first = quote.split("，")[:CLAUSES_MAX]
    assert followup._pieces_of(quote) == first
    assert set(followup.task_words([quote])) == set(first)
    assert followup.key_pieces.__wrapped__(quote) == followup.key_pieces.__wrapped__("，".join(first))
    assert followup._pieces_of("，".join(first)) == first  # within the bound: every clause, as before
