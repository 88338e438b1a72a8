"""Full-text search over plans, records and tasks, for Chinese without a word list.

Chinese is written without spaces, so a query is matched as substrings: each
space-separated term must occur (SQL ``LIKE``, the same on SQLite and PostgreSQL;
a substring match is what an n-gram index answers). Hits are ranked by how often
and how early the terms occur, and shown with a snippet around the first one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from planwatch.store.schema import Plan, Record
from planwatch.web.queries import like

SNIPPET = 60


def terms(query: str) -> list[str]:
    """The search terms of `query` (split on spaces, at most 5, each at most 50 characters)."""
    return [t[:50] for t in query.replace("\u3000", " ").split() if t][:5]


def snippet(text: str, words: list[str], width: int = SNIPPET) -> dict[str, str]:
    """{before, hit, after} around the first occurrence of any term in `text`."""
    found = [(text.find(w), w) for w in words if w and text.find(w) >= 0]
    if not found:
        return {"before": text[:width * 2], "hit": "", "after": ""}
    pos, word = min(found)
    start = max(0, pos - width)
    return {"before": ("…" if start else "") + text[start:pos], "hit": text[pos:pos + len(word)],
            "after": text[pos + len(word):pos + len(word) + width] + ("…" if pos + len(word) + width < len(text) else "")}


def _score(text: str, words: list[str]) -> float:
    hits = sum(text.count(w) for w in words)
    first = min((text.find(w) for w in words if w in text), default=len(text))
    return hits + 1.0 / (1 + first / 100)


def search_plans(session: Session, words: list[str], limit: int) -> list[dict[str, Any]]:
    """Plans whose title or text holds every term."""
    cond = and_(*[Plan.text.like(like(w), escape="\\") | Plan.title.like(like(w), escape="\\") for w in words])
    rows = session.execute(select(Plan.id, Plan.title, Plan.text).where(cond).limit(limit))
    hits = [{"type": "plan", "id": pid, "title": title, "url": f"/plans/{pid}", "score": _score(text, words),
             "snippet": snippet(text, words)} for pid, title, text in rows]
    return sorted(hits, key=lambda h: -h["score"])


def search_records(session: Session, words: list[str], limit: int) -> list[dict[str, Any]]:
    """Records whose quote or indicator holds every term."""
    cond = and_(*[Record.quote.like(like(w), escape="\\") | Record.indicator.like(like(w), escape="\\") for w in words])
    rows = session.execute(select(Record.id, Record.plan_id, Record.kind, Record.indicator, Record.quote)
                           .where(cond).order_by(Record.plan_id, Record.position).limit(limit))
    hits = [{"type": "record", "id": rid, "kind": kind, "title": indicator, "url": f"/plans/{plan_id}#r-{rid}",
             "score": _score(quote + indicator, words), "snippet": snippet(quote, words)}
            for rid, plan_id, kind, indicator, quote in rows]
    return sorted(hits, key=lambda h: -h["score"])


def search_tasks(session: Session, words: list[str], limit: int) -> list[dict[str, Any]]:
    """Tasks whose text holds every term (none while the task store is not installed)."""
    from planwatch.web import task_queries

    return task_queries.search(session, words, limit)
