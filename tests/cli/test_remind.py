"""`planwatch remind` e-mails each unit its list through a real local SMTP server (aiosmtpd); rounds, contacts, review."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


def _suggested_to(engine: Engine, unit: str) -> list[int]:
    """The tasks of the bundled plan suggested to `unit`, none assigned yet."""
    from planwatch.store.tasks import Task

    with Session(engine) as session:
        return [t.id for t in session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id))
                if t.unit is None and t.unit_name == unit]


def test_remind_mails_each_unit_its_list(capsys: pytest.CaptureFixture[str], engine: Engine, stored: tuple[int, str],
                                         mailbox: Mailbox) -> None:
    """Only the tasks assigned to a unit are its to do (review ux2 #5: the mail to 区教育局 listed 14 tasks, 9 of them
    only suggested to it, seven again as 已逾期; 21 units never given a task "owed reports"). The tasks only suggested
    are the office's to assign (待交办), said on stderr and mailed to nobody."""
    task_id, unit = stored
    suggested = _suggested_to(engine, unit)
    assert task_id in suggested and len(suggested) > 2
    assert run(capsys, "tasks", "assign", str(task_id), unit, "--deadline", "2019-06-20")[0] == 0
    assert run(capsys, "rounds", "open", "2019年6月进展填报", "--due", "2019-06-30", "--opened", "2019-06-01")[0] == 0
    code, out, err = run(capsys, "contacts", "set", unit, "liaison@unit.example")
    assert code == 0, err
    code, out, err = run(capsys, "remind", "--today", "2019-06-10")
    assert code == 0, err
    assert "已发送 1 封" in out and "链接指向 http://dashboard.example" in out  # the links' address (review ux4 #7)
    assert "owes reports" not in err  # no other unit was given a task: none owes anything
    assert "待交办" in err and "尚未交办" in err and "http://dashboard.example/tasks?plan=" in err
    assert len(mailbox.received) == 1
    recipients, message = mailbox.received[0]
    assert recipients == ["liaison@unit.example"] and message["From"] == "duban@pingshan.example"
    assert f"{unit}：1 项任务待办" in message["Subject"] and "截至 2019-06-10" in message["Subject"]
    body = message.get_content()
    assert "本轮待报送：2019年6月进展填报（2019-06-30 截止）" in body
    assert f"http://dashboard.example/tasks/{task_id}" in body
    assert not any(f"/tasks/{other}\n" in body + "\n" for other in suggested if other != task_id)
    # after its deadline the assigned task is overdue; the suggested ones (deadline 2019-12-31 too) never are the unit's
    code, out, err = run(capsys, "remind", "--today", "2020-01-05", "--dry-run")
    assert code == 0 and "已逾期" in out and out.count(f"{unit}：1 项任务待办") == 1


def test_remind_without_smtp_server_is_one_line(capsys: pytest.CaptureFixture[str], stored: tuple[int, str]) -> None:
    task_id, unit = stored
    run(capsys, "tasks", "assign", str(task_id), unit)
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
    # deciding again: it is signed off, said so with the day and who (it said "has no sign-off request to decide")
    from datetime import date

    for decision in ("approve", "return"):
        code, out, err = run(capsys, "review", str(task_id), decision, "--reason", "x")
        assert code == 2 and out == ""
        assert err.strip().splitlines() == [f"planwatch: task {task_id} is already signed off on {date.today()} by 督办科; "
                                            "there is no sign-off request to decide"]
    assert run(capsys, "contacts", "set", unit, "no-address")[0] == 2
    assert run(capsys, "contacts", "set", "区火星局", "a@b.example")[0] == 2
    assert run(capsys, "rounds", "open", "x", "--due", "2019-13-01")[0] == 2


