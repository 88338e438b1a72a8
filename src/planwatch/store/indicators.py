"""The indicator registry: canonical names, aliases, unit, polarity, domain.

The bundled table ``data/indicators.csv`` seeds the standard statistical indicators;
an indicator the registry does not know is registered on first sight. Records and
actuals find their indicator through `key()`, the indicator text without spaces,
brackets, place/verb qualifiers and change words (增长, 下降, 增速 …).

Two rules refine the key:

- **A level that is a change** keeps its change verb (`indicator_key`): "人均预期寿命提高1岁" is the indicator
  人均预期寿命提高 (as 森林蓄积量增加 is), never 人均预期寿命 — a rise by one year is no life expectancy of one year.
- **Names that differ by a word or a synonym** meet on their `match_form` when the exact key is unknown: a trailing
  水平 or 力度 ("企业退休人员基本养老金水平" → 企业退休人员基本养老金), 的 between two nouns
  ("农村人口的饮水安全问题"), a leading scope of inclusion ("纳入直达范围的中央财政资金"), the prefix 我国, and the
  word pairs of ``data/synonyms.csv`` (能源消耗 = 能耗, 基本医疗保险 = 基本医保 …). A form two indicators share
  links neither.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.extract.naming import is_name, tidy
from planwatch.extract.tails import last_characters, may_end
from planwatch.store import audit
from planwatch.store.bulk import insert_rows, insert_rows_ids
from planwatch.store.schema import Actual, Indicator, IndicatorAlias, Record, utcnow
from planwatch.store.units import convertible

POLARITIES = ("higher", "lower", "neutral")

_BRACKETS = regex.compile(r"\([^()]*\)|\[[^\[\]]*\]|“|”|\"|'|《|》")
_NOISE = regex.compile(r"[\s_{}·•、，,：:；;。—–\-~*]+")
_COMPARED = regex.compile(r"(?:较|比)(?:\d{4}年|上年度|上年|去年)(?:同期)?(?:均值)?|同比|环比")
_PREFIX_WORDS = (
    "全区|全市|全省|全县|全国|本区|本市|本省|我区|我市|我省|全年|年末|年底|预计|实现|完成|力争|确保|"
    "累计|今年|上年|去年|当年|其中|全社会|主要|进一步|努力|持续"
)
_PREFIX = regex.compile(rf"^(?:{_PREFIX_WORDS})+")
_SUFFIX = regex.compile(
    r"(?:同比增长|比上年增长|年均增长|年均下降|增长率|增长|增速|增幅|涨幅|下降|降低|提高|提升|"
    r"达到|控制在|控制|保持在|保持|以上|左右|以内|以下|实现|完成|总额增长)+$"
)
# The characters a match of each can start (end) with: most names have neither, and a set look-up spares
# the pattern (the names stage asks ≈ 250 a report).
_PREFIX_FIRST = frozenset(word[0] for word in _PREFIX_WORDS.split("|"))
_SUFFIX_LAST = last_characters(_SUFFIX.pattern)

_SPACES = regex.compile(r"\s+")


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The matching form of an indicator name: 'PM_{2.5} 平均浓度' → 'pm2.5平均浓度'."""
    s = unicodedata.normalize("NFKC", text or "").casefold()
    if not s.isalnum():  # each character _NOISE and _BRACKETS remove is neither letter nor digit (most names: none)
        s = _NOISE.sub("", s)
        previous = None
        while previous != s:
            previous = s
            s = _BRACKETS.sub("", s)
    s = _uncompared(s)
    return _unqualified(s) or s


