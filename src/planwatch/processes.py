"""Worker processes that die with the process that started them (Linux), for every pool planwatch forks.

A bulk ingest (pipeline.local) and a parallel assessment (monitor.service) fork worker pools; when
their parent is killed (``kill -9``, the out-of-memory killer) the workers must not run on,
reparented to PID 1 and holding the caller's pipes. Low level (no planwatch imports) so that any
stage can use it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

__all__ = ["PR_SET_PDEATHSIG", "die_with_parent", "leave_interrupts_to_parent"]

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Have Linux send this process SIGTERM when `parent` (the process that started it) dies, so a killed command
    leaves no worker behind, reparented and holding the caller's pipes; elsewhere nothing is done.

    `parent` is the parent's pid read before the fork: when it died before the request took effect,
    this process is an orphan already and exits at once.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):  # no libc with prctl (an unusual build): workers then outlive a killed parent
        return
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a handler inherited from the parent must not keep it alive
    if os.getppid() != parent:
        os._exit(1)


def leave_interrupts_to_parent() -> None:
    """Ignore Ctrl-C (SIGINT) in a forked worker: the terminal sends it to the whole process group, and the parent
    answers it (rolls back, stops its pools, says what was kept). A worker waiting for work would otherwise print
    a KeyboardInterrupt traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
