"""Supervision (督办) views: the paged task list with its per-unit summary, one task with its cycle, inbox, rounds.

Data only (JSON-ready dicts); the routes in `web.routes.tasks` and `web.routes.rounds` render
them as pages and as JSON. The rules themselves live in `planwatch.store.supervision`.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.store.supervision import SupervisionDenied, SupervisionError
from planwatch.web import paging
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import N_
from planwatch.web.task_queries import task_dict, update_dict

PAGE_SIZE = 40

# Messages of the store's supervision rules, by reason code, in the interface language.
MESSAGES: dict[str, str] = {
    "office_only": N_("Only the planning office or an administrator may do this"),
    "not_your_unit": N_("Only the task's unit (%(unit)s) may do this"),
    "unknown_unit": N_("Unit %(unit)s does not exist; choose one from the list"),
    "other_government": N_("Unit %(unit)s belongs to %(government)s, not to %(plan_government)s whose plan this task "
                           "is of; choose one of %(plan_government)s's units"),
    "co_is_lead": N_("%(unit)s is the lead unit; it cannot also be a co-unit"),
    "no_tasks": N_("Choose at least one task"),
    "nothing_to_assign": N_("Give a lead unit, co-units or a deadline"),
    "milestone_title": N_("A milestone needs a title"),
    "milestone_done": N_("Milestone %(title)s is already reached"),
    "file_type": N_("%(name)s: this type of file is not accepted; accepted: %(types)s"),
    "file_empty": N_("%(name)s: the file is empty"),
    "file_size": N_("%(name)s: larger than the limit of %(limit)s"),
    "file_content": N_("%(name)s: the content is not a .%(type)s file"),
    "bad_status": N_("Status %(status)s is unknown; use one of %(statuses)s"),
    "bad_progress": N_("Progress %(progress)s: give a percentage from 0 to 100"),
    "bad_link": N_("Link %(link)s must start with http:// or https://"),
    "future_date": N_("The date %(on)s is after today (%(today)s): record progress on the day it happened"),
    "empty_report": N_("A report needs progress, evidence, a link, a file or a new status"),
    "signed_off": N_("The task is signed off; only the planning office can reopen it"),
    "co_status": N_("A co-unit adds progress; only the lead unit changes the status"),
    "cancel_office": N_("Only the planning office cancels a task"),
    "back_to_start": N_("A task that has started cannot go back to not started"),
    "completion_evidence": N_("Asking for sign-off needs evidence: a description, a link or a file"),
    "bad_decision": N_("Decide approve or return"),
    "no_request": N_("This task has no sign-off request to decide"),
    "already_signed_off": N_("This task is already signed off (%(on)s, %(who)s)"),
    "return_reason": N_("Sending a task back needs a reason the unit can act on"),
    "round_title": N_("A reporting round needs a title"),
    "round_due": N_("The due date %(due)s is before the round opens (%(opened)s)"),
    "round_no_plan": N_("No plan is stored: ingest one first"),
    "round_no_tasks": N_("No stored plan has tasks: extract them first"),
    "storage_full": N_("The server has no storage space left: the report was not saved. Please contact the "
                       "administrator"),
    "round_plan_ambiguous": N_("Choose the plan the round is for: %(count)s could be meant (%(plans)s)"),
    "bad_email": N_("%(email)s is not an e-mail address"),
    "stale_assignment": N_("This task was changed by %(who)s (%(on)s) after you opened it: nothing was saved. "
                           "Reload the page and assign again"),
}
# refusals that are a conflict with someone else's change (HTTP 409), not bad input
CONFLICTS = frozenset({"stale_assignment"})

# What the page says after a write (``?saved=…``).
SAVED: dict[str, str] = {
    "report": N_("Your report is saved."),
    "request": N_("Your report is saved and sign-off is requested from the planning office."),
    "assign": N_("The assignment is saved."),
    "milestone": N_("The milestone is saved."),
    "approve": N_("The task is signed off."),
    "return": N_("The task is sent back to its unit."),
    "round": N_("The reporting round is saved."),
    "round_closed": N_("The reporting round is closed."),
    "contact": N_("The unit's e-mail address is saved."),
}

SIGNOFF_LABELS: dict[str, str] = {
    "requested": N_("awaiting sign-off"), "returned": N_("sent back"), "approved": N_("signed off"), "": "",
}
# the history entries that are reports on the task's progress (a unit's, or the office's own entry), not steps of the
# office's (assignment, milestone, sign-off decision) nor a follow-up proposal
REPORT_SOURCES = ("report", "request", "manual", "import")
SOURCE_LABELS: dict[str, str] = {
    "report": N_("report"), "request": N_("sign-off requested"), "approve": N_("signed off"),
    "return": N_("sent back"), "assign": N_("assignment"), "milestone": N_("milestone"), "manual": N_("update"),
    "import": N_("Excel import"), "followup": N_("follow-up"),
}


def saved_message(saved: str | None) -> str:
    """The confirmation for ``?saved=…`` in the interface language ("" for none or an unknown key)."""
    message = SAVED.get(saved or "")
    return _(message) if message else ""


def translate_error(exc: SupervisionError | SupervisionDenied) -> WebError:
    """The store's refusal as a WebError in the interface language (422, or 403 for a permission)."""
    text = MESSAGES.get(exc.reason)
    message = _(text, **exc.params) if text else str(exc)
    if isinstance(exc, SupervisionDenied):
        return WebError(403, "forbidden", message, {"reason": exc.reason})
    if exc.reason == "storage_full":  # the server's disk, not the user's input: 507, said in words (review ux4 #13)
        return WebError(507, "insufficient_storage", message, {"reason": exc.reason})
    if exc.reason in CONFLICTS:
        return WebError(409, "conflict", message, {"reason": exc.reason, **exc.params})
    return WebError(422, "validation_error", message, {"reason": exc.reason, "problems": [message]})


