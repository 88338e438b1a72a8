"""Administration in the browser: users, roles, units (with their hierarchy), API tokens, the audit log.

The same rules as the CLI (`planwatch users …`): every write goes through
`store.accounts` / `store.unit_registry` and is logged under the logged-in administrator.
Problems are checked here first so the message is in the interface language; the input
of a refused form comes back with it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from planwatch.errors import PlanwatchError
from planwatch.store import accounts
from planwatch.store.db import transaction
from planwatch.store.schema import AuditLog, Government
from planwatch.web import paging, schemas
from planwatch.web.audit_view import audit_entry
from planwatch.web.deps import check_csrf, db, engine_of, keep_own_session, require_admin
from planwatch.web.errors import WebError, field_label, password_refusal, wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response, page, render_template, show_page_again

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


def _units_of(text: str | list[str] | None) -> list[str]:
    """Units typed one per line or separated by 、 , ; (or given as a list)."""
    if isinstance(text, list):
        items = text
    else:
        import re

        items = re.split(r"[\n\r、,，;；]+", text or "")
    return list(dict.fromkeys(u.strip() for u in items if u and u.strip()))


def _refuse(message: str, field: str = "", **details: Any) -> WebError:
    return WebError(422, "validation_error", message, {"field": field, **details})


def _check_units(session: Session, units: list[str]) -> None:
    from planwatch.store.unit_registry import unknown_units

    missing = unknown_units(session, units)
    if missing:
        raise _refuse(_("Unit %(units)s is not registered; add it on the units page first", units="、".join(missing)),
                      "units", unknown=missing)


def _check_role(role: str) -> None:
    if role not in accounts.ROLES:
        raise _refuse(_("Unknown role %(role)s", role=role), "role")


def _check_password(password: str) -> None:
    refused = password_refusal(password)  # the accounts' rule and its words, as the CLI and a user's own change
    if refused is not None:
        raise refused


# ---------------------------------------------------------------- users


class UserIn(BaseModel):
    """A new dashboard user."""

    username: str = Field(min_length=1, max_length=80)
    password: str = Field(max_length=200)
    role: str = Field("viewer", description="admin, office, editor or viewer.")
    display_name: str = Field("", max_length=100)
    units: list[str] = Field(default_factory=list, description="Registered units an editor answers for.")


class RoleIn(BaseModel):
    """A new role and, for editors, the units they answer for."""

    role: str
    units: list[str] | None = None


class PasswordIn(BaseModel):
    """A new password."""

    password: str = Field(max_length=200)


class ActiveIn(BaseModel):
    """Activate or deactivate a user."""

    active: bool


def add_user(request: Request, body: UserIn) -> dict[str, Any]:
    """Create a user after checking role, password, name and units."""
    admin = require_admin(request)
    username = body.username.strip()
    _check_role(body.role)
    _check_password(body.password)
    if not username:
        raise _refuse(_("Give a user name"), "username")
    if accounts.username_problem(username):  # the name is part of the addresses that manage the user
        raise _refuse(_("A user name cannot contain / ? # \\, spaces or control characters"), "username")
    with transaction(engine_of(request)) as session:
        if session.scalar(select(accounts.User.id).where(accounts.User.username == username)) is not None:
            raise _refuse(_("User %(name)s already exists", name=username), "username")
        _check_units(session, body.units)
        user = accounts.add_user(session, username, body.password, body.role, body.units, body.display_name.strip(),
                                 who=admin.username)
        return _user_json(user)


def set_role(request: Request, username: str, body: RoleIn) -> dict[str, Any]:
    """Change a user's role (and units); an administrator cannot demote themself."""
    admin = require_admin(request)
    _check_role(body.role)
    if username == admin.username and body.role != "admin":
        raise _refuse(_("You cannot take the administrator role from yourself"), "role")
    with transaction(engine_of(request)) as session:
        _user(session, username)
        if body.units is not None:
            _check_units(session, body.units)
        accounts.set_role(session, username, body.role, body.units, who=admin.username)
        return _user_json(_user(session, username))


