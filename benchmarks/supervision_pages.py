"""Height of the task list and of 我的任务 in headless Chromium, over the bundled plan (issue 10: a 17,600-px list).

    .venv/bin/python benchmarks/supervision_pages.py

Prints, for /tasks at 1366 px and /my/tasks at 390 px: rows shown, page height in pixels, and
whether the page is wider than the screen.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from planwatch.cli.store import load_demo
    from planwatch.settings import Settings
    from planwatch.store.accounts import add_user
    from planwatch.store.db import connect, transaction
    from planwatch.store.tasks import Task
    from planwatch.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        engine = connect(f"sqlite:///{Path(folder) / 'bench.db'}")
        load_demo(engine)
        with transaction(engine) as session:
            unit = next(t.unit_name for t in session.query(Task).filter(Task.kind == "task") if t.unit_name)
            add_user(session, "liaison", "bench-password-1", "editor", [unit], display_name="联络员")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(Settings(secret_key="bench", evidence_dir=Path(folder)), engine=engine),
                                               host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True)
            for path, width, login in (("/tasks", 1366, False), ("/my/tasks", 390, True)):
                page = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN").new_page()
                if login:
                    page.goto(f"{base}/login?next={path}")
                    page.fill("input[name=username]", "liaison")
                    page.fill("input[name=password]", "bench-password-1")
                    page.click("#login-form button[type=submit]")
                    page.wait_for_url(f"**{path}")
                else:
                    page.goto(base + path)
                rows = page.locator(".task-row, .task-card").count()
                height = page.evaluate("document.documentElement.scrollHeight")
                wide = page.evaluate("document.documentElement.scrollWidth")
                print(f"{path:10} at {width:4} px: {rows:3} tasks shown, page {height:6,} px high, {wide} px wide")
            browser.close()
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


if __name__ == "__main__":
    main()