def display_name(text: str) -> str:
    """A readable name for a newly seen indicator: the text without spaces and qualifiers."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    s = _unspaced(s)
    s = _uncompared(s)
    s = _unqualified(s) or s
    return s[:200]


def _unspaced(s: str) -> str:
    """`s` without whitespace (_SPACES; no whitespace character is a letter or digit, as most names are)."""
    return s if s.isalnum() else _SPACES.sub("", s)


def _uncompared(s: str) -> str:
    """`s` without its base of comparison ("较上年", "同比"; every _COMPARED match has 较 or 比)."""
    return _COMPARED.sub("", s) if "比" in s or "较" in s else s


def _unqualified(s: str) -> str:
    """`s` without its leading place and time words and its trailing change words (_PREFIX, then _SUFFIX)."""
    if s[:1] in _PREFIX_FIRST:
        s = _PREFIX.sub("", s)
    if may_end(s, _SUFFIX_LAST):  # ($ also matches before a last newline)
        s = _SUFFIX.sub("", s)
    return s


# A level named with its change verb at the end ("人均预期寿命提高" of 人均预期寿命提高1岁, "增长" of 比上年增长500亿元):
# a change by an amount, not the level; `key` drops these words (they end a growth rate's name), `indicator_key`
# keeps them for a level. (增加 and 减少 are never dropped: 森林蓄积量增加, 农村贫困人口减少 are names of their own.)
_LEVEL_CHANGE = regex.compile(r"(?:提高|提升|增长|上升|扩大)(?:了)?$")


def level_change(text: str) -> str:
    """The change verb a level's name ends with (提高 of "人均预期寿命提高"), which `key` drops; "" when none."""
    s = _unspaced(unicodedata.normalize("NFKC", text or ""))
    s = _NOISE.sub("", s) if not s.isalnum() else s
    m = _LEVEL_CHANGE.search(s)
    return m.group().removesuffix("了") if m else ""


def indicator_key(text: str, measure: str = "level") -> str:
    """The key a record's indicator is registered under: `key`, but a level's change verb stays
    ("人均预期寿命提高" as a level → 人均预期寿命提高; as a growth rate → 人均预期寿命)."""
    k = key(text)
    if k and measure == "level" and (verb := level_change(text)) and not k.endswith(verb):
        return k + verb
    return k


def _named_change(name: str, text: str, measure: str) -> str:
    """`name` (a `registry_name`) with the change verb of a level that is a change (人均预期寿命 → 人均预期寿命提高)."""
    verb = level_change(text) if name and measure == "level" else ""
    return name + verb if verb and not name.endswith(verb) else name


# -- names that differ by a word or a synonym ------------------------------------------------------------------

# A leading scope of inclusion, closed by 的: "纳入直达范围的中央财政资金" is the 中央财政资金 the sentence speaks of.
_SCOPE = regex.compile(r"^(?:纳入|列入)[^的]{1,12}的(?=\p{Han}{4})")
_OF = regex.compile(r"(?<=\p{Han})的(?=\p{Han})")  # "农村人口的饮水安全问题" ≡ 农村人口饮水安全问题
# What a name may end with that names no other thing: its level or the effort put into it
# ("企业退休人员基本养老金水平" ≡ 企业退休人员基本养老金, "保障性安居工程建设力度" ≡ 保障性安居工程).
_TRAILING = regex.compile(r"(?<=\p{Han}{2})(?:水平|(?:建设|工作|支持|推进)?力度)$")
_OUR_COUNTRY = regex.compile(r"^我国(?=\p{Han}{2})")  # as 全国 (a prefix `key` drops): "我国经济总量" ≡ 经济总量


@lru_cache(maxsize=1)
def synonyms() -> tuple[tuple[str, str], ...]:
    """The word pairs of ``data/synonyms.csv`` (word, the word it is written as), as matching keys, in file order."""
    source = resources.files("planwatch.data").joinpath("synonyms.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = []
    for row in rows:
        word, same = key(row.get("word") or ""), key(row.get("same_as") or "")
        if word and same and word != same:
            pairs.append((word, same))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _touched() -> regex.Pattern[str]:
    """What a key must hold for `match_form` to change it (most keys hold none: one search, then as they are)."""
    words = sorted({w for w, _same in synonyms()} | {"的", "水平", "力度", "我国"}, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words))


@lru_cache(maxsize=8192)
def match_form(k: str) -> str:
    """The form under which two keys (`key`) name the same indicator though worded apart: synonyms replaced
    (能源消耗强度 → 能耗强度), a scope of inclusion, the prefix 我国 and 的 between nouns dropped, a trailing 水平 or
    力度 dropped ("企业退休人员基本养老金水平" → 企业退休人员基本养老金)."""
    if not _touched().search(k):
        return k
    s = k
    for word, same in synonyms():
        if word in s:
            s = s.replace(word, same)
    s = _SCOPE.sub("", s)
    s = _OUR_COUNTRY.sub("", s)
    if "的" in s:
        s = _OF.sub("", s)
    s = _TRAILING.sub("", s)
    return s or k


