"""Fuzz reading and extraction with mutated real files; print inputs/s, raw exceptions, the slowest input.

Every input goes the way of a user's ingest: `planwatch.documents.from_bytes` (the readers),
then `planwatch.pipeline.stages.analyse` (describe, quantities, tasks, follow-up words). It
must end in an Analysis, a DocumentError or a ValidationError (the library's own errors, one
line naming the file); anything else is a raw exception, counted and reported (with --save,
the input is written to a folder to reproduce it).

Seeds are real, and mostly small so a million inputs fit in an afternoon:
- passages of 1–4 KB cut at line breaks from real reports (tests/data/heldout and
  tests/data/documents texts, plus ../shared/corpus and seeds when present), each wrapped at
  start-up into a .txt (UTF-8, GB18030, UTF-8 with BOM or UTF-16), .md, .html, .docx
  (python-docx) or .pdf (reportlab, CJK font);
- the real .txt/.md/.docx/.pdf/.html files of tests/data/documents, whole;
- a small share of whole reports (40–70 KB of text).
Mutations: byte flips, deletions, insertions of random or "interesting" bytes, duplicated and
spliced ranges, truncation; for .docx mostly mutations inside one unpacked part of the package
(XML) and damaged zip headers (compression method, sizes). 80 % of inputs are analysed with a
government and year given (as `planwatch ingest --government … --year …`), so extraction
runs even when the mutated title no longer names them.

    .venv/bin/python benchmarks/fuzz.py --inputs 1000000 --processes 2 --state fuzz-state.json --save fuzz-crashes
    .venv/bin/python benchmarks/fuzz.py --seconds 600

With --state, a run that is stopped (or given a larger --inputs) goes on where the last one
stopped when started again with the same file: new inputs, figures counted over all runs.
Every input is named by its job and index ("job 12000068 input 522"); `--replay 12000068:522`
(with the run's --seed and --passages) runs it again and, with --save, writes it to a file.

tests/documents/test_hostile.py runs a small, fixed-seed share of the same inputs in `make test`.
"""

from __future__ import annotations

import argparse
import faulthandler
import html
import io
import json
import multiprocessing
import os
import random
import signal
import struct
import sys
import time
import traceback
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "tests" / "data" / "documents"
SEED_FILES = ("plan-crlf.txt", "county-plan-gbk.txt", "plan-utf8-bom.md", "report-utf16.txt", "plan.docx",
              "plan-numbered.docx", "plan.pdf", "plan-flowed.pdf", "plan.html", "saved-page-beijing-2026.txt",
              "saved-page-henan-2026.html", "saved-page-yunnan-2026.txt", "saved-page-henan-2026-oneline.txt")
TEXT_DIRS = (ROOT / "tests" / "data" / "heldout",)
INTERESTING = [
    b"\x00", b"\xff", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x80", b"\xc3", b"\xe4\xb8", b"%PDF-1.7", b"PK\x03\x04",
    b"<?xml version=\"1.0\"?>", b"<?php ?>", b"<!--", b"-->", b"<div>" * 50, b"</div>", b"<script>", b"<![CDATA[",
    b"&#x0;", b"&#99999999;", b"9" * 400, "、".join(["1"] * 60).encode(), "从1提高到2".encode() * 20, "一二三".encode() * 50,
    b"\r", b"\n" * 200, b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"/Length 999999999",
    b"w:basedOn", b"w:start w:val=\"1000000000000\"", b"w:ilvl w:val=\"99999\"", b"<w:p>", b"</w:p>",
    "。".encode(), "；".encode(), "%".encode(), "亿元".encode(), "增长".encode(), "以上".encode(), "2026年".encode(),
    "（一）".encode(), "一、".encode(), "第三章".encode(), "\u3000".encode(), "\u200b".encode(), "\ufeff".encode(),
    "-1e308".encode(), "１２３．４５".encode(), "〇".encode(), "万".encode() * 30, b"\t" * 20, b"|" * 10,
]
GOVERNMENTS = ("坪山区", "国务院", "北京市", "河南省", "示例县", "深圳市")
# Share of each wrapping of a passage, and of each kind of seed.
FORMATS = (("txt", 0.30), ("md", 0.12), ("html", 0.20), ("docx", 0.28), ("pdf", 0.10))
WHOLE_SHARE = 0.001  # whole reports of 30–70 KB: ~100–300 ms of extraction each
FILE_SHARE = 0.20  # the real files of tests/data/documents


