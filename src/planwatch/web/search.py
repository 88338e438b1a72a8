"""Full-text search over plans, records and tasks, for Chinese without a word list.

Chinese is written without spaces, so a query is matched as substrings: each
space-separated term must occur. The store's character-pair indexes find them (SQLite FTS5
ranked by bm25; PostgreSQL narrows with GIN indexes and ranks by pg_trgm's similarity; see
`planwatch.store.search_index`). Hits come best first, a page at a time, each with a snippet
around its first match.

On PostgreSQL a page searches its three kinds at once (`search_kinds`), each on a connection of its own: on
the real-sentence database of 6,500 plans the three took 49–81 ms one after the other, 30–59 ms at once.
"""

from __future__ import annotations

import contextvars
import os
import re
import threading
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from planwatch.monitor.display import plan_name, plan_names
from planwatch.store import search_index
from planwatch.store.schema import Plan, Record

SNIPPET = 60


def clean_query(query: str) -> str:
    """`query` without control and format characters (NUL, ESC, zero-width space …): on SQLite a NUL matched every
    plan, record and task, and PostgreSQL refuses NUL in a text parameter; tabs and newlines stay (they separate)."""
    return "".join(ch for ch in query if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))


def terms(query: str) -> list[str]:
    """The search terms of `query` (split on spaces, at most 5, each at most 50 characters)."""
    return [t[:50] for t in query.replace("\u3000", " ").split() if t][:5]


def snippet(text: str, words: list[str], width: int = SNIPPET) -> dict[str, str]:
    """{before, hit, after} around the first occurrence of any term in `text` (letters in any case)."""
    found = [(m.start(), -len(m.group()), m.group()) for w in words if w
             for m in [re.search(re.escape(w), text, re.IGNORECASE)] if m]
    if not found:
        return {"before": text[:width * 2], "hit": "", "after": ""}
    pos, _longest, word = min(found)
    start = max(0, pos - width)
    end = pos + len(word)
    return {"before": ("…" if start else "") + text[start:pos], "hit": word,
            "after": text[end:end + width] + ("…" if end + width < len(text) else "")}


def _ranked(session: Session, kind: str, words: list[str], limit: int, offset: int) -> dict[int, float]:
    """{id: score} of one page of `kind` hits, best first (dicts keep order)."""
    return {h.id: h.score for h in search_index.search(session, kind, words, limit, offset)}


def plan_snippets(session: Session, ids: list[int], words: list[str]) -> dict[int, dict[str, str]]:
    """`snippet` of each plan's text, cut out by the database: the first occurrence of each term and the text
    around it (a plan's text is 57 KB: reading 51 of them for their snippets took 15 ms on PostgreSQL). The
    database's positions are case-sensitive and `snippet` is not, so with a term that has letters with case
    (GDP: gdp may come first) the texts are read whole, as they are for a plan where no term is found."""
    words = [w for w in words if w]
    if not ids or not words:
        return {}
    out = _snippets_in_sql(session, ids, words) if all(w.lower() == w.upper() for w in words) else {}
    rest = [pid for pid in ids if pid not in out]
    if rest:
        out.update({pid: snippet(text, words)
                    for pid, text in session.execute(select(Plan.id, Plan.text).where(Plan.id.in_(rest)))})
    return out


def _snippets_in_sql(session: Session, ids: list[int], words: list[str]) -> dict[int, dict[str, str]]:
    """`plan_snippets` of the plans where a term (without case) is found, cut out by the database."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    position, larger = (func.strpos, func.greatest) if postgresql else (func.instr, func.max)
    columns = []
    for word in words:
        at = position(Plan.text, word)
        columns += [at, func.substr(Plan.text, larger(at - SNIPPET, 1), 2 * SNIPPET + len(word) + 1)]
    out: dict[int, dict[str, str]] = {}
    for pid, *found in session.execute(select(Plan.id, *columns).where(Plan.id.in_(ids))):
        first = [(at, -len(word), word, window) for word, at, window in zip(words, found[::2], found[1::2], strict=True)
                 if at]
        if not first:
            continue
        at, _longest, word, window = min(first)  # 1-based, as SQL counts; `window` starts SNIPPET before, or at 1
        k = at - max(at - SNIPPET, 1)
        end = k + len(word)
        out[pid] = {"before": ("…" if at > SNIPPET + 1 else "") + window[:k], "hit": window[k:end],
                    "after": window[end:end + SNIPPET] + ("…" if len(window) > end + SNIPPET else "")}
    return out


def search_plans(session: Session, words: list[str], limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Plans whose title or text holds every term, best first, each named as every page names it ("国务院 2016年政府
    工作报告", `monitor.display.plan_name`: ten of them read a bare 政府工作报告)."""
    ranked = _ranked(session, "plan", words, limit, offset)
    titles = plan_names(session, ranked)
    snippets = plan_snippets(session, [pid for pid in titles if pid is not None], words)
    return [{"type": "plan", "id": pid, "title": titles[pid], "url": f"/plans/{pid}", "score": score,
             "snippet": snippets[pid]} for pid, score in ranked.items() if pid in titles]


