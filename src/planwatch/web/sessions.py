"""Signed session cookies and CSRF tokens (HMAC-SHA256, no server-side session store).

The cookie holds ``base64(json).signature``; the JSON carries the user id, the
CSRF token and the issue time. Forms echo the CSRF token in a hidden field
(``csrf_token``), scripts that use the cookie send it as ``X-CSRF-Token``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

SESSION_COOKIE = "planwatch_session"
LANGUAGE_COOKIE = "planwatch_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_AGE = 14 * 24 * 3600


@dataclass(slots=True)
class Session:
    """The decoded session: who is logged in and the CSRF token of this browser."""

    user_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    issued: int = field(default_factory=lambda: int(time.time()))
    dirty: bool = False

    def to_json(self) -> dict[str, Any]:
        """The fields stored in the cookie."""
        return {"uid": self.user_id, "csrf": self.csrf, "iat": self.issued}


class SessionSigner:
    """Encodes and verifies session cookies with one secret key."""

    def __init__(self, secret: str, max_age: int = MAX_AGE) -> None:
        self._key = hashlib.sha256(("planwatch-session:" + secret).encode()).digest()
        self.max_age = max_age

    def _sign(self, payload: bytes) -> str:
        digest = hmac.new(self._key, payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def dumps(self, session: Session) -> str:
        """The cookie value for `session`."""
        payload = base64.urlsafe_b64encode(json.dumps(session.to_json(), separators=(",", ":")).encode())
        return payload.decode().rstrip("=") + "." + self._sign(payload.rstrip(b"="))

    def loads(self, value: str | None) -> Session | None:
        """The session in a cookie value, or None when it is missing, forged or expired."""
        if not value or "." not in value:
            return None
        payload, signature = value.rsplit(".", 1)
        if not hmac.compare_digest(self._sign(payload.encode()), signature):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            issued = int(data["iat"])
            uid = data.get("uid")
            session = Session(user_id=int(uid) if uid is not None else None, csrf=str(data["csrf"]), issued=issued)
        except (ValueError, KeyError, TypeError):
            return None
        if time.time() - issued > self.max_age:
            return None
        return session


def csrf_matches(session: Session | None, supplied: str | None) -> bool:
    """True when `supplied` is this session's CSRF token (constant-time comparison)."""
    if session is None or not supplied:
        return False
    return hmac.compare_digest(session.csrf.encode(), supplied.encode())
