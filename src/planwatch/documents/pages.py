"""Page furniture of paginated text: page numbers and running heads/footers.

Works on the lines of each page: a line at the top or bottom of a page is dropped
when it is a page number ("- 3 -", "3", "第 3 页", "第3页 共12页") or when the same
line (digits ignored) sits at the edge of most pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import regex

_PAGE_NUMBER = regex.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,3}|[-—–－]?\s*第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    regex.IGNORECASE,
)
_DIGITS = regex.compile(r"\d+")
T = TypeVar("T")
_EDGE = 2  # lines at each edge of a page that may be furniture
_MIN_PAGES = 3  # running heads are only recognised on documents this long
_SHARE = 0.6  # ...when they sit on at least this share of pages


def is_page_number(line: str) -> bool:
    """True for a line that is only a page number."""
    return bool(_PAGE_NUMBER.match(line))


def strip_furniture(pages: list[list[T]], text: Callable[[T], str] = str) -> list[list[T]]:
    """The pages' lines without page numbers and running heads/footers (`text` gives a line's text)."""
    repeated = _running_lines([[text(line) for line in lines] for lines in pages])
    cleaned: list[list[T]] = []
    for lines in pages:
        keep = list(lines)
        # Peel furniture from the top and the bottom, at most _EDGE lines each side.
        for _ in range(_EDGE):
            if keep and _is_furniture(text(keep[0]), repeated):
                keep.pop(0)
            if keep and _is_furniture(text(keep[-1]), repeated):
                keep.pop()
        cleaned.append(keep)
    return cleaned


def _key(line: str) -> str:
    """A line compared across pages: whitespace gone, digits replaced (page 3 vs page 4)."""
    return _DIGITS.sub("#", "".join(line.split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Keys of lines found at a page edge on most pages."""
    if len(pages) < _MIN_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_key(line) for line in lines[:_EDGE] + lines[-_EDGE:] if line.strip()}
        counts.update(edge)
    need = max(2, int(_SHARE * len(pages) + 0.999))
    # A line that ends a sentence is body text, however often it recurs.
    return {key for key, n in counts.items() if n >= need and key and not key.endswith(("。", "；", "！", "？"))}


def _is_furniture(line: str, repeated: set[str]) -> bool:
    return not line.strip() or is_page_number(line) or _key(line) in repeated
