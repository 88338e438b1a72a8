"""Request hardening for every route, present and future (issue 12).

One pure ASGI middleware, installed outermost by `create_app`:

- **Security headers** on every response: a Content-Security-Policy without inline script
  (``script-src 'self'``; JavaScript lives in /static), ``X-Frame-Options: DENY``,
  ``Referrer-Policy: same-origin``, ``X-Content-Type-Options: nosniff``.
- **Body size**: a request body larger than the `max_file_mb` setting (plus 1 MB for the
  form around a file) is refused with 413 and the one error shape, before it is read.
- **Numbers in range**: an integer in the path or the query beyond 64 bits (``/api/tasks/2**70``,
  ``?page=2**62`` …), a page past `MAX_PAGE` or a year outside 1949–2100 is answered 422
  with the one error shape before any route runs, so no database ever sees it.

Routes declare their own bounds with the shared types of `planwatch.web.deps` (Id, Page,
Year …); this middleware is the safety net for the ones that do not.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qsl, unquote

import regex

from planwatch.store.schema import YEAR_MAX, YEAR_MIN
from planwatch.web.i18n import gettext as _
from planwatch.web.sessions import LANGUAGE_COOKIE

__all__ = ["CSP", "MAX_INT", "MAX_PAGE", "SECURITY_HEADERS", "YEAR_MAX", "YEAR_MIN", "HardeningMiddleware", "HeadAsGet",
           "OUT_OF_RANGE", "out_of_range_response"]

MAX_INT = 2**63 - 1  # the largest id any database here stores
MAX_PAGE = 1_000_000  # no list has a millionth page; beyond it offsets overflow
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
}
log = logging.getLogger("planwatch.web")
_INTEGER = regex.compile(r"[+-]?\d+")
_YEAR_NAMES = regex.compile(r"(?:^|_)(?:year|year_from|year_to|from_year|to_year)$")
_PAGE_NAMES = frozenset({"page"})
OUT_OF_RANGE = "out_of_range"  # request.state key: the problems of a page request refused before routing


class _TooLarge(Exception):
    pass


def _problem(where: str, name: str, value: str, message: str) -> dict[str, Any]:
    return {"loc": [where, name], "message": message, "type": "value_error.out_of_range", "input": value[:40]}


def out_of_range(path: str, query: str) -> list[dict[str, Any]]:
    """The integers of `path` and `query` that no route may receive (empty when all are fine)."""
    from planwatch.web.errors import field_label

    problems: list[dict[str, Any]] = []
    for segment in unquote(path).split("/"):
        number = segment.rsplit(".", 1)[0] if segment.endswith((".json", ".csv", ".xlsx")) else segment
        if _INTEGER.fullmatch(number) and (len(number) > 30 or abs(int(number)) > MAX_INT):
            problems.append(_problem("path", number[:20], number, _("No item has the number %(value)s",
                                                                     value=number[:30])))
    for name, value in parse_qsl(query, keep_blank_values=False):
        value = value.strip()
        if not _INTEGER.fullmatch(value):
            continue
        if len(value) > 30 or abs(int(value)) > MAX_INT:
            problems.append(_problem("query", name, value, _("%(field)s: the number is too large",
                                                                field=field_label(name))))
        elif _YEAR_NAMES.search(name) and not YEAR_MIN <= int(value) <= YEAR_MAX:
            problems.append(_problem("query", name, value, _("A year must lie between %(low)s and %(high)s",
                                                             low=YEAR_MIN, high=YEAR_MAX)))
        elif name in _PAGE_NAMES and int(value) > MAX_PAGE:
            problems.append(_problem("query", name, value, _("page: the number is too large")))
    return problems


class HardeningMiddleware:
    """Security headers, a body size limit and integer ranges for every HTTP request."""

    def __init__(self, app: Any, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from planwatch.web.i18n import normalize_language, reset_language, set_language

        # Messages of this layer in the request's language (the app's own middleware sets it later).
        query = scope.get("query_string", b"").decode("latin-1")
        chosen = dict(parse_qsl(query)).get("lang")
        cookie = _cookie(scope, LANGUAGE_COOKIE)
        token = set_language(normalize_language(chosen or cookie, scope["app"].state.settings.language)
                             if "app" in scope else "zh")
        try:
            await self._handle(scope, receive, send, query)
        finally:
            reset_language(token)

    async def _handle(self, scope: dict[str, Any], receive: Any, send: Any, query: str) -> None:
        problems = out_of_range(scope.get("path", ""), query)
        if problems and _as_json(scope):
            await _error(scope, send, 422, "validation_error", _("The request is not valid"), {"problems": problems})
            return
        if problems:  # a page: the app renders its error page (with the header, in the language) before any route
            scope.setdefault("state", {})[OUT_OF_RANGE] = problems
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            await _error(scope, send, 413, "too_large", _too_large(self.max_body_bytes))
            return

        received = 0
        started = False

        async def counted_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _TooLarge
            return message

        async def secured_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers.extend((k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items())
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except _TooLarge:
            if not started:
                await _error(scope, send, 413, "too_large", _too_large(self.max_body_bytes))


def out_of_range_response(request: Any, problems: list[dict[str, Any]]) -> Any:
    """The error page for numbers no route may receive: 404 for an id in the path (nothing can have it),
    422 for a query value."""
    from planwatch.web.errors import _respond

    if any(p["loc"][0] == "path" for p in problems):
        return _respond(request, 404, "not_found", problems[0]["message"])
    return _respond(request, 422, "validation_error", _("The request is not valid"), {"problems": problems})


class HeadAsGet:
    """HEAD answered wherever GET is (pages, API, downloads): run as GET, headers kept, body dropped."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def bodiless_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, bodiless_send)


