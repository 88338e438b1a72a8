"""One error shape for every error: ``{"error": {"code", "message", "details"}}``.

`planwatch.errors` exceptions keep their code and HTTP status; framework errors
(404 routes, 405, request validation, CSRF) get codes of their own. Pages get the
same information rendered as an error page; a 401 on a page redirects to login.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch.errors import ConfigError, NotFoundError, PlanwatchError, ReadOnlyError, ValidationError
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import N_

log = logging.getLogger("planwatch.web")

STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "validation_error", 500: "internal_error",
}


class WebError(StarletteHTTPException):
    """An HTTP error with a stable machine code (e.g. ``csrf_failed``)."""

    def __init__(self, status_code: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(status_code, message)
        self.code = code
        self.details = details


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The JSON body of an error."""
    return {"error": {"code": code, "message": message, "details": details if details is not None else {}}}


# Routes answering a file (report, exports, the actuals template, evidence files): a browser follows their links
# asking for HTML; a script (curl, httpx: Accept */*) must not save an HTML error page as its r.docx.
DOWNLOADS = re.compile(r"\.(?:csv|xlsx)$|^/plans/\d+/report$|^/files/\d+$")


def json_wanted(path: str, accept: str, authorization: str = "") -> bool:
    """True for API and ``.json`` paths, downloads asked for with a token (``Authorization: Bearer``: a script) or
    not as HTML, and clients that accept JSON but not HTML (a request, or a raw ASGI scope's path and headers before
    routing: `hardening`)."""
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    if DOWNLOADS.search(path):
        return authorization.strip().lower().startswith("bearer") or "text/html" not in accept
    return "application/json" in accept and "text/html" not in accept


def wants_json(request: Request) -> bool:
    """True for API and ``.json`` requests, downloads asked for by a script (a token, or not as HTML), and clients
    that accept JSON but not HTML."""
    return json_wanted(request.url.path, request.headers.get("accept", ""), request.headers.get("authorization", ""))


def _respond(request: Request, status: int, code: str, message: str, details: Any = None) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(code, message, details), status_code=status)
    if status == 401 and request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    from planwatch.web.render import render_template

    if not hasattr(request.state, "user"):  # refused before any route ran (a form's field): the header still says who
        from planwatch.web.deps import current_user

        try:
            current_user(request)
        except Exception:  # noqa: BLE001 - an error page must render whatever the login's state
            request.state.user = None
    context = {"status": status, "code": code, "message": message, "details": details}
    if request.method != "GET" and (status in (401, 422) or code == "csrf_failed"):
        # a form sent after the login ended (or from a stale page): lead back to the form's page, where the report
        # form restores what was typed (static/forms.js), after logging in when that is what is missing
        context["retry"] = _form_page(request)
        context["relogin"] = status == 401
    return render_template(request, "error.html", context, status_code=status)


def _form_page(request: Request) -> str | None:
    """The page of this site a form was sent from (its Referer: sent for this site's own requests, `Referrer-Policy:
    same-origin`), when that page answers GET; None otherwise."""
    from urllib.parse import urlsplit

    from planwatch.web.redirects import back_to

    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc or not referer.path:
        return None
    target = referer.path + (f"?{referer.query}" if referer.query else "")
    return back_to(request, target, "") or None


# What was not found, worded for web readers (the library's messages are English and name CLI commands).
NOT_FOUND: dict[str, str] = {
    "task": N_("Task %(key)s does not exist"), "plan": N_("Plan %(key)s does not exist"),
    "any_plan": N_("No plan is stored yet; upload one first"),
    "record": N_("Record %(key)s does not exist"), "indicator": N_("Indicator %(key)s does not exist"),
    "evidence": N_("Evidence file %(key)s does not exist"), "milestone": N_("Milestone %(key)s does not exist"),
    "round": N_("Reporting round %(key)s does not exist"), "user": N_("No user called %(key)s"),
    "token": N_("No API token %(key)s"), "proposal": N_("Follow-up proposal %(key)s does not exist"),
    "government": N_("Government %(key)s is not stored"), "unit": N_("Unit %(key)s is not registered"),
}

