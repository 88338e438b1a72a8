"""Tables flattened one cell a line: a 分解表 or 分工方案 as a web page or a converted file gives it.

A 民生实事 or 重点工作 table names each task's units and time limit in cells of its own row ("序号 / 民生实事 / 责任单位
/ 完成时限", "序号 / 事项分类 / 事项名称 / 项目内容 / 牵头单位 / 协同单位"). Flattened, every cell is a line:

    1
    启动建设东柳河城区段综合治理工程和东湖湿地公园。
    县水务局
    县住建局
    12月底前
    2
    新建2座人行天桥。
    …

Read as prose, the lines without a sentence end join the next (a wrapped line): each record would run from one row's
unit, time limit and number cells into the next row's task. `flat_table` finds such a table by its header row (a run of
column names with a unit or a time column) and reads its rows by the kind of each cell: a number opens a row, a unit
name (…局, …委, …中心, 各乡镇（街道）) or a time limit (12月底前, 9月投入使用, 2016年9月) closes what it follows, and the
other cells are the row's texts: its last text before a unit or a time cell is what is to be done, the ones before it
the row's category and title (no task unless they state a figure: "新建1家公办普惠托育机构" is one). Pure, regex only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.extract.tables import line_spans
from planwatch.extract.task_lexicon import VERB

# A column's name in a header row: "序号", "民生实事", "责任单位", "完成时限", "项目内容" …
_COLUMN = re.compile(r"(?:序号|编号|[\u4e00-\u9fff]{0,6}(?:单位|部门|时限|时间|节点|内容|名称|分类|类别|事项|实事|任务|项目|目标|措施|"
                     r"举措|备注|进度|领导|责任人|标准|要求))")
_UNIT_COLUMN = re.compile(r"单位|部门")
_TIME_COLUMN = re.compile(r"时限|时间|节点")
_COLUMN_MAX = 10
_HEADER_MIN = 3
# A header row is looked for only where one of these names stands on a line of its own (most texts have none).
_HEADER_HINT = re.compile(r"\n[ \t\u3000]*(?:序号|编号|牵头单位|责任单位|完成时限|完成时间|协同单位|配合单位|责任部门|牵头部门)"
                          r"[ \t\u3000]*\n")
# A cell that numbers its row ("1", "10", "3.").
_NUMBER = re.compile(r"\d{1,3}[.、．]?")
# A unit's name: a body of a level (县水务局, 区红十字会, 团区委, 各乡镇（街道）), a place of the level below (东孝街道, 孝顺镇,
# 源东乡) or a company (金义新区发展集团); "/" for none.
_UNIT = re.compile(r"(?:(?:[省市区县州旗盟]|各|团)[\u4e00-\u9fff]{0,20}?(?:局|委|办|办公室|中心|指挥部|集团|公司|大队|支队|中队|会|院|"
                   r"联|协|政府|管委会|街道|镇|乡|部|所|站|队|处|室|厅|社|园区)"
                   r"|[\u4e00-\u9fff]{1,12}(?:街道|镇|乡|集团|公司|指挥部|管委会))(?:[（(][\u4e00-\u9fff]{1,6}[）)])?|[/／—－-]+|无")
_UNIT_MAX = 24
# A time limit: "12月底前", "9月投入使用", "5月底前动工", "2016年9月", "年底前", "上半年", "三季度末".
_WHEN = (r"(?:(?:1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月(?:份|底|末|中旬|上旬|下旬)?|年底|年末|年内|全年|上半年|下半年"
         r"|[一二三四1-4]季度末?)")
_TIME = re.compile(rf"(?:(?:19|20)\d\d年(?:底|末)?{_WHEN}?|{_WHEN})(?:前|以前|之前|内)?[\u4e00-\u9fff]{{0,6}}")
_TIME_FIRSTS = frozenset("0123456789一二三四五六七八九十年全上下")
_TIME_MAX = 14
_SENTENCE = re.compile(r"[。；！？，,;]")
# A line that ends the table: a heading ("二、…"), a note under it ("注：…", "备注：…").
_TABLE_END = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十\d]+[章节条]|注[：:]|备注[：:]|说明[：:])")


@dataclass(slots=True)
class Row:
    """What one row of a flattened table (or a part of a row: a second task with its own time limit) commits to."""

    start: int  # where its first cell starts
    label: str  # its number ("5"), "" when the table has none
    title: str  # its category and title cells, whitespace-free ("“防灾救灾”工程 避灾安置场所规范化建设"), else ""
    bodies: list[tuple[int, int]] = field(default_factory=list)  # the cells to read for tasks
    units: str = ""  # the lead units its unit cells name, in the text's words ("区教体局"; "县水务局、县住建局")
    time_limit: str = ""  # its time limit cell ("5月底前动工"), "" when none


@dataclass(slots=True)
class Table:
    """A flattened table: where it starts (its header row) and ends, and its rows."""

    start: int
    end: int
    rows: list[Row]


def _kind(line: str) -> str:
    """"number", "unit", "time" or "text": what a cell of a table's row is (`line` whitespace-free)."""
    if len(line) <= 4 and _NUMBER.fullmatch(line):
        return "number"
    if _SENTENCE.search(line) is None:
        if len(line) <= _TIME_MAX and line[0] in _TIME_FIRSTS and _TIME.fullmatch(line):
            return "time"
        if len(line) <= _UNIT_MAX and _UNIT.fullmatch(line) and VERB.match(line) is None and not line[0].isdigit():
            return "unit"
    return "text"


