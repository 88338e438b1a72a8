"""A plan in traditional script is read converted to simplified, character for character; a simplified one as it is.

The traditional fixture is a passage of ../shared/corpus/full/13_jilin-gwr-2026.txt (title, speaker, the results and
the targets of 2026: jilin-2026-simplified.txt) rendered by OpenCC s2t (jilin-2026-traditional.txt), as mirror sites
render plans.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.cli import main
from planwatch.documents import Document, from_bytes, load
from planwatch.documents import script as script_module
from planwatch.documents.script import NOTE, TRADITIONAL, is_traditional, simplify, to_simplified
from planwatch.extract import extract_quantities

from .paths import FIXTURES, corpus_files, needs_corpus

SIMPLIFIED = FIXTURES / "jilin-2026-simplified.txt"
TRADITIONAL_TEXT = FIXTURES / "jilin-2026-traditional.txt"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "traditional_chars.py"


def test_the_character_list_is_what_the_tool_writes() -> None:
    spec = importlib.util.spec_from_file_location("traditional_chars", TOOL)
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.OUT.read_text(encoding="utf-8") == tool.render(), "run tools/traditional_chars.py"


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_no_simplified_report_is_converted(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert not is_traditional(raw)
    document = load(path)
    assert document.script == "" and document.notes == []
    assert document.text == from_bytes(path, path.read_bytes()).text


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.glob("*.*") if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf")
                                        and p.name != TRADITIONAL_TEXT.name), ids=lambda p: p.name)
def test_no_simplified_fixture_is_converted(path: Path) -> None:
    try:
        document = load(path)
    except Exception:  # the fixtures of unreadable files
        return
    assert document.script == ""


@pytest.mark.parametrize("text", [
    "乾隆年间修建的古城墙列入保护范围，於家堡金融区建设加快，显著提升城市品质。",  # 乾 於: in simplified names
    "对臺灣同胞来大陆投资给予同等待遇，全年引进台资项目12个。",  # two traditional characters in a simplified text
    "麽、後、夥、徵、摺、麴：GB2312 holds these, simplified texts use them.",
])
def test_simplified_text_with_a_few_traditional_characters_is_left_byte_for_byte(text: str) -> None:
    assert simplify(text) == (text, False)


def test_traditional_passage_reads_as_the_simplified_one() -> None:
    traditional, simplified = load(TRADITIONAL_TEXT), load(SIMPLIFIED)
    assert traditional.script == TRADITIONAL and traditional.notes == [NOTE]
    assert len(traditional.text) == len(TRADITIONAL_TEXT.read_text(encoding="utf-8"))
    assert traditional.text == simplified.text
    assert "地区生产总值增长5%" in traditional.text


def test_traditional_passage_gives_the_records_of_the_simplified_one() -> None:
    records = [r.to_dict() for r in extract_quantities(load(TRADITIONAL_TEXT).text, doc="jilin")]
    expected = [r.to_dict() for r in extract_quantities(load(SIMPLIFIED).text, doc="jilin")]
    assert len(expected) >= 12
    assert records == expected
    targets = {(r["indicator"], r["value"]) for r in records if r["kind"] == "target"}
    assert ("地区生产总值", 5.0) in targets and ("一般公共预算收入", 3.7) in targets


def test_extract_on_the_command_line_notes_the_conversion(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    main(["extract", "-f", "jsonl", str(TRADITIONAL_TEXT)])
    captured = capsysbinary.readouterr()
    records = [json.loads(line) for line in captured.out.decode("utf-8").splitlines()]
    main(["extract", "-f", "jsonl", str(SIMPLIFIED)])
    simplified = capsysbinary.readouterr()
    expected = [json.loads(line) for line in simplified.out.decode("utf-8").splitlines()]
    assert simplified.err == b""
    assert NOTE in captured.err.decode("utf-8") and TRADITIONAL_TEXT.name in captured.err.decode("utf-8")
    assert len(records) == len(expected) >= 12
    assert [{k: v for k, v in r.items() if k != "doc"} for r in records] == \
        [{k: v for k, v in r.items() if k != "doc"} for r in expected]
    assert {r["doc"] for r in records} == {"jilin-2026-traditional"}


def test_outline_json_notes_the_conversion(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    main(["outline", "-f", "json", str(TRADITIONAL_TEXT)])
    payload = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert payload["converted_from"] == TRADITIONAL and payload["notes"] == [NOTE]
    assert payload["meta"]["government"] == "吉林省" and payload["meta"]["year"] == 2026
    main(["outline", "-f", "json", str(SIMPLIFIED)])
    payload = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert payload["converted_from"] is None and payload["notes"] == []


# Text a mirror site produces: traditional characters, phrases whose conversion depends on their neighbours, digits,
# marks, line breaks; and characters OpenCC cannot take (a lone surrogate).
_PIECES = st.sampled_from(
    list("區產總長億發規業經濟鄉鎮縣學醫療著乾於後麵髮裡臺灣的了增长亿元年%。，；：\n\r\t 0123456789.、（）")
    + ["頭髮", "乾隆", "著作", "於是", "皇后", "後來", "理髮", "乾淨", "\ud800", "\x00", "𠀋", "\u3000\u3000"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=120).map("".join)))
def test_conversion_keeps_the_length_and_each_character_in_its_place(text: str) -> None:
    out = to_simplified(text)
    assert len(out) == len(text)
    for before, after in zip(text, out, strict=True):
        assert before == after or (ord(before) >= 0x2E80 and after != "\n")


def test_a_phrase_conversion_that_changes_the_length_falls_back_to_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    class Shortening:
        """t2s that drops a character of every stretch longer than one (as a phrase of another length would)."""

        def convert(self, text: str) -> str:
            out = str(real.convert(text))
            return out if all(len(part) <= 1 for part in text.split("\n")) else out[:-1]  # not the table's one call

    real = script_module._converter()
    monkeypatch.setattr(script_module, "_converter", lambda: Shortening())
    text = "全區地區生產總值增長5%。\n規模以上工業增加值增長6%。"
    assert to_simplified(text) == "全区地区生产总值增长5%。\n规模以上工业增加值增长6%。"


def test_document_default_is_read_as_written() -> None:
    assert Document(name="x", text="地区生产总值").notes == []
