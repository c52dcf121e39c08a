"""The local API serves the OpenAPI document and the web client; the document matches the deployed routes."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlsplit

import pytest
import requests

from inetta import openapi


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


@pytest.fixture(scope="module")
def served(api_url) -> dict:
    response = requests.get(f"{api_url}/openapi.json", timeout=120)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def template_routes(template: dict) -> dict[tuple[str, str], str]:
    """(method, path shape) -> authorization type, for every route of the template's HTTP API."""
    routes = {}
    for resource in template["Resources"].values():
        # The WebSocket API's routes ($connect, $disconnect) are not HTTP operations: the document leaves them out.
        if resource["Type"] == "AWS::ApiGatewayV2::Route" and " " in resource["Properties"]["RouteKey"]:
            method, path = resource["Properties"]["RouteKey"].split(" ", 1)
            routes[method.lower(), _shape(path)] = resource["Properties"].get("AuthorizationType", "NONE")
    return routes


def documented(document: dict) -> dict[tuple[str, str], dict]:
    return {(method, _shape(path)): operation for path, item in document["paths"].items()
            for method, operation in item.items() if method in openapi.HTTP_METHODS}


def test_the_local_api_serves_the_document_generated_from_the_handlers(served, api_url):
    assert served["openapi"].startswith("3.")
    assert served["servers"][0]["url"] == api_url
    generated = openapi.generate()
    assert served["paths"] == generated["paths"]
    assert served["components"] == generated["components"]


def test_every_deployed_route_is_documented_and_nothing_else(served, local_stack):
    routes = template_routes(local_stack.template)
    operations = documented(served)
    assert set(routes) - set(operations) == set(), "routes of the CDK app that no handler documents"
    assert set(operations) - set(routes) == set(), "handler routes that the CDK app does not route to"


def test_the_document_marks_exactly_the_public_routes_as_unauthenticated(served, local_stack):
    routes = template_routes(local_stack.template)
    for key, operation in documented(served).items():
        public = operation.get("security") == []
        assert public == (routes[key] == "NONE"), key


def test_the_web_client_is_served(api_url):
    redirect = requests.get(f"{api_url}/", allow_redirects=False, timeout=10)
    assert redirect.status_code == 302 and redirect.headers["location"] == "/app/"
    page = requests.get(f"{api_url}/app/", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert '<script type="module" src="app.js">' in page.text
    script = requests.get(f"{api_url}/app/app.js", timeout=10)
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert requests.get(f"{api_url}/app/nothing-here.js", timeout=10).status_code == 404


def test_the_web_client_gets_this_stacks_config(api_url, local_stack):
    config = requests.get(f"{api_url}/app/config.json", timeout=10).json()
    assert config["auth"] == "local" and config["apiUrl"] == ""
    assert config["userPoolId"] == local_stack.user_pool_id
    assert config["userPoolClientId"] == local_stack.user_pool_client_id


def test_no_file_outside_web_is_served(api_url):
    host = urlsplit(api_url)
    for path in ("/app/../pyproject.toml", "/app/%2e%2e/pyproject.toml", "/app/..%2fpyproject.toml"):
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.status != 200 or b"[project]" not in body, path


def test_the_api_still_answers_beside_the_pages(member):
    assert member.request("GET", "/threads").status_code == 200
    assert requests.get(f"{member.api_url}/health", timeout=10).json() == {"status": "ok"}
