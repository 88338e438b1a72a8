"""Schemathesis against the app's own /openapi.json (issue 12, request validation).

Requests generated from the schema (valid ones, and ones that break it: wrong types, ids and
pages far beyond 64 bits, years out of range, missing fields) go to every JSON API operation of
the in-process app (ASGI), signed in as the admin on a fresh copy of the demo database. None may
answer 500, and every 4xx/5xx JSON answer is the one error shape {"error": {"code", "message",
"details"}}. test_hardening.py walks every route (pages too) with the fixed cases of the issue.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from sqlalchemy import Engine

from .conftest import Demo, make_client

EXAMPLES = 8  # per operation and generation mode: the whole run stays within about a minute


def _schema() -> Any:
    """The app's OpenAPI schema, read from the app itself (its routes need no database for that)."""
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(secret_key="schema-only"))
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=r"^/api/")


schema = _schema()


@pytest.fixture
def admin_app(demo_engine: Engine) -> Iterator[Any]:
    """The app over this test's fresh copy of the demo database."""
    with make_client(demo_engine) as client:
        yield client.app


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate], derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_generated_requests_never_get_a_server_error(case: schemathesis.Case, admin_app: Any, demo: Demo) -> None:
    response = case.call(app=admin_app, headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    what = f"{case.method} {case.formatted_path} {case.query or ''} {str(case.body)[:200]}"
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith("application/json"):
        error = response.json().get("error")
        assert isinstance(error, dict) and error.get("code") and error.get("message"), f"{what}: {response.text[:300]}"