def _too_large(limit: int) -> str:
    return _("The request is larger than %(mb)s MB (setting PLANWATCH_MAX_FILE_MB)", mb=f"{limit / 1048576:.0f}")


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _cookie(scope: dict[str, Any], name: str) -> str | None:
    raw = _header(scope, b"cookie") or ""
    for part in raw.split(";"):
        key, _sep, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _as_json(scope: dict[str, Any]) -> bool:
    """True for API and ``.json`` paths and clients that do not take HTML (`errors.json_wanted`)."""
    from planwatch.web.errors import json_wanted

    return json_wanted(scope.get("path", ""), _header(scope, b"accept") or "", _header(scope, b"authorization") or "")


async def _error(scope: dict[str, Any], send: Any, status: int, code: str, message: str,
                 details: dict[str, Any] | None = None) -> None:
    """The one error shape (JSON for API clients, a short page for browsers), with the security headers."""
    from planwatch.web.errors import error_body

    if _as_json(scope):
        body = json.dumps(error_body(code, message, details), ensure_ascii=False).encode("utf-8")
        content_type = b"application/json"
    else:
        from html import escape

        body = (f"<!doctype html><meta charset=utf-8><title>{status}</title>"
                f"<h1>{status}</h1><p>{escape(message)}</p><p><a href=\"/\">planwatch</a></p>").encode("utf-8")
        content_type = b"text/html; charset=utf-8"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    headers.extend((k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items())
    if status == 413:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install(app: Any, settings: Any) -> None:
    """Add the middleware (outermost) and the safety net for integers that still reach a database."""
    from fastapi import Request
    from sqlalchemy.exc import DataError, StatementError

    from planwatch.web.errors import _respond

    app.add_middleware(HardeningMiddleware, max_body_bytes=int((settings.max_file_mb + 1) * 1024 * 1024))
    app.add_middleware(HeadAsGet)  # outermost: everything inside sees a GET

    async def _overflow(request: Request, exc: Exception) -> Any:
        original = getattr(exc, "orig", None)  # the driver's words ("Python int too large …") go to the log only
        if isinstance(exc, StatementError) and not isinstance(exc, DataError) and not isinstance(original, OverflowError):
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            return _respond(request, 500, "internal_error", _("Internal error; the server log has the details"))
        log.info("number out of range on %s %s: %s", request.method, request.url.path, original or exc)
        return _respond(request, 422, "validation_error", _("A number in the request is out of range"),
                        {"problems": [{"message": _("Ids and whole numbers must lie between 1 and %(high)s",
                                                    high=MAX_INT), "type": "value_error.out_of_range"}]})

    app.add_exception_handler(OverflowError, _overflow)
    app.add_exception_handler(StatementError, _overflow)  # DataError included (PostgreSQL: value out of range)
