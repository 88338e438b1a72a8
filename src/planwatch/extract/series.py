"""Lists of values that share one unit: "快于城镇居民和经济增长3.1个、1.9个百分点", "提高2个和3个百分点".

The scanner reads each number with the unit written right after it, so the first value of such a
list gets the counter 个 alone; the unit the list ends with (百分点) belongs to every value of it.
"""

from __future__ import annotations

from dataclasses import replace

from planwatch.extract import plain_re
from planwatch.extract.candidates import Candidate

__all__ = ["share_units"]

# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
_JOIN = plain_re.compile(r"[、和及与]|以及")
# The last value's unit starts with the first value's counter: 个 … 个百分点.
_SHARED = {"个": ("百分点",)}


def share_units(cands: list[Candidate], s: str) -> None:
    """Give each value of a joined list the unit its last value carries when the first only has its counter."""
    for i in range(len(cands) - 1, 0, -1):
        c, d = cands[i - 1], cands[i]
        if not _JOIN.fullmatch(s[c.end: d.num.start]):
            continue
        if d.num.unit in _SHARED.get(c.num.unit, ()) and s[c.num.start: c.end].endswith(c.num.unit):
            c.num = replace(c.num, unit=d.num.unit)
