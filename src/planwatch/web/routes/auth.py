"""Log in and out, the account page (API tokens), and the audit log for administrators."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal, authenticate, create_token
from planwatch.store.db import transaction
from planwatch.store.schema import AuditLog
from planwatch.web.deps import check_csrf, check_csrf_strict, current_user, db, engine_of, require_admin, require_user
from planwatch.web.errors import wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response, page, render_template
from planwatch.web.sessions import Session as WebSession

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


def _safe_next(target: str | None) -> str:
    """A local path to go to after logging in (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    """The login form."""
    current_user(request)
    return render_template(request, "login.html", {"next": _safe_next(next), "failed": False})


@router.post("/login", dependencies=[Depends(check_csrf_strict)], include_in_schema=False)
def login(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()],
          next: Annotated[str, Form()] = "/") -> Response:
    """Check the password; on success start a fresh session (new CSRF token) and go on."""
    with transaction(engine_of(request)) as session:
        user = authenticate(session, username.strip(), password)
    if user is None:
        request.state.user = None
        return render_template(request, "login.html", {"next": _safe_next(next), "failed": True, "username": username},
                               status_code=401)
    request.state.session = WebSession(user_id=user.id, dirty=True)
    request.state.user = user
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)], include_in_schema=False)
def logout(request: Request) -> Response:
    """End the session."""
    request.state.session = WebSession(dirty=True)
    return RedirectResponse("/", status_code=303)


@page(router, "/account", "account.html", tags=["accounts"])
def account(request: Request) -> dict[str, Any]:
    """The logged-in user: name, role and units."""
    user = require_user(request)
    return {"account": _principal_json(user), "new_token": None}


def _principal_json(user: Principal) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "display_name": user.display_name, "role": user.role,
            "units": sorted(user.units)}


class TokenRequest(BaseModel):
    """A request for a new API token."""

    name: str = Field("", max_length=100, description="What the token is for (shown in the audit log).")


class TokenCreated(BaseModel):
    """A new API token: shown once, keep it safe."""

    token: str
    name: str


@router.post("/api/tokens", dependencies=[Depends(check_csrf)], tags=["accounts"], response_model=TokenCreated,
             status_code=201, summary="Create an API token for the logged-in user.")
def new_token_api(request: Request, body: TokenRequest) -> Response:
    """A new bearer token for scripts (returned once)."""
    user = require_user(request)
    with transaction(engine_of(request)) as session:
        token = create_token(session, user.username, body.name, who=user.username)
    return json_response({"token": token, "name": body.name}, status_code=201)


@router.post("/account/tokens", dependencies=[Depends(check_csrf)], include_in_schema=False)
def new_token_form(request: Request, name: Annotated[str, Form()] = "") -> Response:
    """The account page's form: create a token and show it once."""
    user = require_user(request)
    with transaction(engine_of(request)) as session:
        token = create_token(session, user.username, name, who=user.username)
    if wants_json(request):
        return json_response({"token": token, "name": name}, status_code=201)
    return render_template(request, "account.html", {"account": _principal_json(user), "new_token": token})


@page(router, "/audit", "audit.html", tags=["accounts"])
def audit_log(request: Request, session: DbSession,
              who: Annotated[str | None, Query(description="Only this user's writes.")] = None,
              action: Annotated[str | None, Query(description="Only this action (e.g. task.update).")] = None,
              page: Annotated[int, Query(ge=1)] = 1,
              size: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    """The audit log, newest first (administrators only)."""
    require_admin(request)
    query = select(AuditLog)
    count = select(func.count(AuditLog.id))
    if who:
        query, count = query.where(AuditLog.who == who), count.where(AuditLog.who == who)
    if action:
        query, count = query.where(AuditLog.action == action), count.where(AuditLog.action == action)
    total = int(session.scalar(count) or 0)
    rows = session.scalars(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()).offset((page - 1) * size).limit(size))
    entries = [{"id": r.id, "at": r.at, "who": r.who, "action": r.action, "entity": r.entity,
                "entity_id": r.entity_id, "detail": r.detail} for r in rows]
    return {"entries": entries, "filters": {"who": who or "", "action": action or ""},
            "paging": {"page": page, "size": size, "total": total, "pages": max(1, math.ceil(total / size))},
            "title": _("Audit log")}
