"""Schemathesis against the app's own /openapi.json (issue 12, request validation).

Requests generated from the schema (valid ones, and ones that break it: wrong types, ids and
pages far beyond 64 bits, years out of range, missing fields) go to every JSON API operation of
the in-process app (ASGI), signed in as the admin on a fresh copy of the demo database. None may
answer 500, and every 4xx/5xx JSON answer is the one error shape {"error": {"code", "message",
"details"}}. test_hardening.py walks every route (pages too) with the fixed cases of the issue.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from .conftest import Demo

EXAMPLES = 6  # per operation and generation mode: the whole run stays within about a minute


def _schema() -> Any:
    """The app's OpenAPI schema, read from the app itself (its routes need no database for that)."""
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(secret_key="schema-only"))
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=r"^/api/")


schema = _schema()


def _problem(case: schemathesis.Case, response: Any) -> str | None:
    """What is wrong with `response` to `case`: a server error, or an error answer not in the one shape."""
    what = f"{case.method} {case.formatted_path} query={case.query} body={str(case.body)[:160]}"
    if response.status_code >= 500:
        return f"{what}: {response.status_code} {response.text[:200]}"
    content_type = (response.headers.get("content-type") or [""])[0]  # schemathesis: each header a list
    if response.status_code >= 400 and content_type.startswith("application/json"):
        error = response.json().get("error")
        if not (isinstance(error, dict) and error.get("code") and error.get("message")):
            return f"{what}: {response.status_code} not the one error shape: {response.text[:200]}"
    return None


def test_generated_requests_never_get_a_server_error(client: TestClient, demo: Demo) -> None:
    """Every /api/ operation × valid and schema-breaking requests, on one fresh demo database."""
    headers = {"Authorization": f"Bearer {demo.tokens['admin']}"}
    problems: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate], derandomize=True,
                      suppress_health_check=list(HealthCheck), database=None)
            @given(case=operation.as_strategy(generation_mode=mode))
            def send(case: schemathesis.Case) -> None:
                problem = _problem(case, case.call(app=client.app, headers=headers))
                if problem and len(problems) < 20:
                    problems.append(problem)

            try:
                send()
            except Unsatisfiable:  # nothing of this operation can break the schema (no parameters, no body)
                assert mode is GenerationMode.NEGATIVE, operation.label
    assert operations > 20
    assert not problems, "\n".join(problems)
