"""Deleting a plan from the browser or the API (administrators): what goes, a confirmation, the delete.

The library's `store.plans.delete_plans` does the work in one transaction; this edge words what a plan holds
and the refusal of a plan with supervision work in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError
from planwatch.store.plans import WORK_KINDS, PlanContents, PlanSupervised, delete_plans, plan_contents
from planwatch.web import schemas
from planwatch.web.deps import check_csrf, engine_of, require_admin
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.i18n import ngettext
from planwatch.web.render import json_response, render_template

router = APIRouter()

# Each kind of supervision work (store.plans.WORK_KINDS) worded with its count, in the interface language.
WORK: dict[str, Callable[[int], str]] = {
    "updates": lambda n: ngettext("%(num)s task update", "%(num)s task updates", n),
    "files": lambda n: ngettext("%(num)s evidence file", "%(num)s evidence files", n),
    "milestones": lambda n: ngettext("%(num)s milestone", "%(num)s milestones", n),
    "assigned": lambda n: ngettext("%(num)s task assigned to a unit", "%(num)s tasks assigned to a unit", n),
    "co_units": lambda n: ngettext("%(num)s co-operating unit assignment", "%(num)s co-operating unit assignments", n),
    "rounds": lambda n: ngettext("%(num)s reporting round", "%(num)s reporting rounds", n),
    "decided": lambda n: ngettext("%(num)s decided follow-up proposal", "%(num)s decided follow-up proposals", n),
}


def work_text(contents: PlanContents) -> str:
    """The supervision work on a plan's tasks in the interface language ("3 条任务进展记录、1 份佐证材料")."""
    return _("、").join(WORK[field](n) for field, n in contents.work_counts().items())


def contents_json(contents: PlanContents) -> dict[str, Any]:
    """What a plan holds, for the page and the JSON: the plan, its counts and its supervision work."""
    plan = contents.plan
    return {"plan": {"id": plan.id, "source": plan.source, "government": plan.government, "year": plan.year,
                     "title": plan.title, "kind": plan.kind},
            "records": plan.records, "targets": plan.targets, "actuals": contents.actuals, "tasks": contents.tasks,
            "achievements": contents.achievements,
            "work": {field: getattr(contents, field) for field in WORK_KINDS}, "supervised": contents.supervised,
            "work_text": work_text(contents)}


def delete_plan(request: Request, plan_id: int, force: bool) -> dict[str, Any]:
    """Delete one plan for the administrator behind `request`; a plan with supervision work only when `force`
    (PlanSupervised otherwise). What it holds is read in the deleting transaction, so work a unit recorded after
    the confirmation page was shown is seen."""
    from planwatch.store.db import transaction

    user = require_admin(request)
    with transaction(engine_of(request)) as session:  # BEGIN IMMEDIATE on SQLite: no write between read and delete
        deleted = delete_plans(session, [plan_id], who=user.username, force=force)[0]
    return contents_json(deleted)


@router.get("/plans/{plan_id:int}/delete", include_in_schema=False)
def delete_page(request: Request, plan_id: int) -> Response:
    """The confirmation page: what deleting the plan removes, and its supervision work."""
    require_admin(request)
    with Session(engine_of(request)) as session:
        contents = plan_contents(session, [plan_id])[0]
    return render_template(request, "plan_delete.html", {"c": contents_json(contents), "error": None})


@router.post("/plans/{plan_id:int}/delete", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def delete_form(request: Request, plan_id: int) -> Response:
    """The confirmation form: delete, then the plan list says what was deleted (once). Work recorded since the page was
    shown: the page again, saying so, with the box to tick. The plan already gone (a second submit): the plan list."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    try:
        deleted = await run_in_threadpool(delete_plan, request, plan_id, form.get("force") == "1")
    except PlanSupervised as refused:
        error = _("The tasks of this plan carry supervision work (%(work)s), which deleting it discards; tick the box "
                  "to delete it anyway", work=work_text(refused.contents))
        return render_template(request, "plan_delete.html", {"c": contents_json(refused.contents), "error": error},
                               status_code=409)
    except NotFoundError:
        request.state.session.put_flash("plan_deleted", {"gone": plan_id})
        return RedirectResponse("/plans", status_code=303)
    request.state.session.put_flash("plan_deleted", {"source": deleted["plan"]["source"], "records": deleted["records"],
                                                     "tasks": deleted["tasks"], "achievements": deleted["achievements"]})
    return RedirectResponse("/plans", status_code=303)


@router.delete("/api/plans/{plan_id:int}", dependencies=[Depends(check_csrf)], tags=["plans"], response_model=schemas.DeleteAnswer,
               summary="Delete a plan with all it holds (administrators).")
def delete_api(request: Request, plan_id: int,
               force: Annotated[bool, Query(description="Delete it even if its tasks carry supervision work.")] = False
               ) -> Response:
    """Delete the plan, its records, the actuals it supplied, its tasks with their histories and follow-ups, in one
    transaction; 409 `plan_supervised` (with what it holds) when its tasks carry supervision work and not `force`."""
    try:
        return json_response({"deleted": delete_plan(request, plan_id, force)})
    except PlanSupervised as refused:
        contents = refused.contents
        raise WebError(409, "plan_supervised",
                       _("The tasks of plan %(source)s carry supervision work (%(work)s), which deleting the plan "
                         "discards; pass force=true to delete it anyway", source=contents.plan.source,
                         work=work_text(contents)), contents_json(contents)) from None
