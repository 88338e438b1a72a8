"""The app's routers, in the order they are mounted."""

from __future__ import annotations

from fastapi import APIRouter

from planwatch.web.routes import actuals, admin, auth, entry, meta, indicators, pages, search, targets, tasks, upload
from planwatch.web.routes import rounds  # supervision: rounds, inbox, 我的任务
from planwatch.web.routes import assessments  # monitoring: verdicts with evidence
from planwatch.web.routes import report  # reports: 下载报告, evaluation page

ROUTERS: list[APIRouter] = [pages.router, targets.router, assessments.router, indicators.router, search.router, tasks.router, rounds.router, upload.router,
                           actuals.router, entry.router, admin.router, report.router, auth.router, meta.router]
