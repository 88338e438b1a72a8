"""Tasks (督办): grouped as the plan groups them, filtered by unit and status, updated by their units."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.store.db import transaction
from planwatch.web import task_queries
from planwatch.web.deps import check_csrf, current_user, db, engine_of, require_writer
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response, page

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


def _statuses() -> tuple[str, ...]:
    from planwatch.store.tasks import STATUSES

    return STATUSES


@page(router, "/tasks", "tasks.html", tags=["tasks"])
def tasks(request: Request, session: DbSession,
          plan: Annotated[int | None, Query(description="Plan; default: the newest with tasks.")] = None,
          unit: Annotated[str | None, Query(description="Responsible unit (assigned, else suggested).")] = None,
          status: Annotated[str | None, Query(description="未启动, 推进中, 已完成, 滞后 or 取消.")] = None) -> dict[str, Any]:
    """The plan's tasks in its groups, each with unit, deadline, status and history."""
    user = current_user(request)
    plan_id = plan if plan is not None else task_queries.default_plan(session)
    groups = task_queries.grouped(session, plan_id, unit, status, user) if plan_id is not None else []
    return {"groups": groups, "count": sum(len(g["tasks"]) for g in groups),
            "filters": {"plan": plan_id, "unit": unit or "", "status": status or ""},
            "choices": {"plans": task_queries.task_plans(session), "units": task_queries.units(session),
                        "statuses": list(_statuses())},
            "may_edit": bool(user and user.role in ("admin", "editor"))}


@page(router, "/tasks/{task_id:int}", "task.html", api="/api/tasks/{task_id:int}", tags=["tasks"])
def task(request: Request, task_id: int, session: DbSession) -> dict[str, Any]:
    """One task with its full history."""
    user = current_user(request)
    return {"task": task_queries.one(session, task_id, user), "choices": {"statuses": list(_statuses())}}


class TaskUpdateIn(BaseModel):
    """Progress on a task."""

    status: str | None = Field(None, description="New status: 未启动, 推进中, 已完成, 滞后 or 取消; empty: unchanged.")
    evidence: str = Field("", max_length=4000, description="What was done (进展情况).")
    link: str = Field("", max_length=500, description="A URL or path to the evidence.")
    on: date | None = Field(None, description="When the progress happened (default: today).")


def apply_update(request: Request, task_id: int, body: TaskUpdateIn) -> dict[str, Any]:
    """Check that the user answers for the task's unit, then record the update (audited by the store)."""
    from planwatch.store.tasks import update_task

    user = require_writer(request)
    with transaction(engine_of(request)) as session:
        unit = task_queries.unit_of(session, task_id)
        if not user.may_edit_unit(unit):
            raise WebError(403, "forbidden", _("Only the task's unit (%(unit)s) may update it", unit=unit or "—"),
                           {"task_id": task_id, "unit": unit, "your_units": sorted(user.units)})
        entry = update_task(session, task_id, body.status or None, who=user.username, evidence=body.evidence,
                            link=body.link, on=body.on)
        return dict(task_queries.update_dict(entry), task_id=task_id)


@router.post("/api/tasks/{task_id:int}/updates", dependencies=[Depends(check_csrf)], tags=["tasks"],
             status_code=201, summary="Record progress on a task (its unit's editors and admins).")
def post_update(request: Request, task_id: int, body: TaskUpdateIn) -> Response:
    """Add an update to the task's history (and change its status)."""
    return json_response({"update": apply_update(request, task_id, body)}, status_code=201)


@router.post("/tasks/{task_id:int}/updates", dependencies=[Depends(check_csrf)], include_in_schema=False)
def post_update_form(request: Request, task_id: int, status: Annotated[str, Form()] = "",
                     evidence: Annotated[str, Form()] = "", link: Annotated[str, Form()] = "",
                     next: Annotated[str, Form()] = "") -> Response:
    """The task form: update, then back to where the form was."""
    apply_update(request, task_id, TaskUpdateIn(status=status or None, evidence=evidence, link=link))
    target = next if next.startswith("/") and not next.startswith("//") else f"/tasks/{task_id}"
    return RedirectResponse(f"{target}#t-{task_id}", status_code=303)
