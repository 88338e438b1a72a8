"""Upload errors in the interface language, worded from the reader's reason code.

The document readers raise a `DocumentError` with an English one-liner meant for the CLI ("x.pdf: no text layer
(a scanned PDF …); run OCR first") and a stable `reason` with its values ("pdf_scanned", pages=3). An upload shows
the same problem fully in the interface language, worded here from the code (never by matching the English); the
original line stays in the error's details for administrators.
"""

from __future__ import annotations

from typing import Any

from planwatch.web.i18n import gettext as _
from planwatch.web.labels import N_

__all__ = ["READ_WORDS", "reason"]

_FORMATS = ".txt .md .docx .pdf .html"

# reason code → the message (its fields: the error's values, plus `formats`)
READ_WORDS: dict[str, str] = {
    "unsupported_type": N_("files of type %(type)s cannot be read; upload one of: %(formats)s"),
    "no_extension": N_("the file name has no extension, so its format is unknown; rename it to end in one of: "
                       "%(formats)s"),
    "empty_file": N_("the file is empty (0 bytes); check that the download or export finished"),
    "pdf_scanned": N_("the document holds only scanned images, no text; run OCR first or upload a text version"),
    "pdf_garbled": N_("the PDF's text cannot be decoded (its fonts have no character map); run OCR or upload a .docx "
                      "or .txt"),
    "pdf_password": N_("the PDF is password-protected; remove the password and upload it again"),
    "image": N_("the document holds only scanned images, no text; run OCR first or upload a text version"),
    "misnamed_pdf": N_("the file is a PDF saved under another extension; rename it to end in .pdf and upload it "
                       "again"),
    "misnamed_zip": N_("the file is a ZIP or Office package; if it is a Word document, rename it to end in .docx"),
    "old_office": N_("the file is an old Office document (.doc/.xls); save it as .docx or .txt and upload it again"),
    "no_text": N_("the file contains no text; check that the right file was chosen"),
    "binary": N_("this is not a text document; upload one of: %(formats)s"),
    "encoding": N_("the text is neither UTF-8 nor GB18030; save it as UTF-8"),
    "too_large": N_("the file is too large to read; split the document or save it as .txt"),
    "time_budget": N_("reading it took more than %(seconds)s CPU seconds (setting PLANWATCH_DOCUMENT_SECONDS); the "
                      "document is unusually dense or malformed: split it, or ask the administrator to raise the "
                      "limit"),
    "damaged": N_("the file is damaged or not a valid document of its type; re-export it or save it as .txt"),
    "not_found": N_("the file was not found on the server; upload it again"),
    "directory": N_("the file was not found on the server; upload it again"),
    "not_regular": N_("the file was not found on the server; upload it again"),
    "permission": N_("the server cannot read the file it saved; tell the administrator"),
    "os_error": N_("the server cannot read the file it saved; tell the administrator"),
}


def reason(code: str, params: dict[str, Any] | None = None) -> str:
    """The reader's problem `code` (with its values) in the interface language; a general line for a code without
    words of its own (tests/web/test_upload_errors.py checks every code the readers raise has words)."""
    text = READ_WORDS.get(code)
    if text is None:
        return _("its content could not be read")
    values = {"formats": _FORMATS, **{k: str(v) for k, v in (params or {}).items()}}
    return _(text, **values)
