"""Reading documents: files in, decoded text and its section outline out."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from planwatch.errors import DocumentError

BUNDLED_PLAN = "pingshan-2019-plan.txt"


@dataclass(slots=True)
class Document:
    """A plan as text: `text` is what every record's offsets index."""

    name: str  # the file's stem: the `doc` field of records
    text: str
    path: Path | None = None
    format: str = "txt"


def bundled_plan_path() -> Path:
    """Path of the bundled reference plan (Pingshan District 2019)."""
    return Path(str(resources.files("planwatch.data").joinpath(BUNDLED_PLAN)))


def load(path: Path | str) -> Document:
    """Read a plan file into a Document (placeholder: UTF-8 text only)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; check the path") from None
    return Document(name=path.stem, text=text, path=path, format="txt")
