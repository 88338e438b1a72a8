"""Every bad input gives one line on stderr naming the file, and exit status 2; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.documents import load
from planwatch.errors import DocumentError

from .paths import FIXTURES

BAD = [
    ("missing.txt", "no such file"),
    ("empty.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("notes.xyz", "unsupported file type '.xyz'"),
    ("corrupt.docx", "not a valid Word .docx"),
    ("zip-not-word.docx", "not a valid Word .docx"),
    ("corrupt.pdf", "not a valid PDF"),
    ("scanned.pdf", "no text layer"),
]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize(("name", "problem"), BAD)
@pytest.mark.parametrize("command", ["text", "outline"])
def test_bad_file_gives_one_line_and_exit_2(name: str, problem: str, command: str, capsys) -> None:
    path = FIXTURES / name
    code, out, err = _run([command, str(path)], capsys)
    assert code == 2
    assert out == ""
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    assert problem in lines[0]
    assert "Traceback" not in err
    assert ";" in lines[0]  # ...and what to do about it


def test_directory(tmp_path: Path, capsys) -> None:
    code, _, err = _run(["text", str(tmp_path)], capsys)
    assert code == 2 and "is a directory" in err and str(tmp_path) in err and err.count("\n") == 1


def test_directory_with_a_plan_extension(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "plan.txt"
    folder.mkdir()
    code, _, err = _run(["text", str(folder)], capsys)
    assert code == 2 and "is a directory" in err


def test_unknown_extension_lists_supported_ones(capsys) -> None:
    _, _, err = _run(["text", str(FIXTURES / "notes.xyz")], capsys)
    for ext in (".txt", ".md", ".docx", ".pdf", ".html"):
        assert ext in err


def test_old_word_file_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(DocumentError, match=r"save it as \.docx"):
        load(path)


def test_pdf_renamed_to_txt(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes((FIXTURES / "plan.pdf").read_bytes())
    with pytest.raises(DocumentError, match="rename it to .pdf"):
        load(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u3000\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="no text"):
        load(path)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 3)
    with pytest.raises(DocumentError) as info:
        load(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_damaged_utf16(tmp_path: Path) -> None:
    path = tmp_path / "broken16.txt"
    path.write_bytes(b"\xff\xfe" + "增长".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    with pytest.raises(DocumentError, match="UTF-16"):
        load(path)
