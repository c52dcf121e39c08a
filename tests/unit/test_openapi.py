"""The OpenAPI document: generated from every service's Powertools resolver, and committed up to date."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from inetta import openapi

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def document() -> dict:
    return openapi.generate()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in openapi.HTTP_METHODS:
                yield method, path, operation


def test_the_committed_document_is_up_to_date():
    problem = openapi.check()
    assert problem is None, problem  # e.g. "docs/openapi.json is out of date ...: run `.venv/bin/inetta openapi`"


def test_the_check_says_how_to_regenerate(tmp_path):
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n")
    assert "run `.venv/bin/inetta openapi`" in openapi.check(stale)


def test_every_service_with_http_routes_is_discovered(document):
    # Any handler module that makes a Powertools HTTP resolver and registers a route is in the document.
    with_routes = {
        handler.parent.name
        for handler in (REPO / "services").glob("*/handler.py")
        if "APIGatewayHttpResolver(" in handler.read_text()
        and re.search(r"^@app\.(get|post|put|patch|delete)\(", handler.read_text(), re.M)
    }
    tagged = {tag for _, _, operation in operations(document) for tag in operation["tags"]}
    assert with_routes <= tagged
    assert {"chat", "circles", "consent"} <= tagged


def test_it_is_openapi_3_with_the_jwt_bearer_scheme(document):
    assert document["openapi"].startswith("3.")
    scheme = document["components"]["securitySchemes"][openapi.SECURITY_SCHEME]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert document["security"] == [{openapi.SECURITY_SCHEME: []}]


def test_health_is_the_only_unauthenticated_operation(document):
    public = {(method, path) for method, path, operation in operations(document) if operation.get("security") == []}
    assert public == {("get", "/health")}
    for method, path, operation in operations(document):
        if (method, path) != ("get", "/health"):
            assert "security" not in operation  # the document's default: the bearer token
            assert "401" in operation["responses"], (method, path)


def test_errors_are_documented_as_the_services_send_them(document):
    assert document["components"]["schemas"]["Error"]["required"] == ["error", "message"]
    chat = document["paths"]["/threads/{thread_id}/messages"]["post"]
    assert chat["responses"]["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "HTTPValidationError" not in json.dumps(document)


def test_every_reference_resolves(document):
    text = json.dumps(document)
    referenced = set(re.findall(r'"#/components/schemas/([^"]+)"', text))
    assert referenced <= set(document["components"]["schemas"])


def test_request_bodies_and_parameters_come_from_the_handlers(document):
    post = document["paths"]["/threads/{thread_id}/messages"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/NewMessage"}
    headers = {p["name"] for p in post["parameters"] if p["in"] == "header"}
    assert "idempotency-key" in headers
    assert {"self", "summary", "themes", "private"} >= set(document["components"]["schemas"]["ConsentLevel"]["enum"])


def test_operation_ids_are_unique(document):
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))
