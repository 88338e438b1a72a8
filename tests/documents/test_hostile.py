"""Hostile and damaged files (issue 12): each ends in a Document or one DocumentError naming
the file, at once; never a hang, a raw exception or a memory blow-up."""

from __future__ import annotations

import io
import os
import random
import re
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_support import run

from planwatch.documents import from_bytes, load
from planwatch.errors import DocumentError

from .paths import FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import fuzz  # noqa: E402  (benchmarks/fuzz.py: the same mutations, many more of them)


def _within(seconds: float, work: Callable[[], Any]) -> Any:
    """Run `work` in a thread; fail (instead of hanging the suite) when it takes longer than `seconds`."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 — handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _repack(source: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            target.writestr(info.filename, edit(info.filename, package.read(info)))
    return out.getvalue()


def test_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    try:
        with pytest.raises(DocumentError, match=r"plan\.txt: is a named pipe \(FIFO\)"):
            _within(10, lambda: load(fifo))
    finally:
        try:  # release a reader the old code left blocked on open()
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
    code, out, err = run(capsys, "text", str(fifo))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "FIFO" in err


def test_device_named_like_a_plan_is_refused(tmp_path: Path) -> None:
    """plan.txt → /dev/zero read forever and ended in MemoryError."""
    link = tmp_path / "plan.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(DocumentError, match=r"plan\.txt: is a device, not a regular file"):
        _within(10, lambda: load(link))


def test_file_past_the_size_limit_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.settings import get_settings

    big = tmp_path / "big.txt"
    big.write_bytes(("地区生产总值增长8.5%。\n" * 8000).encode())  # ~0.2 MB
    monkeypatch.setenv("PLANWATCH_MAX_FILE_MB", "0.1")
    get_settings.cache_clear()
    try:
        with pytest.raises(DocumentError, match=r"big\.txt: is 0\.2 MB; planwatch reads files up to 0\.1 MB"):
            load(big)
        code, out, err = run(capsys, "extract", str(big))
        assert code == 2 and len(err.strip().splitlines()) == 1 and "PLANWATCH_MAX_FILE_MB" in err
    finally:
        monkeypatch.delenv("PLANWATCH_MAX_FILE_MB")
        get_settings.cache_clear()
    assert load(big).text.startswith("地区生产总值")


@pytest.mark.parametrize("pi", ['<?xml version="1.0" encoding="utf-8"?>', "<?php echo 1; ?>"])
def test_html_processing_instruction_in_the_body(pi: str) -> None:
    """<?xml …?> inside the body is a node without a tag: it raised AttributeError."""
    page = f"<html><body><div>{pi}二〇一九年地区生产总值增长8.5%以上</div></body></html>".encode()
    assert "地区生产总值增长8.5%以上" in from_bytes("page.html", page).text


def test_docx_style_based_on_itself_does_not_hang() -> None:
    data = (FIXTURES / "plan.docx").read_bytes()

    def edit(name: str, content: bytes) -> bytes:
        if name == "word/styles.xml":  # every style based on itself
            text = content.decode("utf-8")
            text = re.sub(r'<w:basedOn w:val="[^"]*"/>', "", text)
            text = re.sub(r'(<w:style [^>]*w:styleId="([^"]+)"[^>]*>)', r'\1<w:basedOn w:val="\2"/>', text)
            return text.encode("utf-8")
        if name == "word/document.xml":  # paragraphs with a style and no numbering of their own
            text = content.decode("utf-8")
            text = re.sub(r"<w:numPr>.*?</w:numPr>", "", text)
            return text.replace("<w:p>", '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>').encode("utf-8")
        return content

    document = _within(30, lambda: from_bytes("plan.docx", _repack(data, edit)))
    assert "地区生产总值" in document.text


@pytest.mark.parametrize("fmt", ["upperRoman", "decimal", "chineseCounting", "lowerLetter"])
def test_docx_numbering_starting_at_ten_to_the_twelfth(fmt: str) -> None:
    data = (FIXTURES / "plan-numbered.docx").read_bytes()

    def edit(name: str, content: bytes) -> bytes:
        if name != "word/numbering.xml":
            return content
        text = re.sub(r'<w:start w:val="\d+"/>', '<w:start w:val="1000000000000"/>', content.decode("utf-8"))
        text = re.sub(r'<w:numFmt w:val="[^"]+"/>', f'<w:numFmt w:val="{fmt}"/>', text)
        return text.encode("utf-8")

    patched = _repack(data, edit)
    assert b"1000000000000" in zipfile.ZipFile(io.BytesIO(patched)).read("word/numbering.xml")
    document = _within(30, lambda: from_bytes("plan-numbered.docx", patched))
    assert "地区生产总值" in document.text


def _damaged_docx(kind: str) -> bytes:
    data = bytearray((FIXTURES / "plan.docx").read_bytes())
    package = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = package.getinfo("word/document.xml")
    start = info.header_offset
    name_len, extra_len = int.from_bytes(data[start + 26:start + 28], "little"), int.from_bytes(data[start + 28:start + 30], "little")
    body = start + 30 + name_len + extra_len
    if kind == "method":  # "compression method not supported": the central directory names method 99
        central = data.find(b"PK\x01\x02")
        while central >= 0:
            length = int.from_bytes(data[central + 28:central + 30], "little")
            if bytes(data[central + 46:central + 46 + length]) == b"word/document.xml":
                data[central + 10:central + 12] = (99).to_bytes(2, "little")
            central = data.find(b"PK\x01\x02", central + 46)
    else:  # zlib "invalid distance too far back" and friends: damage the deflate stream
        rng = random.Random(7)
        for i in range(body + 40, body + info.compress_size - 40, 97):
            data[i] ^= 1 << rng.randrange(8)
    return bytes(data)


@pytest.mark.parametrize("kind", ["method", "deflate"])
def test_damaged_docx_parts(kind: str) -> None:
    with pytest.raises(DocumentError, match=r"plan\.docx: (not a valid Word \.docx|damaged)"):
        from_bytes("plan.docx", _damaged_docx(kind))


@pytest.mark.parametrize("part", ["word/_rels/document.xml.rels", "[Content_Types].xml", "word/styles.xml"])
def test_docx_with_an_emptied_part(part: str) -> None:
    """python-docx met empty or foreign XML with AttributeError (Relationship_lst, overrides)."""
    data = (FIXTURES / "plan.docx").read_bytes()
    damaged = _repack(data, lambda name, content: b'<?xml version="1.0"?><x/>' if name == part else content)
    try:
        from_bytes("plan.docx", damaged)
    except DocumentError as exc:
        assert "plan.docx" in str(exc)


def test_zip_bomb_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (600 * 1024 * 1024))
    with pytest.raises(DocumentError, match="unpacks to 600 MB"):
        from_bytes("bomb.docx", out.getvalue())


def test_mutated_real_files_end_in_a_document_or_the_library_error() -> None:
    """A bounded share of benchmarks/fuzz.py, fixed seed: mutated real .txt/.md/.docx/.pdf/.html (the files of
    tests/data/documents and 1–4 KB passages of real reports wrapped in each format), read and analysed as an
    ingest does; each ends in an Analysis, a DocumentError or a ValidationError naming the file."""
    seed_set = fuzz.seed_set(20261203, shared=None, passages=25)
    assert {name.rsplit(".", 1)[1] for name, _ in seed_set.files + seed_set.passages} >= {"txt", "md", "docx", "pdf", "html"}
    rng = random.Random(20261203)
    problems = []
    for count, (name, data) in enumerate(fuzz.mutants(seed_set, rng)):
        if count >= 500:
            break
        given = count % 5 != 0  # most as `ingest --government … --year …`, some left to the title
        problem = fuzz.check(name, data, "示例县" if given else None, 2026 if given else None)
        if problem:
            problems.append((name, problem))
    assert not problems, problems[:5]


def test_fuzz_inputs_are_named_by_job_and_index() -> None:
    """`benchmarks/fuzz.py --replay JOB:INPUT` depends on a job's inputs being the same every time."""
    seed_set = fuzz.seed_set(3, shared=None, passages=5)
    first = [item for _, item in zip(range(30), fuzz.inputs(seed_set, 12000068), strict=False)]
    again = [item for _, item in zip(range(30), fuzz.inputs(fuzz.seed_set(3, shared=None, passages=5), 12000068), strict=False)]
    other = [item for _, item in zip(range(30), fuzz.inputs(seed_set, 12000069), strict=False)]
    assert first == again and first != other
    assert {government for _, _, government, _ in first} - {None} <= set(fuzz.GOVERNMENTS)


