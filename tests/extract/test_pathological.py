"""Pathological inputs of issue 12, at small sizes: the work per input is bounded by its size.

These are behaviour tests, not timings (benchmarks/pathological.py prints seconds per MB at
full size): a sentence past its quota of candidates costs no analysis, a chain of repeated
sentences gives the records of one sentence once per repeat, the fast offset and mark
look-ups answer what the plain definitions answer, and the per-document time budget stops
whatever is left with one line.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import regex

from planwatch.documents.normalize import normalize
from planwatch.documents.outline import build_outline
from planwatch.errors import DocumentError
from planwatch.extract import candidates, extract_quantities
from planwatch.extract.candidates import MAX_PER_SENTENCE, Marks, scan

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import pathological  # noqa: E402


def _sentences(s: str) -> list[int]:
    """The sentence (index) of every character of `s`."""
    index, out = 0, []
    for ch in s:
        out.append(index)
        if ch in "。；！？\n":
            index += 1
    return out


@pytest.mark.parametrize("make", [pathological.dun_list()[1], pathological.raise_to_50000()[1]], ids=["list", "raise"])
def test_a_sentence_past_its_quota_costs_no_analysis(make, monkeypatch: pytest.MonkeyPatch) -> None:
    s = normalize(make(0.02).decode()).text
    analysed: list[int] = []
    real = candidates.to_number

    def counting(m):  # noqa: ANN001, ANN202
        analysed.append(m.start())
        return real(m)

    monkeypatch.setattr(candidates, "to_number", counting)
    found = scan(s)
    of = _sentences(s)
    per_sentence: dict[int, int] = {}
    for pos in analysed:
        per_sentence[of[pos]] = per_sentence.get(of[pos], 0) + 1
    kept: dict[int, int] = {}
    for c in found:
        kept[of[c.num.start]] = kept.get(of[c.num.start], 0) + 1
    assert max(kept.values()) == MAX_PER_SENTENCE  # the chain is long enough to fill sentences
    # numbers are analysed until the sentence has its quota, never more than that many a sentence
    assert max(per_sentence.values()) <= MAX_PER_SENTENCE
    assert len(analysed) <= MAX_PER_SENTENCE * (of[-1] + 1)


def test_the_quota_keeps_the_candidates_that_cutting_afterwards_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    s = normalize(pathological.dun_list()[1](0.02).decode()).text
    marks = Marks(s)
    monkeypatch.setattr(candidates, "MAX_PER_SENTENCE", 10**9)
    everything = scan(s, marks)  # no quota while scanning
    monkeypatch.setattr(candidates, "MAX_PER_SENTENCE", MAX_PER_SENTENCE)
    expected = candidates._per_sentence(everything, marks.sentence)
    assert len(expected) < len(everything)
    got = scan(s, marks)
    assert [(c.num.start, c.num.value, c.num.unit) for c in got] == [(c.num.start, c.num.value, c.num.unit) for c in expected]


def test_a_chain_of_repeated_sentences_gives_each_sentence_its_records() -> None:
    sentence = "地区生产总值增长8.5%以上，新增公办学位1.4万个以上，"
    one = extract_quantities(sentence + "\n", doc="one")
    assert [r.value for r in one] == [8.5, 14000.0]
    counts = []
    for repeats in (60, 240):  # a line far longer than any sentence: cut into bounded pieces
        records = extract_quantities(sentence * repeats, doc="line")
        assert {(r.indicator, r.value, r.unit, r.comparator) for r in records} == {
            (r.indicator, r.value, r.unit, r.comparator) for r in one}
        counts.append(len(records))
    # each piece of the line keeps at most MAX_PER_SENTENCE of its values: four times the line, four times the records
    assert 3.5 * counts[0] <= counts[1] <= 4.5 * counts[0]


def test_offsets_map_back_as_the_plain_search_does() -> None:
    rnd = random.Random(12)
    pieces = ["增长", " ", "8", "％", "\u200b", "\n", "完成", "。", "  ", "\r\n", "亿元", "\u3000", "１２"]
    for _ in range(400):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 60)))
        norm = normalize(text)
        for pos in range(-1, len(text) + 2):
            plain = next((i for i in range(len(norm.text)) if norm.to_original(i) >= pos), len(norm.text))
            assert norm.from_original(pos) == plain, (text, pos)


def test_marks_answer_what_the_patterns_answer() -> None:
    rnd = random.Random(13)
    for _ in range(300):
        text = "".join(rnd.choice(["。", "，", "；", "：", "！", "？", "\n", "年", "2019", "增长", "x"])
                       for _ in range(rnd.randint(0, 40)))
        marks = Marks(text)
        assert marks.sentence == [m.end() for m in regex.finditer(r"[。；！？\n]", text)]
        assert marks.clause == [m.end() for m in regex.finditer(r"[，。；：！？\n]", text)]


def test_outline_look_up_finds_the_section_a_linear_walk_finds() -> None:
    from planwatch.documents import bundled_plan_path, load

    paths = sorted((Path(__file__).resolve().parents[1] / "data" / "heldout").glob("*.txt"))[:4] + [bundled_plan_path()]
    for path in paths:
        body = load(path).text
        outline = build_outline(body)
        assert outline.sections or path != bundled_plan_path()

        def walk(offset: int, level=outline.sections) -> list:  # noqa: ANN001
            inner = next((s for s in level if s.start <= offset < s.end), None)
            return [] if inner is None else [inner, *walk(offset, inner.children)]

        for offset in range(0, len(body), 37):
            assert outline.path_at(offset) == walk(offset)


def test_the_time_budget_refuses_a_document_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.settings import get_settings

    monkeypatch.setenv("PLANWATCH_DOCUMENT_SECONDS", "0.001")
    get_settings.cache_clear()
    try:
        text = pathological.raise_to_50000()[1](0.05).decode()
        with pytest.raises(DocumentError) as caught:
            extract_quantities(text, doc="raise.txt")
    finally:
        get_settings.cache_clear()  # the next test reads the settings of its own environment
    message = str(caught.value)
    assert message.startswith("raise.txt: extraction took more than 0.001 CPU s") and "\n" not in message
    assert "PLANWATCH_DOCUMENT_SECONDS" in message


def test_the_time_budget_counts_cpu_time_not_waiting() -> None:
    """A worker that waits for a core (loaded machine, low-priority ingest worker) keeps its budget."""
    import time

    from planwatch.documents.budget import check, time_budget

    with time_budget("wait.txt", seconds=0.2):
        time.sleep(0.3)  # longer than the budget, but no CPU spent
        check()
        end = time.thread_time() + 0.5
        with pytest.raises(DocumentError, match="wait.txt: extraction took more than 0.2 CPU s"):
            while time.thread_time() < end:  # working: the budget runs out
                check()


def test_the_scan_resuming_past_a_full_sentence_finds_what_a_full_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    # Resuming the scan at a sentence's end once the sentence has its quota must find what running the
    # pattern over every match finds and dropping the surplus afterwards (ratios count towards the quota).
    rnd = random.Random(14)
    pieces = ["从1%提高到5%", "，", "、", "。", "；", "\n", "收入比由2.5缩小到2.3", "新增学位", "3万个", "12个",
              "增长8.5%以上", "年限提高到10.5年", "一半", "两个", "2020年", "1.4万个", "“3个95%”", "翻一番"]
    marks_text = []
    for _ in range(40):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(20, 400)))
        marks_text.append(text)
    monkeypatch.setattr(candidates, "MAX_PER_SENTENCE", 3)  # small, so that quotas fill in short texts
    for text in marks_text:
        s = normalize(text).text
        marks = Marks(s)
        got = [(c.num.start, c.num.end, c.num.value, c.num.unit, c.end) for c in scan(s, marks)]
        monkeypatch.setattr(candidates, "MAX_PER_SENTENCE", 10**9)
        everything = scan(s, marks)
        monkeypatch.setattr(candidates, "MAX_PER_SENTENCE", 3)
        expected = [(c.num.start, c.num.end, c.num.value, c.num.unit, c.end)
                    for c in candidates._per_sentence(everything, marks.sentence)]
        assert got == expected, text


def _kind_and_year(clause: str, whole: bool = False) -> list[tuple[str, int | None]]:
    """What wording.frame_override decides for a number after `clause` (`whole`: reading the whole clause)."""
    from planwatch.extract import wording
    from planwatch.extract.candidates import Candidate
    from planwatch.extract.context import Frame
    from planwatch.extract.numbers import Number

    s = clause + "5%提高到8%"
    pos = len(clause)
    out = []
    real = wording._names_time
    try:
        if whole:
            wording._names_time = lambda window: True  # every clause read whole: the plain definition
        for frame, plan in ((Frame("result", 2020, ""), 2021), (Frame("target", 2021, ""), 2021), (Frame("result", None, ""), None)):
            c = Candidate(num=Number(pos, pos + 2, 5.0, None, "%", False, False), end=pos + 2)
            wording.frame_override(c, s, 0, 0, frame, plan, 0)
            out.append((c.kind, c.year))
    finally:
        wording._names_time = real
    return out


def test_fast_paths_answer_what_the_plain_functions_answer() -> None:
    from planwatch.extract import indicator, numbers

    rnd = random.Random(15)
    words = ["、", "，", "。", "：", "！", "\n", "等", "万个", "12", "学校", "（含", "）", "以上", "的", "五", "年", "预计",
             "比", "较", "从", "2019年的", "上年", "由", "十四五", "人均", "增长"]
    fixed = ["预计新增学校12万个以上的学校、", "由人均每月，、，、：", "新增学位3万个、从每人每月、、、、、",
             "上年由人均、：、", "比上年由人均、"]
    for k in range(3000):
        text = fixed[k] if k < len(fixed) else "".join(rnd.choice(words) for _ in range(rnd.randint(0, 14)))
        # indicator.after skips _after when a clause mark follows the unit
        assert indicator.after(text, 0) == indicator._after(text[:30]), text
        # frame_override reads a clause without 五年预比较 by its last 12 characters
        assert _kind_and_year(text) == _kind_and_year(text, whole=True), text
    # to_number keeps a numeral read by float() when no multiplier applies
    for _ in range(3000):
        whole = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 16)))
        part = "".join(rnd.choice("0123456789") for _ in range(rnd.choice((0, rnd.randint(1, 12)))))
        numeral = whole + "." + part if part else whole  # up to 29 characters: short ones take the fast path
        m = numbers.CANDIDATE.search(numeral + "%")
        assert m is not None and m.group(0) == numeral + "%"
        assert numbers.to_number(m).value == numbers._clean(float(numeral)), numeral


def test_heading_copies_look_at_a_bounded_number_of_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list of heading lines (each a figure on a short line of its own) costs each heading a bounded look-ahead, not
    the rest of the document: the copy of a heading's figure is looked for among the next `_COPY_RECORDS` records."""
    from planwatch.extract import extract_quantities, quantities

    calls = 0
    real = quantities._same_figure

    def counted(a, b) -> bool:  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(quantities, "_same_figure", counted)
    lines = 2000
    records = extract_quantities("".join(f"地区生产总值增长{i % 97}%\n" for i in range(lines)), "x-2019")
    assert len(records) == lines
    assert calls <= lines * quantities._COPY_RECORDS
