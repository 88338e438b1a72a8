"""Follow-up across years: match a later document's achievements to an earlier plan's tasks.

Score: named things both mention come first (each shared name is strong evidence), then
the objects of the task's actions: for each clause, the share of its key words (no verbs,
counts or generic words like 政策措施, 改革) the achievement mentions, weighted by rarity among
the later document's achievements. Pairs scoring at least `THRESHOLD` are stored as
proposals; a reviewer accepts (the history entry is dated by the later document) or rejects.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from itertools import chain, repeat
from operator import itemgetter
from typing import NamedTuple, TypeVar

import ahocorasick
import regex
from sqlalchemy import Select, Table, Text, bindparam, select, type_coerce
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.extract import plain_re
from planwatch.extract.task_entities import SUFFIX
from planwatch.extract.task_layout import CLAUSES_MAX
from planwatch.extract.task_lexicon import ADVERB, ADVERBS, STRONG_VERBS, VERB, WEAK_VERBS
from planwatch.extract.task_segment import blocks, cut_block

THRESHOLD = 0.45
PER_TASK = 2
_STOP = frozenset(
    "推进 推动 加快 建设 完成 全面 进一步 持续 深入 积极 大力 着力 实施 开展 加强 提升 工作 项目 发展 "
    "我们 一批 重点 不断 坚持 实现 以上 左右 全区 全市 全年 今年 预计 相关 有关 有序 扎实 成功 顺利 "
    "已经 基本 正式 完善 优化 强化 提高 促进 增强 支持 打造 建立 新增 落实 加大 力度 水平 能力 体系 "
    "机制 服务 管理 一体化 高质量 稳步 逐步 率先 首个 全国 大幅 显著".split()
)
_WORD = regex.compile(r"^[\p{Han}A-Za-z0-9]{2,}$")  # a content word's characters (`_Verdicts` tests them on a run's words as isalnum)
_PHASE = regex.compile(r"[（(]?([一二三四五六七八九十\d])期[）)]?")
_NAME_TAIL = regex.compile(r"(?:[（(]?[一二三四五六七八九十\d]期[）)]?|项目|工程|建设)$")


@dataclass(frozen=True, slots=True)
class Match:
    """A task and an achievement that reports it, with the score and the names they share."""

    task: int
    achievement: int
    score: float
    shared: tuple[str, ...]


_WORDS: dict[str, frozenset[str]] = {}
_WORDS_MAX = 50000


def content_words(text: str) -> frozenset[str]:
    """The content words of `text` (jieba), without stop words and one-character tokens (cached).

    jieba cuts each run of word characters on its own and every other character is a one-character
    token, so the words of a text are those of its runs (`task_segment.blocks`), each cut once.
    """
    found = _WORDS.get(text)
    if found is None:  # (remember_words written out: a document asks ≈ 1,000 texts)
        runs = blocks("".join(text.split()))  # the words of its runs (the one run's own set when alone)
        found = _BLOCK_WORDS[runs[0]] if len(runs) == 1 else frozenset().union(*map(_BLOCK_WORDS.__getitem__, runs))
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        _WORDS[text] = found
    return found


class _BlockWords(dict[str, frozenset[str]]):
    """The content words of one run of word characters, cut once per run (a clause and its list items
    share runs); a dict whose C-level look-up serves a run met before, `__missing__` the others."""

    def __missing__(self, block: str) -> frozenset[str]:
        found = frozenset(filter(_CONTENT.__getitem__, cut_block(block)))
        if len(self) >= _WORDS_MAX:
            self.clear()
        self[block] = found
        return found


_BLOCK_WORDS = _BlockWords()


class _Verdicts(dict[str, bool]):
    """Whether a word jieba cut is a content word, worked out once per word (a dict the C-level
    `filter` consults; a word met for the first time is judged by `__missing__`, and a content word's
    `_KEY` verdict with it: `key_words` asks for it next, without a second `__missing__`)."""

    def __missing__(self, word: str) -> bool:
        # `word` is a word of a run (`cut_block`): of jieba's Chinese characters (U+4E00-U+9FD5, all \p{Han}), ASCII
        # letters and digits, and +#&._%-, where _WORD's test is `str.isalnum` (0.02 µs against 0.35 µs a word).
        verdict = len(word) > 1 and word not in _STOP and word.isalnum() and not word.isdigit()
        if len(self) >= _WORDS_MAX:
            self.clear()
        self[word] = verdict
        if verdict:
            _KEY.judge(word)
        return verdict


_CONTENT = _Verdicts()


def remember_words(text: str, words: frozenset[str]) -> None:
    """Prime the cache with words an ingest worker already computed (the writer then skips jieba)."""
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
    _WORDS[text] = words


def remember_all_words(found: dict[str, frozenset[str]]) -> None:
    """`remember_words` of each of a document's texts in one update (the writer primes thousands a document)."""
    _remember_all(_WORDS, _WORDS_MAX, found)


_V = TypeVar("_V")


def _remember_all(cache: dict[str, _V], most: int, found: Mapping[str, _V]) -> None:
    """Put `found` into `cache`, emptied first when it would grow past `most` (what it holds only saves time;
    one document's texts may take it past `most` until the next document's)."""
    if len(cache) + len(found) > most:
        cache.clear()
    cache.update(found)


