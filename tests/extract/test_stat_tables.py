"""Statistics tables: each value named by its row and its column, its unit from the header (tests/data/extract/tables/stat-tables.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.documents.normalize import normalize
from planwatch.extract import extract_quantities
from planwatch.extract.stat_tables import stat_cells

CASES = json.loads((Path(__file__).parents[1] / "data" / "extract" / "tables" / "stat-tables.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"][:40] for case in CASES])
def test_stat_cells_name_each_value_by_row_and_column(case: dict[str, object]) -> None:
    text = normalize(str(case["text"])).text
    cells = stat_cells(text)
    got = [[c.indicator, round(c.value, 6), c.unit, c.measure] + ([c.goal] if len(want) == 5 else [])
           for c, want in zip(cells, case["cells"], strict=False)]  # type: ignore[arg-type]
    assert got == case["cells"]
    assert len(cells) == len(case["cells"])  # type: ignore[arg-type]
    for c in cells:  # each value's cell is its number as written, its name's cell where the row starts
        assert abs(float(text[c.start:c.end].replace(",", "")) - c.value) < 1e-9 * max(1.0, abs(c.value)) \
            or c.unit in ("元", "头")
        assert c.indicator[:2] in text[c.name_start:c.start]


def test_table_values_become_records_of_the_tables_year() -> None:
    """Through `extract_quantities`: a bulletin's table is a year's results, its quote the row up to the value."""
    text = "初步核算，全年完成地区生产总值180.2亿元，比上年增长6.1%。\n" + str(CASES[1]["text"])
    records = [r for r in extract_quantities(text, doc="county-2023") if r.indicator in ("金融业", "房地产业")]
    assert [(r.indicator, r.measure, r.value, r.kind, r.year) for r in records] == [
        ("金融业", "level", 760000000.0, "result", 2023), ("金融业", "growth", 3.9, "result", 2023),
        ("房地产业", "level", 520000000.0, "result", 2023), ("房地产业", "growth", -1.4, "result", 2023)]
    for r in records:
        assert text[r.start:r.end] == r.quote
        assert r.quote.startswith(r.indicator)
