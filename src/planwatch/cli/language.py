"""The language the CLI writes its words in: the setting ``PLANWATCH_LANGUAGE`` (zh, the default, or en).

The dashboard's default language is the same setting, so a planning office that works in Chinese sees the same
words on the pages and in the terminal. What the CLI says in the interface language is worded where the dashboard's
words are, never a copy of them: the gettext catalogues (src/planwatch/locale, `words`) and the web's wording
functions run in the CLI's language (`interface`): a verdict (完成 / met), a verdict's rule, basis and gap
(`explain`: 低于目标0.6个百分点), an actuals import's refusal and its bad rows worded from their reason codes
(`import_refusal`), a refusal the pages word from its reason code (`refusal`: 已有名为 frank 的用户). The rest of the
CLI's messages are English. The locale (``LANG``) is not read: a server's is often
en_US whoever works on it, and the interface would turn English behind the office's back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any

from planwatch.errors import DocumentError, PlanwatchError, ValidationError

__all__ = ["REFUSALS", "explain", "explained", "import_refusal", "import_summary", "interface", "language", "refusal",
           "verdict", "words"]

# The library's refusals (ValidationError.reason) whose words on the pages (`web.errors.REFUSED`) suit a command line
# too, which the CLI says in Chinese with them. Not unit_unknown (its words send to the units page; the CLI has
# `users unit-add`), nor government_unknown / government_ambiguous (they say "choose one"; the CLI takes --government).
REFUSALS = frozenset({
    "role_unknown", "password_short", "username_empty", "username_characters", "user_exists", "unit_cycle",
    "unit_required", "unit_too_long", "unit_exists", "task_is_achievement", "task_status", "link_invalid",
    "proposal_decided", "same_indicator",
})


def language() -> str:
    """zh or en, from the settings (`planwatch.settings.Settings.language`)."""
    from planwatch.settings import get_settings

    return get_settings().language


def verdict(status: object) -> str:
    """A target's verdict in the CLI's language: 完成 / 进度正常 / 数据不一致 …, or met / on track / sources disagree …"""
    from planwatch.monitor.vocabulary import verdict_word

    return verdict_word(status, language())


@contextmanager
def interface() -> Iterator[str]:
    """The web's wording functions (`web.i18n.gettext`, `web.labels.explain` …) in the CLI's language while inside;
    yields that language."""
    from planwatch.web import i18n

    chosen = language()
    token = i18n.set_language(chosen)
    try:
        yield chosen
    finally:
        i18n.reset_language(token)


def words(message: str, **values: object) -> str:
    """A message of the catalogues in the CLI's language, its %(name)s filled ("row %(n)s" → 第6行)."""
    with interface():
        from planwatch.web.i18n import gettext

        return gettext(message, **values)


def explain(text: object) -> str:
    """A verdict's rule, basis, gap or progress in the CLI's language, as the pages word it (`web.labels.explain`:
    "2019年报告的增速", "低于目标0.6个百分点"); "" for none."""
    if not text:
        return ""
    with interface():
        from planwatch.web.labels import explain as worded

        return worded(text)


def explained(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Assessment rows' dicts, each with `rule_text`, `basis_text` and `gap_text` added: its explanations in the CLI's
    language, as ``GET /api/assessments`` adds them in the interface language (`web.status.words`); `rule`, `basis`
    and `gap` stay as monitoring writes them (English), for programs reading them."""
    with interface():
        from planwatch.web.status import words as add_words

        return [add_words(row) for row in rows]


def import_summary(file: Path, stored: int, skipped: int) -> str:
    """What `actuals import` stored, in the CLI's language (the import page's words in Chinese)."""
    if language() == "en":
        also = f" ({skipped} rows without a value skipped)" if skipped else ""
        return f"imported {stored} actuals from {file}{also}"
    text = words("%(name)s: %(n)s values stored.", name=str(file), n=stored)
    return text + (words("%(n)s rows without a value were skipped.", n=skipped) if skipped else "")


def import_refusal(exc: PlanwatchError, file: Path) -> PlanwatchError:
    """A refused actuals import in the CLI's language: in English as the store words it; in Chinese worded from its
    reason codes as the import page words it (`web.actuals_import`: the file's refusal, then each bad row with its
    problems, "第6行：G列（单位）单位“人”无法换算为…"). An error without words of its own is left as it is."""
    if language() == "en":
        return exc
    with interface():
        from planwatch.web.actuals_import import file_refusal, problems, refusal
        from planwatch.web.i18n import gettext

        name = str(file)
        if isinstance(exc, DocumentError):
            return DocumentError(file_refusal(exc, name), exc.reason, **exc.params)
        if not isinstance(exc, ValidationError):
            return exc
        if exc.reason == "bad_rows" and exc.row_problems:
            listed = problems(exc)
            lines = []
            for row, group in groupby(listed, key=lambda p: p["row"]):
                said = "；".join(" ".join(filter(None, (p["column"], p["message"]))) for p in group)
                lines.append(f"{gettext('row %(n)s', n=row)}：{said}" if row is not None else said)
            message = gettext("%(name)s: %(n)s rows are invalid; nothing was imported. Correct them and import the "
                              "file again", name=name, n=exc.params.get("count", len(lines)))
            return ValidationError(message, lines, exc.reason, exc.row_problems, **exc.params)
        whole = refusal(exc, name)
        if whole is None:
            return exc
        return ValidationError(whole, exc.problems, exc.reason, exc.row_problems, **exc.params)


def refusal(exc: PlanwatchError) -> str:
    """A library error's message in the CLI's language: a refusal of `REFUSALS` in Chinese as the pages word it
    ("已有名为 frank 的用户"), any other as the library wrote it (English)."""
    if not isinstance(exc, ValidationError) or exc.reason not in REFUSALS or language() == "en":
        return str(exc)
    with interface():
        from planwatch.web.errors import refusal_message

        return refusal_message(exc)
