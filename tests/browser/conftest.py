"""Browser tests: the web client (web/) in headless Chromium from Debian's packages, driven by Playwright.

Nothing is downloaded at test time: Playwright (the Python package) drives `/usr/bin/chromium` (Debian's
`chromium` package; `make browser-deps` installs it). Without Chromium or Playwright the tests are skipped, with
the reason. Screenshots go to test-artifacts/browser/ (gitignored).

The web client is served by the local stack's gateway, exactly as under `make dev`: sign-in uses the local token
route, everything else the real HTTP API with the JWT authorizer.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

import pytest
import requests

from inetta.local.cognito import strong_password
from inetta.local.remote import RemoteLocalStack

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("INETTA_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def _why_not_runnable() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}: run `make browser-deps` (apt-get install chromium chromium-driver)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_not_runnable()
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))  # one stack and one browser for all of them
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def web_stack():
    with RemoteLocalStack(api_port=0, moto_port=0, run_ticker=False) as stack:
        yield stack


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context (no session storage) on a phone-sized screen; a screenshot at the end."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    page.screenshot(path=str(ARTIFACTS / f"{name}-final.png"), full_page=True)
    context.close()
    assert not problems, f"JavaScript errors on the page: {problems}"


class WebMember:
    def __init__(self, stack, name: str):
        self.username = f"{name}-{secrets.token_hex(4)}@example.test"
        self.password = strong_password()
        self.tokens = stack.sign_up(self.username, self.password, self.username)
        self.api_url = stack.api_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {self.tokens['access_token']}"

    @property
    def sub(self) -> str:
        return self.tokens["sub"]

    def call(self, method: str, path: str, **kwargs):
        response = self.session.request(method, f"{self.api_url}{path}", timeout=30, **kwargs)
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response.json() if response.content else None


@pytest.fixture
def make_web_member(web_stack):
    return lambda name="member": WebMember(web_stack, name)


def shot(page, request, step: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{step}.png"), full_page=True)
