"""One error shape for every error: ``{"error": {"code", "message", "details"}}``.

`planwatch.errors` exceptions keep their code and HTTP status; framework errors
(404 routes, 405, request validation, CSRF) get codes of their own. Pages get the
same information rendered as an error page; a 401 on a page redirects to login.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch.errors import PlanwatchError, ValidationError
from planwatch.web.i18n import gettext as _

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


def wants_json(request: Request) -> bool:
    """True for API and ``.json`` requests, and clients that accept JSON but not HTML."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _respond(request: Request, status: int, code: str, message: str, details: Any = None) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(code, message, details), status_code=status)
    if status == 401 and request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    from planwatch.web.render import render_template

    context = {"status": status, "code": code, "message": message, "details": details}
    return render_template(request, "error.html", context, status_code=status)


def install(app: FastAPI) -> None:
    """Register the error handlers on `app`."""

    @app.exception_handler(PlanwatchError)
    async def _planwatch(request: Request, exc: PlanwatchError) -> Response:
        details: Any = {"problems": exc.problems} if isinstance(exc, ValidationError) else {}
        return _respond(request, exc.http_status, exc.code, str(exc), details)

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
            {"loc": [str(p) for p in err.get("loc", ())], "message": err.get("msg", ""), "type": err.get("type", "")}
            for err in exc.errors()
        ]
        return _respond(request, 422, "validation_error", _("The request is not valid"), {"problems": problems})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _respond(request, 500, "internal_error", _("Internal error; the server log has the details"))
