"""The store: SQLAlchemy models, migrations, and the writes (ingest, indicators, actuals).

Use `connect()` for an engine (migrated to the latest schema) and `transaction()` for
every write; models live in `planwatch.store.schema`.
"""

from planwatch.store.db import connect, load_models, transaction
from planwatch.store.schema import Base

__all__ = ["Base", "connect", "load_models", "transaction"]
