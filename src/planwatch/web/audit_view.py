"""The audit log as a person reads it: action and field names in the interface language, before → after.

`audit_entry(row)` turns one `AuditLog` row into {action_label, object, changes}; each change
is a field label with a before and after (or one value), formatted as text, never raw JSON.
"""

from __future__ import annotations

from typing import Any

from planwatch.web.i18n import gettext
from planwatch.web.labels import N_, label

ACTIONS: dict[str, str] = {
    "user.add": N_("user added"), "user.passwd": N_("password changed"), "user.role": N_("role changed"),
    "user.activate": N_("user activated"), "user.deactivate": N_("user deactivated"),
    "token.create": N_("API token created"), "token.revoke": N_("API token revoked"),
    "unit.add": N_("unit added"), "unit.place": N_("unit moved in the hierarchy"),
    "actual.set": N_("actual recorded"), "actual.import": N_("actuals imported"), "actual.entry": N_("data entry saved"),
    "plan.add": N_("plan added"), "plan.replace": N_("plan replaced"), "plan.delete": N_("plan deleted"),
    "government.add": N_("government added"), "government.merge": N_("governments merged"),
    "government.rename": N_("government renamed"), "government.parent": N_("government placed under another"),
    "task.update": N_("task updated"), "task.assign": N_("task assigned"),
    "followup.propose": N_("follow-ups proposed"), "followup.accept": N_("follow-up accepted"),
    "followup.reject": N_("follow-up rejected"),
    "indicator.register": N_("indicator registered"), "indicator.seed": N_("indicator registry seeded"),
    "indicator.merge": N_("indicators merged"), "indicator.hide": N_("indicator hidden"),
    "indicator.show": N_("indicator shown again"), "tasks.extract": N_("tasks extracted"),
    "task.request": N_("sign-off requested"), "task.approve": N_("sign-off approved"),
    "task.return": N_("sign-off returned"), "task.file": N_("evidence file added"),
    "task.milestone": N_("milestone added"), "task.milestone_done": N_("milestone reached"),
    "round.open": N_("reporting round opened"), "round.close": N_("reporting round closed"),
    "unit.contact": N_("unit contact changed"),
}

ENTITIES: dict[str, str] = {
    "app_user": N_("user"), "api_token": N_("API token"), "responsible_unit": N_("unit"), "actual": N_("actual"),
    "plan": N_("plan"), "government": N_("government"), "task": N_("task"), "indicator": N_("indicator"),
    "followup_proposal": N_("follow-up"), "report_round": N_("reporting round"),
}

FIELDS: dict[str, str] = {
    "username": N_("user name"), "role": N_("role"), "units": N_("units"), "unit": N_("unit"),
    "name": N_("name"), "active": N_("active"), "revoked": N_("revoked"), "government": N_("government"),
    "government_id": N_("government"), "parent": N_("parent unit"), "indicator": N_("indicator"),
    "year": N_("year"), "period": N_("period"), "measure": N_("measure"), "value": N_("value"),
    "values": N_("values"), "file": N_("file"), "rows": N_("rows"),
    "source": N_("source file"), "hash": N_("content hash"), "records": N_("records"), "targets": N_("number of targets"),
    "actuals": N_("actuals"), "level": N_("government level"), "status": N_("status"), "previous": N_("before"),
    "deadline": N_("deadline"), "evidence": N_("evidence"), "link": N_("link"), "note": N_("note"),
    "proposals": N_("proposals"), "earlier": N_("earlier plan"), "progress": N_("progress"),
    "reason": N_("reason"), "co_units": N_("co-units"), "title": N_("title"), "due": N_("due"),
    "tasks": N_("tasks"), "achievements": N_("achievements"), "kept": N_("kept"), "removed": N_("removed"),
    "names": N_("names"), "count": N_("count"),
    "parent_government": N_("government above it"), "plans_moved": N_("plans moved"),
    "alias": N_("alias"), "co": N_("co-units"), "email": N_("email"), "files": N_("files"),
    "indicator_id": N_("indicator"), "into": N_("merged into"), "merged": N_("merged indicator"),
    "lead": N_("lead unit"), "milestone": N_("milestone"), "plan": N_("plan"), "score": N_("score"),
    "sha256": N_("content hash"), "signoff": N_("sign-off"), "size": N_("size (bytes)"), "task": N_("task"),
    # plan.delete: the supervision work deleted with the plan, by kind (store.plans.WORK_KINDS)
    "work": N_("supervision work deleted"), "updates": N_("task updates"), "milestones": N_("milestones"),
    "assigned": N_("tasks assigned to a unit"), "rounds": N_("reporting rounds"), "decided": N_("decided follow-ups"),
}

