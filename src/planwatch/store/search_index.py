"""The full-text index over plans, records and tasks (Chinese: character n-grams), and its queries.

Chinese has no spaces, so the index works on character n-grams, not words:

- **SQLite**: the FTS5 tables ``plan_gram``, ``record_gram`` and ``task_gram``, one column per
  searched column holding that text as its overlapping character pairs plus its last character
  ("新增学位" → "新增 增学 学位 位", CJK bigram indexing as in Lucene's CJKAnalyzer; unicode61, every
  character but spaces and controls a token character; external content: the views
  ``<table>_gram_src`` over ``planwatch_bigrams()``, a function `register_functions` adds to
  every connection), kept in sync by triggers: every write (ingest, edits) updates the index
  inside its own transaction, so a failed ingest leaves it as it was. A term of three characters
  or more is the phrase of its pairs ("新增学位" → ``"新增 增学 学位"``), one of two characters its
  pair, one of one character a token prefix; hits are ranked by ``bm25`` with the columns' weights
  (a plan's title four times its text, an indicator or a task's object twice). The hits are
  exactly those of a ``LIKE`` scan: the index answers a term exactly (`_exact_in_pairs`), and a
  term it cannot (letters with case outside ASCII, spaces) is matched with ``LIKE`` as well.
  Punctuation, symbols and emoji are token characters too, so a one-character mark (_ 😀 ' \\) is a
  token prefix like a letter (it was a ``LIKE`` scan of every row: 2–7 s at 6,500 plans, ≈ 1 ms now);
  one in most rows (，、) is found newest first by ``LIKE`` instead, when the newest rows show it
  dense (`_dense`): its prefix merges the pairs of every occurrence (0.2–0.3 s a kind).
  A query whose terms are in more than `RANK_BUDGET` rows (发展 is in most of a corpus's tasks)
  ranks the newest `RANK_BUDGET` of them (later pages go on with the older ones, newest first):
  ranking every one took seconds at a corpus's size
  (PostgreSQL too: `similarity()` of 862,000 tasks took 31 s; finding the newest 2,000 of 28,000 tasks
  holding 高质量发展 there took 140 ms, the newest 500 45 ms). On SQLite those newest hits are scored by
  `search_rank`, not by FTS5's ``bm25()``, which counts every row holding each term before scoring one
  (100 ms for 高质量发展 in 252,000 of 35 million tasks); fewer hits than the budget are ranked by ``bm25()``.
  (Until migration ``0014_pair_index`` records and tasks also had a trigram index, and until
  ``0016_plan_pairs`` plans had only one, ``plan_fts``, with ``LIKE`` for shorter terms: a
  second at 6,500 plans.)
- **PostgreSQL**: matching is ``ILIKE`` (``strpos()`` for a term without letters that have case), ranking
  ``similarity()`` (the ``pg_trgm`` extension) of the newest `RANK_BUDGET` matches. Those are found by
  `_pg_newest`: rows are read newest first by id range, each range twice the last, and an index is
  asked for the rest only when hits are sparse (the planner, left to itself, scanned every plan's text:
  it does not cost TOAST). Records and tasks: GIN expression indexes ``ix_record_gram``,
  ``ix_task_gram`` on ``to_tsvector('simple', planwatch_bigrams(col) || ' ' || …)`` (an SQL function):
  a term of one or two characters is a token (or a prefix), a longer one all of its pairs (新增学位 →
  ``新增 & 增学 & 学位``). Plans (`_pg_plans`): those whose title holds every term first, ranked by their
  titles; then the newest holding the terms in their text (a plan's 57 KB text is never ranked). The GIN
  index ``ix_plan_pairs`` of each plan's lowered title and text as an array of their pairs
  (``0019_pg_plan_pairs``) narrows a term of two characters or more, in any case, to the plans holding all the
  pairs of its lowered form (`PLAN_PAIRS`);
  until then a trigram index narrowed terms of three characters or more only, and a rare place name of two
  (坪山) was a scan of every plan's text (0.5 s at 6,500 plans; 16 ms now). A term of one character is not
  narrowed. (Until migration ``0015_pg_pair_index`` records and
  tasks also had trigram indexes, ≈ 15 % of the server's CPU while an ingest writes.)

Without an index (SQLite without FTS5, or no ``pg_trgm``) every query uses ``LIKE`` (PostgreSQL's plans are
still narrowed by their pairs); a log line says so. The migrations ``0004_search`` (trigrams), ``0011_search`` (pairs), ``0014_pair_index``,
``0015_pg_pair_index``, ``0016_plan_pairs`` and ``0019_pg_plan_pairs`` build the indexes; the writer of a bulk ingest fills
the SQLite ones in bulk (``store.bulk``), with the pairs of task and record texts its workers computed
(`pairs_of`, `remember_pairs`: `bigrams` then only looks them up).
"""

