"""A throw-away PostgreSQL database for a benchmark run: created on a server, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Callable

__all__ = ["postgres_database"]


def postgres_database(server: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """A new database `<prefix>_<random>` on `server` (a URL where we may CREATE DATABASE); its URL and a dropper."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(server).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server).set(database=name).render_as_string(hide_password=False), drop
