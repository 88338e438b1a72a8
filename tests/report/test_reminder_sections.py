"""The reminder mail numbers every section: the numerals stopped at 六, and a seventh section (a task owed in yet
another round, say) was silently left out of the mail."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from planwatch.settings import Settings


def test_every_section_of_a_long_reminder_is_in_the_mail() -> None:
    from planwatch.report.reminders import compose
    from planwatch.store.supervision import Digest

    as_of = date(2019, 12, 6)
    owed: list[tuple[Any, Any]] = []
    for n in range(1, 12):  # eleven tasks, each owed in a round of its own: eleven sections
        task = SimpleNamespace(id=n, action="推进", object=f"第{n}项工作", deadline=date(2019, 12, 31), updates=[])
        rnd = SimpleNamespace(id=100 + n, title=f"第{n}轮进展填报", due=date(2019, 12, 1 + n))
        owed.append((task, rnd))
    digest = Digest("区教育局", as_of, owed=owed)
    body = compose(digest, "a@b.example", Settings(dashboard_url="https://pw.example")).get_content()
    assert "第11项工作" in body and "十一、本轮待报送：第11轮进展填报（2019-12-12 截止）" in body
    assert "七、" in body and "十、" in body
