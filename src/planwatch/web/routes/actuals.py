"""Actuals: read them, and record one (admins; editors for the indicators of their units' tasks)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.store.schema import YEAR_MAX, YEAR_MIN
from planwatch.web import filters, paging, queries, schemas, task_queries
from planwatch.web.deps import check_csrf, db, engine_of, require_reader, require_writer, settings_of
from planwatch.web.errors import WebError, error_message
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


class ActualIn(BaseModel):
    """One observed value of an indicator."""

    indicator_id: int = Field(description="The indicator (see /api/indicators).")
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    value: float = Field(allow_inf_nan=False, description="A finite number (no inf, NaN).")
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


def check_actual_government(session: Session, user: Principal, indicator_id: int, government: str) -> None:
    """Editors record actuals only for the governments of their units (issue 12); admins for any."""
    if user.is_admin:
        return
    from planwatch.web.permissions import editable_governments

    allowed = editable_governments(session, user, indicator_id)
    if government not in allowed:
        raise WebError(403, "forbidden", _("You may only record actuals for the governments of your units"),
                       {"government": government, "your_governments": sorted(allowed), "your_units": sorted(user.units)})


def _government_name(session: Session, government: str | None) -> str:
    """The government an actual is for: the one named (must be stored), else the only one with plans."""
    from planwatch.store.entry import entry_governments

    names = [g["name"] for g in entry_governments(session)]
    if government:
        if government not in names:
            raise WebError(422, "validation_error", _("Unknown government %(name)s", name=government),
                           {"governments": names})
        return government
    if len(names) == 1:
        return names[0]
    if not names:
        raise WebError(422, "validation_error", _("No plan is stored yet, so there is no government to record for"))
    raise WebError(422, "validation_error", _("Several governments are stored; choose the government of this value"),
                   {"governments": names})


def set_actual(request: Request, body: ActualIn) -> dict[str, Any]:
    """Check permission, then store the actual (the store writes the audit log)."""
    from planwatch.store.actuals import set_actual as store_set
    from planwatch.store.entry import EntryProblem, check_magnitude
    from planwatch.web.routes.entry import problem_message

    user = require_writer(request)
    try:
        check_magnitude(body.unit)
    except EntryProblem as problem:
        raise WebError(422, "validation_error", problem_message(problem), {"unit": body.unit}) from None
    engine = engine_of(request)
    with Session(engine) as session:
        name = queries.indicator(session, body.indicator_id)["name"]
        check_actual_permission(session, user, body.indicator_id)
        government = _government_name(session, body.government)
        check_actual_government(session, user, body.indicator_id, government)
    row = store_set(engine, name, body.year, body.value, body.unit, government=government,
                    period=body.period, measure=body.measure, note=body.note, who=user.username)
    return {"indicator_id": body.indicator_id, "indicator": name, "government": government, "year": row.year,
            "period": row.period, "measure": row.measure, "value": row.value, "unit": row.unit}


def may_enter_indicator(session: Session, user: Principal | None, indicator_id: int) -> bool:
    """True when `user` may record actuals of this indicator (the form is shown only then)."""
    if user is None or user.role not in ("admin", "editor"):
        return False
    if user.is_admin:
        return True
    return any(user.may_edit_unit(unit) for unit in task_queries.indicator_units(session, indicator_id))


def entry_form_context(request: Request, session: Session, indicator_id: int) -> dict[str, Any]:
    """What the indicator page's 填报 form needs: whether to show it, and the governments to choose from."""
    from planwatch.store.entry import PERIODS, entry_governments
    from planwatch.web.deps import current_user
    from planwatch.web.labels import period_label

    user = current_user(request)
    allowed = may_enter_indicator(session, user, indicator_id)
    return {"can_enter": allowed, "entry_governments": entry_governments(session) if allowed else [],
            "entry_periods": [{"code": p, "label": period_label(p)} for p in PERIODS],
            "form": {}, "form_error": None}


