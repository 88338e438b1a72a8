"""Follow-up across years: match a later document's achievements to an earlier plan's tasks.

Score: named things both mention come first (each shared name is strong evidence),
then jieba word overlap (Dice over content words). Pairs scoring at least
`THRESHOLD` are stored as proposals; a reviewer accepts (maybe closing the task) or rejects.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.extract.task_entities import SUFFIX

THRESHOLD = 0.45
PER_TASK = 3
_STOP = frozenset(
    "推进 推动 加快 建设 完成 全面 进一步 持续 深入 积极 大力 着力 实施 开展 加强 提升 工作 项目 发展 "
    "我们 一批 重点 不断 坚持 实现 以上 左右 全区 全市 全年 今年 预计 相关 有关 有序 扎实 成功 顺利 "
    "已经 基本 正式 完善 优化 强化 提高 促进 增强 支持 打造 建立 新增 落实 加大 力度 水平 能力 体系 "
    "机制 服务 管理 一体化 高质量 稳步 逐步 率先 首个 全国 大幅 显著".split()
)
_WORD = regex.compile(r"^[\p{Han}A-Za-z0-9]{2,}$")
_PHASE = regex.compile(r"[（(]?([一二三四五六七八九十\d])期[）)]?")
_NAME_TAIL = regex.compile(r"(?:[（(]?[一二三四五六七八九十\d]期[）)]?|项目|工程|建设)$")


@dataclass(frozen=True, slots=True)
class Match:
    """A task and an achievement that reports it, with the score and the names they share."""

    task: int
    achievement: int
    score: float
    shared: tuple[str, ...]


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=20000)
def content_words(text: str) -> frozenset[str]:
    """The content words of `text` (jieba), without stop words and one-character tokens."""
    jieba = _jieba()
    words = jieba.lcut("".join(text.split()))  # type: ignore[attr-defined]
    return frozenset(w for w in words if _WORD.match(w) and w not in _STOP and not w.isdigit())


def _core(name: str) -> str:
    """A name without brackets, quotes and phase tails ("生物医药企业加速器二期" → "生物医药企业加速器")."""
    core = name.strip("《》“”")
    previous = None
    while previous != core:
        previous = core
        core = _NAME_TAIL.sub("", core)
    return core if len(core) >= 3 else name.strip("《》“”")


def _phase(text: str) -> str:
    m = _PHASE.search(text)
    return m.group(1) if m else ""


def _mentions(text: str, name: str) -> bool:
    """Whether `text` names `name`: its core appears, and any phase right after it is the same phase."""
    core, phase = _core(name), _phase(name)
    for m in regex.finditer(regex.escape(core), text):
        after = _PHASE.match(text, m.end())
        if not phase or after is None or after.group(1) == phase:
            return True
    return False


def shared_names(task_entities: list[str], achievement_text: str, achievement_entities: list[str]) -> list[str]:
    """Task names that the achievement also mentions (same phase: 二期 is not 一期)."""
    text = "".join(achievement_text.split())
    cores = [_core(n) for n in achievement_entities if not _phase(n)]
    shared = []
    for name in task_entities:
        core = _core(name)
        if len(core) < 4 and not SUFFIX.search(core[-2:]):  # "十四五", "三甲": too common; "金碧路" is fine
            continue
        if _mentions(text, name) or (not _phase(name) and any(len(o) >= 4 and o in core for o in cores)):
            shared.append(name)
    return shared


def similarity(task_text: str, task_entities: list[str], achievement_text: str,
               achievement_entities: list[str]) -> tuple[float, list[str]]:
    """(score in [0, 1], shared names) for a task and an achievement."""
    shared = shared_names(task_entities, achievement_text, achievement_entities)
    a, b = content_words(task_text), content_words(achievement_text)
    dice = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    if shared:
        strength = min(1.0, len(shared) / max(1, min(len(task_entities), 3)))
        return round(min(1.0, 0.55 + 0.25 * strength + 0.4 * dice), 3), shared
    return round(dice, 3), shared


def match(tasks: list[tuple[str, list[str]]], achievements: list[tuple[str, list[str]]],
          threshold: float = THRESHOLD, per_task: int = PER_TASK) -> list[Match]:
    """For each task (text, names), the best achievements (text, names) scoring at least `threshold`."""
    out: list[Match] = []
    for i, (t_text, t_names) in enumerate(tasks):
        scored = []
        for j, (a_text, a_names) in enumerate(achievements):
            score, shared = similarity(t_text, t_names, a_text, a_names)
            if score >= threshold:
                scored.append(Match(i, j, score, tuple(shared)))
        scored.sort(key=lambda m: -m.score)
        out.extend(scored[:per_task])
    return out


# ---------------------------------------------------------------- store side


def propose(session: Session, earlier_plan_id: int, later_plan_id: int, threshold: float = THRESHOLD) -> int:
    """Store proposals matching `later`'s achievements to `earlier`'s tasks; returns how many are new."""
    from planwatch.store import audit
    from planwatch.store.tasks import FollowupProposal, Task

    tasks = list(session.scalars(select(Task).where(Task.plan_id == earlier_plan_id, Task.kind == "task")
                                 .order_by(Task.position)))
    done = list(session.scalars(select(Task).where(Task.plan_id == later_plan_id, Task.kind == "achievement")
                                .order_by(Task.position)))
    if not tasks or not done:
        return 0
    existing = {(row[0], row[1]) for row in session.execute(
        select(FollowupProposal.task_id, FollowupProposal.start).where(FollowupProposal.plan_id == later_plan_id))}
    matches = match([(t.quote, list(t.entities)) for t in tasks], [(a.quote, list(a.entities)) for a in done],
                    threshold)
    added = 0
    for m in matches:
        task, achievement = tasks[m.task], done[m.achievement]
        if (task.id, achievement.start) in existing:
            continue
        session.add(FollowupProposal(task_id=task.id, plan_id=later_plan_id, quote=achievement.quote,
                                     start=achievement.start, end=achievement.end, score=m.score,
                                     shared=list(m.shared)))
        existing.add((task.id, achievement.start))
        added += 1
    if added:
        session.flush()
        audit.log(session, "followup.propose", "plan", later_plan_id, None, earlier=earlier_plan_id, proposals=added)
    return added


def propose_for_plan(session: Session, plan: object) -> int:
    """Match `plan` against the same government's plans of the year before and after."""
    from planwatch.store.schema import Plan

    assert isinstance(plan, Plan)
    if plan.year is None:
        return 0
    others = session.scalars(select(Plan).where(Plan.government_id == plan.government_id, Plan.id != plan.id,
                                                Plan.year.in_([plan.year - 1, plan.year + 1])))
    added = 0
    for other in others:
        if other.year == plan.year - 1:
            added += propose(session, other.id, plan.id)
        else:
            added += propose(session, plan.id, other.id)
    return added


