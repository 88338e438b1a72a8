"""Whatever the bytes or characters, readers and the outline raise DocumentError or work; nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.documents import load
from planwatch.documents.decode import decode_bytes
from planwatch.documents.meta import describe
from planwatch.documents.outline import build_outline
from planwatch.errors import DocumentError


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_raise_document_error(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data, Path("x.txt"))
    except DocumentError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x.txt: ")
    else:
        assert isinstance(text, str)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=300), st.sampled_from([".txt", ".html", ".docx", ".pdf"]))
def test_arbitrary_files_load_or_raise_document_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        load(path)
    except DocumentError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)


_PLANLIKE = st.lists(st.sampled_from(
    ["一、", "二、", "（一）", "（二）", "1.", "2. ", "（1）", "一是", "二是", "**一是**", "第一章", "第二节", "\n", "\n\n",
     "  \u2003\u2003", "。", "；", "：", "增长8%", "总体要求", "一、二季度", "1.5倍", "#", "*"]
), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _PLANLIKE))
def test_outline_and_meta_never_raise(text: str) -> None:
    tree = build_outline(text)
    for section in tree.walk():
        assert 0 <= section.start < section.heading_end <= section.end <= len(text)
        if section.parent is not None:
            assert section.parent.start <= section.start and section.end <= section.parent.end
    describe(text, "doc")
