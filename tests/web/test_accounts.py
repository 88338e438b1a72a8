"""Accounts: argon2 hashes, roles, unit bindings, API tokens, and the `planwatch users` commands."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.store import accounts
from planwatch.store.db import transaction


def test_passwords_are_argon2_hashes_and_verify(engine: Engine) -> None:
    with transaction(engine) as session:
        user = accounts.add_user(session, "wang", "s3cret-pass", "editor", ["区教育局", "区教育局", "区卫生健康局"])
        assert user.password_hash.startswith("$argon2id$") and "s3cret-pass" not in user.password_hash
    with Session(engine) as session:
        who = accounts.authenticate(session, "wang", "s3cret-pass")
        assert who is not None and who.role == "editor"
        assert who.units == frozenset({"区教育局", "区卫生健康局"})
        assert who.may_edit_unit("区教育局") and not who.may_edit_unit("区发展和改革局") and not who.may_edit_unit(None)
        assert accounts.authenticate(session, "wang", "wrong") is None
        assert accounts.authenticate(session, "nobody", "s3cret-pass") is None


def test_hashes_take_64_mib_by_default_and_are_remade_at_the_configured_cost(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.settings import Settings, get_settings

    assert Settings.model_fields["password_memory_kib"].default == 65536  # tests run at 1 MiB (tests/conftest.py)
    with transaction(engine) as session:
        light = accounts.add_user(session, "wang", "s3cret-pass", "editor")
        assert "$m=1024," in light.password_hash
    monkeypatch.setenv("PLANWATCH_PASSWORD_MEMORY_KIB", "65536")
    get_settings.cache_clear()
    with transaction(engine) as session:
        assert accounts.authenticate(session, "wang", "s3cret-pass") is not None  # checked at the cost it was made
    with Session(engine) as session:
        remade = session.scalar(select(accounts.User.password_hash).where(accounts.User.username == "wang"))
        assert remade is not None and "$m=65536," in remade  # and remade at the configured one on this login
        assert accounts.authenticate(session, "wang", "s3cret-pass") is not None


def test_roles_passwords_and_validation(engine: Engine) -> None:
    with transaction(engine) as session:
        accounts.add_user(session, "li", "first-pass", "viewer")
        with pytest.raises(ValidationError):
            accounts.add_user(session, "li", "other-pass", "viewer")
        with pytest.raises(ValidationError):
            accounts.add_user(session, "zhao", "short", "viewer")
        with pytest.raises(ValidationError):
            accounts.add_user(session, "zhao", "long-enough", "boss")
        accounts.set_password(session, "li", "second-pass")
        accounts.set_role(session, "li", "admin")
        with pytest.raises(NotFoundError):
            accounts.set_role(session, "ghost", "admin")
    with Session(engine) as session:
        assert accounts.authenticate(session, "li", "first-pass") is None
        who = accounts.authenticate(session, "li", "second-pass")
        assert who is not None and who.is_admin and who.may_edit_unit("任何单位")
        from planwatch.store.schema import AuditLog

        actions = [a.action for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]
        assert actions == ["user.add", "user.passwd", "user.role"]


def test_api_tokens_are_stored_as_digests(engine: Engine) -> None:
    with transaction(engine) as session:
        accounts.add_user(session, "sun", "password-1", "viewer")
        token = accounts.create_token(session, "sun", "nightly import")
    with Session(engine) as session:
        row = session.scalar(select(accounts.ApiToken))
        assert row is not None and token not in row.digest and len(row.digest) == 64
        who = accounts.principal_for_token(session, token)
        assert who is not None and who.username == "sun"
        assert accounts.principal_for_token(session, token + "x") is None
    with transaction(engine) as session:
        session.scalar(select(accounts.ApiToken)).revoked = True  # type: ignore[union-attr]
    with Session(engine) as session:
        assert accounts.principal_for_token(session, token) is None


def test_users_cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.cli import main

    def run(*args: str) -> int:
        try:
            main(list(args))
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0

    assert run("users", "add", "zhou", "--role", "editor", "--unit", "区教育局,区民政局", "--password", "pass-word-1") == 0
    assert run("users", "passwd", "zhou", "--password", "pass-word-2") == 0
    assert run("users", "role", "zhou", "viewer") == 0
    assert run("users", "role", "ghost", "viewer") == 2
    assert run("users", "list") == 0
    out = capsys.readouterr()
    assert "zhou\tviewer\t区教育局、区民政局" in out.out
    assert "no such user" in out.err
    assert run("users", "token", "zhou") == 0
    assert capsys.readouterr().out.strip().startswith("pw_")
    from planwatch.store.db import connect

    with Session(connect(db_url)) as session:
        assert accounts.authenticate(session, "zhou", "pass-word-2") is not None
