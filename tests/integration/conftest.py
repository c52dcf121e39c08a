"""Integration tests run against the local stack: the CDK app's template provisioned into moto, the functions in
local workers, the HTTP API with a real JWT authorizer.

One stack per test process (per pytest-xdist worker), shared by the whole session: starting one costs a few
seconds (plus a synth the first time, cached afterwards). It runs in a child process (inetta.local.remote), out of
reach of `mock_aws()` in unit tests that share the worker. Tests isolate themselves by data, not by resets: each
gets fresh members (random usernames), so their threads, circles and records never meet.

Fixtures: `local_stack` (the RemoteLocalStack: api_url, moto_url, client(), tick(), drain(), invoke(),
invocations(), function_env(), sign_up() ...), `api_url`, `member` and `another_member` (signed-up members with
an authenticated requests session), `make_member` (a factory for more).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from inetta.local.cognito import strong_password
from inetta.local.remote import RemoteLocalStack

HERE = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 30


def pytest_collection_modifyitems(config, items):
    # Everything under tests/integration needs the local stack: mark it, so `-m "not integration"` skips it.
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def local_stack():
    # No background ticker: schedules fire when a test calls tick(), so nothing happens behind a test's back.
    with RemoteLocalStack(api_port=0, moto_port=0, run_ticker=False) as stack:
        yield stack


@pytest.fixture(scope="session")
def api_url(local_stack) -> str:
    return local_stack.api_url


@dataclass
class Member:
    """A signed-up member and an HTTP session that sends their access token, as the product's apps do."""

    username: str
    password: str
    tokens: dict[str, Any]
    api_url: str
    session: requests.Session = field(repr=False, default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.headers["Authorization"] = f"Bearer {self.access_token}"

    @property
    def sub(self) -> str:
        return self.tokens["sub"]

    @property
    def access_token(self) -> str:
        return self.tokens["access_token"]

    @property
    def id_token(self) -> str:
        return self.tokens["id_token"]

    def url(self, path: str) -> str:
        return f"{self.api_url}/{path.lstrip('/')}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        return self.session.request(method, self.url(path), **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


@pytest.fixture
def make_member(local_stack):
    """Sign up a fresh member: `make_member()`, or `make_member("ada")` for a readable username prefix."""
    sessions: list[requests.Session] = []

    def make(name: str = "member") -> Member:
        username = f"{name}-{secrets.token_hex(6)}"
        password = strong_password()
        tokens = local_stack.sign_up(username, password, f"{username}@example.test")
        member = Member(tokens["username"], password, tokens, local_stack.api_url)
        sessions.append(member.session)
        return member

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def member(make_member) -> Member:
    return make_member("member")


@pytest.fixture
def another_member(make_member) -> Member:
    return make_member("another")
