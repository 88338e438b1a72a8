"""The targets table: filter, sort, page; CSV and Excel download of exactly what is shown."""

from __future__ import annotations

import csv
import inspect
import io
import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from planwatch.monitor.attainment import status_filter
from planwatch.store.schema import LEVELS
from planwatch.web import filters, paging, queries, schemas, status
from planwatch.web import status as status_codes  # `status` is also a parameter
from planwatch.web.deps import db, engine_of, require_reader
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import actual_value, actual_when, aspect_words, comparator_symbol, label, period_words
from planwatch.web.render import json_response, page

log = logging.getLogger(__name__)
router = APIRouter()
DbSession = Annotated[Session, Depends(db)]
EXPORT_LIMIT = 200_000  # rows a download reads at most
EXPORT_CHUNK = 2_000  # rows a download reads, judges and writes at a time
GOVERNMENT_CHOICES = 300  # governments the filter suggests (by name); any government works by name or id
PLAN_CHOICES = 300  # plans offered in the filter (newest first, plus the chosen one); any plan works by URL
KINDS = ("target", "result")
MEASURES = ("level", "growth", "share", "points", "ratio")
Sort = Literal["position", "indicator", "value", "year", "kind", "measure", "section", "status"]


class TargetQuery:
    """The query parameters shared by the table, its JSON and its downloads."""

    def __init__(
        self,
        session: DbSession,
        plan: Annotated[int | None, Query(description="Only this plan's records.")] = None,
        kind: Annotated[str | None, Query(description="result or target; empty: both.")] = "target",
        measure: Annotated[str | None, Query(description="level, growth, share, points or ratio.")] = None,
        domain: Annotated[str | None, Query(description="Indicator domain (经济, 创新 …).")] = None,
        status: Annotated[str | None, Query(description="met, missed, on_track, at_risk, conflict or no_data (the words, \"on track\", are "
                                                "taken too).")] = None,
        section: Annotated[str | None, Query(description="Text in the section path.")] = None,
        q: Annotated[str | None, Query(description="Text in the indicator or the quote.")] = None,
        indicator: Annotated[str | None, Query(description="Only this indicator's records: its id or any of its "
                                                           "names (粮食产量, GDP), as /api/assessments takes it.")] = None,
        year: Annotated[int | None, Query(description="Only records for this year.")] = None,
        government: Annotated[str | None, Query(description="Only this government's records (its id or name, as "
                                                            "/api/governments lists them).")] = None,
        level: Annotated[str | None, Query(description="Only governments of this level: national, province, city, "
                                                       "district or county.")] = None,
        parent: Annotated[str | None, Query(description="Only the governments under this one (id or name), at any "
                                                        "depth: a province's cities and their counties.")] = None,
        sort: Annotated[Sort, Query(description="Sort column.")] = "position",
        desc: Annotated[bool, Query(description="Sort descending.")] = False,
        page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
        size: Annotated[int, Query(ge=1, le=1000, description="Rows per page.")] = 50,
    ) -> None:
        filters.known(session, plan=plan)  # the same 404 and 422 for the page, JSON, downloads
        indicator_id = filters.indicator(session, indicator)  # an id or a name; 404 for neither
        filters.one_of("kind", kind, KINDS)
        filters.one_of("measure", measure, MEASURES)
        status = status_filter(status)  # the code or its old words: on_track, "on track"
        filters.one_of("status", status, status_codes.STATUSES)
        self.filter = queries.RecordFilter(
            plan_id=plan, kind=kind or None, measure=measure or None, domain=domain or None,
            section=(section or "").strip() or None, q=(q or "").strip() or None, indicator_id=indicator_id, year=year,
            government_ids=filters.governments(session, government, level, parent),
        )
        self.status = status or None
        self.sort, self.desc, self.page, self.size = sort, desc, page, size
        self.params = {"plan": plan, "kind": kind or "", "measure": measure, "domain": domain, "status": status,
                       "section": section, "q": q, "indicator": indicator_id, "year": year, "sort": sort, "desc": desc,
                       "government": government, "level": level, "parent": parent}


