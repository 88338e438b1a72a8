"""Worker processes that die with the process that started them (Linux), for every pool planwatch forks,
and pausing a process's cyclic garbage collector while it builds many acyclic objects.

A bulk ingest (pipeline.local) and a parallel assessment (monitor.service) fork worker pools; when
their parent is killed (``kill -9``, the out-of-memory killer) the workers must not run on,
reparented to PID 1 and holding the caller's pipes. Low level (no planwatch imports) so that any
stage can use it.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["PR_SET_PDEATHSIG", "collector_paused", "die_with_parent", "leave_interrupts_to_parent"]

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


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic pass of the cyclic garbage collector in the block (its previous state again after it):
    a pass would walk every new container while many small acyclic objects are built."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
