"""Lead words judged without backtracking: the fullmatch's answers, no hang on overlapping words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract import indicator
from planwatch.extract.leads import SHORT, LeadWords
from tests.extract.test_tails import deadline

WORDS = indicator._LEAD_WORDS
# Samples of the pattern words and their edges: lookaheads (共济, 建设用地), optional endings (年底,
# 时间将, “十四五”期间), runs of numerals (连续第3年) and their broken forms.
SHAPED = ["共", "共济", "共享", "济", "建设用地", "用地", "用三年的时间将", "用5年时间", "用二年的", "时间", "连续第3年",
          "连续三十年", "连续", "第十年", "第", "2025年", "2025年底", "到2030年末", "截至2024年", "202年", "“十四五”期间",
          "“十四五”", "十四五末", "十三五时期", "期间", "末", "底", "的", "将", "把", "年", "项目", "x", "5", "十"]
PIECES = sorted(WORDS.literals) + SHAPED
# Phrases short enough for the backtracking fullmatch to answer (36 characters of overlapping words: ~10 ms).
phrases = st.lists(st.one_of(st.sampled_from(PIECES), st.text("共建设用地年底末第连续十三五”“0129x的将把时间", min_size=1, max_size=2)),
                   max_size=12).map(lambda pieces: "".join(pieces)[:36])


@settings(max_examples=1500, deadline=None)
@given(phrases)
def test_the_cut_answers_what_the_fullmatch_answers(phrase: str) -> None:
    assert WORDS._cut(phrase) == (indicator._LEAD.fullmatch(phrase) is not None), phrase
    assert WORDS.only(phrase) == (indicator._LEAD.fullmatch(phrase) is not None), phrase


@pytest.mark.parametrize("phrase", ["预计全年开工建设" * 4, "用三年的时间将" * 5, "“十四五”期间连续第3年新建改建" * 2,
                                    "截至2024年底共" * 4, "截至2024年底共济" * 4, "建设用地" + "开工建设" * 6])
def test_long_phrases_answer_as_the_fullmatch(phrase: str) -> None:
    assert len(phrase) > SHORT  # the cut answers, not the fullmatch
    assert WORDS.only(phrase) == (indicator._LEAD.fullmatch(phrase) is not None), phrase


class _Counting:
    """A pattern whose `match` calls are counted."""

    def __init__(self, pattern: object) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, *args: object) -> object:
        self.calls += 1
        return self.pattern.match(*args)


# From the brief of this fix: "开工建设" is also 开工 + 建设, so the backtracking fullmatch tries every
# split before the last character refuses (14 repeats: 2.5 s, three times more per repeat).
OVERLAPPING = ["开工建设" * 14 + "x", "加快推进开工建设新建改建累计达到已经今明两年" * 4 + "x",
               "开工建设" * 200 + "x", "新改扩建改建加快建设建成投用建成" * 30 + "共济"]


@pytest.mark.parametrize("phrase", OVERLAPPING)
def test_overlapping_lead_words_visit_each_position_once(phrase: str, monkeypatch: pytest.MonkeyPatch) -> None:
    words = LeadWords(WORDS.source)
    counting = _Counting(words._starts)
    monkeypatch.setattr(words, "_starts", counting)
    with deadline(10):
        assert not words.only(phrase)
    assert 0 < counting.calls <= len(phrase)  # one look at the pattern words per position reached


@pytest.mark.parametrize("repeat", [16, 200])
def test_a_phrase_of_repeated_overlapping_lead_words_is_named(repeat: int) -> None:
    indicator.before.cache_clear()
    with deadline(5):  # 16 repeats took the old fullmatch ~20 s, twice
        assert indicator.before("开工建设" * repeat + "保障性住房") == "保障性住房"
        assert indicator.before("开工建设" * repeat) == ""


def test_lead_words_that_the_cut_cannot_judge_are_refused() -> None:
    with pytest.raises(ValueError, match="lookaround"):
        LeadWords(r"开工|建设(?:用地)?(?!x)")
    with pytest.raises(ValueError, match="nothing"):
        LeadWords(r"开工|(?:建设)?")
    with pytest.raises(ValueError, match="groups"):
        LeadWords(r"开工|(建设)\d")
