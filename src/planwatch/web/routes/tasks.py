"""Tasks (督办): the paged list with its per-unit summary, one task's cycle (assign, report, sign-off), evidence files.

Every write exists twice: a JSON API route under ``/api`` (token or cookie + CSRF header) and a
form route for the pages (cookie + CSRF field), which redirects back with ``?saved=…`` so the
page confirms what was saved. The rules are the store's (`planwatch.store.supervision`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from planwatch.monitor.vocabulary import TASK_STATUSES
from planwatch.store.accounts import Principal
from planwatch.store.db import transaction
from planwatch.store.supervision import SIGNOFF_STATES, settable_statuses
from planwatch.web import filters, schemas, task_queries
from planwatch.web import supervision as views
from planwatch.web.deps import check_csrf, current_user, db, engine_of, require_reader, require_user, settings_of
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.redirects import back_to, local_path
from planwatch.web.render import json_response, page, render_template, show_page_again

router = APIRouter()
EVIDENCE_CHARS = 4000  # a report's text (进展情况): the form's maxlength and counter say so
LINK_CHARS = 500
DbSession = Annotated[Session, Depends(db)]


def _day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD form or query value (None when empty); 422 in the interface language otherwise."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise WebError(422, "validation_error", _("%(field)s: %(value)s is not a date (YYYY-MM-DD)",
                                                  field=name, value=value)) from None


@contextmanager
def _supervised(request: Request) -> Iterator[tuple[Session, Principal]]:
    """A write transaction for the logged-in user; supervision refusals become errors in the interface language."""
    from planwatch.store.supervision import SupervisionDenied, SupervisionError

    user = require_user(request)
    try:
        with transaction(engine_of(request)) as session:
            yield session, user
    except (SupervisionError, SupervisionDenied) as exc:
        raise views.translate_error(exc) from None


def _back(request: Request, next_url: str, fallback: str, saved: str, anchor: str = "") -> RedirectResponse:
    """Redirect to `next_url` (a local page that answers GET) or `fallback`, saying what was saved."""
    target = back_to(request, next_url.split("#", 1)[0], fallback)
    target = _without_saved(target)
    target += ("&" if "?" in target else "?") + f"saved={saved}"
    return RedirectResponse(target + (f"#{anchor}" if anchor else ""), status_code=303)


def _without_saved(target: str) -> str:
    """`target` without a ``saved=`` left from an earlier write (the new one is added)."""
    parts = urlsplit(target)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "saved"]
    return parts.path + ("?" + urlencode(pairs) if pairs else "")


def task_back(task_id: int, next_url: str = "") -> str:
    """The task page to come back to after a form on it: /tasks/<id>, with the query of `next_url` when that is it.

    Whatever address rendered the page (a refused report re-renders it at /tasks/<id>/updates), its
    forms send the browser back here, never to a POST-only address.
    """
    page = f"/tasks/{task_id}"
    parts = urlsplit(local_path(next_url) or "")
    return _without_saved(page + ("?" + parts.query if parts.path == page and parts.query else ""))


def _task_page_again(request: Request, task_id: int, next_url: str, exc: WebError, which: str,
                     form: dict[str, Any]) -> Response:
    """The task page again after a refused form on it (a 422): the message beside that form, what was typed kept.

    It is shown at the form's POST address but as the task page (`show_page_again`): its forms,
    links and language switch lead back to /tasks/<id>, with the query the page had.
    """
    back = task_back(task_id, next_url)
    query = urlsplit(back).query
    show_page_again(request, f"/tasks/{task_id}", query)
    try:
        as_of = _day(QueryParams(query).get("as_of"), "as_of")
    except WebError:
        as_of = None
    with Session(engine_of(request), expire_on_commit=False) as session:
        data = task(request, task_id, session, as_of=as_of)
    data.update(back=back, errors={which: exc.detail}, forms={which: form})
    return render_template(request, "task.html", data, status_code=exc.status_code)


def _list_filters(params: QueryParams) -> dict[str, Any]:
    """The task list's filters in a query string, as `tasks()` takes them (anything invalid: its default)."""
    def number(key: str, low: int, high: int, default: int | None) -> int | None:
        value = params.get(key, "")
        ok = value.isascii() and value.isdigit()  # '²'.isdigit() is True, int('²') raises
        return int(value) if ok and low <= int(value) <= high else default

    try:
        as_of = date.fromisoformat(params.get("as_of", ""))
    except ValueError:
        as_of = None
    group = params.get("group", "section")
    return {"plan": number("plan", 1, 2**63 - 1, None), "unit": params.get("unit") or None,
            "status": params.get("status") or None, "signoff": params.get("signoff") or None,
            "late": params.get("late") == "true",
            "assigned": {"true": True, "false": False}.get(params.get("assigned", "")), "as_of": as_of,
            "group": group if group in ("section", "unit") else "section",
            "page": number("page", 1, 100_000, 1) or 1, "size": number("size", 5, 500, views.PAGE_SIZE) or views.PAGE_SIZE,
            "saved": None}