from __future__ import annotations

import logging
import operator
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    Text,
    and_,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

MIN_GRAM = 3  # a trigram index needs at least this many characters in a term
IndexKind = Literal["fts5", "trgm", "like"]


@dataclass(frozen=True, slots=True)
class Source:
    """One searched table: its columns (the first is the title-like one) and their bm25 weights."""

    table: str
    columns: tuple[str, ...]
    weights: tuple[float, ...]

    @property
    def fts(self) -> str:
        """The name of its FTS5 table (SQLite)."""
        return f"{self.table}_fts"

    def trgm_indexes(self) -> list[tuple[str, str]]:
        """(index name, column) of its GIN trigram indexes (PostgreSQL)."""
        return [(f"ix_{self.table}_{col}_trgm", col) for col in self.columns]


SOURCES: dict[str, Source] = {
    "plan": Source("plan", ("title", "text"), (4.0, 1.0)),
    "record": Source("record", ("indicator", "quote"), (2.0, 1.0)),
    "task": Source("task", ("object", "suggested_unit", "quote"), (2.0, 1.0, 1.0)),
}
FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")
GRAM_SOURCES = ("plan", "record", "task")  # the tables with a pair index (SQLite: all; PostgreSQL: records, tasks)
RANK_BUDGET = 500  # at most this many of a query's newest hits are ranked (module docstring; 2,000 until 0.1 s on PostgreSQL)
BIGRAMS = "planwatch_bigrams"  # the SQL function (SQLite: registered per connection; PostgreSQL: created by 0011)
PLAN_PAIRS = "ix_plan_pairs"  # PostgreSQL: plans' titles and texts as arrays of their pairs (0019_pg_plan_pairs)
PLAN_PAIRS_EXPRESSION = f"(string_to_array({BIGRAMS}(lower(title)) || ' ' || {BIGRAMS}(lower(text)), ' ') COLLATE \"C\")"


def gram_name(kind: str) -> str:
    """The pair index of `kind`: FTS5 table ``<kind>_gram`` (SQLite), GIN index ``ix_<kind>_gram`` (PostgreSQL)."""
    return f"{kind}_gram"


def bigrams(*texts: str | None) -> str:
    """Each text as its overlapping character pairs plus its last character, space-separated.

    ``bigrams("新增学位")`` → ``"新增 增学 学位 位"``: every two-character substring is a token and every
    character starts one, so a one-character term is a token prefix.
    """
    if len(texts) == 1:  # the triggers of a one-column source, and each text of a view row: no generator
        (t,) = texts
        return _KNOWN_PAIRS.get(t) or (_pairs(t) if t else "")
    return " ".join(_pairs(t) for t in texts if t)


_KNOWN_PAIRS: dict[str | None, str] = {}  # pairs an ingest worker computed (`remember_pairs`), by text
_KNOWN_MAX = 250_000  # texts: about four batches of 64 plans (≈ 1,000 searched texts each), ≈ 50 MB at most


def pairs_of(texts: Iterable[str | None]) -> dict[str | None, str]:
    """The pairs (`bigrams`) of each of these texts that is not empty, for an ingest worker to compute.

    The texts are run together and paired at once (one array operation): a text's pairs are then a slice,
    since the pair after its last starts with its last character (a plan's 1,500 texts: 0.8 ms, not 3.4).
    """
    distinct = [t for t in dict.fromkeys(texts) if t]
    every = _pairs("".join(distinct)) if distinct else ""
    found: dict[str | None, str] = {}
    at = 0  # where the text starts in the joined texts; its pairs start at 3 × that
    for t in distinct:
        end = at + len(t)
        found[t] = every[3 * at:3 * end - 2]  # its len - 1 pairs with their spaces, then its last character
        at = end
    return found


def remember_pairs(found: dict[str | None, str]) -> None:
    """Give `bigrams` the pairs a worker computed for a document's searched texts, so the writer, which
    fills the index, only looks them up: a plan's ≈ 1,700 texts, ≈ 3 ms of the one writer's time.
    Emptied when full (what it holds only saves time: a text not found is cut as usual)."""
    if len(_KNOWN_PAIRS) + len(found) > _KNOWN_MAX:
        _KNOWN_PAIRS.clear()
    _KNOWN_PAIRS.update(found)


_LONG = 64  # from this many characters an array builds the pairs faster than a join (20× at a plan's 19,000)


