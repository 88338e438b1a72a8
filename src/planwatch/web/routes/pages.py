"""Home and plan reader: governments, plans, headline indicators, the text with its quantities."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from planwatch.web import filters, paging, queries, schemas, status
from planwatch.web.deps import db
from planwatch.web.render import page

router = APIRouter()
HEADLINE_LIMIT = 12
DbSession = Annotated[Session, Depends(db)]


def _headline(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's main indicators (主要指标): the report's, by its one definition (`evaluate.facts.main_targets`: the
    plan year's targets under a heading naming the targets, else its standard ones), so the home page and the
    report's "计划确定的N项主要指标" list the same targets. 北京市 2026's 地区生产总值 was its 2030 goal (4.5–5 %),
    which hid the year's (≈5 %)."""
    from planwatch.evaluate.facts import main_targets

    return main_targets([r for r in records if r["kind"] == "target"], section=lambda r: r.get("section"),
                        standard=lambda r: bool(r.get("standard")), year=lambda r: r.get("year"),
                        plan_year=lambda r: r.get("plan_year"), key=lambda r: (r["indicator_id"] or r["indicator"],
                                                                               r["measure"]))


@page(router, "/", "home.html", api="/api/home", json_path="/index.json", tags=["pages"], model=schemas.HomePage)
def home(request: Request, session: DbSession,
         plan: Annotated[int | None, Query(description="Plan to show; default: the newest.")] = None) -> dict[str, Any]:
    """Home: governments, the newest plans, and for one plan its headline targets and counts by status.

    Every target of the plan is assessed for the counts, but only the shown ones (headline, judged)
    carry evidence; the plan list holds the newest `HOME_PLANS` (all of them: /plans).
    """
    newest = queries.plans(session, limit=HOME_PLANS)
    plan_id = plan if plan is not None else newest[0]["id"] if newest else None  # the newest (`latest_plan_id`)
    data: dict[str, Any] = {"governments": queries.governments(session), "plans": newest,
                            "plans_total": queries.count_plans(session) if len(newest) == HOME_PLANS else len(newest),
                            "plan": None, "headline": [], "counts": {}}
    if plan_id is None:
        return data
    data["plan"] = queries.plan(session, plan_id)
    records, _total = queries.records(session, queries.RecordFilter(plan_id=plan_id, kind="target"), limit=None)
    standard = queries.standard_indicator_ids(session, {r["indicator_id"] for r in records if r["indicator_id"]})
    for rec in records:
        rec["standard"] = rec["indicator_id"] in standard
    loaded = status.load(session, records)  # read once: the counts and the headline's evidence
    status.mark(session, records, loaded)
    data["counts"] = status.counts(records)
    data["later"] = queries.later_plan(session, plan_id) if data["counts"].get("no_data") else None
    data["headline"] = status.attach(session, _headline(records), loaded)
    data["judged"] = None if _judged(records) else _judged_elsewhere(session, plan_id, newest)
    return data


JUDGED = ("met", "missed", "conflict", "on_track", "at_risk")
HOME_PLANS = 100  # plans listed (and offered) on the home page, newest first
PLANS_PAGE = 100  # plans a page of /plans lists


def _judged(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r.get("status") in JUDGED]


def _own(records: list[dict[str, Any]], year: int | None) -> list[dict[str, Any]]:
    """The targets a plan sets: those for its year and later ones; a target of an earlier year is one the document
    restates (国务院 2017年政府工作报告's "广义货币M2增长11.3%，低于13%左右的预期目标", 2016's target) and is listed
    under the plan that set it."""
    return [r for r in records if year is None or r.get("year") is None or r["year"] >= year]


