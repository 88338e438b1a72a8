"""The app's routers, in the order they are mounted."""

from __future__ import annotations

from fastapi import APIRouter

from planwatch.web.routes import actuals, auth, indicators, pages, search, targets, tasks, upload

ROUTERS: list[APIRouter] = [pages.router, targets.router, indicators.router, search.router, tasks.router, upload.router,
                           actuals.router, auth.router]