def _pairs(t: str) -> str:
    """`t` (not empty) as its pairs and last character; long texts by interleaving code points in an array."""
    if len(t) < _LONG:
        return " ".join(map(operator.add, t, t[1:])) + " " + t[-1] if len(t) > 1 else t  # C-level pairs
    import numpy  # here: the web and the CLI start without it (≈ 0.1 s)

    points = numpy.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    rows = numpy.full((len(points) - 1, 3), 32, dtype=numpy.uint32)  # each pair and its space
    rows[:, 0] = points[:-1]
    rows[:, 1] = points[1:]
    return rows.tobytes().decode("utf-32-le", "surrogatepass") + t[-1]


def register_functions(dbapi_connection: Any) -> None:
    """Add ``planwatch_bigrams(text, …)`` to a sqlite3 connection (the pair index's triggers call it)."""
    dbapi_connection.create_function(BIGRAMS, -1, bigrams, deterministic=True)


def pg_gram_document(kind: str) -> str:
    """The indexed expression of `kind`'s pair index on PostgreSQL (queries must repeat it exactly)."""
    cols = " || ' ' || ".join(f"{BIGRAMS}({c})" for c in SOURCES[kind].columns)
    return f"to_tsvector('simple'::regconfig, {cols})"


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching row: its id and score (higher is better)."""

    id: int
    score: float


# ---------------------------------------------------------------- which index is there


@cache
def trigram_supported() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (SQLite ≥ 3.34)."""
    try:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
        finally:
            probe.close()
    except sqlite3.Error:
        return False
    return True


_warned: set[str] = set()


def _warn_once(key: str, message: str, *args: Any) -> None:
    """Log `message` once per process and `key`."""
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


def index_kind(session: Session) -> IndexKind:
    """Which index this database has: ``fts5`` (SQLite), ``trgm`` (PostgreSQL) or ``like`` (none)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        present = {row[0] for row in session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (:fts, :gram)"),
            {"fts": SOURCES["plan"].fts, "gram": gram_name("plan")})}
        if gram_name("plan") in present or (present and trigram_supported()):  # pairs (0016) or trigrams (0004)
            return "fts5"
        _warn_once("sqlite", "search: no FTS5 index (SQLite %s): search falls back to LIKE, which is slower on "
                   "large databases", sqlite3.sqlite_version)
        return "like"
    if dialect == "postgresql":
        if session.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first() is not None:
            return "trgm"
        _warn_once("postgresql", "search: the pg_trgm extension is not installed in this database: "
                   "search falls back to LIKE, which is slower on large databases")
        return "like"
    return "like"


def is_index_object(name: str | None, type_: str) -> bool:
    """Whether a database object is part of the search index (FTS5 tables and their shadows, trigram indexes)."""
    if not name:
        return False
    if type_ == "table":
        fts = [s.fts for s in SOURCES.values()] + [gram_name(k) for k in GRAM_SOURCES]
        return (name == "search_fts_pending"  # the writer's deferred rows (0010_writer, store.bulk)
                or any(name == t or name in {f"{t}_{x}" for x in (*FTS5_SHADOWS, "src")} for t in fts))
    if type_ == "index":
        return (any(name == ix for s in SOURCES.values() for ix, _col in s.trgm_indexes())
                or name in {f"ix_{gram_name(k)}" for k in GRAM_SOURCES} or name == PLAN_PAIRS)
    return False


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic ``include_object`` hook: leave the search index (not in the models) out of autogenerate."""
    return not (reflected and compare_to is None and is_index_object(name, type_))


# ---------------------------------------------------------------- querying


def pair_query(words: list[str]) -> str:
    """An FTS5 MATCH expression for the pair index requiring every term: each the phrase of its
    overlapping character pairs ("新增学位" → ``"新增 增学 学位"``; 学位 → ``"学位"``), a one-character
    term a token prefix (学 → ``"学" *``), each quoted (so ``"``, ``*``, ``OR``, ``(`` are plain text)."""
    return " ".join(_fts_string(w) + " *" if len(w) == 1 else _fts_string(" ".join(map(operator.add, w, w[1:])))
                    for w in words)


def _fts_string(text: str) -> str:
    """`text` as an FTS5 string (double-quoted, its ``"`` doubled): plain text whatever it holds."""
    return '"' + text.replace('"', '""') + '"'


_SEPARATORS = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"})  # what the pair index's tokenizer splits on


def _pairable(word: str) -> bool:
    """Whether every character of `word` is a token character of the pair index (then its phrase of
    pairs finds every row holding it; else LIKE alone decides)."""
    return not any(unicodedata.category(ch) in _SEPARATORS for ch in word)