def capabilities(user: Principal | None, task: Any, co: list[str]) -> dict[str, bool]:
    """What `user` may do on this task: assign (office), report, change status, review."""
    from planwatch.store.supervision import is_office

    office = bool(user and is_office(user.role))
    units = user.units if user else frozenset()
    lead = bool(user and user.role == "editor" and task.unit_name in units)
    co_unit = bool(user and user.role == "editor" and units.intersection(co))
    open_to_unit = task.status != "已完成"
    return {
        "assign": office, "review": office and task.signoff == "requested",
        "report": office or ((lead or co_unit) and open_to_unit),
        "status": office or (lead and open_to_unit), "office": office,
    }


def names_for(session: Session, user: Principal | None, logins: set[str]) -> dict[str, str]:
    """{login: the name shown for it}: the display name (`store.supervision.display_names`); to a visitor not logged
    in never a login name (review ux4 #9: anonymous /api/tasks/{id} published "jyj", "duban" — half of what a
    password guess needs): the display name, else the user's units, else its role; a name no account has (a command
    run by the operator) as the planning office."""
    from planwatch.store.accounts import User
    from planwatch.store.supervision import display_names
    from planwatch.web.labels import label

    if user is not None or not logins:
        return display_names(session, logins)
    from sqlalchemy import select

    out = {login: _("planning office") for login in logins}
    for row in session.scalars(select(User).where(User.username.in_(sorted(logins)))):
        units = "、".join(sorted(u.unit for u in row.units))
        out[row.username] = row.display_name or units or label(row.role, "role")
    return out