def select_rows(session: Session, tq: TargetQuery, everything: bool = False) -> tuple[list[dict[str, Any]], int]:
    """The rows for `tq` (one page, or all of them for downloads) and how many match; a page past the last
    is the last in the browser, empty in JSON (`paging.clamp`; `tq.page` is set to the page shown)."""
    by_status = tq.status is not None or tq.sort == "status"
    if by_status or everything:
        rows, cut = judged_rows(session, tq)
        total = queries.AtLeast(len(rows)) if cut else len(rows)  # judged among the first EXPORT_LIMIT: "N+"
        if not everything:
            tq.page = paging.clamp(tq.page, total, tq.size)
            rows = rows[(tq.page - 1) * tq.size: tq.page * tq.size]
        return rows, total
    rows, total = queries.records(session, tq.filter, tq.sort, tq.desc, offset=(tq.page - 1) * tq.size, limit=tq.size)
    if not rows and tq.page > 1:  # past the last page: count them all (a capped count may stop short); the last
        total = queries.count_records(session, tq.filter)  # page in the browser, this one (empty) in JSON
        shown = paging.clamp(tq.page, total, tq.size)
        if shown != tq.page:
            tq.page = shown
            rows, _capped = queries.records(session, tq.filter, tq.sort, tq.desc, offset=(tq.page - 1) * tq.size,
                                            limit=tq.size, count=total)
    status.attach(session, rows)
    return rows, total


def judged_rows(session: Session, tq: TargetQuery) -> tuple[list[dict[str, Any]], bool]:
    """Every row for `tq`'s filters, judged, kept by status and sorted, from at most `EXPORT_LIMIT` rows read;
    and whether more matched (the rows are then those of the first `EXPORT_LIMIT`)."""
    rows, _total = queries.records(session, tq.filter, "position" if tq.sort == "status" else tq.sort, tq.desc,
                                   limit=EXPORT_LIMIT + 1)
    cut = len(rows) > EXPORT_LIMIT
    del rows[EXPORT_LIMIT:]
    status.attach(session, rows)
    if tq.status:
        rows = [r for r in rows if r["status"] == tq.status]
    if tq.sort == "status":
        rows.sort(key=lambda r: r["status"] or "", reverse=tq.desc)
    return rows, cut


@page(router, "/targets", "targets.html", tags=["records"], model=schemas.TargetsPage)
def targets(request: Request, session: DbSession, tq: Annotated[TargetQuery, Depends()]) -> dict[str, Any]:
    """Targets (and results): filtered, sorted and paged, each with its status and latest actual."""
    return table(session, tq)


def table(session: Session, tq: TargetQuery) -> dict[str, Any]:
    """The rows of one page, the paging, the filters in force and the choices for the filter form."""
    rows, total = select_rows(session, tq)
    return {
        "records": rows,
        "paging": paging.paging(tq.page, total, tq.size, isinstance(total, queries.AtLeast)),  # a million: "10000+"
        "filters": tq.params,
        "choices": {"plans": queries.plan_choices(session, PLAN_CHOICES, tq.filter.plan_id),
                    "domains": queries.domains(session),
                    "kinds": list(KINDS), "measures": list(MEASURES),
                    "statuses": list(status.STATUSES),
                    "governments": queries.governments(session)[:GOVERNMENT_CHOICES], "levels": list(LEVELS)},
    }


class RecordQuery(TargetQuery):
    """The targets query with results and targets both listed unless `kind` is given."""


_SIGNATURE = inspect.signature(TargetQuery, eval_str=True)
RecordQuery.__signature__ = _SIGNATURE.replace(  # type: ignore[attr-defined]
    parameters=[p.replace(default=None) if p.name == "kind" else p for p in _SIGNATURE.parameters.values()]
)


@router.get("/api/records", tags=["records"], summary="Records (results and targets), filtered, sorted and paged.",
            response_model=schemas.TargetsPage)
def records_api(request: Request, session: DbSession, tq: Annotated[RecordQuery, Depends()]) -> Response:
    """Every extracted record matching the filters, with status (targets) and latest actual."""
    require_reader(request)
    with paging.json_paging():  # a page past the last: empty, with the true total
        return json_response(table(session, tq))


