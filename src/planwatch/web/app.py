"""The FastAPI application: `create_app(settings)` wires middleware, errors, static files and routers."""

from __future__ import annotations

import gc
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, FastAPI, Request, Response
from sqlalchemy import Engine
from starlette.datastructures import QueryParams
from starlette.routing import BaseRoute

from planwatch import __version__
from planwatch.settings import Settings, get_settings
from planwatch.web import errors, hardening, i18n, openapi
from planwatch.web.assets import StaticAssets
from planwatch.web.sessions import LANGUAGE_COOKIE, MAX_AGE, SESSION_COOKIE, Session, SessionSigner

DESCRIPTION = (
    "planwatch: every result and target of a development plan, its indicators, actuals and tasks. "
    "Every page of the dashboard is also JSON under /api. Errors share one shape: "
    '{"error": {"code", "message", "details"}}. Scripts authenticate with '
    "`Authorization: Bearer <token>`; browser forms use the session cookie and a CSRF token."
)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The planwatch dashboard and JSON API for `settings` (and an already open `engine`, if given)."""
    import planwatch.monitor.followup  # noqa: F401  (uploads run task extraction and follow-up)

    settings = settings or get_settings()
    app = FastAPI(title="planwatch", version=__version__, description=DESCRIPTION, lifespan=_lifespan,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)  # Swagger UI would load from a CDN
    # (its assets are in no installed package; the CSP allows no other origin): /openapi.json is the reference
    app.state.settings = settings
    app.state.engine = engine
    app.state.engine_lock = threading.Lock()
    app.state.signer = SessionSigner(settings.secret_key or secrets.token_urlsafe(32))

    errors.install(app)
    openapi.install(app)  # the token scheme and the one error shape, as the server answers
    _install_middleware(app, settings)
    hardening.install(app, settings)  # outermost: security headers, body size, integer ranges
    app.mount("/static", StaticAssets(), name="static")

    app.router.routes.extend(_routes())
    return app


@lru_cache(maxsize=1)
def _routes() -> tuple[BaseRoute, ...]:
    """Every router of `web.routes`, included once a process, for every app made in it to share.

    FastAPI builds an included route's request handling (a validator for each parameter) on the first request an
    app sends into its router, and keeps it with the inclusion: included by each app, that is ≈ 0.3 s of CPU for
    each app made (a test's, a worker's); included here, once a process. The inclusion names no app (`app.include_router`
    would make the app its dependency-override provider; planwatch overrides no dependency)."""
    from planwatch.web.routes import ROUTERS

    assembly = APIRouter()
    for router in ROUTERS:
        assembly.include_router(router)
    return tuple(assembly.routes)


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """While serving, the objects made before (modules, routes, templates: ≈ 140,000) are frozen out of the
    garbage collector's reach: each full collection traversed them all, pauses of ≈ 100 ms that made a page's
    p95 twice its median (the indicator page: p95 170 → 110 ms, full collections 100 → 5–11 ms). Freezing costs
    nothing; the little garbage of startup stays until shutdown (a collection first would cost the 100 ms)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # an app made and dropped (tests) leaves nothing out of reach


def _drop_empty_params(request: Request) -> None:
    """Forget empty query parameters (``?plan=&kind=target``): an empty filter field means no filter.

    ``kind=`` is kept, since on the targets table it means "results and targets".
    """
    pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v != "" or k == "kind"]
    if len(kept) != len(pairs):
        request.scope["query_string"] = urlencode(kept).encode("latin-1")
        request._query_params = QueryParams(request.scope["query_string"])


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    """Per request: the language (?lang=, cookie, default) and the signed session cookie."""
    signer: SessionSigner = app.state.signer

    @app.middleware("http")
    async def _context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        _drop_empty_params(request)
        chosen = request.query_params.get("lang")
        language = i18n.normalize_language(chosen or request.cookies.get(LANGUAGE_COOKIE), settings.language)
        request.state.language = language
        session = signer.loads(request.cookies.get(SESSION_COOKIE))
        fresh = session is None
        request.state.session = session or Session()
        request.state.session.drop_stale_flash()
        token = i18n.set_language(language)
        problems = getattr(request.state, hardening.OUT_OF_RANGE, None)
        try:
            response = await call_next(request) if not problems else hardening.out_of_range_response(request, problems)
        finally:
            i18n.reset_language(token)
        session = request.state.session
        if fresh or session.dirty:
            response.set_cookie(SESSION_COOKIE, signer.dumps(session), max_age=MAX_AGE, httponly=True,
                                samesite="lax", secure=settings.secure_cookies, path="/")
        if chosen and i18n.normalize_language(chosen, "") == language:
            response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax", path="/")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


__all__ = ["create_app"]
