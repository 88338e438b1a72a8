"""The OpenAPI schema at /openapi.json as the server behaves: FastAPI's, plus the Bearer token scheme and the one
error shape ``{"error": {"code", "message", "details"}}`` for the 4xx answers each operation can give (FastAPI
describes 422 as its own ``{"detail": [...]}``, which this server never sends), and the 503 ``config_error`` of
the evaluation. The 2xx answers are described by the routes' models (`web.schemas`).

Which errors an operation documents follows from how the routes check: every /api operation but the public ones
answers 401 without a login when anonymous reading is off (and for a bad token); writes and the administration
answer 403 to a role that may not; an operation naming a stored row (a path id, or ``plan``/``government``/
``indicator``/``task`` as a filter) answers 404 when there is none; one with parameters or a body answers 422.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

__all__ = ["ERROR_SCHEMA", "install"]

SECURITY_SCHEME = "bearerToken"
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message", "details"],
        "properties": {
            "code": {"type": "string", "description": "Stable machine code: validation_error, not_found, "
                                                       "unauthorized, invalid_token, forbidden, conflict …",
                     "examples": ["not_found"]},
            "message": {"type": "string", "description": "What went wrong, in the interface language (?lang=).",
                        "examples": ["找不到计划 99"]},
            "details": {"type": "object", "additionalProperties": True,
                        "description": "More, by error: for validation_error `problems` (each with a `message`; "
                                       "a request's parameters also `loc` and `type`, an actuals import's rows "
                                       "`row`, `column`, `reason` and `values`), for a refused value its `field` "
                                       "and `reason`."},
        },
    }},
}
WHY = {
    "401": "Not logged in (reading needs a login when anonymous reading is off), or the token is not valid: send "
           "`Authorization: Bearer <token>`.",
    "403": "Logged in, but the role (or the unit) may not do this.",
    "404": "The plan, record, task, indicator or government named does not exist.",
    "409": "Conflicts with the stored state (changed meanwhile, already decided).",
    "422": "A parameter or the body is not valid; `details.problems` lists each problem.",
    "503": "`config_error`: the evaluation system configured on the server (PLANWATCH_EVALUATION_SYSTEM) cannot be "
           "read; the administrator's to fix (an administrator's request gets the file, line and problem in "
           "`details.problem`). The rest of the API still answers.",
}
PUBLIC = ("/api/login", "/api/logout", "/api/meta", "/api/labels")  # answer without a login
CONFLICTING = ("/api/tasks", "/api/milestones", "/api/plans/{plan_id}")  # supervision's refusals, a delete with work
CONFIG_ERROR = ("/api/plans/{plan_id}/evaluation",)  # scores under the configured evaluation system (the report's
# workbook, which also scores, is sent without its scores instead)
FILTERS_BY_ID = {"plan", "government", "indicator", "task", "plan_id", "task_id", "indicator_id"}
_REF = {"$ref": "#/components/schemas/Error"}


def _errors(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses (4xx, and 503 `config_error`) `operation` documents."""
    params = operation.get("parameters", [])
    statuses = []
    if not path.startswith(PUBLIC):
        statuses.append("401")
    if method != "get" or path.startswith("/api/admin"):
        statuses.append("403")
    if "{" in path or any(p.get("name") in FILTERS_BY_ID for p in params):
        statuses.append("404")
    if method != "get" and path.startswith(CONFLICTING):
        statuses.append("409")
    if params or "requestBody" in operation:
        statuses.append("422")
    if path in CONFIG_ERROR:
        statuses.append("503")
    return statuses


def build(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema of `app` with the token scheme and the error shape."""
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {})[SECURITY_SCHEME] = {
        "type": "http", "scheme": "bearer",
        "description": "An API token (pw_…) from the account page, `POST /api/tokens` or `planwatch users token`.",
    }
    schemas = components.setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in _errors(path, method, operation):
                responses[status] = {"description": WHY[status], "content": {"application/json": {"schema": _REF}}}
            if not path.startswith(PUBLIC):  # a token, or the browser's session cookie; reading may be anonymous
                operation["security"] = [{SECURITY_SCHEME: []}, {}]
    for unused in ("HTTPValidationError", "ValidationError"):  # FastAPI's shape, never sent
        schemas.pop(unused, None)
    return schema


def install(app: FastAPI) -> None:
    """Serve `build`'s schema at the app's openapi_url (made once, on the first request)."""
    made: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not made:
            made.update(build(app))
        return made

    app.openapi = openapi  # type: ignore[method-assign]
