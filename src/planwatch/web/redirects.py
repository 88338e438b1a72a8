"""Where a form or a login may send the browser back to: a local page, never another site or a POST-only address.

A form's hidden ``next`` field, or the ``?next=`` of the login page, comes from the browser. Sending
the browser to it after a write must neither leave the site (an open redirect) nor land on an
address that answers only POST (``/tasks/7/updates``: a GET there is a 405 error page).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from starlette.requests import Request
from starlette.routing import Match


def local_path(target: str | None) -> str | None:
    """`target` when it is a path on this site ("/tasks?unit=…"), else None (other sites, "//host", backslashes)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(c) < 32 or c == "\x7f" for c in target):
        return None
    return target


def is_page(request: Request, path: str) -> bool:
    """True when some route of the app answers GET at `path` (a page the browser can be sent back to)."""
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "query_string": b"", "headers": []}
    for route in request.app.router.routes:
        match, _child = route.matches(scope)
        if match == Match.FULL:
            return True
    return False


def back_to(request: Request, target: str | None, fallback: str) -> str:
    """`target` when it is a local page that answers GET, else `fallback` (a page the caller knows)."""
    local = local_path(target)
    if local is None or not is_page(request, unquote(urlsplit(local).path)):
        return fallback
    return local


__all__ = ["back_to", "is_page", "local_path"]