# Every row says the period its value covers (期间: 全年, 年均 2021–2025, 累计 2011–2015, 上半年) and the period of its
# latest actual (实际值期间: 2015年, 2019年上半年, 2011–2015年累计): a five-year total never reads as one year's value.
EXPORT_FIELDS = ("id", "doc", "kind", "indicator_name", "indicator", "domain", "measure", "aspect", "comparator", "value",
                 "value_max", "unit", "year", "period", "status", "actual", "actual_period", "section", "quote", "start",
                 "end")


def _header() -> list[str]:
    names = {"id": _("ID"), "doc": _("Document"), "kind": _("Kind"), "indicator_name": _("Indicator"),
             "indicator": _("As written"), "domain": _("Domain"), "measure": _("Measure"),
             "aspect": _("Kind of amount"), "comparator": _("Comparator"), "value": _("Value"),
             "value_max": _("Upper value"), "unit": _("Unit"), "year": _("Year"), "period": _("Period"),
             "status": _("Status"), "actual": _("Latest actual"), "actual_period": _("Period of the actual"),
             "section": _("Section"), "quote": _("Quote"), "start": _("Start"), "end": _("End")}
    return [names[f] for f in EXPORT_FIELDS]


def _row(rec: dict[str, Any]) -> list[Any]:
    actual = rec.get("actual")
    values = dict(rec, kind=label(rec["kind"], "kind"), measure=label(rec["measure"], "measure"),
                  domain=label(rec["domain"], "domain") if rec.get("domain") else "",
                  aspect=aspect_words(rec),  # 新增 / 总量 / 差额: the quote may start after 新增
                  comparator=comparator_symbol(rec["comparator"]),
                  period=period_words(rec),  # a target's: the span it is judged on
                  status=label(rec["status"], "status") if rec.get("status") else "",
                  # as the page: 1314万人, never 1.314e+07; 下降5% beside a target of 下降3%以上
                  actual=actual_value(actual, rec) if actual else "",
                  actual_period=actual_when(actual).strip(" ()（）") if actual else "",
                  doc=rec.get("document_name") or rec.get("doc"))  # the plan by its name, not its file's stem
    for f in ("value", "value_max"):  # numbers stay numbers (Excel cells), 5000 not 5000.0
        if isinstance(values.get(f), float) and values[f].is_integer() and abs(values[f]) < 1e15:
            values[f] = int(values[f])
    return [values.get(f) if values.get(f) is not None else "" for f in EXPORT_FIELDS]


def _filename(extension: str) -> str:
    return f"planwatch-targets-{datetime.now():%Y%m%d-%H%M}.{extension}"


@dataclass(frozen=True, slots=True)
class Cut:
    """The end of a download that stopped after reading `limit` rows: more match (it says so, never silently)."""

    limit: int


def export_chunks(engine: Engine, tq: TargetQuery) -> Iterator[list[dict[str, Any]] | Cut]:
    """The rows a download holds (every page of the table for these filters, up to `EXPORT_LIMIT` read),
    `EXPORT_CHUNK` at a time: each chunk is read from one streaming query, judged and handed on before the next
    is read, so memory holds one chunk. Sorted by status, every row is judged before the first can be given.
    When more rows match than it reads, the last thing given is a `Cut`."""
    with Session(engine, expire_on_commit=False) as session:  # its own session: it outlives the request's
        if tq.sort == "status":
            rows, cut = judged_rows(session, tq)
            yield rows
            if cut:
                yield Cut(EXPORT_LIMIT)
            return
        read = 0
        for rows in queries.iter_records(session, tq.filter, tq.sort, tq.desc, limit=EXPORT_LIMIT + 1,
                                         chunk=EXPORT_CHUNK):
            read += len(rows)
            if read > EXPORT_LIMIT:  # the one row past the limit: only a sign that more match
                rows = rows[:len(rows) - (read - EXPORT_LIMIT)]
            status.attach(session, rows)
            yield [r for r in rows if r["status"] == tq.status] if tq.status else rows
            if read > EXPORT_LIMIT:
                yield Cut(EXPORT_LIMIT)
                return


