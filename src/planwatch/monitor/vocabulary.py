"""The Chinese words of a target's verdict, defined once: every surface that writes a verdict in Chinese reads them
here (the dashboard's labels, the Word/HTML/Markdown report, the Excel workbook, the evaluation's details that the
CLI and the JSON print).

They are the words of a 发改局's execution report (计划执行情况报告): 完成 / 未完成 for a year that is over,
进度正常 / 进度滞后 for progress towards a later or a mid-year target, 暂无数据 when nothing judges it. They are
never a task's state (未启动 / 推进中 / 已完成 / 滞后 / 取消, `store.tasks.STATUSES`): a target is 完成, a task
已完成 (signed off), and neither word stands for the other.
"""

from __future__ import annotations

__all__ = ["COMPARATOR_SYMBOLS", "VERDICT_ZH", "comparator_symbol", "verdict_zh"]

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

# a stored comparator → the symbol the pages and the Chinese details write (≥8.5%, never >=8.5%)
COMPARATOR_SYMBOLS: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "≈": "≈", "=": "=", "between": "–"}


def verdict_zh(status: object) -> str:
    """The word of a status in any of its spellings: a monitor status (on track), a URL/JSON code (on_track), or
    none (no data); an unknown status is returned as given."""
    code = str(status if status is not None else "").replace("_", " ") or "no data"
    return VERDICT_ZH.get(code, str(status))


def comparator_symbol(comparator: str | None) -> str:
    """≥ ≤ ≈ … for a stored comparator."""
    return COMPARATOR_SYMBOLS.get(comparator or "", comparator or "")