def search_records(session: Session, words: list[str], limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Records whose quote or indicator holds every term, best first, each with its year, value and government."""
    return record_hits(session, _ranked(session, "record", words, limit, offset), words)


def indicator_records(session: Session, indicator_ids: list[int], words: list[str], limit: int) -> list[dict[str, Any]]:
    """The newest `limit` records of each of these indicators, whatever their quote says (国内生产总值 and
    全市生产总值 are records of 地区生产总值): one ordered, limited walk of `ix_record_indicator_id_year` each."""
    ranked: dict[int, float] = {}
    for indicator_id in indicator_ids:
        ranked.update(dict.fromkeys(session.scalars(
            select(Record.id).where(Record.indicator_id == indicator_id)
            .order_by(Record.year.desc(), Record.id.desc()).limit(limit)), 0.0))
    return record_hits(session, ranked, words)


def record_hits(session: Session, ranked: dict[int, float], words: list[str]) -> list[dict[str, Any]]:
    """The hits of these records ({id: score}, in that order), with their plan's title and government."""
    from planwatch.store.schema import Government

    rows = {r[0]: r[1:] for r in session.execute(
        select(Record.id, Record.plan_id, Record.kind, Record.indicator, Record.quote, Record.year, Plan.year,
               Record.measure, Record.comparator, Record.value, Record.value_max, Record.unit, Plan.title,
               Government.name, Record.span, Record.period_start, Plan.kind, Record.aspect)
        .join(Plan, Plan.id == Record.plan_id).outerjoin(Government, Government.id == Plan.government_id)
        .where(Record.id.in_(ranked)))} if ranked else {}
    out = []
    for rid, score in ranked.items():
        if rid not in rows:
            continue
        (plan_id, kind, indicator, quote, year, plan_year, measure, comparator, value, value_max, unit, title,
         government, span, period_start, plan_kind, aspect) = rows[rid]
        out.append({"type": "record", "id": rid, "kind": kind, "title": indicator, "url": f"/plans/{plan_id}#r-{rid}",
                    "score": score, "snippet": snippet(quote, words), "year": year or plan_year,
                    "plan": plan_name(government, plan_year, title, plan_kind),  # as every page names a plan
                    "government": government, "measure": measure, "comparator": comparator, "value": value,
                    "value_max": value_max, "unit": unit, "span": span or "year", "period_start": period_start,
                    "aspect": aspect, "quote": quote})  # 新增 1万个; a difference said as one (比全国高0.4个百分点)
    return out


def search_tasks(session: Session, words: list[str], limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Tasks whose quote, object or suggested unit holds every term, best first, each by its own title (`Task.title`:
    "城镇新增就业124.9万人", not its action and object glued together, "新增城镇")."""
    from planwatch.extract.tasks import task_title
    from planwatch.store.tasks import Task

    ranked = _ranked(session, "task", words, limit, offset)
    rows = {r[0]: r[1:] for r in session.execute(
        select(Task.id, Task.action, Task.object, Task.quote, Task.status).where(Task.id.in_(ranked)))} if ranked else {}
    out = []
    for tid, score in ranked.items():
        if tid not in rows:
            continue
        action, obj, quote, status = rows[tid]
        out.append({"type": "task", "id": tid, "kind": status, "title": task_title(quote, action)[:60] or f"{action}{obj}"[:60],
                    "url": f"/tasks/{tid}",
                    "score": score, "snippet": snippet("".join(quote.split()), words)})
    return out


SEARCHES = {"plans": search_plans, "records": search_records, "tasks": search_tasks}
COUNT_CAP = 1000  # a kind's hits are counted up to here for the page's total ("1000+" beyond)
_KINDS = {"plans": "plan", "records": "record", "tasks": "task"}


def count_all(session: Session, kind: str, lists: list[list[str]], indicators: list[int] | None = None,
              cap: int = COUNT_CAP) -> int:
    """How many hits of `kind` `search_all` pages through for these term lists (and, for records, the records of the
    `indicators` the query names), up to `cap` + 1: past `cap` the page says "1000+". Only ids are read, no snippet."""
    seen: set[int] = set()
    for terms_ in lists:
        seen.update(h.id for h in search_index.search(session, _KINDS[kind], terms_, cap + 1, 0))
        if len(seen) > cap:
            return cap + 1
    if kind == "records":
        for indicator_id in indicators or []:
            seen.update(session.scalars(select(Record.id).where(Record.indicator_id == indicator_id).limit(cap + 1)))
            if len(seen) > cap:
                return cap + 1
    return len(seen)
MAX_VARIANTS = 4


def alias_matches(session: Session, word: str) -> list[tuple[int, str]]:
    """(id, canonical name) of the indicators that `word` names: their name or one of their aliases ("GDP")."""
    from planwatch.store.indicators import key
    from planwatch.store.schema import Indicator, IndicatorAlias

    k = key(word)
    if not k:
        return []
    rows = session.execute(
        select(Indicator.id, Indicator.name).outerjoin(IndicatorAlias, IndicatorAlias.indicator_id == Indicator.id)
        .where((IndicatorAlias.alias == k) | (Indicator.name == word)).distinct().order_by(Indicator.id))
    return [(i, n) for i, n in rows]


def variants(session: Session, words: list[str]) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """The term lists to search (as typed, then with aliases replaced by the indicator's name) and the
    indicators the terms name."""
    options: list[list[str]] = []
    named: dict[int, dict[str, Any]] = {}
    for word in words:
        names = [word]
        for ind_id, name in alias_matches(session, word):
            named.setdefault(ind_id, {"type": "indicator", "id": ind_id, "title": name, "url": f"/indicators/{ind_id}",
                                      "alias": word})
            if name not in names:
                names.append(name)
        options.append(names)
    out: list[list[str]] = [[]]
    for names in options:
        out = [prefix + [name] for prefix in out for name in names]
    return out[:MAX_VARIANTS], list(named.values())


def named_indicators(words: list[str], named: list[dict[str, Any]]) -> list[int]:
    """The ids of the indicators the whole query names (one term: its name or an alias, "GDP"), whose records
    are found by indicator as well as by their text; none for several terms (each must hold in a hit)."""
    return [i["id"] for i in named] if len(words) == 1 else []


def search_all(session: Session, kind: str, words: list[str], limit: int, offset: int = 0,
               lists: list[list[str]] | None = None, indicators: list[int] | None = None) -> list[dict[str, Any]]:
    """Hits of `kind` for the terms as typed and for their indicator aliases ("GDP" → 地区生产总值), merged; for
    records, then the other records of the `indicators` the query names (`lists`, `indicators`: from `variants`
    and `named_indicators`, when the caller has them already)."""
    if lists is None:
        lists, named = variants(session, words)
        indicators = named_indicators(words, named)
    seen: set[int] = set()
    merged: list[dict[str, Any]] = []
    found = [SEARCHES[kind](session, terms_, limit + offset, 0) for terms_ in lists]
    if kind == "records" and indicators:
        found.append(indicator_records(session, indicators, words, limit + offset))
    for hits in found:
        for hit in hits:
            if hit["id"] not in seen:
                seen.add(hit["id"])
                merged.append(hit)
    return merged[offset:offset + limit]


# At most this many pages search their kinds at once (each borrowing a connection per kind but the first);
# the others search them one after the other. So the borrowed connections stay few (4 of the pool's 15).
PAGES_AT_ONCE = 2


class _Lending:
    """The slots of the pages searching their kinds at once, and the threads doing it (one per kind of each such
    page: none waits). A forked child gets new ones (`os.register_at_fork`): a parent's executor never runs a
    child's work."""

    def __init__(self) -> None:
        self.slots = threading.BoundedSemaphore(PAGES_AT_ONCE)
        self._lock = threading.Lock()
        self._threads: ThreadPoolExecutor | None = None

    def threads(self) -> ThreadPoolExecutor:
        """The executor, made on first use (once, whatever the pages asking at the same moment)."""
        with self._lock:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(max_workers=PAGES_AT_ONCE * (len(SEARCHES) - 1),
                                                   thread_name_prefix="planwatch-search")
            return self._threads


_lending = _Lending()


def _forked() -> None:
    global _lending
    _lending = _Lending()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def _lends_connections(session: Session, wanted: int) -> Engine | None:
    """The engine behind `session` when searching on `wanted` other connections at once pays and waits for none:
    a database server's (its processes work side by side; not SQLite, which works inside this process, where
    the kinds competed for the interpreter: search pages on the real-sentence SQLite database took 10–41 ms p50
    one after the other and 16–40 at once, `benchmarks/scale_web.py`), whose pool has `wanted` connections
    idle or still to open. A page holding its connection never waits for more (the pool could be taken by
    others: it would wait `pool_timeout`, then fail, where one after the other it needed none)."""
    bind = session.get_bind()
    if not isinstance(bind, Engine) or bind.dialect.name == "sqlite" or not isinstance(bind.pool, QueuePool):
        return None
    pool = bind.pool
    most = getattr(pool, "_max_overflow", 0)  # QueuePool's max_overflow (-1: no bound); overflow() starts at -size
    free = pool.checkedin() + (wanted if most < 0 else max(0, most - pool.overflow()))
    return bind if free >= wanted else None


Found = tuple[list[dict[str, Any]], int | None]  # a kind's hits, and how many it has in all (None: not counted)


def _search_one(session: Session, kind: str, words: list[str], limit: int, offset: int, lists: list[list[str]],
                indicators: list[int], count: bool) -> Found:
    """`search_all` of one kind; with `count`, also `count_all` when the hits fill `limit` or the page is not the
    first (on the kind's own connection, so a PostgreSQL page counts its kinds at once too)."""
    hits = search_all(session, kind, words, limit, offset, lists, indicators)
    total = count_all(session, kind, lists, indicators) if count and (len(hits) >= limit or offset > 0) else None
    return hits, total


def _search_apart(engine: Engine, kind: str, words: list[str], limit: int, offset: int,
                  lists: list[list[str]], indicators: list[int], count: bool) -> Found:
    """`_search_one` on a connection (and a read transaction) of its own."""
    with Session(engine) as session:
        return _search_one(session, kind, words, limit, offset, lists, indicators, count)


def search_kinds(session: Session, words: list[str], limit: int, offset: int = 0,
                 lists: list[list[str]] | None = None, connections: int = 1,
                 indicators: list[int] | None = None) -> dict[str, list[dict[str, Any]]]:
    """`search_all` of every kind (plans, records, tasks), in that order (`lists` and `indicators` as there); see
    `search_and_count_kinds`."""
    found = search_and_count_kinds(session, words, limit, offset, lists, connections, indicators, count=False)
    return {kind: hits for kind, (hits, _total) in found.items()}


def search_and_count_kinds(session: Session, words: list[str], limit: int, offset: int = 0,
                           lists: list[list[str]] | None = None, connections: int = 1,
                           indicators: list[int] | None = None, count: bool = True) -> dict[str, Found]:
    """`search_all` of every kind (plans, records, tasks), in that order (`lists` and `indicators` as there), with
    each kind's total (`count_all`) where its hits fill `limit` or the page is not the first.

    With `connections` > 1 the kinds are searched at once: the first on `session`, each of the next
    `connections` - 1 on a connection of its own, in a thread (the database works on them side by side:
    the page takes about the time of its slowest kind). They are searched one after the other on `session`
    when `connections` is 1, when the database cannot lend the connections now (`_lends_connections`), or
    while `PAGES_AT_ONCE` other pages are searching theirs at once. A kind whose thread found no connection
    after all (another page took the last one meanwhile) is searched again on `session`.
    """
    if lists is None:
        lists, named = variants(session, words)
        indicators = named_indicators(words, named)
    indicators = indicators or []
    kinds = list(SEARCHES)
    apart = kinds[1:max(1, connections)]
    engine = _lends_connections(session, len(apart)) if apart else None
    lending = _lending
    if engine is None or not lending.slots.acquire(blocking=False):
        return {kind: _search_one(session, kind, words, limit, offset, lists, indicators, count) for kind in kinds}
    futures: dict[str, Future[Found]] = {}
    try:
        for kind in apart:  # each thread runs in a copy of this context (the interface language, the actor)
            futures[kind] = lending.threads().submit(contextvars.copy_context().run, _search_apart, engine, kind,
                                                     words, limit, offset, lists, indicators, count)
        found = {kind: _search_one(session, kind, words, limit, offset, lists, indicators, count)
                 for kind in kinds if kind not in futures}
        for kind, future in futures.items():
            try:
                found[kind] = future.result()
            except PoolTimeout:
                found[kind] = _search_one(session, kind, words, limit, offset, lists, indicators, count)
        return {kind: found[kind] for kind in kinds}
    finally:
        wait(futures.values())  # after an error too: the threads are this page's until they are done
        lending.slots.release()
