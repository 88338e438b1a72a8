"""The actuals import in the browser: a refused import's problems worded in the interface language from their codes.

Each problem of a bad row is a `planwatch.errors.RowProblem` of `store.actuals.import_actuals`: its file, row and
column, a reason code of `store.actuals.ROW_REASONS` and the values its wording needs. `ROW_WORDS` words every reason
(tests/web/test_actuals_import.py checks that none is missing and each has its Chinese); the store's English message
is the CLI's in English. A file that cannot be read as a table is worded from its DocumentError's reason (`FILE_WORDS`).
`planwatch actuals import` words its refusals with these functions in Chinese (`cli.language.import_refusal`).
"""

from __future__ import annotations

from typing import Any

from planwatch.errors import DocumentError, RowProblem, ValidationError
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import N_

# A row problem's reason → its wording; %(…)s are the problem's params (`store.actuals.RowChecker.check`).
ROW_WORDS: dict[str, str] = {
    "indicator_empty": N_("indicator is empty"),
    "indicator_unknown": N_("unknown indicator %(name)s"),
    "government_unknown": N_("unknown government %(name)s"),
    "government_merged": N_("government is empty (a merged cell? give each row its own government)"),
    "government_ambiguous": N_("government is empty, and several governments are stored (%(governments)s): fill it "
                               "in"),
    "government_none": N_("government is empty, and no plan is stored yet"),
    "year_empty": N_("year is empty"),
    "year_date": N_("the year %(value)s is a date: write the year as a number"),
    "year_invalid": N_("the year %(value)s is not a whole year between %(low)s and %(high)s"),
    "period_invalid": N_("period %(value)s is not read: leave it blank for the whole year, or write 一季度, 上半年, "
                         "前三季度 or 1—n月 (1—9月)"),
    "period_single": N_("period %(value)s is a single quarter (or half), not the months from January; write the "
                        "cumulative figure of %(instead)s"),
    "value_empty": N_("value is empty"),
    "value_grouping": N_("the value %(value)s: thousands separators must be in groups of three (1,234.5)"),
    "value_date": N_("the value %(value)s is a date: write the number"),
    "value_not_finite": N_("the value %(value)s is not a finite number"),
    "value_not_number": N_("the value %(value)s is not a number"),
    "value_magnitude_unit": N_("the value %(value)s has a magnitude that does not fit the row's unit %(unit)s"),
    "value_doubled_magnitude": N_("the value %(value)s has a doubled magnitude %(magnitude)s: write one (万, 亿, "
                                  "万亿 …)"),
    "value_rate_magnitude": N_("the value %(value)s is a rate and takes no magnitude %(magnitude)s"),
    "value_not_exact": N_("the value %(value)s is not an exact number (约, 多, 左右 …)"),
    "value_no_unit": N_("the value %(value)s has no unit, and the unit is empty"),
    "value_unit_mismatch": N_("the value %(value)s is in %(value_unit)s, which does not convert to the row's unit "
                              "%(unit)s"),
    "measure_invalid": N_("measure %(value)s is not one of 新增, 总量 (存量), 增速, 比重, 百分点"),
    "unit_empty": N_("unit is empty"),
    "unit_doubled_magnitude": N_("the unit %(unit)s has a doubled magnitude %(magnitude)s: write one (万, 亿, 万亿 …)"),
    "unit_rate_magnitude": N_("the unit %(unit)s is a rate and takes no magnitude %(magnitude)s"),
    "unit_not_convertible": N_("the unit %(unit)s does not convert to %(indicator)s's unit %(own)s"),
    "unit_not_rate": N_("the unit %(unit)s does not fit a measure of %(measure)s: use %%"),
    "unit_not_points": N_("the unit %(unit)s does not fit a measure of 百分点: use 百分点"),
    "span_invalid": N_("the span %(value)s is not one of 当年, 年均, 累计"),
    "period_start_invalid": N_("the start year %(value)s is not a year up to %(year)s"),
    "period_with_span": N_("a part of the year (期间) cannot also be an average or a total (时段)"),
    "same_key": N_("the same indicator, government, year, period and measure as row %(first)s, with another value "
                   "(%(value)s here, %(first_value)s there): keep one of them"),
    "not_permitted": N_("you may not record %(indicator)s for %(government)s: it is not an indicator of your units' "
                        "tasks there"),
}

