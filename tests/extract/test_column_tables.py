"""Tables flattened one cell a line: each value named by its row, with its column's year, kind and unit
(tests/data/extract/tables/column-tables.json, constructed cases reviewed by hand)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from planwatch.extract import extract_quantities
from planwatch.extract.tables import column_table_cells

CASES = json.loads((Path(__file__).parents[1] / "data" / "extract" / "tables" / "column-tables.json")
                   .read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"][:40] for case in CASES])
def test_column_table_cells_name_each_value_with_its_column(case: dict[str, object]) -> None:
    text = str(case["text"])
    got = [[c.indicator, round(c.value, 6), c.unit, c.measure, c.year, "result" if c.base else "target"]
           for c in column_table_cells(text)]
    assert got == case["cells"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"][:40] for case in CASES])
def test_a_table_value_is_one_record(case: dict[str, object]) -> None:
    """Review50: a bulletin's price table was read by two readers, each value stored twice under two names."""
    records = extract_quantities(str(case["text"]), doc="table-2023")
    cells = column_table_cells(str(case["text"]))
    ends = Counter((r.end, r.measure) for r in records)
    assert all(ends[(c.end, c.measure)] == 1 for c in cells), [(r.quote, r.indicator) for r in records]
