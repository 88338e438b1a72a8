"""Every interface string is in the message catalogues, and Chinese has a translation for each."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import planwatch.web
from planwatch.web import i18n

WEB = Path(planwatch.web.__file__).parent


def _extracted() -> set[str]:
    method_map = [("**/templates/**.html", "jinja2.ext.babel_extract"), ("**.py", "python")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(WEB), method_map, options, keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue(language: str) -> dict[str, str]:
    """msgid → translation; a plural message by its singular, each of its forms joined by a line break."""
    path = i18n.locale_dir() / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fp:
        return {m.id if isinstance(m.id, str) else m.id[0]:
                m.string if isinstance(m.string, str) else ("\n".join(m.string) if all(m.string) else "")
                for m in read_po(fp) if m.id}


def test_catalogues_hold_every_string_of_the_code_and_templates() -> None:
    extracted = _extracted()
    assert len(extracted) > 100
    for language in ("zh", "en"):
        missing = extracted - set(_catalogue(language))
        assert not missing, f"{language}: run the pybabel commands in locale/babel.cfg; missing {sorted(missing)[:5]}"


def test_every_chinese_string_is_translated() -> None:
    untranslated = [msgid for msgid, text in _catalogue("zh").items() if not text]
    assert not untranslated


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