def _exact_in_pairs(word: str) -> bool:
    """Whether the pair index finds exactly the rows holding `word`, as LIKE would (so LIKE need not check).

    Its pairs are adjacent in the text iff their tokens are adjacent in the index (a pair with a separator
    in it is a shorter token, never a pair), so a phrase of pairs, a pair or a one-character prefix matches
    where the word is; but the tokenizer folds the case of every letter and LIKE only of ASCII letters, so a
    word with other letters that have case (Ä, Ж, full-width Ａ) is still checked.
    """
    return _pairable(word) and all(ch.isascii() or ch.lower() == ch.upper() for ch in word)


def _like_pattern(word: str) -> str:
    """A LIKE pattern for `word` anywhere, with ``\\``, ``%`` and ``_`` escaped."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _contains(col: ColumnElement[Any], word: str, dialect: str) -> ColumnElement[bool]:
    """`col` holds `word`, case-insensitively (PostgreSQL: `ILIKE`, or `strpos()` for a word without case; SQLite:
    `LIKE`, which folds ASCII letters only)."""
    if dialect == "postgresql":
        if word.lower() == word.upper():  # nothing to fold (学位, 2024): LIKE is three times faster than ILIKE,
            # strpos() 1.5 (pglz) to 2.2 (lz4) times faster than LIKE over 6,500 plans' texts
            return func.strpos(col, word) > 0
        return col.ilike(_like_pattern(word), escape="\\")
    return col.like(_like_pattern(word), escape="\\")


def _occurrences(col: ColumnElement[Any], word: str) -> ColumnElement[Any]:
    """How often `word` occurs in `col` (SQL, the same on SQLite and PostgreSQL)."""
    lowered = func.lower(col)
    return (func.length(lowered) - func.length(func.replace(lowered, word.lower(), ""))) / max(1, len(word))


def has_gram_index(session: Session, kind: str) -> bool:
    """Whether `kind` has the pair index (migration 0011) that answers terms shorter than a trigram."""
    if kind not in GRAM_SOURCES:
        return False
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"
        return session.execute(text(sql), {"name": gram_name(kind)}).first() is not None
    if dialect == "postgresql":
        return _has_index(session, f"ix_{gram_name(kind)}")
    return False


def _has_index(session: Session, name: str) -> bool:
    """Whether PostgreSQL has the index `name`, valid (a failed concurrent build leaves an invalid one)."""
    return session.execute(text("SELECT 1 FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
                                "WHERE c.relname = :name AND i.indisvalid"), {"name": name}).first() is not None


def _gram_token(word: str, dialect: str) -> str | None:
    """The pair-index query of one short term (2 characters: the pair; 1: a prefix), or None when it
    cannot answer it: other lengths; on SQLite a separator in it (punctuation, symbols and emoji are
    token characters of its tokenizer: ``categories 'L* N* M* P* S* Co Cn'``, 0011/0014/0016); on
    PostgreSQL characters that are not letters or digits (the text-search parser drops the others)."""
    if not 1 <= len(word) < MIN_GRAM:
        return None
    if not (_pairable(word) if dialect == "sqlite" else all(ch.isalnum() for ch in word)):
        return None
    return word.lower()


def _pair_rows(kind: str, query: str) -> Select:
    """The rowids of `kind`'s pair index (SQLite) matching an FTS5 `query`."""
    return select(literal_column("rowid")).select_from(table(gram_name(kind))).where(
        literal_column(gram_name(kind)).op("MATCH")(query))


def _gram_condition(session: Session, kind: str, words: list[str], ids: ColumnElement[Any]) -> ColumnElement[bool] | None:
    """`ids` restricted to the rows whose pair index holds the tokens of `words` (a superset of the
    rows holding the words: LIKE still decides); None when no term can use the index. A term of one
    or two characters is a token (or a token prefix); a longer one, each of its pairs of letters or
    digits."""
    tokens: list[str] = []
    dialect = session.get_bind().dialect.name
    for word in words:
        token = _gram_token(word, dialect)
        if token is not None:
            tokens.append(token)
        elif len(word) >= MIN_GRAM:  # a longer term: each of its pairs of letters or digits (PostgreSQL)
            tokens += [pair.lower() for pair in map(operator.add, word, word[1:]) if pair.isalnum()]
    tokens = list(dict.fromkeys(tokens))
    if not tokens:
        return None
    if dialect == "sqlite":
        return ids.in_(_pair_rows(kind, " ".join(_fts_string(t) + (" *" if len(t) == 1 else "") for t in tokens)))
    tsquery = " & ".join(f"'{t}'" + (":*" if len(t) == 1 else "") for t in tokens)
    # a term the text-search parser drops (no lexeme) would match nothing: then LIKE alone decides
    if not session.scalar(text("SELECT numnode(to_tsquery('simple'::regconfig, :q))"), {"q": tsquery}):
        return None
    return text(f"{pg_gram_document(kind)} @@ to_tsquery('simple'::regconfig, :gram_query)").bindparams(  # type: ignore[return-value]
        gram_query=tsquery)  # (a TextClause serves as a WHERE condition)


