"""The evidence of a verdict in a real browser: the target page links its actual to the sentence in the next plan.

Loads the bundled State Council reports of 2016 and 2017 (`planwatch demo`'s examples),
serves the app with uvicorn on a free port, opens the 2016 GDP target in Debian's headless
Chromium and clicks its evidence.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from conftest import CHROMIUM
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_target_evidence_opens_the_sentence_in_the_next_plan(engine: Engine, chromium) -> None:  # type: ignore[no-untyped-def]
    import uvicorn

    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.settings import Settings
    from planwatch.store.schema import Plan, Record
    from planwatch.web.app import create_app

    for path in example_paths()[:2]:
        ingest_document(engine, load(path))
    with Session(engine) as session:
        first, following = session.scalars(select(Plan.id).order_by(Plan.year)).all()
        target = session.scalar(select(Record.id).where(Record.plan_id == first, Record.kind == "target",
                                                        Record.quote.like("国内生产总值增长%")))
        actual_record = session.scalar(select(Record.id).where(Record.plan_id == following, Record.kind == "result",
                                                               Record.quote.like("%增长6.7%")))
    assert target and actual_record
    port = _free_port()
    app = create_app(Settings(secret_key="browser-tests"), engine=engine)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        context = chromium.new_context(base_url=f"http://127.0.0.1:{port}", locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"/records/{target}")
        evidence = page.locator("#evidence a.evidence")
        assert "增长6.7%" in evidence.inner_text()
        assert page.locator("#candidates li.chosen").count() == 1
        evidence.click()
        page.wait_for_url(f"**/plans/{following}#r-{actual_record}")
        assert "6.7%" in page.locator(f"#r-{actual_record}").inner_text()
        context.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
