"""Values typed as an official writes them (store.entry.parse_entry), with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.store.entry import EntryProblem, check_cell, parse_entry
from planwatch.store.units import convert

CASES = [
    ("1.5万", "个", 1.5, "万个"),
    ("43.45亿元", "亿元", 43.45, "亿元"),
    ("43.45亿", "亿元", 43.45, "亿元"),
    ("9.2%", "%", 9.2, "%"),
    ("９.２％", "%", 9.2, "%"),
    ("下降3.4%", "%", -3.4, "%"),
    ("增长 6.5 %", "%", 6.5, "%"),
    ("1,234", "个", 1234.0, "个"),
    ("1.5万", "万人", 1.5, "万人"),
    ("0.8个百分点", "%", 0.8, "百分点"),
    ("-2", "%", -2.0, "%"),
    ("700", "亿元", 700.0, "亿元"),
    ("1,234.5", "个", 1234.5, "个"),
    ("1,234,567", "元", 1234567.0, "元"),
    ("1.2万亿", "元", 1.2, "万亿元"),  # 万亿 is a real magnitude
    ("1.2万亿元", "亿元", 1.2, "万亿元"),
    ("3", "万亿元", 3.0, "万亿元"),
    ("300万千瓦", "千瓦", 300.0, "万千瓦"),  # 万 on 千瓦 is one magnitude
    ("1.5千万", "个", 1.5, "千万个"),
    ("1.5千分点", "%", 1.5, "千分点"),
    ("300万", "千瓦", 300.0, "万千瓦"),  # the default unit keeps its 千 (was 万瓦, a thousandth of the value)
]


@pytest.mark.parametrize(("text", "default", "value", "unit"), CASES)
def test_cells_as_officials_write_them(text: str, default: str, value: float, unit: str) -> None:
    parsed = parse_entry(text, default)
    assert (parsed.value, parsed.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["", "  ", "很多", "1.5万多", "约", "1..5", "abc万"])
def test_no_number_is_refused_with_a_code(text: str) -> None:
    with pytest.raises(EntryProblem) as caught:
        parse_entry(text, "个")
    assert caught.value.code in ("empty", "not_a_number", "not_exact")


@pytest.mark.parametrize(("text", "default", "code", "magnitude"), [
    ("1.5万万", "%", "doubled_magnitude", "万万"),
    ("1.5亿万", "%", "doubled_magnitude", "亿万"),
    ("1.5万万", "个", "doubled_magnitude", "万万"),
    ("1.5亿万元", "元", "doubled_magnitude", "亿万"),
    ("1.5万万", "万亿元", "doubled_magnitude", "万万"),
    ("3.4千", "%", "rate_magnitude", "千"),
    ("1.5万%", "%", "rate_magnitude", "万"),
    ("1.5万", "百分点", "rate_magnitude", "万"),
    ("2亿个百分点", "%", "rate_magnitude", "亿"),
])
def test_junk_magnitudes_are_refused(text: str, default: str, code: str, magnitude: str) -> None:
    """The audit's 1.5万万 (stored as 1.5 万万%) and 3.4千 (千%) fed verdicts; they are refused, naming the magnitude."""
    with pytest.raises(EntryProblem) as caught:
        parse_entry(text, default)
    assert (caught.value.code, caught.value.params["magnitude"], caught.value.params["text"]) == (code, magnitude, text)


@pytest.mark.parametrize("text", ["1,2,3", "12,34.5", "1234,5", "1,234,", ",5", "1,2345", "增长1,2%"])
def test_thousands_separators_must_be_groups_of_three(text: str) -> None:
    """1,2,3 was stored as 123 and 12,34.5 as 1234.5."""
    with pytest.raises(EntryProblem) as caught:
        parse_entry(text, "个")
    assert caught.value.code == "bad_grouping"


def test_units_must_fit_the_measure() -> None:
    with pytest.raises(EntryProblem) as caught:
        check_cell(parse_entry("6.2亿元", "%"), "growth", "元")
    assert caught.value.code == "needs_percent"
    with pytest.raises(EntryProblem) as caught:
        check_cell(parse_entry("3吨", "个"), "level", "个")
    assert caught.value.code == "unit_mismatch"
    check_cell(parse_entry("1.5万", "个"), "level", "个")


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@given(amount=amounts, multiplier=st.sampled_from(["", "万", "亿"]), base=st.sampled_from(["元", "个", "人", "吨"]))
def test_value_and_unit_keep_the_amount(amount, multiplier: str, base: str) -> None:  # type: ignore[no-untyped-def]
    """Whatever the multiplier and thousands separators, the amount in the base unit is what was typed."""
    text = f"{amount:,}{multiplier}{base}"
    parsed = parse_entry(text, base)
    scale = {"": 1, "万": 1e4, "亿": 1e8}[multiplier]
    assert convert(parsed.value, parsed.unit, base) == pytest.approx(float(amount) * scale)


@given(amount=amounts, multiplier=st.sampled_from(["万", "亿"]), base=st.sampled_from(["元", "个", "万人"]))
def test_bare_multiplier_takes_the_indicator_unit(amount, multiplier: str, base: str) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_entry(f"{amount}{multiplier}", base)
    assert parsed.unit == multiplier + base.lstrip("万亿")
    assert parsed.value == pytest.approx(float(amount))


@given(st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda x: round(x, 2)))
def test_rates_round_trip(rate: float) -> None:
    text = f"下降{-rate}%" if rate < 0 else f"{rate}%"
    parsed = parse_entry(text, "%")
    assert parsed.unit == "%" and parsed.value == pytest.approx(rate)


def test_a_number_too_long_to_be_finite_is_refused() -> None:
    """float() of 400 digits is infinity, which would judge any target met (audit defect 12)."""
    with pytest.raises(EntryProblem) as caught:
        parse_entry("1" + "0" * 400, "个")
    assert caught.value.code == "not_a_number"