def task_view(session: Session, task: Any, user: Principal | None, co: list[str] | None = None,
              names: dict[str, str] | None = None, history: bool = True,
              supervised: bool | None = None) -> dict[str, Any]:
    """A task as data for the supervision pages: the ledger fields plus co-units, progress, sign-off, and the version
    of its assignment a form sends back (`store.supervision.assignment_version`). `supervised`: `task_dict`'s."""
    from planwatch.store.supervision import assignment_version

    data = task_dict(task, user, history=history, supervised=supervised)
    co = co if co is not None else []
    names = names or {}
    data.update({
        "co_units": co, "progress": task.progress, "signoff": task.signoff,
        "signoff_label": _(SIGNOFF_LABELS[task.signoff]) if SIGNOFF_LABELS.get(task.signoff) else "",
        "can": capabilities(user, task, co), "version": assignment_version(task, co),
    })
    data["can_edit"] = data["can"]["report"]
    for entry in ([data["last_update"]] if data["last_update"] else []) + data.get("history", []):
        entry["who_name"] = names.get(entry["who"], entry["who"])
        if user is None:  # a visitor reads names, never login names (`names_for`)
            entry["who"] = entry["who_name"]
    if data["last_update"]:  # what the latest entry was, for lists that show it without its text (a sign-off has none)
        source = data["last_update"]["source"]
        data["last_update"]["source_label"] = _(SOURCE_LABELS[source]) if source in SOURCE_LABELS else source
    # the latest report on the task (the task list's 最近报送): not the office's assignment, milestone or decision
    report = next((u for u in reversed(task.updates) if u.source in REPORT_SOURCES), None)
    data["last_report"] = None
    if report is not None:
        data["last_report"] = dict(update_dict(report), who_name=names.get(report.who, report.who),
                                   progress=report.progress, source_label=_(SOURCE_LABELS[report.source]))
        if user is None:
            data["last_report"]["who"] = data["last_report"]["who_name"]
    return data


def _update_view(entry: Any, names: dict[str, str]) -> dict[str, Any]:
    data = update_dict(entry)
    data.update(who_name=names.get(entry.who, entry.who), progress=entry.progress,
                source_label=_(SOURCE_LABELS[entry.source]) if entry.source in SOURCE_LABELS else entry.source)
    return data


def task_list(session: Session, user: Principal | None, plan_id: int | None, unit: str | None, status: str | None,
              signoff: str | None, late: bool, as_of: date, page: int, size: int = PAGE_SIZE,
              group_by: str = "section", assigned: bool | None = None) -> dict[str, Any]:
    """The paged, grouped task list with its per-unit summary as of `as_of`; `assigned`: only the tasks assigned to a
    unit (True), only those not assigned yet (False), or both."""
    from planwatch.store.supervision import co_units, is_late, summary, tracked_plans, under_supervision
    from planwatch.store.tasks import TaskFilter, TaskGroup, list_tasks

    everything = list_tasks(session, TaskFilter(plan_id=plan_id)) if plan_id is not None else []
    tracked = tracked_plans(session, [plan_id])
    lines, total_line = summary(everything, as_of, tracked)
    unit = (unit or "").strip() or None  # "区教育局 " filters as 区教育局 (review ux5 #15)
    chosen = [t for t in everything if (not unit or t.unit_name == unit) and (not status or t.status == status)
              and (not signoff or t.signoff == signoff) and (not late or is_late(t, as_of, tracked))
              and (assigned is None or (t.unit is not None) == assigned)]
    if group_by == "unit":
        chosen.sort(key=lambda t: (t.unit_name or "—", t.position))
    page = paging.clamp(page, len(chosen), size)  # past the last page: the last one
    shown = chosen[(page - 1) * size: page * size]
    co = co_units(session, [t.id for t in shown])
    names = names_for(session, user, {u.who for t in shown for u in t.updates})
    groups: list[dict[str, Any]] = []
    titles: dict[int, Any] = {}
    if group_by != "unit":
        ids = sorted({t.group_id for t in shown})
        if ids:
            from sqlalchemy import select

            titles = {g.id: g for g in session.scalars(select(TaskGroup).where(TaskGroup.id.in_(ids)))}
    for task in shown:
        key = task.unit_name or "—" if group_by == "unit" else task.group_id
        if not groups or groups[-1]["key"] != key:
            if group_by == "unit":
                groups.append({"key": key, "label": "", "title": key, "tasks": []})
            else:
                group = titles.get(task.group_id)
                groups.append({"key": key, "label": group.label if group else "", "title": group.title if group else "",
                               "tasks": []})
        view = task_view(session, task, user, co.get(task.id, []), names, history=False,
                         supervised=under_supervision(task, tracked))
        view["late"] = is_late(task, as_of, tracked)
        groups[-1]["tasks"].append(view)
    return {
        "as_of": as_of, "summary": [asdict(line) for line in lines], "total": asdict(total_line),
        # the plan under supervision (督办): else no task of it is late, and its units are only suggestions
        "plan_supervised": plan_id in tracked, "unassigned": sum(line.total for line in lines if line.suggested),
        "groups": groups, "count": len(chosen),
        "paging": paging.paging(page, len(chosen), size),
    }