def task_words(quotes: list[str]) -> dict[str, frozenset[str]]:
    """Every text whose content words matching these task quotes needs, with its words.

    Ingest workers call this (jieba is the slow part of matching) and the one writer primes
    its cache with the answer (`remember_words`), whatever pieces `key_pieces` cuts a task into.
    """
    seen: dict[str, frozenset[str]] = {}
    for quote in quotes:
        for clause, items in _clauses(quote):
            if items:
                words = [content_words(item) for item in items]
                if len(items) < ITEMS_MAX and clause not in _WORDS:  # the whole list: its items' runs are the clause's
                    remember_words(clause, frozenset().union(*words))  # (、 ends a run)
                seen[clause] = content_words(clause)
                seen.update(zip(items, words, strict=True))
            else:
                seen[clause] = content_words(clause)
    return seen


def _pieces_of(quote: str) -> list[str]:
    """The texts `key_pieces(quote)` takes the content words of, in its order: each clause, then, when
    it lists items with 、, each item (tests/tasks/test_task_segment.py checks this against key_pieces)."""
    pieces: list[str] = []
    for clause, items in _clauses(quote):
        pieces.append(clause)
        pieces += items
    return pieces


# Bounds on what one task's clauses are matched on, far above real text (the longest clause of the
# 68 real texts of /work/coord's snapshot has 380 characters, the longest 、 list 15 items): a
# 100,000-item 、 list in one "clause" would otherwise be segmented as a whole and then item by item.
CLAUSE_MAX = 2000
ITEMS_MAX = 200


