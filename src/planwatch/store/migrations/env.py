"""Alembic environment: runs on the connection `store.db.connect` hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from planwatch.store.db import load_models
from planwatch.store.search_index import include_object

config = context.config
target_metadata = load_models()


def run_migrations_online() -> None:
    """Migrate through the connection passed in ``config.attributes['connection']``."""
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///planwatch.db")
        with engine.begin() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,  # the search index (FTS5 tables, trigram indexes) is not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
