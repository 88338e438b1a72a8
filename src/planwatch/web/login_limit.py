"""Login with rate limiting: too many failed logins for an account or from an address → 429.

The counts live in the database (store.login_limits), so every worker process and every
restart sees them. Limits: settings login_attempts (per account and client address: failures from one address never
lock an account for the others), login_attempts_per_address, login_window_seconds. A lock-out is logged
(logger ``planwatch.auth``, WARNING).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from planwatch.store.accounts import Principal, authenticate
from planwatch.store.db import transaction
from planwatch.store.login_limits import check_login_allowed, record_login
from planwatch.web.deps import engine_of, settings_of
from planwatch.web.errors import error_body
from planwatch.web.i18n import gettext as _

__all__ = ["Limited", "checked_login", "client_address"]

log = logging.getLogger("planwatch.auth")


@dataclass(slots=True)
class Limited:
    """A refused login attempt: the message and how long to wait."""

    message: str
    retry_after: int
    body: dict[str, Any] = field(default_factory=dict)


def client_address(request: Request) -> str:
    """The address the request came from (the proxy's, behind a reverse proxy)."""
    return request.client.host if request.client else "unknown"


def checked_login(request: Request, username: str, password: str) -> tuple[Limited | None, Principal | None]:
    """(refusal, None) when rate limited; else (None, the user or None) after checking the password."""
    settings = settings_of(request)
    address = client_address(request)
    window = settings.login_window_seconds
    with transaction(engine_of(request)) as session:
        verdict = check_login_allowed(session, username, address, per_account=settings.login_attempts,
                                      per_address=settings.login_attempts_per_address, window_seconds=window)
    if not verdict.allowed:
        minutes = max(1, math.ceil(verdict.retry_after / 60))
        if verdict.limit == "account":
            message = _("Too many failed logins for this account from your address; try again in %(minutes)s "
                        "minutes", minutes=minutes)
        else:
            message = _("Too many failed logins from your address; try again in %(minutes)s minutes", minutes=minutes)
        body = error_body("too_many_requests", message, {"limit": verdict.limit, "retry_after": verdict.retry_after})
        return Limited(message, verdict.retry_after, body), None
    with transaction(engine_of(request)) as session:
        user = authenticate(session, username, password)
        locked = record_login(session, username, address, user is not None, window_seconds=window,
                              per_account=settings.login_attempts, per_address=settings.login_attempts_per_address)
    if locked:  # the operator's record of a lock-out (review ux4 #9: nothing was logged)
        log.warning("login locked (%s limit): account %r from %s after %s failed logins; refused for %s seconds",
                    locked, username[:100], address,
                    settings.login_attempts if locked == "account" else settings.login_attempts_per_address, window)
    return None, user