def set_password(request: Request, username: str, body: PasswordIn) -> dict[str, Any]:
    """Replace a user's password: every login session of that user ends, but for the one making the change."""
    admin = require_admin(request)
    _check_password(body.password)
    with transaction(engine_of(request)) as session:
        _user(session, username)
        accounts.set_password(session, username, body.password, who=admin.username)
        user = _user(session, username)
        if user.id == admin.id:
            keep_own_session(request, user)
        return _user_json(user)


def set_active(request: Request, username: str, body: ActiveIn) -> dict[str, Any]:
    """Deactivate (or reactivate) a user; an administrator cannot lock themself out."""
    admin = require_admin(request)
    if username == admin.username and not body.active:
        raise _refuse(_("You cannot deactivate your own account"), "active")
    with transaction(engine_of(request)) as session:
        _user(session, username)
        accounts.set_active(session, username, body.active, who=admin.username)
        return _user_json(_user(session, username))


def _user(session: Session, username: str) -> accounts.User:
    user = session.scalar(select(accounts.User).where(accounts.User.username == username))
    if user is None:
        raise WebError(404, "not_found", _("No user called %(name)s", name=username))
    return user


def _user_json(user: accounts.User) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "display_name": user.display_name, "role": user.role,
            "active": user.active, "units": sorted(u.unit for u in user.units), "created_at": user.created_at}


def _admin_lists(session: Session) -> dict[str, Any]:
    from planwatch.store.unit_registry import unit_tree

    tree = unit_tree(session)
    names = sorted(_flatten_names(tree))
    return {"roles": list(accounts.ROLES), "unit_names": names}


def _flatten_names(groups: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            out.append(node["name"])
            walk(node["children"])

    for group in groups:
        walk(group["units"])
    return out


@page(router, "/admin/users", "admin_users.html", tags=["admin"], model=schemas.UsersPage)
def users_page(request: Request, session: DbSession,
               done: Annotated[str | None, Query(description="What the last form did (for the message).")] = None,
               ) -> dict[str, Any]:
    """Every user with role, units and state (administrators only)."""
    require_admin(request)
    return {"users": [_user_json(u) for u in accounts.list_users(session)], **_admin_lists(session),
            "done": done or "", "error": None, "form": {}}


def _form_page(request: Request, template: str, view: Any, error: WebError, form: dict[str, Any]) -> Response:
    """The administration page again after a refused form, shown as that page (its links lead there, not to the POST)."""
    if wants_json(request):
        raise error
    show_page_again(request, "/admin/" + template.removeprefix("admin_").removesuffix(".html"))
    with Session(engine_of(request), expire_on_commit=False) as session:
        data = view(request, session)
    data.update({"error": str(error.detail), "form": form, "error_field": (error.details or {}).get("field", "")})
    return render_template(request, template, data, status_code=error.status_code)


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: (v if isinstance(v, str) else "") for k, v in form.multi_items()}


