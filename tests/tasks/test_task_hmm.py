"""task_hmm.cut answers exactly what jieba's HMM (`jieba.finalseg.cut`) answers, ties included."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba import finalseg

from planwatch.extract.task_hmm import cut

from .test_task_segment import CHUNKS


@pytest.mark.parametrize("text", [
    "一", "一富富富世", "富富富世", "亖亖亖亖", "𠀀𠀁汉字", "abc一富富富世1.5%x", "坪山马峦沙湖", "9.5%", "",
])
def test_cut_on_edge_cases(text: str) -> None:
    """Repeated characters tie two paths exactly; characters the model never saw tie all of them."""
    assert list(cut(text)) == list(finalseg.cut(text))


def test_cut_on_the_unknown_runs_of_real_texts() -> None:
    runs = [run for chunk in CHUNKS for run in re.findall(r"[\u4e00-\u9fd5a-zA-Z0-9.%]{2,12}", chunk)]
    assert len(runs) > 5000
    assert [r for r in runs if list(cut(r)) != list(finalseg.cut(r))] == []


_REAL_HAN = sorted({c for chunk in CHUNKS for c in chunk if "\u4e00" <= c <= "\u9fd5"})


@settings(max_examples=500)
@given(st.lists(st.one_of(st.sampled_from(_REAL_HAN), st.sampled_from(_REAL_HAN[:6]),
                          st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5), st.sampled_from(list("aZ09.% "))),
                min_size=1, max_size=30).map("".join))
def test_cut_on_random_runs(text: str) -> None:
    assert list(cut(text)) == list(finalseg.cut(text))