def _list_again(request: Request, next_url: str, exc: WebError, form: dict[str, Any]) -> Response:
    """The task list again after a refused bulk assignment (a 422): the message beside the form, the input and the
    ticked tasks kept, the list's filters and page as they were (from the form's `next`)."""
    parts = urlsplit(back_to(request, next_url, "/tasks"))
    query = parts.query if parts.path == "/tasks" else ""
    show_page_again(request, "/tasks", query)
    with Session(engine_of(request), expire_on_commit=False) as session:
        data = tasks(request, session, **_list_filters(QueryParams(query)))
    data.update(bulk_error=exc.detail, bulk_form=form)
    return render_template(request, "tasks.html", data, status_code=exc.status_code)


# ---------------------------------------------------------------- pages


@page(router, "/tasks", "tasks.html", tags=["tasks"], model=schemas.TasksPage)
def tasks(request: Request, session: DbSession,
          plan: Annotated[int | None, Query(description="Plan; default: the newest with tasks.")] = None,
          unit: Annotated[str | None, Query(description="Lead unit (assigned, else suggested).")] = None,
          status: Annotated[str | None, Query(description=", ".join(TASK_STATUSES) + ".")] = None,
          signoff: Annotated[str | None, Query(description="requested (awaiting sign-off), returned or approved.")] = None,
          late: Annotated[bool, Query(description="Only tasks late on the as-of date.")] = False,
          assigned: Annotated[bool | None, Query(description="true: only tasks assigned to a unit; false: only those "
                                                             "not assigned yet (a unit only suggested).")] = None,
          as_of: Annotated[date | None, Query(description="Judge deadlines as of this date (default: today).")] = None,
          group: Annotated[str, Query(pattern="^(section|unit)$", description="Group by the plan's sections or by unit.")] = "section",
          page: Annotated[int, Query(ge=1, le=100_000, description="Page number.")] = 1,
          size: Annotated[int, Query(ge=1, le=500, description="Tasks per page.")] = views.PAGE_SIZE,
          saved: Annotated[str | None, Query(include_in_schema=False)] = None) -> dict[str, Any]:
    """The plan's tasks, paged and grouped, with a per-unit summary (total, on time, late, awaiting sign-off) as of a date."""
    from planwatch.store.supervision import is_office

    user = current_user(request)
    filters.known(session, plan=plan)
    filters.one_of("status", status, TASK_STATUSES)
    filters.one_of("signoff", signoff, SIGNOFF_STATES[1:])
    plan_id = plan if plan is not None else task_queries.default_plan(session)
    as_of = as_of or date.today()
    data = views.task_list(session, user, plan_id, unit, status, signoff, late, as_of, page, size, group, assigned)
    plans = task_queries.task_plans(session, task_queries.PLAN_CHOICES, chosen=plan_id)  # the newest, not all 6,500 (740 KB of options)
    data.update({
        "filters": {"plan": plan_id, "unit": unit or "", "status": status or "", "signoff": signoff or "",
                    "late": late, "as_of": as_of, "group": group, "assigned": assigned},
        # the filter: the units of the plan's tasks; assignment: the units of the plan's government and unplaced ones
        "choices": {"plans": plans, "more_plans": len(plans) >= task_queries.PLAN_CHOICES,  # older: /plans
                    "filter_units": task_queries.filter_units(session, plan_id),
                    **task_queries.unit_choices(session, plan_id), "statuses": list(TASK_STATUSES)},
        "may_assign": bool(user and is_office(user.role)),
        "saved": views.saved_message(saved),
    })
    data["page_numbers"] = views.paging_numbers(data["paging"])
    return data


