"""A refusal of the library that the pages word from its reason code (`web.errors.REFUSED`: user_exists, role_unknown …)
is said in the interface language on the command line too: in Chinese (the default) with the pages' words, in English
(PLANWATCH_LANGUAGE=en) as the library wrote it (review ux5 #12: the CLI was English beside Chinese verdicts)."""

from __future__ import annotations

import pytest
from cli_support import run

from planwatch.settings import get_settings

SECRET = "a-long-enough-secret-42"


def _language(monkeypatch: pytest.MonkeyPatch, language: str | None) -> None:
    if language is None:
        monkeypatch.delenv("PLANWATCH_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("PLANWATCH_LANGUAGE", language)
    get_settings.cache_clear()


@pytest.mark.parametrize(("language", "exists", "role"), [
    (None, "planwatch: 已有名为 frank 的用户", "planwatch: 角色 boss 无效，可选：admin, office, editor, viewer"),
    ("en", "planwatch: user 'frank': already exists; use `planwatch users passwd` or `role`",
     "planwatch: role 'boss': unknown; use one of admin, office, editor, viewer"),
])
def test_refusals_are_said_in_the_interface_language(db_url: str, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, language: str | None,
                                                     exists: str, role: str) -> None:
    _language(monkeypatch, language)
    code, out, err = run(capsys, "users", "add", "frank", "--password", SECRET)
    assert code == 0, err
    code, out, err = run(capsys, "users", "add", "frank", "--password", SECRET)
    assert (code, out, err.strip()) == (2, "", exists)
    code, out, err = run(capsys, "users", "add", "bob", "--role", "boss", "--password", SECRET)
    assert (code, out, err.strip()) == (2, "", role)


def test_the_chinese_is_the_pages_and_only_for_refusals_worded_for_a_command_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One wording (`web.errors.refusal_message`); a refusal whose page words send elsewhere (the units page, "choose
    a government") keeps the library's words, which name the command or option to use."""
    from planwatch.cli.language import REFUSALS, refusal
    from planwatch.errors import ValidationError
    from planwatch.web import i18n
    from planwatch.web.errors import REFUSED, refusal_message

    _language(monkeypatch, None)
    assert REFUSALS <= set(REFUSED)
    exists = ValidationError("user 'frank': already exists", reason="user_exists", username="frank")
    token = i18n.set_language("zh")
    try:
        assert refusal(exists) == refusal_message(exists) == "已有名为 frank 的用户"
    finally:
        i18n.reset_language(token)
    several = ValidationError("several governments are stored (上海市, 深圳市坪山区); pass --government NAME",
                              reason="government_ambiguous", governments="上海市、深圳市坪山区")
    assert refusal(several) == str(several)
