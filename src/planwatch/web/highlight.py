"""The plan text as HTML: every quantity wrapped in a <mark>, every section start anchored.

Quantities nest: a quote inside a longer one ("地区生产总值700亿元" inside the whole
sentence's) gets its own <mark> inside the outer one, so it can be clicked and linked
(#r-ID). Line wraps the text normaliser joins (a line broken mid-sentence) are hidden
the same way, so the reader shows the sentence whole.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from planwatch.documents.normalize import wrap_breaks


def _flatten(sections: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for node in sections:
        yield node
        yield from _flatten(node.get("children", ()))


def nested_marks(records: list[dict[str, Any]], length: int) -> list[dict[str, Any]]:
    """The records that can be marked: in range, and either apart from or inside each other
    (a record crossing another's end is left to the list)."""
    kept: list[dict[str, Any]] = []
    open_ends: list[int] = []  # ends of the marks enclosing the current position, innermost last
    for rec in sorted(records, key=lambda r: (int(r["start"]), -int(r["end"]), r["id"])):
        start, end = int(rec["start"]), int(rec["end"])
        if not 0 <= start < end <= length:
            continue
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            continue  # crosses the enclosing mark's end: cannot nest
        kept.append(rec)
        open_ends.append(end)
    return kept


def highlight(text: str, records: list[dict[str, Any]], sections: list[dict[str, Any]] = ()) -> Markup:  # type: ignore[assignment]
    """`text` escaped, with ``<mark class="q" data-id>`` around each record's span (nested where quotes
    nest), section anchors, and the normaliser's line wraps removed."""
    events: list[tuple[int, int, int, str]] = []  # (offset, order, tie, html): closes, anchors, opens
    for index, rec in enumerate(nested_marks(records, len(text))):
        start, end = int(rec["start"]), int(rec["end"])
        css = f"q {escape(rec['kind'])} {escape(rec.get('status') or '')}".strip()
        events.append((start, 2, index, f'<mark class="{css}" data-id="{rec["id"]}" id="r-{rec["id"]}" tabindex="0">'))
        events.append((end, 0, -index, "</mark>"))  # the mark opened last closes first
    for node in _flatten(sections):
        events.append((int(node["start"]), 1, 0, f'<span class="anchor" id="s-{node["id"]}"></span>'))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    drops = wrap_breaks(text)
    drop_starts = [s for s, _e in drops]

    def piece(a: int, b: int) -> str:
        """text[a:b] escaped, without the wrap breaks inside it."""
        out: list[str] = []
        i = max(0, bisect_left(drop_starts, a) - 1)
        pos = a
        while i < len(drops) and drops[i][0] < b:
            s, e = drops[i]
            if e > pos:
                out.append(text[pos:max(pos, s)])
                pos = max(pos, min(e, b))
            i += 1
        out.append(text[pos:b] if pos < b else "")
        return str(escape("".join(out)))

    pieces: list[str] = []
    pos = 0
    depth = 0
    for offset, order, _tie, html in events:
        offset = max(0, min(offset, len(text)))
        if offset > pos:
            pieces.append(piece(pos, offset))
            pos = offset
        if order == 1 and depth:
            continue  # no anchor inside a mark
        depth += 1 if order == 2 else (-1 if order == 0 else 0)
        pieces.append(html)
    pieces.append(piece(pos, len(text)))
    return Markup("".join(pieces))
