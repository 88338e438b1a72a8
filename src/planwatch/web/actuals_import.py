"""The actuals import in the browser: the store's row problems (`store.actuals.import_actuals`, worded for the CLI)
reworded in the interface language, row by row.

Each problem of a bad row is one English phrase of `store.actuals.RowChecker` ("unknown indicator '…'", "government is
empty (merged cells? …)"); a table of patterns words the common ones, and any other stays as the store wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from planwatch.web.i18n import gettext as _

_ROW = re.compile(r"row (\d+): (.*)", re.DOTALL)

# (pattern on one problem phrase, its words in the interface language); the first match wins.
PHRASES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"government is empty \(merged cells"),
     lambda m: _("government is empty (a merged cell? give each row its own government)")),
    (re.compile(r"government is empty and several governments are stored \((.*)\)"),
     lambda m: _("government is empty, and several governments are stored (%(names)s): fill it in", names=m.group(1))),
    (re.compile(r"government is empty and no plan is stored"),
     lambda m: _("government is empty, and no plan is stored yet")),
    (re.compile(r"unknown government '(.*)'"), lambda m: _("unknown government %(name)s", name=m.group(1))),
    (re.compile(r"indicator is empty"), lambda m: _("indicator is empty")),
    (re.compile(r"unknown indicator '(.*)' \("), lambda m: _("unknown indicator %(name)s", name=m.group(1))),
    (re.compile(r"(?:year|period_start) is empty"), lambda m: _("year is empty")),
    (re.compile(r"(?:year|period_start)(?::| (.*)) is not a year|(?:year|period_start): a date"),
     lambda m: _("the year %(value)s is not a year", value=(m.group(1) or "").strip("'"))),
    (re.compile(r"period '(.*)' is not one of"),
     lambda m: _("period %(value)s is not one of: blank (the year), Q1, H1, Q3, M01…M11", value=m.group(1))),
    (re.compile(r"value is empty"), lambda m: _("value is empty")),
    (re.compile(r"value (.*?) (?:is not a number|is not a finite number|is not an exact number)"),
     lambda m: _("the value %(value)s is not a number", value=m.group(1).strip("'"))),
    (re.compile(r"unit is empty"), lambda m: _("unit is empty")),
    (re.compile(r"unit '(.*)' does not convert to '(.*)', the unit of (.*)"),
     lambda m: _("the unit %(unit)s does not convert to %(indicator)s's unit %(own)s", unit=m.group(1),
                 own=m.group(2), indicator=m.group(3))),
    (re.compile(r"measure '(.*)' is not one of"),
     lambda m: _("measure %(value)s is not one of 总量, 增速, 比重, 百分点", value=m.group(1))),
    (re.compile(r"same indicator, government, year, period and measure as row (\d+)"),
     lambda m: _("the same indicator, government, year, period and measure as row %(row)s, with another value: keep "
                 "one of them", row=m.group(1))),
    (re.compile(r"you may not record (.*) for (.*)"),
     lambda m: _("you may not record %(indicator)s for %(government)s: it is not an indicator of your units' tasks "
                 "there", indicator=m.group(1), government=m.group(2))),
]


def phrase(text: str) -> str:
    """One problem of a row in the interface language (as the store wrote it when no pattern knows it)."""
    for pattern, words in PHRASES:
        match = pattern.search(text)
        if match:
            return words(match)
    return text


def row_problems(problems: list[str]) -> list[dict[str, Any]]:
    """[{row, problems: [..]}] of a refused import's "row N: a; b" lines, worded in the interface language; a line
    that names no row (… and 5 more bad rows) is kept with row None."""
    out: list[dict[str, Any]] = []
    for line in problems:
        match = _ROW.fullmatch(line)
        if match is None:
            more = re.fullmatch(r"… and (\d+) more bad rows", line)
            out.append({"row": None, "problems": [_("… and %(n)s more bad rows", n=more.group(1)) if more else line]})
            continue
        out.append({"row": int(match.group(1)), "problems": [phrase(part) for part in _split(match.group(2))]})
    return out


def _split(text: str) -> list[str]:
    """A row's problems, joined by "; " in the store (a repeated key's is one problem with "; keep one of them")."""
    if text.startswith("same indicator, government"):
        return [text]
    return [part for part in text.split("; ") if part]


__all__ = ["PHRASES", "phrase", "row_problems"]