def search(session: Session, kind: str, words: list[str], limit: int, offset: int = 0) -> list[Hit]:
    """Ids of the `kind` rows (plan, record, task) holding every term, best first; one page of them.

    Each term must occur in one of the source's columns (not necessarily the same one). The newest
    `RANK_BUDGET` rows holding them are ranked; the older ones follow, newest first, with score 0 (a page
    beyond the budget had been cut from a ranking of more rows: the same rows came back page after page).
    """
    words = [w for w in words if w]
    if not words or limit <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql" and kind == "plan":
        return _pg_plans(session, words, limit, offset)
    head = _search(session, kind, words, min(limit, RANK_BUDGET - offset), offset) if offset < RANK_BUDGET else []
    if offset + limit <= RANK_BUDGET or (offset < RANK_BUDGET and len(head) < RANK_BUDGET - offset):
        return head  # the page lies in the budget, or there are no more rows
    skip = RANK_BUDGET + max(0, offset - RANK_BUDGET)  # the ranked rows and the older ones of earlier pages
    return head + _search(session, kind, words, limit - len(head), skip, ranked=False)


def _search(session: Session, kind: str, words: list[str], limit: int, offset: int, ranked: bool = True) -> list[Hit]:
    """`search` within the newest `RANK_BUDGET` rows holding the terms, ranked; or (`ranked=False`) the rows
    holding them newest first, from `offset`."""
    source = SOURCES[kind]
    dialect = session.get_bind().dialect.name
    base = table(source.table, column("id"), *[column(c) for c in source.columns])
    cols = [base.c[c] for c in source.columns]
    mode = index_kind(session)
    gram = mode != "like" and has_gram_index(session, kind)  # SQLite: every kind; PostgreSQL: records and tasks
    paired = mode == "fts5" and gram  # SQLite: the pair index answers every term it can, ranked by bm25
    common: list[str] = []  # SQLite: marks in most rows (，、。), found newest first by LIKE, not by their prefix
    if paired:
        long_words = [w for w in words if (len(w) >= MIN_GRAM and _pairable(w)) or _gram_token(w, dialect) is not None]
        common = [w for w in long_words if len(w) == 1 and not w.isalnum() and _dense(session, base, cols, w, kind)]
        long_words = [w for w in long_words if w not in common]
        like_words = [w for w in words if w not in long_words or not _exact_in_pairs(w)]  # what it cannot answer exactly
    else:  # PostgreSQL ranks the longer terms by similarity(); LIKE matches every term
        long_words = [w for w in words if len(w) >= MIN_GRAM] if mode == "trgm" else []
        like_words = words
    conditions = [or_(*[_contains(c, w, dialect) for c in cols]) for w in like_words]
    # the pair index narrows the terms it does not answer; on PostgreSQL every term (its trigram indexes went: 0015)
    narrow = [w for w in like_words if w not in long_words and w not in common] if paired else like_words
    narrowed = _gram_condition(session, kind, narrow, base.c.id) if narrow and gram else None
    if narrowed is not None and dialect != "postgresql":  # PostgreSQL: `_pg_newest` decides when to ask it
        conditions.append(narrowed)

    if not ranked:
        return [Hit(i, 0.0) for i in _newest(session, base, conditions, narrowed, limit, offset,
                                               pair_query(long_words) if paired and long_words else None, kind)]
    if paired and long_words:
        index = table(gram_name(kind), column("rowid"))
        index_ref: ColumnElement[Any] = literal_column(gram_name(kind))
        matching = index_ref.op("MATCH")(pair_query(long_words))
        # the newest RANK_BUDGET hits of the index (FTS5 walks them by rowid, newest first, and stops there)
        newest = list(session.scalars(select(index.c.rowid).where(matching).order_by(index.c.rowid.desc())
                                      .limit(RANK_BUDGET)).all())
        from planwatch.store import search_rank  # (it reads this module's tables and query syntax)

        complete = len(newest) < RANK_BUDGET  # every row holding the terms
        # a common term: bm25() would count every row holding it before scoring one (but a pair, one token,
        # in up to 30,000 rows is counted faster than its hits are scored here); one term of a record or
        # task in fewer rows: they are all here (bm25() would walk them again: 6.7 ms for 新增学位 in 35 M tasks)
        if ((not complete and not search_rank.counted_quickly(session.connection(), kind, long_words, newest))
                or (complete and len(long_words) == 1 and kind != "plan")):
            rows = newest
            if conditions:  # a term the index does not answer exactly: LIKE on the rows
                kept = set(session.scalars(select(base.c.id).where(base.c.id.in_(newest), *conditions)))
                rows = [i for i in newest if i in kept]
            ranking = search_rank.rank(session.connection(), kind, long_words, newest, rows, complete=complete)
            return [Hit(int(hit_id), score) for hit_id, score in ranking[offset:offset + limit]]
        bm25 = func.bm25(index_ref, *[literal_column(repr(float(w))) for w in source.weights])
        # fewer hits than the budget (several terms, or plans), or a pair in few rows: FTS5 ranks them (cheaply)
        hits = (select(index.c.rowid.label("id"), bm25.label("rank")).where(matching)
                .order_by(index.c.rowid.desc()).limit(RANK_BUDGET).subquery())
        if conditions:  # a term the index does not answer exactly: LIKE on the rows
            query = (select(base.c.id, (-hits.c.rank).label("score"))
                     .select_from(hits.join(base, base.c.id == hits.c.id))
                     .where(*conditions)
                     .order_by(hits.c.rank, base.c.id))
        else:  # the index alone (in sync with the table by its triggers): no row is read
            query = select(hits.c.id, (-hits.c.rank).label("score")).order_by(hits.c.rank, hits.c.id)
    else:
        # the newest RANK_BUDGET matching rows, then ranked (ranking every match took seconds at a corpus's size)
        if dialect == "postgresql":
            newest = _pg_newest(session, base.c.id, and_(*conditions), narrowed, RANK_BUDGET, WALKS[kind])
            if not newest:
                return []
            pool = base.join(select(func.unnest(literal(newest, ARRAY(Integer))).label("id")).subquery("newest"),
                             literal_column("newest.id") == base.c.id)
        else:
            hits = select(base.c.id).where(and_(*conditions)).order_by(base.c.id.desc()).limit(RANK_BUDGET).subquery()
            pool = base.join(hits, hits.c.id == base.c.id)
        # a plan's whole text is not scored: similarity() of 57 KB took ≈ 5 ms a plan (20 s for a term in 4,000
        # plans), counting occurrences in it ≈ 2 ms; plans rank by their titles, then newest first
        whole_text = kind == "plan"
        scored = [(c, weight) for c, weight in zip(cols, source.weights, strict=True)
                  if not (whole_text and c.name == "text")]
        if mode == "trgm" and long_words:
            score: ColumnElement[Any] = sum(
                (func.similarity(c, w) * weight for w in long_words for c, weight in scored), literal(0.0))
            query = (select(base.c.id, score.label("score")).select_from(pool)
                     .order_by(score.desc(), base.c.id.desc() if whole_text else base.c.id))
        else:  # LIKE: rank by weighted occurrences, then shorter texts first
            score = sum((_occurrences(c, w) * weight for w in words
                         for c, weight in scored), literal(0))
            order = (base.c.id.desc(),) if whole_text else (func.length(cols[-1]), base.c.id)
            query = select(base.c.id, score.label("score")).select_from(pool).order_by(score.desc(), *order)
    found = session.execute(query.limit(limit).offset(offset))
    return [Hit(int(hit_id), float(score or 0)) for hit_id, score in found]


