"""jieba's HMM cut of a run the dictionary does not know (`jieba.finalseg.cut`), in less time.

jieba hands the single characters in a row that its route leaves (a place or a person's name)
to a four-state hidden Markov model (B, M, E, S: begin, middle, end of a word, single). Its
Viterbi builds a list of tuples and copies a path per state and character; this one keeps four
floats and back-pointers. The model, the order of the additions (so the same floats) and the
tie-breaking of jieba's `max` over `(probability, state)` tuples (the later letter wins) are
jieba's, so the words are the same: tests/tasks/test_task_hmm.py compares them with
`finalseg.cut` on real and random runs.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["cut"]

_MIN_FLOAT = -3.14e100  # jieba's score of a character a state never emitted


@lru_cache(maxsize=1)
def _model() -> tuple[tuple[float, float, float, float], tuple[float, ...], dict[str, tuple[float, ...]], Any]:
    """(start scores B, M, E, S; the eight allowed transitions; each character's four emission scores; finalseg)."""
    from jieba import finalseg

    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P

    def t(a: str, b: str) -> float:
        return float(trans[a].get(b, _MIN_FLOAT))

    starts = (start["B"], start["M"], start["E"], start["S"])
    # B from E or S, M from M or B, S from S or E, E from B or M (finalseg.PrevStatus)
    moves = (t("E", "B"), t("S", "B"), t("M", "M"), t("B", "M"), t("S", "S"), t("E", "S"), t("B", "E"), t("M", "E"))
    chars = set().union(*(emit[s] for s in "BMES"))
    table = {c: tuple(emit[s].get(c, _MIN_FLOAT) for s in "BMES") for c in chars}
    return starts, moves, table, finalseg


_UNSEEN = (_MIN_FLOAT,) * 4


def _states(obs: str) -> list[str]:
    """The likeliest state of each character of `obs` (Chinese characters only): jieba's `viterbi`."""
    starts, (eb, sb, mm, bm, ss, es, be, me), table, _ = _model()
    get = table.get
    xb, xm, xe, xs = get(obs[0], _UNSEEN)
    vb, vm, ve, vs = starts[0] + xb, starts[1] + xm, starts[2] + xe, starts[3] + xs
    back: list[tuple[str, str, str, str]] = []
    for char in obs[1:]:
        xb, xm, xe, xs = get(char, _UNSEEN)
        # each max of jieba over (score, previous state): on equal scores the later letter wins
        b1, b2 = ve + eb + xb, vs + sb + xb  # from E, from S
        m1, m2 = vm + mm + xm, vb + bm + xm  # from M, from B
        s1, s2 = vs + ss + xs, ve + es + xs  # from S, from E
        e1, e2 = vb + be + xe, vm + me + xe  # from B, from M
        back.append((
            "S" if b2 >= b1 else "E",
            "M" if m1 >= m2 else "B",
            "M" if e2 >= e1 else "B",
            "S" if s1 >= s2 else "E",
        ))
        vb = b2 if b2 >= b1 else b1
        vm = m1 if m1 >= m2 else m2
        ve = e2 if e2 >= e1 else e1
        vs = s1 if s1 >= s2 else s2
    state = "S" if vs >= ve else "E"
    states = [state]
    index = {"B": 0, "M": 1, "E": 2, "S": 3}
    for pointers in reversed(back):
        state = pointers[index[state]]
        states.append(state)
    states.reverse()
    return states


def _cut_han(sentence: str) -> list[str]:
    """jieba's `finalseg.__cut`: the words of a run of Chinese characters by their states."""
    words: list[str] = []
    begin = nexti = 0
    for i, pos in enumerate(_states(sentence)):
        if pos == "B":
            begin = i
        elif pos == "E":
            words.append(sentence[begin:i + 1])
            nexti = i + 1
        elif pos == "S":
            words.append(sentence[i])
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])
    return words


def cut(sentence: str) -> list[str]:
    """`jieba.finalseg.cut(sentence)`: Chinese runs by the HMM, latin letters and numbers whole (as a list)."""
    finalseg = _model()[3]
    if finalseg.re_han.fullmatch(sentence):
        # Chinese characters only (3 in 4 of the runs a route leaves): the split's one Chinese piece is the whole,
        # the empty pieces around it give nothing (this saves ≈ 1 µs of a 4 µs cut).
        words = _cut_han(sentence)
        if finalseg.Force_Split_Words.isdisjoint(words):
            return words
    out: list[str] = []
    for blk in finalseg.re_han.split(sentence):
        if finalseg.re_han.match(blk):
            for word in _cut_han(blk):
                if word not in finalseg.Force_Split_Words:
                    out.append(word)
                else:
                    out.extend(word)
        else:
            out.extend(x for x in finalseg.re_skip.split(blk) if x)
    return out
