"""The registry of responsible units and their hierarchy: a district's bureaus under the district.

Units are the `responsible_unit` rows (the bundled table's, plus those an administrator
adds). `UnitPlace` puts a unit under a government (深圳市坪山区) and, optionally, under
another unit (a 街道办 under 区政府办). Accounts name only registered units: `check_units`
refuses "区火星局" with a message that says how to add it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ForeignKey, Integer, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from planwatch.errors import NotFoundError, ValidationError
from planwatch.store import audit
from planwatch.store.schema import Base, Government, Plan
from planwatch.store.tasks import ResponsibleUnit, load_unit_table

__all__ = ["PlanUnits", "UnitPlace", "add_unit", "check_units", "clean_unit_names", "foreign_units", "place_unit", "plan_units",
           "set_government", "unit_tree", "unknown_units"]


class UnitPlace(Base):
    """Where a unit sits: the government it belongs to and the unit above it (both optional)."""

    __tablename__ = "unit_place"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("responsible_unit.id", ondelete="CASCADE"), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("responsible_unit.id", ondelete="SET NULL"), index=True)
    government_id: Mapped[int | None] = mapped_column(ForeignKey("government.id", ondelete="SET NULL"), index=True)


def clean_unit_names(names: Iterable[str]) -> list[str]:
    """Unit names as stored and compared: trimmed of whitespace, ASCII and full-width (U+3000) alike, blanks and
    repeats dropped, in the order given ("区教育局 " and "区教育局\u3000" are 区教育局, not units of their own)."""
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def unknown_units(session: Session, names: Iterable[str]) -> list[str]:
    """The names among `names` that are not registered units (the bundled table counts as registered)."""
    wanted = clean_unit_names(names)
    if not wanted:
        return []
    load_unit_table(session)
    known = set(session.scalars(select(ResponsibleUnit.name).where(ResponsibleUnit.name.in_(wanted))))
    return [n for n in dict.fromkeys(wanted) if n not in known]


def check_units(session: Session, names: Iterable[str]) -> None:
    """ValidationError naming every unit that is not registered (e.g. 区火星局)."""
    missing = unknown_units(session, names)
    if missing:
        raise ValidationError(
            f"unit {'、'.join(missing)} is not registered; `planwatch tasks units` lists the units, "
            "an administrator adds one on the units page (/admin/units) or with `planwatch users unit-add`",
            [f"unknown unit: {name}" for name in missing], reason="unit_unknown", units="、".join(missing))


def _government(session: Session, name: str | None) -> Government | None:
    if not name:
        return None
    row = session.scalar(select(Government).where(Government.name == name))
    if row is None:
        raise NotFoundError(f"government {name!r} is not stored; ingest one of its plans first",
                            kind="government", key=name)
    return row


def _unit(session: Session, name: str) -> ResponsibleUnit:
    row = session.scalar(select(ResponsibleUnit).where(ResponsibleUnit.name == name.strip()))
    if row is None:
        raise NotFoundError(f"unit {name!r} is not registered; add it first", kind="unit", key=name)
    return row


def place_unit(session: Session, name: str, government: str | None = None, parent: str | None = None,
               who: str | None = None) -> UnitPlace:
    """Put unit `name` under `government` and/or under unit `parent` (no cycles)."""
    unit = _unit(session, name)
    gov = _government(session, government)
    above = _unit(session, parent) if parent else None
    if above is not None:
        seen = {unit.id}
        cursor: int | None = above.id
        while cursor is not None:
            if cursor in seen:
                raise ValidationError(f"unit {name!r} cannot sit under {parent!r}: that unit is below it",
                                      reason="unit_cycle", unit=name, parent=parent)
            seen.add(cursor)
            cursor = session.scalar(select(UnitPlace.parent_id).where(UnitPlace.unit_id == cursor))
    place = session.scalar(select(UnitPlace).where(UnitPlace.unit_id == unit.id))
    before = _describe(session, place)
    if place is None:
        place = UnitPlace(unit_id=unit.id)
        session.add(place)
    place.government_id = gov.id if gov is not None else None
    place.parent_id = above.id if above is not None else None
    session.flush()
    audit.log(session, "unit.place", "responsible_unit", unit.id, who, unit=unit.name,
              before=before, after=_describe(session, place))
    return place


def _describe(session: Session, place: UnitPlace | None) -> dict[str, str]:
    if place is None:
        return {"government": "", "parent": ""}
    gov = session.get(Government, place.government_id) if place.government_id else None
    parent = session.get(ResponsibleUnit, place.parent_id) if place.parent_id else None
    return {"government": gov.name if gov else "", "parent": parent.name if parent else ""}


def add_unit(session: Session, name: str, government: str | None = None, parent: str | None = None,
             generic: str = "", who: str | None = None) -> ResponsibleUnit:
    """Register a new unit (ValidationError if it exists or has no name), placed in the hierarchy."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("unit: a unit name is required", reason="unit_required")
    if len(name) > 200:
        raise ValidationError("unit: the name is longer than 200 characters", reason="unit_too_long", limit=200)
    if session.scalar(select(ResponsibleUnit.id).where(ResponsibleUnit.name == name)) is not None:
        raise ValidationError(f"unit {name!r} already exists", reason="unit_exists", unit=name)
    gov = _government(session, government)
    if parent:
        _unit(session, parent)
    unit = ResponsibleUnit(name=name, generic=generic)
    session.add(unit)
    session.flush()
    audit.log(session, "unit.add", "responsible_unit", unit.id, who, unit=name,
              government=gov.name if gov else "", parent=parent or "")
    if gov is not None or parent:
        place_unit(session, name, government, parent, who)
    return unit