def task_page(session: Session, task_id: int, user: Principal | None, as_of: date) -> dict[str, Any]:
    """One task with co-units, milestones, evidence files and its history (display names)."""
    from planwatch.store.supervision import (
        co_units,
        files,
        is_late,
        milestones,
        tracked_plans,
        under_supervision,
    )
    from planwatch.store.tasks import get_task

    task = get_task(session, task_id)
    rows = files(session, task.id)
    names = names_for(session, user, {u.who for u in task.updates} | {f.who for f in rows})
    tracked = tracked_plans(session, [task.plan_id])
    data = task_view(session, task, user, co_units(session, [task.id]).get(task.id, []), names,
                     supervised=under_supervision(task, tracked))
    by_update: dict[int | None, list[dict[str, Any]]] = {}
    for f in rows:
        by_update.setdefault(f.update_id, []).append(
            {"id": f.id, "name": f.name, "size": f.size, "content_type": f.content_type, "sha256": f.sha256,
             "who": f.who if user is not None else names.get(f.who, f.who), "who_name": names.get(f.who, f.who),
             "at": f.at, "url": f"/files/{f.id}"})
    data["history"] = [dict(_update_view(u, names), files=by_update.get(u.id, [])) for u in reversed(task.updates)]
    if user is None:  # a visitor reads names, never login names (`names_for`)
        for entry in data["history"]:
            entry["who"] = entry["who_name"]
    data["files"] = [f for group in by_update.values() for f in group]
    data["milestones"] = [{"id": m.id, "title": m.title, "due": m.due, "done_on": m.done_on,
                           "done_by": names.get(m.done_by, m.done_by),
                           "late": m.done_on is None and m.due is not None and m.due < as_of}
                          for m in milestones(session, task.id)]
    data["late"] = is_late(task, as_of, tracked)
    return data


def digest_view(digest: Any) -> dict[str, Any]:
    """One unit's digest as data (the inbox and the e-mail show the same)."""

    def brief(task: Any) -> dict[str, Any]:
        return {"id": task.id, "text": f"{task.action}{task.object}", "deadline": task.deadline, "status": task.status,
                "signoff": task.signoff, "url": f"/tasks/{task.id}"}

    return {
        "unit": digest.unit, "as_of": digest.as_of, "count": digest.count,
        # each task once, with every round waiting for its report (one report satisfies them all); `late`: a round's
        # due date passed (逾期未报): the badges count tasks, not task × round pairs (review ux5 #18)
        "owed": [dict(brief(t), round=rs[0].title, round_id=rs[0].id, due=rs[0].due, late=digest.report_late(rs),
                      rounds=[{"id": r.id, "title": r.title, "due": r.due, "late": r.due < digest.as_of} for r in rs])
                 for t, rs in digest.owed_tasks()],
        "overdue": [brief(t) for t in digest.overdue],
        "due_soon": [brief(t) for t in digest.due_soon],
        "returned": [dict(brief(t), reason=_last_reason(t)) for t in digest.returned],
        "milestones": [dict(brief(t), milestone=m.title, milestone_due=m.due) for t, m in digest.milestones],
    }


def _last_reason(task: Any) -> str:
    for entry in reversed(task.updates):
        if entry.source == "return":
            return entry.evidence
    return ""


def paging_numbers(paging: dict[str, Any]) -> list[int]:
    """Page numbers to link (every page when few, else around the current one)."""
    pages, page = paging["pages"], paging["page"]
    if pages <= 9:
        return list(range(1, pages + 1))
    return sorted({1, pages, *range(max(1, page - 3), min(pages, page + 3) + 1)})


__all__ = ["MESSAGES", "PAGE_SIZE", "SAVED", "digest_view", "names_for", "task_list", "task_page", "task_view",
           "translate_error"]