def match_forms(keys: Mapping[str, int]) -> dict[str, int | None]:
    """`match_form` of each key → its indicator (None when keys of two indicators share the form: it links neither)."""
    forms: dict[str, int | None] = {}
    touched = _touched().search
    for k, indicator_id in keys.items():
        _add_form(forms, match_form(k) if touched(k) else k, indicator_id)
    return forms


def _add_form(forms: dict[str, int | None], form: str, indicator_id: int) -> None:
    """Note `form` as one of `indicator_id`'s (of none, when another indicator has it too)."""
    if forms.get(form, indicator_id) != indicator_id:
        forms[form] = None
    else:
        forms[form] = indicator_id


@lru_cache(maxsize=16384)  # pure (jieba's bundled dictionary); asked again for every document's names
def registry_name(text: str) -> str | None:
    """The name a newly seen indicator is registered under, or None when it is not a name (extract.naming).

    The display form drops qualifiers ("经济增长" → 经济); when that leaves a word too generic to
    name a thing, the text as written is kept.
    """
    shown = display_name(text)
    written = _unspaced(unicodedata.normalize("NFKC", text or ""))[:200]
    return next((name for name in (shown, tidy(shown), written, tidy(written)) if name and is_name(name)), None)


def registry_names(texts: Iterable[str]) -> dict[str, str]:
    """`registry_name` of each indicator text a registry might not know ("" when it is not a name).

    Pure (jieba): ingest workers call it so the one writer need not. Texts whose key the bundled
    table holds (always registered) are left out; the writer asks `registry_name` for any text missing here.
    """
    known = bundled_keys()
    out: dict[str, str] = {}
    for text in texts:
        if text not in out:
            k = key(text)
            if k and k not in known:
                out[text] = registry_name(text) or ""
    return out


@lru_cache(maxsize=1)
def bundled_keys() -> frozenset[str]:
    """The alias keys of the bundled table (every database has them once seeded)."""
    return frozenset(key(alias) for row in bundled_table() for alias in (row.name, *row.aliases))


@dataclass(frozen=True, slots=True)
class StandardIndicator:
    """One row of the bundled alias table."""

    name: str
    aliases: tuple[str, ...]
    unit: str
    polarity: str
    domain: str


def bundled_table() -> list[StandardIndicator]:
    """The rows of ``data/indicators.csv``."""
    source = resources.files("planwatch.data").joinpath("indicators.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        StandardIndicator(
            name=row["name"].strip(),
            aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            unit=(row.get("unit") or "").strip(),
            polarity=(row.get("polarity") or "neutral").strip(),
            domain=(row.get("domain") or "").strip(),
        )
        for row in rows
        if row.get("name")
    ]


def seed(session: Session) -> int:
    """Add the bundled indicators and aliases the database lacks; return how many were added."""
    table = bundled_table()
    known = session.scalar(select(func.count()).select_from(Indicator).where(Indicator.standard.is_(True))) or 0
    if known >= len(table) and _aliases_present(session):
        return 0
    by_name = {i.name: i for i in session.scalars(select(Indicator))}
    taken = set(session.scalars(select(IndicatorAlias.alias)))
    added = 0
    for row in table:
        indicator = by_name.get(row.name)
        if indicator is None:
            indicator = Indicator(name=row.name, unit=row.unit, polarity=row.polarity, domain=row.domain, standard=True)
            session.add(indicator)
            added += 1
        else:
            indicator.standard = True
            indicator.unit, indicator.polarity, indicator.domain = row.unit, row.polarity, row.domain
        for alias in (row.name, *row.aliases):
            k = key(alias)
            if k not in taken:
                indicator.aliases.append(IndicatorAlias(alias=k))
                taken.add(k)
    session.flush()
    _changed(session)
    if added:
        audit.log(session, "indicator.seed", "indicator", None, count=added)
    return added


