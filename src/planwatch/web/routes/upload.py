"""Upload: ingest a plan file from the browser (administrators), with clear errors."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from planwatch.errors import DocumentError, PlanwatchError, StoreError, ValidationError
from planwatch.web.deps import check_csrf, current_user, engine_of, require_admin
from planwatch.web.errors import wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.render import json_response, render_template

router = APIRouter()
MAX_BYTES = 50 * 1024 * 1024
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


class IngestOut(BaseModel):
    """What an upload did."""

    status: str
    plan: dict[str, Any]
    records: int
    targets: int
    actuals: int


def _formats() -> str:
    from planwatch.documents import SUPPORTED

    return " ".join(SUPPORTED)


@router.get("/upload", include_in_schema=False)
def upload_form(request: Request) -> Response:
    """The upload page (the form is shown to administrators)."""
    current_user(request)
    return render_template(request, "upload.html", {"formats": _formats(), "result": None})


def safe_name(filename: str | None) -> str:
    """The uploaded file's own name, stripped of folders and characters no file system takes."""
    name = _UNSAFE.sub("_", Path((filename or "").replace("\\", "/")).name).strip(" .")
    if not name:
        raise ValidationError(_("The file has no name; choose a plan file to upload"))
    return name[:200]


def _restated(exc: PlanwatchError, path: str, name: str) -> PlanwatchError:
    """The same error about the uploaded file's own name (not the temporary path), with a translated lead."""
    detail = str(exc).replace(path, name)
    lead = _("%(name)s could not be stored", name=name) if isinstance(exc, StoreError) \
        else _("%(name)s could not be read", name=name)
    if detail.startswith(f"{name}: "):
        detail = detail[len(name) + 2:]
    again = type(exc).__new__(type(exc))
    Exception.__init__(again, f"{lead}: {detail}")
    if isinstance(exc, ValidationError):
        again.problems = [p.replace(path, name) for p in exc.problems]
    return again


def ingest_upload(request: Request, upload: UploadFile, government: str | None, year: int | None) -> dict[str, Any]:
    """Save the upload under its own name in a temporary folder, ingest it, and describe the result."""
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    user = require_admin(request)
    name = safe_name(upload.filename)
    data = upload.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)s MB", mb=MAX_BYTES // 2**20))
    if not data:
        raise DocumentError(_("%(name)s: the file is empty", name=name))
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            document = load(path)
            result = ingest_document(engine_of(request), document, government=government or None, year=year,
                                     who=user.username)
        except PlanwatchError as exc:
            raise _restated(exc, str(path), name) from None
    return {"status": result.status, "records": result.records, "targets": result.targets, "actuals": result.actuals,
            "plan": {"id": result.plan_id, "source": result.source, "government": result.government, "year": result.year}}


@router.post("/api/plans", dependencies=[Depends(check_csrf)], tags=["plans"], response_model=IngestOut,
             status_code=201, summary="Ingest a plan file (multipart upload; administrators).")
def upload_api(request: Request, file: Annotated[UploadFile, File(description="A plan: .txt .md .docx .pdf .html")],
               government: Annotated[str | None, Form(description="Override the issuing government.")] = None,
               year: Annotated[int | None, Form(description="Override the plan year.")] = None) -> Response:
    """Read, extract and store one plan in one transaction; the same content again changes nothing."""
    result = ingest_upload(request, file, government, year)
    return json_response(result, status_code=201 if result["status"] != "unchanged" else 200)


@router.post("/upload", dependencies=[Depends(check_csrf)], include_in_schema=False)
def upload_page(request: Request, file: Annotated[UploadFile, File()],
                government: Annotated[str | None, Form()] = None, year: Annotated[str | None, Form()] = None) -> Response:
    """The form without JavaScript: ingest, then open the plan."""
    year_value = int(year) if year and year.strip().isdigit() else None
    result = ingest_upload(request, file, government, year_value)
    if wants_json(request):
        return json_response(result, status_code=201)
    return RedirectResponse(f"/plans/{result['plan']['id']}", status_code=303)
