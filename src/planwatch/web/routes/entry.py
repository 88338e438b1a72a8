"""Data entry (填报) like DHIS2's: a grid per government × year × period, and what is still missing.

Cells are typed as an official writes them (1.5万, 43.45亿元, 9.2%); a refused cell keeps
its input and shows its message beside it, and nothing is stored until every cell is valid.
Editors see only the indicators their units answer for; administrators see all.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.store.entry import (
    FREQUENCIES,
    PERIODS,
    EntryProblem,
    ParsedValue,
    check_cell,
    completeness,
    entry_governments,
    entry_rows,
    parse_entry,
    store_entries,
    target_years,
)
from planwatch.store.schema import YEAR_MAX, YEAR_MIN
from planwatch.web import filters, schemas
from planwatch.web.deps import check_csrf, current_user, db, engine_of, require_writer
from planwatch.web.errors import WebError, wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import period_label
from planwatch.web.render import json_response, page, render_template

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


def problem_message(problem: EntryProblem) -> str:
    """The refused cell's message in the interface language."""
    p = problem.params
    messages = {
        "empty": lambda: _("Type a value"),
        "not_a_number": lambda: _("“%(text)s” is not a number; write e.g. 1.5万, 43.45亿元 or 9.2%%", text=p.get("text", "")),
        "bad_grouping": lambda: _("“%(text)s”: thousands separators go in groups of three digits (1,234.5); "
                                  "fix the commas or leave them out", text=p.get("text", "")),
        "no_unit": lambda: _("Add the unit, e.g. 亿元"),
        "doubled_magnitude": lambda: _("“%(text)s” has the magnitude %(magnitude)s, which is no number word; write "
                                       "one magnitude, e.g. 1.5万 or 1.5亿 (万亿 is fine)",
                                       text=p.get("text", ""), magnitude=p.get("magnitude", "")),
        "rate_magnitude": lambda: _("“%(text)s”: a rate in %% or 百分点 takes no magnitude (%(magnitude)s); "
                                    "write e.g. 9.2%%", text=p.get("text", ""), magnitude=p.get("magnitude", "")),
        "not_exact": lambda: _("Give the exact value, not an approximation (%(text)s)", text=p.get("text", "")),
        "needs_percent": lambda: _("This indicator is a rate: write it in %% (not %(unit)s)", unit=p.get("unit", "")),
        "needs_points": lambda: _("Write the change in 百分点 (not %(unit)s)", unit=p.get("unit", "")),
        "unit_mismatch": lambda: _("%(unit)s does not convert to %(expected)s", unit=p.get("unit", ""),
                                   expected=p.get("expected", "")),
        "bad_period": lambda: _("Unknown period %(period)s", period=p.get("period", "")),
        "forbidden": lambda: _("Your units do not report this indicator"),
    }
    return messages.get(problem.code, lambda: problem.code)()


def may_enter(user: Principal | None, row: dict[str, Any]) -> bool:
    """Admins enter every indicator; editors those whose tasks belong to one of their units."""
    if user is None:
        return False
    return user.is_admin or any(user.may_edit_unit(unit) for unit in row["units"])


def _context(session: Session, user: Principal | None, government: int | None, year: int | None,
             period: str) -> dict[str, Any]:
    """Governments, the chosen government/year/period, and the rows this user may enter."""
    filters.known(session, government=government)  # an id naming nothing: 404, not the first government's grid
    governments = entry_governments(session)
    if not governments:
        return {"governments": [], "government": None, "years": [], "year": None, "period": "", "rows": [],
                "periods": _periods(), "hidden": 0}
    ids = {g["id"] for g in governments}
    gov_id: int = government if government is not None and government in ids else governments[0]["id"]
    years = target_years(session, gov_id)
    chosen_year = year if year is not None else (years[0] if years else date.today().year)
    if period not in PERIODS:
        raise WebError(422, "validation_error", _("Unknown period %(period)s", period=period))
    rows = entry_rows(session, gov_id, chosen_year, period)
    allowed = [r for r in rows if may_enter(user, r)]
    return {"governments": governments, "government": gov_id, "years": years, "year": chosen_year,
            "period": period, "rows": allowed, "periods": _periods(), "hidden": len(rows) - len(allowed)}


def _periods() -> list[dict[str, str]]:
    return [{"code": p, "label": period_label(p)} for p in PERIODS]


@page(router, "/entry", "entry.html", tags=["actuals"], model=schemas.EntryPage)
def entry_grid(request: Request, session: DbSession,
               government: Annotated[int | None, Query(description="Government id; default: the first by name.")] = None,
               year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="Year; default: the newest target year.")] = None,
               period: Annotated[str, Query(description='"" full year, Q1, H1, Q3, M01…M11.')] = "",
               saved: Annotated[int | None, Query(description="Cells stored by the last save (for the message).")] = None,
               ) -> dict[str, Any]:
    """The entry grid: the indicators this government's targets of `year` need, with the value of `period`."""
    user = require_writer(request)
    data = _context(session, user, government, year, period)
    data.update({"values": {}, "errors": {}, "saved": saved})
    return data


