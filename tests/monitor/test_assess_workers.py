"""`assess --workers N`: its worker processes die with the planwatch process that forked them, as the ingest
workers do (CLI audit: the assessment pool had no such guard; a killed `assess --workers 2` left its workers)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import planwatch

STALLING_ASSESSMENT = """
import os, sys, time
from planwatch.monitor import service
from planwatch.store.db import connect

def stall(*_args):
    os.write(1, f"worker {os.getpid()}\\n".encode())  # one write: the two workers share the pipe
    time.sleep(120)
    return b""

service._assess_chunk = stall  # the workers are forked after this: they run it
list(service._parallel(connect(sys.argv[1]), [[1], [2], [3], [4]], None, None, (None, None, None), 2, None))
"""


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for a parent that does not reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux: prctl(PR_SET_PDEATHSIG) and /proc")
def test_assessment_workers_die_when_their_parent_is_killed(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "stalling_assessment.py"
    script.write_text(STALLING_ASSESSMENT, encoding="utf-8")
    source = str(Path(planwatch.__file__).resolve().parents[1])  # the planwatch this test imported
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p)}
    parent = subprocess.Popen([sys.executable, str(script), db_url], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    workers: set[int] = set()
    try:
        assert parent.stdout is not None
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            line = parent.stdout.readline()
            if not line:
                break
            workers.add(int(line.split()[1]))
        assert len(workers) == 2, "both workers should be assessing a chunk"
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived the killed parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
