"""Follow-up matching beside a bulk ingest's writer: the same proposals wherever it runs, before each batch commits."""

from __future__ import annotations

import logging
import os
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

import planwatch.pipeline.matching as matching
import planwatch.pipeline.writer as writer_module
from planwatch.monitor.followup import MatchJob, match, propose_for_plan
from planwatch.pipeline import analyse, ingest_corpus, ingest_document, iter_plan_files, read
from planwatch.pipeline.local import _CONTEXT
from planwatch.pipeline.matching import InlineMatcher, ProcessMatcher
from planwatch.pipeline.writer import BatchWriter
from planwatch.store.db import transaction
from planwatch.store.schema import Plan
from planwatch.store.tasks import FollowupProposal
from planwatch.store.tasks import plan_tasks as extract_plan_tasks

from .conftest import CORPUS_FILES, dump

NATIONAL_2016, NATIONAL_2017 = CORPUS_FILES[0], CORPUS_FILES[1]


def _job() -> MatchJob:
    """The 2016 report's tasks against the 2017 report's achievements (real texts), as the writer sends them."""
    from planwatch.monitor.followup import key_pieces

    tasks, _units = extract_plan_tasks(read(NATIONAL_2016).text, "2016", [], None)
    done, _units = extract_plan_tasks(read(NATIONAL_2017).text, "2017", [], None)
    earlier = [(t.quote, list(t.entities)) for t in tasks if t.kind == "task"]
    later = [(a.quote, list(a.entities)) for a in done if a.kind == "achievement"]
    return MatchJob(earlier, later, {quote: key_pieces(quote) for quote, _names in earlier})


def test_a_process_matches_what_this_process_matches() -> None:
    job = _job()
    expected = match(job.tasks, job.done)
    assert len(expected) > 10  # consecutive national reports: many achievements report earlier tasks
    inline = InlineMatcher().submit(job)()
    matcher = ProcessMatcher(_CONTEXT)
    try:
        answers = [matcher.submit(job) for _ in range(3)]  # several in flight, answered in order
        away = [answer() for answer in answers]
    finally:
        matcher.close()
    assert inline.matches == expected and inline.here and inline.seconds > 0
    assert all(a.matches == expected and not a.here and a.seconds > 0 for a in away)


def test_a_killed_matcher_process_costs_no_proposal() -> None:
    job = _job()
    matcher = ProcessMatcher(_CONTEXT)
    try:
        assert matcher.executor is not None
        for pid in list(matcher.executor._processes):  # the one process
            os.kill(pid, signal.SIGKILL)
        answers = [matcher.submit(job), matcher.submit(job)]  # the first may still be sent, then fails
        found = [answer() for answer in answers]
    finally:
        matcher.close()
    assert all(a.matches == match(job.tasks, job.done) and a.here for a in found)


def test_two_workers_match_beside_the_writer(corpus: Path, engine: Engine, other_engine: Engine) -> None:
    one = ingest_corpus(engine, [corpus], workers=1, batch_size=64)
    two = ingest_corpus(other_engine, [corpus], workers=2, batch_size=2)
    with transaction(engine) as session:
        stored = session.scalar(select(func.count()).select_from(FollowupProposal))
    assert one.proposals == two.proposals == stored and stored > 0
    assert one.match_cpu > 0 and two.match_cpu > 0
    assert dump(engine)["followup_proposal"] == dump(other_engine)["followup_proposal"]