def test_fuzz_check_tells_a_raw_exception_from_the_library_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "plan-crlf.txt").read_bytes()
    assert fuzz.check("plan-crlf.txt", data, "示例县", 2026) is None
    assert fuzz.check("plan-crlf.txt", b"\x00\x01\x02" * 40) is None  # a DocumentError naming the file
    assert fuzz.check("plan.docx", b"PK\x03\x04" + b"\x00" * 40) is None

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise KeyError("boom")

    monkeypatch.setattr("planwatch.extract.extract_quantities", broken)
    problem = fuzz.check("plan-crlf.txt", data, "示例县", 2026)
    assert problem is not None and problem.startswith("KeyError: 'boom' (at test_hostile.py:")


def test_fuzz_seeds_are_real_passages_in_every_format() -> None:
    rng = random.Random(5)
    texts = fuzz.real_texts()
    assert texts
    for _ in range(40):
        stem, text = rng.choice(texts)
        piece = fuzz.passage(text, rng)
        assert len(piece.encode("utf-8")) <= 4096
        assert all(line in text.splitlines() for line in piece.splitlines()[:-1])  # whole real lines, in order
        assert piece.splitlines()[0] in text
    piece = fuzz.passage(texts[0][1], random.Random(1), low=1500, high=3000)
    for fmt in ("txt", "md", "html", "docx", "pdf"):
        text = from_bytes(f"p.{fmt}", fuzz.wrap(piece, fmt, random.Random(2))).text
        compact = re.sub(r"\s", "", text)
        lines = [re.sub(r"\s", "", line) for line in piece.splitlines() if line.strip()]
        assert sum(line[:20] in compact for line in lines) >= 0.9 * len(lines), fmt
