"""The plan text as HTML: every quantity wrapped in a <mark>, every section start anchored."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape


def _flatten(sections: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for node in sections:
        yield node
        yield from _flatten(node.get("children", ()))


def highlight(text: str, records: list[dict[str, Any]], sections: list[dict[str, Any]] = ()) -> Markup:  # type: ignore[assignment]
    """`text` escaped, with ``<mark class="q" data-id>`` around each record's span and section anchors."""
    events: list[tuple[int, int, str]] = []  # (offset, order, html) – order: close marks before anchors before opens
    taken_until = -1
    for rec in sorted(records, key=lambda r: (r["start"], -r["end"])):
        start, end = int(rec["start"]), int(rec["end"])
        if start < taken_until or not 0 <= start < end <= len(text):
            continue  # overlapping or out of range: shown in the list, not in the text
        taken_until = end
        css = f"q {escape(rec['kind'])} {escape(rec.get('status') or '')}".strip()
        events.append((start, 2, f'<mark class="{css}" data-id="{rec["id"]}" id="r-{rec["id"]}" tabindex="0">'))
        events.append((end, 0, "</mark>"))
    for node in _flatten(sections):
        events.append((int(node["start"]), 1, f'<span class="anchor" id="s-{node["id"]}"></span>'))
    events.sort(key=lambda e: (e[0], e[1]))
    pieces: list[str] = []
    pos = 0
    open_mark = False
    for offset, order, html in events:
        offset = max(0, min(offset, len(text)))
        pieces.append(str(escape(text[pos:offset])))
        pos = offset
        if order == 1 and open_mark:
            continue  # no anchor inside a mark
        open_mark = True if order == 2 else (False if order == 0 else open_mark)
        pieces.append(html)
    pieces.append(str(escape(text[pos:])))
    return Markup("".join(pieces))
