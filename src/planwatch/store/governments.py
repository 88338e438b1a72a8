"""Governments by any name: which stored government a name means, and merging or renaming one.

A government's name may carry the names of the governments above it (昆明市宜良县, 云南省昆明市宜良县) or not
(宜良县); `name_parts` reads them by their administrative endings (省, 自治区, 市, 自治州, 州, 地区, 盟). An ingest
under a name (`resolve`):

- the stored government of that exact name, or the one a stored alias (`GovernmentAlias`) names;
- else the one stored government that is the same place: the same last part with the names above it agreeing as far
  as both give them (宜良县 and 昆明市宜良县; never 曲靖市宜良县 and 昆明市宜良县). A county, a city or a province is
  matched to it, with a note saying so. A district is not: district names repeat from city to city (鼓楼区 of 南京市
  and of 福州市), so a new district is stored apart and the note names the likely duplicate and the command that
  merges them. Several such governments: none is chosen, the note names them all.
- a government created under a name that names its city or province (昆明市宜良县, 云南省昆明市) gets it as parent,
  created if new, and a stored government without a parent gets the one its new name gives.

`merge` folds one government into another (plans, actuals, units and governments under it move; its name stays as
an alias), `rename` renames one (the old name stays as an alias), `set_parent` places one under another; each is
written to the audit log. The CLI is `planwatch governments`.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from planwatch.documents.meta import level_of
from planwatch.errors import NotFoundError, ValidationError
from planwatch.store import audit
from planwatch.store.schema import Actual, Government, GovernmentAlias, Plan

__all__ = ["GovernmentRow", "Resolved", "government_rows", "merge", "name_parts", "rename", "resolve", "resolve_name", "set_parent",
           "stored_government"]

# One government above another at the head of a name: 云南省 of 云南省昆明市, 昆明市 of 昆明市宜良县 (at least two
# characters before the ending, so 沙市区 and 新市区 are no city 沙市 / 新市, and two after it).
_HEAD = regex.compile(r"^(\p{Han}{2,10}?(?:自治区|自治州|省|市|州|地区|盟))(?=\p{Han}{2,}$)")
_ENDING = ("区", "县", "市", "旗", "州", "盟", "地区", "省", "自治区")
# Levels whose names repeat from one city to the next: never matched by their last part alone.
_REPEATED = frozenset({"district"})


def name_parts(name: str) -> list[str]:
    """The governments a name names, from the top: 云南省昆明市宜良县 → [云南省, 昆明市, 宜良县]; a name
    without such a head is itself alone (宜良县 → [宜良县], 国务院 → [国务院])."""
    parts, rest = [], name.strip()
    while (m := _HEAD.match(rest)) and rest[m.end():].endswith(_ENDING):
        parts.append(m.group(1))
        rest = rest[m.end():]
    return [*parts, rest]


@dataclass(frozen=True, slots=True)
class Resolved:
    """The government a name landed on, and what to tell the user about it ("" when the name is its own)."""

    government: Government
    note: str = ""


def _chain(session: Session, government: Government) -> list[str]:
    """The last parts of the governments above a stored one, from the top: its name's, else its parents'."""
    above = name_parts(government.name)[:-1]
    if above:
        return [name_parts(p)[-1] for p in above]
    chain: list[str] = []
    parent_id, seen = government.parent_id, {government.id}
    while parent_id is not None and parent_id not in seen and len(chain) < 4:
        seen.add(parent_id)
        parent = session.get(Government, parent_id)
        if parent is None:
            break
        chain.insert(0, name_parts(parent.name)[-1])
        parent_id = parent.parent_id
    return chain


def _agree(one: list[str], other: list[str]) -> bool:
    """Whether two lists of governments above agree as far as both go (the shorter ends the longer)."""
    short, long = sorted((one, other), key=len)
    return not short or long[-len(short):] == short


def same_place(session: Session, name: str) -> list[Government]:
    """The stored governments (other than one called `name`) that may be the place `name` names: the same last part,
    the governments above agreeing."""
    parts = name_parts(name)
    last, above = parts[-1], [name_parts(p)[-1] for p in parts[:-1]]
    if len(last) < 2:
        return []
    candidates = session.scalars(select(Government).where(
        or_(Government.name == last, Government.name.like(f"%{last}")), Government.name != name)
        .order_by(Government.id)).all()
    return [g for g in candidates if name_parts(g.name)[-1] == last and _agree(above, _chain(session, g))]


def stored_government(session: Session, name: str) -> Government | None:
    """The government called `name`, or the one a stored alias names (None when neither)."""
    name = name.strip()
    found = session.scalar(select(Government).where(Government.name == name))
    if found is None:
        found = session.scalar(select(Government).join(GovernmentAlias, GovernmentAlias.government_id == Government.id)
                               .where(GovernmentAlias.alias == name))
    return found


def resolve_name(session: Session, name: str) -> int | None:
    """The id of the stored government an ingest under `name` would land on (`resolve`), creating nothing."""
    found = stored_government(session, name)
    if found is None:
        same = same_place(session, name)
        if len(same) == 1 and level_of(name_parts(name)[-1]) not in _REPEATED:
            found = same[0]
    return found.id if found is not None else None


def resolve(session: Session, name: str, level: str | None, who: str | None = None) -> Resolved:
    """The government an ingest under `name` belongs to, created (with the governments above it its name gives) if
    none is the same place (module docstring)."""
    name = name.strip()
    parts = name_parts(name)
    found = stored_government(session, name)
    note = ""
    if found is not None and found.name != name:
        note = f"{name} is stored as {found.name} (an alias of it)"
    if found is None:
        same = same_place(session, name)
        if len(same) == 1 and (level or level_of(parts[-1])) not in _REPEATED:
            found = same[0]
            note = (f"{name} is stored as {found.name}, the same place with or without the name of the government "
                    f"above it (if they are two places: `planwatch plans delete` the plan and ingest it under a name "
                    f"that tells them apart, such as the city's name before it)")
        elif same:
            names = "、".join(g.name for g in same)
            note = (f"{name} may be the same government as the stored {names}: stored apart; if it is, "
                    f"`planwatch governments merge {name} {same[0].name}`")
    if found is not None:
        if found.level is None and level:
            found.level = level
        if found.parent_id is None and len(parts) > 1:
            found.parent_id = _parent(session, parts[:-1], who).id
        return Resolved(found, note)
    parent_id = _parent(session, parts[:-1], who).id if len(parts) > 1 else None
    return Resolved(_create(session, name, level, parent_id, who), note)


def _parent(session: Session, above: list[str], who: str | None) -> Government:
    """The government `above[-1]` (stored under its own name: 昆明市 of 云南省昆明市宜良县), matched or created with
    the governments above it."""
    name, level = above[-1], level_of(above[-1])
    found = stored_government(session, name)
    if found is None:
        same = same_place(session, "".join(above))
        found = same[0] if len(same) == 1 and level not in _REPEATED else None
    if found is None:
        parent_id = _parent(session, above[:-1], who).id if len(above) > 1 else None
        return _create(session, name, level, parent_id, who)
    if found.parent_id is None and len(above) > 1:
        found.parent_id = _parent(session, above[:-1], who).id
    return found


def _create(session: Session, name: str, level: str | None, parent_id: int | None, who: str | None) -> Government:
    government = Government(name=name, level=level, parent_id=parent_id)
    session.add(government)
    session.flush()
    audit.log(session, "government.add", "government", government.id, who, name=name, level=level)
    return government


def _named(session: Session, name: str) -> Government:
    found = stored_government(session, name)
    if found is None:
        raise NotFoundError(f"no government {name!r} is stored; `planwatch governments` lists them",
                            kind="government", key=name)
    return found


def _add_alias(session: Session, government: Government, alias: str) -> None:
    if alias == government.name:
        return
    existing = session.scalar(select(GovernmentAlias).where(GovernmentAlias.alias == alias))
    if existing is None:
        session.add(GovernmentAlias(government_id=government.id, alias=alias))
    else:
        existing.government_id = government.id


def merge(session: Session, name: str, into: str, who: str | None = None) -> Government:
    """Fold government `name` into `into`: its plans, actuals, units and the governments under it move, its aliases
    follow and its name becomes one of `into` (a later ingest under it lands there); it is deleted."""
    from planwatch.store.unit_registry import UnitPlace

    source, target = _named(session, name), _named(session, into)
    if source.id == target.id:
        raise ValidationError(f"{name} and {into} are one government already", reason="government_same")
    plans = session.scalar(select(func.count()).select_from(Plan).where(Plan.government_id == source.id)) or 0
    actuals = session.scalar(select(func.count()).select_from(Actual).where(Actual.government_id == source.id)) or 0
    session.execute(update(Plan).where(Plan.government_id == source.id).values(government_id=target.id))
    session.execute(update(Actual).where(Actual.government_id == source.id).values(government_id=target.id))
    session.execute(update(UnitPlace).where(UnitPlace.government_id == source.id).values(government_id=target.id))
    if target.parent_id == source.id:
        target.parent_id = source.parent_id
    session.execute(update(Government).where(Government.parent_id == source.id, Government.id != target.id)
                    .values(parent_id=target.id))
    session.execute(update(GovernmentAlias).where(GovernmentAlias.government_id == source.id)
                    .values(government_id=target.id))
    target.level = target.level or source.level
    if target.parent_id is None and source.parent_id != target.id:
        target.parent_id = source.parent_id
    merged = source.name
    session.delete(source)
    session.flush()
    _add_alias(session, target, merged)
    session.expire_all()
    audit.log(session, "government.merge", "government", target.id, who, name=merged, into=target.name,
              plans_moved=plans, actuals=actuals)
    return target


def rename(session: Session, name: str, new: str, who: str | None = None) -> Government:
    """Rename government `name` to `new` (its old name stays an alias); a name that gives the government above it
    places it there when it has no parent."""
    government, new = _named(session, name), new.strip()
    if not new:
        raise ValidationError("the new name is empty", reason="government_name_empty")
    taken = stored_government(session, new)
    if taken is not None and taken.id != government.id:
        raise ValidationError(f"{taken.name} is stored already; to make them one: "
                              f"`planwatch governments merge {government.name} {taken.name}`",
                              reason="government_exists", government=taken.name)
    previous = government.name
    if previous == new:
        return government
    session.execute(GovernmentAlias.__table__.delete().where(GovernmentAlias.alias == new))
    government.name = new
    parts = name_parts(new)
    if government.parent_id is None and len(parts) > 1:
        government.parent_id = _parent(session, parts[:-1], who).id
    session.flush()
    _add_alias(session, government, previous)
    audit.log(session, "government.rename", "government", government.id, who, name=new, previous=previous)
    return government


def set_parent(session: Session, name: str, parent: str | None, who: str | None = None) -> Government:
    """Place government `name` under `parent` (None: under none)."""
    government = _named(session, name)
    above = _named(session, parent) if parent else None
    node, seen = above, set()
    while node is not None and node.id not in seen:
        if node.id == government.id:
            raise ValidationError(f"{parent} is {name} or under it: a government cannot be under itself",
                                  reason="government_cycle")
        seen.add(node.id)
        node = session.get(Government, node.parent_id) if node.parent_id is not None else None
    government.parent_id = above.id if above is not None else None
    session.flush()
    audit.log(session, "government.parent", "government", government.id, who,
              parent_government=above.name if above is not None else None)
    return government


@dataclass(frozen=True, slots=True)
class GovernmentRow:
    """One stored government as listed: id, name, level, the government above it, plan count, aliases."""

    id: int
    name: str
    level: str | None
    parent_id: int | None
    parent: str | None
    plans: int
    aliases: tuple[str, ...]


def government_rows(session: Session, *, level: str | None = None, parent: int | None = None,
                    offset: int = 0, limit: int | None = None) -> tuple[list[GovernmentRow], int]:
    """The stored governments by name (of one level, or under one parent), a page of them, and how many there are."""
    above = Government.__table__.alias("above")
    counts = (select(Plan.government_id, func.count().label("n")).group_by(Plan.government_id).subquery())
    query = (select(Government.id, Government.name, Government.level, Government.parent_id, above.c.name,
                    func.coalesce(counts.c.n, 0))
             .outerjoin(above, above.c.id == Government.parent_id)
             .outerjoin(counts, counts.c.government_id == Government.id))
    if level:
        query = query.where(Government.level == level)
    if parent is not None:
        query = query.where(Government.parent_id == parent)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(Government.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    aliases: dict[int, list[str]] = {}
    for gid, alias in session.execute(select(GovernmentAlias.government_id, GovernmentAlias.alias)
                                      .where(GovernmentAlias.government_id.in_([r[0] for r in rows]))
                                      .order_by(GovernmentAlias.alias)):
        aliases.setdefault(gid, []).append(alias)
    return [GovernmentRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), tuple(aliases.get(r[0], ()))) for r in rows], total
