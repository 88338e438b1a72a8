"""`planwatch serve` (the dashboard) and `planwatch users add|passwd|role|list|token`."""

from __future__ import annotations

from typing import Annotated

import typer

users = typer.Typer(help="Dashboard accounts: add users, set passwords and roles, issue API tokens.",
                    no_args_is_help=True)


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default: settings.host, 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default: settings.port, 8000).")] = None,
) -> None:
    """Serve the dashboard and JSON API (Ctrl-C stops it)."""
    import uvicorn

    from planwatch.settings import get_settings
    from planwatch.store.db import connect
    from planwatch.web.app import create_app

    settings = get_settings()
    engine = connect(settings.url)
    app = create_app(settings, engine=engine)
    host, port = host or settings.host, port or settings.port
    typer.echo(f"planwatch dashboard: http://{host}:{port}/  (API schema: http://{host}:{port}/openapi.json)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _password(value: str | None) -> str:
    if value:
        return value
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _units(value: list[str] | None) -> list[str]:
    """Units given as repeated --unit or comma/、-separated."""
    out: list[str] = []
    for item in value or []:
        out += [u.strip() for u in item.replace("、", ",").replace("，", ",").split(",") if u.strip()]
    return out


@users.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="admin, office (the planning office: assigns, signs off), editor or viewer.")] = "viewer",
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Responsible unit of an editor (repeatable).")] = None,
    name: Annotated[str, typer.Option(help="Display name (default: the login name).")] = "",
    password: Annotated[str | None, typer.Option(help="Password (default: prompt; or PLANWATCH_PASSWORD).",
                                                 envvar="PLANWATCH_PASSWORD")] = None,
) -> None:
    """Add a dashboard user."""
    from planwatch.store.accounts import add_user
    from planwatch.store.db import connect, transaction

    secret = _password(password)
    units = _units(unit)
    if role == "editor" and not units:
        typer.echo("planwatch: note: an editor without --unit can edit nothing", err=True)
    with transaction(connect()) as session:
        add_user(session, username, secret, role, units, name, who=_who())
    typer.echo(f"added {username} ({role}{': ' + '、'.join(units) if units else ''})")


@users.command("passwd")
def users_passwd(
    username: Annotated[str, typer.Argument(help="Login name.")],
    password: Annotated[str | None, typer.Option(help="New password (default: prompt).", envvar="PLANWATCH_PASSWORD")] = None,
) -> None:
    """Set a user's password."""
    from planwatch.store.accounts import set_password
    from planwatch.store.db import connect, transaction

    secret = _password(password)
    with transaction(connect()) as session:
        set_password(session, username, secret, who=_who())
    typer.echo(f"password of {username} changed")


@users.command("role")
def users_role(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Argument(help="admin, office (the planning office: assigns, signs off), editor or viewer.")],
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Replace the editor's units (repeatable).")] = None,
) -> None:
    """Change a user's role (and, with --unit, their responsible units)."""
    from planwatch.store.accounts import set_role
    from planwatch.store.db import connect, transaction

    with transaction(connect()) as session:
        set_role(session, username, role, _units(unit) if unit else None, who=_who())
    typer.echo(f"{username} is now {role}")


@users.command("list")
def users_list() -> None:
    """List the users with their roles and units."""
    from sqlalchemy.orm import Session

    from planwatch.store.accounts import list_users
    from planwatch.store.db import connect

    with Session(connect()) as session:
        for user in list_users(session):
            units = "、".join(sorted(u.unit for u in user.units))
            state = "" if user.active else "\t(inactive)"
            typer.echo(f"{user.username}\t{user.role}\t{units}{state}")


@users.command("token")
def users_token(
    username: Annotated[str, typer.Argument(help="Login name.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "",
) -> None:
    """Issue an API token for scripts (printed once)."""
    from planwatch.store.accounts import create_token
    from planwatch.store.db import connect, transaction

    with transaction(connect()) as session:
        token = create_token(session, username, name, who=_who())
    typer.echo(token)


@users.command("unit-add")
def users_unit_add(
    name: Annotated[str, typer.Argument(help="The unit's name, e.g. 区数据局.")],
    government: Annotated[str | None, typer.Option(help="The stored government it belongs to.")] = None,
    parent: Annotated[str | None, typer.Option(help="The registered unit above it.")] = None,
) -> None:
    """Register a responsible unit (accounts may name registered units only)."""
    from planwatch.store.db import connect, transaction
    from planwatch.store.unit_registry import add_unit

    with transaction(connect()) as session:
        add_unit(session, name, government, parent, who=_who())
    typer.echo(f"added unit {name}")


def _who() -> str:
    from planwatch.store.audit import current_user

    return current_user()


def register(app: typer.Typer) -> None:
    """Add `serve` and `users` to `app`."""
    app.command("serve")(serve)
    app.add_typer(users, name="users")