@dataclass(slots=True)
class Seeds:
    """What inputs are mutated from: small wrapped passages, whole real files, whole reports."""

    passages: list[tuple[str, bytes]] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)
    whole: list[tuple[str, bytes]] = field(default_factory=list)


def seeds(extra: list[Path] | None = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every real seed file of tests/data/documents (and `extra`)."""
    paths = [SEED_DIR / name for name in SEED_FILES if (SEED_DIR / name).exists()] + list(extra or [])
    return [(p.name, p.read_bytes()) for p in paths]


def real_texts(shared: Path | None = None) -> list[tuple[str, str]]:
    """(stem, text) of the real reports passages are cut from: tests/data, and ../shared when given."""
    paths: list[Path] = []
    for folder in TEXT_DIRS:
        paths += sorted(folder.glob("*.txt"))
    if shared is not None and shared.is_dir():
        for sub in ("corpus/full", "corpus/excerpts", "seeds"):
            paths += sorted((shared / sub).glob("*.txt"))
    texts = []
    for path in paths:
        try:
            texts.append((path.stem, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return [(stem, text) for stem, text in texts if len(text) > 200]


def passage(text: str, rng: random.Random, low: int = 1024, high: int = 4096) -> str:
    """Consecutive whole lines of `text`, `low`–`high` UTF-8 bytes (smaller sizes likelier: median ~1.3 KB)."""
    target = min(high, int(low * (high / low) ** (rng.random() ** 2.5)))
    lines = text.splitlines()
    start = rng.randrange(len(lines))
    out: list[str] = []
    size = 0
    for line in lines[start:] + lines[:start]:
        encoded = len(line.encode("utf-8")) + 1
        if size + encoded > high:
            room = (high - size) // 3
            if room > 20:
                out.append(line[:room])
            break
        out.append(line)
        size += encoded
        if size >= target:
            break
    return "\n".join(out)


def wrap(text: str, fmt: str, rng: random.Random) -> bytes:
    """`text` as the bytes of a file of format `fmt`, the way such files are made."""
    lines = [line for line in text.splitlines() if line.strip()] or [text or "空"]
    if fmt == "txt":
        encoding = rng.choices(("utf-8", "gb18030", "utf-8-sig", "utf-16"), (0.65, 0.25, 0.05, 0.05))[0]
        newline = "\r\n" if rng.random() < 0.2 else "\n"
        return newline.join(lines).encode(encoding, errors="replace")
    if fmt == "md":
        body = [("## " + line if len(line) < 30 else line) for line in lines[1:]]
        return ("# " + lines[0] + "\n\n" + "\n\n".join(body) + "\n").encode("utf-8")
    if fmt == "html":
        charset = "gb2312" if rng.random() < 0.15 else "utf-8"
        title = html.escape(lines[0])
        body = "\n".join(f"<p>{html.escape(line)}</p>" if len(line) >= 30 else f"<h2>{html.escape(line)}</h2>"
                         for line in lines[1:])
        page = (f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>{title}</title></head>\n'
                f'<body><div class="nav">首页 &gt; 政务公开 &gt; 计划总结</div>\n<div class="content"><h1>{title}</h1>\n'
                f"{body}\n</div></body></html>\n")
        return page.encode("gb18030" if charset == "gb2312" else "utf-8", errors="replace")
    if fmt == "docx":
        import docx

        document = docx.Document()
        document.add_heading(lines[0], level=1)
        for line in lines[1:]:
            if "\t" in line or (rng.random() < 0.05 and len(line) < 200):
                cells = line.split("\t") if "\t" in line else [line[: len(line) // 2], line[len(line) // 2:]]
                table = document.add_table(rows=1, cols=len(cells))
                for cell, value in zip(table.rows[0].cells, cells, strict=True):
                    cell.text = value
            elif len(line) < 30:
                document.add_heading(line, level=2)
            else:
                document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        return _repacked(out.getvalue())  # without the time of saving in the zip headers: the same bytes every run
    if fmt == "pdf":
        return _pdf(lines)
    raise ValueError(fmt)


def _pdf(lines: list[str]) -> bytes:
    """A flowed PDF (reportlab, STSong-Light) of `lines`, headings left, body justified."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=26, firstLineIndent=28,
                          wordWrap="CJK", alignment=4)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, alignment=0)
    story = [Paragraph(html.escape(line), heading if len(line) < 30 else body) for line in lines]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()


