"""`planwatch serve` (the dashboard) and `planwatch users add|passwd|role|list|deactivate|activate|token|tokens|revoke`."""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import unquote

import typer

from planwatch.cli.edge import one_line
from planwatch.errors import PlanwatchError, ValidationError

if TYPE_CHECKING:
    from sqlalchemy import Engine

users = typer.Typer(help="Dashboard accounts: add, deactivate and activate users, set passwords and roles, issue, "
                         "list and revoke API tokens.",
                    no_args_is_help=True)


HostOption = Annotated[str | None, typer.Option(help="Address to listen on (default: settings.host, 127.0.0.1).")]
PortOption = Annotated[int | None, typer.Option(min=1, max=65535, help="Port to listen on (default: settings.port, 8000).")]


def serve(host: HostOption = None, port: PortOption = None) -> None:
    """Serve the dashboard and JSON API (Ctrl-C stops it)."""
    from planwatch.settings import get_settings

    settings = get_settings()
    run_dashboard(listen(host or settings.host, port or settings.port))


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port`; a PlanwatchError in one line when it cannot be (address in use, no such address).

    Bound here rather than by uvicorn, so a busy port is said in one line before anything is
    printed, and the dashboard's address is printed only once it is really listened on.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn decides
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart may reuse a port in TIME_WAIT
        sock.bind((host, port))
    except (OSError, OverflowError) as exc:
        sock.close()
        reason = getattr(exc, "strerror", None) or str(exc)
        hint = ("stop what uses it or choose another --port (PLANWATCH_PORT)" if getattr(exc, "errno", None) == errno.EADDRINUSE
                else "check --host (PLANWATCH_HOST): an address of this machine, e.g. 127.0.0.1 or 0.0.0.0")
        raise PlanwatchError(f"cannot listen on {host}:{port}: {one_line(reason)}; {hint}") from None
    return sock


def run_dashboard(sock: socket.socket) -> None:
    """Serve the dashboard on the bound `sock` until Ctrl-C; its address is printed first."""
    import uvicorn

    from planwatch.settings import get_settings
    from planwatch.store.db import connect
    from planwatch.web.app import create_app

    settings = get_settings()
    try:
        engine = connect(settings.url, create=False)
        app = create_app(settings, engine=engine)
        _check_configuration(engine)
        _say_if_read_only(engine)
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"planwatch dashboard: http://{shown}:{port}/  (API schema: http://{shown}:{port}/openapi.json)")
        _check_evidence(settings)
        level = settings.log_level
        uvicorn.Server(uvicorn.Config(app, log_level=level, access_log=level in ("debug", "info"),
                                      log_config=log_config(level))).run(sockets=[sock])
    finally:
        sock.close()


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_DATE = "%Y-%m-%dT%H:%M:%S%z"


def log_config(level: str) -> dict[str, Any]:
    """The logging of `serve`: uvicorn's server and access log and planwatch's own (`planwatch.auth`, `planwatch.web`),
    one format on stderr, at `level` (settings.log_level). An access line reads
    `2026-12-06T19:40:01+0000 INFO uvicorn.access: 203.0.113.7:0 - "GET /plans/4 HTTP/1.1" 200`."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    logger = {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"plain": {"format": LOG_FORMAT, "datefmt": LOG_DATE}},
            "handlers": {"stderr": handler},
            "loggers": {"uvicorn": logger, "planwatch": logger}}


def _check_evidence(settings: Any) -> None:
    """Say where the evidence files are kept (an absolute path, fixed at start: `Settings.evidence_dir`), and warn on
    stderr when files the database lists are not there: started from another folder, every attachment answered 404
    with no word in the log (review ux4 #2). The warning names the folder that holds them when it is the working
    directory's `planwatch-files` (where earlier releases kept them: the folder `serve` was started in)."""
    from planwatch.settings import EVIDENCE_FOLDER
    from planwatch.store.backup import missing_evidence

    folder = Path(settings.evidence_dir)
    listed, missing = missing_evidence(settings.url, folder)
    typer.echo(f"planwatch evidence files: {folder} ({listed} listed)")
    if not missing:
        return
    shown = "、".join(missing[:5]) + (f" … and {len(missing) - 5} more" if len(missing) > 5 else "")
    old = Path.cwd() / EVIDENCE_FOLDER
    hint = (f"; they seem to be in {old}: set PLANWATCH_EVIDENCE_DIR={old} or move that folder to {folder}"
            if old.resolve() != folder and old.is_dir() else
            "; set PLANWATCH_EVIDENCE_DIR to the folder that holds them")
    typer.echo(f"planwatch: warning: {len(missing)} of the {listed} evidence files the database lists are missing "
               f"from the evidence folder {folder} ({shown}): /files answers 404 for them{hint}", err=True)


def _check_configuration(engine: Engine) -> None:
    """Files the settings name, checked before serving: a broken one is said in one line on stderr (the server log) and
    the server still serves everything else (the evaluation page then says the system cannot be read)."""
    from planwatch.evaluate.service import check_configured_system

    problem = check_configured_system(engine)
    if problem:
        typer.echo(f"planwatch: warning: {problem}; the evaluation pages and scores are unavailable until it is fixed",
                   err=True)


def _say_if_read_only(engine: Engine) -> None:
    """One line on stderr when the database was opened read-only (`store.db.read_only_reason`): pages and exports
    work, every change (reports, logins, administration) is refused."""
    from planwatch.store.db import is_read_only, read_only_reason

    if not is_read_only(engine):
        return
    database = engine.url.database or ""
    path = Path(database.removeprefix("file:")) if database.startswith("file:") else Path(database)
    reason = read_only_reason(Path(unquote(str(path)))) or "the database URL asks for it"
    typer.echo(f"planwatch: the database is read-only ({reason}): the dashboard shows what is stored and refuses "
               "every change, logging in included; give planwatch write access to the file and its folder to change it",
               err=True)


PasswordStdin = Annotated[bool, typer.Option("--password-stdin",
                                            help="Read the password from the first line of standard input (scripts).")]


def _password(value: str | None, from_stdin: bool = False) -> str:
    """The password given, read from stdin, or asked at the terminal; without a terminal to ask, one line."""
    if value and from_stdin:
        raise ValidationError("give the password with --password or --password-stdin, not both")
    if value:
        return value
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise ValidationError("--password-stdin: standard input has no password on its first line")
        return line
    if not sys.stdin.isatty():  # getpass would warn (GetPassWarning) and read an echoed line, or nothing
        raise ValidationError("no terminal to ask for the password: pass --password or --password-stdin "
                              "(or set PLANWATCH_PASSWORD)")
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
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a dashboard user."""
    from planwatch.store.accounts import add_user
    from planwatch.store.db import connect, transaction

    secret = _password(password, password_stdin)
    units = _units(unit)
    if role == "editor" and not units:
        typer.echo("planwatch: note: an editor without --unit can edit nothing", err=True)
    with transaction(connect(create=True)) as session:
        add_user(session, username, secret, role, units, name, who=_who())
    typer.echo(f"added {username} ({role}{': ' + '、'.join(units) if units else ''})")


@users.command("passwd")
def users_passwd(
    username: Annotated[str, typer.Argument(help="Login name.")],
    password: Annotated[str | None, typer.Option(help="New password (default: prompt).", envvar="PLANWATCH_PASSWORD")] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a user's password."""
    from planwatch.store.accounts import set_password
    from planwatch.store.db import connect, transaction

    secret = _password(password, password_stdin)
    with transaction(connect(create=False)) as session:
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

    with transaction(connect(create=False)) as session:
        set_role(session, username, role, _units(unit) if unit else None, who=_who())
    typer.echo(f"{username} is now {role}")


@users.command("list")
def users_list() -> None:
    """List the users with their roles and units (on a database without users, one line that says so)."""
    from sqlalchemy.orm import Session

    from planwatch.store.accounts import list_users
    from planwatch.store.db import connect

    with Session(connect(create=False)) as session:
        rows = list_users(session)
        if not rows:
            typer.echo("no users yet: `planwatch users add NAME --role admin` adds the first administrator")
        for user in rows:
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

    with transaction(connect(create=False)) as session:
        token = create_token(session, username, name, who=_who())
    typer.echo(token)


def _set_active(username: str, active: bool) -> None:
    """Activate or deactivate `username` as /admin/users does (the same store call and audit row)."""
    from planwatch.store.accounts import get_user, set_active
    from planwatch.store.db import connect, transaction

    with transaction(connect(create=False)) as session:
        was = get_user(session, username).active
        set_active(session, username, active, who=_who())
    if was == active:
        typer.echo(f"{username} was already {'active' if active else 'inactive'}")
    elif active:
        typer.echo(f"activated {username}: they log in anew; their API tokens that were not revoked work again")
    else:
        typer.echo(f"deactivated {username}: they can no longer log in, their login sessions ended and their API "
                   "tokens are refused")


@users.command("deactivate")
def users_deactivate(username: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Deactivate a user (a liaison who left): no login, sessions ended, API tokens refused; history is kept."""
    _set_active(username, False)


@users.command("activate")
def users_activate(username: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Activate a deactivated user again (they log in anew; old sessions stay ended)."""
    _set_active(username, True)


@users.command("tokens")
def users_tokens(
    username: Annotated[str | None, typer.Argument(help="Only this user's tokens (default: every user's).")] = None,
) -> None:
    """List API tokens, newest first: id, owner, what it is for, created, revoked (never the token itself)."""
    from sqlalchemy.orm import Session

    from planwatch.store.accounts import get_user, list_tokens
    from planwatch.store.db import connect

    with Session(connect(create=False)) as session:
        if username:
            get_user(session, username)  # an unknown user is an error, not an empty list
        rows = list_tokens(session, username)
        if not rows:
            typer.echo("no API tokens" + (f" of {username}" if username else ""))
        for token, owner in rows:
            state = "\trevoked" if token.revoked else ""
            typer.echo(f"{token.id}\t{owner}\t{token.name}\t{token.created_at:%Y-%m-%d %H:%M}{state}")


@users.command("revoke")
def users_revoke(
    token_id: Annotated[int, typer.Argument(metavar="ID", min=1, help="The token's id (`planwatch users tokens`).")],
) -> None:
    """Revoke an API token (a leaked one): scripts using it get 401 from then on."""
    from planwatch.store.accounts import ApiToken, User, revoke_token
    from planwatch.store.db import connect, transaction

    with transaction(connect(create=False)) as session:
        row = session.get(ApiToken, token_id)
        if row is not None and row.revoked:
            typer.echo(f"token {token_id} ({row.name}) was already revoked")
            return
        row = revoke_token(session, token_id, who=_who())
        owner = session.get(User, row.user_id)
        said = f"revoked token {token_id} ({row.name}) of {owner.username if owner else '—'}"
    typer.echo(said)


@users.command("unit-add")
def users_unit_add(
    name: Annotated[str, typer.Argument(help="The unit's name, e.g. 区数据局.")],
    government: Annotated[str | None, typer.Option(help="The stored government it belongs to.")] = None,
    parent: Annotated[str | None, typer.Option(help="The registered unit above it.")] = None,
) -> None:
    """Register a responsible unit (accounts may name registered units only)."""
    from planwatch.store.db import connect, transaction
    from planwatch.store.unit_registry import add_unit

    with transaction(connect(create=True)) as session:
        add_unit(session, name, government, parent, who=_who())
    typer.echo(f"added unit {name}")


def _who() -> str:
    from planwatch.store.audit import current_user

    return current_user()


def register(app: typer.Typer) -> None:
    """Add `serve` and `users` to `app`."""
    app.command("serve")(serve)
    app.add_typer(users, name="users")
