"""Interface language: Babel message catalogues (locale/zh, locale/en) and the current locale.

Catalogues are read from their ``.po`` files at start-up (no compile step); the
current language lives in a context variable set per request by the app.
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES: dict[str, str] = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("planwatch_language", default=DEFAULT_LANGUAGE)


def locale_dir() -> Path:
    """Folder holding the message catalogues (``<lang>/LC_MESSAGES/messages.po``)."""
    return Path(str(resources.files("planwatch").joinpath("locale")))


@lru_cache(maxsize=None)
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (read from its .po file once per process)."""
    po = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def normalize_language(value: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """A supported language code for `value` ('zh-CN' → 'zh', 'en-US' → 'en'), else `default`."""
    if not value:
        return default
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else default


def set_language(language: str) -> object:
    """Make `language` current for this context; returns a token for `reset_language`."""
    return _current.set(normalize_language(language))


def reset_language(token: object) -> None:
    """Restore the language that was current before `set_language`."""
    _current.reset(token)  # type: ignore[arg-type]


def current_language() -> str:
    """The language of the request being handled."""
    return _current.get()


def gettext(message: str, **variables: object) -> str:
    """`message` translated into the current language, with %(name)s variables filled."""
    text = translations(current_language()).gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    """Singular or plural form of a message in the current language."""
    text = translations(current_language()).ngettext(singular, plural, n)
    variables.setdefault("num", n)
    return text % variables


_ = gettext
