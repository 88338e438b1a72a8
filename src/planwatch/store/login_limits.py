"""Login rate limiting (issue 12): failed logins counted per account and client address, and per client address.

Attempts are rows of `login_attempt`, so the limits hold across processes and restarts.
A success clears the account's failures; old rows are pruned as new ones are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Index, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from planwatch.store.schema import Base, utcnow

__all__ = ["LoginAttempt", "Verdict", "check_login_allowed", "record_login"]


class LoginAttempt(Base):
    """One failed login: which account name was tried, from which address, when."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username_at", "username", "at"),
                      Index("ix_login_attempt_address_at", "address", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a login may be tried now; when not, by which limit and for how many seconds more."""

    allowed: bool
    limit: str = ""  # "account" or "address"
    retry_after: int = 0


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=utcnow().tzinfo)


def check_login_allowed(session: Session, username: str, address: str, *, per_account: int, per_address: int,
                        window_seconds: int) -> Verdict:
    """Refuse when this account has had too many failed logins from this address within the window ("account"), or
    this address too many for any accounts ("address"). An account's failures from one address never lock it for
    the others: review ux4 #9, five wrong passwords from anywhere locked the planning office out for 15 minutes."""
    since = utcnow() - timedelta(seconds=window_seconds)
    for limit, conditions, allowed in (
            ("account", (LoginAttempt.username == username[:100], LoginAttempt.address == address[:64]), per_account),
            ("address", (LoginAttempt.address == address[:64],), per_address)):
        count, oldest = session.execute(
            select(func.count(), func.min(LoginAttempt.at)).where(*conditions, LoginAttempt.at >= since)).one()
        if count >= allowed and oldest is not None:
            wait = int((_aware(oldest) + timedelta(seconds=window_seconds) - utcnow()).total_seconds()) + 1
            return Verdict(False, limit, max(wait, 1))
    return Verdict(True)


def record_login(session: Session, username: str, address: str, success: bool, *, window_seconds: int,
                 per_account: int | None = None, per_address: int | None = None) -> str:
    """Count a failure, or clear the account's failures from this address after a success; prune rows past the
    window. Returns the limit this failure reached ("account" / "address", the moment a lock-out begins), else ""."""
    if success:
        session.execute(delete(LoginAttempt).where(LoginAttempt.username == username[:100],
                                                   LoginAttempt.address == address[:64]))
        return ""
    session.add(LoginAttempt(username=username[:100], address=address[:64]))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - timedelta(seconds=window_seconds)))
    session.flush()
    since = utcnow() - timedelta(seconds=window_seconds)
    for limit, conditions, allowed in (
            ("account", (LoginAttempt.username == username[:100], LoginAttempt.address == address[:64]), per_account),
            ("address", (LoginAttempt.address == address[:64],), per_address)):
        if allowed is not None and session.scalar(
                select(func.count()).where(*conditions, LoginAttempt.at >= since)) == allowed:
            return limit
    return ""