# A file that cannot be read as a table, by its DocumentError's reason.
FILE_WORDS: dict[str, str] = {
    "empty_file": N_("%(name)s is empty (0 bytes); check that the download or export finished"),
    "xlsx_unreadable": N_("%(name)s is not a readable Excel workbook; open it in Excel and save it again as .xlsx"),
    "csv_encoding": N_("%(name)s is neither UTF-8 nor GB18030 text; save the CSV as UTF-8"),
    "table_type": N_("%(name)s: import a .xlsx or .csv file (the template)"),
}


def problem_words(problem: RowProblem) -> str:
    """One problem of a row in the interface language (as the store wrote it for a reason without words)."""
    text = ROW_WORDS.get(problem.reason)
    if text is None:
        return problem.message
    params = dict(problem.params)
    if problem.reason == "unit_not_rate":
        from planwatch.store.actuals import MEASURE_WORDS

        params["measure"] = MEASURE_WORDS.get(str(params.get("measure")), params.get("measure"))
    return _(text, **params)


def column_words(problem: RowProblem) -> str:
    """The column of a problem as the file shows it ("C列（年份）"); "" for a problem of the whole row."""
    if not problem.column:
        return ""
    from planwatch.store.actuals import HEADERS_ZH

    heading = problem.heading or HEADERS_ZH.get(problem.column, problem.column)
    return _("column %(letter)s (%(heading)s)", letter=problem.letter, heading=heading) if problem.letter else heading


def problems(exc: ValidationError) -> list[dict[str, Any]]:
    """[{row, column, reason, params, message}] of a refused import, one a problem, worded in the interface language
    (`message`, as the other refusals' problems say it: static/app.js); then, past the rows listed, {row: None,
    message: "… and N more bad rows"}."""
    out: list[dict[str, Any]] = [
        {"row": p.row, "column": column_words(p), "reason": p.reason, "params": dict(p.params),
         "message": problem_words(p)} for p in exc.row_problems]
    more = int(str(exc.params.get("count", 0))) - len({p.row for p in exc.row_problems})
    if more > 0:
        out.append({"row": None, "column": "", "reason": "more_rows", "params": {"n": more},
                    "message": _("… and %(n)s more bad rows", n=more)})
    return out


def row_problems(exc: ValidationError) -> list[dict[str, Any]]:
    """[{row, problems: [..]}] of a refused import, a row's problems worded in the interface language; past the rows
    listed, {row: None, problems: ["… and N more bad rows"]}."""
    out: list[dict[str, Any]] = []
    for item in problems(exc):
        if out and item["row"] is not None and out[-1]["row"] == item["row"]:
            out[-1]["problems"].append(item["message"])
        else:
            out.append({"row": item["row"], "problems": [item["message"]]})
    return out


def refusal(exc: ValidationError, name: str) -> str | None:
    """A refused import that is no list of bad rows (no column of the header, no rows, no value), in the interface
    language; None for another refusal (the caller words it as it words library errors)."""
    if exc.reason == "actuals_header":
        return _("%(name)s has no %(columns)s column in its first %(within)s rows (read as the header: row %(row)s, "
                 "%(cells)s): keep the template's header row", name=name, columns=exc.params.get("columns", "指标"),
                 within=exc.params.get("within", 10), row=exc.params.get("row", 1), cells=exc.params.get("cells", ""))
    if exc.reason == "actuals_empty":
        return _("%(name)s has no rows under its header; nothing was imported", name=name)
    if exc.reason == "actuals_no_value":
        return _("%(name)s: no row has a value; fill in the 数值 column; nothing was imported", name=name)
    return None


def file_refusal(exc: DocumentError, name: str) -> str:
    """Why the file could not be read as a table, in the interface language."""
    text = FILE_WORDS.get(exc.reason)
    if text is not None:
        return _(text, name=name)
    return _("%(name)s could not be read as a table; check that it is the filled template", name=name)


__all__ = ["FILE_WORDS", "ROW_WORDS", "column_words", "file_refusal", "problem_words", "problems", "refusal",
           "row_problems"]
