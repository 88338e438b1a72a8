"""The app's routers, in the order they are mounted."""

from __future__ import annotations

from fastapi import APIRouter

from planwatch.web.routes import (
                           actuals,
                           admin,
                           assessments,  # monitoring: verdicts with evidence
                           auth,
                           entry,
                           governments,  # GET /api/governments
                           indicators,
                           meta,
                           pages,
                           plan_delete,
                           report,  # reports: 下载报告, evaluation page
                           rounds,  # supervision: rounds, inbox, 我的任务
                           search,
                           targets,
                           tasks,
                           upload,
)

ROUTERS: list[APIRouter] = [pages.router, targets.router, assessments.router, indicators.router, search.router,
                           tasks.router, rounds.router, upload.router, plan_delete.router, governments.router,
                           actuals.router, entry.router, admin.router, report.router, auth.router, meta.router]
