"""Plain-text plans (.txt, .md): the decoded file, character for character, less saved-page debris.

A page saved from a government site keeps its toolbar ("下载 打印 全屏 收藏 【字号 大 中 小】"),
breadcrumb and share lines; `page_debris` drops those whole lines at the head and tail.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.documents.decode import decode_bytes
from planwatch.documents.page_debris import drop_page_debris


def read_text(path: Path, data: bytes) -> str:
    """The text of a .txt/.md file as decoded, without the tool lines of a saved web page (records index it)."""
    text, _encoding = decode_bytes(data, path)
    return drop_page_debris(text)