@page(router, "/tasks/{task_id:int}", "task.html", api="/api/tasks/{task_id:int}", tags=["tasks"], model=schemas.TaskPage)
def task(request: Request, task_id: int, session: DbSession,
         as_of: Annotated[date | None, Query(description="Judge deadlines as of this date (default: today).")] = None,
         saved: Annotated[str | None, Query(include_in_schema=False)] = None) -> dict[str, Any]:
    """One task: units, deadline, milestones, evidence files, sign-off state and its full history."""
    user = current_user(request)
    as_of = as_of or date.today()
    shown = views.task_page(session, task_id, user, as_of)
    data: dict[str, Any] = {"task": shown, "as_of": as_of,
            "choices": {"statuses": list(settable_statuses(user.role if user else None)),  # as 我的任务's forms
                        **task_queries.unit_choices(session, shown["plan_id"])},
            "saved": views.saved_message(saved)}
    if saved and data["task"]["history"]:
        data["saved_by"] = data["task"]["history"][0]["who_name"]
    return data


# ---------------------------------------------------------------- reports (the unit's editors)


class TaskUpdateIn(BaseModel):
    """A unit's report on its task."""

    status: str | None = Field(None, description="New status: 推进中 or 滞后; 已完成 asks the office for sign-off. "
                                                  "The office may set any status. Empty: unchanged.")
    progress: int | None = Field(None, ge=0, le=100, description="Percentage done, 0–100.")
    evidence: str = Field("", max_length=EVIDENCE_CHARS, description="What was done (进展情况).")
    link: str = Field("", max_length=LINK_CHARS, description="A URL or path to the evidence.")
    on: date | None = Field(None, description="When the progress happened (default: today).")


def _read_uploads(request: Request, files: list[UploadFile]) -> list[Any]:
    """The uploaded files as `Upload`s (reading at most the size limit + 1 byte of each)."""
    from planwatch.store.supervision import Upload

    limit = settings_of(request).evidence_max_bytes
    return [Upload(f.filename or "", f.file.read(limit + 1)) for f in files if f.filename]


def apply_report(request: Request, task_id: int, body: TaskUpdateIn, uploads: list[Any] | None = None) -> dict[str, Any]:
    """Record a report under the store's rules (audited there); returns the history entry."""
    from planwatch.store.supervision import report

    with _supervised(request) as (session, user):
        entry = report(session, task_id, user.username, user.role, set(user.units), status=body.status or None,
                       progress=body.progress, evidence=body.evidence, link=body.link, on=body.on, uploads=uploads,
                       settings=settings_of(request))
        return dict(task_queries.update_dict(entry), task_id=task_id, progress=entry.progress,
                    signoff=entry.task.signoff, who_name=user.display_name)


@router.post("/api/tasks/{task_id:int}/updates", dependencies=[Depends(check_csrf)], tags=["tasks"], response_model=schemas.UpdateAnswer,
             status_code=201, summary="Report on a task (its unit's editors; the planning office and admins).")
def post_update(request: Request, task_id: int, body: TaskUpdateIn) -> Response:
    """Add a report to the task's history; 已完成 from a unit is a sign-off request."""
    return json_response({"update": apply_report(request, task_id, body)}, status_code=201)


@router.post("/api/tasks/{task_id:int}/files", dependencies=[Depends(check_csrf)], tags=["tasks"], status_code=201,
             response_model=schemas.UpdateAnswer,
             summary="Report on a task with evidence files (multipart: files, evidence, progress, status).")
def post_files(request: Request, task_id: int,
               files: Annotated[list[UploadFile], File(description="PDF, images or Office documents.")],
               evidence: Annotated[str, Form(max_length=4000)] = "", status: Annotated[str, Form()] = "",
               progress: Annotated[int | None, Form(ge=0, le=100)] = None,
               link: Annotated[str, Form(max_length=500)] = "") -> Response:
    """Attach files (with an optional text, progress and status) as one report."""
    body = TaskUpdateIn(status=status or None, progress=progress, evidence=evidence, link=link)
    return json_response({"update": apply_report(request, task_id, body, _read_uploads(request, files))},
                         status_code=201)


