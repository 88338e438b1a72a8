"""A setting planwatch cannot use is one line naming the variable and the problem, exit status 2 (CLI audit
defect 9: exit 1 "this is a bug" with pydantic's report, NoSuchModuleError or ModuleNotFoundError)."""

from __future__ import annotations

import re

import pytest
from cli_support import run

from planwatch.settings import get_settings


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("PLANWATCH_PORT", "abc", "setting PLANWATCH_PORT='abc' is not a whole number"),
    ("PLANWATCH_PORT", "70000", "setting PLANWATCH_PORT='70000' must be at most 65535"),
    ("PLANWATCH_MAX_FILE_MB", "-1", "setting PLANWATCH_MAX_FILE_MB='-1' must be greater than 0"),
    ("PLANWATCH_LANGUAGE", "fr", "setting PLANWATCH_LANGUAGE='fr' is not one of zh, en"),
    ("PLANWATCH_EVIDENCE_TYPES", "[bad", "setting PLANWATCH_EVIDENCE_TYPES: not valid JSON"),
    ("PLANWATCH_DATABASE_URL", "nonsense://foo", "database URL nonsense://foo: unknown kind of database 'nonsense'"),
    ("PLANWATCH_DATABASE_URL", "mysql://u:secret@h/d", "database URL mysql://u:***@h/d: its driver MySQLdb is not installed"),
    ("PLANWATCH_ANONYMOUS_READ", "maybe", "setting PLANWATCH_ANONYMOUS_READ='maybe' is not true or false"),
    ("PLANWATCH_DUE_SOON_DAYS", "1.5", "setting PLANWATCH_DUE_SOON_DAYS='1.5' is not a whole number"),
    ("PLANWATCH_EVIDENCE_TYPES", '{"a": 1}', "setting PLANWATCH_EVIDENCE_TYPES is not a list"),
    # a URL SQLAlchemy cannot read: why, in words, and never its password (it was shown whole)
    ("PLANWATCH_DATABASE_URL", "postgresql://u:secret@h:notaport/db",
     "database URL 'postgresql://u:***@h:notaport/db' is not valid: its port 'notaport' is not a number; check"),
    ("PLANWATCH_DATABASE_URL", "://u:secret@h/db", "database URL '://u:***@h/db' is not valid: it names no kind of"),
])
def test_a_bad_setting_is_one_line(variable: str, value: str, says: str, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    code, _out, err = run(capsys, "plans")
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"planwatch: {says}"), err
    assert "secret" not in err and "this is a bug" not in err
    assert not re.search(r"Input should|Value error|unable to parse|SQLAlchemy|invalid literal", err), err


def test_two_bad_settings_are_both_named(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_PORT", "abc")
    monkeypatch.setenv("PLANWATCH_LOGIN_ATTEMPTS", "0")
    get_settings.cache_clear()
    code, _out, err = run(capsys, "plans")
    assert code == 2 and "PLANWATCH_PORT" in err and "PLANWATCH_LOGIN_ATTEMPTS" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("value", "language"), [("zh", "zh"), ("en", "en"), ("zh-CN", "zh"), ("EN_us", "en")])
def test_a_language_is_read_as_the_dashboard_reads_it(value: str, language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_LANGUAGE", value)
    get_settings.cache_clear()
    assert get_settings().language == language


def test_the_languages_allowed_are_the_dashboards() -> None:
    from typing import get_args

    from planwatch.settings import Language
    from planwatch.web.i18n import LANGUAGES

    assert set(get_args(Language)) == set(LANGUAGES)
