"""Dashboard accounts: users with argon2 password hashes, roles, unit bindings and API tokens.

Roles: ``admin`` (everything), ``office`` (the planning office: assigns tasks, signs them off,
opens reporting rounds; see ``store.supervision``), ``editor`` (bound to one or more responsible units:
may update only those units' tasks and actuals), ``viewer`` (read only).
API tokens are shown once and stored as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from planwatch.errors import NotFoundError, ValidationError
from planwatch.settings import get_settings
from planwatch.store.schema import AuditLog, Base, utcnow

ROLES = ("admin", "office", "editor", "viewer")  # office: the planning office (督办: assigns, signs off, opens rounds)
PASSWORD_MIN = 8  # characters: the one rule of `planwatch users`, the administration pages and a user's own change
TOKEN_PREFIX = "pw_"


def _hasher() -> PasswordHasher:
    """argon2id at the configured memory cost (`password_memory_kib`; the library's other parameters)."""
    return _hasher_for(get_settings().password_memory_kib)


@lru_cache(maxsize=4)
def _hasher_for(memory_kib: int) -> PasswordHasher:
    return PasswordHasher(memory_cost=memory_kib)


class User(Base):
    """A person who logs in to the dashboard."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # advanced by each deactivation: the sessions from before stay refused once the user is active again
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    units: Mapped[list[UserUnit]] = relationship(cascade="all, delete-orphan", passive_deletes=True, lazy="selectin")


class UserUnit(Base):
    """A responsible unit (by name, e.g. 区教育局) that an editor answers for."""

    __tablename__ = "user_unit"
    __table_args__ = (UniqueConstraint("user_id", "unit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(200))


class ApiToken(Base):
    """A bearer token for scripts; only its SHA-256 digest is kept."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


@dataclass(frozen=True, slots=True)
class Principal:
    """The logged-in user as the web layer sees it (no ORM object escapes a session)."""

    id: int
    username: str
    display_name: str
    role: str
    units: frozenset[str]
    stamp: str = field(default="", repr=False, compare=False)  # of the password: a session carries it (see session_stamp)

    @property
    def is_admin(self) -> bool:
        """True for administrators."""
        return self.role == "admin"

    def may_edit_unit(self, unit: str | None) -> bool:
        """True when this user may write on behalf of `unit` (admins: any; editors: their own)."""
        if self.role == "admin":
            return True
        return self.role == "editor" and unit is not None and unit in self.units


def principal(user: User) -> Principal:
    """The Principal of a stored user."""
    return Principal(user.id, user.username, user.display_name or user.username, user.role,
                     frozenset(u.unit for u in user.units), session_stamp(user.password_hash, user.session_epoch))


def session_stamp(password_hash: str, epoch: int | None = 0) -> str:
    """A short digest of the password hash and session epoch that a login session carries: a new password, or
    a deactivation (which advances the epoch), ends every older session.

    Sessions are signed cookies, not server-side rows; a cookie whose stamp is not that of the
    user's current password and epoch is refused (`load_principal`), so setting a password logs the
    user out everywhere at once (the one changing it is given a new stamp to stay logged in), and a
    user deactivated then activated again starts without their old sessions. Epoch 0 gives the stamp
    sessions carried before there were epochs (migration 0020_session_epoch).
    """
    salt = f":{epoch}".encode() if epoch else b""
    return hashlib.sha256(b"planwatch-session:" + password_hash.encode() + salt).hexdigest()[:16]


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher().hash(password)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(f"role {role!r}: unknown; use one of {', '.join(ROLES)}", reason="role_unknown",
                              role=role, roles=", ".join(ROLES))


def check_password(password: str) -> None:
    """ValidationError (reason ``password_short``) unless `password` has at least PASSWORD_MIN characters."""
    if len(password) < PASSWORD_MIN:
        raise ValidationError(f"password: too short; use at least {PASSWORD_MIN} characters", reason="password_short",
                              minimum=PASSWORD_MIN)


_URL_CHARACTERS = frozenset("/?#\\")


def username_problem(username: str) -> str | None:
    """Why `username` cannot be a login name, or None: empty, or a character that breaks the web addresses naming it.

    The name is a segment of addresses (/admin/users/<name>, /api/admin/users/<name>/role): a
    ``/``, ``?``, ``#`` or ``\\`` there, or a space or control character, makes the user unmanageable.
    """
    if not username.strip():
        return "empty"
    bad = sorted({c for c in username if c in _URL_CHARACTERS or c.isspace() or unicodedata.category(c)[0] == "C"})
    if bad:
        return "characters " + " ".join(repr(c) for c in bad)
    return None


def check_username(username: str) -> None:
    """ValidationError unless `username` can be a login name (see `username_problem`)."""
    problem = username_problem(username)
    if problem == "empty":
        raise ValidationError("username: empty", reason="username_empty")
    if problem:
        raise ValidationError(f"username {username!r}: {problem} not allowed; a user name cannot contain "
                              "/ ? # \\, spaces or control characters", reason="username_characters", username=username)


def audit(session: Session, who: str, action: str, entity: str, entity_id: int | None, **detail: object) -> None:
    """Add one audit-log row for a write made in `session`."""
    session.add(AuditLog(who=who, action=action, entity=entity, entity_id=entity_id, detail=detail))


def _registered_units(session: Session, units: list[str]) -> list[str]:
    """`units` as stored: each name trimmed of ASCII and full-width spaces, blanks and repeats dropped; ValidationError
    unless every one is registered (store.unit_registry: no "区火星局"). Every path that binds units to an account
    (the JSON API, the web form, the CLI) goes through here: review ux5 #15, the API stored "区教育局 " as a unit of
    its own, and its liaison saw no task and no error."""
    from planwatch.store.unit_registry import check_units, clean_unit_names

    names = clean_unit_names(units)
    check_units(session, names)
    return names


def get_user(session: Session, username: str) -> User:
    """The user called `username`, or NotFoundError."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"user {username!r}: no such user; add it with `planwatch users add`",
                            kind="user", key=username)
    return user


def add_user(session: Session, username: str, password: str, role: str = "viewer",
             units: list[str] | None = None, display_name: str = "", who: str = "cli") -> User:
    """Create a user; editors should name their responsible units."""
    _check_role(role)
    check_password(password)
    check_username(username)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValidationError(f"user {username!r}: already exists; use `planwatch users passwd` or `role`",
                              reason="user_exists", username=username)
    names = _registered_units(session, units or [])
    user = User(username=username, display_name=display_name or username, password_hash=hash_password(password),
                role=role, units=[UserUnit(unit=u) for u in names])
    session.add(user)
    session.flush()
    audit(session, who, "user.add", "app_user", user.id, username=username, role=role, units=names)
    return user


def set_password(session: Session, username: str, password: str, who: str = "cli") -> None:
    """Replace a user's password; this ends every login session of the user (see `session_stamp`)."""
    check_password(password)
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    audit(session, who, "user.passwd", "app_user", user.id, username=username)


def set_role(session: Session, username: str, role: str, units: list[str] | None = None, who: str = "cli") -> None:
    """Change a user's role and, when `units` is given, the units they answer for."""
    _check_role(role)
    user = get_user(session, username)
    names = _registered_units(session, units) if units is not None else None
    before = {"role": user.role, "units": sorted(u.unit for u in user.units)}
    user.role = role
    if names is not None:  # a unit kept keeps its row: a new one of the same name was inserted before the old went
        kept = {u.unit: u for u in user.units}
        user.units = [kept.get(u) or UserUnit(unit=u) for u in names]
    audit(session, who, "user.role", "app_user", user.id, username=username, role=role,
          units=sorted(u.unit for u in user.units), before=before,
          after={"role": role, "units": sorted(u.unit for u in user.units)})


def authenticate(session: Session, username: str, password: str) -> Principal | None:
    """The principal for a correct username and password, else None."""
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if user is None:
        _hasher().hash(password)  # same work either way: no user enumeration by timing
        return None
    try:
        _hasher().verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return principal(user)


def load_principal(session: Session, user_id: int, stamp: str | None = None) -> Principal | None:
    """The principal of an active user id, else None; with `stamp` (a login session's), None too when the
    password changed since that session began."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    found = principal(user)
    return found if stamp is None or hmac.compare_digest(stamp.encode(), found.stamp.encode()) else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_name(name: str, client: str = "") -> str:
    """The name a token is stored under: `name`, else the time it was made and the `client` asking ("2026-12-06
    18:20 curl"), so no two tokens in the lists are an indistinguishable blank."""
    from datetime import datetime

    return name.strip() or f"{datetime.now():%Y-%m-%d %H:%M} {client.strip()}".strip()


def create_token(session: Session, username: str, name: str = "", who: str = "cli") -> str:
    """A new API token for `username`, returned in clear text this one time; with no `name`, named by `token_name`."""
    name = token_name(name)
    user = get_user(session, username)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, digest=_digest(token))
    session.add(row)
    session.flush()
    audit(session, who, "token.create", "api_token", row.id, username=username, name=name)
    return token


def principal_for_token(session: Session, token: str) -> Principal | None:
    """The principal owning an unrevoked API token, else None."""
    row = session.scalar(select(ApiToken).where(ApiToken.digest == _digest(token), ApiToken.revoked.is_(False)))
    if row is None:
        return None
    return load_principal(session, row.user_id)


def list_users(session: Session) -> list[User]:
    """Every user, by name."""
    return list(session.scalars(select(User).order_by(User.username)))


__all__ = [
    "PASSWORD_MIN", "ROLES", "ApiToken", "Principal", "User", "UserUnit", "add_user", "audit", "authenticate",
    "check_password", "check_username",
    "create_token", "get_user", "hash_password", "list_users", "load_principal", "principal",
    "principal_for_token", "session_stamp", "set_password", "set_role", "set_active", "list_tokens", "revoke_token", "token_name",
    "username_problem",
]


def set_active(session: Session, username: str, active: bool, who: str = "cli") -> None:
    """Deactivate a user (they can no longer log in or use tokens, and their login sessions end for good) or
    activate them again (their API tokens work again; they log in anew)."""
    user = get_user(session, username)
    before = user.active
    user.active = active
    if before and not active:
        user.session_epoch = (user.session_epoch or 0) + 1  # its sessions end for good, not only while inactive
    audit(session, who, "user.activate" if active else "user.deactivate", "app_user", user.id,
          username=username, before={"active": before}, after={"active": active})


def list_tokens(session: Session, username: str | None = None) -> list[tuple[ApiToken, str]]:
    """API tokens (newest first) with their owner's username; only digests are stored, never the token."""
    query = select(ApiToken, User.username).join(User, User.id == ApiToken.user_id).order_by(ApiToken.id.desc())
    if username:
        query = query.where(User.username == username)
    return [(token, name) for token, name in session.execute(query).all()]


def revoke_token(session: Session, token_id: int, who: str = "cli") -> ApiToken:
    """Revoke an API token by id (scripts using it get 401 from then on)."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError(f"token {token_id}: no such API token; `planwatch users tokens` lists them",
                            kind="token", key=token_id)
    row.revoked = True
    audit(session, who, "token.revoke", "api_token", row.id, name=row.name, before={"revoked": False},
          after={"revoked": True})
    return row