@pytest.mark.parametrize(("args", "lister"), [
    (("tasks", "list", "--plan", "998"), "`planwatch plans` lists them"),
    (("tasks", "--plan", "998", "-f", "jsonl"), "`planwatch plans` lists them"),
    (("tasks", "overdue", "--plan", "998"), "`planwatch plans` lists them"),
    (("tasks", "export", "{tmp}/ledger.xlsx", "--plan", "998"), "`planwatch plans` lists them"),
    (("remind", "--plan", "998", "--dry-run"), "`planwatch plans` lists them"),
    (("remind", "--unit", "区不存在局", "--dry-run"), "`planwatch tasks units` lists them"),
    (("remind", "--unit", "{unit}", "--unit", "区不存在局", "--dry-run"), "`planwatch tasks units` lists them"),
    (("tasks", "list", "--plan", "1", "--unit", "区不存在局"), "`planwatch tasks units` lists them"),
])
def test_a_plan_or_unit_that_is_not_stored_fails(capsys: pytest.CaptureFixture[str], stored: tuple[int, str],
                                                 tmp_path: Path, args: tuple[str, ...], lister: str) -> None:
    """`tasks list --plan 998` said "0 项任务" and `remind --unit 区不存在局` "0 封提醒邮件", exit 0, where
    `assess --plan 998` fails (audit defect 15); the ledger is not written."""
    args = tuple(a.format(tmp=tmp_path, unit=stored[1]) for a in args)
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1, err
    assert err.startswith("planwatch: plan 998 is not stored" if "998" in args else
                          "planwatch: unit '区不存在局' is not stored") and lister in err
    assert not (tmp_path / "ledger.xlsx").exists()
    assert run(capsys, "tasks", "list", "--unit", stored[1])[0] == 0  # a stored unit lists its tasks


def test_a_round_needs_a_stored_plan(capsys: pytest.CaptureFixture[str], engine: Engine) -> None:
    """On an empty database `rounds open` made round #1 "（计划 None）" (audit defect 15)."""
    code, out, err = run(capsys, "rounds", "open", "t", "--due", "2030-01-01")
    assert (code, out) == (2, "") and err == "planwatch: no plan stored: ingest one first\n"
    assert run(capsys, "rounds", "list")[1].startswith("0 个报送轮次")


def test_the_web_says_why_a_round_cannot_open(engine: Engine) -> None:
    from planwatch.store.supervision import SupervisionError
    from planwatch.web.i18n import reset_language, set_language
    from planwatch.web.supervision import translate_error

    token = set_language("zh")
    try:
        error = translate_error(SupervisionError("round_no_plan", "no plan stored: ingest one first"))
    finally:
        reset_language(token)
    assert error.status_code == 422 and error.detail == "尚未存储任何计划：请先导入计划"


