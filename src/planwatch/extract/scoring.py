"""Score extracted records against a gold file with the shared scorer's rules.

Used by `make eval` and the quality test; loads `score_targets.py` from the
shared folder so that planwatch is measured exactly as its users measure it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from planwatch.extract.records import Quantity


def load_scorer(shared: Path) -> ModuleType:
    """Import `tools/score_targets.py` from the shared folder."""
    path = shared / "tools" / "score_targets.py"
    spec = importlib.util.spec_from_file_location("score_targets", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(scorer: ModuleType, gold_path: Path, records: list[Quantity]) -> dict[str, Any]:
    """The scorer's result dict for `records` against the gold file at `gold_path`."""
    gold = scorer.load(str(gold_path))
    pred = []
    for record in records:
        row = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))
        row["_v"], row["_u"] = scorer.normalise(row.get("value"), row.get("unit"))
        row["_vmax"] = scorer.normalise(row.get("value_max"), row.get("unit"))[0]
        pred.append(row)
    return scorer.score(gold, pred)