def _judged_elsewhere(session: Session, shown: int, newest: list[dict[str, Any]],
                      look: int = 6) -> dict[str, Any] | None:
    """When the shown plan waits for actuals: the newest other plan with judged targets, and those targets.

    The targets of the `look` plans and their actuals are read at once (two statements, not two a plan): in a
    corpus the newest plans are mostly this year's, all waiting (6 of them took 30 ms one by one, 6,500 plans).
    """
    others = [p for p in newest[:look + 1] if p["id"] != shown]
    if not others:
        return None
    records, _total = queries.records(session, queries.RecordFilter(plan_ids=[p["id"] for p in others], kind="target"),
                                      limit=None)
    loaded = status.load(session, records)  # the actuals of every one's targets: a superset of each one's
    by_plan: dict[int, list[dict[str, Any]]] = {}
    for rec in records:
        by_plan.setdefault(rec["plan_id"], []).append(rec)
    for other in others:
        judged = _own(_judged(status.mark(session, by_plan.get(other["id"], []), loaded)), other.get("year"))
        if judged:
            return {"plan": other, "targets": status.attach(session, judged[:HEADLINE_LIMIT], loaded)}
    return None


@page(router, "/plans", "plans.html", tags=["plans"], model=schemas.PlansPage)
def plans(request: Request, session: DbSession,
          government: Annotated[int | None, Query(description="Only this government's plans.")] = None,
          page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
          size: Annotated[int, Query(ge=1, le=1000, description="Plans per page.")] = PLANS_PAGE) -> dict[str, Any]:
    """The stored plans, newest first, a page at a time (6,500 plans in one page were 1.6 MB); right after a plan
    was deleted from the browser, `deleted` says which (once)."""
    filters.known(session, government=government)
    total = queries.count_plans(session, government)
    page = paging.clamp(page, total, size)  # past the last page: the last one
    return {"plans": queries.plans(session, government, limit=size, offset=(page - 1) * size),
            "governments": queries.governments(session), "government": government,
            "paging": paging.paging(page, total, size), "deleted": _flash(request, "plan_deleted")}


def _flash(request: Request, kind: str) -> dict[str, Any] | None:
    """The flash of `kind` for a page read in the browser; None for its JSON (a script's request with the browser's
    cookie must not use up what the page is to show)."""
    from planwatch.web.errors import wants_json

    return None if wants_json(request) else request.state.session.take_flash(kind)


@page(router, "/plans/{plan_id:int}", "plan.html", api="/api/plans/{plan_id:int}", tags=["plans"], model=schemas.PlanPage)
def plan_reader(request: Request, plan_id: int, session: DbSession) -> dict[str, Any]:
    """Plan reader: the plan's text, its outline, and every quantity with its offsets, indicator and status.

    Right after an upload of this plan, `uploaded` says what the upload did (added, replaced, unchanged; counts;
    notes), once."""
    data = queries.plan(session, plan_id, with_text=True)
    records, _total = queries.records(session, queries.RecordFilter(plan_id=plan_id), limit=None)
    status.attach(session, records)
    uploaded = _flash(request, "upload")
    if uploaded and uploaded.get("plan") == plan_id:
        from planwatch.web.routes.upload import upload_notes

        uploaded["notes"] = upload_notes(str(uploaded.get("name") or ""), str(uploaded.get("renamed") or ""),
                                         str(uploaded.get("read_as") or ""), bool(uploaded.get("traditional")))
    else:
        uploaded = None
    return {"plan": data, "sections": queries.sections(session, plan_id), "records": records, "uploaded": uploaded}


@page(router, "/plans/{plan_id:int}/sections", "sections.html", api="/api/plans/{plan_id:int}/sections", tags=["plans"],
      model=schemas.SectionsPage)
def plan_sections(request: Request, plan_id: int, session: DbSession) -> dict[str, Any]:
    """A plan's outline (section tree with offsets into its text)."""
    return {"plan": queries.plan(session, plan_id), "sections": queries.sections(session, plan_id)}


@page(router, "/records/{record_id:int}", "record.html", api="/api/records/{record_id:int}", tags=["records"], model=schemas.RecordPage)
def record(request: Request, record_id: int, session: DbSession) -> dict[str, Any]:
    """One record: every field of the targets spec, its indicator, section and status."""
    rec = queries.record(session, record_id)
    status.attach(session, [rec])
    return {"record": rec, "plan": queries.plan(session, rec["plan_id"])}
