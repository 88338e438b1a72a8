"""Write src/planwatch/data/traditional_chars.txt: the characters that mark a text as traditional script.

A character is listed when OpenCC's t2s turns it, on its own, into another character, GB2312 (the simplified
standard set) does not hold it and Big5 (the traditional one) does: 區 產 總 長 億 …, never 乾 於 後 夥 麽, which
simplified texts use in names. `documents.script.is_traditional` counts them; tests/documents/test_script.py
checks that the file is what this script writes.

    .venv/bin/python tools/traditional_chars.py            # rewrite the file
    .venv/bin/python tools/traditional_chars.py --check    # exit 1 when it is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "planwatch" / "data" / "traditional_chars.txt"
HEADER = ("# Characters OpenCC t2s changes that GB2312 lacks and Big5 holds (tools/traditional_chars.py writes this file;"
          " documents.script reads it)\n")
_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def traditional_chars() -> str:
    """The listed characters, in code-point order."""
    import opencc

    chars = [chr(c) for start, end in _RANGES for c in range(start, end + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    return "".join(c for c, s in zip(chars, converted, strict=True)
                   if s != c and not _encodes(c, "gb2312") and _encodes(c, "big5"))


def render() -> str:
    """The file's text: the header, then the characters 100 a line."""
    chars = traditional_chars()
    return HEADER + "".join(chars[i:i + 100] + "\n" for i in range(0, len(chars), 100))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run tools/traditional_chars.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {sum(len(line) for line in text.splitlines()[1:])} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
