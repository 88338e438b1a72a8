"""Fuzz the document readers with mutated real files; print inputs/s and every raw exception.

Every input must come out as a Document or a DocumentError (the library's own error,
naming the file and the problem); anything else is a crash. Seeds are the real
.txt/.md/.docx/.pdf/.html files in tests/data/documents (plus any given with --seed).
Mutations: byte flips, deletions, insertions of random or "interesting" bytes, duplicated
and spliced ranges, truncation; for .docx also mutations inside one unpacked part of the
package (XML) and damaged zip headers (compression method, sizes).

    .venv/bin/python benchmarks/fuzz.py --inputs 1000000 --processes 2
    .venv/bin/python benchmarks/fuzz.py --seconds 600

tests/documents/test_fuzz.py runs a small, fixed-seed share of the same mutations in `make test`.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "tests" / "data" / "documents"
SEED_FILES = ("plan-crlf.txt", "county-plan-gbk.txt", "plan-utf8-bom.md", "report-utf16.txt", "plan.docx",
              "plan-numbered.docx", "plan.pdf", "plan-flowed.pdf", "plan.html")
INTERESTING = [
    b"\x00", b"\xff", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x80", b"\xc3", b"\xe4\xb8", b"%PDF-1.7", b"PK\x03\x04",
    b"<?xml version=\"1.0\"?>", b"<?php ?>", b"<!--", b"-->", b"<div>" * 50, b"</div>", b"<script>", b"<![CDATA[",
    b"&#x0;", b"&#99999999;", b"9" * 400, "、".join(["1"] * 60).encode(), "从1提高到2".encode() * 20, "一二三".encode() * 50,
    b"\r", b"\n" * 200, b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"/Length 999999999",
    b"w:basedOn", b"w:start w:val=\"1000000000000\"", b"w:ilvl w:val=\"99999\"", b"<w:p>", b"</w:p>",
]


def seeds(extra: list[Path] | None = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every seed file."""
    paths = [SEED_DIR / name for name in SEED_FILES if (SEED_DIR / name).exists()] + list(extra or [])
    return [(p.name, p.read_bytes()) for p in paths]


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


def _mutate_zip(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """A .docx with one part mutated (or its headers damaged), repacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = [(info, package.read(info)) for info in package.infolist()]
    except Exception:
        return _mutate_bytes(data, rng, others)
    if not parts:
        return _mutate_bytes(data, rng, others)
    victim = rng.randrange(len(parts))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for i, (info, content) in enumerate(parts):
            if i == victim:
                if rng.random() < 0.15:
                    continue  # drop a part ([Content_Types].xml, a relationship, the styles)
                content = _mutate_bytes(content, rng, [c for _, c in parts])
            method = zipfile.ZIP_DEFLATED if rng.random() < 0.9 else zipfile.ZIP_STORED
            package.writestr(info.filename, content, compress_type=method)
    packed = bytearray(out.getvalue())
    if rng.random() < 0.1:  # damage a local header: compression method or sizes
        start = packed.find(b"PK\x03\x04", rng.randrange(max(1, len(packed) // 2)))
        if start >= 0:
            field = rng.choice(((8, 2), (18, 4), (22, 4)))
            packed[start + field[0]:start + field[0] + field[1]] = rng.randbytes(field[1])
    return bytes(packed)


def mutants(seed_list: list[tuple[str, bytes]], rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """An endless stream of (file name, mutated bytes)."""
    others = [data for _, data in seed_list]
    while True:
        name, data = rng.choice(seed_list)
        if name.endswith(".docx") and rng.random() < 0.7:
            yield name, _mutate_zip(data, rng, others)
        else:
            yield name, _mutate_bytes(data, rng, others)


def check(name: str, data: bytes) -> str | None:
    """None when `data` reads as a Document or fails with a DocumentError; else the raw exception."""
    from planwatch.documents import from_bytes
    from planwatch.errors import DocumentError

    try:
        from_bytes(Path("fuzz") / name, data)
    except DocumentError as exc:
        if "\n" in str(exc) or "fuzz" not in str(exc):
            return f"DocumentError without the file's name or on several lines: {exc!r}"
        return None
    except Exception as exc:  # noqa: BLE001 — that is what we are looking for
        return "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return None


def _worker(job: tuple[int, int, float, list[str]]) -> tuple[int, float, list[tuple[str, str, bytes]], list[tuple[float, str]]]:
    """Run `count` inputs from random seed `seed` (or until `deadline`); return (done, seconds, crashes, slowest)."""
    seed, count, deadline, extra = job
    seed_list = seeds([Path(p) for p in extra])
    rng = random.Random(seed)
    crashes: list[tuple[str, str, bytes]] = []
    slow: list[tuple[float, str]] = []
    started = time.perf_counter()
    done = 0
    for name, data in mutants(seed_list, rng):
        if done >= count or (deadline and time.time() > deadline):
            break
        t0 = time.perf_counter()
        problem = check(name, data)
        spent = time.perf_counter() - t0
        if spent > 1.0:
            slow.append((spent, name))
        if problem is not None:
            crashes.append((name, problem, data))
        done += 1
    return done, time.perf_counter() - started, crashes, sorted(slow, reverse=True)[:5]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000, help="total mutated inputs (default 100,000)")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this many seconds instead")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=20_000, help="inputs per job")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--save", type=Path, default=None, help="write each crashing input into this folder")
    parser.add_argument("files", nargs="*", type=Path, help="more seed files")
    args = parser.parse_args(argv)
    deadline = time.time() + args.seconds if args.seconds else 0.0
    total = args.inputs if not args.seconds else 10**12
    jobs = [(args.seed * 1_000_003 + i, min(args.chunk, total - i * args.chunk), deadline, [str(f) for f in args.files])
            for i in range(max(1, -(-total // args.chunk)) if not args.seconds else args.processes * 1000)]
    started = time.perf_counter()
    done = 0
    crashes: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    with Pool(args.processes) as pool:
        for count, _spent, found, slow in pool.imap_unordered(_worker, jobs):
            done += count
            slowest = sorted(slowest + slow, reverse=True)[:5]
            for name, problem, data in found:
                crashes[problem.splitlines()[-1][:160]] += 1
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"crash-{len(crashes)}-{name}").write_bytes(data)
            elapsed = time.perf_counter() - started
            print(f"  {done:,} inputs, {done / elapsed:,.0f}/s, {sum(crashes.values())} raw exceptions", file=sys.stderr)
            if deadline and time.time() > deadline and count == 0:
                break
    elapsed = time.perf_counter() - started
    print(f"inputs: {done:,}  seconds: {elapsed:,.0f}  inputs/s: {done / elapsed:,.0f}  processes: {args.processes}")
    print(f"raw exceptions: {sum(crashes.values())}")
    for problem, n in crashes.most_common():
        print(f"  {n:6d}  {problem}")
    if slowest:
        print("slowest inputs: " + ", ".join(f"{name} {spent:.2f} s" for spent, name in slowest))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