def cut_note(cut: Cut) -> str:
    """What a download that stopped at `cut.limit` rows says at its end, in both languages."""
    return (f"# 已截断：下载最多读取 {cut.limit:,} 行，还有更多符合条件的行；请缩小筛选范围（方案、年份、指标），"
            f"或用命令行 planwatch assess --format csv 导出全部目标 (truncated: a download reads at most {cut.limit:,} "
            "rows and more match; narrow the filters, or export every target with planwatch assess --format csv)")


# The last line of a download whose reading failed after the status line (200) had gone: the client cannot be
# told otherwise, so the file says it is incomplete rather than look whole.
CSV_INTERRUPTED = "# 导出中断：文件不完整，请重新下载 (export interrupted: this file is incomplete, download it again)\r\n"


def csv_stream(header: list[str], chunks: Iterable[list[dict[str, Any]] | Cut]) -> Iterator[bytes]:
    """The CSV download as it is written: BOM and header at once, then one piece of UTF-8 per chunk of rows.

    A failure while reading ends it with `CSV_INTERRUPTED` (logged); closing the stream (a client that went away)
    closes `chunks` at once, so their session and connection go back then, not when the collector runs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    yield buffer.getvalue().encode("utf-8")
    try:
        for rows in chunks:
            buffer.seek(0)
            buffer.truncate()
            if isinstance(rows, Cut):
                buffer.write(cut_note(rows) + "\r\n")
            else:
                writer.writerows(_row(r) for r in rows)
            if buffer.tell():
                yield buffer.getvalue().encode("utf-8")
    except Exception:
        log.exception("targets.csv: reading failed after the download had begun; its last line says so")
        yield CSV_INTERRUPTED.encode("utf-8")
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def _close_quietly(stream: Iterator[bytes]) -> None:
    """Close a download's stream after its response (sent, or cut off by the client); still running: left to it."""
    close = getattr(stream, "close", None)
    try:
        if close is not None:
            close()
    except ValueError:  # "generator already executing" in the thread that reads it: it ends with that read
        pass


@router.get("/targets.csv", tags=["records"], summary="The targets table as CSV (UTF-8 with BOM, for Excel), streamed.",
            response_class=Response, responses=schemas.download("The table as CSV.", "text/csv"))
def targets_csv(request: Request, tq: Annotated[TargetQuery, Depends()]) -> Response:
    """Every row the table shows for these filters (all pages), as CSV, sent while it is read."""
    require_reader(request)
    stream = csv_stream(_header(), export_chunks(engine_of(request), tq))
    return StreamingResponse(stream, media_type="text/csv; charset=utf-8", background=BackgroundTask(_close_quietly, stream),
                             headers={"Content-Disposition": f'attachment; filename="{_filename("csv")}"'})


@router.get("/targets.xlsx", tags=["records"], summary="The targets table as an Excel workbook.",
            response_class=Response, responses=schemas.download("The table as a workbook.", schemas.XLSX))
def targets_xlsx(request: Request, tq: Annotated[TargetQuery, Depends()]) -> Response:
    """Every row the table shows for these filters (all pages), as XLSX: rows go to a temporary file as they are
    read (openpyxl's write-only mode), and the workbook is sent once it is whole (a zip is written at its end)."""
    from openpyxl import Workbook

    require_reader(request)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Targets"))
    sheet.append(_header())
    for rows in export_chunks(engine_of(request), tq):
        if isinstance(rows, Cut):
            sheet.append([cut_note(rows)])
            continue
        for rec in rows:
            sheet.append(_row(rec))
    workbook = tempfile.TemporaryFile()  # noqa: SIM115 — closed by the response once sent
    book.save(workbook)
    size = workbook.tell()
    workbook.seek(0)
    return StreamingResponse(_file_chunks(workbook),
                             media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             headers={"Content-Disposition": f'attachment; filename="{_filename("xlsx")}"',
                                      "Content-Length": str(size)})


def _file_chunks(handle: IO[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """The contents of `handle` a piece at a time; the file is closed at the end (or when the client leaves)."""
    with handle:
        while piece := handle.read(size):
            yield piece
