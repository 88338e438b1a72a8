"""Reporting rounds, the inbox (what each unit owes: the reminder e-mail's list) and 我的任务 for a liaison."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.web import schemas, task_queries
from planwatch.web import supervision as views
from planwatch.web.deps import check_csrf, db, engine_of, require_user, settings_of
from planwatch.web.errors import WebError, wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response, page, render_template, show_page_again
from planwatch.web.routes.tasks import _back, _day, _supervised

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


def _saved(saved: str | None) -> str:
    return views.saved_message(saved)


@page(router, "/my/tasks", "my_tasks.html", tags=["supervision"], model=schemas.MyTasksPage)
def my_tasks(request: Request, session: DbSession,
             plan: Annotated[int | None, Query(description="Only this plan's tasks (default: every plan under "
                                                           "supervision).")] = None,
             as_of: Annotated[date | None, Query(description="Judge deadlines as of this date (default: today).")] = None,
             saved: Annotated[str | None, Query(include_in_schema=False)] = None) -> dict[str, Any]:
    """我的任务: the logged-in liaison's tasks (lead and co-unit) in the plans under supervision (or one plan),
    sent back first, then open and late; what their units owe on the same plans; a report form for each."""
    from planwatch.store.supervision import (
        co_units,
        digests,
        display_names,
        is_late,
        open_rounds,
        round_late,
        settable_statuses,
        supervised_plans,
        tasks_of_units,
        tracked_plans,
        under_supervision,
    )
    from planwatch.web import filters

    user = require_user(request)
    filters.known(session, plan=plan)
    as_of = as_of or date.today()
    units = set(user.units)
    plan_ids = [plan] if plan is not None else supervised_plans(session, as_of, settings_of(request))
    pairs = tasks_of_units(session, units, plan_ids=plan_ids) if units else []
    co = co_units(session, [t.id for t, _r in pairs])
    names = display_names(session, {u.who for t, _r in pairs for u in t.updates})
    tracked = tracked_plans(session, {t.plan_id for t, _r in pairs})
    rows = []
    for task, relation in pairs:
        view = views.task_view(session, task, user, co.get(task.id, []), names, history=False,
                               supervised=under_supervision(task, tracked))
        # only suggested (never assigned): listed apart, owed nothing, late for nobody (review ux4 #5); unless the
        # unit asked to close it and the office has not decided or sent it back: then it is the unit's to act on
        view.update(relation=relation, late=is_late(task, as_of, tracked),
                    apart=relation == "suggested" and task.signoff not in ("requested", "returned"))
        rows.append(view)
    rows.sort(key=lambda r: (r["relation"] == "suggested", r["signoff"] != "returned", r["status"] in ("已完成", "取消"),
                             not r["late"], r["deadline"] or date.max, r["plan_id"]))  # suggested: owed by nobody yet
    found = digests(session, as_of, units, plan, settings=settings_of(request)) if units else []
    inbox = [views.digest_view(d) for d in found]
    labels = task_queries.plan_labels(session, sorted({r["plan_id"] for r in rows} | ({plan} if plan else set())))
    # the open rounds of these plans, as the inbox names them: title, due date, the office's note, what is still owed
    owed: dict[int, set[int]] = {}
    for digest in found:
        for task, rnd in digest.owed:
            owed.setdefault(rnd.id, set()).add(task.id)
    by_task: dict[int, list[str]] = {}
    late_in: dict[int, list[str]] = {}
    shown_rounds = []
    for rnd in reversed(open_rounds(session, as_of, settings_of(request))):
        if rnd.plan_id is not None and rnd.plan_id not in plan_ids:
            continue
        # a round over a plan where the units were assigned nothing concerns them not at all: "every task reported"
        # would be a lie (review ux4 #6: a round on another government's plan told a liaison 本轮各项任务均已报送)
        involved = any(r["relation"] != "suggested" and (rnd.plan_id is None or r["plan_id"] == rnd.plan_id)
                       for r in rows)
        shown_rounds.append({"id": rnd.id, "title": rnd.title, "due": rnd.due, "opened_on": rnd.opened_on,
                             "note": rnd.note, "plan_id": rnd.plan_id, "plan": labels.get(rnd.plan_id or 0, ""),
                             "owed": len(owed.get(rnd.id, ())), "overdue": round_late(rnd, as_of), "involved": involved})
        # a round past its due date waits for a late report (逾期未报), not for this round's (review ux5 #18)
        for task_id in owed.get(rnd.id, ()):
            (late_in if round_late(rnd, as_of) else by_task).setdefault(task_id, []).append(rnd.title)
    for row in rows:
        row["plan"] = labels.get(row["plan_id"], "")
        row["owed_in"] = by_task.get(row["id"], [])
        row["late_in"] = late_in.get(row["id"], [])
    return {"units": sorted(units), "as_of": as_of, "tasks": rows, "inbox": inbox, "plan": plan, "rounds": shown_rounds,
            "plans": [{"id": pid, "label": label, "count": sum(r["plan_id"] == pid for r in rows)}
                      for pid, label in labels.items()],
            "choices": {"statuses": list(settable_statuses(user.role))}, "saved": _saved(saved)}


@page(router, "/inbox", "inbox.html", tags=["supervision"], model=schemas.InboxPage)
def inbox(request: Request, session: DbSession,
          as_of: Annotated[date | None, Query(description="As of this date (default: today).")] = None,
          saved: Annotated[str | None, Query(include_in_schema=False)] = None) -> dict[str, Any]:
    """What each unit owes (the same lists `planwatch remind` e-mails): reports due in open rounds, overdue,
    due soon, sent back; for the planning office also the sign-off requests waiting for it."""
    from sqlalchemy import select

    from planwatch.store.supervision import contacts, digests, is_office, unassigned
    from planwatch.store.tasks import Task

    user = require_user(request)
    as_of = as_of or date.today()
    office = is_office(user.role) or user.role == "viewer"
    units = None if office else set(user.units)
    lists = [views.digest_view(d) for d in digests(session, as_of, units, settings=settings_of(request))]
    awaiting: list[dict[str, Any]] = []
    if office:
        for task in session.scalars(select(Task).where(Task.signoff == "requested").order_by(Task.updated_at)):
            awaiting.append({"id": task.id, "text": f"{task.action}{task.object}", "unit": task.unit_name,
                             "url": f"/tasks/{task.id}", "progress": task.progress})
    mail = contacts(session)
    for entry in lists:
        entry["email"] = mail.get(entry["unit"], "")
    # open tasks no unit was assigned (only suggested): the office's to assign, owed by no unit and mailed to none
    waiting: list[dict[str, Any]] = []
    if office:
        found = unassigned(session, as_of=as_of)
        labels = task_queries.plan_labels(session, [w.plan_id for w in found])
        waiting = [{"plan_id": w.plan_id, "plan": labels.get(w.plan_id, ""), "count": w.count,
                    "units": sorted(w.by_unit.items(), key=lambda kv: (-kv[1], kv[0]))[:8]} for w in found]
    return {"as_of": as_of, "units": lists, "awaiting": awaiting, "unassigned": waiting, "may_manage": is_office(user.role),
            "all_units": task_queries.units(session) if is_office(user.role) else [], "saved": _saved(saved)}


@page(router, "/rounds", "rounds.html", tags=["supervision"], model=schemas.RoundsPage)
def rounds(request: Request, session: DbSession,
           saved: Annotated[str | None, Query(include_in_schema=False)] = None) -> dict[str, Any]:
    """Reporting rounds: each with its due date and, per unit, how many of its open tasks are reported."""
    from dataclasses import asdict

    from planwatch.store.supervision import (
        SupervisionError,
        is_office,
        list_rounds,
        round_lapsed,
        round_late,
        round_plan,
        round_progress,
        unassigned,
    )
    from planwatch.web.deps import current_user

    user = current_user(request)
    out = []
    today = date.today()
    rows = list_rounds(session)
    waiting = {w.plan_id: w.count for w in unassigned(session, sorted({r.plan_id for r in rows if r.plan_id}))}
    for row in rows:
        units = [asdict(line) for line in round_progress(session, row)]
        out.append({"id": row.id, "title": row.title, "plan_id": row.plan_id, "opened_on": row.opened_on, "due": row.due,
                    "closed": row.closed, "note": row.note, "units": units,
                    "late": not row.closed and round_late(row, today),
                    "lapsed": round_lapsed(row, today, settings_of(request)),
                    # a visitor reads no login name (review ux4 #9)
                    "who": row.who if user is not None else views.names_for(session, None, {row.who})[row.who],
                    "open": sum(u["open"] for u in units), "reported": sum(u["reported"] for u in units),
                    "unassigned": waiting.get(row.plan_id or 0, 0)})  # owed by no unit: 待交办
    try:  # the plan under supervision, as `rounds open` takes it (review ux4 #6), else the newest with tasks
        default_plan: int | None = round_plan(session)
    except SupervisionError:
        default_plan = task_queries.default_plan(session)
    # each round names its plan: its per-unit counts are of that plan's tasks, and so are the task lists they link to
    named = _plans_named(session, {r["plan_id"] for r in out if r["plan_id"] is not None})
    for r in out:
        r["plan"] = named.get(r["plan_id"])
    return {"rounds": out, "may_manage": bool(user and is_office(user.role)),
            "plans": task_queries.task_plans(session, task_queries.PLAN_CHOICES, chosen=default_plan), "default_plan": default_plan,
            "today": today, "saved": _saved(saved)}


def _plans_named(session: Session, plan_ids: set[int]) -> dict[int, dict[str, Any]]:
    """{plan id: the plan as `plan_label` names it} for the plans of the rounds."""
    from sqlalchemy import select

    from planwatch.store.schema import Government, Plan

    if not plan_ids:
        return {}
    rows = session.execute(select(Plan.id, Plan.title, Plan.year, Plan.kind, Government.name)
                           .join(Government, Government.id == Plan.government_id).where(Plan.id.in_(plan_ids)))
    return {i: {"id": i, "title": t, "year": y, "kind": k, "government": g} for i, t, y, k, g in rows}


class RoundIn(BaseModel):
    """A reporting round to open."""

    title: str = Field(max_length=200, description="e.g. 2019年6月进展填报.")
    due: date = Field(description="Reports are due by this date.")
    plan_id: int | None = Field(None, description="Whose tasks; default: the latest plan with tasks.")
    opened_on: date | None = Field(None, description="Reports count from this date (default: today).")
    note: str = Field("", max_length=2000)


def apply_round(request: Request, body: RoundIn) -> dict[str, Any]:
    from planwatch.store.supervision import open_round

    with _supervised(request) as (session, user):
        row = open_round(session, body.title, body.due, user.username, user.role, body.plan_id, body.opened_on, body.note)
        return {"id": row.id, "title": row.title, "plan_id": row.plan_id, "opened_on": row.opened_on, "due": row.due}


@router.post("/api/rounds", dependencies=[Depends(check_csrf)], tags=["supervision"], status_code=201, response_model=schemas.RoundAnswer,
             summary="Open a reporting round (planning office, admins).")
def post_round(request: Request, body: RoundIn) -> Response:
    """Open a round: every unit owes a report on each open task until it reports."""
    return json_response({"round": apply_round(request, body)}, status_code=201)


@router.post("/rounds", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_round_form(request: Request, title: Annotated[str, Form(max_length=200)] = "", due: Annotated[str, Form()] = "",
                    plan_id: Annotated[str, Form()] = "", note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    plan = int(plan_id) if plan_id.strip().isdigit() else None
    try:
        day = _day(due, _("Due"))
        if day is None:
            raise WebError(422, "validation_error", _("A reporting round needs a due date"))
        apply_round(request, RoundIn(title=title, due=day, plan_id=plan, note=note))
    except WebError as exc:
        if exc.status_code != 422:
            raise
        return _rounds_again(request, exc, {"title": title, "due": due, "plan_id": plan, "note": note})
    return _back(request, "/rounds", "/rounds", "round")


def _rounds_again(request: Request, exc: WebError, form: dict[str, Any]) -> Response:
    """The rounds page again after a refused round (a 422): the message beside the form, what was typed kept."""
    show_page_again(request, "/rounds")
    with Session(engine_of(request), expire_on_commit=False) as session:
        data = rounds(request, session)
    data.update(error=exc.detail, form=form)
    return render_template(request, "rounds.html", data, status_code=exc.status_code)


def apply_close(request: Request, round_id: int) -> dict[str, Any]:
    from planwatch.store.supervision import close_round

    with _supervised(request) as (session, user):
        row = close_round(session, round_id, user.username, user.role)
        return {"id": row.id, "closed": row.closed}


@router.post("/api/rounds/{round_id:int}/close", dependencies=[Depends(check_csrf)], tags=["supervision"],
             response_model=schemas.RoundCloseAnswer,
             summary="Close a reporting round (planning office, admins).")
def post_close(request: Request, round_id: int) -> Response:
    """Close a round."""
    return json_response({"round": apply_close(request, round_id)})


@router.post("/rounds/{round_id:int}/close", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_close_form(request: Request, round_id: int) -> Response:
    apply_close(request, round_id)
    return _back(request, "/rounds", "/rounds", "round_closed")


class ContactIn(BaseModel):
    """The mailbox a unit's reminders go to."""

    unit: str = Field(max_length=200)
    email: str = Field(max_length=320)


