"""Bulk ingest throughput on a synthetic corpus built at run time from the real reports.

The corpus (default 10,000 documents) is generated into a temporary folder from the texts
of ../shared/corpus/full: each document is one real report with its government replaced by
a synthetic one and every year shifted by the same amount; the first line says it is synthetic.
As in the real corpus, each government (北山县, 东河区 …, 3,168 names) has two documents a year, a
work report and a plan (both made of a real report's text: the shared corpus holds work reports), for
10 consecutive years: 56,000 documents are 2,800 governments. So each document is matched for
follow-up against the two of the year before, as a real one is. Nothing is committed or kept.

Each configuration ingests the first --sample documents of that corpus into a fresh
database, in its own process, exactly as `planwatch ingest --workers N` does, and prints:

- documents/s and MB/s over the whole run (start-up included), and "steady" documents/s
  between the first and the last commit (start-up excluded; needs at least two batches);
- CPU seconds per document: reading + extraction (wherever it ran), storing (the writer's
  database stages), follow-up matching (a process of its own beside 2 workers, the writer's
  with 1: `pipeline.matching`), and everything else (warm-up, pickling, process management);
- peak memory (RSS) of the writer process and of the largest worker process;
- extraction's memo caches are emptied before each document (`cold_extract`), since the
  synthetic documents repeat the same sentences hundreds of times (--cold, the default;
  --warm keeps them);
- the time 56,000 documents would take at the measured documents/s, and the time the corpus'
  stated size (2 GB of text for 56,000 documents, ≈ 36 KB a document, smaller than these
  synthetic ≈ 57 KB documents) would take at the measured MB/s.

Configurations (--only): 1 and 2 workers on SQLite (`1`, `2`), on PostgreSQL (`pg1`, `pg2`:
--postgres URL of a server where we may CREATE DATABASE), and Ray on a local cluster of 2 CPUs
on SQLite (`ray`).

    .venv/bin/python benchmarks/corpus.py [--documents 10000] [--sample 300] [--batch 64]
        [--postgres URL] [--only 1,2,pg1,pg2,ray] [--repeat N]
    .venv/bin/python benchmarks/corpus.py --documents 100 --sample 16 --only 1,2   # a quick check

--repeat N runs the configurations N rounds, alternating, and prints the 2/1 ratio of each round
with their median: on a virtual machine whose speed drifts, one pair of runs can be far off.

The machine's other load matters: on a shared 2-core machine the 2-worker figure is capped
by whatever else runs; the script prints the load average around each run, and the CPU
seconds per document (which load does not change much) with the throughput they allow on
two idle cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scratch_db import postgres_database  # noqa: E402

TOTAL = 56_000
TOTAL_BYTES = 2e9  # the corpus' stated size: ≈ 2 GB of text for 56,000 documents
YEARS = 10
PER_YEAR = 2  # documents of a government a year: its work report and its plan
_A = "北南东西新安宁平长永兴和丰顺康泰华清河山江湖林桥城阳云海金石白青龙凤德武"
_B = "山川河湖林原丘陵城门桥口台坪岭溪港洲田州坝冈"
_SUFFIX = "县区市旗"
_YEAR = regex.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?=\s*年)")


def government_names() -> list[str]:
    """Synthetic county, district, city and banner names (3,168, about as many as the country's local governments)."""
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
        government = names[(n // (YEARS * PER_YEAR)) % len(names)]
        year = 2011 + (n // PER_YEAR) % YEARS
        body, source_year, _kind = templates[n % len(templates)]  # another report for each document of a government
        shift = year - (source_year or year)
        text = _YEAR.sub(lambda m, shift=shift: str(int(m.group(1)) + shift), body)
        what = "政府工作报告" if n % PER_YEAR == 0 else "国民经济和社会发展计划"
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


def cold_extract(text: str, doc: str = "") -> list[Any]:
    """Quantity extraction after emptying planwatch's memo caches: every document is met for the first time.

    The synthetic documents repeat 23 real reports with other names and years, so most of their
    sentences recur hundreds of times and memo caches keyed by sentence or clause would answer
    them for free — which a corpus of distinct reports does not allow (measured: 0.22 → 0.12 CPU s
    per document from the second copy on). Word lists and dictionaries stay loaded; the previous
    document's words stay for the writer (with 1 worker it is this process), as
    `clear_text_caches(keep_recent=True)` says. Module-level, so workers get it by reference.
    """
    import planwatch.extract
    from planwatch.pipeline.caches import clear_text_caches

    clear_text_caches(keep_recent=True)
    return planwatch.extract.extract_quantities(text, doc=doc)


def run_one(config: str, folder: Path, url: str, batch: int, warm: bool = False) -> dict[str, float | None]:
    """Child process: ingest `folder` into `url` with `config`; the figures."""
    from planwatch.store.db import connect

    engine = connect(url)
    commits: list[tuple[float, int]] = []  # (time, documents done) at each commit
    done = 0

    def heard(_outcome: object) -> None:
        nonlocal done
        done += 1
        now = time.perf_counter()
        if commits and now - commits[-1][0] < 1e-3:
            commits[-1] = (now, done)  # the same commit's outcomes arrive together
        else:
            commits.append((now, done))

    me0, children0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if config == "ray":
        from planwatch.pipeline.ray_engine import ingest_ray

        tally = ingest_ray(engine, [folder], workers=2, batch_size=batch, on_outcome=heard,
                           extract=None if warm else cold_extract)
    else:
        from planwatch.pipeline import ingest_corpus
        from planwatch.pipeline.local import warm_up

        warm_cpu = 0.0
        if config == "1":  # what the first document would load; 2 workers do it before forking (both shown apart)
            started = time.process_time()
            warm_up()
            warm_cpu = time.process_time() - started
        tally = ingest_corpus(engine, [folder], workers=int(config), batch_size=batch, on_outcome=heard,
                              extract=None if warm else cold_extract)
        tally.warm_cpu += warm_cpu
    seconds = time.perf_counter() - start
    engine.dispose()
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    steady = None  # (Ray delivers a shard of 32 documents at a time: a steady rate needs several shards)
    if len(commits) >= 2 and commits[-1][1] > commits[0][1] and (config != "ray" or tally.done >= 96):
        steady = (commits[-1][1] - commits[0][1]) / (commits[-1][0] - commits[0][0])
    return {"seconds": seconds, "documents": tally.done, "failed": len(tally.failures), "added": tally.added,
            "records": tally.records, "steady": steady, "read_cpu": tally.read_cpu, "store_cpu": tally.store_cpu,
            "match_cpu": tally.match_cpu, "store_seconds": tally.store_seconds, "warm_cpu": tally.warm_cpu,
            "writer_mb": me.ru_maxrss / 1024, "worker_mb": children.ru_maxrss / 1024,
            "writer_cpu": me.ru_utime + me.ru_stime - me0.ru_utime - me0.ru_stime,
            "worker_cpu": children.ru_utime + children.ru_stime - children0.ru_utime - children0.ru_stime}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


CONFIGS = {  # name: (label, workers or "ray", database)
    "1": ("1 worker, SQLite", "1", "sqlite"), "2": ("2 workers, SQLite", "2", "sqlite"),
    "pg1": ("1 worker, PostgreSQL", "1", "pg"), "pg2": ("2 workers, PostgreSQL", "2", "pg"),
    "ray": ("Ray local (2 CPUs), SQLite", "ray", "sqlite"),
}


def main() -> None:
    """Build the corpus, run each configuration in its own process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="Size of the synthetic corpus built.")
    parser.add_argument("--sample", type=int, default=300, help="Documents ingested per configuration.")
    parser.add_argument("--batch", type=int, default=64, help="Documents per transaction (as ingest --batch).")
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus" / "full")
    parser.add_argument("--postgres", default=os.environ.get("PLANWATCH_TEST_DATABASE_URL"),
                        help="PostgreSQL server URL (a database is created and dropped).")
    parser.add_argument("--only", default="1,2,pg1,pg2,ray", help="Configurations: " + ", ".join(CONFIGS) + ".")
    parser.add_argument("--warm", "--warm-caches", dest="warm_caches", action="store_true",
                        help="Keep extraction's memo caches from document to document (optimistic: the synthetic "
                             "documents repeat the same sentences).")
    parser.add_argument("--cold", dest="warm_caches", action="store_false",
                        help="Empty them before every document in every worker (the default; "
                             "planwatch.pipeline.caches.clear_text_caches).")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Run the configurations this many rounds, alternating (1, 2, 1, 2 …), and print the 2/1 "
                             "ratio of each round and their median: this machine's speed drifts from minute to minute.")
    parser.add_argument("--run", nargs=4, metavar=("CONFIG", "FOLDER", "URL", "BATCH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]), args.run[2], int(args.run[3]), args.warm_caches)))
        return
    unknown = set(args.only.split(",")) - CONFIGS.keys()
    if unknown:
        parser.error(f"--only: unknown configuration {', '.join(sorted(unknown))} (known: {', '.join(CONFIGS)})")
    print(f"load average before: {_load()} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="planwatch-corpus-") as tmp:
        t0 = time.perf_counter()
        files, size = build_corpus(args.sources, Path(tmp) / "corpus", args.documents)
        print(f"synthetic corpus: {files:,} documents, {size / 1e6:.0f} MB, built in {time.perf_counter() - t0:.0f} s "
              f"from {args.sources}")
        sample, sample_bytes = sample_folder(Path(tmp) / "corpus", args.sample, Path(tmp) / "sample")
        per_doc_kb = sample_bytes / max(sample, 1) / 1e3
        print(f"each run ingests the first {sample} documents ({sample_bytes / 1e6:.1f} MB, {per_doc_kb:.0f} KB a "
              f"document) into a fresh database, --batch {args.batch}; extraction's memo caches "
              + ("kept from document to document (--warm: optimistic, NOT cleared per document)\n" if args.warm_caches
                 else "cleared before each document in each worker (--cold: clear_text_caches; the synthetic "
                      "documents repeat sentences a real corpus does not)\n"))
        print(f"{'':<28}{'':>6}{'':>7}{'docs/s':>15}{'':>6}{'CPU s/doc':>28}{'peak MB':>13}{'56,000 docs':>13}"
              f"{'2 GB':>8}")
        print(f"{'configuration':<28}{'docs':>6}{'s':>7}{'run':>8}{'steady':>7}{'MB/s':>6}{'read':>7}{'store':>7}"
              f"{'match':>7}{'other':>7}{'writer':>7}{'worker':>7}{'at docs/s':>13}{'at MB/s':>8}   load")
        results: dict[str, list[dict[str, Any]]] = {}  # each configuration's runs, one a round
        rounds = [(n, config) for n in range(max(1, args.repeat)) for config in args.only.split(",")]
        for n_round, config in rounds:
            label, mode, database = CONFIGS[config]
            drop = None
            if database == "pg":
                if not args.postgres:
                    print(f"{label}: skipped (no --postgres URL)")
                    continue
                url, drop = postgres_database(args.postgres, "pw_h13_bench")
            else:
                url = f"sqlite:///{tmp}/{config}-{n_round}.db"  # a fresh database each round
            before = _load()
            try:
                done = subprocess.run([sys.executable, __file__, "--run", mode, str(Path(tmp) / "sample"), url,
                                       str(args.batch), *(["--warm-caches"] if args.warm_caches else [])],
                                      capture_output=True, text=True, check=True)
            except subprocess.CalledProcessError as exc:
                print(f"{label}: failed: {exc.stderr.strip().splitlines()[-1:]}")
                continue
            finally:
                if drop is not None:
                    drop()  # type: ignore[operator]
            r = json.loads(done.stdout.strip().splitlines()[-1])
            results.setdefault(config, []).append(r)
            n = max(r["documents"], 1)
            rate, mbs = r["documents"] / r["seconds"], sample_bytes / 1e6 / r["seconds"]
            steady = "-" if r["steady"] is None else f"{r['steady']:.2f}"
            ray = mode == "ray"
            read = "-" if ray else f"{r['read_cpu'] / n:.3f}"
            rest = r["writer_cpu"] + r["worker_cpu"] - r["read_cpu"] - r["store_cpu"] - r["match_cpu"] - r["warm_cpu"]
            other = "-" if ray else f"{rest / n:.3f}"
            warm = f"  (+ warm-up {r['warm_cpu']:.1f} CPU s once)" if r["warm_cpu"] else ""
            worker_mb = "-" if ray or mode == "1" else f"{r['worker_mb']:.0f}"
            print(f"{label:<28}{r['documents']:>6}{r['seconds']:>7.1f}{rate:>8.2f}{steady:>7}{mbs:>6.2f}{read:>7}"
                  f"{r['store_cpu'] / n:>7.3f}{r['match_cpu'] / n:>7.3f}{other:>7}{r['writer_mb']:>7.0f}{worker_mb:>7}"
                  f"{TOTAL / rate / 60:>9.0f} min{TOTAL_BYTES / 1e6 / mbs / 60:>5.0f} min   {before} → {_load()}"
                  + (f"  ({r['failed']} failed)" if r["failed"] else "") + warm, flush=True)
        print("\nread: reading + extraction (in the workers, or in the one process with 1 worker); store: the "
              "writer's database stages;\nmatch: follow-up matching (a process of its own with 2 workers, the writer's "
              "with 1); other: the rest (pickling, process management; the warm-up before forking "
              "is shown apart).\n56,000 docs at docs/s: these synthetic documents; 2 GB at MB/s: the corpus' stated "
              "size (≈ 36 KB a document) at the measured MB/s.")
        for one, two, what in (("1", "2", "SQLite"), ("pg1", "pg2", "PostgreSQL")):
            pairs = list(zip(results.get(one, []), results.get(two, []), strict=False))  # the runs of each round
            if pairs:
                whole = [(b["documents"] / b["seconds"]) / (a["documents"] / a["seconds"]) for a, b in pairs]
                steady = [b["steady"] / a["steady"] for a, b in pairs if a["steady"] and b["steady"]]
                print(f"2 workers / 1 worker, {what}: {_ratios(whole)} over the whole run"
                      + (f", steady {_ratios(steady)}" if steady else "") + " (wall clock, under the load shown)")
        for config in ("1", "2", "pg1", "pg2"):
            if config in results:
                runs = results[config]
                # the warm-up is once a run; the median over the rounds
                total = statistics.median((r["writer_cpu"] + r["worker_cpu"] - r["warm_cpu"]) / max(r["documents"], 1)
                                          for r in runs)
                writer = statistics.median((r["writer_cpu"] - r["warm_cpu"]) / max(r["documents"], 1) for r in runs)
                workers = int(CONFIGS[config][1])
                # on idle cores: N workers' worth of CPU for every stage, and the writer process at most one core
                bound = min(workers / total, 1 / writer) if workers > 1 else 1 / total
                print(f"CPU-time bound, {CONFIGS[config][0]}, on {workers} idle core{'s' if workers > 1 else ''}: "
                      f"{total:.3f} CPU s/doc ({writer:.3f} in the writer process) → {bound:.1f} documents/s, "
                      f"56,000 documents in {TOTAL / bound / 60:.0f} min")
        for config in ("1", "pg1"):  # one worker: the writer never competes with workers for a core
            if config in results:
                busy = statistics.median(r["store_seconds"] / max(r["documents"], 1) for r in results[config])
                database = {"sqlite": "SQLite", "pg": "PostgreSQL"}[CONFIGS[config][2]]
                print(f"One writer, {database}: busy {busy * 1000:.0f} ms a document (its CPU and the database's "
                      f"work, {CONFIGS[config][0]}) → at most {1 / busy:.1f} documents/s with any number of workers, "
                      f"a Ray cluster included: 56,000 documents in {TOTAL * busy / 60:.0f} min at best")
    print(f"load average after: {_load()}")


def _ratios(values: list[float]) -> str:
    """One ratio ("1.88x"), or those of each round with their median ("1.71x, 1.79x, 1.90x: median 1.79x")."""
    if len(values) == 1:
        return f"{values[0]:.2f}x"
    return ", ".join(f"{v:.2f}x" for v in values) + f": median {statistics.median(values):.2f}x"


if __name__ == "__main__":
    main()
