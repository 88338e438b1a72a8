"""The audit log: every write to the store leaves one row saying who did what, when."""

from __future__ import annotations

import getpass
from contextvars import ContextVar
from typing import Any

from sqlalchemy.orm import Session

from planwatch.settings import get_settings
from planwatch.store.schema import AuditLog, utcnow

_ACTOR: ContextVar[str | None] = ContextVar("planwatch_actor", default=None)


def set_actor(name: str | None) -> None:
    """Name the person behind the writes of the current context (the web sets the logged-in user)."""
    _ACTOR.set(name)


def current_user(explicit: str | None = None) -> str:
    """Who is writing: the name given, else the context's actor (the logged-in web user),
    else settings.user, else the OS user (CLI)."""
    if explicit:
        return explicit
    actor = _ACTOR.get()
    if actor:
        return actor
    configured = get_settings().user
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def declared_user(explicit: str | None = None) -> str:
    """The person an entered or imported figure is signed with: the name given, else the logged-in web user, else
    settings.user (PLANWATCH_USER); "" when nobody is named — never the machine's login (root), which names an
    account, not whoever answers for the figure (the report then says 录入人未注明)."""
    name = (explicit or "").strip() or _ACTOR.get() or get_settings().user
    return (name or "").strip()


def log(session: Session, action: str, entity: str, entity_id: int | None = None,
        who: str | None = None, **detail: Any) -> AuditLog:
    """Add an audit row to the session's transaction (it commits or rolls back with the write)."""
    row = AuditLog(at=utcnow(), who=current_user(who), action=action, entity=entity,
                   entity_id=entity_id, detail=detail)
    session.add(row)
    return row