@router.get("/api/actuals", tags=["actuals"], summary="Stored actuals, filtered and paged.", response_model=schemas.ActualsPage)
def list_actuals(request: Request, session: DbSession,
                 indicator: Annotated[int | None, Query(description="Indicator id.")] = None,
                 government: Annotated[int | None, Query(description="Government id.")] = None,
                 year: Annotated[int | None, Query()] = None,
                 page: Annotated[int, Query(ge=1)] = 1,
                 size: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    """Actuals (oldest year first) with where each came from."""
    require_reader(request)
    filters.known(session, indicator=indicator, government=government)
    rows = queries.actuals(session, indicator, government, year, offset=(page - 1) * size, limit=size)
    queries.name_actual_documents(session, rows)  # as the indicator page lists them: the plan by its name
    total = queries.count_actuals(session, indicator, government, year)
    # `page` and `size` at the top are kept for clients written before `paging` (the one object every list has)
    return json_response({"actuals": rows, "page": page, "size": size, "paging": paging.paging(page, total, size)})


@router.post("/api/actuals", dependencies=[Depends(check_csrf)], tags=["actuals"], status_code=201, response_model=schemas.ActualAnswer,
             summary="Record one actual (replaces an earlier hand-entered value for the same key).")
def post_actual(request: Request, body: ActualIn) -> Response:
    """Store an actual; 403 for viewers and for editors outside their units."""
    return json_response({"actual": set_actual(request, body)}, status_code=201)


@router.post("/indicators/{indicator_id:int}/actuals", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_actual_form(request: Request, indicator_id: int, year: Annotated[str, Form()] = "",
                     value: Annotated[str, Form()] = "", unit: Annotated[str, Form()] = "",
                     period: Annotated[str, Form()] = "", measure: Annotated[str, Form()] = "",
                     government: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "") -> Response:
    """The indicator page's form: a value as an official writes it (1.5万, 9.2%); on a problem the page
    comes back with the input and the message beside the form."""
    from planwatch.errors import PlanwatchError
    from planwatch.store.actuals import infer_measure
    from planwatch.store.entry import EntryProblem, check_cell, parse_entry
    from planwatch.web.routes.entry import problem_message

    require_writer(request)
    form = {"year": year, "value": value, "unit": unit, "period": period, "measure": measure,
            "government": government, "note": note}
    error: str | None = None
    try:
        if not year.strip().isdigit() or not YEAR_MIN <= int(year) <= YEAR_MAX:
            raise WebError(422, "validation_error", _("%(year)s is not a year", year=year or "—"))
        parsed = parse_entry(value, unit.strip())
        with Session(engine_of(request)) as session:
            indicator_unit = queries.indicator(session, indicator_id)["unit"]
        check_cell(parsed, measure or infer_measure(parsed.unit, indicator_unit), indicator_unit)
        set_actual(request, ActualIn(indicator_id=indicator_id, year=int(year), value=parsed.value, unit=parsed.unit,
                                     measure=measure or None, period=period, government=government or None,
                                     note=note[:500]))
    except EntryProblem as problem:
        error = problem_message(problem)
    except WebError as exc:
        if exc.status_code != 422:
            raise
        error = str(exc.detail)
    except PlanwatchError as exc:
        error = _("The value was not stored: %(reason)s", reason=error_message(exc))
    if error is None:
        return RedirectResponse(f"/indicators/{indicator_id}#actuals", status_code=303)
    from planwatch.web.render import render_template
    from planwatch.web.routes.indicators import indicator_page

    if "application/json" in request.headers.get("accept", "") and "text/html" not in request.headers.get("accept", ""):
        raise WebError(422, "validation_error", error)
    with Session(engine_of(request), expire_on_commit=False) as session:
        data = indicator_page(request, indicator_id, session)
    data.update({"form": form, "form_error": error})
    return render_template(request, "indicator.html", data, status_code=422)


# ---------------------------------------------------------------- the actuals template, filled in, imported


def _import_permission(user: Principal) -> Any:
    """What an importing user may record (`store.actuals.import_actuals`' `allowed`): anything for an administrator;
    for an editor, the indicators their units' tasks target, for the governments of those tasks (as the indicator
    page's form and the entry grid allow). Answers are kept per (indicator, government)."""
    if user.is_admin:
        return None
    from planwatch.errors import RowProblem
    from planwatch.store.actuals import row_problem
    from planwatch.store.schema import Government, Indicator
    from planwatch.web.permissions import editable_governments

    seen: dict[tuple[int, int], RowProblem | None] = {}

    def allowed(session: Session, row: Any) -> RowProblem | None:
        key = (row.indicator_id, row.government_id)
        if key not in seen:
            government = session.get(Government, row.government_id)
            indicator = session.get(Indicator, row.indicator_id)
            name = government.name if government is not None else "—"
            what = indicator.name if indicator else "—"
            ok = name in editable_governments(session, user, row.indicator_id)
            seen[key] = None if ok else row_problem("not_permitted", f"you may not record {what} for {name}",
                                                    {"indicator": what, "government": name})
        return seen[key]

    return allowed


def import_upload(request: Request, upload: Any, government: str | None) -> dict[str, Any]:
    """Save the uploaded sheet under its own name, import it with `planwatch actuals import`'s code (all rows or none),
    and say what was stored; a refusal is a WebError whose details list each bad row in the interface language (`rows`:
    each row's problems; `problems`: one by one, with row, column, reason code and values)."""
    import tempfile
    from pathlib import Path

    from planwatch.errors import DocumentError, PlanwatchError, ValidationError
    from planwatch.store.actuals import import_actuals
    from planwatch.web.actuals_import import file_refusal, problems, row_problems
    from planwatch.web.routes.upload import safe_name

    user = require_writer(request)
    if user.role not in ("admin", "editor"):  # pragma: no cover - require_writer's rule
        raise WebError(403, "forbidden", _("Only administrators and units' editors may import actuals"))
    name = safe_name(getattr(upload, "filename", None))
    limit = int(settings_of(request).max_file_mb * 1024 * 1024)
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise WebError(422, "validation_error", _("%(name)s is larger than %(mb)s MB", name=name, mb=f"{limit / 1048576:.3g}"))
    if not name.lower().endswith((".xlsx", ".csv")):
        raise WebError(422, "validation_error", _("%(name)s: import a .xlsx or .csv file (the template)", name=name))
    with tempfile.TemporaryDirectory(prefix="planwatch-actuals-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            done = import_actuals(engine_of(request), path, government or None, who=user.username,
                                  allowed=_import_permission(user))
        except ValidationError as exc:
            rows = row_problems(exc)
            if exc.reason == "bad_rows":
                message = _("%(name)s: %(n)s rows are invalid; nothing was imported. Correct them and import the file "
                            "again", name=name, n=exc.params.get("count", len(rows)))
            else:
                message = _import_refusal(exc, name)
            raise WebError(422, "validation_error", message,
                           {"file": name, "rows": rows, "problems": problems(exc), "reason": exc.reason,
                            "detail": str(exc).replace(str(path), name)}) from None
        except DocumentError as exc:
            raise WebError(422, "validation_error", file_refusal(exc, name),
                           {"file": name, "reason": exc.reason, "detail": str(exc).replace(str(path), name)}) from None
        except PlanwatchError as exc:
            raise WebError(422, "validation_error", _("%(name)s could not be read as a table: %(reason)s", name=name,
                                                      reason=str(exc).replace(str(path), name)),
                           {"file": name}) from None
    return {"file": name, "stored": done.stored, "skipped": done.skipped}


def _import_refusal(exc: Any, name: str) -> str:
    """A refused import that is no list of bad rows, in the interface language."""
    from planwatch.web.actuals_import import refusal
    from planwatch.web.errors import error_message

    return refusal(exc, name) or error_message(exc)


def import_context(request: Request, session: Session, government: int | None = None,
                   year: int | None = None) -> dict[str, Any]:
    """What the import page shows: who may import, the governments to choose from, the template's link."""
    from planwatch.store.entry import entry_governments
    from planwatch.web.deps import current_user

    user = current_user(request)
    governments = entry_governments(session)
    query = "&".join(f"{k}={v}" for k, v in (("government", government), ("year", year)) if v is not None)
    return {"may_import": bool(user and user.role in ("admin", "editor")), "governments": governments,
            "government": government, "year": year or "",
            "template_url": "/actuals/template.xlsx" + (f"?{query}" if query else ""),
            "result": None, "error": None, "problems": [], "form": {}}


@router.get("/actuals/import", include_in_schema=False)
def import_page(request: Request, session: DbSession,
                government: Annotated[int | None, Query(description="Government id the template is for.")] = None,
                year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None) -> Response:
    """The import form: download the template (of a government and year), fill it in, import it back."""
    from planwatch.web.render import render_template

    require_reader(request)
    filters.known(session, government=government)
    return render_template(request, "actuals_import.html", import_context(request, session, government, year))


@router.post("/api/actuals/import", dependencies=[Depends(check_csrf)], tags=["actuals"], response_model=schemas.ImportAnswer,
             summary="Import a filled actuals template (multipart; administrators, units' editors): all rows or none.")
def import_api(request: Request, file: Annotated[UploadFile, File(description="The template (.xlsx or .csv), "
                                                                         "headed in Chinese or English.")],
               government: Annotated[str | None, Form(description="Government of rows that leave it empty.")] = None
               ) -> Response:
    """The same import as `planwatch actuals import`; 422 with every bad row (`details.rows`) and nothing stored."""
    return json_response({"import": import_upload(request, file, government)})


@router.post("/actuals/import", dependencies=[Depends(check_csrf)], include_in_schema=False)
def import_form(request: Request, file: Annotated[UploadFile, File()],
                government: Annotated[str, Form()] = "") -> Response:
    """The import form: the page again, saying what was stored, or each bad row with its problems (nothing stored)."""
    from planwatch.web.render import render_template

    try:
        result = import_upload(request, file, government or None)
    except WebError as exc:
        if exc.status_code != 422:
            raise
        with Session(engine_of(request)) as session:
            data = import_context(request, session)
        details = exc.details if isinstance(exc.details, dict) else {}
        data.update(error=exc.detail, problems=details.get("problems", []), form={"government": government})
        return render_template(request, "actuals_import.html", data, status_code=422)
    with Session(engine_of(request)) as session:
        data = import_context(request, session)
    data.update(result=result, form={"government": government})
    return render_template(request, "actuals_import.html", data)