def _aliases_present(session: Session) -> bool:
    """True when every alias key of the bundled table is stored (for its indicator or, registered before it was
    bundled, another one): an alias added to the table reaches a database seeded before."""
    keys = sorted(bundled_keys())
    stored = session.scalar(select(func.count(func.distinct(IndicatorAlias.alias))).where(IndicatorAlias.alias.in_(keys)))
    return (stored or 0) >= len(keys)


# A Resolver is reused by the documents of one transaction (loading every alias key per document
# costs more than storing it, at a million records). Any other write to the registry in the session
# (merge, seed, another Resolver) moves the session's generation on; a rollback or commit drops it.
_CACHE, _GENERATION, _LISTENING = "planwatch.resolver", "planwatch.indicators.generation", "planwatch.resolver.listening"


def _changed(session: Session) -> None:
    """Note a write to indicators or aliases: cached Resolvers of the session are stale."""
    session.info[_GENERATION] = session.info.get(_GENERATION, 0) + 1


def _forget(session: Session, *_args: object) -> None:
    """Drop the session's cached Resolver (after a rollback, savepoints included)."""
    session.info.pop(_CACHE, None)


def _committed(session: Session) -> None:
    """Drop the session's cached Resolver after a commit of the outermost transaction.

    SQLAlchemy also reports the release of a savepoint as a commit; the rows written inside it
    stay in the open transaction, so the Resolver stays right (a bulk ingest's writer stores each
    document in its own savepoint and keeps one Resolver for the whole batch).
    """
    if not session.in_nested_transaction():
        session.info.pop(_CACHE, None)


def resolver_for(session: Session, who: str | None = None) -> Resolver:
    """The session's Resolver, kept while nothing else writes the registry in this transaction."""
    cached = session.info.get(_CACHE)
    if cached is not None and cached.generation == session.info.get(_GENERATION, 0):
        cached.who = who
        return cached
    resolver = Resolver(session, who)
    if not session.info.get(_LISTENING):
        event.listen(session, "after_soft_rollback", _forget)
        event.listen(session, "after_commit", _committed)
        session.info[_LISTENING] = True
    session.info[_CACHE] = resolver
    return resolver