def test_units_only_suggested_owe_nothing(capsys: pytest.CaptureFixture[str], engine: Engine) -> None:
    """The State Council reports' lead units are suggestions from the text (交通运输部门), never told of a task: remind
    told each of them it "owes reports" and how to register it. Nobody was assigned a task, so nobody owes one: the
    office is told the plan's tasks wait to be assigned (待交办), and no mail is composed."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(engine, load(example_paths()[-1])).plan_id
    assert run(capsys, "rounds", "open", "2018年进展填报", "--plan", str(plan), "--opened", "2018-06-01",
               "--due", "2018-06-30")[0] == 0
    code, out, err = run(capsys, "remind", "--today", "2019-06-10", "--dry-run")
    assert code == 0, err
    assert "owes reports" not in err and "0 封提醒邮件（未发送：--dry-run）" in out.strip().splitlines()[-1]
    (line,) = [line for line in err.splitlines() if line.startswith("待交办：")]
    assert "国务院" in line and f"/tasks?plan={plan}" in line


def test_users_list_on_a_database_without_users_says_so(capsys: pytest.CaptureFixture[str], engine: Engine) -> None:
    """Before: nothing at all was printed (exit 0), as if the command had not run."""
    code, out, err = run(capsys, "users", "list")
    assert code == 0 and err == ""
    assert out.splitlines() == ["no users yet: `planwatch users add NAME --role admin` adds the first administrator"]


@pytest.mark.parametrize("url", [None, "http://localhost:8780", "http://127.0.0.1:8000/", "http://[::1]:8000",
                                 "http://0.0.0.0:8000"])
def test_remind_refuses_links_only_the_server_can_open(capsys: pytest.CaptureFixture[str], stored: tuple[int, str],
                                                       mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch,
                                                       url: str | None) -> None:
    """Review ux4 #7: with PLANWATCH_DASHBOARD_URL unset every mail linked to http://127.0.0.1:8000 (the liaison's own
    phone) and nothing warned. Sending is refused, naming the setting; --dry-run still prints, with a warning."""
    from planwatch.settings import get_settings

    if url is None:
        monkeypatch.delenv("PLANWATCH_DASHBOARD_URL")
    else:
        monkeypatch.setenv("PLANWATCH_DASHBOARD_URL", url)
    get_settings.cache_clear()
    task_id, unit = stored
    run(capsys, "tasks", "assign", str(task_id), unit)
    run(capsys, "contacts", "set", unit, "liaison@unit.example")
    code, out, err = run(capsys, "remind", "--today", "2020-01-05")
    assert code != 0 and "PLANWATCH_DASHBOARD_URL" in err and "nothing was sent" in err and "Traceback" not in err
    assert mailbox.received == [] and "已发送" not in out
    code, out, err = run(capsys, "remind", "--today", "2020-01-05", "--dry-run")
    assert code == 0 and "To: liaison@unit.example" in out
    assert "链接指向" in out.splitlines()[-1] and "PLANWATCH_DASHBOARD_URL" in out.splitlines()[-1]


def test_remind_lists_each_task_once_and_a_round_past_due_as_late(capsys: pytest.CaptureFixture[str], engine: Engine,
                                                                  stored: tuple[int, str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Review ux5 #18: with a round due 2019-06-30 and a newer one open, the reminder listed the same tasks twice, once
    under "本轮待报送：2019年6月进展填报" years after its due date. Each task once, under the rounds waiting for it; a
    round past its due date is 逾期未报; round_close_days after it, the round ends by itself."""
    from planwatch.settings import get_settings

    task_id, unit = stored
    monkeypatch.setenv("PLANWATCH_DASHBOARD_URL", "http://dashboard.example")
    assert run(capsys, "tasks", "assign", str(task_id), unit)[0] == 0
    assert run(capsys, "rounds", "open", "2019年6月进展填报", "--due", "2019-06-30", "--opened", "2019-06-01")[0] == 0
    assert run(capsys, "rounds", "open", "2019年12月进展填报", "--due", "2019-12-15", "--opened", "2019-12-01")[0] == 0
    assert run(capsys, "contacts", "set", unit, "liaison@unit.example")[0] == 0
    monkeypatch.setenv("PLANWATCH_ROUND_CLOSE_DAYS", "0")  # rounds end only when the office closes them
    get_settings.cache_clear()
    code, out, err = run(capsys, "remind", "--today", "2019-12-06", "--dry-run")
    assert code == 0, err
    assert out.count(f"/tasks/{task_id}\n") == 1  # once, not once per round
    assert "一、本轮待报送：2019年12月进展填报（2019-12-15 截止）；逾期未报：2019年6月进展填报（2019-06-30 截止）" in out
    assert "本轮待报送：2019年6月进展填报" not in out
    monkeypatch.setenv("PLANWATCH_ROUND_CLOSE_DAYS", "30")
    get_settings.cache_clear()
    code, out, err = run(capsys, "remind", "--today", "2019-12-06", "--dry-run")
    assert code == 0, err
    assert "一、本轮待报送：2019年12月进展填报（2019-12-15 截止）\n" in out and "2019年6月进展填报" not in out
    listed = run(capsys, "rounds", "list")[1]  # today, years after both due dates: both ended by themselves
    assert listed.count("逾期自动结束") == 2 and "进行中" not in listed
    get_settings.cache_clear()
