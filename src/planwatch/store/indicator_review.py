"""Review of the indicator registry: doubtful names to merge or hide (`planwatch indicators --suspect`).

An indicator registered on first sight is doubtful when its name fails the naming checks
(`extract.naming.problems`: a function word, a verb or a fragment) — names registered before
those checks existed — or when it is another registered indicator under a longer or shorter
name (same unit, one name inside the other or bigrams that mostly agree): a person merges it
(`indicators merge`) or hides it (`indicators hide`). Hidden indicators keep their records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.extract.naming import problems
from planwatch.store import audit
from planwatch.store.indicators import find, key, seed
from planwatch.store.schema import Indicator, Record

__all__ = ["Suspect", "hidden_ids", "hide", "suspects"]


@dataclass(frozen=True, slots=True)
class Suspect:
    """A doubtful indicator: why, how many records use it, and an indicator it may be."""

    id: int
    name: str
    unit: str
    records: int
    reasons: tuple[str, ...]
    merge_into: str | None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _close(a: str, b: str) -> bool:
    """One key inside the other, or a bigram Dice of at least 0.8 (the shared scorer's `close` rule)."""
    if len(a) >= 2 and len(b) >= 2 and (a in b or b in a):
        return True
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) >= 0.8


def suspects(session: Session) -> list[Suspect]:
    """Visible indicators registered on first sight whose name fails the checks or repeats another's."""
    seed(session)
    counts = dict(session.execute(
        select(Record.indicator_id, func.count()).where(Record.indicator_id.is_not(None)).group_by(Record.indicator_id)
    ).all())
    indicators = list(session.scalars(select(Indicator).where(Indicator.hidden.is_(False)).order_by(Indicator.id)))
    keys = {i.id: key(i.name) for i in indicators}
    index: dict[str, set[int]] = defaultdict(set)
    for i in indicators:
        for gram in _bigrams(keys[i.id]):
            index[gram].add(i.id)
    by_id = {i.id: i for i in indicators}
    out: list[Suspect] = []
    for i in indicators:
        if i.standard:
            continue
        reasons = list(problems(i.name))
        merge_into = None
        near = {j for gram in _bigrams(keys[i.id]) for j in index[gram]} - {i.id}
        ranked = sorted((by_id[j] for j in near), key=lambda j: (not j.standard, -counts.get(j.id, 0), j.id))
        for other in ranked:
            if other.unit == i.unit and _close(keys[i.id], keys[other.id]) and (other.standard or not problems(other.name)):
                if other.standard or counts.get(other.id, 0) > counts.get(i.id, 0):
                    merge_into = other.name
                    reasons.append(f"may be {other.name}")
                    break
        if reasons:
            out.append(Suspect(i.id, i.name, i.unit, counts.get(i.id, 0), tuple(reasons), merge_into))
    return out


def hide(session: Session, name: str, hidden: bool = True, who: str | None = None) -> Indicator:
    """Hide (or show again) the indicator called `name`; its records stay."""
    indicator = find(session, name)
    indicator.hidden = hidden
    session.flush()
    audit.log(session, "indicator.hide" if hidden else "indicator.show", "indicator", indicator.id, who, name=indicator.name)
    return indicator


def hidden_ids(session: Session) -> set[int]:
    """Ids of the hidden indicators (lists leave them out)."""
    return set(session.scalars(select(Indicator.id).where(Indicator.hidden.is_(True))))
