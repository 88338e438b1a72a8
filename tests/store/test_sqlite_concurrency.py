"""SQLite under concurrent writers (issue 12): a write that starts while another process holds the
write lock waits for it (WAL, busy timeout, BEGIN IMMEDIATE) instead of failing "database is locked"."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from planwatch.store import audit
from planwatch.store.db import connect, transaction
from planwatch.store.schema import AuditLog


def test_a_write_waits_for_a_long_batch_instead_of_failing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    batch_engine, web_engine = connect(url), connect(url)  # two pools: two processes, as far as SQLite can tell
    with batch_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    holding = threading.Event()
    errors: list[BaseException] = []

    def long_batch() -> None:
        try:
            with transaction(batch_engine) as session:
                audit.log(session, "test.batch", "plan", None, "ingest")
                session.flush()
                holding.set()
                time.sleep(1.5)  # an ingest batch holding the write lock
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
            holding.set()

    thread = threading.Thread(target=long_batch)
    thread.start()
    holding.wait(10)
    with transaction(web_engine) as session:  # reads, then writes: a stale snapshot must not fail
        before = session.scalar(select(func.count()).select_from(AuditLog))
        audit.log(session, "test.web", "task", None, "editor")
    thread.join()
    assert not errors
    with Session(web_engine) as session:
        actions = [a for (a,) in session.execute(select(AuditLog.action).where(AuditLog.action.like("test.%")))]
    assert sorted(actions) == ["test.batch", "test.web"]
    assert before >= 1  # the web write began after the batch committed: it saw the batch's row
    batch_engine.dispose()
    web_engine.dispose()
