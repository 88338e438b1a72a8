"""Plain patterns on stdlib re (extract.plain_re): the same characters as regex, \\d included."""

from __future__ import annotations

import regex

from planwatch.extract import plain_re

EVERY = "".join(map(chr, range(0x110000)))


def test_digits_are_regex_digits_on_every_character() -> None:
    # regex knows newer Unicode digits (Garay U+10D40 …) than Python's re: \d is spelled as regex's set.
    for pattern in (r"\d", r"[^\d]", r"[一二两三四五\d]", r"[^，。；\d]", r"[]\d]", r"\d{2}"):
        plain, full = plain_re.compile(pattern), regex.compile(pattern)
        assert [m.span() for m in plain.finditer(EVERY)] == [m.span() for m in full.finditer(EVERY)], pattern


def test_other_escapes_and_classes_are_left_as_written() -> None:
    assert plain_re.compile(r"\\d|\.\d+").pattern.startswith(r"\\d|\.[")
    assert plain_re.compile(r"[^\]d]").match("x") and not plain_re.compile(r"[^\]d]").match("d")
