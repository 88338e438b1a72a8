"""Extraction quality on the development set: score every annotated document.

Runs the extractor on the reference plan and the annotated excerpts, and prints
the shared scorer's figures for each document and in total.

    .venv/bin/python benchmarks/eval.py --shared ../shared [--verbose]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planwatch.documents import load
from planwatch.extract import extract_quantities
from planwatch.extract.scoring import load_scorer, score


def documents(shared: Path) -> list[tuple[Path, Path]]:
    """(text, gold) pairs of the development set."""
    texts = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus" / "excerpts").glob("*.txt"))
    return [(t, shared / "gold" / f"{t.stem}.jsonl") for t in texts if (shared / "gold" / f"{t.stem}.jsonl").exists()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    totals = {"gold": 0, "predicted": 0, "matched": 0}
    print(f"{'document':32} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'cmp':>6} {'year':>6}")
    for text_path, gold_path in documents(args.shared):
        document = load(text_path)
        result = score(scorer, gold_path, extract_quantities(document.text, doc=document.name))
        for key in totals:
            totals[key] += result[key]
        print(f"{text_path.stem:32} {result['gold']:5} {result['predicted']:5} {result['matched']:5} "
              f"{result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f} "
              f"{result['comparator_agreement']:6.3f} {result['year_agreement']:6.3f}")
        if args.verbose:
            for r in result["missed"]:
                print("   MISSED      ", scorer.brief(r))
            for r in result["false_alarms"]:
                print("   FALSE ALARM ", scorer.brief(r))
    p = totals["matched"] / totals["predicted"] if totals["predicted"] else 0.0
    r = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'total':32} {totals['gold']:5} {totals['predicted']:5} {totals['matched']:5} {p:6.3f} {r:6.3f} {f1:6.3f}")


if __name__ == "__main__":
    main()
