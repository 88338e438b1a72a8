"""Log in and out (a login lands on the page it came from, else on the user's working page), the account page
(API tokens) and the change of one's own password."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.store.accounts import PASSWORD_MIN, Principal, create_token, get_user, set_password, token_name
from planwatch.store.db import transaction
from planwatch.web import auth_log, schemas
from planwatch.web.deps import check_csrf, check_csrf_strict, current_user, db, engine_of, keep_own_session, require_user
from planwatch.web.errors import WebError, password_refusal, wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.redirects import back_to, local_path
from planwatch.web.render import json_response, page, render_template, show_page_again
from planwatch.web.sessions import Session as WebSession

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


def _safe_next(target: str | None) -> str:
    """A local path to go to after logging in (never another site); "" when none was given."""
    return local_path(target) or ""


def landing(user: Principal) -> str:
    """The page a user works on, where a login leads that names no other page: the planning office's task list with
    its summary by unit (the supervision overview), a liaison's 我的任务 (an account bound to units), else home."""
    if user.role == "office":
        return "/tasks"
    if user.units:
        return "/my/tasks"
    return "/"


def after_login(request: Request, user: Principal, target: str | None) -> str:
    """Where a login goes: `target` when it is a local page that answers GET other than the bare home page (the 登录
    link of the home page, or a login page opened without ``next``: no page to go back to), else `landing`."""
    own = landing(user)
    wanted = _safe_next(target)
    return own if wanted in ("", "/") else back_to(request, wanted, own)


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "") -> Response:
    """The login form."""
    current_user(request)
    return render_template(request, "login.html", {"next": _safe_next(next), "failed": False})


@router.post("/login", dependencies=[Depends(check_csrf_strict)], include_in_schema=False)
def login(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()],
          next: Annotated[str, Form()] = "") -> Response:
    """Check the password; on success start a fresh session (new CSRF token) and go on.

    Failed logins are rate limited per account and per client address (settings login_*).
    """
    from planwatch.web.login_limit import checked_login

    limited, user = checked_login(request, username.strip(), password)
    if limited is not None:
        auth_log.login_refused(request, username.strip(), str(limited.body.get("error", {}).get("details", {})
                                                                   .get("limit", "")), limited.retry_after)
        request.state.user = None
        response = json_response(limited.body, status_code=429) if wants_json(request) else render_template(
            request, "login.html", {"next": _safe_next(next), "failed": False, "username": username,
                                    "limited": limited.message}, status_code=429)
        response.headers["Retry-After"] = str(limited.retry_after)
        return response
    if user is None:
        auth_log.login_failed(request, username.strip())
        request.state.user = None
        return render_template(request, "login.html", {"next": _safe_next(next), "failed": True, "username": username},
                               status_code=401)
    auth_log.logged_in(request, user.username)
    request.state.session = WebSession(user_id=user.id, stamp=user.stamp, dirty=True)
    request.state.user = user
    return RedirectResponse(after_login(request, user, next), status_code=303)  # a page, never a POST-only address


@router.post("/logout", dependencies=[Depends(check_csrf)], include_in_schema=False)
def logout(request: Request) -> Response:
    """End the session."""
    user = current_user(request)
    if user is not None:
        auth_log.logged_out(request, user.username)
    request.state.session = WebSession(dirty=True)
    return RedirectResponse("/", status_code=303)


@page(router, "/account", "account.html", tags=["accounts"], model=schemas.AccountPage)
def account(request: Request,
            done: Annotated[str | None, Query(description="What the last form did (for the message).")] = None,
            ) -> dict[str, Any]:
    """The logged-in user: name, role and units."""
    user = require_user(request)
    return {"account": _principal_json(user), "new_token": request.state.session.take_flash("token"),
            "done": done or ""}


def _principal_json(user: Principal) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "display_name": user.display_name, "role": user.role,
            "units": sorted(user.units)}


class TokenRequest(BaseModel):
    """A request for a new API token."""

    name: str = Field("", max_length=100, description="What the token is for (shown in the audit log and the token "
                      "lists); when empty, the time it was made and the client (\"2026-12-06 18:20 curl\").")


class TokenCreated(BaseModel):
    """A new API token: shown once, keep it safe."""

    token: str
    name: str


@router.post("/api/tokens", dependencies=[Depends(check_csrf)], tags=["accounts"], response_model=TokenCreated,
             status_code=201, summary="Create an API token for the logged-in user.")
def new_token_api(request: Request, body: TokenRequest) -> Response:
    """A new bearer token for scripts (returned once)."""
    user = require_user(request)
    agent = request.headers.get("user-agent", "").split("/", 1)[0].split(" ", 1)[0][:30]  # "curl", "python-httpx"
    name = token_name(body.name, agent)
    with transaction(engine_of(request)) as session:
        token = create_token(session, user.username, name, who=user.username)
    return json_response({"token": token, "name": name}, status_code=201)