def list_proposals(session: Session, state: str | None = "proposed", plan_id: int | None = None) -> list[object]:
    """Proposals (default: those awaiting review), best score first."""
    from planwatch.store.tasks import FollowupProposal, Task

    query = select(FollowupProposal).join(Task, Task.id == FollowupProposal.task_id)
    if state:
        query = query.where(FollowupProposal.state == state)
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    return list(session.scalars(query.order_by(Task.position, FollowupProposal.score.desc())))


def decide(session: Session, proposal_id: int, accept: bool, who: str | None = None,
           close: bool = True) -> object:
    """Accept (adding the achievement to the task's history; closing it if `close`) or reject a proposal."""
    from planwatch.store import audit
    from planwatch.store.schema import utcnow
    from planwatch.store.tasks import FollowupProposal, update_task

    proposal = session.get(FollowupProposal, proposal_id)
    if proposal is None:
        raise NotFoundError(f"follow-up proposal {proposal_id} does not exist; `planwatch followup` lists them")
    if proposal.state != "proposed":
        raise ValidationError(f"follow-up proposal {proposal_id} was already {proposal.state}")
    proposal.state = "accepted" if accept else "rejected"
    proposal.decided_by, proposal.decided_at = audit.current_user(who), utcnow()
    if accept:
        task = proposal.task
        status = "已完成" if close else ("推进中" if task.status == "未启动" else None)
        evidence = f"{proposal.plan.title}：{''.join(proposal.quote.split())}"
        update_task(session, task.id, status, who, evidence=evidence, source="followup", on=date.today())
    audit.log(session, "followup.accept" if accept else "followup.reject", "followup_proposal",
              proposal.id, who, task=proposal.task_id, score=proposal.score)
    return proposal


def _propose_after_ingest(session: Session, plan: object, document: object) -> None:
    """Ingest hook: propose follow-ups of the new plan against its neighbouring years."""
    propose_for_plan(session, plan)  # type: ignore[arg-type]


def enable() -> None:
    """Run follow-up proposals in every ingest transaction, after the tasks are stored."""
    from planwatch.store import tasks  # noqa: F401  (registers the task hook first)
    from planwatch.store.ingest import register_ingest_hook

    register_ingest_hook(_propose_after_ingest)


enable()
