"""Every interface string is in the message catalogues, and Chinese has a translation for each.

The catalogues are checked against the code as `make locale` extracts it (tools/catalogues.py, the same command):
messages.pot, zh and en hold exactly the messages the code and templates mark (a message no longer used is obsolete,
#~), and zh translates each one. Extraction reads only src/planwatch/web (under a second, no network).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from planwatch.web import i18n

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
assert _spec and _spec.loader
catalogues = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogues)
FIX = "run `make locale` (tools/catalogues.py), then translate the empty msgstr of zh/LC_MESSAGES/messages.po"


@pytest.fixture(scope="module")
def source() -> set[str | tuple[str, ...]]:
    """The messages the code and templates mark now (extracted into a temporary template)."""
    found = catalogues.source_msgids()
    assert len(found) > 100
    return found


def _text(ids: set[str | tuple[str, ...]]) -> list[str]:
    return sorted(i if isinstance(i, str) else i[0] for i in ids)[:10]


def test_messages_pot_is_up_to_date_with_the_source(source: set[str | tuple[str, ...]]) -> None:
    """The template holds what the code marks, no more (it was 153 messages behind and kept 14 unused ones)."""
    template = catalogues.msgids(ROOT / catalogues.POT)
    assert not source - template, f"messages.pot lacks {_text(source - template)}: {FIX}"
    assert not template - source, f"messages.pot holds messages no longer used: {_text(template - source)}: {FIX}"


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_catalogues_hold_exactly_the_messages_of_the_source(source: set[str | tuple[str, ...]], language: str) -> None:
    """Every message the code marks is in each catalogue; one it no longer marks is obsolete (#~), not active
    (15 were, in zh and en)."""
    held = catalogues.msgids(catalogues.catalogue_path(language))
    assert not source - held, f"{language} lacks {_text(source - held)}: {FIX}"
    assert not held - source, f"{language} holds messages no longer used: {_text(held - source)}: {FIX}"


def test_every_message_of_the_source_has_a_chinese_translation(source: set[str | tuple[str, ...]]) -> None:
    """Else the Chinese dashboard shows the English msgid (an empty msgstr, or a fuzzy one, which is not used)."""
    assert not catalogues.untranslated("zh"), f"zh: no translation for {catalogues.untranslated('zh')[:10]}: {FIX}"


def test_the_check_command_agrees() -> None:
    """`python tools/catalogues.py --check` (what a contributor runs) reports nothing on the committed catalogues."""
    assert catalogues.problems() == []


def _catalogue(language: str) -> dict[str, str]:
    """msgid → translation; a plural message by its singular, each of its forms joined by a line break."""
    path = i18n.locale_dir() / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fp:
        return {m.id if isinstance(m.id, str) else m.id[0]:
                m.string if isinstance(m.string, str) else ("\n".join(m.string) if all(m.string) else "")
                for m in read_po(fp) if m.id}


def test_placeholders_survive_translation() -> None:
    import re

    for msgid, text in _catalogue("zh").items():
        for form in text.split("\n"):  # every plural form (Chinese has one)
            assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", form)), msgid


def test_gettext_follows_the_current_language() -> None:
    token = i18n.set_language("en")
    try:
        assert i18n.gettext("Home") == "Home"
    finally:
        i18n.reset_language(token)
    token = i18n.set_language("zh-CN")
    try:
        assert i18n.gettext("Home") == "首页"
        assert i18n.gettext("Page %(page)s of %(pages)s", page=2, pages=5) == "第 2 页，共 5 页"
    finally:
        i18n.reset_language(token)
    assert i18n.normalize_language("fr", "zh") == "zh"


def test_every_verdict_explanation_has_an_interface_wording() -> None:
    from planwatch.evaluate.scoring import Detail
    from planwatch.monitor.phrases import TEXTS
    from planwatch.web.labels import EXPLANATIONS

    assert set(TEXTS) | set(Detail.TEXTS) == set(EXPLANATIONS)


def test_explanations_follow_the_interface_language() -> None:
    from planwatch.monitor.phrases import Phrase
    from planwatch.web.labels import explain

    nested = Phrase("so_far_vs_needed", so_far=Phrase("compound_levels", first=2015, last=2018), needed=6.54321)
    missing = Phrase("no_annual_figure", year=2017, spans="average, total")
    token = i18n.set_language("zh")
    try:
        assert explain(Phrase("reported", measure="growth", year=2017)) == "2017年报告的增速"
        assert explain(nested) == "2015→2018年总量的复合增速，对比所需年均 6.54%"
        assert explain(missing) == "没有2017年的年度数字：只有多年的年均、期间累计，不能代替单一年度"
        assert explain("plain text") == "plain text" and explain(None) == ""
    finally:
        i18n.reset_language(token)
    token = i18n.set_language("en")
    try:
        assert explain(nested) == "compound growth of levels 2015→2018 against 6.54% a year needed"
    finally:
        i18n.reset_language(token)


def test_evaluation_details_follow_the_interface_language() -> None:
    """The evaluation page's 计算依据 column: the status worded, not its code (audit 13); the CLI's, the report's and
    the JSON's Chinese detail words it as the page does (it read "missed：目标>=7")."""
    from planwatch.evaluate.scoring import Detail
    from planwatch.web.labels import explain, system_name

    missed = Detail("eval_judged", status="missed", comparator=">=", value=7.0, actual=1.5)
    assert missed == "未完成：目标≥7，实际1.5"
    token = i18n.set_language("zh")
    try:
        assert explain(missed) == "未完成：目标≥7，实际1.5"
        assert system_name("经济运行") == "经济运行" and system_name("我的维度") == "我的维度"
    finally:
        i18n.reset_language(token)
    token = i18n.set_language("en")
    try:
        assert explain(missed) == "missed: target ≥7, actual 1.5"
        assert explain(Detail("eval_task_rate_of", words="创新、科技")) == "task completion rate (创新、科技)"
        assert system_name("经济运行") == "Economic performance"
    finally:
        i18n.reset_language(token)


def test_a_label_before_its_value_takes_its_languages_colon() -> None:
    """"协办单位：…" on a Chinese page, "Co-units: …" on an English one (the templates wrote an ASCII colon after the
    translated label: "指标体系: …", "用户名: …")."""
    from planwatch.web.render import make_environment

    template = make_environment().from_string('{{ _("Co-units")|colon }}{{ value }}')
    for language, expected in (("zh-CN", "协办单位：规划局"), ("en", "Co-units: 规划局")):
        token = i18n.set_language(language)
        try:
            assert template.render(value="规划局") == expected
        finally:
            i18n.reset_language(token)
    templates = ROOT / "src" / "planwatch" / "web" / "templates"
    ascii_after_label = [p.name for p in templates.glob("*.html") if '") }}: ' in p.read_text(encoding="utf-8")]
    assert not ascii_after_label, ascii_after_label