def apply_contact(request: Request, body: ContactIn) -> dict[str, Any]:
    from planwatch.store.supervision import set_contact

    with _supervised(request) as (session, user):
        row = set_contact(session, body.unit, body.email, user.username, user.role)
        return {"unit": body.unit, "email": row.email}


@router.post("/api/contacts", dependencies=[Depends(check_csrf)], tags=["supervision"], response_model=schemas.ContactAnswer,
             summary="Set the e-mail address a unit's reminders go to (planning office, admins).")
def post_contact(request: Request, body: ContactIn) -> Response:
    """Set a unit's reminder mailbox."""
    return json_response({"contact": apply_contact(request, body)})


@router.post("/contacts", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_contact_form(request: Request, unit: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "") -> Response:
    """The inbox's reminder-address form: saved, back to the inbox, which says so; refused (not an address, a unit
    not registered), the inbox again with the message beside the form and what was typed kept. The store checks the
    lengths too, so a long value is such a refusal rather than a bare error page."""
    try:
        apply_contact(request, ContactIn.model_construct(unit=unit, email=email))
    except WebError as exc:
        if exc.status_code != 422 or wants_json(request):
            raise
        return _inbox_again(request, exc, {"unit": unit, "email": email})
    return _back(request, "/inbox", "/inbox", "contact")


def _inbox_again(request: Request, exc: WebError, form: dict[str, Any]) -> Response:
    """The inbox again after a refused reminder address (a 422): the message beside the form, what was typed kept."""
    show_page_again(request, "/inbox")
    with Session(engine_of(request), expire_on_commit=False) as session:
        data = inbox(request, session)
    reason = (exc.details or {}).get("reason", "") if isinstance(exc.details, dict) else ""
    data.update(contact_error=exc.detail, contact_form=form, contact_field="unit" if reason == "unknown_unit" else "email")
    return render_template(request, "inbox.html", data, status_code=exc.status_code)


__all__ = ["router"]
