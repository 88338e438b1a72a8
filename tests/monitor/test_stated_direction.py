"""A target whose own sentence says which way is better is judged one-sided (review ux5 #1).

"进一步增加学前教育普惠性幼儿园数量，普惠性幼儿园比例达85%" (Pingshan 2019): the registry does not know the indicator, and a
bare number (达 = "=") was judged two-sided, so 86.2 % was 未完成. A verb of raising (提高到, or 达/达到 with 增加/提高/扩大 in
the sentence) makes it a floor; 降至 / 控制在 a ceiling; nothing in the sentence leaves it neutral.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from planwatch.cli.store import load_demo
from planwatch.extract.quantities import extract_quantities
from planwatch.monitor.service import assessment_rows
from planwatch.store.actuals import import_actuals

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = [json.loads(line) for line in (DATA / "monitor" / "stated-direction.jsonl").read_text().splitlines() if line]
ACTUALS = DATA / "report" / "pingshan-2019-actuals.csv"


@pytest.mark.parametrize("case", CASES, ids=[c["doc"] for c in CASES])
def test_the_sentence_says_which_way_is_better(case: dict[str, str]) -> None:
    records = [q for q in extract_quantities(case["text"], case["doc"]) if q.indicator == case["indicator"]]
    assert len(records) == 1, [q.indicator for q in extract_quantities(case["text"], case["doc"])]
    assert records[0].polarity == case["polarity"], case["why"]


def test_a_share_to_reach_after_a_verb_of_raising_is_met_above_its_value(engine: Engine) -> None:
    plan = load_demo(engine)[0].plan_id
    import_actuals(engine, ACTUALS, who="区统计局 李四")
    rows = {r.indicator: r for r in assessment_rows(engine, plan_id=plan)}
    share = rows["普惠性幼儿园比例"]
    assert (share.value, share.actual, share.status) == (85.0, 86.2, "met")
    assert getattr(share.rule, "key", "") == "rule_=_higher"


def test_a_two_sided_miss_is_worded_off_the_target_never_above_it(engine: Engine) -> None:
    """Stored before the sentence's direction was read (no polarity on the record nor its indicator), the same share is
    two-sided: 86.2 % against 85 % is missed, and its gap says it is off the target, not "above the target" beside
    missed (the pages: 偏离目标1.2个百分点（偏高）)."""
    from sqlalchemy import update

    from planwatch.store.db import transaction
    from planwatch.store.schema import Indicator, Record

    plan = load_demo(engine)[0].plan_id
    import_actuals(engine, ACTUALS, who="区统计局 李四")
    with transaction(engine) as session:
        session.execute(update(Record).where(Record.indicator == "普惠性幼儿园比例").values(polarity=None))
        session.execute(update(Indicator).where(Indicator.name == "普惠性幼儿园比例").values(polarity="neutral"))
    share = next(r for r in assessment_rows(engine, plan_id=plan) if r.indicator == "普惠性幼儿园比例")
    assert share.status == "missed" and getattr(share.rule, "key", "") == "rule_=_neutral"
    assert getattr(share.gap, "key", "") == "gap_off_above" and "above the target" not in str(share.gap)