def _header(cells: list[str], at: int) -> int:
    """How many lines from `at` on are a header row's column names (0 when they are not one: fewer than three, or no
    unit nor time column)."""
    n = at
    while n < len(cells) and len(cells[n]) <= _COLUMN_MAX and _COLUMN.fullmatch(cells[n]):
        n += 1
    names = cells[at:n]
    if len(names) < _HEADER_MIN or not any(_UNIT_COLUMN.search(c) or _TIME_COLUMN.search(c) for c in names):
        return 0
    return n - at


def flat_table(text: str, start: int, end: int) -> Table | None:
    """The first table flattened one cell a line in text[start:end] (`Table`), or None."""
    hint = _HEADER_HINT.search(text, max(0, start - 1), end)
    if hint is None:
        return None
    lines = line_spans(text, max(start, hint.start()), end)
    cells = ["".join(text[a:b].split()) for a, b in lines]
    at = next((i for i in range(len(cells)) if _header(cells, i)), None)
    if at is None:
        return None
    width = _header(cells, at)
    columns = cells[at:at + width]
    lead_only = sum(1 for c in columns if _UNIT_COLUMN.search(c)) >= 2  # 牵头单位 + 协同单位: the first unit cell leads
    rows: list[Row] = []
    current: Row | None = None  # the row whose unit and time cells are being read
    texts: list[int] = []  # the text cells read since the last unit, time or number cell
    units: list[str] = []
    label = ""  # the number of the row being read, until its first part is made
    last = at + width
    for i in range(at + width, len(cells)):
        line = cells[i]
        if _TABLE_END.match(line) is not None:
            break
        kind = _kind(line)
        last = i + 1
        if kind == "number":
            if current is None and texts:
                rows.append(_row(lines, cells, texts, label))  # a row with no unit nor time cell
            texts, units, current, label = [], [], None, line.rstrip(".、．")
        elif kind == "text" or (kind == "unit" and current is None and not texts):
            # (a name right after the row's number is its title: "3 / 县人民医院 / 新建…。/ 县卫健局")
            if current is not None:  # a second task of the row ("开工建设老年大学。" then its own time limit)
                texts, units, current = [], [], None
            texts.append(i)
        else:
            if current is None:
                if not texts:
                    continue
                current = _row(lines, cells, texts, label)
                rows.append(current)
                label = ""
            if kind == "time":
                current.time_limit = current.time_limit or line
            elif not (line[0] in "/／—－-" or line == "无" or line.startswith(("各", "相关")) or (lead_only and units)):
                units.append(line)
                current.units = "、".join(units)
    if current is None and texts:
        rows.append(_row(lines, cells, texts, label))
    if not rows:
        return None
    _inherit(rows)
    return Table(lines[at][0], lines[last - 1][1], rows)


def _row(lines: list[tuple[int, int]], cells: list[str], texts: list[int], label: str) -> Row:
    """The row (or part of one) whose text cells are `texts`: the last is what is to be done, those before it its
    category and title, read only when they state a figure."""
    *titles, content = texts
    row = Row(lines[texts[0]][0], label, " ".join(cells[k] for k in titles))
    row.bodies = [lines[k] for k in titles if any(ch.isdigit() for ch in cells[k])] + [lines[content]]
    return row


def _inherit(rows: list[Row]) -> None:
    """A part of a row with its own time limit and no unit cell shares the row's units (a merged cell: "5 / 开工建设县
    老年养护楼。/ 县民政局 / 5月底前动工 / 开工建设老年大学。/ 12月底前")."""
    for before, row in zip(rows, rows[1:], strict=False):
        if not row.label and not row.units and row.time_limit:
            row.units = before.units
