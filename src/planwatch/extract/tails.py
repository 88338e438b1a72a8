"""Where a run of tail words ending a phrase starts, in time linear in the phrase.

`(?:WORDS)+$` searched with a backtracking engine is exponential when words overlap
("达到" is 达到 and 达 + 到): on "达到" × 40 followed by a word that is not a tail, every
split is tried before `$` fails. `TailWords.start` answers the same question — the leftmost
position from which the rest of the phrase is a sequence of tail words — by dynamic
programming from the end of the phrase, so no phrase can make it hang.
"""

from __future__ import annotations

from functools import cached_property

import regex

__all__ = ["TailWords", "alternatives"]

_META = frozenset("\\()[]{}?*+|^$.")
SPAN = 24  # the longest stretch one pattern word may cover ("2019年末", "从2020年每人每月")


def alternatives(words: str) -> list[str]:
    """The top-level alternatives of a regular-expression alternation (brackets and escapes respected)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(words):
        c = words[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(words[start:i])
            start = i + 1
        i += 1
    parts.append(words[start:])
    return parts


class TailWords:
    """A set of tail words given as a regular-expression alternation (literal words and a few patterns)."""

    def __init__(self, words: str) -> None:
        self.words = words
        alts = alternatives(words)
        self.literals = frozenset(a for a in alts if a and not (_META & set(a)))
        self.patterns = [regex.compile(a) for a in alts if a and _META & set(a)]
        self.longest = max((len(a) for a in self.literals), default=0)

    @cached_property
    def search(self) -> regex.Pattern[str]:
        """`(?:WORDS)+$` itself, for short phrases where backtracking is cheap."""
        return regex.compile(rf"(?:{self.words})+$")

    def start(self, phrase: str) -> int | None:
        """The leftmost i such that phrase[i:] is one or more tail words; None when the phrase ends in none.

        The same answer as `regex.search("(?:WORDS)+$", phrase).start()` (a pattern word is taken
        up to `SPAN` characters long), in time linear in the phrase.
        """
        n = len(phrase)
        if n <= 16:  # at most 2^8 splits: the engine is faster than the table
            m = self.search.search(phrase)
            return m.start() if m else None
        ok = [False] * (n + 1)
        ok[n] = True
        best: int | None = None
        for i in range(n - 1, -1, -1):
            found = any(ok[j] and phrase[i:j] in self.literals for j in range(i + 1, min(n, i + self.longest) + 1))
            if not found:
                for pattern in self.patterns:
                    if pattern.match(phrase, i) is None:
                        continue
                    if any(ok[j] and pattern.fullmatch(phrase, i, j) for j in range(i + 1, min(n, i + SPAN) + 1)):
                        found = True
                        break
            if found:
                ok[i] = True
                best = i
        return best