# Fields whose stored codes read as words: the label table of each (`labels.LABELS`); a value the table does not
# know is shown as stored. "status" and "previous" hold a task's status (未启动 …) or, on task.assign, a unit.
_CODED_FIELDS: dict[str, str] = {"role": "role", "level": "level", "measure": "measure",
                                 "status": "task_status", "previous": "task_status"}


def _text(value: Any, field: str = "") -> str:
    """A stored value as text: lists joined by 、, booleans as yes/no, codes (role, level, sign-off …) and periods
    labelled."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field in _CODED_FIELDS and isinstance(value, str):
        return label(value, _CODED_FIELDS[field])
    if field == "signoff" and isinstance(value, str):
        from planwatch.web.supervision import SIGNOFF_LABELS

        return gettext(SIGNOFF_LABELS[value]) if SIGNOFF_LABELS.get(value) else value
    if field == "period":
        from planwatch.web.labels import period_label

        return period_label(str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{field_label(k)}：{_text(v, k)}" for k, v in value.items())
    return str(value)


def field_label(field: str) -> str:
    """A detail key in the interface language (unknown keys as they are)."""
    text = FIELDS.get(field)
    return gettext(text) if text else field


def changes(detail: dict[str, Any] | None) -> list[dict[str, str]]:
    """The detail of an audit row as changes: before → after where both are given, else one value each."""
    detail = dict(detail or {})
    out: list[dict[str, str]] = []
    before, after = detail.pop("before", None), detail.pop("after", None)
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            old, new = before.get(key), after.get(key)
            if old != new:
                out.append({"field": key, "label": field_label(key), "before": _text(old, key), "after": _text(new, key)})
            detail.pop(key, None)
    elif "previous" in detail and "unit" in detail:  # task.assign: previous unit → unit
        out.append({"field": "unit", "label": field_label("unit"), "before": _text(detail.pop("previous")),
                    "after": _text(detail.pop("unit"))})
    for key, value in detail.items():
        out.append({"field": key, "label": field_label(key), "value": _text(value, key)})
    return out


def audit_entry(row: Any) -> dict[str, Any]:
    """One audit row for the page and the API."""
    action = ACTIONS.get(row.action)
    entity = ENTITIES.get(row.entity)
    return {"id": row.id, "at": row.at, "who": row.who, "action": row.action,
            "action_label": gettext(action) if action else row.action,
            "entity": row.entity, "entity_label": gettext(entity) if entity else row.entity,
            "entity_id": row.entity_id, "link": "" if row.action == "plan.delete" else _link(row.entity, row.entity_id),
            "changes": changes(row.detail), "detail": row.detail}


def _link(entity: str, entity_id: int | None) -> str:
    if entity_id is None:
        return ""
    return {"task": f"/tasks/{entity_id}", "plan": f"/plans/{entity_id}"}.get(entity, "")


def action_label(code: str) -> str:
    """An audit action in the interface language (template filter ``audit_action``)."""
    text = ACTIONS.get(code)
    return gettext(text) if text else code


def entity_label(code: str) -> str:
    """An audited object kind in the interface language (template filter ``audit_entity``)."""
    text = ENTITIES.get(code)
    return gettext(text) if text else code
