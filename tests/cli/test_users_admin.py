"""`planwatch users deactivate|activate|tokens|revoke`: what /admin/users and /admin/tokens do, over SSH (review ux5
#19: a liaison leaves, a token leaks, and the administrator has only a terminal), with the same audit rows."""

from __future__ import annotations

import pytest
from cli_support import run
from sqlalchemy import select
from sqlalchemy.orm import Session

PASSWORD = "pass-word-1"


def _audit() -> list[tuple[str, str, dict[str, object]]]:
    from planwatch.store.db import connect
    from planwatch.store.schema import AuditLog

    with Session(connect(create=False)) as session:
        return [(a.action, a.entity, a.detail) for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]


def _can_log_in(name: str) -> bool:
    from planwatch.store.accounts import authenticate
    from planwatch.store.db import connect

    with Session(connect(create=False)) as session:
        return authenticate(session, name, PASSWORD) is not None


def _token_works(token: str) -> bool:
    from planwatch.store.accounts import principal_for_token
    from planwatch.store.db import connect

    with Session(connect(create=False)) as session:
        return principal_for_token(session, token) is not None


def test_deactivate_and_activate_a_user(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "users", "add", "zhang", "--role", "editor", "--unit", "区教育局", "--password", PASSWORD)[0] == 0
    code, out, err = run(capsys, "users", "deactivate", "zhang")
    assert code == 0, err
    assert out.startswith("deactivated zhang")
    assert not _can_log_in("zhang")
    assert "(inactive)" in run(capsys, "users", "list")[1]
    # the row /admin/users writes: action, entity and before/after
    action, entity, detail = _audit()[-1]
    assert (action, entity) == ("user.deactivate", "app_user")
    assert detail["before"] == {"active": True} and detail["after"] == {"active": False}
    assert run(capsys, "users", "deactivate", "zhang")[1].startswith("zhang was already inactive")
    code, out, err = run(capsys, "users", "activate", "zhang")
    assert code == 0 and out.startswith("activated zhang"), err
    assert _can_log_in("zhang")
    assert _audit()[-1][0] == "user.activate"


@pytest.mark.parametrize("command", ["deactivate", "activate"])
def test_an_unknown_user_is_one_line_and_exit_2(command: str, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "users", "add", "zhang", "--password", PASSWORD)
    code, out, err = run(capsys, "users", command, "lisi")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["planwatch: user 'lisi': no such user; add it with `planwatch users add`"]


def test_list_and_revoke_a_token(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "users", "add", "script", "--password", PASSWORD)
    code, token, err = run(capsys, "users", "token", "script", "--name", "报表脚本")
    token = token.strip()
    assert code == 0 and _token_works(token), err
    code, out, err = run(capsys, "users", "tokens")
    assert code == 0, err
    token_id, owner, name, *_rest = out.splitlines()[0].split("\t")
    assert (owner, name) == ("script", "报表脚本") and token not in out  # never the token itself
    code, out, err = run(capsys, "users", "revoke", token_id)
    assert code == 0, err
    assert out.strip() == f"revoked token {token_id} (报表脚本) of script"
    assert not _token_works(token)
    action, entity, detail = _audit()[-1]
    assert (action, entity) == ("token.revoke", "api_token") and detail["after"] == {"revoked": True}
    assert run(capsys, "users", "tokens", "script")[1].rstrip().endswith("\trevoked")
    assert "already revoked" in run(capsys, "users", "revoke", token_id)[1]


def test_an_unknown_token_or_owner_is_one_line_and_exit_2(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "users", "add", "script", "--password", PASSWORD)
    code, _out, err = run(capsys, "users", "revoke", "999")
    assert code == 2
    assert err.strip().splitlines() == ["planwatch: token 999: no such API token; `planwatch users tokens` lists them"]
    code, _out, err = run(capsys, "users", "tokens", "nobody")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "nobody" in err
