"""The fast word functions of follow-up matching answer exactly what the plain jieba versions answer."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import planwatch.monitor.followup as followup
from planwatch.documents import bundled_plan_path, load
from planwatch.errors import DocumentError
from planwatch.extract.task_segment import blocks, cut_block, segment
from planwatch.extract.tasks import extract_tasks

from .helpers import no_quantities

TEXTS = sorted((Path(__file__).resolve().parents[1] / "data").rglob("*.txt"))


def _chunks() -> list[str]:
    """Every real text of tests/data in pieces of 300 characters (whitespace, latin and digits kept)."""
    out = []
    for path in TEXTS:
        try:
            text = load(path).text
        except DocumentError:  # the deliberately unreadable samples
            continue
        out += [text[i:i + 300] for i in range(0, len(text), 300)]
    return out


CHUNKS = _chunks()


def test_segment_is_jiebas_cut_on_every_real_text() -> None:
    assert len(CHUNKS) > 200
    differ = [chunk for chunk in CHUNKS if segment(chunk) != jieba.lcut(chunk)]
    assert differ == []


@pytest.mark.parametrize("text", [
    "", "，", "推进", "坪山区马峦街道沙湖片区城市更新项目（二期）", "5G基站3.5万个、AI+制造、WiFi全覆盖",
    "新建 高标准农田\u30003万亩\r\n", "亖亖亖亖", "abc-def_1.5%", "𠀀𠀁汉字",
    # runs jieba-rs would keep whole: they are cut by the Python model
    "时间：2026-02-01", "PM_2.5平均浓度低于每立方米19微克", "推进5G-A超宽带网络", "C++与C#、R&D投入", "增长8.5%以上",
    # unknown runs jieba-rs's own HMM cuts otherwise (a tie): jieba's HMM cuts them
    "一富富富世", "abc一富富富世", "一富富富世ab12cd", "推进一富富富世建设",
])
def test_segment_on_edge_cases(text: str) -> None:
    assert segment(text) == jieba.lcut(text)
    assert [w for b in blocks(text) for w in cut_block(b)] == [w for w in jieba.lcut(text) if re.fullmatch(
        r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+", w)]


_REAL_HAN = sorted({c for chunk in CHUNKS for c in chunk if "\u4e00" <= c <= "\u9fd5"})


@settings(max_examples=400)
@given(st.lists(st.one_of(st.sampled_from(_REAL_HAN), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5),
                          st.sampled_from(list("aZ09 ，。、+#&._%-")), st.sampled_from(["发展", "推进", "建设", "新区"])),
                max_size=40).map("".join))
def test_segment_is_jiebas_cut_on_random_runs(text: str) -> None:
    """Compiled (jieba-rs) and Python paths together answer jieba's cut, whatever the characters."""
    assert segment(text) == jieba.lcut(text)


def test_words_of_real_sentences_at_random_places_are_jiebas() -> None:
    """Windows of real text that start and end mid-word: the route through the dictionary is jieba's."""
    import random

    rnd = random.Random(13)
    for _ in range(3000):
        chunk = rnd.choice(CHUNKS)
        start = rnd.randrange(len(chunk))
        text = chunk[start:start + rnd.randint(1, 60)]
        assert segment(text) == jieba.lcut(text), text


def _plain_content_words(text: str) -> frozenset[str]:
    """content_words as it was written on jieba directly."""
    words = jieba.lcut("".join(text.split()))
    return frozenset(w for w in words if followup._WORD.match(w) and w not in followup._STOP and not w.isdigit())


def test_content_words_are_those_of_the_whole_text() -> None:
    for chunk in CHUNKS[::7]:
        for clause in re.split(r"[。；]", chunk):
            followup._WORDS.pop(clause, None)
            assert followup.content_words(clause) == _plain_content_words(clause), clause


def _recorded_pieces(quote: str) -> list[str]:
    """The texts key_pieces asks content_words for, recorded by replacing content_words."""
    recorded: list[str] = []
    plain = followup.content_words

    def recording(text: str) -> frozenset[str]:
        recorded.append(text)
        return plain(text)

    followup.content_words = recording  # type: ignore[assignment]
    try:
        followup.key_pieces.__wrapped__(quote)
    finally:
        followup.content_words = plain  # type: ignore[assignment]
    return recorded


