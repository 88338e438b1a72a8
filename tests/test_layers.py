"""Data flows one way: document → extract → store → monitor/evaluate → report → web/cli.

A module may import its own stage and the stages before it, never one after it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "planwatch"
RANK = {"errors": 0, "settings": 0, "output": 0, "processes": 0, "data": 0, "documents": 1, "extract": 2, "store": 3,
        "monitor": 4, "evaluate": 4, "report": 5, "pipeline": 5, "web": 6, "cli": 7}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in RANK)


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_stages(path: Path) -> set[str]:
    stages: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
        for name in names:
            parts = name.split(".")
            if parts[0] == "planwatch" and len(parts) > 1 and parts[1] in RANK:
                stages.add(parts[1])
    return stages


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_module_imports_no_later_stage(path: Path) -> None:
    own = RANK[_stage(path)]
    later = {s for s in _imported_stages(path) if RANK[s] > own}
    assert not later, f"{path.relative_to(PACKAGE)} imports later stages {sorted(later)}"
