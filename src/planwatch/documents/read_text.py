"""Plain-text plans (.txt, .md): the decoded file, character for character."""

from __future__ import annotations

from pathlib import Path

from planwatch.documents.decode import decode_bytes


def read_text(path: Path, data: bytes) -> str:
    """The text of a .txt/.md file exactly as decoded (record offsets index it)."""
    text, _encoding = decode_bytes(data, path)
    return text