# Refusals of the library (ValidationError.reason), worded for web readers: the library's messages are English
# and tell what to type at the command line ("use `planwatch users passwd`").
REFUSED: dict[str, str] = {
    "role_unknown": N_("Unknown role %(role)s; use one of %(roles)s"),
    "password_short": N_("The password is too short; use at least %(minimum)s characters"),
    "username_empty": N_("A user name is required"),
    "username_characters": N_("The user name %(username)s cannot be used: a user name cannot contain / ? # \\, "
                              "spaces or control characters"),
    "user_exists": N_("A user called %(username)s already exists"),
    "unit_unknown": N_("Unit %(units)s is not registered; an administrator adds units on the units page"),
    "unit_cycle": N_("%(unit)s cannot sit under %(parent)s: that unit is below it"),
    "unit_required": N_("A unit name is required"),
    "unit_too_long": N_("The unit name is longer than %(limit)s characters"),
    "unit_exists": N_("Unit %(unit)s already exists"),
    "task_is_achievement": N_("Task %(task)s is an achievement (a result already reported), not a task to supervise"),
    "task_status": N_("Status %(status)s is not one of %(statuses)s"),
    "update_empty": N_("A report needs a status, evidence, a link or a deadline"),
    "link_invalid": N_("The link %(link)s must be a web address (http or https) or a path"),
    "proposal_decided": N_("Follow-up proposal %(proposal)s was already decided"),
    "same_indicator": N_("%(alias)s and %(canonical)s are already the same indicator (%(name)s)"),
    "government_unknown": N_("No plan is stored yet, so the government is unknown; choose a government"),
    "government_ambiguous": N_("Several governments are stored (%(governments)s); choose one"),
}

