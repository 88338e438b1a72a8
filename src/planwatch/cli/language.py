"""The language the CLI writes its words in: the setting ``PLANWATCH_LANGUAGE`` (zh, the default, or en).

The dashboard's default language is the same setting, so a planning office that works in Chinese sees the same
words on the pages and in the terminal. The CLI's messages are English; what it says in the interface language
are the words of the things it shows, such as a target's verdict (`monitor.vocabulary.VERDICTS`: 完成 / met).
The locale (``LANG``) is not read: a server's is often en_US whoever works on it, and the interface would turn
English behind the office's back.
"""

from __future__ import annotations

__all__ = ["language", "verdict"]


def language() -> str:
    """zh or en, from the settings (`planwatch.settings.Settings.language`)."""
    from planwatch.settings import get_settings

    return get_settings().language


def verdict(status: object) -> str:
    """A target's verdict in the CLI's language: 完成 / 进度正常 / 数据不一致 …, or met / on track / sources disagree …"""
    from planwatch.monitor.vocabulary import verdict_word

    return verdict_word(status, language())
