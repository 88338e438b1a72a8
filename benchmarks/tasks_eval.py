"""Task and follow-up quality on the reviewed gold sets of tests/data/tasks.

Task precision/recall, unit accuracy and deadline accuracy per gold document
(tests/data/tasks/gold/*.json); follow-up precision/recall per pair of
consecutive reports (tests/data/tasks/followup-gold.json).

    .venv/bin/python benchmarks/tasks_eval.py --shared ../shared [--verbose]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planwatch.documents import load
from planwatch.extract.task_scoring import TaskScore, load_gold, score_tasks
from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import deadline_of, extract_tasks
from planwatch.monitor.followup_scoring import FollowupScore, load_followup_gold, score_pair

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "tasks" / "gold"
FOLLOWUP = ROOT / "tests" / "data" / "tasks" / "followup-gold.json"


def _document(shared: Path, name: str) -> Path:
    path = ROOT / name
    return path if path.exists() else shared / "corpus" / "full" / name


def task_report(shared: Path, verbose: bool = False) -> TaskScore:
    """Print task precision/recall and unit/deadline accuracy for every gold document; the total."""
    print("\ntasks (tests/data/tasks/gold)")
    print(f"{'document':32} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'unit':>6} {'due':>6} {'review→task':>12}")
    total = TaskScore()
    for path in sorted(GOLD.glob("*.json")):
        gold = load_gold(path)
        document = load(_document(shared, gold["document"]))
        tasks = extract_tasks(document.text, document.name, quantities=[])
        units = {id(t): suggest_unit(t, generic=True, level=gold.get("level")) for t in tasks if t.kind == "task"}
        deadlines = {id(t): deadline_of(t, gold.get("year")) for t in tasks}
        result = score_tasks(document.text, gold, tasks, units, deadlines)
        total.add(result)
        _row(path.stem, result)
        if verbose:
            for line in result.misses:
                print("   MISSED      ", line)
            for line in result.false_alarms:
                print("   FALSE ALARM ", line)
            for line in result.wrong_units:
                print("   UNIT        ", line)
    _row("total", total)
    return total


def _row(name: str, r: TaskScore) -> None:
    print(f"{name:32} {r.gold:5} {r.predicted:5} {r.matched:5} {r.precision:6.3f} {r.recall:6.3f} "
          f"{r.unit_accuracy:6.3f} {r.deadline_accuracy:6.3f} {r.review_as_task:5}/{r.in_review:<6}")


def followup_report(shared: Path, verbose: bool = False) -> FollowupScore:
    """Print follow-up precision/recall for every gold pair; the total."""
    print("\nfollow-up (tests/data/tasks/followup-gold.json)")
    print(f"{'pair':32} {'gold':>5} {'found':>5} {'prop':>5} {'right':>5} {'P':>6} {'R':>6} {'all':>5}")
    total = FollowupScore()
    for pair in load_followup_gold(FOLLOWUP)["pairs"]:
        earlier = load(_document(shared, pair["earlier"]))
        later = load(_document(shared, pair["later"]))
        tasks = [t for t in extract_tasks(earlier.text, earlier.name, quantities=[]) if t.kind == "task"]
        done = [t for t in extract_tasks(later.text, later.name, quantities=[]) if t.kind == "achievement"]
        result = score_pair(pair, tasks, done)
        total.add(result)
        name = f"{Path(pair['earlier']).stem}→{Path(pair['later']).stem[-4:]}"
        print(f"{name:32} {result.gold:5} {result.found:5} {result.proposed:5} {result.right:5} "
              f"{result.precision:6.3f} {result.recall:6.3f} {result.all_proposals:5}")
        if verbose:
            for line in result.missed:
                print("   MISSED      ", line)
            for line in result.wrong:
                print("   WRONG       ", line)
    print(f"{'total':32} {total.gold:5} {total.found:5} {total.proposed:5} {total.right:5} "
          f"{total.precision:6.3f} {total.recall:6.3f} {total.all_proposals:5}")
    return total


def main_reports(shared: Path, verbose: bool = False) -> None:
    """Both reports (what `make eval` prints after the record scores)."""
    task_report(shared, verbose)
    followup_report(shared, verbose)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    parser.add_argument("--verbose", action="store_true", help="list every miss, false alarm and wrong unit")
    args = parser.parse_args()
    main_reports(args.shared, args.verbose)


if __name__ == "__main__":
    main()
