"""Signed session cookies and CSRF tokens (HMAC-SHA256, no server-side session store).

The cookie holds ``base64(json).signature``; the JSON carries the user id, the
CSRF token, the issue time, the stamp of the user's password at login (a new password ends
the session) and, for one request, a flash (a new API token shown once after a redirect). Forms echo the CSRF token in a hidden field
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
FLASH_AGE = 300  # seconds a flash (a new token shown once) waits for its page


@dataclass(slots=True)
class Session:
    """The decoded session: who is logged in and the CSRF token of this browser."""

    user_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    issued: int = field(default_factory=lambda: int(time.time()))
    dirty: bool = False
    stamp: str = ""  # the user's password stamp at login (store.accounts.session_stamp): a new password ends the session
    flash: dict[str, Any] | None = None  # shown once by the page a form redirects to (a new API token), then dropped

    def to_json(self) -> dict[str, Any]:
        """The fields stored in the cookie."""
        data: dict[str, Any] = {"uid": self.user_id, "csrf": self.csrf, "iat": self.issued}
        if self.stamp:
            data["pws"] = self.stamp
        if self.flash:
            data["flash"] = self.flash
        return data

    def put_flash(self, kind: str, value: dict[str, Any]) -> None:
        """Keep `value` for the next page that takes a flash of `kind` (post, redirect, then get)."""
        self.flash = {"kind": kind, "at": int(time.time()), "value": value}
        self.dirty = True

    def take_flash(self, kind: str) -> dict[str, Any] | None:
        """The flash of `kind` left by the last form, once (it is dropped from the cookie), if under FLASH_AGE old."""
        flash = self.flash
        if not flash or flash.get("kind") != kind:
            return None
        self.flash, self.dirty = None, True
        fresh = isinstance(flash.get("at"), int) and time.time() - flash["at"] <= FLASH_AGE
        value = flash.get("value")
        return value if fresh and isinstance(value, dict) else None

    def drop_stale_flash(self) -> None:
        """Forget a flash nobody took within FLASH_AGE (a redirect that never arrived)."""
        at = (self.flash or {}).get("at")
        if self.flash and not (isinstance(at, int) and time.time() - at <= FLASH_AGE):
            self.flash, self.dirty = None, True


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
        # Characters as UTF-8, not \uXXXX escapes: a flash's Chinese file names take half the room (browsers keep
        # cookies of up to 4 KB).
        payload = base64.urlsafe_b64encode(json.dumps(session.to_json(), separators=(",", ":"),
                                                      ensure_ascii=False).encode())
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
            flash = data.get("flash")
            session = Session(user_id=int(uid) if uid is not None else None, csrf=str(data["csrf"]), issued=issued,
                              stamp=str(data.get("pws") or ""), flash=flash if isinstance(flash, dict) else None)
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
