"""The memo caches of pure text functions that live from document to document in a process.

Extraction and follow-up matching memoise results keyed by the text they were asked about
(a clause, a name, a unit, a run of Chinese characters): `functools.lru_cache`s and a few
module-level dicts. Within one document they save repeated work; across documents they only
help where documents share text. A corpus of distinct reports shares little, but the
synthetic benchmark corpus (benchmarks/corpus.py: 23 real reports repeated with other names
and years) repeats nearly every sentence, so its throughput is flattered unless these caches
are emptied before each document (`clear_text_caches`).

Static tables are not listed and never emptied: word lists, compiled patterns, jieba's
dictionary, the units table, settings, catalogues (`KEPT` names the loaders cached with
`functools`, so tests/pipeline/test_caches.py can tell a forgotten text cache from them).
Nor is the indicator Resolver a session keeps in `session.info`: it holds the database's
alias keys for one transaction, not results keyed by a document's text.
"""

from __future__ import annotations

from typing import Any

import planwatch.documents.outline as outline
import planwatch.extract.indicator as indicator
import planwatch.extract.naming as naming
import planwatch.extract.numbers as numbers
import planwatch.extract.period as period
import planwatch.extract.quantities as quantities
import planwatch.extract.task_lexicon as task_lexicon
import planwatch.extract.task_segment as task_segment
import planwatch.extract.task_units as task_units
import planwatch.extract.tasks as tasks
import planwatch.extract.wording as wording
import planwatch.monitor.followup as followup
import planwatch.store.indicators as indicators
import planwatch.store.units as units

__all__ = ["KEPT", "TEXT_CACHES", "clear_text_caches"]

# (module, attribute): a functools cache (cache_clear) or a dict (clear) of results keyed by input text.
TEXT_CACHES: tuple[tuple[Any, str], ...] = (
    (outline, "_recent_outline"),  # whole documents (4): the current one, asked by every stage
    (indicator, "before"), (indicator, "_after"), (indicator, "_split_list"), (indicator, "subject"),
    (naming, "tidy"),
    (numbers, "parse_numeral"),
    (period, "_value_offset"), (period, "_cued"), (period, "_aspect_of"), (period, "_classify"),
    (quantities, "_unbracketed"), (quantities, "_lower"),
    (task_lexicon, "_context_scores"), (task_lexicon, "_title_counts"),
    (task_segment, "_UNKNOWN"),  # dict: jieba HMM words of unknown runs
    (task_units, "_keywords_in"),  # unit keywords of a group title
    (task_units, "_FIELDS"),  # dict: the field a group title names (fix-tasks9)
    (tasks, "_actions_in"),
    (tasks, "_SECTION_NAMES"),  # dict: section paths by section (sections of cached outlines)
    (wording, "_prefix_comparator"), (wording, "_measure"), (wording, "_window"), (wording, "_first_back"),
    (wording, "_named_years"),  # whole documents: the years that open their sentences and clauses
    (followup, "_core"), (followup, "_phase"), (followup, "_clauses"), (followup, "key_pieces"),
    (followup, "_nameable"),
    (followup, "_KEY"),  # dict: whether a content word is a key word
    (followup, "_BLOCK_WORDS"),  # dict: content words of a run of characters
    (followup, "_CONTENT"),  # dict: whether a word is a content word
    (followup, "_WORDS"),  # dict: content words of a text (`remember_words` primes the writer's)
    (followup, "_PIECES"),  # dict: key words of a task's clauses (`remember_pieces` primes the writer's)
    (indicators, "key"), (indicators, "registry_name"), (indicators, "match_form"),
    (units, "parse_unit"),
)

# Caches that `remember_words` / `remember_pieces` prime in the writer: what the previous document
# brought is what the next one's follow-up needs (its neighbour), so `keep_recent` keeps it.
_PRIMED = frozenset({(followup, "_WORDS"), (followup, "_PIECES")})

# functools caches of loaders and static tables, kept: "module.name".
KEPT = frozenset({
    "planwatch.extract.task_segment._jieba", "planwatch.extract.task_segment._model",  # jieba's dictionary
    "planwatch.extract.task_segment._compiled",  # jieba-rs (its dictionary)
    "planwatch.extract.task_hmm._model",  # jieba's HMM tables
    "planwatch.extract.task_units.load_units", "planwatch.extract.task_units._bundled_units",  # units table
    "planwatch.extract.task_units._generic_cores",  # the units table's generic names by core word (not text)
    "planwatch.documents.script._traditional", "planwatch.documents.script._converter",  # traditional script's table, OpenCC
    "planwatch.store.indicators.bundled_keys",  # the bundled indicator table's keys
    "planwatch.store.indicators.synonyms", "planwatch.store.indicators._touched",  # the synonym table, its pattern
    "planwatch.settings.get_settings", "planwatch.web.i18n.translations",
    "planwatch.report.charts.font_path", "planwatch.report.charts._pyplot",
    "planwatch.pipeline.wire._names", "planwatch.pipeline.wire._row_of", "planwatch.store.search_index.trigram_supported",
    # the indicator page's SQL statements, built once (not text)
    "planwatch.web.indicator_series._counts_statement", "planwatch.web.indicator_series._points_statement",
    "planwatch.monitor.followup._side_statement", "planwatch.monitor.followup._existing_statement",
    "planwatch.monitor.followup._neighbours_statement",
    # verdicts' wordings: one shared Phrase per rule key (a fixed table, not text)
    "planwatch.monitor.phrases.phrase", "planwatch.monitor.rules.rule_name",
    # the packaged migrations and an argon2 hasher per memory cost (not text)
    "planwatch.store.db._scripts", "planwatch.store.accounts._hasher_for",
    "planwatch.web.app._routes",  # the routers, included once for every app
    "planwatch.cli.edge.command_of",  # the CLI's Click command
})

_kept_keys: dict[str, set[Any]] = {}  # keep_recent: the keys of each primed dict kept at the previous call


def clear_text_caches(*, keep_recent: bool = False) -> int:
    """Empty every cross-document memo cache of pure text functions (module docstring); how many.

    Call it before each document for a "cold" measurement: each document is then met as if it
    were the first, as in a corpus of distinct reports (which still share some common phrases,
    so this errs on the slow side). Results do not change (tests/pipeline/test_caches.py).

    `keep_recent` is for the process that also stores documents (1 worker): the whole-document
    outline cache is kept (it cannot hit across distinct documents, and describe has just put the
    current document there), and of the writer's primed word caches only the entries added since
    the previous call survive (the previous document's words, which storing the next one needs for
    its follow-up against that neighbour, as the writer of several workers keeps them).
    """
    cleared = 0
    for module, name in TEXT_CACHES:
        if keep_recent and module is outline:
            continue
        cache = getattr(module, name)
        if isinstance(cache, dict):
            if keep_recent and (module, name) in _PRIMED:
                where = f"{module.__name__}.{name}"
                old = _kept_keys.get(where, set())
                recent = {k: v for k, v in cache.items() if k not in old}
                cache.clear()
                cache.update(recent)
                _kept_keys[where] = set(recent)
            else:
                cache.clear()
        else:
            cache.cache_clear()
        cleared += 1
    return cleared
