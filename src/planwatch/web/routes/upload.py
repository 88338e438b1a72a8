"""Upload: ingest a plan file from the browser (administrators), with clear errors."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from planwatch.errors import DocumentError, PlanwatchError, StoreError, ValidationError
from planwatch.web.deps import FormYear, check_csrf, current_user, engine_of, require_admin, settings_of, year_or_none
from planwatch.web.errors import wants_json
from planwatch.web.i18n import gettext as _
from planwatch.web.labels import N_
from planwatch.web.render import json_response, render_template

router = APIRouter()
MAX_BYTES = 50 * 1024 * 1024
# A plan read fine whose government or year the text does not tell: the form's own field gives it.
MISSING: dict[str, str] = {
    "plan_government_unknown": N_("%(name)s: cannot tell which government issued this plan; fill in the Government "
                                  "field and upload it again"),
    "plan_year_unknown": N_("%(name)s: cannot tell the plan's year from its title; fill in the Year field and upload "
                            "it again"),
}
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


class IngestedPlan(BaseModel):
    """The plan stored (or found unchanged)."""

    id: int
    source: str
    government: str
    year: int | None


class IngestOut(BaseModel):
    """What an upload did."""

    status: str = Field(description="added, replaced or unchanged.")
    plan: IngestedPlan
    records: int
    targets: int
    actuals: int
    notes: list[str] = []


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


def _restated(exc: PlanwatchError, path: str, name: str) -> Exception:
    """The same error about the uploaded file's own name (not the temporary path), fully in the interface
    language; the library's own line stays in the details."""
    from planwatch.web.errors import WebError
    from planwatch.web.upload_errors import reason

    detail = str(exc).replace(path, name)
    if detail.startswith(f"{name}: "):
        detail = detail[len(name) + 2:]
    details: dict[str, Any] = {"file": name, "detail": detail}
    missing = MISSING.get(getattr(exc, "reason", ""))
    if isinstance(exc, StoreError):
        message = _("%(name)s could not be stored: %(reason)s", name=name, reason=_("the database refused the write"))
    elif missing is not None:  # read fine; what it lacks is a field of the form (it said "its content could not be read")
        message = _(missing, name=name)
        details["field"] = getattr(exc, "params", {}).get("field", "")
    else:
        message = _("%(name)s could not be read: %(reason)s", name=name,
                    reason=reason(getattr(exc, "reason", ""), getattr(exc, "params", {})))
    if isinstance(exc, ValidationError):
        details["problems"] = [p.replace(path, name) for p in exc.problems]
    return WebError(exc.http_status, exc.code, message, details)


def ingest_upload(request: Request, upload: UploadFile, government: str | None, year: int | None) -> dict[str, Any]:
    """Save the upload under its own name in a temporary folder, ingest it, and describe the result."""
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    user = require_admin(request)
    name = safe_name(upload.filename)
    renamed = renamed_from(upload.filename, name)
    limit = int(settings_of(request).max_file_mb * 1024 * 1024)  # setting max_file_mb, the same limit as the CLI's
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("%(name)s is larger than %(mb)s MB (setting PLANWATCH_MAX_FILE_MB); split the document",
                                name=name, mb=f"{limit / 1048576:.3g}"))
    if not data:
        raise DocumentError(_("%(name)s: the file is empty", name=name))
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            document = load(path, max_bytes=limit)
            result = ingest_document(engine_of(request), document, government=government or None, year=year,
                                     who=user.username)
        except PlanwatchError as exc:
            raise _restated(exc, str(path), name) from None
    read_as = result.source if result.read_from else ""  # a plan stored from another file (its .txt, this its .docx)
    # The plan's page, where both upload forms (with and without JavaScript) lead, says what was done, with the notes,
    # once. The cookie keeps the facts (names, counts), not the sentences: the page words them in its language.
    request.state.session.put_flash("upload", {"plan": result.plan_id, "name": name, "status": result.status,
                                               "records": result.records, "targets": result.targets,
                                               "actuals": result.actuals, "renamed": renamed, "read_as": read_as,
                                               "traditional": bool(document.notes)})
    return {"status": result.status, "records": result.records, "targets": result.targets, "actuals": result.actuals,
            "plan": {"id": result.plan_id, "source": result.source, "government": result.government, "year": result.year},
            "notes": upload_notes(name, renamed, read_as, bool(document.notes))}


def upload_notes(name: str, renamed: str = "", read_as: str = "", traditional: bool = False) -> list[str]:
    """What an upload's reader should know, in the current language: the file's name had folder parts or characters
    that were replaced (`renamed`, the name as sent), its content is the stored plan of the file `read_as`, its text
    was in traditional script and is stored converted to simplified (`traditional`, documents.script)."""
    notes = []
    if traditional:
        notes.append(_("%(name)s is written in traditional script: its text was converted to simplified, character "
                       "for character, before it was read", name=name))
    if renamed:
        notes.append(_("The file name %(original)s had folder parts or characters a file name cannot hold; it was "
                       "stored as %(name)s", original=repr(renamed), name=name))
    if read_as:
        notes.append(_("%(name)s has the content of the stored plan %(source)s: nothing was changed",
                       name=name, source=read_as))
    return notes


def renamed_from(filename: str | None, name: str) -> str:
    """The name the upload was sent under (its first 120 characters, logged) when it had folder parts ("../../x.txt")
    or characters that were replaced; "" when `name` is that name."""
    if not filename or filename == name:
        return ""
    import logging

    logging.getLogger("planwatch.web").warning("upload named %r stored as %r", filename[:300], name)
    return filename[:120]


@router.post("/api/plans", dependencies=[Depends(check_csrf)], tags=["plans"], response_model=IngestOut,
             responses={200: {"model": IngestOut, "description": "The same content was stored already: nothing changed."}},
             status_code=201, summary="Ingest a plan file (multipart upload; administrators).")
def upload_api(request: Request, file: Annotated[UploadFile, File(description="A plan: .txt .md .docx .pdf .html")],
               government: Annotated[str | None, Form(description="Override the issuing government.")] = None,
               year: FormYear = None) -> Response:
    """Read, extract and store one plan in one transaction; the same content again changes nothing."""
    result = ingest_upload(request, file, government, year)
    return json_response(result, status_code=201 if result["status"] != "unchanged" else 200)


@router.post("/upload", dependencies=[Depends(check_csrf)], include_in_schema=False)
def upload_page(request: Request, file: Annotated[UploadFile, File()],
                government: Annotated[str | None, Form()] = None, year: Annotated[str | None, Form()] = None) -> Response:
    """The form without JavaScript: ingest, then open the plan; refused (422), the form again with the message
    beside it and the government and year as typed (the file must be chosen again: a browser never refills it)."""
    from planwatch.web.errors import WebError, error_message

    try:
        year_value = year_or_none(year)
        result = ingest_upload(request, file, government, year_value)
    except (WebError, PlanwatchError) as exc:
        status = exc.status_code if isinstance(exc, WebError) else exc.http_status
        if status not in (400, 422) or wants_json(request):
            raise
        details = exc.details if isinstance(exc, WebError) else None
        field = details.get("field", "") if isinstance(details, dict) else ""
        message = exc.detail if isinstance(exc, WebError) else error_message(exc)
        return render_template(request, "upload.html", {
            "formats": _formats(), "result": None, "error": message, "error_field": field,
            "form": {"government": government or "", "year": year or ""}}, status_code=422)
    if wants_json(request):
        return json_response(result, status_code=201)
    return RedirectResponse(f"/plans/{result['plan']['id']}", status_code=303)