class CellIn(BaseModel):
    """One typed cell of the grid."""

    indicator_id: int
    measure: str = Field(max_length=8)
    value: str = Field(max_length=40, description="As an official writes it: 1.5万, 43.45亿元, 9.2%, 下降3.4%.")


class GridIn(BaseModel):
    """A saved grid: government, year, period and the typed cells."""

    government: int
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    period: str = Field("", max_length=8)
    cells: list[CellIn] = Field(max_length=2000)


def save_grid(request: Request, body: GridIn) -> tuple[dict[str, Any], dict[str, str], int]:
    """Parse and check every cell; store all of them, or none with a message per refused cell."""
    user = require_writer(request)
    with Session(engine_of(request)) as session:
        data = _context(session, user, body.government, body.year, body.period)
        every = {r["key"]: r for r in entry_rows(session, data["government"], body.year, body.period)}
    if data["government"] != body.government:
        raise WebError(404, "not_found", _("No targets are stored for this government"))
    allowed = {r["key"]: r for r in data["rows"]}
    errors: dict[str, str] = {}
    parsed: list[tuple[dict[str, Any], ParsedValue]] = []
    values: dict[str, str] = {}
    for cell in body.cells:
        key = f"{cell.indicator_id}-{cell.measure}"
        values[key] = cell.value
        if not cell.value.strip():
            continue
        row = allowed.get(key)
        if row is None:
            if key in every:
                raise WebError(403, "forbidden", _("Your units do not report this indicator"), {"cell": key})
            errors[key] = _("This indicator has no target for this year")
            continue
        try:
            value = parse_entry(cell.value, row["unit"])
            check_cell(value, row["measure"], row["indicator_unit"])
        except EntryProblem as problem:
            errors[key] = problem_message(problem)
            continue
        parsed.append((row, value))
    data["values"], data["errors"] = values, errors
    if errors:
        return data, errors, 0
    count = store_entries(engine_of(request), body.government, body.year, body.period, parsed, who=user.username)
    return data, errors, count


@router.post("/api/entry", dependencies=[Depends(check_csrf)], tags=["actuals"], status_code=201, response_model=schemas.EntryAnswer,
             summary="Save a data-entry grid: all cells or none (422 with a message per refused cell).")
def post_grid_api(request: Request, body: GridIn) -> Response:
    """Store typed cells as hand-entered actuals of one government, year and period."""
    _data, errors, count = save_grid(request, body)
    if errors:
        raise WebError(422, "validation_error", _("%(n)s cells were refused; nothing was stored", n=len(errors)),
                       {"cells": errors})
    return json_response({"stored": count}, status_code=201)


@router.post("/entry", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def post_grid_form(request: Request) -> Response:
    """The grid form: cells named ``v-<indicator>-<measure>``; refused cells come back with their input."""
    form = await request.form()
    try:
        government = int(str(form.get("government", "")))
        year = int(str(form.get("year", "")))
    except ValueError:
        raise WebError(422, "validation_error", _("Choose a government and a year")) from None
    cells = []
    for name, value in form.multi_items():
        if name.startswith("v-") and isinstance(value, str):
            ind, _sep, measure = name[2:].partition("-")
            if ind.isdigit():
                cells.append(CellIn(indicator_id=int(ind), measure=measure[:8], value=value[:40]))
    body = GridIn(government=government, year=year, period=str(form.get("period", "")), cells=cells)
    from starlette.concurrency import run_in_threadpool

    data, errors, count = await run_in_threadpool(save_grid, request, body)
    if errors:
        if wants_json(request):
            raise WebError(422, "validation_error", _("%(n)s cells were refused; nothing was stored", n=len(errors)),
                           {"cells": errors})
        data["saved"] = None
        return render_template(request, "entry.html", data, status_code=422)
    query = f"government={government}&year={year}&period={body.period}&saved={count}"
    return RedirectResponse(f"/entry?{query}", status_code=303)


@page(router, "/entry/missing", "entry_missing.html", tags=["actuals"], model=schemas.MissingPage)
def entry_missing(request: Request, session: DbSession,
                  government: Annotated[int | None, Query(description="Government id.")] = None,
                  year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
                  frequency: Annotated[str, Query(description="year, quarter or month.")] = "year",
                  unit: Annotated[str | None, Query(description="Only this responsible unit's indicators.")] = None,
                  ) -> dict[str, Any]:
    """Completeness: per indicator, its units, and which due periods have a value and which are missing."""
    user = current_user(request)
    if frequency not in FREQUENCIES:
        raise WebError(422, "validation_error", _("Unknown frequency %(f)s; use year, quarter or month", f=frequency))
    data = _context(session, None, government, year, "")
    rows = completeness(session, data["government"], data["year"], frequency) if data["government"] else []
    units = sorted({u for r in rows for u in r["units"]})
    if unit:
        rows = [r for r in rows if unit in r["units"]]
    missing = sum(len(r["missing"]) for r in rows)
    due = sum(len(r["due"]) for r in rows)
    data.update({"missing_rows": rows, "frequency": frequency, "unit": unit or "", "all_units": units,
                 "summary": {"due": due, "missing": missing, "present": due - missing},
                 "can_enter": user is not None and user.role in ("admin", "editor")})
    data.pop("rows", None)
    return data
