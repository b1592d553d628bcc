"""Property-based API tests from the OpenAPI spec: no input makes the server answer 500.

Cases come from schemathesis' strategies for each operation of the live server's spec and
run under hypothesis with a bounded number of examples (the whole module: < 60 s).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.slow

OPERATIONS = [
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/stats"),
    ("GET", "/api/markers"),
    ("GET", "/api/export"),
    ("GET", "/api/places"),
    ("GET", "/api/config"),
    ("POST", "/api/extract"),
    ("GET", "/api/live"),
]


@pytest.fixture(scope="module")
def api_schema(server: Any) -> Any:
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


def test_spec_lists_every_operation(api_schema: Any) -> None:
    found = {
        (op.method.upper(), op.path) for op in (r.ok() for r in api_schema.get_all_operations())
    }
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_never_500(api_schema: Any, server: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]
    examples = 15 if method == "POST" else 40

    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def check(case: Any) -> None:
        response = case.call(base_url=server.url, timeout=120)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path}: {response.text[:300]}"
        )
        if response.status_code >= 400:
            body = response.json()
            assert body["ok"] is False and body["status"] == response.status_code and body["error"]

    check()