PROBE_ROWS = {"plan": 40, "record": 2000, "task": 2000}  # the newest rows `_dense` reads (a plan: its 57 KB text)
# A mark in at least one of this many of the newest rows is found by LIKE, newest first: it then reads at most
# ≈ `RANK_BUDGET` × this many rows (a record or task ≈ 1 µs, a plan without the mark its whole text, ≈ 0.2 ms).
DENSE = {"plan": 4, "record": 64, "task": 64}


def _dense(session: Session, base: Any, cols: Sequence[ColumnElement[Any]], mark: str, kind: str) -> bool:
    """Whether a one-character term without letters or digits is in at least one of `DENSE` of the newest
    `PROBE_ROWS` rows (SQLite): then LIKE finds its newest rows sooner than the pair index.

    Such a term is a token prefix of the pair index, which then merges the pairs of every occurrence: for ，
    (in most rows) 0.2–0.3 s each for plans and tasks against 1–11 ms for LIKE, newest first, to find the 500
    newest (`RANK_BUDGET`); for a rare one (_, 😀, ', \\) the index takes ≈ 1 ms and LIKE reads every row
    (2–7 s at a corpus's size). The probe reads the newest rows only (≈ 1 ms; plans ≈ 10 ms)."""
    window = PROBE_ROWS[kind]
    top = session.scalar(select(func.max(base.c.id)))
    if top is None:
        return False
    enough = max(1, window // DENSE[kind])
    holding = select(base.c.id).where(base.c.id > top - window, or_(*[_contains(c, mark, "sqlite") for c in cols]))
    return (session.scalar(select(func.count()).select_from(holding.limit(enough).subquery())) or 0) >= enough


def _newest(session: Session, base: Any, conditions: list[ColumnElement[bool]], narrowed: ColumnElement[bool] | None,
            limit: int, offset: int, match: str | None, kind: str) -> list[int]:
    """Ids of the rows meeting `conditions` (and the pair index's `match`, SQLite), newest first, from `offset`."""
    ids = base.c.id
    if session.get_bind().dialect.name == "postgresql":
        return _pg_newest(session, ids, and_(*conditions), narrowed, offset + limit, WALKS[kind])[offset:]
    query = select(ids).where(*conditions)
    if match is not None:
        query = query.where(ids.in_(_pair_rows(kind, match)))
    return list(session.scalars(query.order_by(ids.desc()).limit(limit).offset(offset)))


# ---------------------------------------------------------------- PostgreSQL: the newest matches


@contextmanager
def _planner(session: Session, **settings: str) -> Iterator[None]:
    """PostgreSQL planner settings for the statements inside the block (this transaction only, then as they were;
    after an error they go with the transaction: a statement there would fail and hide the error)."""
    names = {f"n{i}": name for i, name in enumerate(settings)}
    setting = ", ".join(f"set_config(:{n}, :v{n[1:]}, true)" for n in names)
    before = session.execute(text(f"SELECT {', '.join(f'current_setting(:{n})' for n in names)}, {setting}"),
                             {**names, **{f"v{n[1:]}": settings[name] for n, name in names.items()}}).one()
    yield
    session.execute(text(f"SELECT {setting}"), {**names, **{f"v{n[1:]}": before[i] for i, n in enumerate(names)}})


@dataclass(frozen=True, slots=True)
class Walk:
    """How `_pg_newest` reads a table newest first (PostgreSQL): `first` × (rows wanted) rows, then twice as
    many each time; a term none of the newest `most` × (rows wanted) rows holds goes to the index, where a row
    costs as much as `bitmap_row` rows walked (random pages; a plan costs the same either way: its text)."""

    first: int
    most: int
    bitmap_row: float


WALKS = {"plan": Walk(1, 2, 1.0), "record": Walk(4, 16, 7.0), "task": Walk(4, 16, 7.0)}


def _pg_newest(session: Session, ids: ColumnElement[Any], match: ColumnElement[bool],
               narrowed: ColumnElement[bool] | None, want: int, walk: Walk) -> list[int]:
    """Ids of the newest `want` rows meeting `match`, newest first (PostgreSQL).

    Rows are read newest first by id range, each range twice the last and each read stopping at the rows
    still wanted (a term in many rows is found in the first). When an index can narrow (`narrowed`: the pair
    index of records and tasks, or plans' array of pairs), it is asked for the
    rest once that looks cheaper: walking on reads about (rows still wanted) / (share of rows matching so
    far), the index every row it finds, about (share) × (older rows), each costing `walk.bitmap_row`.
    The planner is told which: left to itself, it scanned every plan's 57 KB of text for a term the trigram
    index finds in a handful (it does not cost TOAST), walked the primary key for a rare term evaluating the
    indexed expression row by row, and read 28,000 tasks through the index for 2,000 of them.
    """
    top, bottom = session.execute(select(func.max(ids), func.min(ids)).select_from(ids.table)).one()
    if top is None:
        return []
    found: list[int] = []
    floor, window, read = top, walk.first * want, 0
    with _planner(session, jit="off", enable_seqscan="off", enable_bitmapscan="off"):  # the primary key, backwards
        while len(found) < want and floor >= bottom:
            found += session.scalars(select(ids).where(ids > floor - window, ids <= floor, match)
                                     .order_by(ids.desc()).limit(want - len(found)))
            floor, read, window = floor - window, read + window, window * 2
            rate = len(found) / read
            if narrowed is not None and len(found) < want and floor >= bottom and (
                    (rate and (want - len(found)) / rate > walk.bitmap_row * rate * (floor - bottom + 1))
                    or (not rate and read >= walk.most * want)):
                break
        else:
            return found
    # ids are nearly dense, so `floor - bottom` stands for the older rows. The index is asked for all of them, the hits
    # so far included (bounded by id too, the planner took a bitmap of the primary key and read every row).
    with _planner(session, jit="off", enable_seqscan="off", enable_indexscan="off"):  # a bitmap of the index
        return list(session.scalars(select(ids).where(match, narrowed).order_by(ids.desc()).limit(want)))


def _pg_plans(session: Session, words: list[str], limit: int, offset: int) -> list[Hit]:
    """One page of the plans holding every term, on PostgreSQL: first those whose title holds every term
    (ranked by their titles' `similarity()`, or occurrences without ``pg_trgm``, then newest), then the
    newest plans holding them in their text.

    A plan's text is not ranked (`similarity()` of 57 KB took ≈ 5 ms a plan) nor scanned whole: a term
    in many plans is found in the newest few dozen (`_pg_newest`).
    """
    base = table("plan", column("id"), column("title"), column("text"))
    mode = index_kind(session)
    need = offset + limit
    title, body = base.c.title, base.c.text
    in_title = and_(*[_contains(title, w, "postgresql") for w in words])
    long_words = [w for w in words if len(w) >= MIN_GRAM]
    score: ColumnElement[Any]
    if mode == "trgm" and long_words:
        score = sum((func.similarity(title, w) for w in long_words), literal(0.0))
    else:
        score = sum((_occurrences(title, w) for w in words), literal(0))
    newest = select(base.c.id).where(in_title).order_by(base.c.id.desc()).limit(RANK_BUDGET).subquery()
    titled = [Hit(int(i), 1.0 + float(s or 0)) for i, s in session.execute(
        select(base.c.id, score).select_from(base.join(newest, newest.c.id == base.c.id))
        .order_by(score.desc(), base.c.id.desc()).limit(need))]
    if len(titled) < need and len(titled) == RANK_BUDGET:  # older titles holding them, newest first, unranked
        titled += [Hit(i, 1.0) for i in session.scalars(select(base.c.id).where(in_title).order_by(base.c.id.desc())
                                                         .offset(RANK_BUDGET).limit(need - RANK_BUDGET))]
    if len(titled) < need:  # every plan whose title holds the terms is in `titled`: the others, newest first
        anywhere = and_(*[or_(_contains(title, w, "postgresql"), _contains(body, w, "postgresql")) for w in words])

        narrowed = _plan_pairs_condition(session, words) if _has_index(session, PLAN_PAIRS) else None
        rest = _pg_newest(session, base.c.id, and_(anywhere, ~in_title), narrowed, need - len(titled),
                          WALKS["plan"])
        titled += [Hit(i, 0.0) for i in rest]
    return titled[offset:need]


def _plan_pairs_condition(session: Session, words: list[str]) -> ColumnElement[bool] | None:
    """The plans whose lowered title and text hold every pair of the lowered terms (`PLAN_PAIRS`): a superset of
    those holding the terms, whether `strpos()` (a term without case) or ``ILIKE`` (which lowers both sides)
    decides. The terms are lowered by the server, as the index was (İ may become two characters). None when no
    term has a pair (one character), pairs with a space left out (the array is split on spaces)."""
    lowered = session.execute(select(*[func.lower(literal(w)) for w in words])).one()
    pairs = sorted({pair for w in lowered for pair in map(operator.add, w, w[1:]) if " " not in pair})
    if not pairs:
        return None
    return literal_column(PLAN_PAIRS_EXPRESSION).bool_op("@>")(literal(pairs, ARRAY(Text)))


def _fts_tables(session: Session) -> list[str]:
    """The FTS5 tables of the search index present in this SQLite database (trigram, then pair tables)."""
    names = [s.fts for s in SOURCES.values()] + [gram_name(k) for k in GRAM_SOURCES]
    present = {row[0] for row in session.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (%s)" % ", ".join(f"'{n}'" for n in names)))}
    return [n for n in names if n in present]


def check(session: Session) -> None:
    """Raise if an FTS5 table disagrees with its base table (SQLite; a no-op elsewhere)."""
    if index_kind(session) != "fts5":
        return
    for fts in _fts_tables(session):  # a pair table's content is a view of the pairs: checked against the rows
        session.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))


def rebuild(session: Session) -> None:
    """Rebuild the FTS5 tables from their base tables (SQLite; a no-op elsewhere)."""
    if index_kind(session) != "fts5":
        return
    for fts in _fts_tables(session):
        session.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))


__all__ = ["BIGRAMS", "GRAM_SOURCES", "MIN_GRAM", "RANK_BUDGET", "SOURCES", "WALKS", "Hit", "Source", "Walk", "bigrams", "check",
           "gram_name", "has_gram_index", "include_object", "index_kind", "is_index_object", "pair_query", "pairs_of",
           "pg_gram_document", "rebuild", "register_functions", "remember_pairs", "search", "trigram_supported"]
