"""Two small hand-written Pingshan plans (2019, 2020) and the records an extractor should find.

Tests use these hand-made records instead of the real extractor, so store and monitor
tests do not move when the extractor changes.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.documents import Document, load
from planwatch.extract.records import Quantity

DATA = Path(__file__).with_name("data")
PLAN_2019 = DATA / "pingshan-mini-2019.txt"
PLAN_2020 = DATA / "pingshan-mini-2020.txt"


def as_word(text_file: Path, target: Path) -> Path:
    """`text_file` as a Word document: a paragraph of each line that is not blank, as a plan is published
    in both forms (the .txt separates paragraphs by blank lines, Word by paragraph marks)."""
    from docx import Document as WordDocument

    word = WordDocument()
    for line in text_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(line)
    word.save(str(target))
    return target

# (quote, kind, indicator, measure, value, unit, comparator, year)
_RECORDS: dict[str, list[tuple[str, str, str, str, float, str, str, int]]] = {
    "pingshan-mini-2019": [
        ("地区生产总值 700 亿元左右", "result", "地区生产总值", "level", 7e10, "元", "≈", 2018),
        ("增长 10%左右", "result", "地区生产总值", "growth", 10.0, "%", "≈", 2018),
        ("一般公共预算收入 43.45 亿元", "result", "一般公共预算收入", "level", 4.345e9, "元", "=", 2018),
        ("下降 4.43%", "result", "一般公共预算收入", "growth", -4.43, "%", "=", 2018),
        ("地区生产总值增长 8.5%以上", "target", "地区生产总值", "growth", 8.5, "%", ">=", 2019),
        ("一般公共预算收入增长 5%", "target", "一般公共预算收入", "growth", 5.0, "%", "=", 2019),
        ("城镇登记失业率控制在 3%以内", "target", "城镇登记失业率", "share", 3.0, "%", "<=", 2019),
        ("万元 GDP 能耗下降 3%以上", "target", "万元 GDP 能耗", "growth", -3.0, "%", ">=", 2019),
    ],
    "pingshan-mini-2020": [
        ("地区生产总值 770 亿元左右", "result", "地区生产总值", "level", 7.7e10, "元", "≈", 2019),
        ("增长 9%左右", "result", "地区生产总值", "growth", 9.0, "%", "≈", 2019),
        ("一般公共预算收入 45.1 亿元", "result", "一般公共预算收入", "level", 4.51e9, "元", "=", 2019),
        ("增长 3.8%", "result", "一般公共预算收入", "growth", 3.8, "%", "=", 2019),
        ("城镇登记失业率 2.5%", "result", "城镇登记失业率", "share", 2.5, "%", "=", 2019),
        ("万元 GDP 能耗下降 4.2%", "result", "万元 GDP 能耗", "growth", -4.2, "%", "=", 2019),
        ("一般公共预算收入增长 4%", "target", "一般公共预算收入", "growth", 4.0, "%", "=", 2020),
        ("城镇登记失业率控制在 3%以内", "target", "城镇登记失业率", "share", 3.0, "%", "<=", 2020),
    ],
}


def records_for(text: str, doc: str) -> list[Quantity]:
    """The hand-made records of a mini plan, with offsets found in `text` (in order)."""
    out: list[Quantity] = []
    cursor = 0
    for quote, kind, indicator, measure, value, unit, comparator, year in _RECORDS.get(doc, []):
        start = text.index(quote, cursor)
        cursor = start + len(quote)
        out.append(Quantity(doc=doc, kind=kind, indicator=indicator, measure=measure,  # type: ignore[arg-type]
                            value=value, unit=unit, comparator=comparator, year=year,  # type: ignore[arg-type]
                            quote=quote, start=start, end=cursor))
    return out


def fake_extract(text: str, doc: str = "doc") -> list[Quantity]:
    """Stands in for `extract_quantities` on the mini plans."""
    return records_for(text, doc)


def mini(path: Path, text: str | None = None) -> Document:
    """The mini plan at `path` as a Document (optionally with replaced text)."""
    document = load(path)
    if text is not None:
        document.text = text
    return document
