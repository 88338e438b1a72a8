"""`planwatch remind` e-mails each unit its list through a real local SMTP server (aiosmtpd); rounds, contacts, review."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cli_support import run
from smtp_support import Mailbox, smtp_server
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session


@pytest.fixture
def stored(engine: Engine) -> tuple[int, str]:
    """The bundled plan stored; (a task id, its unit)."""
    from planwatch.cli.store import load_demo
    from planwatch.store.tasks import Task

    load_demo(engine)
    with Session(engine) as session:
        task = next(t for t in session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id)) if t.unit_name)
        return task.id, task.unit_name


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    from planwatch.settings import get_settings

    with smtp_server() as box:
        monkeypatch.setenv("PLANWATCH_SMTP_HOST", box.host)
        monkeypatch.setenv("PLANWATCH_SMTP_PORT", str(box.port))
        monkeypatch.setenv("PLANWATCH_MAIL_FROM", "duban@pingshan.example")
        monkeypatch.setenv("PLANWATCH_DASHBOARD_URL", "http://dashboard.example")
        get_settings.cache_clear()
        yield box
        get_settings.cache_clear()


def test_remind_mails_each_unit_its_list(capsys: pytest.CaptureFixture[str], stored: tuple[int, str],
                                         mailbox: Mailbox) -> None:
    task_id, unit = stored
    assert run(capsys, "rounds", "open", "2019年6月进展填报", "--due", "2019-06-30", "--opened", "2019-06-01")[0] == 0
    code, out, err = run(capsys, "contacts", "set", unit, "liaison@unit.example")
    assert code == 0, err
    code, out, err = run(capsys, "remind", "--today", "2019-06-10")
    assert code == 0, err
    assert "已发送 1 封" in out
    assert "has no e-mail address" in err  # the other units owe reports too, but have no address
    assert len(mailbox.received) == 1
    recipients, message = mailbox.received[0]
    assert recipients == ["liaison@unit.example"] and message["From"] == "duban@pingshan.example"
    assert unit in message["Subject"] and "截至 2019-06-10" in message["Subject"]
    body = message.get_content()
    assert "本轮待报送：2019年6月进展填报（2019-06-30 截止）" in body
    assert f"http://dashboard.example/tasks/{task_id}" in body


def test_remind_without_smtp_server_is_one_line(capsys: pytest.CaptureFixture[str], stored: tuple[int, str]) -> None:
    _task_id, unit = stored
    run(capsys, "contacts", "set", unit, "liaison@unit.example")
    code, out, err = run(capsys, "remind", "--today", "2020-01-05")
    assert code == 2 and "PLANWATCH_SMTP_HOST" in err and "Traceback" not in err
    code, out, err = run(capsys, "remind", "--today", "2020-01-05", "--dry-run")
    assert code == 0 and "已逾期" in out and "To: liaison@unit.example" in out


def test_cli_review_and_bad_input(capsys: pytest.CaptureFixture[str], engine: Engine, stored: tuple[int, str]) -> None:
    from planwatch.store.db import transaction
    from planwatch.store.supervision import report

    task_id, unit = stored
    code, _out, err = run(capsys, "review", str(task_id), "approve")
    assert code == 2 and "no sign-off request" in err
    with transaction(engine) as session:
        report(session, task_id, "liaison", "editor", {unit}, status="已完成", evidence="竣工验收")
    code, out, err = run(capsys, "review", str(task_id), "approve", "--who", "督办科")
    assert code == 0 and "已销号" in out
    assert run(capsys, "contacts", "set", unit, "no-address")[0] == 2
    assert run(capsys, "contacts", "set", "区火星局", "a@b.example")[0] == 2
    assert run(capsys, "rounds", "open", "x", "--due", "2019-13-01")[0] == 2
