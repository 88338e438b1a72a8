"""Names as the government writes them: the registry's canonical name, worded for the plan's government.

The registry maps aliases to one indicator (地区生产总值 ≡ 国内生产总值 ≡ GDP); pages, tables
and reports show the name the government itself uses: 国内生产总值 for the State Council,
地区生产总值 for a province, city, district or county.
"""

from __future__ import annotations

import regex

__all__ = ["display_name", "is_national"]

# (regional wording, national wording): the same indicator, named for the level that reports it.
_PAIRS: tuple[tuple[str, str], ...] = (
    ("地区生产总值", "国内生产总值"),
)
_NATIONAL = regex.compile(r"^(?:国务院|中华人民共和国|中央人民政府|全国|中国)$")


def is_national(government: str | None, level: str | None = None) -> bool:
    """True for the State Council (or a government stored with level ``national``)."""
    if level is not None:
        return level == "national"
    return bool(government and _NATIONAL.match(government.strip()))


def display_name(indicator: str, government: str | None = None, level: str | None = None) -> str:
    """`indicator` as `government` writes it: 国内生产总值 nationally, 地区生产总值 below."""
    if not indicator or (government is None and level is None):
        return indicator
    national = is_national(government, level)
    for regional, country in _PAIRS:
        if national and regional in indicator:
            return indicator.replace(regional, country)
        if not national and country in indicator:
            return indicator.replace(country, regional)
    return indicator