@router.post("/account/tokens", dependencies=[Depends(check_csrf)], include_in_schema=False)
def new_token_form(request: Request, name: Annotated[str, Form()] = "") -> Response:
    """The account page's form: create a token, then back to the page (post, redirect, get), which shows it once.

    The token travels to that page in the signed session cookie (a flash), never in the address,
    so reloading the page neither shows it again nor makes a second one.
    """
    user = require_user(request)
    name = token_name(name[:100])  # as the admin form and the API: the column's length, a flash that fits its cookie
    with transaction(engine_of(request)) as session:
        token = create_token(session, user.username, name, who=user.username)
    if wants_json(request):
        return json_response({"token": token, "name": name}, status_code=201)
    request.state.session.put_flash("token", {"token": token, "name": name})
    return RedirectResponse("/account#new-token", status_code=303)


# ---------------------------------------------------------------- one's own password


class PasswordChangeIn(BaseModel):
    """A change of the logged-in user's own password."""

    current_password: str = Field(max_length=200, description="The password in use now.")
    new_password: str = Field(max_length=200, description=f"At least {PASSWORD_MIN} characters.")
    confirm_password: str | None = Field(None, max_length=200,
                                         description="The new password again (the form asks for it twice); checked "
                                                     "when given.")


def _refuse(message: str, field: str, status: int = 422, **details: Any) -> WebError:
    return WebError(status, "validation_error" if status == 422 else "too_many_requests", message,
                    {"field": field, "problems": [message], **details})


def change_password(request: Request, body: PasswordChangeIn) -> dict[str, Any]:
    """Check the current password (a wrong one counts as a failed login: `login_limit`), the new one against the
    accounts' rule (`store.accounts.check_password`, as the CLI and the administration pages) and its repetition,
    then set it. Every other session of the user ends; this one (a browser's) goes on under the new password."""
    from planwatch.web.login_limit import checked_login

    user = require_user(request)
    if not body.current_password:
        raise _refuse(_("Enter your current password"), "current_password")
    refused = password_refusal(body.new_password, "new_password")
    if refused is not None:
        raise refused
    if body.confirm_password is not None and body.confirm_password != body.new_password:
        raise _refuse(_("The new password and its repetition differ; type the same password twice"),
                      "confirm_password")
    if body.new_password == body.current_password:
        raise _refuse(_("The new password is the same as the current one"), "new_password")
    limited, checked = checked_login(request, user.username, body.current_password)
    if limited is not None:
        error = _refuse(limited.message, "current_password", 429, **limited.body["error"]["details"])
        error.headers = {"Retry-After": str(limited.retry_after)}
        raise error
    if checked is None or checked.id != user.id:
        raise _refuse(_("The current password is not correct"), "current_password")
    with transaction(engine_of(request)) as session:
        set_password(session, user.username, body.new_password, who=user.username)
        keep_own_session(request, get_user(session, user.username))
    return {"account": _principal_json(user), "changed": True}


@page(router, "/account/password", "account_password.html", tags=["accounts"], model=schemas.PasswordPage)
def password_page(request: Request) -> dict[str, Any]:
    """The form to change one's own password: the current one, then the new one twice."""
    user = require_user(request)
    return {"account": _principal_json(user), "minimum": PASSWORD_MIN}


@router.post("/api/account/password", dependencies=[Depends(check_csrf)], tags=["accounts"], response_model=schemas.PasswordChanged,
             summary="Change the logged-in user's own password.")
def change_password_api(request: Request, body: PasswordChangeIn) -> Response:
    """422 names the field (a wrong current password, a short new one, a repetition that differs); 429 after too many
    wrong current passwords, as for logins."""
    return json_response(change_password(request, body))


@router.post("/account/password", dependencies=[Depends(check_csrf)], include_in_schema=False)
def change_password_form(request: Request, current_password: Annotated[str, Form()] = "",
                         new_password: Annotated[str, Form()] = "",
                         confirm_password: Annotated[str, Form()] = "") -> Response:
    """The password form: changed, back to the account page, which says so; refused, the form again with the message
    beside it (the passwords are never sent back to the browser)."""
    body = PasswordChangeIn.model_construct(current_password=current_password, new_password=new_password,
                                            confirm_password=confirm_password)
    try:
        result = change_password(request, body)
    except WebError as exc:
        if exc.status_code not in (422, 429) or wants_json(request):
            raise
        show_page_again(request, "/account/password")
        data = password_page(request)
        data.update(error=exc.detail, error_field=(exc.details or {}).get("field", ""))
        response = render_template(request, "account_password.html", data, status_code=exc.status_code)
        response.headers.update(exc.headers or {})
        return response
    if wants_json(request):
        return json_response(result)
    return RedirectResponse("/account?done=password", status_code=303)


# The audit log page lives in routes/admin.py (readable entries, filters by user, unit, object, date).
