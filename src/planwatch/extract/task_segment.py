"""Chinese word segmentation for matching tasks: exactly jieba's default cut, in less time.

`segment(text)` answers what `jieba.lcut(text)` answers (accurate mode, HMM for unknown words,
the bundled dictionary). A run of Chinese characters, latin letters and digits is routed through
the dictionary by jieba-rs (`rjieba`, compiled: the same dictionary and frequencies, ≈ 5× faster);
a run with one of `+#&._%-` in it by jieba's own model in Python (jieba's dictionary and
frequencies as they are; only the dynamic programme that picks the likeliest route is written
tighter), since jieba-rs keeps "2026-02-01" or "PM_2.5" whole where jieba splits them. Either way
the unknown stretches a route leaves go to jieba's HMM (`task_hmm`, the same model and ties as
`jieba.finalseg`; jieba-rs's own HMM breaks ties otherwise).
jieba cuts each run of word characters (`jieba.re_han_default`) on its own, so `blocks` and
`cut_block` let a caller cut and cache each run once: a clause and the items of its 、 list share theirs.
tests/tasks/test_task_segment.py checks the answers against jieba itself on every real text of
tests/data and on random runs of real words and rare characters.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from math import log
from typing import Any

__all__ = ["blocks", "cut_block", "segment"]


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba with its dictionary loaded (once per process)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float | None], float, Any, re.Pattern[str], re.Pattern[str]]:
    """(log-probability table, jieba's fallback score, its HMM cut (`task_hmm`), its run pattern, its skip pattern).

    The table maps each word of jieba's dictionary to `log(frequency) - log(total)` — the very float
    jieba adds to a route, computed once instead of once per look-up — and each prefix that is no
    word of its own (frequency 0) to None; a string that starts no word is absent.
    """
    jieba = _jieba()
    from planwatch.extract import task_hmm

    tokenizer = jieba.dt
    tokenizer.check_initialized()
    logtotal = log(tokenizer.total)
    # one float per distinct frequency (a few thousand), shared by the words that have it
    logs: dict[int, float | None] = {f: (log(f) - logtotal if f else None) for f in set(tokenizer.FREQ.values())}
    table: dict[str, float | None] = {w: logs[f] for w, f in tokenizer.FREQ.items()}
    return table, log(1) - logtotal, task_hmm.cut, jieba.re_han_default, jieba.re_skip_default


@lru_cache(maxsize=1)
def _compiled() -> Callable[[str, bool], list[str]]:
    """jieba-rs's accurate cut (its dictionary is loaded once per process, on import)."""
    import rjieba

    return rjieba.cut


# Characters jieba-rs keeps inside a token where jieba cuts them apart ("2026-02-01", "PM_2.5", "5G-A").
_KEPT_WHOLE_BY_RS = re.compile(r"[+#&._%\-]")


def blocks(text: str) -> list[str]:
    """The runs of `text` that jieba segments one by one (characters outside them are tokens of their own)."""
    return _model()[3].findall(text)


def cut_block(block: str) -> list[str]:
    """The words of one run (a string `blocks` returns): jieba's `__cut_DAG` of it."""
    if block.isalnum() or _KEPT_WHOLE_BY_RS.search(block) is None:  # (none of those is alphanumeric: most runs skip the search)
        words = _cut_route(block)
        if words is not None:
            return words
    return _cut_in_python(block)


def _cut_route(block: str) -> list[str] | None:
    """jieba's cut of `block` on jieba-rs's route through the dictionary (None: leave it to Python).

    jieba-rs's own HMM breaks a tie between two cuts of an unknown run otherwise than `jieba.finalseg`
    (一富富富世: 一富富|富世 against jieba's 一富|富富世), so only its route is taken (its cut without HMM)
    and the single characters in a row are handed to jieba's HMM here, as `__cut_DAG` does. That cut
    joins the latin letters and digits in a row into one token: they are single characters of the route.
    """
    table, _, hmm, _, _ = _model()
    get = table.get
    words: list[str] = []
    buf = ""
    for word in _compiled()(block, False):
        if len(word) == 1:
            buf += word
        elif word.isascii():  # latin letters and digits: a run has no other ASCII here
            if get(word) is not None:  # a latin word of the dictionary (it has none): cannot tell
                return None
            buf += word
        else:
            if buf:
                _flush(buf, words, get, hmm)
                buf = ""
            words.append(word)
    if buf:
        _flush(buf, words, get, hmm)
    return words


def _cut_in_python(block: str) -> list[str]:
    """jieba's `__cut_DAG` of one run, in Python: the route through the dictionary, HMM for the rest."""
    table, alone, hmm, _, _ = _model()
    n = len(block)
    # prob[k]: the best log probability of block[k:] and last[k] the end of its first word (jieba's `calc`;
    # its max() of (probability, end) pairs keeps the longer word on a tie, as `>=` does here).
    prob: list[float] = [0.0] * (n + 1)  # jieba's route[N] = (0, 0)
    last = list(range(n + 1))
    get = table.get
    absent = _ABSENT
    for k in range(n - 1, -1, -1):
        lp = get(block[k], absent)
        if lp is absent:  # no dictionary word starts here: the character alone, frequency 1
            prob[k] = alone + prob[k + 1]
            continue
        if lp is None:  # only a prefix
            best: float | None = None
        else:
            best = lp + prob[k + 1]  # type: ignore[operator]  # lp: a float here (not _ABSENT, not None)
        end = k
        i = k + 1
        while i < n:
            lp = get(block[k:i + 1], absent)
            if lp is absent:  # no dictionary word starts with block[k:i + 1]
                break
            if lp is not None:
                p = lp + prob[i + 1]  # type: ignore[operator]  # a float here
                if best is None or p >= best:
                    best, end = p, i
            i += 1
        prob[k] = alone + prob[k + 1] if best is None else best  # (a prefix of no word alone: frequency 1)
        last[k] = end
    words: list[str] = []
    buf = ""
    x = 0
    while x < n:
        y = last[x] + 1
        if y - x == 1:
            buf += block[x]
        else:
            if buf:
                _flush(buf, words, get, hmm)
                buf = ""
            words.append(block[x:y])
        x = y
    if buf:
        _flush(buf, words, get, hmm)
    return words


_ABSENT = object()  # what the table answers for a string that starts no dictionary word


def _flush(buf: str, words: list[str], get: Any, hmm: Any) -> None:
    """Single characters in a row: one word if the dictionary knows them, else the HMM's words."""
    if len(buf) == 1:
        words.append(buf)
    elif get(buf) is None:  # not a word (absent or only a prefix)
        found = _UNKNOWN.get(buf)
        if found is None:  # the HMM is the slowest part; the same unknown run (a place name) recurs
            found = tuple(hmm(buf))
            if len(_UNKNOWN) >= _UNKNOWN_MAX:
                _UNKNOWN.clear()
            _UNKNOWN[buf] = found
        words.extend(found)
    else:
        words.extend(buf)


_UNKNOWN: dict[str, tuple[str, ...]] = {}
_UNKNOWN_MAX = 20000


def segment(text: str) -> list[str]:
    """`jieba.lcut(text)`: the words of `text`, every other character a token of its own."""
    han, skip = _model()[3], _model()[4]
    words: list[str] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            words += cut_block(block)
        else:
            for x in skip.split(block):
                if skip.match(x):
                    words.append(x)
                else:
                    words.extend(x)
    return words
