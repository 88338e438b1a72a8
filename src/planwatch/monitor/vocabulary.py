"""The Chinese words of a target's verdict and of a task's state, each defined once: every surface that writes a
verdict in Chinese reads them here (the dashboard's labels, the Word/HTML/Markdown report, the Excel workbook, the
evaluation's details that the CLI and the JSON print, the status column of `planwatch assess` in a Chinese
interface), and every list of a task's states (the task list's filter, the report forms of a task and of 我的任务,
the ledger's drop-down, the CLI's help, the refusals) is `TASK_STATUSES` in its order.

A verdict is in the words of a 发改局's execution report (计划执行情况报告): 完成 / 未完成 for a year that is over,
进度正常 / 进度滞后 for progress towards a later or a mid-year target, 暂无数据 when nothing judges it. It is
never a task's state (未启动 / 推进中 / 已完成 / 滞后 / 取消, `TASK_STATUSES`): a target is 完成, a task
已完成 (signed off), and neither word stands for the other.

In English a verdict is worded as the English pages word it (`VERDICT_EN`: met, on track, sources disagree …), never
as its code (on_track, conflict); the codes stay what JSON, CSV and URLs carry.
"""

from __future__ import annotations

from planwatch.store.tasks import OPEN_STATUSES, STATUSES

__all__ = ["COMPARATOR_SYMBOLS", "OPEN_TASK_STATUSES", "TASK_STATUSES", "VERDICT_EN", "VERDICT_ZH", "VERDICTS",
           "comparator_symbol", "status_of", "verdict_word", "verdict_zh"]

# monitor status (`monitor.attainment.STATUSES`) → its word
VERDICT_ZH: dict[str, str] = {
    "met": "完成",
    "missed": "未完成",
    "on track": "进度正常",
    "at risk": "进度滞后",
    "conflict": "数据不一致",  # the sources' actuals disagree beyond rounding: to be checked, not judged
    "no data": "暂无数据",
    "absent": "未设目标",  # set by the previous year's plan, omitted by this one
}

# monitor status → its words in English, as the English pages label it (`web.labels.LABELS["status"]`)
VERDICT_EN: dict[str, str] = {
    "met": "met",
    "missed": "missed",
    "on track": "on track",
    "at risk": "at risk",
    "conflict": "sources disagree",
    "no data": "no data",
    "absent": "explicitly absent",
}

VERDICTS: dict[str, dict[str, str]] = {"zh": VERDICT_ZH, "en": VERDICT_EN}  # by interface language

# a task's states in their one order, as stored (`store.tasks.STATUSES`; the store is an earlier stage, so they are
# defined there and named here with the verdicts)
TASK_STATUSES = STATUSES
OPEN_TASK_STATUSES = OPEN_STATUSES

# a stored comparator → the symbol the pages and the Chinese details write (≥8.5%, never >=8.5%)
COMPARATOR_SYMBOLS: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "≈": "≈", "=": "=", "between": "–"}


def verdict_zh(status: object) -> str:
    """The word of a status in any of its spellings: a monitor status (on track), a URL/JSON code (on_track), or
    none (no data); an unknown status is returned as given."""
    return verdict_word(status, "zh")


def verdict_word(status: object, language: str) -> str:
    """The word of a status (in any spelling `verdict_zh` takes) in `language` (zh, en; another: Chinese)."""
    code = str(status if status is not None else "").replace("_", " ") or "no data"
    return VERDICTS.get(language, VERDICT_ZH).get(code, str(status))


def status_of(text: str) -> str:
    """The status a filter names: its code in any spelling (on_track, "on track", ON_TRACK) or its word in either
    language (进度正常, sources disagree), as a monitor status ("on track"); anything else as given, lower case."""
    code = " ".join(text.replace("_", " ").split()).lower()
    for words in VERDICTS.values():
        for status, word in words.items():
            if code == word.lower():
                return status
    return code


def comparator_symbol(comparator: str | None) -> str:
    """≥ ≤ ≈ … for a stored comparator."""
    return COMPARATOR_SYMBOLS.get(comparator or "", comparator or "")
