"""`planwatch ingest` killed with SIGKILL at random moments over a multi-file run (issue 12).

Black-box: the real command in a subprocess (its whole process group is killed, workers
included, as a power cut would), then the SQLite file is checked: integrity, and every plan
either in its old state or in its new one, never half-written; a rerun completes the work.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
FILES = ("beijing-2026.txt", "fujian-2026.txt", "henan-2026.txt")
EXTRA = "\n\n——新增公办学位1.4万个以上。\n——城镇新增就业12万人以上。\n"
PLANWATCH = [sys.executable, "-m", "planwatch.cli"] if not (Path(sys.executable).parent / "planwatch").exists() \
    else [str(Path(sys.executable).parent / "planwatch")]

State = dict[str, tuple[str, int, int, int]]


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PLANWATCH_DB": str(db), "PLANWATCH_DATABASE_URL": ""})
    env.pop("PLANWATCH_TEST_DATABASE_URL", None)
    return env


def _ingest(db: Path, files: list[Path], kill_after: float | None = None) -> float:
    """Run `planwatch ingest FILES`; kill its process group after `kill_after` seconds. Returns the run time."""
    started = time.monotonic()
    process = subprocess.Popen([*PLANWATCH, "ingest", *map(str, files)], env=_env(db), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    if kill_after is None:
        _out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()[-2000:]
        return time.monotonic() - started
    try:
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # leftover workers, if any
        except ProcessLookupError:
            pass
    process.stderr.close()  # type: ignore[union-attr]
    return time.monotonic() - started


def _state(db: Path) -> State:
    """Per plan file: (content hash, records, sections, tasks); checks the file's integrity first."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "plan" not in tables:
            return {}
        out: State = {}
        for plan_id, source, digest in conn.execute("SELECT id, source_name, content_hash FROM plan"):
            records = conn.execute("SELECT count(*) FROM record WHERE plan_id=?", (plan_id,)).fetchone()[0]
            sections = conn.execute("SELECT count(*) FROM section WHERE plan_id=?", (plan_id,)).fetchone()[0]
            tasks = conn.execute("SELECT count(*) FROM task WHERE plan_id=?", (plan_id,)).fetchone()[0] \
                if "task" in tables else 0
            out[Path(source).name] = (digest, records, sections, tasks)
        return out


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path], State, State, float]:
    """Old and new versions of the files, and the database states a complete run leaves for each."""
    folder = tmp_path_factory.mktemp("kill")
    old_dir, new_dir = folder / "old", folder / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    old, new = [], []
    for name in FILES:
        text = (HELDOUT / name).read_text(encoding="utf-8")
        (old_dir / name).write_text(text, encoding="utf-8")
        (new_dir / name).write_text(text + EXTRA, encoding="utf-8")
        old.append(old_dir / name)
        new.append(new_dir / name)
    _ingest(folder / "old.db", old)
    old_state = _state(folder / "old.db")
    shutil_copy(folder / "old.db", folder / "both.db")
    seconds = _ingest(folder / "both.db", new)
    new_state = _state(folder / "both.db")
    assert set(old_state) == set(new_state) == set(FILES)
    assert all(old_state[n] != new_state[n] for n in FILES)
    return old, new, old_state, new_state, seconds


def shutil_copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def test_killed_first_ingest_leaves_whole_plans_or_none(versions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, _new, old_state, _new_state, seconds = versions
    rng = random.Random(int(os.environ.get("PLANWATCH_KILL_SEED", "12")))
    for round_ in range(2):
        db = tmp_path / f"first-{round_}.db"
        _ingest(db, old, kill_after=rng.uniform(0.2, max(seconds, 1.0)))
        state = _state(db) if db.exists() else {}
        for name, found in state.items():
            assert found == old_state[name], f"kill {round_}: {name} half-written: {found} vs {old_state[name]}"
        _ingest(db, old)  # a rerun completes the work
        assert _state(db) == old_state


def test_killed_reingest_leaves_each_plan_old_or_new(versions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new, old_state, new_state, seconds = versions
    rng = random.Random(int(os.environ.get("PLANWATCH_KILL_SEED", "12")) + 1)
    base = tmp_path / "base.db"
    _ingest(base, old)
    for round_ in range(2):
        db = tmp_path / f"again-{round_}.db"
        shutil_copy(base, db)
        _ingest(db, new, kill_after=rng.uniform(0.2, max(seconds, 1.0)))
        state = _state(db)
        assert set(state) == set(FILES), f"kill {round_}: a plan vanished"
        for name, found in state.items():
            assert found in (old_state[name], new_state[name]), f"kill {round_}: {name} is neither old nor new: {found}"
        _ingest(db, new)
        assert _state(db) == new_state
