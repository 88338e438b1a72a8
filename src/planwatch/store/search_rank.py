"""Ranking a common term's newest hits without FTS5's ``bm25()`` (SQLite's pair index).

FTS5's ``bm25()`` weighs each term by how rare it is (its IDF), which it learns by counting every row
holding the term before it scores the first one, whatever the query's ``LIMIT``: 100 ms for 高质量发展
in 252,000 of 35 million tasks. A query whose terms are in more than `RANK_BUDGET` rows ranks only its
newest `RANK_BUDGET` hits (`search_index.search`), so those are scored here instead, with bm25's own
formula and constants (FTS5's k1 = 1.2, b = 0.75, the same column weights, each row's length and the
average length from the index's ``docsize`` and averages records), each term's frequency counted in
the row's columns, and its rarity from the number of rows holding it: counted up to `COUNTED` ×
`RANK_BUDGET`, and above that estimated from how densely its newest ones lie among the table's ids
(within 1-20 % of the count at 35 million tasks). Counted, the scores are FTS5's own
(`tests/store/test_search_rank.py`).

A plan's text (57 KB) is not read: dense plans rank by their titles, then newest first, as on PostgreSQL.
One term of two characters in few rows (`PAIR_ROWS`) is left to ``bm25()``, which counts one token's rows
faster than they are scored here (`counted_quickly`); one term of records or tasks in fewer rows than the
budget is scored here too, from its hits, which are then all its rows.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from sqlalchemy.engine import Connection

from planwatch.store.search_index import _SEPARATORS, SOURCES, gram_name, pair_query

__all__ = ["COUNTED", "PAIR_ROWS", "counted_quickly", "occurrences", "rank"]

COUNTED = 4  # a term's rows are counted up to this many times the hits ranked (2,000: ≈ 0.5-7 ms), then estimated
PAIR_ROWS = 30_000  # a two-character term in at most this many rows is ranked by bm25() (`counted_quickly`)
K1, B = 1.2, 0.75  # FTS5's bm25 constants (fts5_aux.c)
_AVERAGES_ROWID = 1  # FTS5 keeps the row count and each column's token total in this record of <index>_data


def rank(connection: Connection, kind: str, words: Sequence[str], hits: Sequence[int],
         ids: Sequence[int] | None = None, *, complete: bool = False) -> list[tuple[int, float]]:
    """(id, score) of the rows `ids` (default: `hits`), best first. `hits`: the pair index's newest hits of
    every term of `words` (`complete`: all of them); each term's rows are counted up to `COUNTED` times as
    many (one term's `complete` hits are its rows).

    Records and tasks: equal scores in id order, as FTS5's ranking orders them. Plans: scored as bm25 scores
    their titles' hits alone (their whole length counts, as in FTS5), so equal scores, 0 among them for
    plans whose titles lack the terms, newest first."""
    ids = hits if ids is None else ids
    if not ids:
        return []
    source = SOURCES[kind]
    index = gram_name(kind)
    rows, totals = _averages(connection, index)
    average = sum(totals) / rows if rows else 1.0
    marks = ", ".join("?" * len(ids))
    lengths = {i: sum(_varints(size)) for i, size in connection.exec_driver_sql(
        f"SELECT id, sz FROM {index}_docsize WHERE id IN ({marks})", tuple(ids)).all()}
    columns = [(c, w) for c, w in zip(source.columns, source.weights, strict=True) if not (kind == "plan" and c == "text")]
    names = ", ".join(f'"{c}"' for c, _w in columns)
    texts = {row[0]: row[1:] for row in connection.exec_driver_sql(
        f'SELECT id, {names} FROM "{source.table}" WHERE id IN ({marks})', tuple(ids)).all()}
    top = connection.exec_driver_sql(f'SELECT max(id) FROM "{source.table}"').scalar() or max(ids)
    cap = COUNTED * len(hits)
    if complete and len(words) == 1:
        idf = [_idf(rows, float(len(hits)))]
    else:
        idf = [_idf(rows, _rows_holding(connection, index, pair_query([word]), cap, top, rows)) for word in words]
    folded = [word.lower() for word in words]
    scored = []
    for row_id in ids:
        values = texts.get(row_id)
        if values is None:  # deleted meanwhile
            continue
        lowered = [(v or "").lower() for v in values]
        norm = K1 * (1 - B + B * lengths.get(row_id, 0) / average)
        score = 0.0
        for weight_idf, word in zip(idf, folded, strict=True):
            freq = sum(weight * occurrences(text, word) for text, (_c, weight) in zip(lowered, columns, strict=True))
            score += weight_idf * ((freq * (K1 + 1)) / (freq + norm))  # FTS5's order of operations: equal ties
        scored.append((row_id, score))
    if kind == "plan":
        scored.sort(key=lambda hit: (-hit[1], -hit[0]))
    else:
        scored.sort(key=lambda hit: (-hit[1], hit[0]))
    return scored


def counted_quickly(connection: Connection, kind: str, words: Sequence[str], hits: Sequence[int]) -> bool:
    """Whether FTS5's bm25() counts the rows of `words` (their `hits`: the newest, as many as the budget) faster
    than `rank` scores the hits: one term of two characters (one token of the index, counted at ≈ 0.1 µs a row)
    estimated in at most `PAIR_ROWS` rows (学位 in 25,000 of 35 million tasks: 2 ms, against 5 ms here)."""
    if len(words) != 1 or len(words[0]) != 2 or not hits:
        return False
    table = SOURCES[kind].table
    top = connection.exec_driver_sql(f'SELECT max(id) FROM "{table}"').scalar() or max(hits)
    return _estimate(len(hits), min(hits), top, PAIR_ROWS + 1) <= PAIR_ROWS


def occurrences(text: str, word: str) -> int:
    """How many times the index's query for `word` finds it in `text`, as FTS5 counts its instances: a phrase
    of pairs at every occurrence, overlapping ones included (啊啊 twice in 啊啊啊); a one-character term, a
    token prefix, once more where a separator precedes it (the pair " 学" is the token 学 too)."""
    prefix = len(word) == 1
    count, at = 0, text.find(word)
    while at != -1:
        count += 1 + (prefix and at > 0 and unicodedata.category(text[at - 1]) in _SEPARATORS)
        at = text.find(word, at + 1)
    return count


def _idf(rows: int, holding: float) -> float:
    """bm25's inverse document frequency, as FTS5 computes it (never below 1e-6)."""
    value = math.log((rows - holding + 0.5) / (holding + 0.5)) if rows else 0.0
    return value if value > 0 else 1e-6


def _rows_holding(connection: Connection, index: str, phrase: str, cap: int, top: int, rows: int) -> float:
    """How many of the index's `rows` hold `phrase`: counted up to `cap` (newest first: the index walks them
    without reading the rest), above that estimated (`_estimate`)."""
    count, oldest = connection.exec_driver_sql(
        f"SELECT count(*), min(rowid) FROM (SELECT rowid FROM {index} WHERE {index} MATCH ? ORDER BY rowid DESC "
        "LIMIT ?)", (phrase, cap)).one()
    return float(count) if count < cap else _estimate(count, oldest, top, rows)


def _estimate(count: int, oldest: int, top: int, rows: int) -> float:
    """The rows holding a term whose newest `count` rows have ids from `oldest` to the table's largest, `top`:
    `count` scaled by the share of the table's ids they span (it takes ids for rows: ids freed by deleted
    rows make it high), at most `rows`, the index's rows."""
    return min(float(rows), count * max(top, 1) / max(top - oldest + 1, 1))


def _averages(connection: Connection, index: str) -> tuple[int, list[int]]:
    """The index's row count and each column's token total (its averages record)."""
    blob = connection.exec_driver_sql(f"SELECT block FROM {index}_data WHERE id = ?", (_AVERAGES_ROWID,)).scalar()
    if not blob:
        return 0, []
    values = _varints(blob)
    return values[0], values[1:]


def _varints(blob: bytes) -> list[int]:
    """The SQLite varints of a blob (FTS5's docsize and averages records): 7 bits a byte, high bit set on all
    but the last, a ninth byte whole."""
    out, at = [], 0
    while at < len(blob):
        value = 0
        for step in range(9):
            byte = blob[at + step]
            if step == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        out.append(value)
        at += step + 1
    return out
