"""Bulk ingest throughput on a synthetic corpus built at run time from the real reports.

The corpus (default 10,000 documents) is generated into a temporary folder from the texts
of ../shared/corpus/full: each document is one real report with its government replaced by
a synthetic one (北山县, 东河区 …, 10 consecutive years each) and every year shifted by the
same amount; the first line says it is synthetic. Nothing is committed or kept.

Each configuration ingests the first --sample documents of that corpus into a fresh
database, in its own process, and prints documents/s, MB/s, peak memory (writer and the
largest worker) and the time 56,000 documents would take at that rate:

- local engine, 1 worker and 2 workers (the ratio), SQLite;
- local engine, 2 workers, PostgreSQL (--postgres URL of a server where we may CREATE DATABASE);
- Ray, local cluster of 2 CPUs, SQLite.

    .venv/bin/python benchmarks/corpus.py [--documents 10000] [--sample 300] [--postgres URL] [--only 1,2,pg,ray]

The machine's other load matters: on a shared 2-core machine the 2-worker figure is
capped by whatever else runs; the script prints the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TOTAL = 56_000
YEARS = 10
_A = "北南东西新安宁平长永兴和丰顺康泰华清河山江湖林桥城阳云海金石白青龙凤德武"
_B = "山川河湖林原丘陵城门桥口台坪岭溪港洲田州坝冈"
_SUFFIX = "县区市"
_YEAR = regex.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?=\s*年)")


def government_names() -> list[str]:
    """Synthetic two-character county/district/city names (about 3,000, like the country's counties)."""
    return [f"{a}{b}{s}" for s in _SUFFIX for a in _A for b in _B]


def build_corpus(sources: Path, folder: Path, documents: int) -> tuple[int, int]:
    """Write `documents` synthetic documents into `folder`; (files, bytes)."""
    from planwatch.documents import load
    from planwatch.store.ingest import describe_document

    templates = []
    for path in sorted(sources.glob("*.txt")):
        document = load(path)
        info = describe_document(document)
        body = document.text
        if info.government:
            body = body.replace(info.government, "本地")
        templates.append((body, info.year, info.kind))
    names = government_names()
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for n in range(documents):
        government, year = names[(n // YEARS) % len(names)], 2011 + n % YEARS
        body, source_year, kind = templates[n % len(templates)]
        shift = year - (source_year or year)
        text = _YEAR.sub(lambda m, shift=shift: str(int(m.group(1)) + shift), body)
        what = "政府工作报告" if kind == "work_report" else "国民经济和社会发展计划"
        head = f"{government}{year}年{what}\n（合成语料：由真实报告替换政府名称和年份生成，仅供性能测试）\n\n"
        data = (head + text).encode("utf-8")
        size += len(data)
        (folder / f"{n // 1000:02d}" / f"synthetic-{n:06d}.txt").parent.mkdir(exist_ok=True)
        (folder / f"{n // 1000:02d}" / f"synthetic-{n:06d}.txt").write_bytes(data)
    return documents, size


def sample_folder(corpus: Path, sample: int, into: Path) -> tuple[int, int]:
    """Hard-link the first `sample` documents of `corpus` into `into`; (files, bytes)."""
    into.mkdir(parents=True, exist_ok=True)
    size = count = 0
    for path in sorted(corpus.rglob("*.txt"))[:sample]:
        os.link(path, into / path.name)
        size += path.stat().st_size
        count += 1
    return count, size


def run_one(config: str, folder: Path, url: str) -> dict[str, float]:
    """Child process: ingest `folder` into `url` with `config`; the figures."""
    from planwatch.store.db import connect

    engine = connect(url)
    start = time.perf_counter()
    if config == "ray":
        from planwatch.pipeline.ray_engine import ingest_ray

        tally = ingest_ray(engine, [folder], workers=2)
    else:
        from planwatch.pipeline import ingest_corpus

        tally = ingest_corpus(engine, [folder], workers=int(config.split(":")[1]))
    seconds = time.perf_counter() - start
    engine.dispose()
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "documents": tally.done, "failed": len(tally.failures), "added": tally.added,
            "records": tally.records, "writer_mb": me.ru_maxrss / 1024, "worker_mb": children.ru_maxrss / 1024,
            "writer_cpu": me.ru_utime + me.ru_stime, "worker_cpu": children.ru_utime + children.ru_stime}


def _pg_database(server: str) -> tuple[str, object]:
    """A new database on `server` and a function that drops it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"pw_h13_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(server).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    """Build the corpus, run each configuration in its own process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="Size of the synthetic corpus built.")
    parser.add_argument("--sample", type=int, default=300, help="Documents ingested per configuration.")
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus" / "full")
    parser.add_argument("--postgres", default=os.environ.get("PLANWATCH_TEST_DATABASE_URL"),
                        help="PostgreSQL server URL (a database is created and dropped).")
    parser.add_argument("--only", default="1,2,pg,ray", help="Configurations: 1, 2 (workers, SQLite), pg, ray.")
    parser.add_argument("--run", nargs=3, metavar=("CONFIG", "FOLDER", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]), args.run[2])))
        return
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="planwatch-corpus-") as tmp:
        t0 = time.perf_counter()
        files, size = build_corpus(args.sources, Path(tmp) / "corpus", args.documents)
        print(f"synthetic corpus: {files:,} documents, {size / 1e6:.0f} MB, built in {time.perf_counter() - t0:.0f} s "
              f"from {args.sources}")
        sample, sample_bytes = sample_folder(Path(tmp) / "corpus", args.sample, Path(tmp) / "sample")
        print(f"each run ingests the first {sample} documents ({sample_bytes / 1e6:.1f} MB) into a fresh database\n")
        print(f"{'configuration':<28}{'docs':>6}{'s':>8}{'docs/s':>9}{'MB/s':>7}{'writer MB':>11}{'worker MB':>11}"
              f"{'56,000 docs':>13}{'CPU s/doc: workers':>20}{'writer':>8}")
        rates: dict[str, float] = {}
        cpu: dict[str, tuple[float, float]] = {}
        for config in args.only.split(","):
            drop = None
            if config == "pg":
                if not args.postgres:
                    print("pg: skipped (no --postgres URL)")
                    continue
                url, drop = _pg_database(args.postgres)
                label, mode = "2 workers, PostgreSQL", "local:2"
            elif config == "ray":
                url, label, mode = f"sqlite:///{tmp}/ray.db", "Ray local (2 CPUs), SQLite", "ray"
            else:
                url, label, mode = f"sqlite:///{tmp}/w{config}.db", f"{config} worker{'s' if config != '1' else ''}, SQLite", \
                    f"local:{config}"
            try:
                done = subprocess.run([sys.executable, __file__, "--run", mode, str(Path(tmp) / "sample"), url],
                                      capture_output=True, text=True, check=True)
            except subprocess.CalledProcessError as exc:
                print(f"{label}: failed: {exc.stderr.strip().splitlines()[-1:]}")
                continue
            finally:
                if drop is not None:
                    drop()  # type: ignore[operator]
            r = json.loads(done.stdout.strip().splitlines()[-1])
            rate = r["documents"] / r["seconds"]
            rates[config] = rate
            worker = "-" if config == "ray" else f"{r['worker_mb']:.0f}"
            print(f"{label:<28}{r['documents']:>6}{r['seconds']:>8.1f}{rate:>9.2f}"
                  f"{sample_bytes / 1e6 / r['seconds']:>7.2f}{r['writer_mb']:>11.0f}{worker:>11}"
                  f"{TOTAL / rate / 60:>10.0f} min"
                  f"{'-' if config == 'ray' else format(r['worker_cpu'] / r['documents'], '.2f'):>20}"
                  f"{r['writer_cpu'] / r['documents']:>8.2f}" + (f"  ({r['failed']} failed)" if r["failed"] else ""),
                  flush=True)
            cpu[config] = (r["worker_cpu"] / r["documents"], r["writer_cpu"] / r["documents"])
        if "1" in rates and "2" in rates:
            print(f"\n2 workers / 1 worker: {rates['2'] / rates['1']:.2f}x (wall clock, under the load shown)")
        if "2" in cpu or "1" in cpu:
            worker, writer = cpu.get("2", cpu.get("1"))  # type: ignore[misc]
            for n in (1, 2):
                # on 2 otherwise idle cores: n workers can use n cores, the writer one, and together at most 2
                bound = min(n / worker, 1 / writer, 2 / (worker + writer)) if worker and writer else 0.0
                print(f"CPU-time bound, {n} worker{'s' if n > 1 else ''} + the writer on 2 idle cores: "
                      f"{bound:.2f} documents/s, 56,000 documents in {TOTAL / bound / 3600:.1f} h" if bound else "")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