def test_pieces_of_are_the_texts_key_pieces_segments() -> None:
    plan = load(bundled_plan_path())
    quotes = [t.quote for t in extract_tasks(plan.text, quantities=no_quantities(plan.text)) if t.kind == "task"]
    quotes += ["新建 学校、幼儿园、“社康中心”，完成A、、B改造；", "、", ""]
    assert len(quotes) > 50
    for quote in quotes:
        assert followup._pieces_of(quote) == _recorded_pieces(quote), quote


def test_task_words_give_the_words_of_every_piece() -> None:
    quotes = ["推进坪山中心区、马峦山郊野公园二期建设，完成“智慧坪山”平台", "加快建设深圳技术大学",
              "新建 学校、幼儿 园、“社康中心”，完成A、、B-2改造、5G基站；、"]  # a clause's words are its items'
    words = followup.task_words(quotes)
    assert set(words) == {p for q in quotes for p in followup._pieces_of(q)}
    for text, found in words.items():
        assert found == _plain_content_words(text)


def _verb_like_step_by_step(word: str) -> bool:
    """_verb_like as it was written: adverbs, then one verb after another on what is left."""
    from planwatch.extract.task_lexicon import ADVERB, VERB

    at = 0  # each step matches at its place in the word: a guard may look back at the step before ("赋予关爱")
    adverb = ADVERB.match(word)
    if adverb:
        at = adverb.end()
    while at < len(word):
        m = VERB.match(word, at)
        if m is None:
            break
        at = m.end()
    return at == len(word) or word in followup._TIME_WORDS


def _lexicon_words() -> list[str]:
    from planwatch.extract.task_lexicon import ADVERBS, STRONG_VERBS, WEAK_VERBS

    # with the words the verb list excludes after a verb ("增加值", "服务区") and some nouns
    return sorted(set(ADVERBS + STRONG_VERBS + WEAK_VERBS)) + ["值", "率", "区", "站", "奖", "的", "公园", "者", "今年"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_lexicon_words()), min_size=1, max_size=5))
@example(["赋予", "关爱"])  # 关爱 after 予 is a noun (给予关爱): found by this test in a CI run
def test_verb_like_in_one_match_is_the_step_by_step_reading(parts: list[str]) -> None:
    word = "".join(parts)
    assert followup._verb_like(word) == _verb_like_step_by_step(word), word


def test_verb_like_on_every_word_of_real_text() -> None:
    for chunk in CHUNKS[::3]:
        for word in segment(chunk):
            assert followup._verb_like(word) == _verb_like_step_by_step(word), word


@given(st.text(alphabet="汉字一鿕万个亿" + "aZ09" + "+#&._%-", min_size=0, max_size=6))
def test_content_and_key_verdicts_are_their_patterns_on_a_run_s_words(word: str) -> None:
    """_Verdicts and _KeyVerdicts test the words of a run (jieba's Chinese characters, ASCII letters and digits,
    +#&._%-) with str methods where _WORD and _QUANTITY_WORD define them: both agree on every such word."""
    followup._CONTENT.pop(word, None)
    content = bool(len(word) > 1 and word not in followup._STOP and followup._WORD.match(word) and not word.isdigit())
    assert followup._CONTENT[word] == content
    followup._KEY.pop(word, None)
    key = (word not in followup._GENERIC and not followup._QUANTITY_WORD.search(word)
           and not followup._verb_like(word))
    assert followup._KEY[word] == key


def test_key_verdicts_on_every_content_word_of_real_text() -> None:
    for chunk in CHUNKS[::3]:
        for word in followup.content_words(chunk):
            followup._KEY.pop(word, None)
            key = (word not in followup._GENERIC and not followup._QUANTITY_WORD.search(word)
                   and not _verb_like_step_by_step(word))
            assert followup._KEY[word] == key, word