# Request validation problems by pydantic error type; %(field)s is the parameter in words (`FIELDS`), %(limit)s
# its bound or its choices, %(input)s what was given.
PROBLEMS: dict[str, str] = {
    "greater_than_equal": N_("%(field)s must be greater than or equal to %(limit)s"),
    "greater_than": N_("%(field)s must be greater than %(limit)s"),
    "less_than_equal": N_("%(field)s must be less than or equal to %(limit)s"),
    "less_than": N_("%(field)s must be less than %(limit)s"),
    "string_too_long": N_("%(field)s may have at most %(limit)s characters"),
    "string_too_short": N_("%(field)s must have at least %(limit)s characters"),
    "too_long": N_("%(field)s may have at most %(limit)s items"),
    "too_short": N_("%(field)s must have at least %(limit)s items"),
    "int_parsing": N_("%(field)s must be a whole number"), "int_from_float": N_("%(field)s must be a whole number"),
    "int_type": N_("%(field)s must be a whole number"),
    "float_parsing": N_("%(field)s must be a number"), "float_type": N_("%(field)s must be a number"),
    "finite_number": N_("%(field)s must be a finite number"),
    "bool_parsing": N_("%(field)s must be true or false"), "bool_type": N_("%(field)s must be true or false"),
    "date_from_datetime_parsing": N_("%(field)s: %(input)s is not a date; write it as YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("%(field)s: %(input)s is not a date; write it as YYYY-MM-DD"),
    "date_parsing": N_("%(field)s: %(input)s is not a date; write it as YYYY-MM-DD"),
    "date_type": N_("%(field)s: %(input)s is not a date; write it as YYYY-MM-DD"),
    "missing": N_("%(field)s is required"), "enum": N_("%(field)s must be one of: %(limit)s"),
    "literal_error": N_("%(field)s must be one of: %(limit)s"), "string_type": N_("%(field)s must be text"),
    "string_pattern_mismatch": N_("%(field)s must be one of: %(limit)s"),
    "list_type": N_("%(field)s must be a list"), "extra_forbidden": N_("%(field)s is not expected here"),
    "json_invalid": N_("The body is not valid JSON"),
    "model_attributes_type": N_("The body must be a JSON object"), "dict_type": N_("The body must be a JSON object"),
}
# Request parameters (query, path, form and JSON body fields) as readers know them; tests/web/test_errors.py checks
# that every parameter of every route has one.
FIELDS: dict[str, str] = {
    "q": N_("the search term"), "page": N_("page"), "size": N_("page size"), "year": N_("year"),
    "plan": N_("plan"), "status": N_("status"), "government": N_("government"), "indicator": N_("indicator"),
    "level": N_("government level"),
    "kind": N_("record kind"), "measure": N_("measure"), "signoff": N_("sign-off"),
    "force": N_("delete with its supervision work"), "format": N_("report format"), "as_of": N_("as-of date"),
    "since": N_("start date"), "until": N_("end date"), "limit": N_("hits per kind"), "sort": N_("sort column"),
    "desc": N_("descending order"), "domain": N_("indicator domain"), "section": N_("section text"),
    "group": N_("grouping"), "late": N_("late tasks only"), "unit": N_("unit"), "period": N_("period"),
    "frequency": N_("reporting frequency"), "who": N_("user"), "action": N_("audit action"),
    "entity": N_("object kind"), "entity_id": N_("object number"), "saved": N_("saved message"),
    "done": N_("saved message"), "lang": N_("interface language"), "next": N_("the page to return to"),
    "plan_id": N_("plan"), "task_id": N_("task"), "indicator_id": N_("indicator"), "record_id": N_("record number"),
    "round_id": N_("reporting round"), "milestone_id": N_("milestone"), "file_id": N_("evidence file number"),
    "token_id": N_("API token"), "task_ids": N_("the chosen tasks"), "username": N_("user name"),
    "password": N_("password"), "current_password": N_("current password"), "new_password": N_("new password"),
    "confirm_password": N_("new password again"), "role": N_("role"), "display_name": N_("display name"), "units": N_("units"),
    "active": N_("active"), "name": N_("name"), "parent": N_("parent unit"), "title": N_("title"), "due": N_("due"),
    "opened_on": N_("opening date"), "note": N_("note"), "email": N_("email"), "value": N_("value"),
    "deadline": N_("deadline"), "co_units": N_("co-units"), "decision": N_("decision"), "evidence": N_("evidence"),
    "link": N_("link"), "progress": N_("progress"), "reason": N_("reason"), "file": N_("file"), "files": N_("files"),
    "on": N_("date of the progress"), "cells": N_("cells"), "version": N_("version of the task shown"),
    "assigned": N_("assigned or only suggested"),
}
_LIMITS = ("ge", "gt", "le", "lt", "max_length", "min_length", "expected", "pattern")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
_ALTERNATIVES = re.compile(r"\^?\(([^()]*)\)\$?")


def not_found_message(exc: NotFoundError) -> str:
    """The message of a library not-found error in the interface language ("找不到任务 99999")."""
    text = NOT_FOUND.get(exc.kind)
    return _(text, key=exc.key) if text else _("Not found")


def refusal_message(exc: ValidationError) -> str:
    """A library refusal in the interface language ("用户 x 已存在"), else its own message."""
    from planwatch.web.supervision import MESSAGES

    text = REFUSED.get(exc.reason) or MESSAGES.get(exc.reason)
    return _(text, **exc.params) if text else str(exc)


def password_refusal(password: str, field: str = "password") -> WebError | None:
    """The accounts' one password rule (`store.accounts.check_password`: the CLI's, the administration pages', a
    user's own change) as a 422 naming `field`, worded in the interface language; None when the password may be used."""
    from planwatch.store.accounts import check_password

    try:
        check_password(password)
    except ValidationError as exc:
        message = refusal_message(exc)
        return WebError(422, "validation_error", message, {"field": field, "reason": exc.reason, "problems": [message]})
    return None


def error_message(exc: PlanwatchError) -> str:
    """A library error's message for web readers: not-found and refusals worded in the interface language."""
    if isinstance(exc, NotFoundError):
        return not_found_message(exc)
    if isinstance(exc, ValidationError):
        return refusal_message(exc)
    if isinstance(exc, ReadOnlyError):  # the library's names files and permissions: the operator's, not the visitor's
        return _("The database is read-only: this server shows what is stored but cannot save changes; nothing was "
                 "saved. Ask the administrator")
    return str(exc)


def _is_admin(request: Request) -> bool:
    """Whether the request is an administrator's (who may see a configuration problem's file and line)."""
    from planwatch.web.deps import current_user

    try:
        user = current_user(request)
    except Exception:  # noqa: BLE001 - an error page never fails on who is asking
        return False
    return user is not None and user.is_admin


def field_label(name: str) -> str:
    """A request parameter as readers know it ("q" → 搜索词, "as_of" → 截至日期), else its name."""
    return _(FIELDS[name]) if name in FIELDS else name


def _choices(limit: object) -> str:
    """The accepted values of a parameter in the interface language's list style ("docx、pdf、md"): from
    pydantic's "'docx', 'pdf' or 'md'", `filters.one_of`'s "met, missed" or a pattern's "^(section|unit)$"."""
    text = str(limit)
    alternatives = _ALTERNATIVES.fullmatch(text)
    if alternatives:
        items = alternatives.group(1).split("|")
    elif "'" in text:
        items = _QUOTED.findall(text)
    else:
        items = [item.strip() for item in re.split(r",| or ", text) if item.strip()]
    return _(", ").join(items)


def _given(value: object) -> str:
    """What was given for a parameter, short enough for one line."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def problem_message(error: dict[str, Any]) -> str:
    """One request validation problem in the interface language ("页码须大于或等于 1", "报告格式须为以下之一：
    docx、pdf、md、html、xlsx"): the parameter in words, bounds and choices listed, never pydantic's English."""
    loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body", "form", "header")
           and not isinstance(p, int)]  # a list's item: the list
    name = loc[-1] if loc else ""
    field = field_label(name) if name else _("the request")
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    limit: object = next((ctx[k] for k in _LIMITS if k in ctx), "")
    if kind in ("literal_error", "enum", "string_pattern_mismatch"):
        limit = _choices(limit)
    text = PROBLEMS.get(kind)
    if text is None or (kind == "string_pattern_mismatch" and not _ALTERNATIVES.fullmatch(str(ctx.get("pattern")))):
        return _("%(field)s: %(input)s cannot be used", field=field, input=_given(error.get("input")))
    return _(text, field=field, limit=limit, input=_given(error.get("input")))


def install(app: FastAPI) -> None:
    """Register the error handlers on `app`."""

    @app.exception_handler(PlanwatchError)
    async def _planwatch(request: Request, exc: PlanwatchError) -> Response:
        message = error_message(exc)
        details: Any = {}
        if isinstance(exc, ConfigError):  # the server's file, not the visitor's request: no path, no CLI hint
            log.error("%s", exc)
            message = _("The evaluation system configured on this server cannot be read; the administrator has been "
                        "told (see the server log)")
            details = {"problem": str(exc)} if _is_admin(request) else {}
        if isinstance(exc, ValidationError):  # a worded refusal is its own problem (the library's are English)
            details = {"problems": [message] if message != str(exc) else exc.problems}
            if exc.reason:
                details["reason"] = exc.reason
        return _respond(request, exc.http_status, exc.code, message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = getattr(exc, "code", None) or STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else STATUS_CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and not isinstance(exc, WebError):
            message = _("Not found: %(path)s", path=request.url.path)
        elif exc.status_code == 405 and not isinstance(exc, WebError):
            message = _("Method %(method)s is not allowed here", method=request.method)
        response = _respond(request, exc.status_code, code, message, getattr(exc, "details", None))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"loc": [str(p) for p in err.get("loc", ())], "message": problem_message(err), "type": err.get("type", "")}
            for err in exc.errors()
        ]
        return _respond(request, 422, "validation_error", _("The request is not valid"), {"problems": problems})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _respond(request, 500, "internal_error", _("Internal error; the server log has the details"))
