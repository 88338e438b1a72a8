"""The template environment: `row.key` on the views' dicts reads as Jinja reads it, only faster."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest
from jinja2 import Environment

from planwatch.web.render import environment


class Row:
    """An object with attributes (not a dict): Jinja's own lookup applies."""

    value = 3
    items = "attribute"


@pytest.mark.parametrize("source", [
    "{{ r.quote }}|{{ r.year or '' }}|{{ r.missing }}|{{ r.missing is defined }}|{{ r.value is none }}",
    "{{ r.items }}|{{ r.keys }}|{{ r.get('quote') }}|{{ r.items()|list|length }}",  # dict methods stay methods
    "{{ r.value }}|{{ r.items }}|{{ r.missing is defined }}",
    "{% for k, v in r.items() %}{{ k }}={{ v }};{% endfor %}",
])
@pytest.mark.parametrize("row", [
    {"quote": "“增长 5%”", "year": None, "value": None, "items": "a key", "keys": 1},
    {"quote": "<b>", "year": 2024, "value": 0.0},
    {},
    OrderedDict(quote="x", items="key of a dict subclass"),
    Row(),
], ids=["shadowing keys", "plain", "empty", "dict subclass", "object"])
def test_lookups_read_as_jinja_reads_them(source: str, row: Any) -> None:
    plain = Environment(autoescape=True)  # Jinja's lookup: attribute first, then item
    assert _render(environment(), source, row) == _render(plain, source, row)


def _render(env: Environment, source: str, row: Any) -> str:
    """The text, or the error's type and message (the same error either way)."""
    try:
        return env.from_string(source).render(r=row)
    except Exception as exc:  # noqa: BLE001  (compared, not handled)
        return f"{type(exc).__name__}: {exc}"


def test_serving_freezes_the_startup_objects_out_of_the_collectors_reach(demo_engine) -> None:  # type: ignore[no-untyped-def]
    """Each full garbage collection traversed the ≈ 140,000 objects of modules, routes and templates (pauses of
    ≈ 100 ms, the indicator page's p95 twice its median): while the app serves they are frozen, afterwards not."""
    import gc

    from tests.web.conftest import make_client

    gc.unfreeze()
    client = make_client(demo_engine)
    assert gc.get_freeze_count() == 0
    with client:
        assert gc.get_freeze_count() > 50_000
        assert client.get("/").status_code == 200
    assert gc.get_freeze_count() == 0
