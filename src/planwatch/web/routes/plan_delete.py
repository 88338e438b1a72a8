"""Deleting a plan from the browser or the API (administrators): what goes, a confirmation, the delete.

The library's `store.plans.delete_plans` does the work in one transaction; this edge words what a plan holds
and the refusal of a plan with supervision work in the interface language.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from planwatch.store.plans import PlanContents, delete_plans, plan_contents
from planwatch.web.deps import check_csrf, engine_of, require_admin
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import N_
from planwatch.web.render import json_response, render_template

router = APIRouter()

# A plan's supervision work, part by part (PlanContents field → wording with %(n)s).
WORK: dict[str, str] = {
    "updates": N_("%(n)s task updates"), "files": N_("%(n)s evidence files"), "milestones": N_("%(n)s milestones"),
    "assigned": N_("%(n)s tasks assigned to a unit"), "co_units": N_("%(n)s co-operating units"),
    "rounds": N_("%(n)s reporting rounds"), "decided": N_("%(n)s decided follow-up proposals"),
}


def work_text(contents: PlanContents) -> str:
    """The supervision work on a plan's tasks in the interface language ("3 条任务进展记录、1 个佐证材料")."""
    return _("、").join(_(text, n=getattr(contents, field)) for field, text in WORK.items() if getattr(contents, field))


def contents_json(contents: PlanContents) -> dict[str, Any]:
    """What a plan holds, for the page and the JSON: the plan, its counts and its supervision work."""
    plan = contents.plan
    return {"plan": {"id": plan.id, "source": plan.source, "government": plan.government, "year": plan.year,
                     "title": plan.title},
            "records": plan.records, "targets": plan.targets, "actuals": contents.actuals, "tasks": contents.tasks,
            "work": {field: getattr(contents, field) for field in WORK}, "supervised": contents.supervised,
            "work_text": work_text(contents)}


def _contents(request: Request, plan_id: int) -> PlanContents:
    with Session(engine_of(request)) as session:
        return plan_contents(session, [plan_id])[0]


def delete_plan(request: Request, plan_id: int, force: bool) -> dict[str, Any]:
    """Delete one plan for the administrator behind `request`; a plan with supervision work only when `force`."""
    from planwatch.store.db import transaction

    user = require_admin(request)
    contents = _contents(request, plan_id)
    if contents.supervised and not force:
        raise WebError(409, "plan_supervised",
                       _("The tasks of plan %(source)s carry supervision work (%(work)s), which deleting the plan "
                         "discards; tick “delete it with its supervision work” (API: force=true) to delete it anyway",
                         source=contents.plan.source, work=work_text(contents)),
                       contents_json(contents))
    with transaction(engine_of(request)) as session:
        deleted = delete_plans(session, [plan_id], who=user.username, force=True)[0]
    return contents_json(deleted)


@router.get("/plans/{plan_id:int}/delete", include_in_schema=False)
def delete_page(request: Request, plan_id: int) -> Response:
    """The confirmation page: what deleting the plan removes, and its supervision work."""
    require_admin(request)
    return render_template(request, "plan_delete.html", {"c": contents_json(_contents(request, plan_id))})


@router.post("/plans/{plan_id:int}/delete", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def delete_form(request: Request, plan_id: int) -> Response:
    """The confirmation form: delete, then the plan list says what was deleted (once)."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    deleted = await run_in_threadpool(delete_plan, request, plan_id, form.get("force") == "1")
    request.state.session.put_flash("plan_deleted", {"source": deleted["plan"]["source"], "records": deleted["records"],
                                                     "tasks": deleted["tasks"]})
    return RedirectResponse("/plans", status_code=303)


@router.delete("/api/plans/{plan_id:int}", dependencies=[Depends(check_csrf)], tags=["plans"],
               summary="Delete a plan with all it holds (administrators).")
def delete_api(request: Request, plan_id: int,
               force: Annotated[bool, Query(description="Delete it even if its tasks carry supervision work.")] = False
               ) -> Response:
    """Delete the plan, its records, the actuals it supplied, its tasks with their histories and follow-ups, in one
    transaction; 409 `plan_supervised` (with what it holds) when its tasks carry supervision work and not `force`."""
    return json_response({"deleted": delete_plan(request, plan_id, force)})
