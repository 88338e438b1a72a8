"""The task ledger (督办台账) as an Excel workbook, and re-import of an edited one.

One row a task: 编号, 分组, 任务, 牵头单位, 完成时限, 状态, 最近更新, 进展及佐证, 链接.
Re-import checks every row first and reports each bad one (row number, column,
problem); only a clean workbook changes anything, in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planwatch.errors import ValidationError
from planwatch.output import atomic_output, check_output
from planwatch.store.plans import get_plan
from planwatch.store.tasks import (
    STATUSES,
    Task,
    TaskFilter,
    assign,
    last_update,
    list_tasks,
    unit_list,
    update_task,
)

SHEET = "任务台账"
HEADERS = ("编号", "分组", "任务", "牵头单位", "完成时限", "状态", "最近更新", "进展及佐证", "链接")
VERSION = "版本"  # updates the task had at export: a newer one in the store means the row is stale
WIDTHS = (8, 28, 60, 22, 12, 10, 12, 50, 30, 6)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import changed."""

    rows: int
    status_changes: int
    unit_changes: int
    deadline_changes: int
    evidence_added: int


def export_ledger(session: Session, path: Path | str, plan_id: int | None = None) -> int:
    """Write the ledger of a plan's tasks (all plans when None) to `path`; returns the row count.

    A plan that is not stored is a NotFoundError (not an empty ledger over the file); the
    workbook replaces `path` only once it is written whole.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    check_output(path)
    if plan_id is not None:
        get_plan(session, plan_id)
    tasks = list_tasks(session, TaskFilter(plan_id=plan_id))
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append((*HEADERS, VERSION))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for task in tasks:
        update = last_update(task)
        sheet.append([
            task.id,
            f"{task.group.label} {task.group.title}".strip(),
            "".join(task.quote.split()),
            task.unit_name,
            task.deadline,
            task.status,
            update.on_date if update else None,
            update.evidence if update else "",
            update.link if update else "",
            len(task.updates),
        ])
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + i)].width = width
    sheet.column_dimensions["J"].hidden = True
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[4].number_format = row[6].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    if tasks:
        choices = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=False)
        sheet.add_data_validation(choices)
        choices.add(f"F2:F{len(tasks) + 1}")
    with atomic_output(path) as partial:
        book.save(partial)
    return len(tasks)


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{_text(value)}”不是日期（请写 YYYY-MM-DD）") from None


def _task_id(value: Any) -> int:
    """The task id of an 编号 cell (3, '3', 3.0 as Excel may store it); ValueError with the Chinese reason."""
    if _text(value) == "":
        raise ValueError("编号为空")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        if isinstance(value, bool | float):
            raise ValueError
        return int(_text(value))
    except ValueError:
        raise ValueError(f"编号：“{_text(value)}”不是任务编号") from None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def import_ledger(session: Session, path: Path | str, who: str | None = None) -> ImportResult:
    """Apply an edited ledger: status, unit, deadline and new evidence; all rows valid or nothing changes."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except Exception as exc:
        raise ValidationError(f"{path}: not an Excel workbook ({exc.__class__.__name__})") from None
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows or tuple(_text(c) for c in rows[0][: len(HEADERS)]) != HEADERS:
        raise ValidationError(f"{path}: the first row must be the ledger header: {' | '.join(HEADERS)}")
    has_version = len(rows[0]) > len(HEADERS) and _text(rows[0][len(HEADERS)]) == VERSION
    units = {u.name for u in unit_list(session)}
    problems: list[str] = []
    plans: list[tuple[Task, str, str, date | None, str, str]] = []
    seen: set[int] = set()
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * (len(HEADERS) + 1 - len(row))
        if all(c in (None, "") for c in cells[: len(HEADERS)]):
            continue
        where = f"第{number}行"
        try:
            task_id = _task_id(cells[0])
        except ValueError as exc:
            problems.append(f"{where} {exc}")
            continue
        if task_id in seen:
            problems.append(f"{where} 编号：任务 {task_id} 重复出现")
            continue
        seen.add(task_id)
        task = session.get(Task, task_id)
        if task is None:
            problems.append(f"{where} 编号：任务 {task_id} 不存在")
            continue
        if has_version and isinstance(cells[len(HEADERS)], int | float) and len(task.updates) > cells[len(HEADERS)]:
            problems.append(f"{where} 编号：任务 {task_id} 在导出后已有新的进展，请重新导出后再修改")
            continue
        status, unit = _text(cells[5]), _text(cells[3])
        if status not in STATUSES:
            problems.append(f"{where} 状态：{status or '（空）'} 不是 {'/'.join(STATUSES)} 之一")
        if not unit:
            problems.append(f"{where} 牵头单位：不能为空")
        elif unit not in units and unit != task.unit_name:
            problems.append(f"{where} 牵头单位：{unit} 不在单位表中（planwatch tasks units）")
        try:
            deadline = _date(cells[4])
        except ValueError as exc:
            problems.append(f"{where} 完成时限：{exc}")
            deadline = None
        link = _text(cells[8])
        if link and not link.startswith(("http://", "https://", "/")):
            problems.append(f"{where} 链接：{link} 不是网址")
        plans.append((task, status, unit, deadline, _text(cells[7]), link))
    if problems:
        raise ValidationError(f"{path}：{len(problems)} 处问题，未作任何修改", problems)
    counts = [0, 0, 0, 0]
    for task, status, unit, deadline, evidence, link in plans:
        if unit != task.unit_name:
            assign(session, task.id, unit, who)
            counts[1] += 1
        previous = last_update(task)
        new_evidence = evidence and evidence != (previous.evidence if previous else "")
        status_changed = status != task.status
        deadline_changed = deadline is not None and deadline != task.deadline
        if status_changed or new_evidence or deadline_changed:
            update_task(session, task.id, status if status_changed else None, who,
                        evidence=evidence if new_evidence else "", link=link if new_evidence else "",
                        source="import", deadline=deadline if deadline_changed else None)
            counts[0] += status_changed
            counts[2] += deadline_changed
            counts[3] += bool(new_evidence)
    return ImportResult(len(plans), *counts)
