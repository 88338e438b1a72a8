"""Word number formats rendered as the labels a reader sees."""

from __future__ import annotations

import pytest

from planwatch.documents.docx_numbering import chinese_numeral, format_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (105, "一百零五"), (110, "一百一十")],
)
def test_chinese_numerals(value: int, expected: str) -> None:
    assert chinese_numeral(value) == expected


@pytest.mark.parametrize(("fmt", "expected"), [("decimal", "3"), ("chineseCounting", "三"), ("chineseCountingThousand", "三"),
                                               ("decimalEnclosedCircle", "③"), ("lowerLetter", "c"), ("upperRoman", "III"),
                                               ("decimalFullWidth", "３")])
def test_formats(fmt: str, expected: str) -> None:
    assert format_number(3, fmt) == expected
