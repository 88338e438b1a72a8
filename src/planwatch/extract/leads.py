"""Whether a phrase is nothing but lead words, in time linear in the phrase.

`^(?:WORDS)+` fullmatched by a backtracking engine is exponential when words overlap and the
match then fails: on "开工建设" × 14 + "x" (开工建设 is also 开工 + 建设) every split is tried
before the x refuses it — 2.5 s, three times more per repeat, until the document's time budget
refuses the whole document. `LeadWords.only` answers the same question — can the whole phrase
be cut into a sequence of the words — by dynamic programming over positions: each position a
sequence of words reaches is visited once, and from it the ends of every word matching there
are marked reached. Short phrases, where backtracking cannot blow up, keep the plain fullmatch.
A word of unbounded length (连续第…年) is tried against every end after its start, so a phrase
made of nothing but those costs its length squared: 5 ms for "第1年" × 133, a clause's 400 characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planwatch.extract import plain_re
from planwatch.extract.tails import _META, alternatives

__all__ = ["SHORT", "LeadWords"]

# Up to this length the backtracking fullmatch answers: one call, and under a millisecond on the
# worst phrase of 24 characters (开工建设 × 5 + 开工建x: 0.2 ms; each 4 more characters triple it).
SHORT = 24
# What makes a word's match depend on the text around it rather than on the characters it spans.
_CONTEXT = re.compile(r"\(\?<?[=!]|\\[bBAZ]|\$|(?<!\[)\^")


def _width(word: str) -> tuple[int, int]:
    """The fewest and most characters a match of `word` spans (lookarounds span none)."""
    return re._parser.parse(word).getwidth()  # type: ignore[attr-defined]  # the parser `re` itself compiles with (Python ≥ 3.11)


class LeadWords:
    """A set of words given as a regular-expression alternation (literal words and a few patterns)."""

    def __init__(self, words: str) -> None:
        self.source = words
        self.pattern = plain_re.compile("^(?:" + words + ")+")
        alts = alternatives(words)
        self.literals = frozenset(a for a in alts if not (_META & set(a)))
        self.lengths = sorted({len(a) for a in self.literals})
        shaped = list(dict.fromkeys(a for a in alts if _META & set(a)))
        self.shaped = [plain_re.compile(a) for a in shaped]
        self.widths = [_width(a) for a in shaped]
        if "" in self.literals:
            raise ValueError("an empty lead word")
        for word, compiled, (low, high) in zip(shaped, self.shaped, self.widths, strict=True):
            if compiled.groups:
                raise ValueError(f"lead word {word!r}: its capturing groups would shift the start groups")
            if low < 1:
                raise ValueError(f"lead word {word!r} can match nothing")
            if low != high and _CONTEXT.search(word):
                raise ValueError(f"lead word {word!r}: a lookaround in a word of varying length")
        # Which pattern words match at a position, all in one call: group k is word k's match or None.
        self._starts = plain_re.compile("".join(f"(?:(?=({a})))?" for a in shaped))

    def only(self, phrase: str) -> bool:
        """True when the whole phrase is a sequence of the words: `pattern.fullmatch(phrase)`, never exponential."""
        if len(phrase) <= SHORT:
            return self.pattern.fullmatch(phrase) is not None
        return self._cut(phrase)

    def _cut(self, phrase: str) -> bool:
        """`only` by dynamic programming: from each reached position, forward to the ends of its words."""
        n = len(phrase)
        reached = bytearray(n + 1)
        reached[0] = 1
        furthest = 0
        for i in range(n):
            if not reached[i]:
                if i > furthest:
                    return False  # no word ends past here: the rest cannot be cut
                continue
            for j in self._ends(phrase, i):
                if j == n:
                    return True
                reached[j] = 1
                furthest = max(furthest, j)
        return False

    def _ends(self, phrase: str, i: int) -> Iterator[int]:
        """Every j such that some word matches phrase[i:j] (lookarounds looking at the whole phrase)."""
        n = len(phrase)
        for length in self.lengths:
            if i + length > n:
                break
            if phrase[i: i + length] in self.literals:
                yield i + length
        # every group of _starts is optional, so it always matches
        for k, found in enumerate(self._starts.match(phrase, i).groups()):  # type: ignore[union-attr]
            if found is None:
                continue
            low, high = self.widths[k]
            if low == high:
                yield i + low  # every match spans `low`: this one ends there, whatever its lookarounds
                continue
            word = self.shaped[k]  # no lookaround (checked): a match of phrase[i:j] depends on it alone
            yield from (j for j in range(i + low, min(n, i + high) + 1) if word.fullmatch(phrase, i, j))
