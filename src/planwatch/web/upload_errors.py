"""Upload errors in the interface language: the library's one-line reason, reworded by kind.

The document readers raise English one-liners meant for the CLI ("x.pdf: no text layer
(a scanned PDF …); run OCR first"). An upload shows the same problem fully in the
interface language; the original line stays in the error's details for administrators.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from planwatch.web.i18n import gettext as _

_FORMATS = ".txt .md .docx .pdf .html"

# (pattern on the library's reason, translated reason); the first match wins.
REASONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"unsupported file type '([^']*)'"),
     lambda m: _("files of type %(type)s cannot be read; upload one of: %(formats)s", type=m.group(1), formats=_FORMATS)),
    (re.compile(r"no file extension"),
     lambda m: _("the file name has no extension, so its format is unknown; rename it to end in one of: %(formats)s",
                 formats=_FORMATS)),
    (re.compile(r"empty file|the file is empty"),
     lambda m: _("the file is empty (0 bytes); check that the download or export finished")),
    (re.compile(r"no text layer|scanned|image|OCR", re.IGNORECASE),
     lambda m: _("the document holds only scanned images, no text; run OCR first or upload a text version")),
    (re.compile(r"text layer cannot be decoded|garbage"),
     lambda m: _("the PDF's text cannot be decoded (its fonts have no character map); run OCR or upload a .docx or .txt")),
    (re.compile(r"contains no text|no text found|only blank"),
     lambda m: _("the file contains no text; check that the right file was chosen")),
    (re.compile(r"binary file|NUL bytes"),
     lambda m: _("this is not a text document; upload one of: %(formats)s", formats=_FORMATS)),
    (re.compile(r"neither UTF-8 nor GB18030|encoding|decode", re.IGNORECASE),
     lambda m: _("the text is neither UTF-8 nor GB18030; save it as UTF-8")),
    (re.compile(r"too large|larger than|more than|unpacks to", re.IGNORECASE),
     lambda m: _("the file is too large to read; split the document or save it as .txt")),
    (re.compile(r"damaged|not a valid|corrupt|not a readable|cannot be read|nested too deeply", re.IGNORECASE),
     lambda m: _("the file is damaged or not a valid document of its type; re-export it or save it as .txt")),
]


def reason(detail: str) -> str:
    """The library's reason reworded in the interface language (a general one when no pattern fits)."""
    for pattern, words in REASONS:
        match = pattern.search(detail)
        if match:
            return words(match)
    return _("its content could not be read")
