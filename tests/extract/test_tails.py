"""Tail words found without backtracking: same answers as the regular expression, no hang on overlapping words."""

from __future__ import annotations

import random
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from planwatch.extract import indicator
from planwatch.extract.tails import TailWords, alternatives, last_characters, may_end

WORDS = indicator._TAIL.pattern[3:-3]


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the run) when the block takes longer than `seconds`."""
    def expired(*_: object) -> None:
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def phrases(pieces: list[str], seed: int, count: int, shortest: int, longest: int) -> Iterator[str]:
    """`count` random phrases of `shortest` to `longest` of `pieces` (the same for the same seed)."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(shortest, longest)))


def test_alternatives_respect_brackets_and_escapes() -> None:
    assert alternatives(r"达到|比\d{4}年|(?:从|由)\d{4}年|[一二|三]年|a\|b") == \
        ["达到", r"比\d{4}年", r"(?:从|由)\d{4}年", "[一二|三]年", r"a\|b"]


def test_same_start_as_the_regular_expression_on_random_phrases() -> None:
    tails = TailWords(WORDS)
    pieces = sorted(tails.literals) + ["比2019年", "较2020年均值", "从2019年末的", "由每月", "目标定为", "3年累计",
                                       "十四五期间", "占比", "人均", "年", "均", "人", "的", "指标", "x"]
    for phrase in phrases(pieces, seed=7, count=5000, shortest=1, longest=10):
        m = indicator._TAIL.search(phrase)
        assert tails.start(phrase) == (m.start() if m else None), phrase


def test_same_start_as_the_regular_expression_on_long_phrases() -> None:
    # The walk from the end stops once no word reaches back to a run: long non-tail stretches, pattern
    # words (比2019年, 从2020年每人每月…) ending runs, and runs broken by a non-word must all still agree.
    tails = TailWords(WORDS)
    pieces = ["达到", "增长", "比2019年", "从2020年每人每月", "较2018年均值", "12年累计", "目标定为", "均", "人均",
              "提高到", "地区生产总值", "城乡居民人均可支配收入", "x", "年", "的", "十四五期间"]
    for phrase in phrases(pieces, seed=11, count=3000, shortest=4, longest=14):
        m = indicator._TAIL.search(phrase)
        assert tails.start(phrase) == (m.start() if m else None), phrase


@pytest.mark.parametrize("repeat", [40, 400])
def test_overlapping_words_do_not_hang(repeat: int) -> None:
    # From the fuzz run: a copied range made "达到" repeat; "达到" is also 达 + 到, and the phrase ends in
    # 由, so the backtracking search tried 2^n splits before `$` failed (16 repeats: 1 s; 40: never ends).
    phrase = "在北方地区" + "达到" * repeat + "占比由"
    with deadline(10):
        assert indicator._strip_tail(phrase) == phrase[:-1]


def test_a_sentence_with_repeated_overlapping_words_is_analysed() -> None:
    from planwatch.extract import extract_quantities

    text = "中央财政赤字预" + "达到" * 45 + "算拟安排9500亿元。"
    with deadline(20):
        records = extract_quantities(text, doc="fuzz")
    assert [r.value for r in records] == [950_000_000_000.0]  # 9500亿元, in 元


def test_last_characters_of_patterns() -> None:
    assert last_characters(r"ab?|c(?:d|ef)*") == frozenset("abcdf")
    assert last_characters(r"(?<![人年])均(?=x)$") == frozenset("均")
    assert last_characters(r"[一-丁]+年(?:累计)?") == frozenset("年计")
    for unknown in (r"a|\d", r"(?:x)?", r"[^a]", r"a.", r"\p{Han}", r"(?i)a", r"(a)\1"):
        assert last_characters(unknown) is None, unknown


def test_phrases_whose_last_character_ends_no_tail_word_have_no_tail() -> None:
    # may_end lets _strip_tail (indicator) and tidy (naming) skip their searches: it may never refuse a phrase
    # the pattern ends.
    from planwatch.extract import naming

    tails = TailWords(WORDS)
    pieces = sorted(tails.literals) + ["比2019年", "较2020年均值", "从2019年末的", "由每月", "目标定为", "3年累计",
                                       "十四五期间", "占比", "人均", "x", "\n", "地区生产总值", "链", "强链补链", "或选址"]
    for phrase in phrases(pieces, seed=3, count=5000, shortest=0, longest=6):
        if indicator._TAIL_FROM_END.search(phrase):
            assert may_end(phrase, indicator._TAIL_LAST), phrase
        if naming._TAIL_VERB_FROM_END.search(phrase):
            assert may_end(phrase, naming._TAIL_VERB_LAST), phrase