@lru_cache(maxsize=4096)  # pure; task_words and key_pieces both ask for every task quote (tuples: shared, not changed)
def _clauses(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The first CLAUSES_MAX clauses of `text` (extract.task_layout: a task is read that far), each
    (its first CLAUSE_MAX characters) with, when it lists items with 、, its first ITEMS_MAX items:
    what `key_pieces` and `_pieces_of` take the words of."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for clause in _CLAUSE.split("".join(text.split()), CLAUSES_MAX)[:CLAUSES_MAX]:
        clause = clause[:CLAUSE_MAX]
        out.append((clause, tuple(clause.split("、", ITEMS_MAX)[:ITEMS_MAX]) if "、" in clause else ()))
    return tuple(out)


@lru_cache(maxsize=65536)
def _core(name: str) -> str:
    """A name without brackets, quotes and phase tails ("生物医药企业加速器二期" → "生物医药企业加速器")."""
    core = name.strip("《》“”")
    previous = None
    while previous != core:
        previous = core
        if core.endswith(_TAIL_ENDS):  # else _NAME_TAIL finds nothing to cut (most names)
            core = _NAME_TAIL.sub("", core)
    return core if len(core) >= 3 else name.strip("《》“”")


# How a text that _NAME_TAIL matches in ends: its match's last character ends it ($), or comes before a last newline.
_TAIL_ENDS = ("期", "）", ")", "项目", "工程", "建设", "\n")


@lru_cache(maxsize=65536)
def _phase(text: str) -> str:
    if "期" not in text:  # every _PHASE match has it
        return ""
    m = _PHASE.search(text)
    return m.group(1) if m else ""


def _mentions(text: str, name: str) -> bool:
    """Whether `text` names `name`: its core appears, and any phase right after it is the same phase."""
    core, phase = _core(name), _phase(name)
    if not core:  # never in practice; the empty pattern matches at every offset
        return any(not phase or (after := _PHASE.match(text, i)) is None or after.group(1) == phase
                   for i in range(len(text) + 1))
    at = text.find(core)  # each occurrence, left to right, not overlapping (as regex.finditer would)
    while at != -1:
        end = at + len(core)
        after = _PHASE.match(text, end)
        if not phase or after is None or after.group(1) == phase:
            return True
        at = text.find(core, end)
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
        if not key_words(core):  # "政策措施", "实施意见": a kind of thing, not a name
            continue
        if _mentions(text, name) or (not _phase(name) and any(len(o) >= 4 and o in core for o in cores)):
            shared.append(name)
    return shared


# Words that carry no subject of their own: two sentences sharing only these report different things
# ("政策措施", "深化…改革"). A task is matched on the rest: its named things and the object of its action.
_GENERIC = frozenset(
    "政策 措施 政策措施 改革 深化 制度 体制 机制 体制机制 工作 体系 能力 水平 行动 计划 方案 领域 环境 作用 质量 "
    "规模 范围 标准 结构 资金 投入 问题 企业 社会 经济 国家 地方 政府 各类 各地 各级 群众 人民 市场 建设 发展 "
    "服务 管理 健全 推行 开展 深入开展 实行 执行 继续 加快推进 大力推进 扎实推进 进一步 要求 任务 目标 重要 "
    "全面推进 全面实施 更加 更好 努力 切实 着力 有效 合理 主要 新的 一些 一系列 多种 各种 以及 方面 基础 "
    "取得 明显 成效 进展 效果 积极 稳定 持续 保障 推动 促进 实现 形成 提供 引导 鼓励 加快 力争 确保 做好".split()
)
_QUANTITY_WORD = regex.compile(r"\d|^[万亿多余个千百]")
_COUNT_FIRST = frozenset("万亿多余个千百")  # the characters _QUANTITY_WORD takes at a word's start


_QUOTED = regex.compile(r"“([^“”]{2,12})”")


def key_words(text: str) -> list[str]:
    """The words a clause is matched on: its content words and quoted terms, without verbs, adverbs,
    generic words ("政策措施", "改革") and counts."""
    found = filter(_KEY.__getitem__, content_words(text))  # content words are distinct: no set needed
    if "“" not in text:
        return sorted(found)
    words = set(found)
    for quoted in _QUOTED.findall(text):
        words = {w for w in words if w not in quoted} | {quoted}
    return sorted(words)


class _KeyVerdicts(dict[str, bool]):
    """Whether a content word is one a clause can be matched on: not generic, not a count, not only a verb or
    adverb; worked out once per word (a dict the C-level `filter` consults, as `_CONTENT`, which judges each
    content word it finds; `__missing__` judges those of words primed by `remember_words`)."""

    def judge(self, word: str) -> bool:
        """Work out and keep the verdict on `word`."""
        if word in _GENERIC:
            verdict = False
        elif word.isalpha():  # no digit of any script (most words): _QUANTITY_WORD can only match at the start
            verdict = word[0] not in _COUNT_FIRST and not _verb_like(word)
        else:
            verdict = not _QUANTITY_WORD.search(word) and not _verb_like(word)
        if len(self) >= _WORDS_MAX:
            self.clear()
        self[word] = verdict
        return verdict

    __missing__ = judge


_KEY = _KeyVerdicts()


def _verb_like(word: str) -> bool:
    """A word that is only an action or an adverb ("探索", "适时", "继续执行"): it names no subject."""
    # A word that no adverb or verb starts (3 in 4 content words) is none: a set look-up spares the pattern.
    return (not word or word[0] in _ACTION_FIRST) and _ACTIONS_ONLY.fullmatch(word) is not None or word in _TIME_WORDS


# Adverbs (as ADVERB.match takes them), then verbs one after another (each as VERB.match takes it) up to the
# end: the atomic groups keep each step's first match, as matching step by step on what is left does
# (tests/tasks/test_task_segment.py compares the two), in one call instead of a call per step.
_ACTIONS_ONLY = re.compile(rf"(?>(?:{ADVERB.pattern})?)(?>{VERB.pattern})*")
# The first characters of the words ADVERB and VERB take (each opens with a look-ahead for them): every word
# _ACTIONS_ONLY matches but the empty one starts with one.
_ACTION_FIRST = frozenset(word[0] for word in (*ADVERBS, *STRONG_VERBS, *WEAK_VERBS))

_TIME_WORDS = frozenset("从今年起 今年 明年 去年 全年 年内 适时 尽早 精心 所有 三年 五年 今明两年 推开 覆盖 做强 优做 做大 做优".split())


_CLAUSE = plain_re.compile(r"[，；;,。：:]")  # `re` splits a task quote in half the time of `regex`


@lru_cache(maxsize=20000)  # pure; similarity() asks again for every candidate achievement
def key_pieces(text: str, extra: str | None = None) -> list[list[str]]:
    """The key words of each clause of a task (and of `extra`, its object): what each clause is about."""
    pieces = []
    for clause, texts in _clauses(text):
        pieces.append(key_words(clause))
        items = [key_words(item) for item in texts]
        pieces += [item for item in items if len(item) >= 2]  # "A、B" lists: each item with two words of its own
    if extra:
        pieces.append(key_words(extra))
    return [p for p in pieces if p]


def similarity(task_text: str, task_entities: list[str], achievement_text: str, achievement_entities: list[str],
               weights: dict[str, float] | None = None, task_key: str | None = None,
               min_hit: float = 0.0) -> tuple[float, list[str]]:
    """(score in [0, 1], shared names) for a task and an achievement.

    For each clause of the task, the share of its key words (content words, without generic ones
    like 政策措施 or 改革) that the achievement mentions, each weighted by `weights` (rarity among
    the later document's achievements; 1 when absent); the best clause counts. A shared named
    thing scores high; a task about named things none of which is mentioned is about other
    things ("均田学校" is not "马峦小学") and scores at most half. A clause counts only when the
    words it shares weigh at least `min_hit` (at least one rare word).
    """
    side = _TaskSide.of(task_text, task_entities, weights or {}, task_key)
    cores = [core for n in achievement_entities if not _phase(n) and len(core := _core(n)) >= 4]
    flat = "".join(achievement_text.split())
    inside = {k for keys, _t, _o in side.pieces for k in keys if k in flat}
    inside.update(core for _n, core, _p in side.named if core in flat)
    score, shared = side.score(flat, cores, weights or {}, min_hit, inside)
    if 0 < score < THRESHOLD and not shared:
        score = max(score, side.rescue(flat, score))
    return score, shared


@lru_cache(maxsize=65536)
def _nameable(name: str) -> bool:
    """Whether a task's named thing can be shared with an achievement (`shared_names`' first tests)."""
    core = _core(name)
    if len(core) < 4 and not SUFFIX.search(core[-2:]):  # "十四五", "三甲": too common; "金碧路" is fine
        return False
    return bool(key_words(core))  # "政策措施", "实施意见": a kind of thing, not a name


_PIECES: dict[str, list[list[str]]] = {}
_PIECES_MAX = 50000


def task_pieces(text: str) -> list[list[str]]:
    """`key_pieces(text)`, kept per text for the writer (primed by ingest workers: `remember_pieces`)."""
    found = _PIECES.get(text)
    if found is None:
        found = key_pieces(text)
        remember_pieces(text, found)
    return found


def remember_pieces(text: str, pieces: list[list[str]]) -> None:
    """Prime `task_pieces` with what an ingest worker computed."""
    if len(_PIECES) >= _PIECES_MAX:
        _PIECES.clear()
    _PIECES[text] = pieces


def remember_all_pieces(found: dict[str, list[list[str]]]) -> None:
    """`remember_pieces` of each of a document's task texts in one update."""
    _remember_all(_PIECES, _PIECES_MAX, found)


class _TaskSide:
    """What scoring a task against many achievements needs of the task, computed once."""

    __slots__ = ("entities", "flat", "halve", "named", "names", "per_name", "pieces")

    def __init__(self, text: str, pieces: list[list[str]], entities: list[str], weights: dict[str, float],
                 unseen: float = 1.0) -> None:
        """`pieces`: the key words of each clause (`key_pieces`), weighed by `weights` (`unseen` for a word it lacks)."""
        self.flat, self.entities = "".join(text.split()), entities
        # each clause's key words, their total weight, and the word itself when it is the only one
        self.pieces = [(keys, sum(map(weights.get, keys, repeat(unseen))), keys[0] if len(keys) == 1 else None)
                       for keys in pieces]
        self.names = [n for n in entities if _nameable(n)] if entities else []
        self.named = [(n, _core(n), not _phase(n)) for n in self.names]  # each name, its core, whether it has no phase
        self.per_name = max(1, min(len(entities), 3))  # shared names that make full strength
        # a task about named things (not only quoted slogans): when the achievement mentions none of them
        self.halve = bool(entities) and any(len(_core(n)) >= 4 for n in entities) and not _generic_names(entities)

    @classmethod
    def of(cls, text: str, entities: list[str], weights: dict[str, float], key: str | None = None) -> _TaskSide:
        return cls(text, task_pieces(text) if key is None else key_pieces(text, key), entities, weights)

    def score(self, flat: str, cores: list[str] | None, weights: dict[str, float], min_hit: float,
              inside: AbstractSet[str]) -> tuple[float, list[str]]:
        """`similarity` against an achievement (`flat`: its text without spaces; `cores`: the cores of its phaseless
        names of 4 characters or more, None when the task has no names to share; `inside`: words `flat` contains,
        among them all the task's key words and names' cores that it does)."""
        # a name whose core `flat` lacks is not mentioned (`_mentions` looks for the core first): a set look-up
        shared = [name for name, core, plain in self.named
                  if (core in inside and _mentions(flat, name)) or (plain and cores and any(o in core for o in cores))
                  ] if self.named else []
        cover = 0.0
        for keys, total, only in self.pieces:
            if only is not None:
                if only not in inside or (len(only) == 2 and not _in_context(only, self.flat, flat)):
                    continue  # one short word alone ("深化价格改革" ~ "下调用电价格"): only in the task's own compound
                hit = weights.get(only, 1.0)
            else:
                if inside.isdisjoint(keys):
                    continue
                found = [k for k in keys if k in inside]
                if not found or (len(found) == 1 and len(found[0]) < 3):
                    continue  # one short shared word of several ("权益", "优势"): not enough to name the same thing
                hit = sum(map(weights.get, found, repeat(1.0)))
            if total and hit and hit >= min_hit:
                ratio = hit / total
                if ratio > cover:  # max(cover, ratio), as max() compares
                    cover = ratio
        if shared:
            strength = min(1.0, len(shared) / self.per_name)
            return round(min(1.0, 0.6 + 0.25 * strength + 0.3 * cover), 3), shared
        if self.halve:
            cover *= 0.5
        return round(cover, 3), shared

    def rescue(self, flat: str, cover: float) -> float:
        """A near miss's second score (`cover`: its score, above 0 and under THRESHOLD, no name shared): when the task
        holds most of the achievement's key words (`_held` over a half), the mean of `cover` and that share, halved as
        `score` halves; else 0."""
        held = _held(flat, self.flat)
        if held <= 0.5:
            return 0.0
        return round((cover * 2 + held) / 4 if self.halve else (cover + held) / 2, 3)


def _held(achievement: str, task: str) -> float:
    """The share of the achievement's key words that the task's text holds ("深化资源税改革": its one key word,
    资源税, is in "全面推开资源税从价计征改革"): an achievement all about what the task names reports it, however
    much more the task says (its own words cut by jieba, "帮扶县" as 帮扶 + 县, the task's as "脱贫县中" → 县中)."""
    keys = key_words(achievement)
    if not keys:
        return 0.0
    return sum(k in task for k in keys) / len(keys)


def _alone(pieces: list[list[str]]) -> set[str]:
    """The words of fewer than 3 characters that a clause of `pieces` can count on alone (`_TaskSide.score`):
    a clause's only word, or one it repeats."""
    alone: set[str] = set()
    for keys in pieces:
        if len(keys) == 1:
            alone.add(keys[0])
        elif len(set(keys)) < len(keys):
            alone.update(k for k in keys if keys.count(k) > 1)
    return alone


def _may_cover(keys: frozenset[str], alone: set[str], inside: AbstractSet[str]) -> bool:
    """Whether a task with the key words `keys` (`alone`: `_alone` of its clauses) may cover a clause of an achievement
    that contains the words `inside`: `_TaskSide.score` covers no clause of one that shares a single short word that
    is not alone ("权益", "优势"), so without shared names it scores 0."""
    common = keys.intersection(inside)
    if len(common) != 1:
        return bool(common)
    (word,) = common
    return len(word) >= 3 or word in alone


def _in_context(word: str, task: str, achievement: str) -> bool:
    """Whether `achievement` has `word` with a character that stands next to it in `task` ("营改增")."""
    if not word:  # never in practice; the empty pattern matches at every offset
        return any((a > 0 and task[a - 1:a] in achievement) or (a < len(task) and task[a:a + 1] in achievement)
                   for a in range(len(task) + 1))
    a = task.find(word)  # literal occurrences, left to right, not overlapping (as regex.finditer would)
    while a != -1:
        b = a + len(word)
        if (a > 0 and task[a - 1:b] in achievement) or (b < len(task) and task[a:b + 1] in achievement):
            return True
        a = task.find(word, b)
    return False


def _generic_names(names: list[str]) -> bool:
    """Whether the task's names are only quoted slogans or titles, not projects and places."""
    return all(n.startswith(("“", "《")) for n in names)


def match(tasks: list[tuple[str, list[str]]] | list[tuple[str, list[str], str]],
          achievements: list[tuple[str, list[str]]] | list[tuple[str, list[str], str]],
          threshold: float = THRESHOLD, per_task: int = PER_TASK) -> list[Match]:
    """For each task (text, names[, object]), the achievements (text, names[, …]) that report it.

    Key words are weighted by how rare they are among the achievements (a word every achievement
    shares says nothing); a pair needs a shared name or a shared rare word. Candidates come from
    an index (word → achievements that contain it, found for every word of every task in one
    pass over the achievements), so a pair of national reports takes well under a second. Each
    task keeps its best achievements within 0.85 of its best score.
    """
    squeezed = ["".join(a_text.split()) for a_text, *_a in achievements]
    count = len(achievements)
    texts, names = [], []
    for t_text, t_names, *_rest in tasks:
        texts.append(t_text)
        names.append(t_names)
    # the clauses of the text hold the object of every action (its object is not asked)
    pieces = [task_pieces(t_text) for t_text in texts]
    task_keys = [frozenset(chain.from_iterable(t_pieces)) for t_pieces in pieces]
    keys = frozenset().union(*task_keys)
    cores = {core for core in map(_core, chain.from_iterable(names)) if len(core) >= 4 or SUFFIX.search(core[-2:])}
    holding, inside = _occurrences(squeezed, keys | cores)  # cores: names looked up whole

    by_core: dict[str, list[int]] = {}
    for j, (_a, a_names, *_r) in enumerate(achievements):
        for name in a_names:
            core = _core(name)
            if not _phase(name) and len(core) >= 4:
                by_core.setdefault(core, []).append(j)
    named: dict[str, set[int]] = {}  # a task name's core → the achievements naming it (or a part of it)
    parts = _automaton(by_core)  # the achievements' cores found in a task name's core in one pass, not a test each

    def naming(core: str) -> set[int]:
        """The achievements that contain `core` (if it is looked up whole) or name a part of it."""
        found = named.get(core)
        if found is None:
            found = named[core] = set(holding.get(core, ())) if core in cores else set()
            for other in {other for _end, other in parts.iter(core)} if by_core else ():
                found.update(by_core[other])
        return found

    rare = max(2.0, count / 40)
    min_hit = math.log((count + 1) / (rare + 0.5))
    by_count = [math.log((count + 1) / (n + 0.5)) for n in range(count + 1)]  # a word's weight by its achievements
    weights = {k: by_count[len(js)] for k, js in holding.items() if k in keys}  # and by_count[0] for those of none
    rare_holders = {k: js for k, js in holding.items() if len(js) <= rare and k in keys}
    rare_keys = rare_holders.keys()
    a_cores: list[list[str] | None] = [None] * count
    direct: list[list[tuple[float, int, list[str]]]] = [[] for _ in texts]  # each task's achievements over `threshold`
    rescued: dict[int, tuple[float, int, float]] = {}  # achievement → (cover, task, score) of its best near miss
    ceremonial = {j for j, text in enumerate(squeezed) if _CEREMONY_HINT.search(text) and ceremonial_sentence(text)}
    for i, t_names in enumerate(names):
        candidates = set().union(*map(rare_holders.__getitem__, rare_keys & task_keys[i]))
        for name in t_names:
            candidates |= naming(_core(name))
        if ceremonial:  # thanks and salutations report nothing done
            candidates -= ceremonial
        if candidates and threshold > 0 and not any(map(_nameable, t_names)):  # no name to share: what `_may_cover` rules out scores 0
            t_keys, alone = task_keys[i], _alone(pieces[i])
            candidates = {j for j in candidates if _may_cover(t_keys, alone, inside[j])}
        if not candidates:
            continue
        side = _TaskSide(texts[i], pieces[i], t_names, weights, by_count[0])
        scored: list[tuple[float, int, list[str]]] = []
        for j in sorted(candidates):
            cores_j = a_cores[j]
            if cores_j is None and side.names:  # (only cores of 4 characters or more count: `_TaskSide.score`)
                cores_j = a_cores[j] = [core for n in achievements[j][1] if not _phase(n) and len(core := _core(n)) >= 4]
            score, shared = side.score(squeezed[j], cores_j, weights, min_hit, inside[j])
            if score >= threshold:
                scored.append((score, j, shared))
            elif score > 0 and not shared and (score > rescued[j][0] if j in rescued else True):
                second = side.rescue(squeezed[j], score)
                if second >= threshold:
                    rescued[j] = (score, i, second)
        direct[i] = scored
    near: dict[int, list[tuple[float, int]]] = {}
    for j, (_cover, i, second) in sorted(rescued.items()):
        near.setdefault(i, []).append((second, j))
    out: list[Match] = []

    def shown(i: int, j: int, score: float, shared: list[str] | tuple[str, ...]) -> Match:
        """The match as proposed: chosen on `score`, shown with the confidence its evidence bears (`confidence`)."""
        return Match(i, j, confidence(score, bool(shared), texts[i], squeezed[j], len(task_keys[i] & inside[j])),
                     tuple(shared))

    for i, scored in enumerate(direct):
        if scored:
            scored.sort(key=lambda s: -s[0])  # stable: achievements of equal score stay in order
            best = scored[0][0]
            out.extend(shown(i, j, score, shared) for score, j, shared in scored[:per_task] if score >= 0.85 * best)
        room = per_task - min(len(scored), per_task)
        if room and i in near:  # near misses fill what is left, each achievement only its best task's
            seconds = sorted(near[i], key=lambda s: -s[0])
            out.extend(shown(i, j, score, ()) for score, j in seconds[:room] if score >= 0.85 * seconds[0][0])
    return out


# A sentence of ceremony, not of work done: thanks, respect, greetings (表示诚挚感谢, 致以崇高的敬意, 表示衷心的感谢),
# a salutation standing alone (各位代表！), a closing call (让我们…). Matched on its predicate, whoever it thanks.
_CEREMONY_HINT = regex.compile(r"感谢|谢意|敬意|问候|慰问|祝贺|祝福|各位|同志们|女士们|先生们|朋友们|让我们")
_CEREMONY = regex.compile(
    r"(?:表示|致以|致|表达|献上)(?:最)?(?:衷心|诚挚|崇高|由衷|亲切|真诚|深切|深深|诚恳|热烈|美好)?的?"
    r"(?:感谢|谢意|敬意|问候|慰问|祝贺|祝福)"
    r"|^(?:各位代表|各位委员|各位政协委员|同志们|女士们|先生们|朋友们)[，,、：:！!。\s]*"
    r"(?:(?:各位代表|各位委员|各位政协委员|同志们|女士们|先生们|朋友们)[，,、：:！!。\s]*)*$"
    r"|^让我们")


def ceremonial_sentence(text: str) -> bool:
    """Whether a sentence is ceremony (thanks, respect, a salutation, a closing call), never an achievement to propose:
    "向关心和支持中国现代化建设的各国政府、国际组织和各国朋友，表示诚挚感谢" was proposed for 11 tasks."""
    return _CEREMONY.search("".join(text.split())) is not None


_PUNCTUATION = regex.compile(r"[\p{P}\p{S}\s]+")
EXACT_MIN = 6  # characters the shorter text needs for one containing the other to be an exact match
NAMED_MAX = 0.95  # a match on shared names: strong, not certain
WORDS_MAX = (0.6, 0.6, 0.7, 0.8, 0.9)  # a match on key words alone, by how many of the task's it holds (1, 2, 3, 4+)


def confidence(score: float, named: bool, task: str, achievement: str, hits: int) -> float:
    """The score a proposal shows: 1.00 only for an exact match (one text holds the other whole, punctuation aside);
    at most NAMED_MAX on shared names; on key words alone at most WORDS_MAX[hits] (one short shared word, 健康 in
    "保持经济持续健康发展" ← "支持民营企业健康发展", showed 1.00). Never below `score`'s threshold: what is proposed
    does not change, only how sure it reads."""
    plain_task, plain_done = _PUNCTUATION.sub("", task), _PUNCTUATION.sub("", achievement)
    short, long_ = sorted((plain_task, plain_done), key=len)
    if len(short) >= EXACT_MIN and short in long_:
        return 1.0
    if named:
        return min(score, NAMED_MAX)
    return min(score, WORDS_MAX[min(hits, len(WORDS_MAX) - 1)])


def _automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton of the non-empty `words`, each its own value (ready to `iter` when there are any)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _occurrences(texts: list[str], words: frozenset[str]) -> tuple[dict[str, list[int]], list[set[str]]]:
    """For each word some text contains, the indexes of those texts (as `_containing` finds them), and for each
    text the words it contains: one Aho–Corasick pass over each text instead of a scan of all texts per word.

    `_containing` scans the texts joined by NUL, where only a word with a NUL can run across two of them: those
    (never in practice) and the empty word are looked for as there.
    """
    odd = [word for word in words if not word or "\x00" in word] if "" in words or "\x00" in "".join(words) else []
    automaton = _automaton(words.difference(odd) if odd else words)
    if len(automaton):
        inside = [set(map(itemgetter(1), automaton.iter(text))) for text in texts]  # (end, word) of each occurrence
    else:
        inside = [set() for _ in texts]
    holding: dict[str, list[int]] = {}
    for j, found in enumerate(inside):
        for word in found:
            holding.setdefault(word, []).append(j)
    if odd:
        joined, starts = _joined(texts)
        for word in odd:
            holding[word] = sorted(_containing(joined, starts, word, len(texts)))
            for found, text in zip(inside, texts, strict=True):
                if word in text:
                    found.add(word)
    return holding, inside


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    """The texts joined by NUL, and where each starts."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return "\x00".join(texts), starts


def _containing(joined: str, starts: list[int], core: str, count: int) -> set[int]:
    """Indexes of the texts (joined by NUL at `starts`) that contain `core`."""
    if not core:
        return set(range(count))
    found: set[int] = set()
    at = joined.find(core)
    while at != -1:
        j = bisect_right(starts, at) - 1
        found.add(j)
        at = joined.find(core, starts[j + 1] if j + 1 < len(starts) else len(joined))
    return found


# ---------------------------------------------------------------- store side


class _Row(NamedTuple):
    """What matching and proposing read of a stored task or achievement."""

    id: int
    quote: str
    entities: list[str]
    object: str
    start: int
    end: int


def _side(session: Session, task: Table, plan_id: int, kind: str) -> list[_Row]:
    """A plan's tasks or achievements in order, as plain rows: read with Core (no ORM rows) and the
    names' JSON decoded only when there are any (most have none): a third of proposing's time before."""
    rows = session.connection().execute(_side_statement(task), {"plan_id": plan_id, "kind": kind}).fetchall()
    return [_new_row((i, quote, [] if names == "[]" else _names(names), obj, start, end))  # (most: no names)
            for i, quote, names, obj, start, end in rows]


@lru_cache(maxsize=4)
def _side_statement(task: Table) -> Select[int, str, str, str, int, int]:
    """`_side`'s query of `task`, built once (building it again for each read cost ≈ 80 µs, a fifth of the read)."""
    return (select(task.c.id, task.c.quote, type_coerce(task.c.entities, Text), task.c.object, task.c.start, task.c.end)
            .where(task.c.plan_id == bindparam("plan_id"), task.c.kind == bindparam("kind")).order_by(task.c.position))


@lru_cache(maxsize=4)
def _existing_statement(proposal: Table) -> Select[int, int]:
    """The (task, start) of a plan's stored proposals (`propose`), built once as `_side_statement`."""
    return select(proposal.c.task_id, proposal.c.start).where(proposal.c.plan_id == bindparam("plan_id"))


@lru_cache(maxsize=4)
def _neighbours_statement(plan: Table) -> Select[int, int]:
    """The id and year of a government's other plans of two given years (`propose_for_plan`), built once."""
    return (select(plan.c.id, plan.c.year)
            .where(plan.c.government_id == bindparam("government_id"), plan.c.id != bindparam("plan_id"),
                   plan.c.year.in_(bindparam("years", expanding=True))).order_by(plan.c.id))


_new_row = partial(tuple.__new__, _Row)  # a _Row of a tuple, without the Python-level __new__ per row


def _names(raw: str | list[str] | None) -> list[str]:
    """A stored JSON list of names (text; a driver may have decoded it already)."""
    if raw is None or raw == "[]":
        return []
    return json.loads(raw) if isinstance(raw, str) else list(raw)


@dataclass(frozen=True, slots=True)
class Pairing:
    """An earlier plan's tasks and a later plan's achievements, read for matching (`pairing`).

    `job()` is what matching needs of it, plain picklable data, so a bulk ingest can match in
    another process while its writer goes on (`pipeline.matching`); `store_matches` then stores
    the proposals the matches make.
    """

    earlier: int
    later: int
    tasks: list[_Row]
    done: list[_Row]

    def job(self) -> MatchJob:
        """The texts and names of both sides, with the key words of each task (what `task_pieces` holds: primed by
        the workers that analysed the plans), so matching needs no word segmentation."""
        return MatchJob([(t.quote, t.entities) for t in self.tasks], [(a.quote, a.entities) for a in self.done],
                        {t.quote: task_pieces(t.quote) for t in self.tasks})


class MatchJob(NamedTuple):
    """`Pairing.job`: the tasks' and achievements' (text, names), and each task text's key words."""

    tasks: list[tuple[str, list[str]]]
    done: list[tuple[str, list[str]]]
    pieces: dict[str, list[list[str]]]


def match_job(job: MatchJob, threshold: float = THRESHOLD) -> list[Match]:
    """`match` of a `MatchJob` (pure; any process)."""
    if not _PIECES.keys() >= job.pieces.keys():  # another process: the key words come with the job
        remember_all_pieces(job.pieces)
    return match(job.tasks, job.done, threshold)


def pairing(session: Session, earlier_plan_id: int, later_plan_id: int) -> Pairing | None:
    """The earlier plan's tasks and the later plan's achievements, or None when either side has none."""
    from planwatch.store.tasks import Task

    session.flush()  # the rows below are read with Core, which does not flush
    tasks = _side(session, Task.__table__, earlier_plan_id, "task")
    if not tasks:
        return None
    done = _side(session, Task.__table__, later_plan_id, "achievement")
    return Pairing(earlier_plan_id, later_plan_id, tasks, done) if done else None


def store_matches(session: Session, pairing: Pairing, matches: list[Match]) -> int:
    """Store the proposals `matches` make of `pairing` (those not stored already); returns how many are new."""
    from planwatch.store import audit
    from planwatch.store.bulk import insert_rows
    from planwatch.store.tasks import FollowupProposal

    if not matches:
        return 0
    proposal = FollowupProposal.__table__
    existing = {(row[0], row[1]) for row in session.connection().execute(
        _existing_statement(proposal), {"plan_id": pairing.later})}
    rows = []
    for m in matches:
        task, achievement = pairing.tasks[m.task], pairing.done[m.achievement]
        if (task.id, achievement.start) in existing:
            continue
        rows.append({"task_id": task.id, "plan_id": pairing.later, "quote": achievement.quote,
                     "start": achievement.start, "end": achievement.end, "score": m.score, "shared": list(m.shared)})
        existing.add((task.id, achievement.start))
    added = len(rows)
    if added:
        insert_rows(session.connection(), proposal, rows)  # one bulk statement (store.bulk)
        audit.log(session, "followup.propose", "plan", pairing.later, None, earlier=pairing.earlier, proposals=added)
    return added


def propose(session: Session, earlier_plan_id: int, later_plan_id: int, threshold: float = THRESHOLD) -> int:
    """Store proposals matching `later`'s achievements to `earlier`'s tasks; returns how many are new."""
    found = pairing(session, earlier_plan_id, later_plan_id)
    if found is None:
        return 0
    return store_matches(session, found, match_job(found.job(), threshold))


def pairings_for_plan(session: Session, plan: object) -> list[Pairing]:
    """`plan` against the same government's plans of the year before (their tasks, its achievements) and the
    year after (its tasks, their achievements), in the order of the plans' ids; what `propose_for_plan` matches."""
    from planwatch.store.schema import Plan

    assert isinstance(plan, Plan)
    if plan.year is None:
        return []
    session.flush()  # (as the ORM's autoflush did) the ids and years are read with Core: no ORM rows, no texts
    others = session.connection().execute(_neighbours_statement(Plan.__table__), {
        "government_id": plan.government_id, "plan_id": plan.id, "years": [plan.year - 1, plan.year + 1]}).all()
    found = [pairing(session, other_id, plan.id) if other_year == plan.year - 1 else pairing(session, plan.id, other_id)
             for other_id, other_year in others]
    return [p for p in found if p is not None]


def propose_for_plan(session: Session, plan: object) -> int:
    """Match `plan` against the same government's plans of the year before and after, and store the proposals."""
    return sum(store_matches(session, p, match_job(p.job())) for p in pairings_for_plan(session, plan))


def list_proposals(session: Session, state: str | None = "proposed", plan_id: int | None = None) -> list[object]:
    """Proposals (default: those awaiting review), best score first."""
    from planwatch.store.tasks import FollowupProposal, Task

    query = select(FollowupProposal).join(Task, Task.id == FollowupProposal.task_id)
    if state:
        query = query.where(FollowupProposal.state == state)
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    return list(session.scalars(query.order_by(Task.position, FollowupProposal.score.desc())))


_DATE = regex.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def document_date(plan: object) -> date | None:
    """When a document reports what it reports: the date in its opening lines ("——2017年3月5日在…"),
    else the first day of its year; None without either."""
    text = (getattr(plan, "text", "") or "")[:600]
    m = _DATE.search(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    year = getattr(plan, "year", None)
    return date(year, 1, 1) if year else None


def decide(session: Session, proposal_id: int, accept: bool, who: str | None = None,
           close: bool = True) -> object:
    """Accept (adding the achievement to the task's history; closing it if `close`) or reject a proposal."""
    from planwatch.store import audit
    from planwatch.store.schema import utcnow
    from planwatch.store.tasks import FollowupProposal, update_task

    proposal = session.get(FollowupProposal, proposal_id)
    if proposal is None:
        raise NotFoundError(f"follow-up proposal {proposal_id} does not exist; `planwatch followup` lists them",
                            kind="proposal", key=proposal_id)
    if proposal.state != "proposed":
        raise ValidationError(f"follow-up proposal {proposal_id} was already {proposal.state}",
                              reason="proposal_decided", proposal=proposal_id)
    proposal.state = "accepted" if accept else "rejected"
    proposal.decided_by, proposal.decided_at = audit.current_user(who), utcnow()
    if accept:
        task = proposal.task
        status = "已完成" if close else ("推进中" if task.status == "未启动" else None)
        on = document_date(proposal.plan)
        evidence = f"{proposal.plan.title}（{on.isoformat() if on else proposal.plan.year or ''}）：{''.join(proposal.quote.split())}"
        update_task(session, task.id, status, who, evidence=evidence, source="followup", on=on or date.today())
    audit.log(session, "followup.accept" if accept else "followup.reject", "followup_proposal",
              proposal.id, who, task=proposal.task_id, score=proposal.score)
    return proposal
