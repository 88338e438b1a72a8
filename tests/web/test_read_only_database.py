"""A database file this process cannot write is opened read-only: commands and the dashboard read it, every change is
refused in words (review ux4 item 12: `plans`, `assess`, `panel` and `serve` all failed with "attempt to write a
readonly database" on a read-only file or folder).

The commands run in a child process that cannot write the file: as root (whom permissions do not stop), the child
drops the capabilities that override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) from its bounding set,
so the kernel refuses its writes as it would another account's; when that cannot be done the tests are skipped.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

import planwatch

from .conftest import Demo

PR_CAPBSET_DROP = 24
OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
READ_ONLY = ("planwatch: database write failed, nothing was changed: the database is read-only (its file or its "
             "folder cannot be written, or its URL opens it read-only); give planwatch write access to both to change it")


def _drop_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _preexec() -> Callable[[], None] | None:
    return _drop_overrides if os.geteuid() == 0 else None


def _env(database: Path) -> dict[str, str]:
    source = str(Path(planwatch.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p),
            "PLANWATCH_DATABASE_URL": "", "PLANWATCH_DB": str(database), "PLANWATCH_LANGUAGE": "zh"}


# Several `planwatch` commands in one process without the capabilities that let root write read-only files: one
# interpreter start (~2 s here) instead of one a command. Each command's exit status, stdout and stderr.
_COMMANDS = """
import contextlib, io, json, sys
from planwatch.cli import main
results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    results.append([code, out.getvalue(), err.getvalue()])
sys.stdout.write(json.dumps(results))
"""


def _planwatch(database: Path, *commands: list[str]) -> list[tuple[int, str, str]]:
    done = subprocess.run([sys.executable, "-c", _COMMANDS, json.dumps(commands)], env=_env(database),
                          preexec_fn=_preexec(), capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return [tuple(result) for result in json.loads(done.stdout)]  # type: ignore[misc]


@pytest.fixture(params=["file", "folder"])
def read_only_database(request: pytest.FixtureRequest, demo_url: str, tmp_path: Path) -> Iterator[Path]:
    """The demo database (WAL mode), its file read-only ("file") or the file and its folder ("folder")."""
    if not demo_url.startswith("sqlite:///"):
        pytest.skip("a SQLite file")
    folder = tmp_path / "published"
    folder.mkdir()
    path = folder / "planwatch.db"
    Path(demo_url.removeprefix("sqlite:///")).rename(path)
    path.chmod(0o444)
    if request.param == "folder":
        folder.chmod(0o555)
    probe = subprocess.run([sys.executable, "-c", f"import os; print(os.access({str(path)!r}, os.W_OK))"],
                           preexec_fn=_preexec(), capture_output=True, text=True, check=False)
    if probe.stdout.strip() != "False":
        folder.chmod(0o755)
        pytest.skip(f"permissions do not stop this process from writing ({probe.stderr.strip()[-200:]})")
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


def test_commands_read_a_read_only_database(read_only_database: Path, demo: Demo, tmp_path: Path) -> None:
    before = read_only_database.read_bytes()
    plans, assess, panel, added = _planwatch(
        read_only_database, ["plans"], ["assess", "--plan", str(demo.plan_id)], ["panel", "-o", str(tmp_path / "panel.csv")],
        ["users", "add", "newcomer", "--password", "a-long-password-1"])
    assert plans[0] == 0, plans[2]
    assert "坪山" in plans[1] and plans[2] == ""
    assert assess[0] == 0, assess[2]
    assert "完成" in assess[1]
    assert panel[0] == 0, panel[2]
    assert (tmp_path / "panel.csv").stat().st_size > 1000
    assert (added[0], added[2].strip()) == (2, READ_ONLY)
    assert read_only_database.read_bytes() == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_dashboard_serves_a_read_only_database(read_only_database: Path, demo: Demo) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", "from planwatch.cli import main; main()", "serve", "--port",
                               str(port)], env=_env(read_only_database), preexec_fn=_preexec(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                home = httpx.get(f"{base}/?plan={demo.plan_id}", timeout=30)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        assert home.status_code == 200 and "坪山" in home.text
        assert httpx.get(f"{base}/api/plans", timeout=30).status_code == 200
        with httpx.Client(base_url=base, timeout=30) as browser:
            page = browser.get("/login").text
            token = re.search(r'name="csrf-token" content="([^"]+)"', page)
            assert token
            refused = browser.post("/login", data={"username": "admin", "password": "correct-horse-9",
                                                   "csrf_token": token.group(1), "next": "/"})
        assert refused.status_code == 503
        assert "数据库为只读" in refused.text
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)
    assert "planwatch: the database is read-only (" in err, err
