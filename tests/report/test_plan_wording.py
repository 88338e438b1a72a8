"""Report sentences as the plan words its targets (review ux5 #1, #11, #17), on the bundled Pingshan 2019 plan with the
统计局's figures of the review imported from a CSV (tests/data/report/pingshan-2019-actuals.csv).

- #1: a two-sided miss is a deviation ("偏离年度目标"), never "高于年度目标…，未完成年度目标".
- #11: the four targets under "提出2019年我区经济社会发展主要预期目标如下：" are all 预期性: one word for all four.
- #17: a count said with the plan's verb ("淘汰落后产能企业213家", "新增公办学位1.5万个"), not "落后产能企业淘汰为213家"; an
  imported or entered figure is signed by the person named, else "录入人未注明" — never the OS account (root).
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from planwatch.cli.store import load_demo
from planwatch.report.model import build_report
from planwatch.settings import get_settings
from planwatch.store.actuals import import_actuals
from planwatch.store.db import transaction
from planwatch.store.schema import Indicator, Record

ACTUALS = Path(__file__).resolve().parents[1] / "data" / "report" / "pingshan-2019-actuals.csv"


@pytest.fixture
def login_is_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANWATCH_USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    get_settings.cache_clear()


def _imported(engine: Engine, who: str | None = None) -> int:
    plan = load_demo(engine)[0].plan_id
    import_actuals(engine, ACTUALS, who=who)
    return plan


def _sentences(engine: Engine, plan: int) -> list[str]:
    """Every target's sentence of the report: the main indicators' and each domain's (section （一）…)."""
    report = build_report(engine, plan, charts=False)
    return [line.phrase for line in report.lines] + [t for part in report.domains for t in part.targets]


def _about(sentences: list[str], words: str) -> str:
    found = [s for s in sentences if words in s]
    assert len(found) == 1, (words, sentences)
    return found[0]


def test_a_two_sided_miss_is_a_deviation_never_above_and_missed(engine: Engine) -> None:
    plan = _imported(engine)
    assert _about(_sentences(engine, plan), "普惠性幼儿园比例") == "普惠性幼儿园比例为86.2%，高于年度目标1.2个百分点，完成年度目标"
    with transaction(engine) as session:  # as a plan stored before its sentence's direction was read: two-sided
        session.execute(update(Record).where(Record.indicator == "普惠性幼儿园比例").values(polarity=None))
        session.execute(update(Indicator).where(Indicator.name == "普惠性幼儿园比例").values(polarity="neutral"))
    phrase = _about(_sentences(engine, plan), "普惠性幼儿园比例")
    assert phrase == "普惠性幼儿园比例为86.2%，偏离年度目标1.2个百分点，未完成年度目标"


def test_the_main_expected_targets_are_all_expected_targets(engine: Engine) -> None:
    plan = _imported(engine)
    report = build_report(engine, plan, charts=False)
    main = report.headline.split("。", 1)[1]
    assert "年度目标" not in main
    assert "规模以上工业增加值增长10.4%，高于预期目标0.4个百分点，完成预期目标" in main
    assert "一般公共预算收入下降2.1%，低于预期目标9.1个百分点，未完成预期目标" in main
    assert {line.row.strength for line in report.lines if line.row.indicator in (
        "地区生产总值", "规模以上工业增加值", "社会消费品零售总额", "一般公共预算收入")} == {"soft"}


def test_counts_are_said_with_the_plans_verb(engine: Engine) -> None:
    sentences = _sentences(engine, _imported(engine))
    assert _about(sentences, "落后产能企业") == "淘汰落后产能企业213家，超过年度目标13家，完成年度目标"
    assert _about(sentences, "公办学位") == "新增公办学位1.5万个，超过年度目标0.1万个，完成年度目标"
    assert _about(sentences, "创新型产业空间").startswith("新增创新型产业空间52.3万平方米，超过年度目标")


def test_an_import_is_signed_by_the_person_named_never_the_login(engine: Engine, login_is_root: None) -> None:
    report = build_report(engine, _imported(engine), charts=False)
    assert report.sources and all("录入人未注明" in s for s in report.sources if "导入数据" in s)
    assert not any(re.search(r"录入人 ?root", s) for s in report.sources)


def test_an_import_names_the_declared_person(engine: Engine, login_is_root: None) -> None:
    report = build_report(engine, _imported(engine, who="区统计局 李四"), charts=False)
    assert any("录入人 区统计局 李四" in s for s in report.sources)
    assert not any("root" in s or "未注明" in s for s in report.sources)