@router.post("/tasks/{task_id:int}/updates", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_update_form(request: Request, task_id: int, status: Annotated[str, Form()] = "",
                     evidence: Annotated[str, Form()] = "", link: Annotated[str, Form()] = "",
                     progress: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "",
                     files: Annotated[list[UploadFile] | None, File()] = None) -> Response:
    """The report form (multipart, with files): report, then back to the page with a confirmation.

    The lengths are checked here, not by the form's declaration: a refusal there was a bare error page that showed
    the liaison logged out, the text and the files gone (review ux4 #14); here it is the form again, the message
    beside the field, the text kept."""
    typed = {"status": status, "evidence": evidence, "link": link, "progress": progress}
    for field, limit, label in (("evidence", EVIDENCE_CHARS, _("What was done")), ("link", LINK_CHARS, _("Link"))):
        if len(typed[field]) > limit:
            message = _("%(field)s may have at most %(limit)s characters; it has %(count)s. Shorten it, or put the "
                        "details in an attached file", field=label, limit=limit, count=len(typed[field]))
            return _task_page_again(request, task_id, next, WebError(422, "validation_error", message), "report",
                                    dict(typed, field=field, message=message))
    value = progress.strip().rstrip("%")
    if value and not value.isdigit():
        exc = WebError(422, "validation_error", _("Progress %(progress)s: give a percentage from 0 to 100", progress=progress))
        return _task_page_again(request, task_id, next, exc, "report",
                                {"status": status, "evidence": evidence, "link": link, "progress": progress})
    body = TaskUpdateIn.model_construct(status=status or None, progress=int(value) if value else None,
                                        evidence=evidence, link=link, on=None)
    try:
        result = apply_report(request, task_id, body, _read_uploads(request, files or []))
    except WebError as exc:
        if exc.status_code not in (422, 507):  # 507: the server's disk is full (review ux4 #13)
            raise
        # the task page again, with the message beside the form and what was typed kept (files must be chosen again)
        return _task_page_again(request, task_id, next, exc, "report",
                                {"status": status, "evidence": evidence, "link": link, "progress": progress})
    saved = "request" if result["source"] == "request" else "report"
    return _back(request, next, f"/tasks/{task_id}", saved, f"t-{task_id}")


# ---------------------------------------------------------------- sign-off (the planning office)


class ReviewIn(BaseModel):
    """The office's decision on a sign-off request."""

    decision: str = Field(description="approve (销号) or return (退回).")
    reason: str = Field("", max_length=2000, description="Why it is sent back (required for return).")


def apply_review(request: Request, task_id: int, body: ReviewIn) -> dict[str, Any]:
    from planwatch.store.supervision import review

    with _supervised(request) as (session, user):
        entry = review(session, task_id, body.decision, user.username, user.role, body.reason)
        return dict(task_queries.update_dict(entry), task_id=task_id, status=entry.task.status, signoff=entry.task.signoff)


@router.post("/api/tasks/{task_id:int}/review", dependencies=[Depends(check_csrf)], tags=["tasks"], response_model=schemas.ReviewAnswer,
             summary="Approve (销号) or send back a sign-off request (planning office, admins).")
def post_review(request: Request, task_id: int, body: ReviewIn) -> Response:
    """Decide a unit's sign-off request; only approved tasks count as completed."""
    return json_response({"review": apply_review(request, task_id, body)})


@router.post("/tasks/{task_id:int}/review", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_review_form(request: Request, task_id: int, decision: Annotated[str, Form()],
                     reason: Annotated[str, Form(max_length=2000)] = "", next: Annotated[str, Form()] = "") -> Response:
    apply_review(request, task_id, ReviewIn(decision=decision, reason=reason))
    return _back(request, next, f"/tasks/{task_id}", "approve" if decision == "approve" else "return", f"t-{task_id}")


# ---------------------------------------------------------------- assignment and milestones (the planning office)


class AssignIn(BaseModel):
    """Lead unit, co-units and deadline of one task or several."""

    task_ids: list[int] = Field(default_factory=list, max_length=1000, description="Tasks (bulk route only).")
    unit: str | None = Field(None, max_length=200, description="Lead unit (牵头单位); empty: unchanged.")
    co_units: list[str] | None = Field(None, max_length=50, description="Co-units (协办单位), replacing the current ones; null: unchanged.")
    deadline: date | None = Field(None, description="Deadline (完成时限); null: unchanged.")
    version: str | None = Field(None, max_length=64, description="One task only: the `version` of the task as you read "
                                "it (GET /api/tasks/{id}); if someone assigned it since, nothing is saved (409).")


def apply_assign(request: Request, ids: list[int], body: AssignIn) -> list[dict[str, Any]]:
    from planwatch.store.supervision import assign, assign_many, assignment_version, co_units

    with _supervised(request) as (session, user):
        if body.version is not None and len(ids) == 1:  # one task, as read: refused if it was assigned since
            tasks = [assign(session, ids[0], user.username, user.role, body.unit or None, body.co_units, body.deadline,
                            version=body.version)]
        else:
            tasks = assign_many(session, ids, user.username, user.role, body.unit or None, body.co_units, body.deadline)
        co = co_units(session, [t.id for t in tasks])
        return [{"id": t.id, "unit": t.unit_name, "co_units": co.get(t.id, []), "deadline": t.deadline,
                 "version": assignment_version(t, co.get(t.id, []))} for t in tasks]


@router.post("/api/tasks/{task_id:int}/assign", dependencies=[Depends(check_csrf)], tags=["tasks"], response_model=schemas.AssignAnswer,
             summary="Assign a task's lead unit, co-units and deadline (planning office, admins).")
def post_assign(request: Request, task_id: int, body: AssignIn) -> Response:
    """Assign one task."""
    return json_response({"tasks": apply_assign(request, [task_id], body)})


@router.post("/api/tasks/assign", dependencies=[Depends(check_csrf)], tags=["tasks"], response_model=schemas.AssignAnswer,
             summary="Assign many tasks at once (planning office, admins): all or none.")
def post_assign_many(request: Request, body: AssignIn) -> Response:
    """Bulk assignment from the list."""
    return json_response({"tasks": apply_assign(request, body.task_ids, body)})


def _co_list(values: list[str]) -> list[str]:
    """Co-units from a form: several fields and/or one field split on 、，, and new lines."""
    import re

    return [part for value in values for part in re.split(r"[、，,;；\n]+", value) if part.strip()]


@router.post("/tasks/{task_id:int}/assign", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_assign_form(request: Request, task_id: int, unit: Annotated[str, Form()] = "",
                     co_units: Annotated[list[str] | None, Form()] = None, deadline: Annotated[str, Form()] = "",
                     version: Annotated[str, Form(max_length=64)] = "", next: Annotated[str, Form()] = "") -> Response:
    try:
        body = AssignIn(unit=unit or None, co_units=_co_list(co_units or []), deadline=_day(deadline, _("Deadline")),
                        version=version or None)
        apply_assign(request, [task_id], body)
    except WebError as exc:
        if exc.status_code == 409:  # assigned by someone else since the page was shown: the page as it is now
            return _task_page_again(request, task_id, next, exc, "assign", {})
        if exc.status_code != 422:
            raise
        return _task_page_again(request, task_id, next, exc, "assign",
                                {"unit": unit, "co_units": _co_list(co_units or []), "deadline": deadline})
    return _back(request, next, f"/tasks/{task_id}", "assign", f"t-{task_id}")


@router.post("/tasks/assign", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_assign_many_form(request: Request, task_ids: Annotated[list[int] | None, Form()] = None,
                          unit: Annotated[str, Form()] = "", co_units: Annotated[str, Form()] = "",
                          deadline: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    co = _co_list([co_units]) if co_units.strip() else None
    try:
        body = AssignIn(unit=unit or None, co_units=co, deadline=_day(deadline, _("Deadline")))
        apply_assign(request, task_ids or [], body)
    except WebError as exc:
        if exc.status_code != 422:
            raise
        return _list_again(request, next, exc, {"unit": unit, "co_units": co_units, "deadline": deadline,
                                                "task_ids": set(task_ids or [])})
    return _back(request, next, "/tasks", "assign")


class MilestoneIn(BaseModel):
    """A milestone (节点) of a task."""

    title: str = Field(max_length=300, description="What is to be reached, e.g. 完成立项.")
    due: date | None = Field(None, description="By when.")


def apply_milestone(request: Request, task_id: int, body: MilestoneIn) -> dict[str, Any]:
    from planwatch.store.supervision import add_milestone

    with _supervised(request) as (session, user):
        row = add_milestone(session, task_id, body.title, body.due, user.username, user.role)
        return {"id": row.id, "task_id": task_id, "title": row.title, "due": row.due, "done_on": row.done_on}


@router.post("/api/tasks/{task_id:int}/milestones", dependencies=[Depends(check_csrf)], tags=["tasks"], status_code=201,
             response_model=schemas.MilestoneAnswer,
             summary="Add a milestone to a task (planning office, admins).")
def post_milestone(request: Request, task_id: int, body: MilestoneIn) -> Response:
    """Add a milestone."""
    return json_response({"milestone": apply_milestone(request, task_id, body)}, status_code=201)


@router.post("/tasks/{task_id:int}/milestones", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_milestone_form(request: Request, task_id: int, title: Annotated[str, Form(max_length=300)] = "",
                        due: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    try:
        apply_milestone(request, task_id, MilestoneIn(title=title, due=_day(due, _("Due"))))
    except WebError as exc:
        if exc.status_code != 422:
            raise
        return _task_page_again(request, task_id, next, exc, "milestone", {"title": title, "due": due})
    return _back(request, next, f"/tasks/{task_id}", "milestone", "milestones")


def apply_milestone_done(request: Request, milestone_id: int) -> dict[str, Any]:
    from planwatch.store.supervision import complete_milestone

    with _supervised(request) as (session, user):
        row = complete_milestone(session, milestone_id, user.username, set(user.units), user.role)
        return {"id": row.id, "task_id": row.task_id, "title": row.title, "due": row.due, "done_on": row.done_on}


@router.post("/api/milestones/{milestone_id:int}/done", dependencies=[Depends(check_csrf)], tags=["tasks"],
             response_model=schemas.MilestoneAnswer,
             summary="Mark a milestone reached (the task's lead unit, planning office, admins).")
def post_milestone_done(request: Request, milestone_id: int) -> Response:
    """Mark a milestone reached today."""
    return json_response({"milestone": apply_milestone_done(request, milestone_id)})


@router.post("/milestones/{milestone_id:int}/done", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_milestone_done_form(request: Request, milestone_id: int, next: Annotated[str, Form()] = "") -> Response:
    row = apply_milestone_done(request, milestone_id)
    return _back(request, next, f"/tasks/{row['task_id']}", "milestone", "milestones")


# ---------------------------------------------------------------- evidence files


def _serve_file(request: Request, file_id: int, session: Session) -> Response:
    """The file's bytes, to users who may read tasks (logged in, unless evidence_public)."""
    from planwatch.store.supervision import file_path, get_file

    settings = settings_of(request)
    user = require_reader(request)
    if user is None and not settings.evidence_public:
        raise WebError(401, "unauthorized", _("Please log in to see evidence files"))
    row = get_file(session, file_id)
    path = file_path(row.sha256, settings)
    if not path.is_file():
        raise WebError(404, "not_found", _("The file of %(name)s is missing from the evidence folder", name=row.name))
    inline = row.content_type.startswith("image/") or row.content_type == "application/pdf"
    disposition = f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(row.name)}"
    return FileResponse(path, media_type=row.content_type, headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        "Cache-Control": "private, max-age=3600"})


@router.get("/files/{file_id:int}", include_in_schema=False)
def evidence_file(request: Request, file_id: int, session: DbSession) -> Response:
    return _serve_file(request, file_id, session)


@router.get("/api/files/{file_id:int}", tags=["tasks"], summary="An evidence file (logged-in users).",
            response_class=Response, responses=schemas.download("The file, with its own type (PDF, image, Office "
                                                                "document …).", "application/octet-stream"))
def evidence_file_api(request: Request, file_id: int, session: DbSession) -> Response:
    """The bytes of an evidence file, with its type and name."""
    return _serve_file(request, file_id, session)


__all__ = ["router"]
