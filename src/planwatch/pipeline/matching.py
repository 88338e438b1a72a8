"""Follow-up matching for a bulk ingest's writer: in the writer's own process, or in a process beside it.

The writer reads each stored plan's neighbours (`monitor.followup.pairings_for_plan`) and hands
each pairing's `MatchJob` to a matcher; before its batch commits it stores the proposals of every
job in the order the documents came (`BatchWriter`), so the rows and their ids are the same
whichever matcher ran them (1 worker, N workers, Ray).

With 2 workers the writer is the serial stage: a document costs it ≈ 55 CPU ms, ≈ 12 of them
matching. `ProcessMatcher` moves that to one more process, so the writer's share of the two
cores falls and the workers get it. With 1 worker (one process does everything) and for Ray's
loader, `InlineMatcher` matches in the writer's process when the batch ends.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import NamedTuple, Protocol

from planwatch.monitor.followup import Match, MatchJob, match_job
from planwatch.pipeline.collector import relax
from planwatch.processes import die_with_parent, leave_interrupts_to_parent

__all__ = ["Answer", "InlineMatcher", "Matched", "Matcher", "ProcessMatcher"]

log = logging.getLogger(__name__)


class Answer(NamedTuple):
    """A job's matches, the CPU seconds they took, and whether they took them in the writer's process."""

    matches: list[Match]
    seconds: float
    here: bool


Matched = Callable[[], Answer]  # a submitted job's answer, when asked


class Matcher(Protocol):
    """Where a bulk ingest's follow-up matching runs."""

    def submit(self, job: MatchJob) -> Matched:
        """Start matching `job` (or note it); call the answer for (CPU seconds, matches)."""
        ...

    def close(self) -> None:
        """Stop (jobs not asked for are dropped)."""
        ...


def _timed(job: MatchJob, here: bool = False) -> Answer:
    """`match_job`, with the CPU seconds of the thread that ran it (the writer's has other threads beside it)."""
    started = time.thread_time()
    matches = match_job(job)
    return Answer(matches, time.thread_time() - started, here)


class InlineMatcher:
    """Matches in this process, when the answer is asked for (at the end of the writer's batch)."""

    def submit(self, job: MatchJob) -> Matched:
        """The job, matched when asked."""
        return lambda: _timed(job, True)

    def close(self) -> None:
        """Nothing to stop."""


def _init_matcher(parent: int) -> None:
    """The matcher process dies with the writer and leaves Ctrl-C to it; its collector runs as an ingest worker's
    (`collector.relax`)."""
    die_with_parent(parent)
    leave_interrupts_to_parent()
    relax()


class ProcessMatcher:
    """One forked process that matches while the writer stores the next documents.

    It runs at the writer's priority, not the workers' lower one: the writer waits for its
    answers at the end of each batch. Forked at once (after the caller loaded extraction's word
    lists: it shares them), before the writer opens the database. When it dies, the jobs are
    matched in the writer's process, so a batch never loses its proposals.
    """

    def __init__(self, context: BaseContext) -> None:
        self.executor: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1, mp_context=context, initializer=_init_matcher, initargs=(os.getpid(),))
        try:
            self.executor.submit(int).result()  # forks now
        except (BrokenProcessPool, OSError) as exc:  # it could not start (no fork, or it died): match here
            log.warning("the follow-up matching process did not start (%s); the writer matches itself", exc)
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def submit(self, job: MatchJob) -> Matched:
        """Send the job to the process; the answer waits for it (or matches here when the process died)."""
        if self.executor is None:
            return InlineMatcher().submit(job)
        try:
            future = self.executor.submit(_timed, job)
        except BrokenProcessPool:
            self.executor = None
            return InlineMatcher().submit(job)

        def answer() -> Answer:
            try:
                return future.result()
            except BrokenProcessPool:  # killed or crashed: the writer still has the job
                return _timed(job, True)

        return answer

    def close(self) -> None:
        """Stop the process."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
