"""`assess --workers N`: its worker processes die with the planwatch process that forked them, as the ingest
workers do (CLI audit: the assessment pool had no such guard; a killed `assess --workers 2` left its workers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.process_support import kill_parent_of_workers

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


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux: prctl(PR_SET_PDEATHSIG) and /proc")
def test_assessment_workers_die_when_their_parent_is_killed(db_url: str, tmp_path: Path) -> None:
    script = tmp_path / "stalling_assessment.py"
    script.write_text(STALLING_ASSESSMENT, encoding="utf-8")
    workers, survivors = kill_parent_of_workers(script, db_url)
    assert len(workers) == 2, "both workers should be assessing a chunk"
    assert not survivors, "workers outlived the killed parent"


def test_assessment_workers_leave_ctrl_c_to_their_parent(db_url: str) -> None:
    """A terminal's Ctrl-C reaches every process of the group: a worker ignores it (no traceback of its own while it
    waits for work) and the parent answers it."""
    import multiprocessing
    import os
    import signal
    from concurrent.futures import ProcessPoolExecutor

    from planwatch.monitor import service

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context, initializer=service._init_worker,
                             initargs=(db_url, os.getpid())) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