class Resolver:
    """Finds the indicator of a text within one session, registering unknown ones on first sight."""

    def __init__(self, session: Session, who: str | None = None) -> None:
        """Seed the bundled table if needed and load every alias key once."""
        seed(session)
        self.session = session
        self.who = who
        self.keys: dict[str, int] = dict(session.execute(select(IndicatorAlias.alias, IndicatorAlias.indicator_id)).all())
        self._forms: dict[str, int | None] | None = None  # `match_forms` of the keys, made when first needed
        self.created: list[str] = []
        self.generation = session.info.get(_GENERATION, 0)

    def near(self, k: str) -> int | None:
        """The indicator whose keys share `k`'s `match_form` (one indicator only), or None."""
        if self._forms is None:
            self._forms = match_forms(self.keys)
        return self._forms.get(match_form(k))

    def _link(self, k: str, indicator_id: int) -> None:
        """Note key `k` as an alias of `indicator_id` (stored by the caller)."""
        self.keys[k] = indicator_id
        if self._forms is not None:
            _add_form(self._forms, match_form(k), indicator_id)

    def find(self, text: str, measure: str = "") -> int | None:
        """The indicator id for `text` (an alias or a canonical name, or a name that differs from one by a word or a
        synonym: `match_form`), or None when the registry does not know it; with `measure`, a level's change verb
        counts (`indicator_key`)."""
        k = indicator_key(text, measure) if measure else key(text)
        found = self.keys.get(k)
        if found is None and text:
            found = self.session.scalar(select(Indicator.id).where(Indicator.name == text.strip()))
        if found is None and k:
            found = self.near(k)
        return found

    def resolve(self, text: str, unit: str = "", measure: str = "level", polarity: str | None = None) -> int | None:
        """The indicator id for `text`, registering a new indicator when it is unknown."""
        k = indicator_key(text, measure)
        if not k:
            return None
        found = self.keys.get(k)
        if found is not None:
            return found
        near = self.near(k)
        if near is not None:  # the same indicator, worded apart: its key becomes an alias
            self.session.add(IndicatorAlias(indicator_id=near, alias=k))
            self._link(k, near)
            _changed(self.session)
            self.generation = self.session.info[_GENERATION]
            return near
        name = _named_change(registry_name(text) or "", text, measure)
        if not name:
            return None  # junk never reaches the registry: "方面", "增速就能够" (extract.naming)
        existing = self.session.scalar(select(Indicator).where(Indicator.name == name))
        if existing is None:
            existing = Indicator(name=name, unit=unit if measure == "level" else ("%" if measure == "share" else ""),
                                 polarity=polarity if polarity in POLARITIES else "neutral", domain="", standard=False)
            self.session.add(existing)
            self.session.flush()
            audit.log(self.session, "indicator.register", "indicator", existing.id, self.who, name=name, alias=k)
            self.created.append(name)
        self.session.add(IndicatorAlias(indicator_id=existing.id, alias=k))
        self._link(k, existing.id)
        _changed(self.session)
        self.generation = self.session.info[_GENERATION]
        return existing.id


    def resolve_all(self, items: Sequence[tuple[str, str, str, str | None]],
                    names: Mapping[str, str] | None = None) -> list[int | None]:
        """Indicator ids for many (text, unit, measure, polarity) at once; unknown ones registered in bulk.

        `names` holds `registry_name` answers a worker already computed (`registry_names`).
        """
        names = names or {}
        keys = [indicator_key(text, measure) for text, _unit, measure, _polarity in items]
        missing: dict[str, str] = {}
        first: dict[str, tuple[str, str, str, str | None]] = {}
        linked: list[dict[str, object]] = []
        pending: dict[str, str] = {}  # match_form → a key of `missing` (two wordings of one new indicator: one)
        for k, item in zip(keys, items, strict=True):
            if k and k not in self.keys and k not in missing:
                near = self.near(k)
                if near is not None:  # the same indicator, worded apart: its key becomes an alias
                    linked.append({"indicator_id": near, "alias": k})
                    self._link(k, near)
                    continue
                form = match_form(k)
                if form in pending:
                    missing[k], first[k] = missing[pending[form]], item
                    continue
                name = names[item[0]] if item[0] in names else registry_name(item[0]) or ""
                name = _named_change(name, item[0], item[2])
                if name:  # junk never reaches the registry (extract.naming.is_name)
                    missing[k] = name
                    first[k] = item
                    pending[form] = k
        if linked:
            insert_rows(self.session.connection(), IndicatorAlias.__table__, linked)
            _changed(self.session)
            self.generation = self.session.info[_GENERATION]
        if missing:
            self._register(first, missing)
        return [self.keys.get(k) if k else None for k in keys]

    def _register(self, missing: dict[str, tuple[str, str, str, str | None]], names: dict[str, str]) -> None:
        """Insert the indicators (and alias keys) first seen in `missing`, under `names`: three statements in all."""
        known = dict(self.session.execute(
            select(Indicator.name, Indicator.id).where(Indicator.name.in_(set(names.values())))).all())
        now = utcnow()
        fresh: dict[str, dict[str, object]] = {}
        for k, (_text, unit, measure, polarity) in missing.items():
            name = names[k]
            if name not in known and name not in fresh:
                fresh[name] = {"name": name, "unit": unit if measure == "level" else ("%" if measure == "share" else ""),
                               "polarity": polarity if polarity in POLARITIES else "neutral", "domain": "",
                               "standard": False, "created_at": now}
        connection = self.session.connection()
        if fresh:
            ids = insert_rows_ids(connection, Indicator.__table__, list(fresh.values()))
            known.update(zip(fresh, ids, strict=True))
            self.created.extend(fresh)
            audit.log(self.session, "indicator.register", "indicator", None, self.who, names=list(fresh))
        insert_rows(connection, IndicatorAlias.__table__,
                    [{"indicator_id": known[names[k]], "alias": k} for k in missing])
        for k in missing:
            self._link(k, known[names[k]])
        _changed(self.session)
        self.generation = self.session.info[_GENERATION]


