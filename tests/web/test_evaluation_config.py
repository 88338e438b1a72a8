"""A broken PLANWATCH_EVALUATION_SYSTEM is the server's problem, not the visitor's (review ux3 #4): `serve` says it in
one line naming the file, line and problem and still serves; the page and the API answer 503 ``config_error`` in the
interface language, without the server's path or the CLI's hint (details for administrators only); the workbook is
still downloadable, without its scores. And the evaluation page shows the effective weights a total was computed
with (#6), so 35.7 can be recomputed from what it shows."""

from __future__ import annotations

import re
import socket
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from cli_support import run
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from planwatch.evaluate.system import bundled_path
from planwatch.settings import get_settings

from .conftest import Demo, login, make_client


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled system with an indicator the registry does not know (the reviewer's e1.yaml), set as the server's."""
    path = tmp_path / "broken-system.yaml"
    text = bundled_path().read_text(encoding="utf-8")
    assert "研发投入强度" in text
    path.write_text(text.replace("研发投入强度", "总产出指数", 1), encoding="utf-8")
    monkeypatch.setenv("PLANWATCH_EVALUATION_SYSTEM", str(path))
    get_settings.cache_clear()
    yield path  # type: ignore[misc]
    get_settings.cache_clear()


def test_a_broken_system_file_is_the_servers_error_not_the_visitors(demo: Demo, demo_engine: Engine,
                                                                   broken: Path) -> None:
    client = make_client(demo_engine)
    answer = client.get(f"/api/plans/{demo.plan_id}/evaluation")
    assert answer.status_code == 503, answer.text
    error = answer.json()["error"]
    assert error["code"] == "config_error"
    assert "评估指标体系" in error["message"] and "无法读取" in error["message"]
    for leak in (str(broken), broken.name, "planwatch indicators", "unknown indicator"):
        assert leak not in answer.text  # no server path, no CLI hint, no English
    page = client.get(f"/plans/{demo.plan_id}/evaluation", headers={"accept": "text/html"})
    assert page.status_code == 503 and "评估指标体系" in page.text and broken.name not in page.text
    assert client.get(f"/plans/{demo.plan_id}").status_code == 200  # the rest still serves
    # the administrator sees what is wrong: file, line, problem
    admin = login(make_client(demo_engine), "admin")
    details = admin.get(f"/api/plans/{demo.plan_id}/evaluation").json()["error"]["details"]
    assert re.search(r"broken-system\.yaml:\d+: unknown indicator '总产出指数'", details["problem"])


def test_the_workbook_downloads_without_its_scores(demo: Demo, demo_engine: Engine, broken: Path) -> None:
    client = make_client(demo_engine)
    answer = client.get(f"/plans/{demo.plan_id}/report?format=xlsx")
    assert answer.status_code == 200, answer.text[:300]
    sheet = load_workbook(BytesIO(answer.content))["评估"]
    assert sheet.max_row > 1 and "总分" not in [row[0].value for row in sheet.iter_rows()]


def test_serve_says_the_broken_file_in_one_line_and_serves(demo_url: str, broken: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    served: list[Any] = []

    def fake_run(_server: Any, sockets: list[socket.socket] | None = None) -> None:
        served.append(sockets)

    monkeypatch.setattr("uvicorn.Server.run", fake_run)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = run(capsys, "serve", "--port", str(port))
    assert code == 0 and served and "dashboard" in out
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert re.search(r"broken-system\.yaml:\d+: unknown indicator '总产出指数'", lines[0]) and "warning" in lines[0]


def test_the_page_shows_the_effective_weights(demo: Demo, demo_engine: Engine, client: TestClient) -> None:
    from planwatch.store.actuals import set_actual

    set_actual(demo_engine, "地区生产总值", 2019, 9, "%", who="tester")  # the review's step: 经济运行 scored, 协调 not
    data = client.get(f"/api/plans/{demo.plan_id}/evaluation").json()
    scored = [d for d in data["dimensions"] if d["score"] is not None]
    assert scored and data["total"] is not None
    # the total is Σ score × effective weight over the dimensions with data: checkable by hand
    assert sum(d["score"] * d["effective"] / 100 for d in scored) == pytest.approx(data["total"], abs=0.2)
    assert sum(d["effective"] for d in scored) == pytest.approx(100, abs=0.3)
    assert all(d["effective"] is None for d in data["dimensions"] if d["score"] is None)
    page = client.get(f"/plans/{demo.plan_id}/evaluation").text
    assert "实际权重" in page
    for d in scored:
        assert f"{d['effective']:.1f}%" in page
    assert data["reweighted"] and len(scored) < len(data["dimensions"])
    assert "暂无数据，其权重按比例分给其余维度" in page and data["reweighted"][0] in page
