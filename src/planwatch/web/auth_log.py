"""The auth log: every login, failed login, refused (rate-limited) login and logout of the dashboard, one line each on
the logger ``planwatch.auth`` (`planwatch serve` writes it on stderr with the access log: `cli.web.log_config`).

    2026-12-06T19:40:01+0000 INFO planwatch.auth: login user="duban" address=203.0.113.7
    2026-12-06T19:40:09+0000 WARNING planwatch.auth: login failed user="duban" address=203.0.113.7
    2026-12-06T19:41:30+0000 WARNING planwatch.auth: login refused user="duban" address=203.0.113.7 limit=account retry_after=677
    2026-12-06T19:52:14+0000 INFO planwatch.auth: logout user="duban" address=203.0.113.7

The user is the name typed, quoted as JSON (a name with a line break or a quote cannot forge a line); the address is
the client's (behind a reverse proxy, the one the proxy forwards: docs/operating.md, "Deploying").
"""

from __future__ import annotations

import json
import logging

from fastapi import Request

log = logging.getLogger("planwatch.auth")


def _who(request: Request, username: str) -> str:
    from planwatch.web.login_limit import client_address

    return f"user={json.dumps(username, ensure_ascii=False)} address={client_address(request)}"


def logged_in(request: Request, username: str) -> None:
    """A login with the right password."""
    log.info("login %s", _who(request, username))


def login_failed(request: Request, username: str) -> None:
    """A login with a wrong password or an unknown name."""
    log.warning("login failed %s", _who(request, username))


def login_refused(request: Request, username: str, limit: str, retry_after: int) -> None:
    """A login refused unchecked: too many failures for the account or from the address."""
    log.warning("login refused %s limit=%s retry_after=%d", _who(request, username), limit or "unknown", retry_after)


def logged_out(request: Request, username: str) -> None:
    """A logout (of a session that had a user)."""
    log.info("logout %s", _who(request, username))
