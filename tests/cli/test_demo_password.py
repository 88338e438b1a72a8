"""`planwatch demo` printed the PostgreSQL password in clear ("loaded into postgresql+psycopg://postgres:planwatch@…",
review ux4, item 16): every URL printed is masked, as the connection errors are."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from planwatch.store.db import masked_url

URL = "postgresql+psycopg://postgres:s3cret-pw@127.0.0.1/review_ux4"


def test_demo_prints_the_database_without_its_password(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import planwatch.store.db as db
    from planwatch.cli.demo import _load_and_show

    monkeypatch.setattr(db, "connect", lambda url, create=False: engine)  # the test's database under that URL
    _load_and_show(URL)
    out = capsys.readouterr().out
    assert "s3cret-pw" not in out
    assert "loaded into postgresql+psycopg://postgres:***@127.0.0.1/review_ux4" in out


@pytest.mark.parametrize(("url", "shown"), [
    (URL, "postgresql+psycopg://postgres:***@127.0.0.1/review_ux4"),
    ("postgresql+psycopg://postgres:p%40ss@db.example:5433/x", "postgresql+psycopg://postgres:***@db.example:5433/x"),
    ("postgresql+psycopg://postgres:pw@host:notaport/x", "postgresql+psycopg://postgres:***@host:notaport/x"),
    ("sqlite:////var/lib/planwatch/planwatch.db", "sqlite:////var/lib/planwatch/planwatch.db"),
])
def test_a_printed_url_never_holds_a_password(url: str, shown: str) -> None:
    assert masked_url(url) == shown
