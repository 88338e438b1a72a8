"""Files browsers ask for at the site root: /favicon.ico."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from planwatch.web.assets import STATIC

router = APIRouter()


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """The dashboard's icon (a small bar chart on the brand red), cached for a day."""
    return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})