def find(session: Session, name: str) -> Indicator:
    """The indicator called `name` (canonical name or any alias); NotFoundError otherwise."""
    seed(session)
    indicator = session.scalar(select(Indicator).where(Indicator.name == name))
    if indicator is None:
        indicator_id = session.scalar(select(IndicatorAlias.indicator_id).where(IndicatorAlias.alias == key(name)))
        indicator = session.get(Indicator, indicator_id) if indicator_id is not None else None
    if indicator is None:
        raise NotFoundError(f"indicator {name!r} is not registered; `planwatch indicators` lists them",
                            kind="indicator", key=name)
    return indicator


def merge(session: Session, alias: str, canonical: str, who: str | None = None, *, force: bool = False) -> Indicator:
    """Fold indicator `alias` into `canonical`: its aliases, records and actuals follow.

    Units that do not convert (套 and 个, 亿元 and %) are refused unless `force`: the merged records
    and actuals would be judged against targets in another unit.
    """
    source = find(session, alias)
    target = find(session, canonical)
    if source.id == target.id:
        raise ValidationError(f"{alias!r} and {canonical!r} are already the same indicator ({target.name})",
                              reason="same_indicator", alias=alias, canonical=canonical, name=target.name)
    if not force and source.unit and target.unit and not convertible(source.unit, target.unit):
        raise ValidationError(f"{source.name} is counted in {source.unit}, {target.name} in {target.unit}: the units do "
                              "not convert, so merging would compare values in different units; pass --force to "
                              "merge anyway")
    moved_records = session.execute(
        update(Record).where(Record.indicator_id == source.id).values(indicator_id=target.id)
    ).rowcount  # type: ignore[attr-defined]  # (an UPDATE's result is a CursorResult)
    moved_actuals = session.execute(
        update(Actual).where(Actual.indicator_id == source.id).values(indicator_id=target.id)
    ).rowcount  # type: ignore[attr-defined]
    session.execute(update(IndicatorAlias).where(IndicatorAlias.indicator_id == source.id).values(indicator_id=target.id))
    name_key = key(source.name)
    if session.scalar(select(IndicatorAlias.id).where(IndicatorAlias.alias == name_key)) is None:
        session.add(IndicatorAlias(indicator_id=target.id, alias=name_key))
    session.flush()
    session.expire(source)
    session.delete(source)
    session.flush()
    _changed(session)
    audit.log(session, "indicator.merge", "indicator", target.id, who, merged=source.name, into=target.name,
              records=moved_records, actuals=moved_actuals)
    return target


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator as listed: name, unit, polarity, domain, aliases, number of records."""

    id: int
    name: str
    unit: str
    polarity: str
    domain: str
    standard: bool
    aliases: tuple[str, ...]
    records: int


def listing(session: Session) -> list[IndicatorRow]:
    """Every indicator with its aliases and record count, standard ones first."""
    seed(session)
    counts = dict(session.execute(
        select(Record.indicator_id, func.count()).where(Record.indicator_id.is_not(None)).group_by(Record.indicator_id)
    ).all())
    aliases: dict[int, list[str]] = {}
    for indicator_id, alias in session.execute(select(IndicatorAlias.indicator_id, IndicatorAlias.alias)):
        aliases.setdefault(indicator_id, []).append(alias)
    rows = session.scalars(select(Indicator).order_by(Indicator.standard.desc(), Indicator.id))
    return [
        IndicatorRow(i.id, i.name, i.unit, i.polarity, i.domain, i.standard,
                     tuple(sorted(a for a in aliases.get(i.id, []) if a != key(i.name))), counts.get(i.id, 0))
        for i in rows
    ]


def standard_ids(session: Session) -> set[int]:
    """Ids of the indicators from the bundled table."""
    return set(session.scalars(select(Indicator.id).where(Indicator.standard.is_(True))))


def resolve_many(session: Session, texts: Iterable[str]) -> dict[str, int | None]:
    """Look up several indicator texts at once without registering any."""
    resolver = Resolver(session)
    return {t: resolver.find(t) for t in texts}
