"""The execution report download (下载报告) and a plan's evaluation page (radar chart and scores, rule on hover)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from planwatch.web import schemas
from planwatch.web.deps import engine_of, require_reader
from planwatch.web.render import page

router = APIRouter()
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/plans/{plan_id:int}/report", tags=["reports"], summary="The plan's execution report as a file",
            response_class=Response, responses=schemas.download("The report (or the workbook) in the format asked for.",
                                                                *(media.split(";")[0] for media in MEDIA.values())))
def report_file(request: Request, plan_id: int,
                format: Annotated[Literal["docx", "pdf", "md", "html", "xlsx"],  # noqa: A002
                                  Query(description="docx, pdf, md, html or xlsx (the workbook).")] = "docx") -> Response:
    """The execution report (or the plan's workbook) of `plan_id`, as an attachment."""
    require_reader(request)
    engine = engine_of(request)
    if format == "xlsx":
        from planwatch.errors import ConfigError
        from planwatch.evaluate.facts import plan_info
        from planwatch.evaluate.service import evaluate
        from planwatch.report.model import report_title
        from planwatch.report.workbook import workbook

        try:
            evaluation = evaluate(engine, plan_id)
        except ConfigError:  # the server's evaluation system cannot be read: the workbook without its scores
            evaluation = None
        data = workbook(engine, plan_id, evaluation)
        name = f"{report_title(plan_info(engine, plan_id))}（数据表）.xlsx"  # named as the report is (it read plan-4-workbook)
    else:
        from planwatch.report.model import build_report
        from planwatch.report.writers import render

        built = build_report(engine, plan_id)
        data = render(built, format)
        name = f"{built.title}.{format}"
    disposition = f"attachment; filename=\"plan-{plan_id}.{format}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=MEDIA[format], headers={"Content-Disposition": disposition})


@page(router, "/plans/{plan_id:int}/evaluation", "evaluation.html", api="/api/plans/{plan_id:int}/evaluation",
      tags=["evaluation"], model=schemas.EvaluationPage)
def evaluation(request: Request, plan_id: int) -> dict[str, Any]:
    """A plan's scores under the bundled indicator system: per dimension, item (with its rule), domain and unit."""
    from planwatch.evaluate.facts import plan_info
    from planwatch.evaluate.service import evaluate
    from planwatch.web.i18n import gettext
    from planwatch.web.labels import system_name

    engine = engine_of(request)
    plan = plan_info(engine, plan_id)
    result = evaluate(engine, plan_id)
    data = asdict(result)
    for domain, rate in zip(data["domains"], result.domains, strict=True):
        domain["rate"] = rate.rate
    data["plan"] = {"id": plan.id, "government": plan.government, "year": plan.year, "title": plan.title}
    # The chart: a dimension without data is no point (None) on an axis marked 暂无数据, never a 0 at the centre.
    data["radar"] = {"names": [system_name(d.name) if d.scored else gettext("%(name)s (no data yet)",
                                                                           name=system_name(d.name))
                               for d in result.dimensions],
                     "scores": [None if d.score is None or not d.scored else round(d.score, 1)
                                for d in result.dimensions]}
    # What the total rests on: n of N items with data (按 2/24 个有数据的指标计算); no data, no total.
    coverage = (gettext("computed from the %(scored)s of %(items)s items with data", scored=result.scored,
                        items=result.item_count) if result.scored
                else gettext("none of the %(items)s items has data yet: no total score", items=result.item_count))
    data["coverage"] = {"scored": result.scored, "items": result.item_count, "text": coverage}
    # the dimensions without data whose weight the others share (`effective`): the total is checkable by hand
    data["reweighted"] = [system_name(d.name) for d in result.dimensions if d.effective is None] if result.scored else []
    return data
