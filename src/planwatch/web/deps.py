"""Request dependencies: database sessions, the current user, role checks, CSRF."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Form, Path, Query, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from planwatch.settings import Settings
from planwatch.store.accounts import Principal, User, load_principal, principal_for_token, session_stamp
from planwatch.store.audit import set_actor
from planwatch.store.schema import YEAR_MAX, YEAR_MIN
from planwatch.web.errors import WebError
from planwatch.web.i18n import gettext as _
from planwatch.web.sessions import CSRF_FIELD, CSRF_HEADER, csrf_matches

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def settings_of(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


def engine_of(request: Request) -> Engine:
    """The app's database engine (connected and migrated on first use)."""
    state = request.app.state
    if state.engine is None:
        with state.engine_lock:
            if state.engine is None:
                from planwatch.store.db import connect

                state.engine = connect(state.settings.url)
    return state.engine


def db(request: Request) -> Iterator[Session]:
    """A read session for one request."""
    with Session(engine_of(request), expire_on_commit=False) as session:
        yield session


def current_user(request: Request) -> Principal | None:
    """The user behind this request: an API token (``Authorization: Bearer``) or the session cookie."""
    if hasattr(request.state, "user"):
        known: Principal | None = request.state.user
        set_actor(known.username if known is not None else None)
        return known
    user: Principal | None = None
    request.state.auth = "anonymous"
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        with Session(engine_of(request)) as session:
            user = principal_for_token(session, header[7:].strip())
        if user is None:
            raise WebError(401, "invalid_token", _("The API token is not valid or was revoked"))
        request.state.auth = "token"
    else:
        if header.strip():  # "Token x", "Basic …" (a proxy's own): not ours, read as anonymous; a 401 says so
            request.state.auth = "other_scheme"
        session_data = request.state.session
        if session_data.user_id is not None:
            with Session(engine_of(request)) as session:
                user = load_principal(session, session_data.user_id, session_data.stamp)
            if user is not None:
                request.state.auth = "session"
    request.state.user = user
    set_actor(user.username if user is not None else None)  # store writes without an explicit `who` name them
    return user


def _scheme_refusal(request: Request) -> WebError | None:
    """The 401 for a request whose Authorization header has another scheme than Bearer ("Token x"): how to send
    a token; None for other requests."""
    if getattr(request.state, "auth", "") != "other_scheme":
        return None
    scheme = request.headers.get("authorization", "").strip().split(" ", 1)[0]
    return WebError(401, "invalid_token", _("%(scheme)s is not an accepted authorization scheme; send the token as "
                                            "`Authorization: Bearer <token>`", scheme=scheme[:20]))


def require_reader(request: Request) -> Principal | None:
    """The current user; 401 when nobody is logged in and anonymous reading is off."""
    user = current_user(request)
    if user is None and not settings_of(request).anonymous_read:
        raise _scheme_refusal(request) or WebError(401, "unauthorized", _("Please log in to read this page"))
    return user


def require_user(request: Request) -> Principal:
    """The logged-in user, or 401."""
    user = current_user(request)
    if user is None:
        raise _scheme_refusal(request) or WebError(401, "unauthorized", _("Please log in first"))
    return user


def keep_own_session(request: Request, user: User) -> None:
    """Carry the browser session of a user who set their own password over to the new password (their other
    sessions end: `store.accounts.session_stamp`); a request with an API token has no session to carry."""
    from planwatch.web.sessions import Session as WebSession

    current = request.state.session
    if getattr(request.state, "auth", "") == "session" and current.user_id == user.id:
        request.state.session = WebSession(user_id=user.id, csrf=current.csrf, dirty=True,
                                           stamp=session_stamp(user.password_hash, user.session_epoch))


def require_admin(request: Request) -> Principal:
    """The logged-in administrator, or 401/403."""
    user = require_user(request)
    if not user.is_admin:
        raise WebError(403, "forbidden", _("Only administrators may do this"))
    return user


def require_writer(request: Request) -> Principal:
    """A logged-in admin or editor (viewers may not write), or 401/403."""
    user = require_user(request)
    if user.role not in ("admin", "editor"):
        from planwatch.web.labels import label

        raise WebError(403, "forbidden", _("Your role (%(role)s) may not change data", role=label(user.role, "role")))
    return user


async def check_csrf(request: Request) -> None:
    """Reject an unsafe request authenticated by cookie unless it carries the session's CSRF token.

    Requests with an API token, and requests from a session nobody is logged in to
    (they carry no authority to abuse; the handler answers 401), pass.
    """
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return  # tokens are not sent by browsers on their own: no CSRF risk
    if request.state.session.user_id is None:
        return
    await check_csrf_strict(request)


async def check_csrf_strict(request: Request) -> None:
    """Reject an unsafe request unless it carries the session's CSRF token (the login form uses this)."""
    if request.method not in UNSAFE_METHODS:
        return
    supplied = request.headers.get(CSRF_HEADER)
    if not supplied:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            supplied = value if isinstance(value, str) else None
    if not csrf_matches(request.state.session, supplied):
        raise WebError(403, "csrf_failed", _("The form has expired or did not come from this site; reload and try again"))


# Shared parameter types (issue 12): ids, pages and years are range-checked before a route runs,
# so an out-of-range value is a 422 in the one error shape, never a 500 from the database.
# planwatch.web.hardening refuses out-of-range integers for routes that do not use them.
MAX_ID = 2**63 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="An id (1 … 2^63−1).")]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="An id (1 … 2^63−1).")]
Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
Year = Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="A year, 1949–2100.")]
FormYear = Annotated[int | None, Form(ge=YEAR_MIN, le=YEAR_MAX, description="A year, 1949–2100.")]


def year_or_none(text: str | None) -> int | None:
    """A year typed into a form ("" → None), or ValidationError when it is not one within 1949–2100."""
    from planwatch.errors import ValidationError

    value = (text or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 4 or not YEAR_MIN <= int(value) <= YEAR_MAX:
        raise ValidationError(_("%(year)s is not a year between %(low)s and %(high)s", year=value[:12], low=YEAR_MIN,
                                high=YEAR_MAX))
    return int(value)
