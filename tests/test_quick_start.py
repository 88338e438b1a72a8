"""The quick start of README and docs/index.md shows what `planwatch demo --no-serve` prints (review ux3 #10: both showed
counts of an older demo, and docs/index.md one plan where the demo loads four).

Each line of the quoted output must be a line the command prints, apart from "..." (lines left out), the dashboard's
address (printed when it serves) and a comment of ours after two spaces in brackets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import run

ROOT = Path(__file__).resolve().parents[1]
COMMENT = re.compile(r"\s{2,}\([^()]*\)$")  # "plan 1: added, 127 records          (the State Council's …)"


def quoted_output(page: Path) -> list[str]:
    """The lines of the quick-start block after `$ make demo`, up to the dashboard's line."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("$ make demo"))
    out = []
    for line in lines[start + 1:]:
        if line.strip().startswith("planwatch dashboard:") or not line.strip():
            break
        out.append(COMMENT.sub("", line.strip()))
    return [line for line in out if line != "..."]


@pytest.mark.parametrize("page", ["README.md", "docs/index.md"])
def test_the_quick_start_shows_what_the_demo_prints(page: str, db_url: str, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "demo", "--no-serve")
    assert code == 0, err
    printed = {line.strip() for line in out.splitlines()}
    shown = quoted_output(ROOT / page)
    assert len(shown) >= 5
    assert shown[0].startswith("planwatch demo: pingshan-2019-plan loaded into")
    missing = [line for line in shown[1:] if line not in printed]
    assert not missing, f"{page} quotes lines the demo does not print: {missing}"
