"""Actuals: read them, and record one (admins; editors for the indicators of their units' tasks)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.web import queries, task_queries
from planwatch.web.deps import check_csrf, db, engine_of, require_reader, require_writer
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


class ActualIn(BaseModel):
    """One observed value of an indicator."""

    indicator_id: int = Field(description="The indicator (see /api/indicators).")
    year: int = Field(ge=1949, le=2100)
    value: float
    unit: str = Field(max_length=32, description="Unit of the value, e.g. 亿元, %, 个; converted to the indicator's.")
    measure: str | None = Field(None, description="level, growth, share or points; default: from the unit.")
    period: str = Field("", description='"" for the full year, else Q1-Q3, H1, M01-M11.')
    government: str | None = Field(None, description="Government name; default: the only one stored.")
    note: str = Field("", max_length=500)


def check_actual_permission(session: Session, user: Principal, indicator_id: int) -> None:
    """Admins may set any actual; editors only those of indicators their units' tasks target."""
    if user.is_admin:
        return
    units = task_queries.indicator_units(session, indicator_id)
    if not any(user.may_edit_unit(unit) for unit in units):
        raise WebError(403, "forbidden", _("You may only record actuals of indicators that your units' tasks target"),
                       {"indicator_id": indicator_id, "your_units": sorted(user.units)})


def set_actual(request: Request, body: ActualIn) -> dict[str, Any]:
    """Check permission, then store the actual (the store writes the audit log)."""
    from planwatch.store.actuals import set_actual as store_set

    user = require_writer(request)
    engine = engine_of(request)
    with Session(engine) as session:
        name = queries.indicator(session, body.indicator_id)["name"]
        check_actual_permission(session, user, body.indicator_id)
    row = store_set(engine, name, body.year, body.value, body.unit, government=body.government,
                    period=body.period, measure=body.measure, note=body.note, who=user.username)
    return {"indicator_id": body.indicator_id, "indicator": name, "year": row.year, "period": row.period,
            "measure": row.measure, "value": row.value, "unit": row.unit}


@router.get("/api/actuals", tags=["actuals"], summary="Stored actuals, filtered and paged.")
def list_actuals(request: Request, session: DbSession,
                 indicator: Annotated[int | None, Query(description="Indicator id.")] = None,
                 government: Annotated[int | None, Query(description="Government id.")] = None,
                 year: Annotated[int | None, Query()] = None,
                 page: Annotated[int, Query(ge=1)] = 1,
                 size: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    """Actuals (oldest year first) with where each came from."""
    require_reader(request)
    rows = queries.actuals(session, indicator, government, year, offset=(page - 1) * size, limit=size)
    return json_response({"actuals": rows, "page": page, "size": size})


@router.post("/api/actuals", dependencies=[Depends(check_csrf)], tags=["actuals"], status_code=201,
             summary="Record one actual (replaces an earlier hand-entered value for the same key).")
def post_actual(request: Request, body: ActualIn) -> Response:
    """Store an actual; 403 for viewers and for editors outside their units."""
    return json_response({"actual": set_actual(request, body)}, status_code=201)


@router.post("/indicators/{indicator_id:int}/actuals", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_actual_form(request: Request, indicator_id: int, year: Annotated[int, Form()], value: Annotated[str, Form()],
                     unit: Annotated[str, Form()], period: Annotated[str, Form()] = "",
                     measure: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "") -> Response:
    """The indicator page's form."""
    from planwatch.store.actuals import parse_number

    try:
        number = parse_number(value)
    except ValueError:
        raise WebError(422, "validation_error", _("%(value)s is not a number", value=value)) from None
    set_actual(request, ActualIn(indicator_id=indicator_id, year=year, value=number, unit=unit,
                                 measure=measure or None, period=period, note=note))
    return RedirectResponse(f"/indicators/{indicator_id}#actuals", status_code=303)