def seed_set(seed: int, shared: Path | None = None, passages: int = 120, extra: list[Path] | None = None) -> Seeds:
    """The seeds of one run: `passages` wrapped passages (fixed by `seed`), the real files, whole reports."""
    rng = random.Random(seed)
    texts = real_texts(shared)
    out = Seeds(files=seeds(extra))
    formats, weights = zip(*FORMATS, strict=True)
    for i in range(passages if texts else 0):
        stem, text = rng.choice(texts)
        fmt = formats[i % len(formats)] if i < len(formats) else rng.choices(formats, weights)[0]
        out.passages.append((f"{stem}-{i}.{fmt}", wrap(passage(text, rng), fmt, rng)))
    for stem, text in texts:
        if len(text) > 10_000:
            out.whole.append((f"{stem}.txt", text.encode("utf-8")))
    return out


def _mutate_bytes(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """One to four random edits of `data`."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        n = len(buf)
        at = rng.randrange(n + 1) if n else 0
        if op == 0 and n:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(n)
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and n:  # delete a range
            del buf[at:at + rng.randint(1, max(1, min(n, 64 if rng.random() < 0.8 else n)))]
        elif op == 2:  # random bytes
            buf[at:at] = rng.randbytes(rng.randint(1, 32))
        elif op == 3:  # an interesting token
            buf[at:at] = rng.choice(INTERESTING)
        elif op == 4 and n:  # duplicate a range
            start = rng.randrange(n)
            chunk = buf[start:start + rng.randint(1, 256)]
            buf[at:at] = chunk * rng.randint(1, 4)
        elif op == 5 and n:  # truncate
            del buf[rng.randrange(n):]
        elif op == 6 and others:  # splice in part of another seed
            other = rng.choice(others)
            if other:
                start = rng.randrange(len(other))
                buf[at:at] = other[start:start + rng.randint(1, 512)]
        elif op == 7 and n:  # overwrite a byte with a boundary value
            buf[rng.randrange(n)] = rng.choice((0, 0x7F, 0x80, 0xFF))
    return bytes(buf)


# A package's parts, unpacked and compressed once: (name, content, crc32, deflated content).
_PARTS: dict[int, list[tuple[str, bytes, int, bytes]] | None] = {}


def _parts(data: bytes) -> list[tuple[str, bytes, int, bytes]] | None:
    key = hash(data)
    if key not in _PARTS:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                _PARTS[key] = [(info.filename, content, zlib.crc32(content), _deflate(content))
                               for info in package.infolist() for content in (package.read(info),)]
        except Exception:  # noqa: BLE001 — not a zip: mutated as bytes
            _PARTS[key] = None
    return _PARTS[key]


def _deflate(content: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush()


def _zip(entries: list[tuple[str, int, int, bytes, int]]) -> bytearray:
    """A zip archive of (name, method, crc32, payload, unpacked size) entries, payload already compressed."""
    out = bytearray()
    central = bytearray()
    for name, method, crc, payload, size in entries:
        encoded = name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(payload), size, len(encoded), 0)
        out += encoded + payload
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(payload),
                               size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    out += central + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central),
                                 len(out), 0)
    return out


def _repacked(data: bytes) -> bytes:
    """A zip package's parts in a fixed archive layout (no timestamps), so a seed is the same bytes every run."""
    parts = _parts(data)
    assert parts is not None
    return bytes(_zip([(name, zipfile.ZIP_DEFLATED, crc, deflated, len(content)) for name, content, crc, deflated in parts]))


def _mutate_zip(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """A .docx with one part mutated, dropped or stored (or its headers damaged), repacked."""
    parts = _parts(data)
    if not parts:
        return _mutate_bytes(data, rng, others)
    victim = rng.randrange(len(parts))
    entries = []
    for i, (name, content, crc, deflated) in enumerate(parts):
        if i == victim:
            if rng.random() < 0.15:
                continue  # drop a part ([Content_Types].xml, a relationship, the styles)
            content = _mutate_bytes(content, rng, [c for _, c, _, _ in parts])
            crc = zlib.crc32(content)
            deflated = _deflate(content) if rng.random() < 0.9 else b""
        if deflated or not content:
            entries.append((name, zipfile.ZIP_DEFLATED, crc, deflated, len(content)))
        else:
            entries.append((name, zipfile.ZIP_STORED, crc, content, len(content)))
    packed = _zip(entries)
    if rng.random() < 0.1:  # damage a local header: compression method, crc or sizes
        start = packed.find(b"PK\x03\x04", rng.randrange(max(1, len(packed) // 2)))
        if start >= 0:
            offset, width = rng.choice(((8, 2), (14, 4), (18, 4), (22, 4)))
            packed[start + offset:start + offset + width] = rng.randbytes(width)
    return bytes(packed)


TEXT_PIECES = [
    "地区生产总值增长8.5%以上", "从1.2万人提高到3.4万人", "、".join(["12%"] * 40), "一二三四五六七八九十" * 5,
    "9" * 60, "1.2.3.4.5", "−5%", "-0.0", "１２３．４５亿元", "约", "左右", "以上", "以内", "不低于", "力争", "完成",
    "2019年", "2025—2026年", "十四五", "（一）", "一、", "第一章", "1.", "（1）", "①", "\n", "\n\n\n", "\t", "\u3000",
    "\u200b", "\ufeff", "\x00", "\ufffd", "%", "‰", "个百分点", "万元", "亿千瓦时", "平方公里", "亩", "元/人",
    "牵头单位：市发展改革委", "责任单位：", "新增公办学位1.4万个以上", "。", "；", "：", "“", "”", "《", "》", "<", "&amp;",
    "e", "E308", "½", "Ⅻ", "〇", "两", "零点五", "百分之五十", "翻一番", "下降", "控制在", "达到", "\U0001f600", "\u0301",
]


def _decoded(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a text seed, for mutations at the level of characters."""
    for encoding in ("utf-16", "utf-8-sig", "gb18030") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _mutate_text(text: str, rng: random.Random) -> str:
    """One to four edits of decoded text: plan phrases, numbers, control and odd characters, cut and copied ranges."""
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        n = len(text)
        at = rng.randrange(n + 1) if n else 0
        if op == 0:  # a plan phrase or an odd character
            text = text[:at] + rng.choice(TEXT_PIECES) * (rng.randint(1, 50) if rng.random() < 0.1 else 1) + text[at:]
        elif op == 1 and n:  # delete a range
            text = text[:at] + text[at + rng.randint(1, 40 if rng.random() < 0.8 else n):]
        elif op == 2 and n:  # duplicate a range
            start = rng.randrange(n)
            text = text[:at] + text[start:start + rng.randint(1, 200)] * rng.randint(1, 8) + text[at:]
        elif op == 3 and n:  # replace characters by random code points
            chars = list(text)
            for _ in range(rng.randint(1, 6)):
                chars[rng.randrange(n)] = chr(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x4E00, 0x9FA6),
                                                          rng.randrange(0xFF00, 0xFFEF), rng.randrange(0x80, 0xD800))))
            text = "".join(chars)
        elif op == 4 and n:  # swap two ranges
            i, j = sorted((rng.randrange(n), rng.randrange(n)))
            k = min(j - i, rng.randint(1, 100))
            text = text[:i] + text[j:j + k] + text[i + k:j] + text[i:i + k] + text[j + k:]
        elif op == 5 and n:  # digits changed
            digits = [i for i in range(max(0, at - 200), min(n, at + 200)) if text[i].isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + str(rng.choice((0, 9, 10**rng.randint(1, 30), rng.random()))) + text[i + 1:]
    return text


_TEXTS: dict[int, tuple[str, str] | None] = {}


def mutate(name: str, data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """One mutant of a seed (.docx: mostly inside its package; text formats: half of them as characters)."""
    if name.endswith(".docx") and rng.random() < 0.7:
        return _mutate_zip(data, rng, others)
    if name.endswith((".txt", ".md", ".html")) and rng.random() < 0.5:
        key = hash(data)
        if key not in _TEXTS:
            _TEXTS[key] = _decoded(data)
        decoded = _TEXTS[key]
        if decoded is not None:
            text, encoding = decoded
            return _mutate_text(text, rng).encode(encoding, errors="replace")
    return _mutate_bytes(data, rng, others)


def mutants(seed_list: list[tuple[str, bytes]] | Seeds, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """An endless stream of (file name, mutated bytes) from a list of seeds or a Seeds set."""
    pool = seed_list if isinstance(seed_list, Seeds) else Seeds(files=list(seed_list))
    others = [data for _, data in pool.files + pool.passages[:40]]
    while True:
        draw = rng.random()
        if pool.whole and draw < WHOLE_SHARE:
            choices = pool.whole
        elif not pool.passages or draw < WHOLE_SHARE + FILE_SHARE:
            choices = pool.files
        else:
            choices = pool.passages
        name, data = rng.choice(choices)
        yield name, mutate(name, data, rng, others)


def check(name: str, data: bytes, government: str | None = None, year: int | None = None,
          extract: bool = True) -> str | None:
    """None when `data` ends in an Analysis, a DocumentError or a ValidationError naming the file; else the problem."""
    from planwatch.documents import from_bytes
    from planwatch.errors import DocumentError, ValidationError
    from planwatch.pipeline.stages import analyse

    try:
        document = from_bytes(Path("fuzz") / name, data)
        if extract:
            analyse(document, government, year)
    except (DocumentError, ValidationError) as exc:
        if "\n" in str(exc) or name not in str(exc):
            return f"{type(exc).__name__} without the file's name or on several lines: {exc!r}"[:400]
        return None
    except Exception as exc:  # noqa: BLE001 — that is what we are looking for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ("".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()[-1][:300]
                + f" (at {Path(where.filename).name}:{where.lineno})")
    return None


_SEEDS: Seeds | None = None
_LIMIT = 60.0  # CPU seconds one input may take before it is reported as a hang


class _TooSlow(BaseException):
    """Raised by the CPU timer inside whatever runs too long (a BaseException: no `except Exception` swallows it)."""


def _too_slow(signum: int, frame: object) -> None:
    raise _TooSlow()


def _start(seed: int, shared: str, passages: int, extra: list[str], faults: str = "", limit: float = 60.0) -> None:
    """Pool initializer: build the seeds once per process (the same in every process).

    With `faults` (a folder), a crash of the interpreter itself (a segfault in a parsing library)
    leaves the Python stack of the input being read in faults-PID.log there.
    """
    global _SEEDS, _LIMIT
    _LIMIT = limit
    signal.signal(signal.SIGPROF, _too_slow)  # the regex module checks for signals while it matches
    if faults:
        Path(faults).mkdir(parents=True, exist_ok=True)
        faulthandler.enable(file=open(Path(faults) / f"faults-{os.getpid()}.log", "w"))  # noqa: SIM115 — open for the process's life
    _SEEDS = seed_set(seed, Path(shared) if shared else None, passages, [Path(p) for p in extra])
    for name, data in _SEEDS.files:  # import the readers and extractors (and load jieba) before timing inputs
        check(name, data, GOVERNMENTS[0], 2026)


def inputs(seed_set: Seeds, job: int) -> Iterator[tuple[str, bytes, str | None, int | None]]:
    """The inputs of job `job`: (file name, mutated bytes, government, year); 80 % with government and year."""
    rng = random.Random(job)
    for name, data in mutants(seed_set, rng):
        given = rng.random() < 0.8
        yield name, data, rng.choice(GOVERNMENTS) if given else None, rng.randint(2000, 2030) if given else None


def _worker(job: tuple[int, int, float]) -> tuple[int, float, list[tuple[str, str, bytes]], list[tuple[float, str, int, str]]]:
    """Run `count` inputs of job seed `seed` (or until `deadline`); return (done, CPU s, crashes, slowest)."""
    seed, count, deadline = job
    assert _SEEDS is not None
    crashes: list[tuple[str, str, bytes]] = []
    slow: list[tuple[float, str, int, str]] = []
    started = time.process_time()
    done = 0
    for index, (name, data, government, year) in enumerate(inputs(_SEEDS, seed)):
        if done >= count or (deadline and time.time() > deadline):
            break
        t0 = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, _LIMIT)
        try:
            problem = check(name, data, government, year)
        except _TooSlow:
            problem = f"HANG: over {_LIMIT:g} s CPU (super-linear work; run it with --replay {seed}:{index})"
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        spent = time.process_time() - t0
        if not slow or spent > slow[-1][0] or len(slow) < 5:
            slow = sorted(slow + [(spent, name, len(data), f"job {seed} input {index}")], reverse=True)[:5]
        if problem is not None:
            crashes.append((name, problem, data))
        done += 1
    return done, time.process_time() - started, crashes, slow


def replay(where: str, args: argparse.Namespace) -> int:
    """Run one input again ("JOB:INPUT", as the report names it): its CPU time and outcome; --save writes it."""
    job, index = (int(part) for part in where.split(":"))
    seed_set = seed_set_for(args)
    name, data, government, year = next(item for i, item in enumerate(inputs(seed_set, job)) if i == index)
    check(*seeds()[0], GOVERNMENTS[0], 2026)  # imports and jieba outside the timing
    started = time.process_time()
    problem = check(name, data, government, year)
    print(f"{name}: {len(data):,} bytes, government {government}, year {year}: {time.process_time() - started:.2f} s CPU, "
          f"{problem or 'no raw exception'}")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        (args.save / f"job{job}-input{index}-{name}").write_bytes(data)
    return 1 if problem else 0


def seed_set_for(args: argparse.Namespace) -> Seeds:
    """The seeds a run with these arguments uses."""
    shared = args.shared if args.shared and args.shared.is_dir() else None
    return seed_set(args.seed, shared, args.passages, list(args.files))


def _load_state(path: Path | None, args: argparse.Namespace) -> dict[str, Any]:
    """The totals of earlier runs kept in `path` (empty totals when there is none)."""
    state: dict[str, Any] = {"seed": args.seed, "passages": args.passages, "chunk": args.chunk, "next_job": args.first_job,
                             "inputs": 0, "cpu_seconds": 0.0, "crashes": {}, "slowest": [], "runs": []}
    if path is None or not path.exists():
        return state
    earlier = json.loads(path.read_text(encoding="utf-8"))
    for key in ("seed", "passages", "chunk"):
        if earlier[key] != state[key]:
            raise SystemExit(f"{path}: a run with --{key} {earlier[key]} (not {state[key]}); give the same or another --state")
    return earlier


def _save_state(path: Path | None, state: dict[str, Any]) -> None:
    if path is None:
        return
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)


def _hangs(problems: Counter[str]) -> int:
    return sum(n for problem, n in problems.items() if problem.startswith("HANG"))


def _raw(problems: Counter[str]) -> int:
    return sum(problems.values()) - _hangs(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000,
                        help="total mutated inputs (default 100,000; with --state, counting earlier runs)")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this many seconds instead")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=2_000, help="inputs per job (one progress line each)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--first-job", type=int, default=0, help="start at this job of the seed's sequence")
    parser.add_argument("--state", type=Path, default=None,
                        help="JSON file of totals: a run given the file of an earlier one goes on where it stopped "
                             "(new inputs, figures cumulative)")
    parser.add_argument("--passages", type=int, default=120, help="wrapped passages among the seeds (default 120)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="folder with corpus/ and seeds/ to cut passages from (default ../shared, if present)")
    parser.add_argument("--save", type=Path, default=None, help="write each crashing input into this folder")
    parser.add_argument("--input-seconds", type=float, default=60.0,
                        help="CPU seconds one input may take; past it the input counts as a hang (default 60)")
    parser.add_argument("--replay", metavar="JOB:INPUT",
                        help="run one input again, as the report names it (job 12000068 input 522: 12000068:522)")
    parser.add_argument("files", nargs="*", type=Path, help="more seed files")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args)
    state = _load_state(args.state, args)
    deadline = time.time() + args.seconds if args.seconds else 0.0
    remaining = max(0, args.inputs - state["inputs"]) if not args.seconds else 10**12
    njobs = -(-remaining // args.chunk) if not args.seconds else args.processes * 100_000
    first = state["next_job"]
    jobs = ((args.seed * 1_000_003 + first + i, min(args.chunk, remaining - i * args.chunk), deadline) for i in range(njobs))
    crashes: Counter[str] = Counter(state["crashes"])
    slowest: list[tuple[float, str, int, str]] = [tuple(s) for s in state["slowest"]]  # type: ignore[misc]
    run = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "first_job": first, "inputs": 0, "seconds": 0.0,
           "processes": args.processes}
    state["runs"].append(run)
    setup = (args.seed, str(args.shared) if args.shared and args.shared.is_dir() else "", args.passages,
             [str(f) for f in args.files], str(args.save or ""), args.input_seconds)
    print(f"fuzz: {'up to ' + format(args.inputs, ',') + ' inputs' if not args.seconds else 'for ' + str(args.seconds) + ' s'}"
          f"{', ' + format(state['inputs'], ',') + ' done by earlier runs' if state['inputs'] else ''}; "
          f"{args.processes} processes, seed {args.seed} from job {first}, {args.passages} passages"
          f"{' from ' + setup[1] if setup[1] else ''}", flush=True)
    started = time.perf_counter()
    with Pool(args.processes, initializer=_start, initargs=setup) as pool:
        results = pool.imap(_worker, jobs)  # in order: the state's next job is exact
        while True:
            try:
                count, spent, found, slow = results.next(timeout=1800)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:  # a worker killed by a signal loses its job: say so, keep waiting
                print(f"  {time.strftime('%H:%M:%S')}  no job finished for 30 min: a worker may have died "
                      f"(see faults-*.log in --save) or the machine is very busy", flush=True)
                continue
            state["next_job"] += 1
            state["inputs"] += count
            state["cpu_seconds"] += spent
            run["inputs"] += count
            run["seconds"] = round(time.perf_counter() - started, 1)
            slowest = sorted(slowest + slow, reverse=True)[:5]
            state["slowest"] = slowest
            for name, problem, data in found:
                crashes[problem] += 1
                print(f"  {'HANG' if problem.startswith('HANG') else 'RAW EXCEPTION'} in {name}: {problem}", flush=True)
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"crash-{sum(crashes.values())}-{name}").write_bytes(data)
            state["crashes"] = dict(crashes)
            _save_state(args.state, state)
            print(f"  {time.strftime('%H:%M:%S')}  {state['inputs']:,} inputs, {run['inputs'] / max(run['seconds'], 1e-9):,.0f}/s, "
                  f"{1000 * state['cpu_seconds'] / max(state['inputs'], 1):.1f} ms CPU each, "
                  f"{_raw(crashes)} raw exceptions, {_hangs(crashes)} hangs, load {os.getloadavg()[0]:.1f}", flush=True)
            if deadline and time.time() > deadline and count == 0:
                break
    elapsed = time.perf_counter() - started
    for log in args.save.glob("faults-*.log") if args.save and args.save.is_dir() else ():
        if not log.stat().st_size:
            log.unlink()  # no interpreter crash in that worker
    print(f"this run: {run['inputs']:,} inputs in {elapsed:,.0f} s, {run['inputs'] / elapsed:,.0f} inputs/s, "
          f"{args.processes} processes")
    if len(state["runs"]) > 1:
        print(f"all {len(state['runs'])} runs: {state['inputs']:,} inputs in "
              f"{sum(r['seconds'] for r in state['runs']):,.0f} s")
    print(f"inputs: {state['inputs']:,}  CPU per input: {1000 * state['cpu_seconds'] / max(state['inputs'], 1):.1f} ms")
    print(f"raw exceptions: {_raw(crashes)}  hangs (over {args.input_seconds:g} s CPU): {_hangs(crashes)}")
    for problem, n in crashes.most_common():
        print(f"  {n:6d}  {problem}")
    if slowest:
        print("slowest inputs (CPU): " + ", ".join(f"{name} ({size:,} bytes, {where}) {spent:.2f} s"
                                                   for spent, name, size, where in slowest))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
