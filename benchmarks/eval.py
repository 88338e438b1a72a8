"""Extraction quality on the development set: score every annotated document.

Runs the extractor on the reference plan and the annotated excerpts, and prints
the shared scorer's figures for each document and in total.

    .venv/bin/python benchmarks/eval.py --shared ../shared [--verbose]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import tasks_eval  # benchmarks/tasks_eval.py (H9b): tasks and follow-up

from planwatch.documents import load
from planwatch.extract import extract_quantities
from planwatch.extract.scoring import load_scorer, score

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "heldout"


def documents(shared: Path) -> list[tuple[Path, Path]]:
    """(text, gold) pairs of the development set."""
    texts = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus" / "excerpts").glob("*.txt"))
    return [(t, shared / "gold" / f"{t.stem}.jsonl") for t in texts if (shared / "gold" / f"{t.stem}.jsonl").exists()]


def heldout() -> list[tuple[Path, Path]]:
    """(text, gold) pairs annotated for planwatch without looking at its output (tests/data/heldout)."""
    return [(t, t.with_suffix(".jsonl")) for t in sorted(HELDOUT.glob("*.txt")) if t.with_suffix(".jsonl").exists()]


def main() -> None:
    """Score the development and held-out sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    report(scorer, "development set (../shared/gold)", documents(args.shared), args.verbose)
    report(scorer, "held-out set (tests/data/heldout)", heldout(), args.verbose)
    tasks_eval.main_reports(args.shared, args.verbose)  # H9b: task P/R, unit accuracy, follow-up P/R


def report(scorer: object, title: str, pairs: list[tuple[Path, Path]], verbose: bool) -> None:
    """Print the scorer's figures for each document of `pairs` and in total."""
    totals = {"gold": 0, "predicted": 0, "matched": 0}
    names = NameTally()
    print(f"\n{title}")
    first = first_scores()
    print(f"{'document':32} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'cmp':>6} {'year':>6} {'close':>6}"
          f"  first F1 / close")
    for text_path, gold_path in pairs:
        document = load(text_path)
        result = score(scorer, gold_path, extract_quantities(document.text, doc=document.name))
        for key in totals:
            totals[key] += result[key]
        names.add(result)
        print(f"{text_path.stem:32} {result['gold']:5} {result['predicted']:5} {result['matched']:5} "
              f"{result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f} "
              f"{result['comparator_agreement']:6.3f} {result['year_agreement']:6.3f} {result['indicator_close']:6.3f}"
              f"{first_column(first.get(text_path.stem))}")
        if verbose:
            for r in result["missed"]:
                print("   MISSED      ", scorer.brief(r))
            for r in result["false_alarms"]:
                print("   FALSE ALARM ", scorer.brief(r))
    p = totals["matched"] / totals["predicted"] if totals["predicted"] else 0.0
    r = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'total':32} {totals['gold']:5} {totals['predicted']:5} {totals['matched']:5} {p:6.3f} {r:6.3f} {f1:6.3f}"
          f" {'':6} {'':6} {names.close():6.3f}")


def first_scores() -> dict[str, dict[str, float]]:
    """First measurements of held-out passages, before any rule was changed for them (tests/data/heldout)."""
    import json

    path = HELDOUT / "first-scores.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {k: v for k, v in data.items() if not k.startswith("_")}


def first_column(first: dict[str, float] | None) -> str:
    """`  0.958 / 0.783` for a passage with a recorded first score, else nothing."""
    if not first:
        return ""
    close = f" / {first['close']:.3f}" if "close" in first else ""
    return f"  {first['f1']:.3f}{close}"


class NameTally:
    """`indicator close` over a whole set: the share of matched required records whose names agree."""

    def __init__(self) -> None:
        self.pairs = 0
        self.close_pairs = 0.0

    def add(self, result: dict) -> None:
        """Count one document's matched records (the scorer's close share times its matches)."""
        self.pairs += result["matched"]
        self.close_pairs += result["indicator_close"] * result["matched"]

    def close(self) -> float:
        """The pooled `indicator close` share."""
        return self.close_pairs / self.pairs if self.pairs else 0.0


if __name__ == "__main__":
    main()
