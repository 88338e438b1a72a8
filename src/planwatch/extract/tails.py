"""Where a run of tail words ending a phrase starts, in time linear in the phrase.

`(?:WORDS)+$` searched with a backtracking engine is exponential when words overlap
("达到" is 达到 and 达 + 到): on "达到" × 40 followed by a word that is not a tail, every
split is tried before `$` fails. `TailWords.start` answers the same question — the leftmost
position from which the rest of the phrase is a sequence of tail words — by dynamic
programming from the end of the phrase, so no phrase can make it hang.
"""

from __future__ import annotations

import re
from functools import cached_property
from re import _constants as sre  # type: ignore[attr-defined]  # `re`'s own parser's constants (Python ≥ 3.11)
from typing import Any

import regex

__all__ = ["TailWords", "alternatives", "last_characters", "may_end"]

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
        # Any pattern word at all: where one can start, found for a whole phrase in one overlapped scan.
        self._any_pattern = regex.compile("|".join(p.pattern for p in self.patterns)) if self.patterns else None

    @cached_property
    def search(self) -> regex.Pattern[str]:
        """`(?:WORDS)+$` itself, the definition `start` answers by other means."""
        return regex.compile(rf"(?:{self.words})+$")

    def start(self, phrase: str) -> int | None:
        """The leftmost i such that phrase[i:] is one or more tail words; None when the phrase ends in none.

        The same answer as `regex.search("(?:WORDS)+$", phrase).start()` (a pattern word is taken
        up to `SPAN` characters long), in time linear in the phrase: from the end, each position is
        tried against the few positions already known to start a run of tail words, and the walk
        stops once the nearest of those is farther back than any word reaches.
        """
        n = len(phrase)
        longest = self.longest
        pattern_starts = self._pattern_starts(phrase)
        lowest = min(pattern_starts, default=n)  # no pattern word starts before this
        found: list[int] = [n]  # positions that start a run of tail words (n: the empty run), descending
        for i in range(n - 1, -1, -1):
            gap = found[-1] - i
            if gap > longest:  # out of reach of every literal word: only a pattern word can start here
                if gap > SPAN or i < lowest:
                    break  # nor can any word from here or before reach a run
                if i not in pattern_starts:
                    continue
            elif self._literal_run(phrase, i, found):
                found.append(i)
                continue
            if i in pattern_starts and self._pattern_run(phrase, i, found):
                found.append(i)
        return found[-1] if len(found) > 1 else None

    def _literal_run(self, phrase: str, i: int, found: list[int]) -> bool:
        """True when phrase[i:j] is a literal word for a j in `found` (descending)."""
        limit = i + self.longest
        for j in reversed(found):
            if j > limit:
                return False
            if phrase[i:j] in self.literals:
                return True
        return False

    def _pattern_starts(self, phrase: str) -> set[int]:
        """Where some pattern word matches in `phrase` (one overlapped scan instead of one per position)."""
        if self._any_pattern is None:
            return set()
        return {m.start() for m in self._any_pattern.finditer(phrase, overlapped=True)}

    def _pattern_run(self, phrase: str, i: int, found: list[int]) -> bool:
        """True when a pattern word spans phrase[i:j] for a j in `found` (at most `SPAN` on)."""
        for pattern in self.patterns:
            if pattern.match(phrase, i) is None:
                continue
            if any(j - i <= SPAN and pattern.fullmatch(phrase, i, j) for j in found):
                return True
        return False


def last_characters(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` (compiled without flags) can end with (one ending at a `$` before a last
    newline aside).

    None when that is not a short list: a class such as \\d or [^…] can end a match, the pattern can match
    nothing, or `re` cannot read it. A phrase whose last character is none of them needs no search.
    """
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]  # the parser `re` itself compiles with (Python ≥ 3.11)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    last, empty = _sequence_ends(list(parsed))
    return None if last is None or empty else frozenset(last)


def may_end(text: str, last: frozenset[str] | None) -> bool:
    """False when no match of a pattern whose `last_characters` are `last` can end `text` (at a `$`)."""
    return last is None or text[-1:] in last or text.endswith("\n")


def _sequence_ends(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(the characters a match of these items in a row can end with, None for any; whether it can be empty)."""
    chars: set[str] = set()
    for op, av in reversed(items):
        last, empty = _item_ends(op, av)
        if last is None:
            return None, False
        chars |= last
        if not empty:
            return chars, False
    return chars, True


def _item_ends(op: Any, av: Any) -> tuple[set[str] | None, bool]:  # noqa: PLR0911 - one answer per kind of item
    """`_sequence_ends` of one parsed item."""
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 256:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negated class, a category (\\d, \\w), a wide range
                return None, False
        return chars, False
    if op is sre.SUBPATTERN:
        return (None, False) if av[1] & re.IGNORECASE else _sequence_ends(list(av[3]))
    if op is sre.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            last, can_be_empty = _sequence_ends(list(alternative))
            if last is None:
                return None, False
            chars |= last
            empty = empty or can_be_empty
        return chars, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = av
        last, empty = _sequence_ends(list(body))
        return (None, False) if last is None else (last, empty or low == 0)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # lookarounds and anchors consume nothing
        return set(), True
    return None, False  # any character (.), a group reference, an atomic group …