def _replacing(tmp_path: Path, engine: Engine, other_engine: Engine) -> tuple[dict, dict, list[str]]:
    """2016, then 2017 (matched against 2016's tasks: pending until the batch ends), then another file named
    national-2016.txt (in a sub-folder, listed after) without the text's second half: it replaces the 2016 plan,
    and the tasks of that half, which the pending pairing read, are deleted. One document a transaction into
    `engine`, one batch into `other_engine`: the dumps and the warnings the batch logged."""
    folder = tmp_path / "replacing"
    (folder / "z").mkdir(parents=True)
    for path in (NATIONAL_2016, NATIONAL_2017):
        shutil.copyfile(path, folder / path.name)
    text = NATIONAL_2016.read_text(encoding="utf-8")
    (folder / "z" / NATIONAL_2016.name).write_text(text[:len(text) // 2], encoding="utf-8")
    paths = list(iter_plan_files([folder]))
    assert [p.parent.name for p in paths] == ["replacing", "replacing", "z"]
    for path in paths:
        ingest_document(engine, read(path))
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger(writer_module.__name__).addHandler(handler)
    try:
        tally = ingest_corpus(other_engine, [folder], workers=1, batch_size=64)
    finally:
        logging.getLogger(writer_module.__name__).removeHandler(handler)
    assert (tally.added, tally.replaced) == (2, 1)
    return dump(engine), dump(other_engine), warnings


def test_a_document_replacing_a_plan_a_pending_pairing_reads_waits_for_its_proposals(
        tmp_path: Path, engine: Engine, other_engine: Engine) -> None:
    single, bulk, warnings = _replacing(tmp_path, engine, other_engine)
    assert warnings == []
    assert any(row[1] == "followup.propose" for row in single["audit_log"])
    assert single["audit_log"] == bulk["audit_log"] and single["followup_proposal"] == bulk["followup_proposal"]


def test_a_writer_that_did_not_wait_would_name_deleted_tasks(tmp_path: Path, engine: Engine, other_engine: Engine,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """What the wait prevents: the pending proposals name the replaced tasks and fail to store (logged)."""
    monkeypatch.setattr(writer_module.BatchWriter, "_before", lambda self, session, item: (0.0, 0.0))
    single, bulk, warnings = _replacing(tmp_path, engine, other_engine)
    assert len(warnings) == 1 and "`planwatch tasks refresh --plan 2` proposes them again" in warnings[0]
    assert single["audit_log"] != bulk["audit_log"]
    with transaction(other_engine) as session:  # what the warning's command does after re-extracting the tasks
        propose_for_plan(session, session.get(Plan, 2))
    assert [row[1:] for row in dump(other_engine)["followup_proposal"]] == [row[1:] for row in single["followup_proposal"]]


def test_the_matcher_process_leaves_ctrl_c_to_the_writer() -> None:
    matcher = ProcessMatcher(_CONTEXT)
    try:
        assert matcher.executor is not None
        assert matcher.executor.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
    finally:
        matcher.close()


@pytest.mark.parametrize("batch", [2, 1])
def test_proposal_ids_do_not_depend_on_where_batches_end(tmp_path: Path, engine: Engine, other_engine: Engine,
                                                         batch: int) -> None:
    """2016, 2017, 2018, then a file replacing 2016 (its second half gone): the replacement deletes proposals of
    2016's tasks, and SQLite gives the largest ids again. Batches of 2 used to store 2018's pending proposals after
    the deletion (ids 3 …, not 21 …: `_before` waited only when the replaced plan was one a pending pairing read)."""
    folder = tmp_path / "three"
    (folder / "z").mkdir(parents=True)
    for path in CORPUS_FILES[:3]:
        shutil.copyfile(path, folder / path.name)
    text = NATIONAL_2016.read_text(encoding="utf-8")
    (folder / "z" / NATIONAL_2016.name).write_text(text[:len(text) // 2], encoding="utf-8")
    for path in iter_plan_files([folder]):
        ingest_document(engine, read(path))
    tally = ingest_corpus(other_engine, [folder], workers=1, batch_size=batch)
    assert (tally.added, tally.replaced) == (3, 1)
    assert dump(other_engine)["followup_proposal"] == dump(engine)["followup_proposal"]


class _FailingMatcher:
    """Answers that fail: a defect in matching, memory running out, Ctrl-C while the writer waits for them."""

    def submit(self, job: MatchJob) -> Any:
        def answer() -> Any:
            raise RuntimeError("matching failed")

        return answer

    def close(self) -> None:
        """Nothing to stop."""


def test_a_failure_in_the_last_batch_s_follow_up_rolls_it_back(tmp_path: Path, engine: Engine) -> None:
    analyses = [analyse(read(path)) for path in (NATIONAL_2016, NATIONAL_2017)]
    writer = BatchWriter(engine, batch_size=64, matcher=_FailingMatcher())
    with pytest.raises(RuntimeError, match="matching failed"), writer:
        for analysis in analyses:
            writer.add(analysis)
    assert engine.pool.checkedout() == 0  # rolled back and returned (it kept SQLite's write lock)
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Plan)) == 0


def test_a_matcher_process_that_cannot_start_leaves_matching_to_the_writer(monkeypatch: pytest.MonkeyPatch,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(matching, "_init_matcher", lambda parent: os._exit(3))  # the forked process dies at once
    with caplog.at_level(logging.WARNING, logger=matching.__name__):
        matcher = ProcessMatcher(_CONTEXT)
    job = _job()
    answer = matcher.submit(job)()
    matcher.close()
    assert answer.here and answer.matches == match(job.tasks, job.done)
    assert "did not start" in caplog.text
