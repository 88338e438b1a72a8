"""Reminder e-mails (督办提醒): each unit's digest as a plain-text Chinese message, sent through SMTP.

The digest is `planwatch.store.supervision.digests` — the same lists the dashboard's inbox shows.
`send` uses the standard library's smtplib against ``settings.smtp_host``; `planwatch remind`
(run from cron) is the edge that calls it.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from planwatch.errors import PlanwatchError
from planwatch.settings import Settings, get_settings
from planwatch.store.supervision import Digest, ReportRound, round_late

_DIGITS = "零一二三四五六七八九"


def _numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三: a section's number (a mail can have more sections than six)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


class MailError(PlanwatchError):
    """Reminders cannot be sent: no SMTP server configured, or the server refused."""

    code = "mail_error"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One unit's reminder: where it goes and the message."""

    unit: str
    to: str
    message: EmailMessage
    tasks: int


def _line(base: str, task_id: int, text: str, tail: str) -> str:
    short = text if len(text) <= 60 else text[:59] + "…"
    return f"  #{task_id} {short}{tail}\n     {base}/tasks/{task_id}"


def compose(digest: Digest, to: str, settings: Settings | None = None) -> EmailMessage:
    """The reminder e-mail of one unit's digest (plain text, UTF-8)."""
    settings = settings or get_settings()
    base = settings.dashboard_url.rstrip("/")
    sections: list[tuple[str, list[str]]] = []
    # each task once, under the rounds that wait for its report (one report satisfies them all): a round past its due
    # date is 逾期未报, never 本轮 (review ux5 #18: four tasks listed twice, once under "本轮待报送：2019年6月进展填报")
    by_rounds: dict[tuple[int, ...], list[str]] = {}
    titles: dict[tuple[int, ...], str] = {}
    for task, rounds in digest.owed_tasks():
        key = tuple(r.id for r in rounds)
        titles[key] = "；".join(_round_title(r, digest.as_of) for r in rounds)
        by_rounds.setdefault(key, []).append(_line(base, task.id, task.action + task.object,
                                                   f"（完成时限 {task.deadline or '—'}）"))
    sections += [(titles[key], lines) for key, lines in by_rounds.items()]
    if digest.returned:
        sections.append(("被退回，请按意见整改后重新报送", [
            _line(base, t.id, t.action + t.object, f"（退回理由：{_reason(t)}）") for t in digest.returned]))
    if digest.overdue:
        sections.append(("已逾期", [_line(base, t.id, t.action + t.object, f"（完成时限 {t.deadline or '—'}，状态 {t.status}）")
                                  for t in digest.overdue]))
    if digest.due_soon:
        sections.append((f"即将到期（{settings.due_soon_days} 天内）",
                         [_line(base, t.id, t.action + t.object, f"（完成时限 {t.deadline}）") for t in digest.due_soon]))
    if digest.milestones:
        sections.append(("节点", [_line(base, t.id, m.title, f"（{t.action}{t.object[:20]}，节点时限 {m.due}）")
                                 for t, m in digest.milestones]))
    body = [f"{digest.unit}：", "", f"截至 {digest.as_of}，贵单位有以下 {digest.count} 项任务需要办理：", ""]
    for number, (title, lines) in enumerate(sections, 1):
        body += [f"{_numeral(number)}、{title}", *lines, ""]
    body += [f"请登录 {base}/my/tasks 报送进展（可上传佐证材料）。", "", "——planwatch 督办提醒（本邮件由系统自动发送）"]
    message = EmailMessage()
    message["Subject"] = f"【督办提醒】{digest.unit}：{digest.count} 项任务待办（截至 {digest.as_of}）"
    message["From"] = settings.mail_from
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rsplit("@", 1)[-1] or "planwatch")
    message.set_content("\n".join(body), charset="utf-8")
    return message


def _round_title(rnd: ReportRound, as_of: date) -> str:
    """A round as a section of the mail names it: 本轮待报送 while its due date is ahead, else 逾期未报."""
    word = "逾期未报" if round_late(rnd, as_of) else "本轮待报送"
    return f"{word}：{rnd.title}（{rnd.due} 截止）"


def _reason(task: object) -> str:
    for entry in reversed(getattr(task, "updates", [])):
        if entry.source == "return":
            return str(entry.evidence)
    return "—"


def reminders(digests: Iterable[Digest], addresses: dict[str, str],
              settings: Settings | None = None) -> tuple[list[Reminder], list[str]]:
    """(reminders to send, units that owe something but have no address)."""
    out, unreachable = [], []
    for digest in digests:
        if digest.empty:
            continue
        to = addresses.get(digest.unit)
        if not to:
            unreachable.append(digest.unit)
            continue
        out.append(Reminder(digest.unit, to, compose(digest, to, settings), digest.count))
    return out, unreachable


def local_dashboard(url: str) -> bool:
    """Whether `url` (PLANWATCH_DASHBOARD_URL) can only be reached from the server itself: no host, localhost, a
    loopback or unspecified address. A reminder's links to it open the reader's own machine (a liaison's phone)."""
    import ipaddress
    from urllib.parse import urlsplit

    host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def send(items: list[Reminder], settings: Settings | None = None) -> int:
    """Send the reminders over one SMTP connection; returns how many were accepted. Refused (MailError, nothing sent)
    while the dashboard's address is the default 127.0.0.1 or another the units cannot reach (`local_dashboard`):
    review ux4 #7, every mail linked to http://127.0.0.1:8000 and nothing warned."""
    settings = settings or get_settings()
    if not settings.smtp_host:
        raise MailError("no SMTP server configured: set PLANWATCH_SMTP_HOST (and PLANWATCH_SMTP_PORT), "
                        "or run `planwatch remind --dry-run` to see the messages")
    if local_dashboard(settings.dashboard_url):
        raise MailError(f"the reminders' links would point to {settings.dashboard_url}, which only the server itself "
                        "can open: set PLANWATCH_DASHBOARD_URL to the address the units reach the dashboard at "
                        "(设置 PLANWATCH_DASHBOARD_URL 为各单位可访问的地址, e.g. https://planwatch.example.gov.cn); "
                        "nothing was sent")
    if not items:
        return 0
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            for item in items:
                smtp.send_message(item.message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"SMTP server {settings.smtp_host}:{settings.smtp_port}: {exc}; nothing more was sent") from None
    return len(items)


__all__ = ["MailError", "Reminder", "compose", "local_dashboard", "reminders", "send"]