def unit_tree(session: Session) -> list[dict[str, Any]]:
    """Every unit as a tree: governments first (their units nested by parent), then units placed nowhere."""
    load_unit_table(session)
    units = {u.id: u for u in session.scalars(select(ResponsibleUnit).order_by(ResponsibleUnit.name))}
    places = {p.unit_id: p for p in session.scalars(select(UnitPlace))}
    governments = {g.id: g.name for g in session.scalars(select(Government))}

    def parent_name(uid: int) -> str:
        place = places.get(uid)
        parent = units.get(place.parent_id) if place is not None and place.parent_id is not None else None
        return parent.name if parent is not None else ""

    nodes: dict[int, dict[str, Any]] = {uid: {"id": uid, "name": u.name, "generic": u.generic, "children": [],
                   "government": governments.get(places[uid].government_id or -1, "") if uid in places else "",
                   "parent": parent_name(uid)}
             for uid, u in units.items()}
    roots: dict[str, list[dict[str, Any]]] = {}
    for uid, node in nodes.items():
        place = places.get(uid)
        if place is not None and place.parent_id in nodes:
            nodes[place.parent_id]["children"].append(node)  # (parent_id: in nodes, so not None)
        else:
            roots.setdefault(node["government"], []).append(node)
    groups = [{"government": name, "units": roots[name]} for name in sorted(n for n in roots if n)]
    if "" in roots:
        groups.append({"government": "", "units": roots[""]})
    return groups


def governments_of_units(session: Session) -> dict[int, int | None]:
    """{unit id: the government it belongs to}: its own place's, else the nearest unit above it with one."""
    places = {p.unit_id: p for p in session.scalars(select(UnitPlace))}
    out: dict[int, int | None] = {}
    for uid in session.scalars(select(ResponsibleUnit.id)):
        seen: set[int] = set()
        cursor: int | None = uid
        government = None
        while cursor is not None and cursor not in seen and cursor in places:
            seen.add(cursor)
            if places[cursor].government_id is not None:
                government = places[cursor].government_id
                break
            cursor = places[cursor].parent_id
        out[uid] = government
    return out


@dataclass
class PlanUnits:
    """The units a plan's tasks can be given: its government's, and those placed under no government."""

    government: str = ""
    own: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every unit offered: the government's, then the unplaced ones."""
        return self.own + self.unplaced


def plan_units(session: Session, plan_id: int | None) -> PlanUnits:
    """The units to offer for a plan's tasks (assignment, co-units): the units of the plan's government, then the
    units placed under no government (an administrator places them on /admin/units). A district's bureaus belong
    to that district: 北京市's plan was offered 坪山区's 区教育局 … . Without a plan: every unit, as unplaced."""
    load_unit_table(session)
    units = list(session.scalars(select(ResponsibleUnit).order_by(ResponsibleUnit.name)))
    plan = session.get(Plan, plan_id) if plan_id is not None else None
    if plan is None:
        return PlanUnits(unplaced=[u.name for u in units])
    belongs = governments_of_units(session)
    government = session.get(Government, plan.government_id)
    return PlanUnits(government=government.name if government is not None else "",
                     own=[u.name for u in units if belongs.get(u.id) == plan.government_id],
                     unplaced=[u.name for u in units if belongs.get(u.id) is None])


def foreign_units(session: Session, plan_id: int, unit_ids: Iterable[int]) -> dict[str, str]:
    """{unit name: its government's name} for the units among `unit_ids` that belong to a government other than the
    plan's: a task of 北京市's plan given to 坪山区's 区教育局 would be reported on by a bureau that does not answer
    to 北京市 (units placed under no government are anyone's until an administrator places them)."""
    plan = session.get(Plan, plan_id)
    wanted = set(unit_ids)
    if plan is None or not wanted:
        return {}
    belongs = governments_of_units(session)
    names = dict(session.execute(select(ResponsibleUnit.id, ResponsibleUnit.name)
                                 .where(ResponsibleUnit.id.in_(wanted))).all())
    governments = dict(session.execute(select(Government.id, Government.name)).all())
    return {names[uid]: governments.get(gid, "") for uid in sorted(wanted)
            if (gid := belongs.get(uid)) is not None and gid != plan.government_id and uid in names}


def set_government(session: Session, names: Iterable[str], government: str, who: str | None = None,
                   only_unplaced: bool = False) -> list[str]:
    """Put the units `names` under `government`, keeping the unit above each (the units page's "place these
    units"; the demo places its bundled units under 深圳市坪山区). With `only_unplaced`, units that already
    belong to a government keep it. Returns the names placed."""
    gov = _government(session, government)
    if gov is None:
        raise ValidationError("government: choose the government the units belong to", reason="government_required")
    placed = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        unit = _unit(session, name)
        place = session.scalar(select(UnitPlace).where(UnitPlace.unit_id == unit.id))
        if place is not None and (place.government_id == gov.id or (only_unplaced and place.government_id)):
            continue
        before = _describe(session, place)
        if place is None:
            place = UnitPlace(unit_id=unit.id)
            session.add(place)
        place.government_id = gov.id
        session.flush()
        audit.log(session, "unit.place", "responsible_unit", unit.id, who, unit=unit.name,
                  before=before, after=_describe(session, place))
        placed.append(unit.name)
    return placed