async def _run(request: Request, action: Any, *args: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(action, request, *args)


@router.post("/admin/users", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def add_user_form(request: Request) -> Response:
    """The add-user form."""
    form = await _form(request)
    body = UserIn.model_construct(username=form.get("username", ""), password=form.get("password", ""),
                                  role=form.get("role", "viewer"), display_name=form.get("display_name", ""),
                                  units=_units_of(form.get("units", "")))
    try:
        await _run(request, add_user, body)
    except WebError as exc:
        if exc.status_code != 422:
            raise
        form.pop("password", None)
        return _form_page(request, "admin_users.html", users_page, exc, form)
    return RedirectResponse(f"/admin/users?done=added#user-{quote(body.username.strip(), safe='')}", status_code=303)


@router.post("/admin/users/{username:path}", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def change_user_form(request: Request, username: str) -> Response:
    """One user's row: role and units, password, or active (field `action`)."""
    form = await _form(request)
    action = form.get("action", "")
    try:
        if action == "role":
            await _run(request, set_role, username, RoleIn(role=form.get("role", ""), units=_units_of(form.get("units", ""))))
        elif action == "password":
            await _run(request, set_password, username, PasswordIn(password=form.get("password", "")))
        elif action in ("deactivate", "activate"):
            await _run(request, set_active, username, ActiveIn(active=action == "activate"))
        else:
            raise _refuse(_("Unknown action %(action)s", action=action), "action")
    except WebError as exc:
        if exc.status_code != 422:
            raise
        form.pop("password", None)
        return _form_page(request, "admin_users.html", users_page, exc, {**form, "username": username})
    return RedirectResponse(f"/admin/users?done={quote(action, safe='')}#user-{quote(username, safe='')}",
                            status_code=303)


@router.post("/api/admin/users", dependencies=[Depends(check_csrf)], tags=["admin"], status_code=201, response_model=schemas.UserAnswer,
             summary="Add a user (administrators).")
def add_user_api(request: Request, body: UserIn) -> Response:
    """Create a user; 422 names the field (unknown role, short password, unregistered unit, taken name)."""
    return json_response({"user": add_user(request, body)}, status_code=201)


@router.post("/api/admin/users/{username:path}/role", dependencies=[Depends(check_csrf)], tags=["admin"], response_model=schemas.UserAnswer,
             summary="Change a user's role and units (administrators).")
def set_role_api(request: Request, username: str, body: RoleIn) -> Response:
    """Set role (and units)."""
    return json_response({"user": set_role(request, username, body)})


@router.post("/api/admin/users/{username:path}/password", dependencies=[Depends(check_csrf)], tags=["admin"],
             response_model=schemas.UserAnswer,
             summary="Set a user's password (administrators).")
def set_password_api(request: Request, username: str, body: PasswordIn) -> Response:
    """Replace the password."""
    return json_response({"user": set_password(request, username, body)})


@router.post("/api/admin/users/{username:path}/active", dependencies=[Depends(check_csrf)], tags=["admin"],
             response_model=schemas.UserAnswer,
             summary="Activate or deactivate a user (administrators).")
def set_active_api(request: Request, username: str, body: ActiveIn) -> Response:
    """Deactivated users cannot log in, and their tokens stop working."""
    return json_response({"user": set_active(request, username, body)})


# ---------------------------------------------------------------- units


class UnitIn(BaseModel):
    """A new unit, or where an existing one sits."""

    name: str = Field(min_length=1, max_length=200)
    government: str | None = Field(None, description="The government it belongs to (a stored one).")
    parent: str | None = Field(None, description="The unit above it (a registered one).")


def add_unit(request: Request, body: UnitIn, place_only: bool = False) -> dict[str, Any]:
    """Register a unit (or move an existing one) under a government and/or a parent unit."""
    from planwatch.store.tasks import ResponsibleUnit
    from planwatch.store.unit_registry import add_unit as store_add
    from planwatch.store.unit_registry import place_unit

    admin = require_admin(request)
    name = body.name.strip()
    if not name:
        raise _refuse(_("Give the unit's name"), "name")
    with transaction(engine_of(request)) as session:
        exists = session.scalar(select(ResponsibleUnit.id).where(ResponsibleUnit.name == name)) is not None
        if place_only and not exists:
            raise _refuse(_("Unit %(units)s is not registered; add it on the units page first", units=name), "name")
        if not place_only and exists:
            raise _refuse(_("Unit %(name)s already exists", name=name), "name")
        if body.government and session.scalar(select(Government.id).where(Government.name == body.government)) is None:
            raise _refuse(_("Unknown government %(name)s", name=body.government), "government")
        if body.parent:
            _check_units(session, [body.parent])
            if body.parent == name:
                raise _refuse(_("A unit cannot sit under itself"), "parent")
        try:
            if place_only:
                place_unit(session, name, body.government or None, body.parent or None, who=admin.username)
            else:
                store_add(session, name, body.government or None, body.parent or None, who=admin.username)
        except PlanwatchError as exc:  # a cycle in the hierarchy
            raise _refuse(_("%(name)s cannot sit under %(parent)s: that unit is below it", name=name,
                            parent=body.parent or ""), "parent") from exc
    return {"name": name, "government": body.government or "", "parent": body.parent or ""}


@page(router, "/admin/units", "admin_units.html", tags=["admin"], model=schemas.UnitsPage)
def units_page(request: Request, session: DbSession,
               done: Annotated[str | None, Query(description="What the last form did.")] = None) -> dict[str, Any]:
    """The registered units as a tree: each government's units, nested by parent unit."""
    from planwatch.store.unit_registry import unit_tree

    require_admin(request)
    tree = unit_tree(session)
    governments = list(session.scalars(select(Government.name).order_by(Government.name)))
    unplaced = sorted(_flatten_names([g for g in tree if not g["government"]]))
    return {"tree": tree, "governments": governments, "unit_names": sorted(_flatten_names(tree)),
            "unplaced": unplaced, "done": done or "", "error": None, "form": {}}


@router.post("/admin/units", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def add_unit_form(request: Request) -> Response:
    """Add a unit, or (action=place) move one in the hierarchy."""
    form = await _form(request)
    body = UnitIn.model_construct(name=form.get("name", ""), government=form.get("government") or None,
                                  parent=form.get("parent") or None)
    try:
        await _run(request, add_unit, body, form.get("action") == "place")
    except WebError as exc:
        if exc.status_code != 422:
            raise
        return _form_page(request, "admin_units.html", units_page, exc, form)
    return RedirectResponse(f"/admin/units?done={'placed' if form.get('action') == 'place' else 'added'}",
                            status_code=303)


class UnitsGovernmentIn(BaseModel):
    """Registered units to put under a government (each keeps the unit above it)."""

    units: list[str] = Field(description="Registered unit names.")
    government: str = Field(description="A stored government, e.g. 深圳市坪山区.")


def place_units(request: Request, body: UnitsGovernmentIn) -> dict[str, Any]:
    """Put several units under a government at once (the units page's list of units placed under none)."""
    from planwatch.store.unit_registry import set_government

    admin = require_admin(request)
    names = [n.strip() for n in body.units if n and n.strip()]
    if not names:
        raise _refuse(_("Tick the units to place"), "units")
    if not body.government.strip():
        raise _refuse(_("Choose the government the units belong to"), "government")
    with transaction(engine_of(request)) as session:
        if session.scalar(select(Government.id).where(Government.name == body.government.strip())) is None:
            raise _refuse(_("Unknown government %(name)s", name=body.government), "government")
        _check_units(session, names)
        placed = set_government(session, names, body.government.strip(), who=admin.username)
    return {"government": body.government.strip(), "units": placed}


@router.post("/admin/units/government", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def place_units_form(request: Request) -> Response:
    """The units page's "place the ticked units under a government" form."""
    form = await request.form()
    units = [v for v in form.getlist("units") if isinstance(v, str)]
    government = form.get("government")
    body = UnitsGovernmentIn.model_construct(units=units, government=government if isinstance(government, str) else "")
    try:
        await _run(request, place_units, body)
    except WebError as exc:
        if exc.status_code != 422:
            raise
        return _form_page(request, "admin_units.html", units_page, exc,
                          {"action": "government", "government": body.government, "units": units})
    return RedirectResponse("/admin/units?done=placed", status_code=303)


@router.post("/api/admin/units/government", dependencies=[Depends(check_csrf)], tags=["admin"], response_model=schemas.PlacedAnswer,
             summary="Put several registered units under a government (administrators).")
def place_units_api(request: Request, body: UnitsGovernmentIn) -> Response:
    """Set the government of several units at once; each keeps the unit above it."""
    return json_response({"placed": place_units(request, body)})


@router.post("/api/admin/units", dependencies=[Depends(check_csrf)], tags=["admin"], status_code=201, response_model=schemas.UnitAnswer,
             summary="Register a unit under a government and/or parent unit (administrators).")
def add_unit_api(request: Request, body: UnitIn) -> Response:
    """Add a unit; 422 when it exists or its government/parent is unknown."""
    return json_response({"unit": add_unit(request, body)}, status_code=201)


@router.post("/api/admin/units/place", dependencies=[Depends(check_csrf)], tags=["admin"], response_model=schemas.UnitAnswer,
             summary="Move a registered unit in the hierarchy (administrators).")
def place_unit_api(request: Request, body: UnitIn) -> Response:
    """Set the government and parent of an existing unit."""
    return json_response({"unit": add_unit(request, body, place_only=True)})


# ---------------------------------------------------------------- tokens


class AdminTokenIn(BaseModel):
    """A token for a user (scripts of that user)."""

    username: str
    name: str = Field("", max_length=100)


def create_token(request: Request, body: AdminTokenIn) -> dict[str, Any]:
    """A new token for any user, shown once."""
    admin = require_admin(request)
    with transaction(engine_of(request)) as session:
        _user(session, body.username)
        name = accounts.token_name(body.name)  # none given: the time it was made
        token = accounts.create_token(session, body.username, name, who=admin.username)
    return {"token": token, "username": body.username, "name": name}


def revoke_token(request: Request, token_id: int) -> dict[str, Any]:
    """Revoke a token by id."""
    admin = require_admin(request)
    with transaction(engine_of(request)) as session:
        if session.get(accounts.ApiToken, token_id) is None:
            raise WebError(404, "not_found", _("No API token %(id)s", id=token_id))
        row = accounts.revoke_token(session, token_id, who=admin.username)
        return {"id": row.id, "revoked": True}


@page(router, "/admin/tokens", "admin_tokens.html", tags=["admin"], model=schemas.TokensPage)
def tokens_page(request: Request, session: DbSession,
                done: Annotated[str | None, Query(description="What the last form did.")] = None) -> dict[str, Any]:
    """Every API token (never the token itself): owner, purpose, created, revoked."""
    require_admin(request)
    tokens = [{"id": t.id, "username": name, "name": t.name, "created_at": t.created_at, "revoked": t.revoked}
              for t, name in accounts.list_tokens(session)]
    return {"tokens": tokens, "usernames": [u.username for u in accounts.list_users(session)], "done": done or "",
            "new_token": request.state.session.take_flash("admin_token"), "error": None, "form": {}}


@router.post("/admin/tokens", dependencies=[Depends(check_csrf)], include_in_schema=False)
async def tokens_form(request: Request) -> Response:
    """Create a token for a user (shown once on the page it redirects to) or revoke one (action=revoke, id)."""
    form = await _form(request)
    try:
        if form.get("action") == "revoke":
            if not form.get("id", "").isdigit():
                raise _refuse(_("Choose a token"), "id")
            await _run(request, revoke_token, int(form["id"]))
            return RedirectResponse("/admin/tokens?done=revoked", status_code=303)
        created = await _run(request, create_token, AdminTokenIn(username=form.get("username", ""),
                                                                 name=form.get("name", "")[:100]))
    except WebError as exc:
        if exc.status_code not in (404, 422):
            raise
        return _form_page(request, "admin_tokens.html", tokens_page, exc, form)
    # post, redirect, get: the page shows the token once (a flash in the signed session cookie, never in
    # the address); reloading it neither shows it again nor makes a second token
    request.state.session.put_flash("admin_token", created)
    return RedirectResponse("/admin/tokens?done=created#new-token", status_code=303)


@router.post("/api/admin/tokens", dependencies=[Depends(check_csrf)], tags=["admin"], status_code=201, response_model=schemas.TokenMade,
             summary="Create an API token for a user (administrators; shown once).")
def create_token_api(request: Request, body: AdminTokenIn) -> Response:
    """A new token for `username`."""
    return json_response(create_token(request, body), status_code=201)


@router.post("/api/admin/tokens/{token_id:int}/revoke", dependencies=[Depends(check_csrf)], tags=["admin"],
             response_model=schemas.TokenRevoked,
             summary="Revoke an API token (administrators).")
def revoke_token_api(request: Request, token_id: int) -> Response:
    """Scripts using it get 401 from then on."""
    return json_response(revoke_token(request, token_id))


# ---------------------------------------------------------------- audit log


def _like_json(text: str) -> list[str]:
    """LIKE patterns that find `text` in a JSON column, written plainly or with \\uXXXX escapes."""
    def esc(s: str) -> str:
        return "%" + s.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"

    return list(dict.fromkeys([esc(text), esc(json.dumps(text)[1:-1])]))


def _day(text: str | None, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _refuse(_("%(field)s: %(input)s is not a date; write it as YYYY-MM-DD", field=field_label(field),
                        input=text), field) from None


@page(router, "/audit", "audit.html", tags=["accounts"], model=schemas.AuditPage)
def audit_log(request: Request, session: DbSession,
              who: Annotated[str | None, Query(description="Only this user's writes.")] = None,
              action: Annotated[str | None, Query(description="Only this action (e.g. task.update).")] = None,
              unit: Annotated[str | None, Query(description="Only writes that name this unit.")] = None,
              entity: Annotated[str | None, Query(description="Only this kind of object (task, actual, app_user …).")] = None,
              entity_id: Annotated[int | None, Query(description="Only this object id.")] = None,
              since: Annotated[str | None, Query(description="From this day (YYYY-MM-DD).")] = None,
              until: Annotated[str | None, Query(description="Up to and including this day (YYYY-MM-DD).")] = None,
              page: Annotated[int, Query(ge=1)] = 1,
              size: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    """The audit log, newest first, readable: Chinese field names, before → after (administrators only)."""
    require_admin(request)
    conditions = []
    if who:
        conditions.append(AuditLog.who == who)
    if action:
        conditions.append(AuditLog.action == action)
    if entity:
        conditions.append(AuditLog.entity == entity)
    if entity_id is not None:
        conditions.append(AuditLog.entity_id == entity_id)
    if unit:
        text = cast(AuditLog.detail, String)
        conditions.append(or_(*(text.like(p, escape="!") for p in _like_json(unit))))
    start, end = _day(since, "since"), _day(until, "until")
    if start:
        conditions.append(AuditLog.at >= datetime.combine(start, time.min))
    if end:
        conditions.append(AuditLog.at < datetime.combine(end + timedelta(days=1), time.min))
    total = int(session.scalar(select(func.count(AuditLog.id)).where(*conditions)) or 0)
    page = paging.clamp(page, total, size)  # past the last page: the last one
    rows = session.scalars(select(AuditLog).where(*conditions).order_by(AuditLog.at.desc(), AuditLog.id.desc())
                           .offset((page - 1) * size).limit(size))
    entries = [audit_entry(r) for r in rows]
    facets = {
        "users": list(session.scalars(select(AuditLog.who).distinct().order_by(AuditLog.who))),
        "actions": list(session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action))),
        "entities": list(session.scalars(select(AuditLog.entity).distinct().order_by(AuditLog.entity))),
    }
    return {"entries": entries, "facets": facets,
            "filters": {"who": who or "", "action": action or "", "unit": unit or "", "entity": entity or "",
                        "entity_id": entity_id if entity_id is not None else "", "since": since or "",
                        "until": until or ""},
            "paging": paging.paging(page, total, size),
            "title": _("Audit log")}
