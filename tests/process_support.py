"""Killing the parent of a worker pool in tests: do its workers die with it? (planwatch.processes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import planwatch


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for a parent that does not reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def kill_parent_of_workers(script: Path, *args: str, start_timeout: float = 60) -> tuple[set[int], list[int]]:
    """Run `script` (its workers each print "worker PID" once busy), SIGKILL it once two have, and wait up to 5 s:
    (the workers seen, those still alive). Survivors are killed before returning."""
    source = str(Path(planwatch.__file__).resolve().parents[1])  # the planwatch the tests imported
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p)}
    parent = subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    workers: set[int] = set()
    try:
        assert parent.stdout is not None
        deadline = time.monotonic() + start_timeout
        while len(workers) < 2 and time.monotonic() < deadline:
            line = parent.stdout.readline()
            if not line:
                break
            workers.add(int(line.split()[1]))
        if len(workers) < 2:
            return workers, []
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        return workers, [pid for pid in workers if _alive(pid)]
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
